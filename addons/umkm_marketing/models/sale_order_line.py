from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import float_compare, float_round

from odoo.addons.umkm_cluster.tools.shares import price_less_margin


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    umkm_member_id = fields.Many2one(
        "umkm.member",
        string="Producing member",
        compute="_compute_umkm_member_id",
        store=True,
        readonly=False,
        index="btree_not_null",
        help="The member SME that makes this product for the cooperative.",
    )
    umkm_member_price = fields.Monetary(
        string="Member price",
        compute="_compute_umkm_member_price",
        store=True,
        readonly=False,
        groups="umkm_cluster.group_umkm_officer",
        help="What the cooperative pays the member per unit: the price the member answered "
        "to the buyer's inquiry, or the catalogue's wholesale price less the cooperative "
        "margin.",
    )
    umkm_purchase_line_ids = fields.One2many(
        "purchase.order.line",
        "umkm_sale_line_id",
        string="Member purchase lines",
        readonly=True,
        copy=False,
    )
    umkm_qty_gap = fields.Float(
        string="Not yet with a member",
        compute="_compute_umkm_qty_gap",
        digits="Product Unit of Measure",
        help="Quantity of this line no member has (still) taken: declined or not ordered.",
    )

    @api.depends("product_id")
    def _compute_umkm_member_id(self):
        for line in self:
            line.umkm_member_id = line.product_id.product_tmpl_id.umkm_member_id

    @api.model
    def _umkm_sale_counts(self, domain, groupby):
        """``{groups: number of sales}`` of members' products matching ``domain``, grouped by
        ``groupby`` (one grouped query, the user's record rules apply)."""
        groups = self._read_group(
            [("umkm_member_id", "!=", False), ("state", "!=", "cancel"), *domain],
            groupby,
            ["order_id:count_distinct"],
        )
        return {tuple(group[:-1]): group[-1] for group in groups}

    def _umkm_member_sources(self, member=None):
        """``{line id: (answered inquiry, approved catalogue line)}`` of each line's producer
        (or ``member``): what the producer answered to the buyer's inquiry behind the sale, and
        its product in the catalogue. The one place the member's price and lead time come
        from (two queries for all the lines)."""
        inquiries = self.env["umkm.catalogue.inquiry"].sudo()
        if self.order_id.ids:
            inquiries = inquiries.search(
                [("sale_order_id", "in", self.order_id.ids), ("answer_date", "!=", False)]
            )
        catalogue_lines = (
            self.env["umkm.catalogue.line"]
            .sudo()
            .search(
                [
                    ("product_tmpl_id", "in", self.product_id.product_tmpl_id.ids),
                    ("state", "=", "approved"),
                ]
            )
        )
        sources = {}
        for line in self:
            producer = member or line.umkm_member_id
            template = line.product_id.product_tmpl_id
            answered = inquiries.filtered(
                lambda q, ln=line, p=producer, t=template: (
                    q.sale_order_id == ln.order_id
                    and q.member_id == p
                    and q.line_id.product_tmpl_id == t
                )
            )[:1]
            catalogue_line = catalogue_lines.filtered(
                lambda c, p=producer, t=template: c.product_tmpl_id == t and c.member_id == p
            )[:1]
            sources[line.id] = (answered, catalogue_line)
        return sources

    @api.depends("umkm_member_id", "product_id", "price_unit")
    def _compute_umkm_member_price(self):
        sources = self._umkm_member_sources()
        for line in self:
            if not line.umkm_member_id:
                line.umkm_member_price = 0.0
                continue
            answered, catalogue_line = sources[line.id]
            if answered:
                line.umkm_member_price = answered.answer_price
                continue
            if catalogue_line:
                base, catalogue = catalogue_line.wholesale_price, catalogue_line.catalogue_id
            else:
                base, catalogue = line.price_unit, line.umkm_member_id.sudo()._umkm_catalogue()
            currency = line.currency_id or line.company_id.currency_id
            line.umkm_member_price = price_less_margin(
                currency, base, catalogue._umkm_margin_percent()
            )

    def _umkm_member_date_planned(self, sources):
        """When the member delivers this line: after the lead time it answered to the buyer's
        inquiry, else on the sale's commitment date, else after its catalogue lead time;
        today only when no lead time is known."""
        self.ensure_one()
        answered, catalogue_line = sources[self.id]
        now = fields.Datetime.now()
        if answered.answer_lead_days:
            return now + timedelta(days=answered.answer_lead_days)
        if self.order_id.commitment_date:
            return self.order_id.commitment_date
        if catalogue_line.lead_time_days:
            return now + timedelta(days=catalogue_line.lead_time_days)
        return now

    @api.depends(
        "product_uom_qty",
        "umkm_purchase_line_ids.product_qty",
        "umkm_purchase_line_ids.state",
        "umkm_purchase_line_ids.order_id.umkm_member_answer",
    )
    def _compute_umkm_qty_gap(self):
        for line in self:
            taken = sum(
                po_line.product_uom._compute_quantity(po_line.product_qty, line.product_uom)
                for po_line in line.sudo().umkm_purchase_line_ids
                if po_line.state != "cancel" and po_line.order_id.umkm_member_answer != "declined"
            )
            rounding = line.product_uom.rounding or 0.01
            gap = float_round(line.product_uom_qty - taken, precision_rounding=rounding)
            line.umkm_qty_gap = gap if float_compare(gap, 0, precision_rounding=rounding) > 0 else 0

    def _compute_tax_id(self):
        """A sale of members' products is the cooperative's sale: PPN only when it is PKP."""
        result = super()._compute_tax_id()
        for line in self.filtered("umkm_member_id"):
            line.update(line.company_id._umkm_tax_vals("tax_id"))
        return result

    def _action_launch_stock_rule(self, previous_product_uom_qty=False):
        """A member delivering directly to the buyer ships the line itself (its dropship):
        the cooperative's warehouse delivers nothing for it."""
        by_member = self.filtered(
            lambda line: line.umkm_member_id and line.order_id.umkm_member_delivery == "buyer"
        )
        return super(SaleOrderLine, self - by_member)._action_launch_stock_rule(
            previous_product_uom_qty=previous_product_uom_qty
        )

    def action_umkm_reassign(self):
        """Open the wizard moving what no member holds to another producer."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Move to another producer"),
            "res_model": "umkm.sale.reassign",
            "view_mode": "form",
            "target": "new",
            "context": {"default_sale_line_id": self.id},
        }
