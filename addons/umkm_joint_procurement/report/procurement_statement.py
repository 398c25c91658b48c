from odoo import api, models


class ReportProcurementStatement(models.AbstractModel):
    """PDF statement of a member for a round: demand, allocation, amounts, invoice."""

    _name = "report.umkm_joint_procurement.report_procurement_statement"
    _description = "Joint procurement member statement"

    @api.model
    def _get_report_values(self, docids, data=None):
        rounds = self.env["umkm.procurement.round"].browse(docids)
        rounds.check_access("read")
        member_id = (data or {}).get("member_id")
        pages = []
        for rnd in rounds:
            allocations = rnd.allocation_ids
            demands = rnd.demand_ids.filtered(lambda d: d.state != "cancel")
            members = (allocations.member_id | demands.member_id).sorted("id")
            if member_id:
                members = members.filtered(lambda m: m.id == member_id)
            for member in members:
                pages.append(
                    {
                        "round": rnd,
                        "member": member,
                        "demands": demands.filtered(lambda d, m=member: d.member_id == m),
                        "allocations": allocations.filtered(lambda a, m=member: a.member_id == m),
                        "invoices": rnd.invoice_ids.filtered(
                            lambda i, m=member: i.partner_id == m.partner_id and i.state != "cancel"
                        ),
                    }
                )
        return {
            "doc_ids": docids,
            "doc_model": "umkm.procurement.round",
            "docs": rounds,
            "pages": pages,
        }
