from odoo import fields, http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import request

from odoo.addons.purchase.controllers.portal import CustomerPortal as PurchasePortal
from odoo.addons.umkm_cluster.controllers.portal import UmkmClusterPortal

# what the member's order page says once its answer is saved: codes the server chose, never text
# taken from the URL
UMKM_PURCHASE_MESSAGES = ("accepted", "declined", "proposed")


class UmkmPurchasePortal(PurchasePortal):
    def _purchase_order_get_page_view_values(self, order, access_token, **kwargs):
        values = super()._purchase_order_get_page_view_values(order, access_token, **kwargs)
        message = kwargs.get("umkm_message")
        values["umkm_message"] = message if message in UMKM_PURCHASE_MESSAGES else None
        return values


class UmkmMemberPurchasePortal(UmkmClusterPortal):
    """A member answers the cooperative's order of its products (joint marketing)."""

    # ------------------------------------------------------------------ joint marketing
    def _umkm_member_purchase(self, order_id):
        """The member's purchase order ``order_id`` made from a cooperative's sale (sudo), or
        None: Odoo's purchase portal rules decide."""
        try:
            order_sudo = self._document_check_access("purchase.order", order_id)
        except (AccessError, MissingError):
            return None
        if not order_sudo.umkm_member_answer:
            return None
        # still as superuser, but as this user: its answer is logged under its name
        return order_sudo.with_env(request.env(su=True))

    def _umkm_member_purchase_answer(self, order_id, callback, message):
        order_sudo = self._umkm_member_purchase(order_id)
        if order_sudo is None:
            return self._umkm_refused()
        try:
            with request.env.cr.savepoint():
                callback(order_sudo)
        except (UserError, ValidationError) as e:
            values = self._purchase_order_get_page_view_values(order_sudo, None)
            values["umkm_error"] = str(e)
            return request.render("purchase.portal_my_purchase_order", values, status=400)
        return request.redirect(order_sudo.get_portal_url(query_string=f"&umkm_message={message}"))

    @http.route(
        ["/my/purchase/<int:order_id>/umkm_accept"],
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_umkm_purchase_accept(self, order_id, **post):
        return self._umkm_member_purchase_answer(
            order_id, lambda o: o._umkm_member_accept(), "accepted"
        )

    @http.route(
        ["/my/purchase/<int:order_id>/umkm_decline"],
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_umkm_purchase_decline(self, order_id, **post):
        reason = (post.get("reason") or "").strip()[:2000]

        def decline(order):
            if not reason:
                raise UserError(request.env._("Say why you cannot make it."))
            order._umkm_member_decline(reason)

        return self._umkm_member_purchase_answer(order_id, decline, "declined")

    @http.route(
        ["/my/purchase/<int:order_id>/umkm_propose"],
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_umkm_purchase_propose(self, order_id, **post):
        def propose(order):
            try:
                date = fields.Date.to_date(post.get("date"))
            except ValueError:
                date = None
            if not date:
                raise UserError(request.env._("Enter the date you can deliver."))
            order._umkm_member_propose_date(date)

        return self._umkm_member_purchase_answer(order_id, propose, "proposed")
