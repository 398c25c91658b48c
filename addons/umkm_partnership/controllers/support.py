from odoo import fields, http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import content_disposition, request

from odoo.addons.umkm_cluster.tools.xlsx import xlsx_report_response

from ..models.umkm_service_request import REQUEST_KINDS
from .portal import UmkmPartnershipPortal

DESCRIPTION_MAX = 2000


class UmkmSupportPortal(UmkmPartnershipPortal):
    """Support on the portal: a provider's report of what its support achieved (a firm's
    CSR under its agreements included), and a member's requests for services."""

    # ------------------------------------------------------------------ helpers
    def _umkm_providers(self):
        """The institutions the user speaks for: those of its own commercial partner (never
        taken from the request; record rules apply)."""
        Stakeholder = request.env["umkm.stakeholder"]
        if not Stakeholder.has_access("read"):
            return Stakeholder
        return Stakeholder.search([("partner_id", "=", self._umkm_commercial_partner().id)])

    def _umkm_request_domain(self):
        return [("partner_id", "=", self._umkm_commercial_partner().id)]

    def _umkm_active_members(self):
        return (
            request.env["umkm.member"]
            .search(self._umkm_member_domain() + [("state", "=", "active")])
            .sudo()
        )

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "umkm_support_count" in counters:
            providers = self._umkm_providers()
            values["umkm_support_count"] = (
                request.env["umkm.partnership.support"].search_count(
                    [("provider_id", "in", providers.ids), ("state", "=", "done")]
                )
                or "0"
                if providers
                else 0
            )
        if "umkm_service_count" in counters:
            count = self._umkm_count("umkm.service.request", self._umkm_request_domain())
            values["umkm_service_count"] = count or ("0" if self._umkm_active_members() else 0)
        return values

    # ------------------------------------------------------------------ provider: report
    def _umkm_support_values(self, kw):
        providers = self._umkm_providers()
        first, last = providers._umkm_report_period(kw.get("date_from"), kw.get("date_to"))
        return providers, first, last

    @http.route(["/my/support"], type="http", auth="user", website=True)
    def portal_my_support(self, **kw):
        providers, first, last = self._umkm_support_values(kw)
        if not providers:
            return self._umkm_refused()
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "providers": providers,
                "page_name": "umkm_support",
                **providers.sudo()._umkm_support_report(first, last),
            }
        )
        return request.render("umkm_partnership.portal_my_support", values)

    @http.route(["/my/support/report.<string:report_type>"], type="http", auth="user", website=True)
    def portal_my_support_report(self, report_type, **kw):
        if report_type not in ("pdf", "xlsx"):
            return request.not_found()
        providers, first, last = self._umkm_support_values(kw)
        if not providers:
            return self._umkm_refused()
        data = {"date_from": fields.Date.to_string(first), "date_to": fields.Date.to_string(last)}
        filename = f"support-{first.year}"
        if report_type == "xlsx":
            return xlsx_report_response(
                request.env(su=True),
                "umkm_partnership.action_report_support_xlsx",
                providers.sudo(),
                f"{filename}.xlsx",
                data=data,
            )
        pdf, _kind = (
            request.env["ir.actions.report"]
            .sudo()
            ._render_qweb_pdf("umkm_partnership.action_report_support", providers.ids, data=data)
        )
        return request.make_response(
            pdf,
            headers=[
                ("Content-Type", "application/pdf"),
                ("Content-Disposition", content_disposition(f"{filename}.pdf")),
            ],
        )

    # ------------------------------------------------------------------ member: requests
    @http.route(
        ["/my/services", "/my/services/page/<int:page>"], type="http", auth="user", website=True
    )
    def portal_my_services(self, page=1, **kw):
        requests_, pager = self._umkm_page(
            "umkm.service.request",
            self._umkm_request_domain(),
            "/my/services",
            page,
            order="date_request desc, id desc",
            history="my_umkm_services_history",
        )
        return self._umkm_services_page(requests_.sudo(), pager)

    def _umkm_services_page(self, requests_, pager, errors=None, post=None, status=200):
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "service_requests": requests_,
                "members": self._umkm_active_members(),
                "kinds": REQUEST_KINDS,
                "certifications": request.env["umkm.certification"].sudo().search([], limit=50),
                "page_name": "umkm_service",
                "pager": pager,
                "errors": errors or {},
                "post": post or {},
                "default_url": "/my/services",
            }
        )
        return request.render("umkm_partnership.portal_my_services", values, status=status)

    @http.route(["/my/services/new"], type="http", auth="user", methods=["POST"], website=True)
    def portal_my_services_new(self, **post):
        env = request.env
        errors, vals = {}, {}
        members = self._umkm_active_members()
        member = members.filtered(lambda m: str(m.id) == (post.get("member_id") or ""))[:1]
        if len(members) == 1 and not post.get("member_id"):
            member = members
        if not member:
            errors["member_id"] = env._("Choose one of your active memberships.")
        kind = post.get("kind") or ""
        if kind not in dict(REQUEST_KINDS):
            errors["kind"] = env._("Choose what you ask for.")
        vals["kind"] = kind
        if kind == "certification" and post.get("certification_id"):
            certification = env["umkm.certification"]._umkm_from_form(post.get("certification_id"))
            if not certification:
                errors["certification_id"] = env._("Choose a certification from the list.")
            vals["certification_id"] = certification.id
        description = (post.get("description") or "").strip()
        if not description:
            errors["description"] = env._("Say what you need and why.")
        elif len(description) > DESCRIPTION_MAX:
            errors["description"] = env._("Keep it under 2000 characters.")
        vals["description"] = description
        raw_date = (post.get("date_wanted") or "").strip()
        if raw_date:
            try:
                vals["date_wanted"] = fields.Date.to_date(raw_date)
            except ValueError:
                errors["date_wanted"] = env._("Enter a date.")
            else:
                if vals["date_wanted"] < fields.Date.context_today(env.user):
                    errors["date_wanted"] = env._("That date has passed.")
        if not errors:
            try:
                with env.cr.savepoint():
                    service = env["umkm.service.request"]._portal_create(member, vals)
            except (UserError, ValidationError, AccessError) as e:
                errors["service"] = str(e)
        if errors:
            requests_, pager = self._umkm_page(
                "umkm.service.request", self._umkm_request_domain(), "/my/services", 1
            )
            return self._umkm_services_page(
                requests_.sudo(), pager, errors=errors, post=post, status=400
            )
        return request.redirect(f"/my/services/{service.id}?saved=1")

    @http.route(["/my/services/<int:request_id>"], type="http", auth="user", website=True)
    def portal_my_service(self, request_id, access_token=None, **kw):
        try:
            request_sudo = self._document_check_access(
                "umkm.service.request", request_id, access_token=access_token
            )
        except (AccessError, MissingError):
            return self._umkm_refused()
        values = self._get_page_view_values(
            request_sudo,
            access_token,
            {"service_request": request_sudo, "page_name": "umkm_service"},
            "my_umkm_services_history",
            False,
        )
        return request.render("umkm_partnership.portal_my_service", values)
