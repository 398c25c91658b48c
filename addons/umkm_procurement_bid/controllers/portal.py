from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request

from odoo.addons.purchase.controllers.portal import CustomerPortal


class UmkmBidPortal(CustomerPortal):
    """The vendor answers a round's request for quotation on Odoo's purchase portal: a unit
    price per line and a lead time, typed in its language."""

    def _purchase_order_get_page_view_values(self, order, access_token, **kwargs):
        values = super()._purchase_order_get_page_view_values(order, access_token, **kwargs)
        values["umkm_bid_can_answer"] = self._umkm_bid_can_answer(order)
        values.setdefault("umkm_bid_errors", {})
        values.setdefault("umkm_bid_form", {})
        values["umkm_bid_saved"] = kwargs.get("bid_saved") == "1"
        return values

    def _umkm_bid_can_answer(self, order_sudo):
        """Only the vendor's own portal users answer its open request of a round's call."""
        user = request.env.user
        return bool(
            order_sudo._umkm_bid_open()
            and not user._is_public()
            and user.commercial_partner_id == order_sudo.partner_id.commercial_partner_id
        )

    @http.route(
        ["/my/purchase/<int:order_id>/bid"],
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_umkm_purchase_bid(self, order_id, **post):
        try:
            order_sudo = self._document_check_access("purchase.order", order_id)
        except (AccessError, MissingError):
            return request.redirect("/my")
        if not self._umkm_bid_can_answer(order_sudo):
            return request.redirect("/my")
        env = request.env
        Number = env["umkm.number.mixin"]
        errors, prices = {}, {}
        lines = order_sudo.order_line.filtered(lambda pol: not pol.display_type)
        for pol in lines:
            key = f"price_{pol.id}"
            price, error = Number._umkm_parse_form_number(
                post.get(key),
                minimum=0.0,
                strict=True,
                label=pol.product_id.display_name,
                messages={"invalid": env._("Enter the unit price as a number, e.g. 25,000.")},
            )
            if error:
                errors[key] = error
            else:
                prices[pol] = price
        lead_days, error = Number._umkm_parse_form_number(
            post.get("lead_days"),
            minimum=0,
            maximum=3650,
            integer=True,
            messages={"invalid": env._("Enter the lead time as a whole number of days.")},
        )
        if error:
            errors["lead_days"] = error
        if errors:
            values = self._purchase_order_get_page_view_values(order_sudo, None)
            values.update(umkm_bid_errors=errors, umkm_bid_form=post)
            if order_sudo.company_id:
                values["res_company"] = order_sudo.company_id
            return request.render("purchase.portal_my_purchase_order", values, status=400)
        order_sudo._umkm_record_bid(prices, int(lead_days))
        order_sudo.message_post(
            body=env._("%(vendor)s answered the call for bids.", vendor=env.user.name),
            author_id=env.user.partner_id.id,
            subtype_xmlid="mail.mt_note",
        )
        return request.redirect(f"/my/purchase/{order_sudo.id}?bid_saved=1")
