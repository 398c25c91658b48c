from odoo import models


class PurchaseOrder(models.Model):
    """A member's order of a joint sale, once it accepted it, is accepted work: an advance
    may be given on it and is netted against the member's bill for it."""

    _inherit = "purchase.order"

    def _umkm_advance_member(self):
        member = super()._umkm_advance_member()
        if (
            member
            or not self.umkm_sale_order_id
            or self.umkm_member_answer != "accepted"
            or self.state != "purchase"
        ):
            return member
        producer = self.order_line.umkm_sale_line_id.umkm_member_id[:1]
        return (
            producer
            if producer.partner_id == self.partner_id.commercial_partner_id
            else (self.env["umkm.member"])
        )

    def _umkm_advance_work_finished(self):
        """A joint sale's order is finished once its receipt (or the dropship to the buyer)
        is done, whatever came: no more goods are awaited from the member."""
        if (
            self.umkm_sale_order_id
            and self.picking_ids
            and all(p.state in ("done", "cancel") for p in self.picking_ids)
        ):
            return True
        return super()._umkm_advance_work_finished()
