from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.http import content_disposition, request

from odoo.addons.umkm_cluster.tools.xlsx import xlsx_response

from ..report.procurement_xlsx import build_round_workbook
from .portal import UmkmProcurementPortal


def _xlsx_response(rnd, content, suffix=""):
    return xlsx_response(content, f"{rnd.name.replace('/', '-')}{suffix}.xlsx")


class UmkmProcurementExport(UmkmProcurementPortal):
    @http.route(["/umkm_procurement/xlsx/<int:round_id>"], type="http", auth="user", website=True)
    def procurement_round_xlsx(self, round_id, **kw):
        """The whole round workbook, for the cooperative (backend users of the cluster)."""
        rnd = request.env["umkm.procurement.round"].browse(round_id).exists()
        if not rnd or not request.env.user.has_group("umkm_cluster.group_umkm_officer"):
            return request.not_found()
        try:
            rnd.check_access("read")
        except AccessError:
            return request.not_found()
        return _xlsx_response(rnd, build_round_workbook(rnd))

    def _umkm_member_round(self, round_id):
        round_sudo = self._document_check_access("umkm.procurement.round", round_id)
        member = self._umkm_round_member(round_sudo)
        if not member:
            raise AccessError(request.env._("You are not a member of this cluster."))
        return round_sudo, member

    @http.route(["/my/procurement/<int:round_id>/xlsx"], type="http", auth="user", website=True)
    def portal_procurement_xlsx(self, round_id, **kw):
        """The member's own part of the round workbook."""
        try:
            round_sudo, member = self._umkm_member_round(round_id)
        except (AccessError, MissingError):
            return self._umkm_refused()
        return _xlsx_response(round_sudo, build_round_workbook(round_sudo, member), "-member")

    @http.route(
        ["/my/procurement/<int:round_id>/statement"], type="http", auth="user", website=True
    )
    def portal_procurement_statement(self, round_id, **kw):
        """The member's PDF statement of the round."""
        try:
            round_sudo, member = self._umkm_member_round(round_id)
        except (AccessError, MissingError):
            return self._umkm_refused()
        pdf, _type = (
            request.env["ir.actions.report"]
            .sudo()
            ._render_qweb_pdf(
                "umkm_joint_procurement.action_report_procurement_statement",
                round_sudo.ids,
                data={"member_id": member.id},
            )
        )
        filename = f"{round_sudo.name.replace('/', '-')}-statement.pdf"
        return request.make_response(
            pdf,
            headers=[
                ("Content-Type", "application/pdf"),
                ("Content-Disposition", content_disposition(filename)),
            ],
        )
