from werkzeug.exceptions import NotFound

from odoo import http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import request

from .portal import UmkmPartnershipPortal


class UmkmAssignmentPortal(UmkmPartnershipPortal):
    """A member's subcontract work on its portal: list, page, documents, answers, progress."""

    # ------------------------------------------------------------------ member: assignments
    @http.route(
        ["/my/assignments", "/my/assignments/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_assignments(self, page=1, **kw):
        assignments, pager = self._umkm_page(
            "umkm.subcontract.assignment",
            self._umkm_assignment_domain(),
            "/my/assignments",
            page,
            order="date_due, id",
            history="my_umkm_assignments_history",
        )
        assignments = assignments.sudo()
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "assignments": assignments,
                "page_name": "umkm_assignment",
                "pager": pager,
                "default_url": "/my/assignments",
            }
        )
        return request.render("umkm_partnership.portal_my_assignments", values)

    @http.route(["/my/assignments/<int:assignment_id>"], type="http", auth="public", website=True)
    def portal_my_assignment(
        self, assignment_id, access_token=None, report_type=None, download=False, **kw
    ):
        try:
            assignment_sudo = self._document_check_access(
                "umkm.subcontract.assignment", assignment_id, access_token=access_token
            )
        except (AccessError, MissingError):
            return self._umkm_refused()
        if report_type in ("html", "pdf", "text"):
            return self._show_report(
                model=assignment_sudo,
                report_type=report_type,
                report_ref="umkm_partnership.action_report_work_order",
                download=download,
            )
        return self._umkm_assignment_page(
            assignment_sudo, access_token, saved=kw.get("message") == "saved"
        )

    def _umkm_assignment_page(
        self, assignment_sudo, access_token=None, saved=False, error=None, status=200
    ):
        """The member's assignment page. ``error``: the server's own message of a refused
        action (never text from the URL); ``saved``: the action went through."""
        values = self._get_page_view_values(
            assignment_sudo,
            access_token,
            {
                "assignment": assignment_sudo,
                "page_name": "umkm_assignment",
                "error": error,
                "message": saved,
            },
            "my_umkm_assignments_history",
            False,
        )
        return request.render("umkm_partnership.portal_my_assignment", values, status=status)

    @http.route(
        ["/my/assignments/<int:assignment_id>/documents/<int:attachment_id>"],
        type="http",
        auth="public",
        website=True,
    )
    def portal_my_assignment_document(self, assignment_id, attachment_id, access_token=None):
        """A file of the work package of the member's live assignment (checked here on each
        download: nothing of another order, nothing once the work is declined or cancelled)."""
        try:
            assignment_sudo = self._document_check_access(
                "umkm.subcontract.assignment", assignment_id, access_token=access_token
            )
        except (AccessError, MissingError) as exc:
            raise NotFound() from exc
        attachment = assignment_sudo.work_package_ids.filtered(lambda a: a.id == attachment_id)
        if not attachment:
            raise NotFound()
        return (
            request.env["ir.binary"]._get_stream_from(attachment).get_response(as_attachment=True)
        )

    @http.route(
        ["/my/assignments/<int:assignment_id>/split"], type="http", auth="user", website=True
    )
    def portal_my_assignment_split(self, assignment_id, **kw):
        """How the order of the member's assignment was shared among the members: the policy,
        each share (others anonymised unless the cluster shows names), why, and the member's
        share of the cluster's work against the median. Checked as the user (no token): an
        assignment of another account is not found."""
        try:
            assignment_sudo = self._umkm_assignment_for_post(assignment_id)
        except (AccessError, MissingError) as exc:
            raise NotFound() from exc
        viewer = assignment_sudo.member_id
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "assignment": assignment_sudo,
                "split": assignment_sudo.order_id._umkm_split_summary(viewer),
                "page_name": "umkm_assignment",
            }
        )
        return request.render("umkm_partnership.portal_my_assignment_split", values)

    def _umkm_assignment_for_post(self, assignment_id):
        """The member's own assignment: read access as the user, no token accepted for posts."""
        assignment = request.env["umkm.subcontract.assignment"].browse(assignment_id)
        if not assignment.sudo().exists():
            raise MissingError(request.env._("This assignment does not exist."))
        assignment.check_access("read")
        return assignment.sudo()

    def _umkm_assignment_action(self, assignment_id, callback):
        try:
            assignment_sudo = self._umkm_assignment_for_post(assignment_id)
        except (AccessError, MissingError):
            return self._umkm_refused()
        try:
            with request.env.cr.savepoint():
                callback(assignment_sudo.with_context(lang=request.env.lang))
        except (UserError, ValidationError) as exc:
            # the page shows the assignment as it is in the database, not as the refused
            # action left it in the cache
            request.env.invalidate_all()
            return self._umkm_assignment_page(assignment_sudo, error=exc.args[0], status=400)
        return request.redirect(f"/my/assignments/{assignment_id}?message=saved")

    @http.route(
        ["/my/assignments/<int:assignment_id>/accept"],
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_assignment_accept(self, assignment_id, **post):
        return self._umkm_assignment_action(assignment_id, lambda a: a.action_accept())

    @http.route(
        ["/my/assignments/<int:assignment_id>/decline"],
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_assignment_decline(self, assignment_id, reason=None, **post):
        reason = (reason or "").strip()[:2000]

        def decline(assignment):
            if not reason:
                raise UserError(request.env._("Tell the cooperative why you decline."))
            assignment._action_decline(reason)

        return self._umkm_assignment_action(assignment_id, decline)

    @http.route(
        ["/my/assignments/<int:assignment_id>/progress"],
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_assignment_progress(self, assignment_id, qty_done=None, **post):
        def report(assignment):
            qty, error = self._umkm_parse_number(
                qty_done,
                maximum=10.0**7,
                unit=assignment.uom_id.name,
                messages={"invalid": request.env._("Enter the quantity made so far.")},
            )
            if error:
                raise UserError(error)
            assignment._action_report_progress(qty)

        return self._umkm_assignment_action(assignment_id, report)
