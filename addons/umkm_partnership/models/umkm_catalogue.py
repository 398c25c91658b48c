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
