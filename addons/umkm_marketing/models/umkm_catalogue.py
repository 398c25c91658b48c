from odoo import fields, models


class UmkmCatalogue(models.Model):
    _inherit = "umkm.catalogue"

    margin_percent = fields.Float(
        string="Cooperative margin (%)",
        default=10.0,
        digits=(5, 2),
        tracking=True,
        groups="umkm_cluster.group_umkm_officer",
        help="Share of the wholesale price the cooperative keeps when it sells a member's "
        "product: the member's purchase order is at the wholesale price less this margin.",
    )

    _sql_constraints = [
        (
            "margin_percent_range",
            "CHECK(margin_percent >= 0 AND margin_percent < 100)",
            "The cooperative margin is a percentage from 0 to below 100.",
        ),
    ]

    def _umkm_margin_percent(self):
        """The margin the cooperative keeps on a sale of a product of this catalogue; without
        a catalogue, the margin a new catalogue would have (this field's default)."""
        if self:
            return self.sudo().margin_percent
        return self.default_get(["margin_percent"]).get("margin_percent", 0.0)
