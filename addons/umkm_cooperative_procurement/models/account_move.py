from odoo import fields, models


class AccountMove(models.Model):
    _inherit = "account.move"

    def _post(self, soft=True):
        posted = super()._post(soft=soft)
        posted._umkm_pay_from_savings()
        return posted

    def _umkm_pay_from_savings(self):
        """Pay the posted round invoices of the members who chose so from their voluntary
        savings, as far as they go: one withdrawal per invoice, posted together (one entry
        per cluster and day), each reconciled with its invoice."""
        invoices = self.filtered(
            lambda m: (
                m.move_type == "out_invoice"
                and m.umkm_round_id
                and m.state == "posted"
                and m.payment_state in ("not_paid", "partial")
            )
        )
        if not invoices:
            return
        Member = self.env["umkm.member"].sudo()
        members = Member.search(
            [
                ("pay_rounds_from_savings", "=", True),
                ("partner_id", "in", invoices.commercial_partner_id.ids),
                ("cluster_id", "in", invoices.umkm_round_id.cluster_id.ids),
            ]
        )
        if not members:
            return
        member_of = {(m.partner_id.id, m.cluster_id.id): m for m in members}
        Saving = self.env["umkm.member.saving"].sudo()
        balances = Saving._balances(members, types=["sukarela"])
        vals_list = []
        for invoice in invoices:
            member = member_of.get(
                (invoice.commercial_partner_id.id, invoice.umkm_round_id.cluster_id.id)
            )
            if not member:
                continue
            amount = min(invoice.amount_residual, balances[member.id, "sukarela"])
            if invoice.currency_id.compare_amounts(amount, 0.0) <= 0:
                continue
            balances[member.id, "sukarela"] -= amount
            vals_list.append(
                {
                    "member_id": member.id,
                    "type": "sukarela",
                    "date": invoice.date or fields.Date.context_today(self),
                    "amount": -amount,
                    "umkm_invoice_id": invoice.id,
                    "name": self.env._("Paid %(invoice)s", invoice=invoice.name),
                }
            )
        if not vals_list:
            return
        savings = Saving.create(vals_list)
        savings.action_post()
        plan = []
        for saving in savings:
            account = saving.move_line_id.account_id
            receivable = saving.umkm_invoice_id.line_ids.filtered(
                lambda x, a=account: x.account_id == a and not x.reconciled
            )
            plan.append(receivable | saving.move_line_id)
        self.env["account.move.line"]._reconcile_plan(plan)
