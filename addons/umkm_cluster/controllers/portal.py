from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request

from odoo.addons.portal.controllers.portal import (
    CustomerPortal,
    pager as portal_pager,
)


class UmkmClusterPortal(CustomerPortal):
    _items_per_page = 20

    def _umkm_member_domain(self):
        return [("partner_id", "=", request.env.user.commercial_partner_id.id)]

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "umkm_member_count" in counters:
            Member = request.env["umkm.member"]
            values["umkm_member_count"] = (
                Member.search_count(self._umkm_member_domain()) if Member.has_access("read") else 0
            )
        return values

    @http.route(
        ["/my/memberships", "/my/memberships/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_memberships(self, page=1, **kw):
        Member = request.env["umkm.member"]
        domain = self._umkm_member_domain()
        count = Member.search_count(domain)
        pager = portal_pager(
            url="/my/memberships", total=count, page=page, step=self._items_per_page
        )
        members = Member.search(
            domain, order="cluster_id, id desc", limit=self._items_per_page, offset=pager["offset"]
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "members": members,
                "page_name": "umkm_membership",
                "pager": pager,
                "default_url": "/my/memberships",
            }
        )
        request.session["my_umkm_memberships_history"] = members.ids[:100]
        return request.render("umkm_cluster.portal_my_memberships", values)

    @http.route(["/my/memberships/<int:member_id>"], type="http", auth="public", website=True)
    def portal_my_membership(self, member_id, access_token=None, **kw):
        try:
            member_sudo = self._document_check_access(
                "umkm.member", member_id, access_token=access_token
            )
        except (AccessError, MissingError):
            return request.redirect("/my")
        values = self._get_page_view_values(
            member_sudo,
            access_token,
            {"member": member_sudo, "page_name": "umkm_membership"},
            "my_umkm_memberships_history",
            False,
        )
        return request.render("umkm_cluster.portal_my_membership", values)
