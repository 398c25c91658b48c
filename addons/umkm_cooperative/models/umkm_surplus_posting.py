from odoo import fields, models
from odoo.exceptions import UserError


# the posting and the payout of the year apart from its computation
# pylint: disable=consider-merging-classes-inherited
class UmkmSurplus(models.Model):
    """Posting makes one journal entry: the surplus to the reserve, to each fund and to each
    member's payable. Each member is paid by an Odoo payment, or its share is credited to its
    voluntary savings."""

    _inherit = "umkm.surplus"

    def action_post(self):
        self._check_state(("computed",), self.env._("post"))
        for surplus in self:
            surplus.company_id._umkm_cooperative_check_setup()
            wrong = surplus.line_ids.filtered(
                lambda line: line.payout == "sukarela" and line.member_id.state == "left"
            )
            if wrong:
                raise UserError(
                    self.env._(
                        "%(members)s left the cooperative: its share is paid, not credited to "
                        "savings.",
                        members=", ".join(wrong.member_id.mapped("display_name")),
                    )
                )
            move = (
                self.env["account.move"]
                .sudo()
                ._umkm_post_members_entries([surplus._prepare_move_vals()])
            )
            by_partner = {
                line.partner_id.id: line
                for line in move.line_ids
                if line.account_id.account_type == "liability_payable"
            }
            for line in surplus.line_ids.sudo():
                partner = line.member_id.partner_id.commercial_partner_id
                line.move_line_id = by_partner.get(partner.id)
            surplus.write({"move_id": move.id, "state": "posted"})
            surplus.line_ids.filtered(lambda line: line.payout == "sukarela")._credit_savings()
        return True

    def _prepare_move_vals(self):
        """Values of the entry sharing the year's surplus."""
        self.ensure_one()
        company = self.company_id
        label = self.display_name
        lines = [
            {
                "name": label,
                "account_id": company.umkm_surplus_account_id.id,
                "balance": self.amount,
            }
        ]
        for pool in self.pool_ids.filtered(lambda p: p.account_id and p.amount):
            lines.append(
                {
                    "name": f"{label}: {pool.name}",
                    "account_id": pool.account_id.id,
                    "balance": -pool.amount,
                }
            )
        for line in self.line_ids.filtered("amount_total"):
            partner = line.member_id.partner_id.commercial_partner_id.with_company(company)
            lines.append(
                {
                    "name": self.env._(
                        "%(surplus)s: share of %(member)s",
                        surplus=label,
                        member=line.member_id.display_name,
                    ),
                    "partner_id": partner.id,
                    "account_id": partner.property_account_payable_id.id,
                    "balance": -line.amount_total,
                }
            )
        return {
            "move_type": "entry",
            "journal_id": company.umkm_saving_journal_id.id,
            "company_id": company.id,
            "date": fields.Date.context_today(self),
            "ref": label,
            "umkm_cluster_id": self.cluster_id.id,
            "line_ids": [fields.Command.create(vals) for vals in lines],
        }

    def action_pay(self):
        """Pay the members whose share is paid (not credited to savings): Odoo's payment
        wizard on their open shares."""
        self.ensure_one()
        if self.state != "posted":
            raise UserError(self.env._("Post the SHU before paying it."))
        to_pay = self.line_ids.filtered(
            lambda line: (
                line.payout == "payment" and line.move_line_id and not line.move_line_id.reconciled
            )
        ).move_line_id
        if not to_pay:
            raise UserError(self.env._("Every member's share is paid or credited."))
        return {
            "name": self.env._("Pay the SHU"),
            "type": "ir.actions.act_window",
            "res_model": "account.payment.register",
            "view_mode": "form",
            "target": "new",
            "context": {
                "active_model": "account.move.line",
                "active_ids": to_pay.ids,
                "default_group_payment": False,
            },
        }

    def action_view_move(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "account.move",
            "res_id": self.move_id.id,
            "view_mode": "form",
        }

    def _umkm_demo_share(self):
        """Demo data: the year computed and posted; the first member takes its share into its
        voluntary savings, the others are paid."""
        self.action_compute()
        self.line_ids.sorted(lambda line: line.member_id.number)[:1].payout = "sukarela"
        self.action_post()
        return True
