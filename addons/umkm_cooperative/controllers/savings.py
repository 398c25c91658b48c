from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request

from odoo.addons.umkm_cluster.controllers.portal import UmkmClusterPortal


class UmkmSavingsPortal(UmkmClusterPortal):
    """A member's savings with the cooperative and its SHU statements."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "umkm_saving_count" in counters:
            values["umkm_saving_count"] = self._umkm_count(
                "umkm.member.saving", self._umkm_saving_domain()
            )
        return values

    def _umkm_saving_domain(self):
        return [
            ("member_id.partner_id", "=", request.env.user.commercial_partner_id.id),
            ("state", "=", "posted"),
        ]

    @http.route(
        ["/my/savings", "/my/savings/page/<int:page>"], type="http", auth="user", website=True
    )
    def portal_my_savings(self, page=1, **kw):
        members = request.env["umkm.member"].search(self._umkm_member_domain())
        savings, pager = self._umkm_page(
            "umkm.member.saving", self._umkm_saving_domain(), "/my/savings", page
        )
        statements = request.env["umkm.surplus.line"].search(
            [("member_id", "in", members.ids)], order="id desc"
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "members": members,
                "savings": savings,
                "statements": statements,
                "pager": pager,
                "page_name": "umkm_savings",
                "default_url": "/my/savings",
            }
        )
        return request.render("umkm_cooperative.portal_my_savings", values)

    @http.route(["/my/savings/shu/<int:line_id>"], type="http", auth="user", website=True)
    def portal_my_surplus_statement(self, line_id, **kw):
        """The member's SHU statement (PDF), in its language: only its own, once posted."""
        try:
            line_sudo = self._document_check_access("umkm.surplus.line", line_id)
        except (AccessError, MissingError):
            return self._umkm_refused()
        return self._show_report(
            model=line_sudo,
            report_type="pdf",
            report_ref="umkm_cooperative.action_report_surplus_statement",
            download=kw.get("download") == "true",
        )
