from odoo import http
from odoo.http import request

from odoo.addons.umkm_cluster.tools.numbers import parse_record_id
from odoo.addons.umkm_partnership.controllers.portal import UmkmPartnershipPortal


class UmkmTradePortal(UmkmPartnershipPortal):
    """Firms under a trade or agency agreement order from the cluster's catalogue."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "umkm_trade_count" in counters:
            # shown to firms with a trade or agency agreement only
            values["umkm_trade_count"] = len(self._umkm_trade_agreements()) or 0
        return values

    # ------------------------------------------------------------------ trade under agreement
    def _umkm_trade_agreements(self):
        """The user's firm's active general-trade and agency agreements."""
        return self._umkm_active_agreements().filtered(
            lambda a: a.pattern in ("perdagangan_umum", "distribusi_keagenan")
        )

    def _umkm_trade_page(self, agreements, agreement, errors=None, post=None, status=200):
        values = self._prepare_portal_layout_values()
        lines = agreement._trade_lines() if agreement else []
        values.update(
            {
                "agreements": agreements,
                "agreement": agreement,
                "trade_lines": lines,
                "prices": {line.id: agreement._trade_price(line, line.min_qty) for line in lines},
                "errors": errors or {},
                "post": post or {},
                "page_name": "umkm_trade",
            }
        )
        return request.render("umkm_trade.portal_trade", values, status=status)

    @http.route(["/my/trade"], type="http", auth="user", website=True)
    def portal_trade(self, agreement_id=None, **kw):
        agreements = self._umkm_trade_agreements()
        agreement = (
            self._umkm_parse_id(agreement_id, agreements) if agreement_id else agreements[:1]
        )
        return self._umkm_trade_page(agreements, agreement or agreements[:1])

    @http.route(["/my/trade/order"], type="http", auth="user", methods=["POST"], website=True)
    def portal_trade_order(self, **post):
        """The firm's cart: quantities of the cluster's catalogue products at the agreed
        prices, each at least its minimum order; it becomes a quotation the cooperative
        confirms, then the members' orders."""
        env = request.env
        agreements = self._umkm_trade_agreements()
        agreement = self._umkm_parse_id(post.get("agreement_id"), agreements)
        if not agreement:
            return self._umkm_trade_page(
                agreements,
                agreements[:1],
                errors={"form": env._("Choose one of your trade agreements.")},
                status=400,
            )
        allowed = {line.id: line for line in agreement._trade_lines()}
        errors, cart = {}, []
        for key, raw in post.items():
            if not key.startswith("qty_") or not (raw or "").strip():
                continue
            line_id = key.removeprefix("qty_")
            line = allowed.get(parse_record_id(line_id))
            if line is None:
                errors["form"] = env._(
                    "A product of your cart is not offered under your agreement."
                )
                continue
            qty, error = self._umkm_parse_number(raw, maximum=10.0**7)
            if error:
                errors[key] = error
            elif qty and agreement._trade_qty_error(line, qty):
                errors[key] = agreement._trade_qty_error(line, qty)
            elif qty:
                cart.append((line, qty))
        if not cart and not errors:
            errors["form"] = env._("Enter the quantity of at least one product.")
        if errors:
            return self._umkm_trade_page(
                agreements, agreement, errors=errors, post=post, status=400
            )
        with env.cr.savepoint():
            sale = agreement.sudo()._trade_order(
                self._umkm_commercial_partner(), cart, ordered_by=env.user
            )
        # the sale page says the order went to the cooperative (a code the server chose)
        return request.redirect(sale.get_portal_url(query_string="&message=umkm_sent"))
