from odoo import http
from odoo.exceptions import UserError, ValidationError
from odoo.http import request

from odoo.addons.umkm_cluster.tools.numbers import parse_record_id
from odoo.addons.umkm_partnership.controllers.portal import UmkmPartnershipPortal


class UmkmAdvancePortal(UmkmPartnershipPortal):
    """A member's advances on its accepted work: what it asked, was paid and had deducted,
    and the form to ask for one (``/my/advances``)."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "umkm_advance_count" in counters:
            count = self._umkm_count("umkm.advance", self._umkm_advance_domain())
            # a member with work it may ask on sees the entry before its first advance
            values["umkm_advance_count"] = count or ("0" if self._umkm_advance_works() else 0)
        return values

    def _umkm_advance_domain(self):
        return [("member_id.partner_id", "=", self._umkm_commercial_partner().id)]

    def _umkm_advance_works(self):
        """The user's business's accepted work an advance may be asked on (sudo): the
        cooperative's confirmed orders to it that a flow says are a member's accepted work
        and that are not closed. Never taken from the request."""
        partner = self._umkm_commercial_partner()
        members = request.env["umkm.member"].sudo().search([("partner_id", "=", partner.id)])
        if not members:
            return request.env["purchase.order"].sudo()
        purchases = (
            request.env["purchase.order"]
            .sudo()
            .search(
                [
                    ("partner_id", "child_of", partner.id),
                    ("state", "=", "purchase"),
                    ("company_id", "in", members.company_id.ids),
                ],
                order="date_planned, id",
                limit=50,
            )
        )
        return purchases.filtered(
            lambda p: p._umkm_advance_member() in members and not p._umkm_advance_work_closed()
        )

    def _umkm_advances_page(self, errors=None, typed=None, asked=False, status=200):
        Advance = request.env["umkm.advance"]
        # record rules decide what the user sees (a user without access sees none)
        advances = (
            Advance.search(self._umkm_advance_domain(), order="date desc, id desc")
            if Advance.has_access("read")
            else Advance
        )
        purchases = self._umkm_advance_works()
        limits = Advance._umkm_maximums(purchases)
        works = [
            {"order": p, "maximum": limits[p.id][0], "refusal": limits[p.id][1]} for p in purchases
        ]
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "advances": advances.sudo(),
                "works": works,
                "errors": errors or {},
                "typed": typed or {},
                "asked": asked,
                "page_name": "umkm_advances",
            }
        )
        return request.render("umkm_advance.portal_my_advances", values, status=status)

    @http.route(["/my/advances"], type="http", auth="user", website=True)
    def portal_my_advances(self, **kw):
        return self._umkm_advances_page(asked=kw.get("message") == "asked")

    @http.route(["/my/advances/new"], type="http", auth="user", methods=["POST"], website=True)
    def portal_my_advance_new(self, purchase_order_id=None, amount=None, **kw):
        """The member asks for an advance on one of its accepted works: the amount typed in
        its language (``750.000``), refused in its language above what it may get."""
        order_id = parse_record_id(purchase_order_id)
        purchase = self._umkm_advance_works().filtered(lambda p: p.id == order_id)
        if not purchase:
            return self._umkm_refused()
        value, error = self._umkm_parse_number(amount or "", minimum=0.0, strict=True)
        if error is None:
            try:
                with request.env.cr.savepoint():
                    request.env["umkm.advance"]._umkm_request(purchase, value)
            except (UserError, ValidationError) as exc:
                error = exc.args[0]
        if error is not None:
            return self._umkm_advances_page(
                errors={purchase.id: error}, typed={purchase.id: amount or ""}, status=200
            )
        return request.redirect("/my/advances?message=asked")
