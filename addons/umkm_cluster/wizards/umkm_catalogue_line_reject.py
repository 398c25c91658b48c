from odoo import fields, models


class UmkmCatalogueLineReject(models.TransientModel):
    _name = "umkm.catalogue.line.reject"
    _description = "Reject Catalogue Products"

    line_ids = fields.Many2many(
        "umkm.catalogue.line",
        default=lambda self: self.env.context.get("active_ids"),
        string="Products",
    )
    reason = fields.Text(required=True, help="Shown to the member who proposed the product.")

    def action_confirm(self):
        self.line_ids._action_reject(self.reason)
        return {"type": "ir.actions.act_window_close"}
