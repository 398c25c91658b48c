from odoo import fields, models


class UmkmMemberSaving(models.Model):
    _inherit = "umkm.member.saving"

    umkm_invoice_id = fields.Many2one(
        "account.move",
        string="Invoice paid",
        readonly=True,
        index="btree_not_null",
        help="The member's round invoice this withdrawal of voluntary savings paid.",
    )

    def _prepare_move_vals(self):
        """A withdrawal that pays a round invoice goes out of the member's receivable (to be
        reconciled with the invoice), not to its payable."""
        vals = super()._prepare_move_vals()
        paying = {s.id: s for s in self if s.umkm_invoice_id}
        if paying:
            for command in vals["line_ids"]:
                line = command[2]
                saving = paying.get(line.get("umkm_saving_id"))
                if saving:
                    partner = saving.partner_id.commercial_partner_id.with_company(
                        saving.company_id
                    )
                    line["account_id"] = partner.property_account_receivable_id.id
        return vals
