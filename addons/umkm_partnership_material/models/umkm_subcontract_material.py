from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_compare, float_round

from odoo.addons.umkm_cluster.tools.shares import allocate_proportional
from odoo.addons.umkm_cluster.tools.units import from_units, to_units

# what a stock move of a firm's material is, for the material's figures
MATERIAL_KINDS = [
    ("receive", "Received from the firm"),
    ("issue", "Issued to a member"),
    ("consume", "Consumed"),
    ("return", "Returned to the firm"),
    ("loss", "Lost"),
]
FIGURES = ("received", "issued", "consumed", "returned", "lost")
KIND_FIGURE = dict(zip((k for k, _l in MATERIAL_KINDS), FIGURES, strict=True))
# assignments that may hold the firm's materials
LIVE_WORK = ("accepted", "in_progress", "done")


class UmkmSubcontractMaterial(models.Model):
    """A material the firm supplies for an order: so much per unit of output. The material
    stays the firm's property (stock ownership): the cooperative's books never value it."""

    _name = "umkm.subcontract.material"
    _description = "Subcontract Material Supplied by the Firm"
    _inherit = ["umkm.number.mixin"]
    _order = "order_id, sequence, id"
    _check_company_auto = True

    order_id = fields.Many2one(
        "umkm.subcontract.order", required=True, index=True, ondelete="cascade"
    )
    sequence = fields.Integer(default=10)
    company_id = fields.Many2one(related="order_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="order_id.currency_id")
    partner_id = fields.Many2one(
        related="order_id.partner_id", string="Owner (firm)", store=True, index=True
    )
    cluster_id = fields.Many2one(related="order_id.cluster_id", store=True, index=True)
    product_id = fields.Many2one(
        "product.product",
        string="Material",
        required=True,
        check_company=True,
        domain="[('is_storable', '=', True)]",
    )
    qty_per_unit = fields.Float(
        string="Per unit of output",
        digits="Product Unit of Measure",
        required=True,
        default=1.0,
        help="How much of the material one unit of the ordered work takes.",
    )
    uom_id = fields.Many2one(
        "uom.uom",
        string="Unit",
        required=True,
        compute="_compute_uom_id",
        store=True,
        readonly=False,
        precompute=True,
        domain="[('category_id', '=', product_uom_category_id)]",
        context={"umkm_reference_uom_first": True},
    )
    product_uom_category_id = fields.Many2one(related="product_id.uom_id.category_id")
    loss_percent = fields.Float(
        string="Allowed loss (%)",
        digits=(5, 2),
        help="Cutting waste and spoilage the firm accepts, as a share of what is consumed.",
    )
    price_unit = fields.Monetary(
        string="Value per unit",
        currency_field="currency_id",
        help="The firm's value of one unit of the material: what a member is charged for a "
        "loss above the allowance.",
    )
    move_ids = fields.One2many("stock.move", "umkm_material_id", string="Stock moves")
    # the figures come from stock moves and units a portal user may not read: computed as
    # superuser, for materials the user may read (the record rules decide those)
    qty_required = fields.Float(
        string="Required",
        compute="_compute_qty_required",
        compute_sudo=True,
        digits="Product Unit of Measure",
        help="Ordered quantity × quantity per unit.",
    )
    qty_received = fields.Float(
        string="Received",
        compute="_compute_figures",
        compute_sudo=True,
        digits="Product Unit of Measure",
    )
    qty_issued = fields.Float(
        string="Issued",
        compute="_compute_figures",
        compute_sudo=True,
        digits="Product Unit of Measure",
    )
    qty_consumed = fields.Float(
        string="Consumed",
        compute="_compute_figures",
        compute_sudo=True,
        digits="Product Unit of Measure",
    )
    qty_returned = fields.Float(
        string="Returned",
        compute="_compute_figures",
        compute_sudo=True,
        digits="Product Unit of Measure",
    )
    qty_lost = fields.Float(
        string="Lost",
        compute="_compute_figures",
        compute_sudo=True,
        digits="Product Unit of Measure",
    )
    qty_at_members = fields.Float(
        string="At members",
        compute="_compute_figures",
        compute_sudo=True,
        digits="Product Unit of Measure",
        help="Issued and not yet consumed, returned or lost.",
    )
    qty_in_stock = fields.Float(
        string="At the cooperative",
        compute="_compute_figures",
        compute_sudo=True,
        digits="Product Unit of Measure",
        help="Received and not yet issued or returned.",
    )
    qty_loss_allowed = fields.Float(
        string="Loss allowed",
        compute="_compute_figures",
        compute_sudo=True,
        digits="Product Unit of Measure",
    )
    qty_loss_excess = fields.Float(
        string="Loss above allowance",
        compute="_compute_figures",
        compute_sudo=True,
        digits="Product Unit of Measure",
    )

    _sql_constraints = [
        (
            "qty_per_unit_positive",
            "CHECK(qty_per_unit > 0)",
            "A material needs a positive quantity per unit of output.",
        ),
        (
            "loss_percent_range",
            "CHECK(loss_percent >= 0 AND loss_percent < 100)",
            "The allowed loss is a percentage from 0 to under 100.",
        ),
        ("price_unit_positive", "CHECK(price_unit >= 0)", "The value cannot be negative."),
        (
            "product_unique",
            "UNIQUE(order_id, product_id)",
            "A material is listed once per order.",
        ),
    ]

    @api.depends("product_id")
    def _compute_uom_id(self):
        for material in self:
            material.uom_id = material.product_id.uom_id or material.uom_id

    @api.depends("order_id.qty", "qty_per_unit", "uom_id")
    def _compute_qty_required(self):
        for material in self:
            material.qty_required = float_round(
                material.order_id.qty * material.qty_per_unit,
                precision_rounding=material.uom_id.rounding or 0.01,
            )

    @api.depends(
        "move_ids.state",
        "move_ids.quantity",
        "move_ids.umkm_assignment_id",
        "move_ids.umkm_material_kind",
        "loss_percent",
    )
    def _compute_figures(self):
        figures = self._figures_by_assignment()
        for material in self:
            totals = dict.fromkeys(FIGURES, 0.0)
            at_members = 0.0
            for (material_id, assignment_id), row in figures.items():
                if material_id != material.id:
                    continue
                for figure in FIGURES:
                    totals[figure] += row[figure]
                if assignment_id:
                    at_members += row["at_member"]
            rounding = material.uom_id.rounding or 0.01
            for figure in FIGURES:
                totals[figure] = float_round(totals[figure], precision_rounding=rounding)
            material.qty_received = totals["received"]
            material.qty_issued = totals["issued"]
            material.qty_consumed = totals["consumed"]
            material.qty_returned = totals["returned"]
            material.qty_lost = totals["lost"]
            material.qty_at_members = float_round(at_members, precision_rounding=rounding)
            stock = figures.get((material.id, False), {})
            material.qty_in_stock = float_round(
                totals["received"]
                - totals["issued"]
                - stock.get("returned", 0.0)
                - stock.get("lost", 0.0),
                precision_rounding=rounding,
            )
            allowed = float_round(
                totals["consumed"] * material.loss_percent / 100.0, precision_rounding=rounding
            )
            material.qty_loss_allowed = allowed
            material.qty_loss_excess = max(
                0.0, float_round(totals["lost"] - allowed, precision_rounding=rounding)
            )

    @api.constrains("product_id", "uom_id")
    def _check_uom(self):
        for material in self:
            if material.product_id.uom_id.category_id != material.uom_id.category_id:
                raise ValidationError(
                    self.env._(
                        "The unit %(uom)s cannot measure %(product)s.",
                        uom=material.uom_id.name,
                        product=material.product_id.display_name,
                    )
                )
            if not material.product_id.is_storable:
                raise ValidationError(
                    self.env._(
                        "%(product)s must be a product tracked in stock to be supplied by the "
                        "firm.",
                        product=material.product_id.display_name,
                    )
                )

    # ------------------------------------------------------------------ figures
    def _figures_by_assignment(self):
        """The done stock moves of these materials in one grouped read:
        ``{(material id, assignment id or False): {figure: qty}}`` in each material's unit,
        with ``at_member`` = issued − consumed − returned − lost for an assignment."""
        result = defaultdict(lambda: dict.fromkeys((*FIGURES, "at_member"), 0.0))
        if not self.ids:
            return result
        materials = self.browse(self.ids)
        groups = (
            self.env["stock.move"]
            .sudo()
            ._read_group(
                [("umkm_material_id", "in", materials.ids), ("state", "=", "done")],
                ["umkm_material_id", "umkm_assignment_id", "umkm_material_kind", "product_uom"],
                ["quantity:sum"],
            )
        )
        for material, assignment, kind, uom, qty in groups:
            material = materials.browse(material.id)
            converted = uom._compute_quantity(qty, material.uom_id, round=False)
            result[(material.id, assignment.id)][KIND_FIGURE[kind]] += converted
        for (material_id, assignment_id), row in result.items():
            rounding = self.browse(material_id).uom_id.rounding or 0.01
            for figure in FIGURES:
                row[figure] = float_round(row[figure], precision_rounding=rounding)
            if assignment_id:
                row["at_member"] = float_round(
                    row["issued"] - row["consumed"] - row["returned"] - row["lost"],
                    precision_rounding=rounding,
                )
        return result

    # ------------------------------------------------------------------ locations
    @api.model
    def _member_locations(self, members, company):
        """Each member's location for the firm's materials, under the warehouse of
        ``company``: ``{member: location}`` (see ``umkm.member._umkm_stock_locations``)."""
        warehouse = self.env["stock.warehouse"]._umkm_for_company(company)
        return members._umkm_stock_locations(warehouse)

    # ------------------------------------------------------------------ moves
    @api.model
    def _done_moves(self, vals_list):
        """Create stock moves of the firm's materials and validate them at once, through the
        stock engine (reservation of the firm's own quants, no valuation of them)."""
        if not vals_list:
            return self.env["stock.move"]
        moves = self.env["stock.move"].sudo().create(vals_list)
        moves._action_confirm(merge=False)
        moves._action_assign()
        self._check_fully_reserved(moves)
        moves.picked = True
        moves._action_done()
        return moves

    @api.model
    def _check_fully_reserved(self, moves):
        """Every move found the firm's material it moves, or a clear error (nothing is done)."""
        short = moves.filtered(
            lambda m: (
                float_compare(
                    m.quantity, m.product_uom_qty, precision_rounding=m.product_uom.rounding
                )
                < 0
            )
        )
        if short:
            move = short[0]
            raise UserError(
                self.env._(
                    "Only %(available)s %(uom)s of %(product)s are at %(location)s (%(qty)s "
                    "needed).",
                    available=move.quantity,
                    uom=move.product_uom.name,
                    product=move.product_id.display_name,
                    location=move.location_id.display_name,
                    qty=move.product_uom_qty,
                )
            )

    def _move_vals(self, qty, kind, source, destination, assignment=None, picking=None):
        self.ensure_one()
        order = self.order_id
        return {
            "name": f"{order.name}: {self.product_id.display_name}",
            "product_id": self.product_id.id,
            "product_uom": self.uom_id.id,
            "product_uom_qty": qty,
            "location_id": source.id,
            "location_dest_id": destination.id,
            "company_id": order.company_id.id,
            "restrict_partner_id": order.partner_id.commercial_partner_id.id,
            "origin": order.name,
            "umkm_material_id": self.id,
            "umkm_material_kind": kind,
            "umkm_assignment_id": assignment.id if assignment else False,
            "picking_id": picking.id if picking else False,
        }

    def _firm_location(self):
        self.ensure_one()
        return self.order_id.partner_id.commercial_partner_id.with_company(
            self.company_id
        ).property_stock_supplier

    # ------------------------------------------------------------------ issue
    def _qty_for(self, qty):
        """What ``qty`` units of work take of this material, its loss allowance included."""
        self.ensure_one()
        return qty * self.qty_per_unit * (1 + self.loss_percent / 100.0)

    def _issue_plan(self, assignments):
        """How much of each material each assignment gets now: its quantity × per unit
        (plus the allowed loss), less what it already has; when the cooperative holds less
        than asked, what it holds is shared in proportion, exactly.
        :return: ``{(material, assignment): qty}`` (positive quantities only)"""
        figures = self._figures_by_assignment()
        plan = {}
        for material in self:
            rounding = material.uom_id.rounding or 0.01
            wanted = []
            for line in assignments:
                target = material._qty_for(line.qty)
                had = figures.get((material.id, line.id), {}).get("issued", 0.0)
                wanted.append(max(0, to_units(target - had, rounding, "UP")))
            in_stock = to_units(material.qty_in_stock, rounding, "DOWN")
            for line, units in zip(
                assignments, allocate_proportional(max(0, in_stock), wanted), strict=True
            ):
                if units > 0:
                    plan[(material, line)] = from_units(units, rounding)
        return plan
