from odoo import fields
from odoo.http import request

from odoo.addons.umkm_cluster.controllers.portal import UmkmClusterPortal


class UmkmPartnershipPortal(UmkmClusterPortal):
    """What the partnership's portal pages share: the user's firm, its active agreements, its
    orders and work, and their counters on the portal home. Each family of pages has its own
    file: subcontract.py (a firm's orders), assignment.py (a member's work); a member's answer
    to the cooperative's order is umkm_marketing's, a firm's order from the catalogue
    umkm_trade's, the firm's material reconciliation umkm_partnership_material's."""

    # ------------------------------------------------------------------ helpers
    def _umkm_commercial_partner(self):
        return request.env.user.commercial_partner_id

    def _umkm_active_agreements(self):
        """Active agreements of the user's firm (never taken from the request)."""
        today = fields.Date.context_today(request.env.user)
        return (
            request.env["umkm.partnership.agreement"]
            .sudo()
            .search(
                [
                    ("partner_id", "=", self._umkm_commercial_partner().id),
                    ("state", "=", "active"),
                    ("date_start", "<=", today),
                    "|",
                    ("date_end", "=", False),
                    ("date_end", ">=", today),
                ]
            )
        )

    def _umkm_order_domain(self):
        return [("partner_id", "=", self._umkm_commercial_partner().id)]

    def _umkm_assignment_domain(self):
        return [("member_id.partner_id", "=", self._umkm_commercial_partner().id)]

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "umkm_subcontract_count" in counters:
            count = self._umkm_count("umkm.subcontract.order", self._umkm_order_domain())
            # firms with an active agreement see the entry even before their first order
            values["umkm_subcontract_count"] = count or (
                "0" if self._umkm_active_agreements() else 0
            )
        if "umkm_assignment_count" in counters:
            values["umkm_assignment_count"] = self._umkm_count(
                "umkm.subcontract.assignment", self._umkm_assignment_domain()
            )
        return values
