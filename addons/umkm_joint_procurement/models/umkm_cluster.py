from odoo import fields, models

from odoo.addons.umkm_joint_procurement.models.res_partner import STANDINGS


class UmkmCluster(models.Model):
    """The cluster's threshold on its rounds' vendors."""

    _inherit = "umkm.cluster"

    vendor_min_standing = fields.Selection(
        [(key, label) for key, label in STANDINGS if key != "buruk"],
        string="Vendors' minimum standing",
        help="When a round of the cluster picks the vendor of a material, a vendor whose "
        "standing (over the rounds' receipts of the last 12 months) is under this one is "
        "warned about or excluded. Empty: no threshold. A vendor not rated yet is never "
        "under it.",
    )
    vendor_below_standing = fields.Selection(
        [("warn", "Warn"), ("exclude", "Exclude")],
        string="Vendor under the minimum",
        default="warn",
        required=True,
        help="Warn: the round may still pick the vendor, and its material is flagged. "
        "Exclude: the vendor's price tiers are skipped, the next vendor's apply.",
    )
