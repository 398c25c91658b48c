from odoo import Command, api, fields, models


# one concern of the order per file (the order itself in umkm_subcontract_order.py)
# pylint: disable=consider-merging-classes-inherited
class UmkmSubcontractOrder(models.Model):
    """The documents the order makes in Odoo's sale and purchase: the sale order to the firm,
    and the work line it shares with the members' purchase orders."""

    _inherit = "umkm.subcontract.order"

    sale_order_id = fields.Many2one(
        "sale.order", string="Sale order", readonly=True, copy=False, check_company=True
    )
    # the members' purchase orders carry member prices: cooperative only
    purchase_order_ids = fields.Many2many(
        "purchase.order",
        compute="_compute_purchase_orders",
        string="Purchase orders",
        groups="umkm_cluster.group_umkm_officer",
    )
    purchase_order_count = fields.Integer(
        compute="_compute_purchase_orders", groups="umkm_cluster.group_umkm_officer"
    )
    invoice_status = fields.Selection(related="sale_order_id.invoice_status")

    @api.depends("assignment_ids.purchase_order_id")
    def _compute_purchase_orders(self):
        for order in self:
            pos = order.sudo().assignment_ids.purchase_order_id
            order.purchase_order_ids = pos
            order.purchase_order_count = len(pos)

    def _work_description(self):
        self.ensure_one()
        label = self.product_id.display_name or self.env._("Subcontract work")
        if self.description:
            label = f"{label}\n{self.description}"
        return f"[{self.name}] {label}"

    def _get_service_product(self):
        """The product used on the sale and purchase orders: the order's product when it is a
        service, otherwise the generic subcontract service (works with or without stock)."""
        self.ensure_one()
        if self.product_id and self.product_id.type == "service":
            return self.product_id
        return self.env.ref("umkm_partnership.product_subcontract_service")

    def _work_line_values(self, qty_field, qty, uom, price_unit):
        """Values of the sale line (to the firm) or the purchase line (to a member) of this
        work: the service product, the work description, ``qty`` in ``uom`` at ``price_unit``.
        ``qty_field`` is the line's quantity field (``product_uom_qty`` on a sale line,
        ``product_qty`` on a purchase line). A line's unit must measure its product: where
        ``uom`` cannot (the generic service is counted in units, the order in metres), the
        product's own unit is used."""
        self.ensure_one()
        product = self._get_service_product()
        if uom.category_id != product.uom_id.category_id:
            uom = product.uom_id
        return {
            "product_id": product.id,
            "name": self._work_description(),
            qty_field: qty,
            "product_uom": uom.id,
            "price_unit": price_unit,
        }

    def _prepare_sale_line_vals(self):
        """Values of the order's line on the sale order to the firm."""
        self.ensure_one()
        vals = self._work_line_values("product_uom_qty", self.qty, self.uom_id, self.unit_price)
        vals.update(self.company_id._umkm_tax_vals("tax_id"))
        return vals

    def _prepare_sale_order_vals(self):
        """Values of the sale order to the firm, made when the cooperative confirms."""
        self.ensure_one()
        return {
            "partner_id": self.partner_id.id,
            "company_id": self.company_id.id,
            "origin": self.name,
            "client_order_ref": self.name,
            "commitment_date": fields.Datetime.to_datetime(self.date_due),
            "order_line": [Command.create(self._prepare_sale_line_vals())],
        }

    def action_view_sale_order(self):
        self.ensure_one()
        self.check_access("read")
        return {
            "type": "ir.actions.act_window",
            "res_model": "sale.order",
            "res_id": self.sale_order_id.id,
            "view_mode": "form",
        }

    def action_view_purchase_orders(self):
        self.ensure_one()
        self.check_access("read")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Purchase orders"),
            "res_model": "purchase.order",
            "domain": [("id", "in", self.purchase_order_ids.ids)],
            "view_mode": "list,form",
        }
