from odoo import http
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import request

from .membership import UmkmMembershipPortal

# what the verification page's answers say to browsers and robots: nothing kept, nothing sent on
_PRIVATE_HEADERS = [
    ("Cache-Control", "no-store"),
    ("X-Robots-Tag", "noindex, nofollow"),
    ("Referrer-Policy", "no-referrer"),
]


class UmkmTrackRecordPortal(UmkmMembershipPortal):
    """A member's track records: issued and revoked on its membership page, downloaded as
    PDF; the public verification page a bank officer opens from the QR code."""

    @http.route(
        ["/my/memberships/<int:member_id>/track"],
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_my_track_issue(self, member_id, **post):
        member_sudo = self._umkm_own_member(member_id)
        if member_sudo is None:
            return self._umkm_refused()
        member = request.env["umkm.member"].browse(member_sudo.id)
        try:
            with request.env.cr.savepoint():
                request.env["umkm.track.record"]._umkm_issue(member)
        except (UserError, AccessError) as e:
            return self._umkm_membership_page(member_sudo, errors={"track": str(e)}, status=400)
        return request.redirect(f"/my/memberships/{member_sudo.id}?track_issued=1#track")

    def _umkm_own_track(self, record_id):
        try:
            return self._document_check_access("umkm.track.record", record_id)
        except (AccessError, MissingError):
            return None

    @http.route(
        ["/my/track/<int:record_id>/revoke"],
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_my_track_revoke(self, record_id, **post):
        record_sudo = self._umkm_own_track(record_id)
        if record_sudo is None:
            return self._umkm_refused()
        request.env["umkm.track.record"].browse(record_sudo.id).action_revoke()
        return request.redirect(f"/my/memberships/{record_sudo.member_id.id}?track_revoked=1#track")

    @http.route(["/my/track/<int:record_id>/pdf"], type="http", auth="user", website=True)
    def portal_my_track_pdf(self, record_id, **kw):
        record_sudo = self._umkm_own_track(record_id)
        if record_sudo is None or not record_sudo.active:
            return self._umkm_refused()
        return self._show_report(
            record_sudo,
            "pdf",
            "umkm_cluster.action_report_track_record",
            download=True,
        )

    @http.route(["/track/<string:token>"], type="http", auth="public", website=True, sitemap=False)
    def public_track_record(self, token, **kw):
        """The record's figures as issued, for anyone with the link until it expires or is
        revoked; any other link gets the same plain page with a 404, and nothing else."""
        record = request.env["umkm.track.record"]._umkm_verify(token)
        lang = request.env["umkm.track.record"]._umkm_lang()
        request.update_context(lang=lang)
        if not record:
            response = request.render("umkm_cluster.track_record_refused", {}, status=404)
        else:
            response = request.render(
                "umkm_cluster.track_record_public", {"record": record.with_context(lang=lang)}
            )
        response.headers.extend(_PRIVATE_HEADERS)
        return response
