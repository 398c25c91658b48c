from odoo import fields, models


class PurchaseOrder(models.Model):
    _inherit = "purchase.order"

    umkm_assignment_ids = fields.One2many(
        "umkm.subcontract.assignment",
        "purchase_order_id",
        string="Subcontract work",
        readonly=True,
    )

    def _prepare_invoice(self):
        """A member's bill for subcontract work is stamped with the member's cluster and the
        flow (the cooperative's figures and its surplus read it)."""
        vals = super()._prepare_invoice()
        work = self.sudo().umkm_assignment_ids[:1]
        if work:
            vals.update(
                {"umkm_cluster_id": work.member_id.cluster_id.id, "umkm_flow": "subcontract"}
            )
        return vals
