from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import float_compare

from odoo.addons.umkm_cluster.tools.sql_batch import grouped_sums, insert_rows


class UmkmProcurementStandingDemand(models.Model):
    """What a member buys of a material in every round of a recurring round: carried into
    each new round as its demand, which it may still change or remove until the deadline."""

    _name = "umkm.procurement.standing.demand"
    _description = "Standing Demand"
    _inherit = ["umkm.number.mixin"]
    _order = "template_id, member_id, id"
    _check_company_auto = True

    template_id = fields.Many2one(
        "umkm.procurement.round.template",
        string="Recurring round",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    member_id = fields.Many2one(
        "umkm.member",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
        domain="[('cluster_id', '=', cluster_id), ('state', '=', 'active')]",
    )
    partner_id = fields.Many2one(related="member_id.partner_id", string="SME", store=True)
    cluster_id = fields.Many2one(related="template_id.cluster_id", store=True, index=True)
    company_id = fields.Many2one(related="template_id.company_id", store=True, index=True)
    product_id = fields.Many2one(
        "product.product", string="Material", required=True, index=True, check_company=True
    )
    allowed_product_ids = fields.Many2many(
        "product.product", compute="_compute_allowed_product_ids"
    )
    qty = fields.Float(string="Quantity", required=True, digits="Product Unit of Measure")
    uom_id = fields.Many2one(
        "uom.uom",
        string="Unit",
        required=True,
        compute="_compute_uom_id",
        store=True,
        readonly=False,
        precompute=True,
        domain="[('category_id', '=', product_uom_category_id)]",
    )
    product_uom_category_id = fields.Many2one(related="product_id.uom_id.category_id")
    active = fields.Boolean(
        default=True, help="Stopped standing demand is no longer carried into new rounds."
    )
    demand_ids = fields.One2many(
        "umkm.procurement.demand", "standing_id", string="Demand in rounds", readonly=True
    )

    _sql_constraints = [
        (
            "member_product_uniq",
            "unique(template_id, member_id, product_id)",
            "A member has one standing demand per material of a recurring round: change its "
            "quantity instead.",
        ),
    ]

    @api.depends("template_id.line_ids.product_id")
    def _compute_allowed_product_ids(self):
        for standing in self:
            standing.allowed_product_ids = standing.template_id.line_ids.product_id

    @api.depends("product_id")
    def _compute_uom_id(self):
        for standing in self:
            if standing.product_id and (
                not standing.uom_id
                or standing.uom_id.category_id != standing.product_id.uom_id.category_id
            ):
                standing.uom_id = standing.product_id.uom_po_id

    def _qty_in_uom(self, uom):
        self.ensure_one()
        return self.uom_id._compute_quantity(self.qty, uom, round=False)

    def _above_max(self, line):
        """True when the quantity is above the maximum per member of the material ``line``
        (a template's or a round's line: both have ``uom_id`` and ``qty_max_member``)."""
        self.ensure_one()
        return (
            float_compare(
                self._qty_in_uom(line.uom_id),
                line.qty_max_member,
                precision_rounding=line.uom_id.rounding,
            )
            > 0
        )

    @api.constrains("qty", "uom_id", "product_id", "template_id", "member_id", "active")
    def _check_standing(self):
        for standing in self:
            if not standing.active:
                continue
            product = standing.product_id.display_name
            if float_compare(standing.qty, 0.0, precision_rounding=standing.uom_id.rounding) <= 0:
                raise ValidationError(
                    self.env._(
                        "The quantity of %(product)s must be greater than zero.", product=product
                    )
                )
            if standing.uom_id.category_id != standing.product_id.uom_id.category_id:
                raise ValidationError(
                    self.env._(
                        "%(uom)s cannot measure %(product)s: use a unit of the category "
                        "%(category)s.",
                        uom=standing.uom_id.name,
                        product=product,
                        category=standing.product_id.uom_id.category_id.name,
                    )
                )
            line = standing.template_id.line_ids.filtered(
                lambda tl, s=standing: tl.product_id == s.product_id
            )
            if not line:
                raise ValidationError(
                    self.env._(
                        "%(product)s is not a material of %(template)s.",
                        product=product,
                        template=standing.template_id.name,
                    )
                )
            if standing._above_max(line):
                raise ValidationError(
                    self.env._(
                        "%(member)s can order at most %(qty)s %(uom)s of %(product)s in a round "
                        "of %(template)s: check the quantity (a typing error?) or ask the "
                        "cooperative.",
                        member=standing.member_id.display_name,
                        qty=self._umkm_format_number(line.qty_max_member),
                        uom=line.uom_id.name,
                        product=product,
                        template=standing.template_id.name,
                    )
                )
            if standing.member_id.cluster_id != standing.template_id.cluster_id:
                raise ValidationError(
                    self.env._(
                        "%(member)s is not a member of the cluster of %(template)s.",
                        member=standing.member_id.display_name,
                        template=standing.template_id.name,
                    )
                )

    @api.model
    def _umkm_carry(self, rounds):
        """Carry the active standing demand of the active members into ``rounds`` (open
        rounds of templates, just opened) as their demand, submitted as a member's own save
        on the portal would be. Standing demand of a material the round left out (no vendor
        price), or above the round's maximum per member, is not carried.

        One read of the standing demand and one insert of the demand lines, whatever the
        number of members (``sql_batch.insert_rows``: 20,000 lines through the ORM's create
        cost half a minute of per-record work). The lines are valid by construction, as the
        demand's own checks would find them: the standing demand was checked when entered
        (quantity above zero, a unit of the material, a material of the template, a member of
        its cluster, one per member and material), the members are active, the rounds open
        and new; then the rounds' row is written and their materials aggregated, as a demand
        change does."""
        rounds = rounds.filtered("template_id")
        Demand = self.env["umkm.procurement.demand"]
        if not rounds:
            return Demand
        # one grouped read of plain ids and quantities (a row per standing demand): 20,000
        # records read through the ORM's fields cost more than the whole insert
        standing = grouped_sums(
            self.sudo(),
            [("template_id", "in", rounds.template_id.ids), ("member_id.state", "=", "active")],
            ["template_id", "member_id", "partner_id", "product_id", "uom_id", "id"],
            "qty",
        )
        round_of = {rnd.template_id.id: rnd for rnd in rounds}
        line_of = {(rnd.id, line.product_id.id): line for rnd in rounds for line in rnd.line_ids}
        uoms = self.env["uom.uom"].browse({row[4] for row in standing})
        maximum = {}  # {(round line id, unit id): the line's maximum per member in that unit}
        rows = []
        for template_id, member_id, partner_id, product_id, uom_id, standing_id, qty in standing:
            rnd = round_of[template_id]
            line = line_of.get((rnd.id, product_id))
            if not line:
                continue
            key = (line.id, uom_id)
            if key not in maximum:
                uom = uoms.browse(uom_id)
                maximum[key] = (
                    line.uom_id._compute_quantity(line.qty_max_member, uom, round=False)
                    if uom.category_id == line.uom_id.category_id
                    else None
                )
            if (
                maximum[key] is None
                or float_compare(qty, maximum[key], precision_rounding=uoms.browse(uom_id).rounding)
                > 0
            ):
                continue
            rows.append(
                (
                    rnd.id,
                    member_id,
                    partner_id,
                    rnd.cluster_id.id,
                    rnd.company_id.id,
                    product_id,
                    qty,
                    uom_id,
                    "submitted",
                    standing_id,
                )
            )
        demands = insert_rows(
            Demand.sudo(),
            (
                "round_id",
                "member_id",
                "partner_id",
                "cluster_id",
                "company_id",
                "product_id",
                "qty",
                "uom_id",
                "state",
                "standing_id",
            ),
            rows,
        )
        # the new lines in the rounds' and the standing demand's one2many
        rounds.invalidate_recordset(["demand_ids"])
        self.invalidate_model(["demand_ids"])
        demands._claim_places()
        return demands.with_env(self.env)

    def action_stop(self):
        self.write({"active": False})
        return True
