from collections import defaultdict

from odoo import models

from ..tools.surplus import day_weighted_basis, year_end_basis

_INCOME_TYPES = ("income", "income_other")
_EXPENSE_TYPES = ("expense", "expense_depreciation", "expense_direct_cost")


# the bases of the shares apart from the year itself
# pylint: disable=consider-merging-classes-inherited
class UmkmSurplus(models.Model):
    """What the shares are computed from: the surplus in the books, each member's
    transactions with the cooperative (jasa usaha) and its savings (jasa modal). Each is one
    grouped query, whatever the number of members."""

    _inherit = "umkm.surplus"

    def _compute_amount_proposed(self):
        for surplus in self:
            if not (surplus.company_id and surplus.date_from and surplus.date_to):
                surplus.amount_proposed = 0.0
                continue
            domain = [
                ("company_id", "=", surplus.company_id.id),
                ("parent_state", "=", "posted"),
                ("date", ">=", surplus.date_from),
                ("date", "<=", surplus.date_to),
                ("account_id.account_type", "in", _INCOME_TYPES + _EXPENSE_TYPES),
            ]
            analytic = surplus.cluster_id.analytic_account_id
            if analytic:
                domain.append(("analytic_distribution", "in", analytic.ids))
            [(balance,)] = (
                self.env["account.move.line"].sudo()._read_group(domain, [], ["balance:sum"])
            )
            surplus.amount_proposed = -(balance or 0.0)

    def _members(self):
        """The members the year is shared among: those of the cluster that joined by the
        year's end and were not only applicants."""
        self.ensure_one()
        return (
            self.env["umkm.member"]
            .sudo()
            .search(
                [
                    ("cluster_id", "=", self.cluster_id.id),
                    ("state", "in", ("active", "suspended", "left")),
                    "|",
                    ("date_join", "=", False),
                    ("date_join", "<=", self.date_to),
                ],
                order="number, id",
            )
        )

    def _compute_bases(self):
        """``(members, {member id: transactions}, {member id: capital})`` of the year. A
        member who left has a share only where it has a basis."""
        self.ensure_one()
        members = self._members()
        usaha = self._usaha_bases(members)
        modal = self._modal_bases(members)
        members = members.filtered(
            lambda m: m.state != "left" or usaha.get(m.id) or modal.get(m.id)
        )
        return members, usaha, modal

    def _usaha_bases(self, members):
        """Each member's transactions of the year counted by the rule: the untaxed amounts of
        the posted invoices and bills the flows stamped with the cluster (credit notes
        deducted)."""
        self.ensure_one()
        rule = self.rule_id
        flows = [
            flow
            for flow, counted in (
                ("procurement", rule.count_procurement),
                ("subcontract", rule.count_subcontract),
                ("sales", rule.count_sales),
            )
            if counted
        ]
        if not flows or not members:
            return {}
        transactions = self.env["account.move"]._umkm_member_transactions(
            members, self.date_from, self.date_to, flows
        )
        return {m: max(sum(per_flow.values()), 0.0) for m, per_flow in transactions.items()}

    def _modal_bases(self, members):
        """Each member's capital counted by the rule: its savings at the year's end, or
        weighted by the days they were held in the year."""
        self.ensure_one()
        rule = self.rule_id
        types = ["pokok", "wajib"] + (["sukarela"] if rule.modal_savings == "all" else [])
        movements = defaultdict(list)
        for member, day, amount in (
            self.env["umkm.member.saving"]
            .sudo()
            ._read_group(
                [
                    ("member_id", "in", members.ids),
                    ("state", "=", "posted"),
                    ("type", "in", types),
                    ("date", "<=", self.date_to),
                ],
                ["member_id", "date:day"],
                ["amount:sum"],
            )
        ):
            movements[member.id].append((day, amount))
        bases = {}
        for member, moves in movements.items():
            if rule.modal_method == "day_weighted":
                basis = day_weighted_basis(moves, self.date_from, self.date_to)
            else:
                basis = year_end_basis(moves, self.date_to)
            bases[member] = max(basis, 0.0)
        return bases
