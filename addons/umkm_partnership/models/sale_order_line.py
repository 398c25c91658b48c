from odoo import api, fields, models
from odoo.tools import float_compare, float_round


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

    @api.depends("umkm_member_id", "product_id", "price_unit")
    def _compute_umkm_member_price(self):
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
        for line in self:
            if not line.umkm_member_id:
                line.umkm_member_price = 0.0
                continue
            answered = inquiries.filtered(
                lambda q, ln=line: (
                    q.sale_order_id == ln.order_id
                    and q.member_id == ln.umkm_member_id
                    and q.line_id.product_tmpl_id == ln.product_id.product_tmpl_id
                )
            )
            if answered:
                line.umkm_member_price = answered[0].answer_price
                continue
            catalogue_line = catalogue_lines.filtered(
                lambda c, ln=line: (
                    c.product_tmpl_id == ln.product_id.product_tmpl_id
                    and c.member_id == ln.umkm_member_id
                )
            )[:1]
            base = catalogue_line.wholesale_price if catalogue_line else line.price_unit
            margin = catalogue_line.catalogue_id.margin_percent if catalogue_line else 10.0
            currency = line.currency_id or line.company_id.currency_id
            line.umkm_member_price = currency.round(base * (1.0 - margin / 100.0))

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
