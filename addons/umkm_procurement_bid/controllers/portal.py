from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request

from odoo.addons.purchase.controllers.portal import CustomerPortal

TIER_ROWS = 3


class UmkmBidPortal(CustomerPortal):
    """The vendor answers a round's request for quotation on Odoo's purchase portal: a unit
    price per line and a lead time, typed in its language."""

    def _purchase_order_get_page_view_values(self, order, access_token, **kwargs):
        values = super()._purchase_order_get_page_view_values(order, access_token, **kwargs)
        values["umkm_bid_can_answer"] = self._umkm_bid_can_answer(order)
        values.setdefault("umkm_bid_errors", {})
        values.setdefault("umkm_bid_form", {})
        values["umkm_bid_saved"] = kwargs.get("bid_saved") == "1"
        values["umkm_bid_tier_rows"] = range(TIER_ROWS)
        return values

    def _umkm_bid_can_answer(self, order_sudo):
        """Only the vendor's own portal users answer its open request of a round's call."""
        user = request.env.user
        return bool(
            order_sudo._umkm_bid_open()
            and not user._is_public()
            and user.commercial_partner_id == order_sudo.partner_id.commercial_partner_id
        )

    def _umkm_bid_parse_tiers(self, pol, post):
        """The volume prices typed for order line ``pol`` (rows ``tier_qty_<line>_<n>`` and
        ``tier_price_<line>_<n>``, empty rows skipped): ``([(from quantity, price)], errors)``
        with the errors keyed by input name."""
        env = request.env
        Number = env["umkm.number.mixin"]
        tiers, errors = [], {}
        for row in range(TIER_ROWS):
            qty_key, price_key = f"tier_qty_{pol.id}_{row}", f"tier_price_{pol.id}_{row}"
            raw_qty = (post.get(qty_key) or "").strip()
            raw_price = (post.get(price_key) or "").strip()
            if not raw_qty and not raw_price:
                continue
            qty, error = Number._umkm_parse_form_number(
                raw_qty, minimum=0.0, strict=True, unit=pol.product_uom.name
            )
            if error:
                errors[qty_key] = error
            price, error = Number._umkm_parse_form_number(raw_price, minimum=0.0, strict=True)
            if error:
                errors[price_key] = error
            if qty_key in errors or price_key in errors:
                continue
            if any(qty == other for other, _price in tiers):
                errors[qty_key] = env._("This quantity already has a price.")
                continue
            tiers.append((qty, price))
        return sorted(tiers), errors

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
        tiers = {}
        for pol in lines:
            key = f"price_{pol.id}"
            raw = (post.get(key) or "").strip()
            price, error = None, None
            if raw:
                price, error = Number._umkm_parse_form_number(
                    raw,
                    minimum=0.0,
                    strict=True,
                    label=pol.product_id.display_name,
                    messages={"invalid": env._("Enter the unit price as a number, e.g. 25,000.")},
                )
            pol_tiers, tier_errors = self._umkm_bid_parse_tiers(pol, post)
            errors.update(tier_errors)
            if error:
                errors[key] = error
            elif not tier_errors:
                price, error = pol._umkm_bid_price(price, pol_tiers)
                if error:
                    errors[key] = error
                else:
                    prices[pol], tiers[pol] = price, pol_tiers
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
        order_sudo._umkm_record_bid(prices, int(lead_days), tiers=tiers)
        order_sudo.message_post(
            body=env._("%(vendor)s answered the call for bids.", vendor=env.user.name),
            author_id=env.user.partner_id.id,
            subtype_xmlid="mail.mt_note",
        )
        return request.redirect(f"/my/purchase/{order_sudo.id}?bid_saved=1")
