from odoo import http
from odoo.http import request

from odoo.addons.umkm_cooperative.controllers.savings import UmkmSavingsPortal


class UmkmSavingsRoundsPortal(UmkmSavingsPortal):
    """The member's choice to pay its round invoices from its voluntary savings."""

    @http.route(
        ["/my/savings/<int:member_id>/pay-rounds"],
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_my_savings_pay_rounds(self, member_id, **post):
        member_sudo = self._umkm_own_member(member_id)
        if member_sudo is None or member_sudo.state != "active":
            return self._umkm_refused()
        member_sudo.pay_rounds_from_savings = post.get("pay_rounds") == "on"
        return request.redirect("/my/savings?choice_saved=1")
