from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.http import content_disposition, request

from odoo.addons.umkm_cluster.tools.xlsx import xlsx_report_response

from .portal import UmkmProcurementPortal


class UmkmProcurementExport(UmkmProcurementPortal):
    def _umkm_member_round(self, round_id):
        round_sudo = self._document_check_access("umkm.procurement.round", round_id)
        member = self._umkm_round_member(round_sudo)
        if not member:
            raise AccessError(request.env._("You are not a member of this cluster."))
        return round_sudo, member

    @http.route(["/my/procurement/<int:round_id>/xlsx"], type="http", auth="user", website=True)
    def portal_procurement_xlsx(self, round_id, **kw):
        """The member's own part of the round workbook (the backend's XLSX report)."""
        try:
            round_sudo, member = self._umkm_member_round(round_id)
        except (AccessError, MissingError):
            return self._umkm_refused()
        return xlsx_report_response(
            round_sudo.env,
            "umkm_joint_procurement.action_report_procurement_round_xlsx",
            round_sudo,
            f"{round_sudo.name.replace('/', '-')}-member.xlsx",
            data={"member_id": member.id},
        )

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
