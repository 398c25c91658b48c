from collections import defaultdict

from odoo import fields, models


class UmkmMember(models.Model):
    _inherit = "umkm.member"

    saving_ids = fields.One2many("umkm.member.saving", "member_id", string="Savings movements")
    saving_pokok = fields.Monetary(
        string="Principal savings", compute="_compute_savings", currency_field="currency_id"
    )
    saving_wajib = fields.Monetary(
        string="Compulsory savings", compute="_compute_savings", currency_field="currency_id"
    )
    saving_sukarela = fields.Monetary(
        string="Voluntary savings", compute="_compute_savings", currency_field="currency_id"
    )
    saving_total = fields.Monetary(
        string="Savings", compute="_compute_savings", currency_field="currency_id"
    )
    saving_dues_open = fields.Monetary(
        string="Savings dues not paid",
        compute="_compute_savings",
        currency_field="currency_id",
        help="Principal and compulsory savings raised and not paid yet.",
    )
    surplus_line_ids = fields.One2many("umkm.surplus.line", "member_id", string="SHU received")

    def _compute_savings(self):
        balances = self.env["umkm.member.saving"]._balances(self)
        open_dues = defaultdict(float)
        if self.ids:
            for line in (
                self.env["account.move.line"]
                .sudo()
                .search(
                    [
                        ("umkm_saving_id.member_id", "in", self.ids),
                        ("umkm_saving_id.type", "in", ("pokok", "wajib")),
                        ("parent_state", "=", "posted"),
                        ("balance", ">", 0),
                        ("reconciled", "=", False),
                    ]
                )
            ):
                open_dues[line.umkm_saving_id.member_id.id] += line.amount_residual
        for member in self:
            member.saving_pokok = balances[member.id, "pokok"]
            member.saving_wajib = balances[member.id, "wajib"]
            member.saving_sukarela = balances[member.id, "sukarela"]
            member.saving_total = member.saving_pokok + member.saving_wajib + member.saving_sukarela
            member.saving_dues_open = open_dues[member.id]

    def action_activate(self):
        res = super().action_activate()
        self.env["umkm.member.saving"]._raise_pokok(self)
        return res

    def action_leave(self):
        res = super().action_leave()
        self._refund_savings()
        return res

    def _refund_savings(self):
        """A member who leaves gets its savings back: one movement out per type it holds, a
        payable to it."""
        Saving = self.env["umkm.member.saving"].sudo()
        balances = Saving._balances(self)
        today = fields.Date.context_today(self)
        refunds = Saving.create(
            [
                {
                    "member_id": member.id,
                    "type": kind,
                    "date": today,
                    "amount": -balances[member.id, kind],
                    "name": self.env._("Savings paid back on leaving"),
                }
                for member in self
                for kind in ("pokok", "wajib", "sukarela")
                if member.currency_id.compare_amounts(balances[member.id, kind], 0.0) > 0
            ]
        )
        refunds.action_post()
        return refunds

    def action_view_savings(self):
        self.ensure_one()
        self.check_access("read")
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "umkm_cooperative.umkm_member_saving_action"
        )
        action["domain"] = [("member_id", "=", self.id)]
        action["context"] = {"default_member_id": self.id}
        return action
