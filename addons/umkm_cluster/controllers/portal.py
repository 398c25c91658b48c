from odoo.exceptions import AccessError, MissingError
from odoo.http import request

from odoo.addons.portal.controllers.portal import (
    CustomerPortal,
    pager as portal_pager,
)


class UmkmClusterPortal(CustomerPortal):
    _items_per_page = 20

    def _umkm_refused(self):
        """Where a portal page the user may not see (another account's document, or one that is
        gone) leads: /my, which says so. The flag is a code: the words are the server's."""
        return request.redirect("/my?umkm_refused=1")

    def _umkm_own_member(self, member_id):
        """The membership ``member_id`` of the user's business (sudo), or None: the record
        rules of the portal user decide, as Odoo's portal does."""
        try:
            member_sudo = self._document_check_access("umkm.member", member_id)
        except (AccessError, MissingError):
            return None
        # still as superuser, but as this user: what it changes is logged under its name
        return member_sudo.with_env(request.env(su=True))

    def _umkm_count(self, model, domain):
        """Home counter: records of ``model`` in ``domain`` the user may read (record rules
        apply), 0 for a user without access to the model."""
        Model = request.env[model]
        return Model.search_count(domain) if Model.has_access("read") else 0

    def _umkm_page(self, model, domain, url, page, order=None, history=None):
        """One page of the user's records of ``model`` (record rules apply) and its pager; the
        page's ids go to the session key ``history`` for the record pages' previous / next."""
        Model = request.env[model]
        pager = portal_pager(
            url=url, total=Model.search_count(domain), page=page, step=self._items_per_page
        )
        records = Model.search(
            domain, order=order, limit=self._items_per_page, offset=pager["offset"]
        )
        if history:
            request.session[history] = records.ids[:100]
        return records, pager

    def _umkm_parse_number(self, raw, **bounds):
        """A number typed in a portal form: see ``umkm.number.mixin._umkm_parse_form_number``."""
        return request.env["umkm.number.mixin"]._umkm_parse_form_number(raw, **bounds)

    def _umkm_check_price(self, post, key, price, reference, currency, errors):
        """Ask once about a price far from its ``reference``: the form comes back with the
        question under the field ``key`` and a box to tick (``<key>_confirmed``); sent again
        with the box ticked, the price is taken as typed."""
        if errors.get(key) or post.get(f"{key}_confirmed") == "1":
            return
        warning = request.env["umkm.number.mixin"]._umkm_price_warning(price, reference, currency)
        if warning:
            errors[key] = warning
            errors[f"{key}_confirm"] = True

    def _umkm_member_domain(self):
        return [("partner_id", "=", request.env.user.commercial_partner_id.id)]

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "umkm_catalogue_count" in counters:
            values["umkm_catalogue_count"] = self._umkm_count(
                "umkm.catalogue.line", self._umkm_catalogue_line_domain()
            )
        if "umkm_inquiry_count" in counters:
            values["umkm_inquiry_count"] = self._umkm_count(
                "umkm.catalogue.inquiry", self._umkm_inquiry_domain()
            )
        if "umkm_member_count" in counters:
            values["umkm_member_count"] = self._umkm_count(
                "umkm.member", self._umkm_member_domain()
            )
        return values

    def _umkm_catalogue_line_domain(self):
        return [("partner_id", "=", request.env.user.commercial_partner_id.id)]

    def _umkm_inquiry_domain(self):
        return [("member_id.partner_id", "=", request.env.user.commercial_partner_id.id)]
