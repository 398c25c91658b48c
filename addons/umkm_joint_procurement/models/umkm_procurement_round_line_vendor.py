from odoo import fields, models

from odoo.addons.umkm_joint_procurement.tools.vendor_rating import below


# one concern of the round line per file (the line itself in umkm_procurement_round_line.py)
# pylint: disable=consider-merging-classes-inherited
class UmkmProcurementRoundLine(models.Model):
    """The vendors' standing where a round picks its vendor: the tiers of a vendor under the
    cluster's minimum standing are skipped (the cluster excludes) or the line is flagged (the
    cluster warns)."""

    _inherit = "umkm.procurement.round.line"

    vendor_standing = fields.Selection(related="vendor_id.umkm_vendor_standing")
    vendor_below_standing = fields.Boolean(
        string="Vendor under the minimum standing",
        readonly=True,
        copy=False,
        help="The vendor picked is under the cluster's minimum standing (the cluster warns).",
    )

    def _price_tiers(self):
        tiers = super()._price_tiers()
        return [tier for tier in tiers if not self._vendor_excluded(tier.seller.partner_id)]

    def _vendor_excluded(self, vendor):
        """Whether the cluster excludes ``vendor`` from this line: under its minimum standing,
        the cluster excluding."""
        cluster = self.round_id.cluster_id
        return bool(
            cluster.vendor_min_standing
            and cluster.vendor_below_standing == "exclude"
            and below(vendor.umkm_vendor_standing, cluster.vendor_min_standing)
        )

    def _vendor_below_standing(self, vendor):
        """Whether the cluster warns about ``vendor``, picked by this line."""
        self.ensure_one()
        cluster = self.round_id.cluster_id
        return bool(
            cluster.vendor_min_standing
            and cluster.vendor_below_standing == "warn"
            and below(vendor.umkm_vendor_standing, cluster.vendor_min_standing)
        )
