from odoo import api, models
from odoo.tools import float_is_zero


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
                        # the member's statement: in its language and time zone
                        "lang": member.partner_id.lang or self.env.lang or "en_US",
                        "tz": member.partner_id.tz
                        or self.env.context.get("tz")
                        or self.env.user.tz
                        or "UTC",
                        "demands": demands.filtered(lambda d, m=member: d.member_id == m),
                        "allocations": allocations.filtered(lambda a, m=member: a.member_id == m),
                        "invoices": rnd.invoice_ids.filtered(
                            lambda i, m=member: i.partner_id == m.partner_id and i.state != "cancel"
                        ),
                    }
                )
        digits = self.env["decimal.precision"].precision_get("Product Unit of Measure")

        def qty_digits(qty):
            """No decimals for a whole quantity (100 m, not 100.00 m)."""
            return 0 if float_is_zero(qty - round(qty), precision_digits=digits) else digits

        return {
            "doc_ids": docids,
            "doc_model": "umkm.procurement.round",
            "docs": rounds,
            "pages": pages,
            "qty_digits": qty_digits,
        }
