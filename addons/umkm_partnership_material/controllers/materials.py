from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request

from odoo.addons.umkm_cluster.tools.xlsx import xlsx_report_response
from odoo.addons.umkm_partnership.controllers.portal import UmkmPartnershipPortal


class UmkmMaterialPortal(UmkmPartnershipPortal):
    """The firm's material reconciliation of its order, on its portal."""

    @http.route(
        ["/my/subcontracts/<int:order_id>/materials.<string:report_type>"],
        type="http",
        auth="public",
        website=True,
    )
    def portal_my_subcontract_materials(self, order_id, report_type, access_token=None, **kw):
        """The firm's material reconciliation of its order, as PDF or XLSX."""
        if report_type not in ("pdf", "xlsx"):
            return request.not_found()
        try:
            order_sudo = self._document_check_access(
                "umkm.subcontract.order", order_id, access_token=access_token
            )
        except (AccessError, MissingError):
            return self._umkm_refused()
        if not order_sudo.material_ids:
            return request.not_found()
        if report_type == "xlsx":
            return xlsx_report_response(
                order_sudo.env,
                "umkm_partnership_material.action_report_material_reconciliation_xlsx",
                order_sudo,
                f"{order_sudo.name.replace('/', '-')}-materials.xlsx",
            )
        return self._show_report(
            model=order_sudo,
            report_type="pdf",
            report_ref="umkm_partnership_material.action_report_material_reconciliation",
            download=True,
        )
