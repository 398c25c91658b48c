import calendar
from datetime import date as Date

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.tools.misc import formatLang

from ..tools.surplus import first_of_month


# the dues of the savings (raising and netting) apart from the movement itself
# pylint: disable=consider-merging-classes-inherited
class UmkmMemberSaving(models.Model):
    """The dues: the principal savings on joining, the compulsory savings of every month
    raised in one batch, and both netted against what the cooperative pays the member."""

    _inherit = "umkm.member.saving"

    @api.model
    def _raise_pokok(self, members):
        """The principal savings of ``members`` that just joined, where their cluster asks
        for them and they have none yet."""
        members = members.filtered(lambda m: m.cluster_id.saving_pokok_amount > 0)
        if not members:
            return self.browse()
        have = set(
            self.sudo()
            .search([("member_id", "in", members.ids), ("type", "=", "pokok"), ("amount", ">", 0)])
            .member_id.ids
        )
        today = fields.Date.context_today(self)
        savings = self.sudo().create(
            [
                {
                    "member_id": member.id,
                    "type": "pokok",
                    "date": today,
                    "amount": member.cluster_id.saving_pokok_amount,
                }
                for member in members
                if member.id not in have
            ]
        )
        savings.action_post()
        return savings

    @api.model
    def _raise_wajib(self, clusters, month):
        """The compulsory savings of ``month`` of every active member of ``clusters`` that
        joined by its end and has not got them yet: one batch, one journal entry per cluster
        with a receivable line per member."""
        month = first_of_month(month)
        last = Date(month.year, month.month, calendar.monthrange(month.year, month.month)[1])
        clusters = clusters.filtered(lambda c: c.saving_wajib_amount > 0)
        if not clusters:
            return self.browse()
        members = (
            self.env["umkm.member"]
            .sudo()
            .search(
                [
                    ("cluster_id", "in", clusters.ids),
                    ("state", "=", "active"),
                    "|",
                    ("date_join", "=", False),
                    ("date_join", "<=", last),
                ]
            )
        )
        have = set(
            self.sudo()
            .search(
                [("member_id", "in", members.ids), ("type", "=", "wajib"), ("period", "=", month)]
            )
            .member_id.ids
        )
        savings = self.sudo().create(
            [
                {
                    "member_id": member.id,
                    "type": "wajib",
                    "date": month,
                    "period": month,
                    "amount": member.cluster_id.saving_wajib_amount,
                }
                for member in members
                if member.id not in have
            ]
        )
        savings.action_post()
        return savings

    @api.model
    def _cron_raise_wajib(self):
        """Monthly job: this month's compulsory savings of every cluster that asks for them
        (the month as it is in the company's time zone, WIB)."""
        today = fields.Date.context_today(
            self.with_context(tz=self.env.context.get("tz") or "Asia/Jakarta")
        )
        clusters = self.env["umkm.cluster"].sudo().search([("saving_wajib_amount", ">", 0)])
        return self._raise_wajib(clusters, today)

    @api.model
    def _net_dues(self, bills):
        """Net each member's open principal and compulsory dues (its receivable) against what
        the cooperative owes it on its posted ``bills`` (its payable): one entry per bill
        moving the smaller amount, reconciled with both, through Odoo's reconciliation."""
        bills = bills.filtered(lambda m: m.move_type == "in_invoice" and m.state == "posted")
        if not bills:
            return self.env["account.move"]
        partners = bills.commercial_partner_id
        dues = (
            self.env["account.move.line"]
            .sudo()
            .search(
                [
                    ("umkm_saving_id.type", "in", ("pokok", "wajib")),
                    ("partner_id", "in", partners.ids),
                    ("parent_state", "=", "posted"),
                    ("reconciled", "=", False),
                    ("balance", ">", 0),
                ],
                order="date, id",
            )
        )
        entries = self.env["account.move"]
        # each member's dues, looked up per bill (not filtered again for every bill)
        dues_of = dues.grouped(lambda x: (x.partner_id, x.company_id))
        for bill in bills.sudo():
            open_dues = dues_of.get(
                (bill.commercial_partner_id, bill.company_id), dues.browse()
            ).filtered(lambda x: not x.reconciled)
            payable = bill.line_ids.filtered(
                lambda x: x.account_id.account_type == "liability_payable" and not x.reconciled
            )
            if not open_dues or not payable:
                continue
            currency = bill.company_id.currency_id
            amount = min(
                sum(open_dues.mapped("amount_residual")), -sum(payable.mapped("amount_residual"))
            )
            if currency.compare_amounts(amount, 0.0) <= 0:
                continue
            entry = self.env["account.move"]._umkm_post_netting(
                self._prepare_netting_move_vals(bill, amount, payable, open_dues),
                payable,
                open_dues,
            )
            bill.message_post(
                body=self.env._(
                    "%(amount)s of the member's savings dues netted against this bill.",
                    amount=formatLang(self.env, amount, currency_obj=currency),
                ),
                subtype_xmlid="mail.mt_note",
            )
            entries |= entry
        return entries

    @api.model
    def _prepare_netting_move_vals(self, bill, amount, payable, dues):
        """Values of the entry moving ``amount`` from the member's payable on ``bill`` to its
        open savings dues."""
        Move = self.env["account.move"]
        company = bill.company_id
        vals = Move._umkm_netting_vals(
            company,
            bill.commercial_partner_id,
            amount,
            payable,
            dues,
            self.env._("Savings dues netted against %(bill)s", bill=bill.name),
            company.umkm_saving_journal_id or Move._umkm_general_journal(company),
        )
        vals.update({"date": bill.date, "umkm_cluster_id": bill.umkm_cluster_id.id})
        return vals

    @api.model
    def _umkm_demo_savings(self, cluster_id):
        """Demo data: a year of the cluster's savings. Each member's principal savings on
        joining and twelve months of compulsory savings, paid by bank transfer but for this
        month's (netted against its next bill); one member pays in and takes out voluntary
        savings."""
        cluster = self.env["umkm.cluster"].browse(cluster_id)
        today = fields.Date.context_today(self)
        members = cluster.member_ids.filtered(lambda m: m.state == "active")
        pokok = self.create(
            [
                {
                    "member_id": member.id,
                    "type": "pokok",
                    "date": max(member.date_join or today, today - relativedelta(months=12)),
                    "amount": cluster.saving_pokok_amount,
                }
                for member in members
            ]
        )
        pokok.action_post()
        wajib = self.browse()
        for months in range(12, 0, -1):
            wajib |= self._raise_wajib(cluster, today - relativedelta(months=months))
        this_month = self._raise_wajib(cluster, today)
        paid = (pokok | wajib).move_line_id.filtered(lambda x: not x.reconciled)
        if paid:
            self.env["account.payment.register"].with_context(
                active_model="account.move.line", active_ids=paid.ids
            ).create({"payment_date": today, "group_payment": True})._create_payments()
        first = members.sorted("number")[:1]
        if first:
            deposit = self.create(
                {
                    "member_id": first.id,
                    "type": "sukarela",
                    "date": today - relativedelta(months=3),
                    "amount": 500000,
                }
            )
            withdrawal = self.create(
                {
                    "member_id": first.id,
                    "type": "sukarela",
                    "date": today - relativedelta(months=1),
                    "amount": -150000,
                }
            )
            deposit.action_post()
            withdrawal.action_post()
        return pokok | wajib | this_month
