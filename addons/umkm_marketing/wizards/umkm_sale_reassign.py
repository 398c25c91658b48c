from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_compare


class UmkmSaleReassign(models.TransientModel):
    """Move what a member declined (or nobody holds) on a sale line to another producer."""

    _name = "umkm.sale.reassign"
    _description = "Move Sale Quantity to Another Producer"

    sale_line_id = fields.Many2one("sale.order.line", required=True, ondelete="cascade")
    product_id = fields.Many2one(related="sale_line_id.product_id")
    cluster_id = fields.Many2one(related="sale_line_id.umkm_member_id.cluster_id")
    qty_gap = fields.Float(related="sale_line_id.umkm_qty_gap", string="Not with a member")
    member_id = fields.Many2one(
        "umkm.member",
        string="Producer",
        required=True,
        domain="[('cluster_id', '=', cluster_id), ('state', '=', 'active')]",
    )
    price_unit = fields.Float(string="Member price", digits="Product Price")

    @api.onchange("sale_line_id")
    def _onchange_sale_line_id(self):
        self.price_unit = self.sale_line_id.umkm_member_price

    def action_apply(self):
        self.ensure_one()
        line = self.sale_line_id
        line.check_access("write")
        if self.member_id.state != "active" or (
            line.umkm_member_id and self.member_id.cluster_id != line.umkm_member_id.cluster_id
        ):
            raise ValidationError(self.env._("Choose an active member of the producer's cluster."))
        if float_compare(line.umkm_qty_gap, 0, precision_rounding=line.product_uom.rounding) <= 0:
            raise UserError(self.env._("Members hold the whole quantity of this line already."))
        if self.price_unit and self.price_unit < 0:
            raise ValidationError(self.env._("The member price cannot be negative."))
        if self.price_unit:
            line.umkm_member_price = self.price_unit
        line.order_id._umkm_order_from_members(lines=line, member=self.member_id)
        return {"type": "ir.actions.act_window_close"}
