from odoo import api, fields, models
from odoo.exceptions import ValidationError


class UmkmCluster(models.Model):
    _inherit = "umkm.cluster"

    saving_pokok_amount = fields.Monetary(
        string="Principal savings (pokok)",
        currency_field="currency_id",
        tracking=True,
        help="Simpanan pokok a member pays once, when it joins (0: none).",
    )
    saving_wajib_amount = fields.Monetary(
        string="Compulsory savings (wajib) a month",
        currency_field="currency_id",
        tracking=True,
        help="Simpanan wajib every active member pays each month, raised on the first day of "
        "the month (0: none).",
    )
    analytic_account_id = fields.Many2one(
        "account.analytic.account",
        string="Analytic account",
        check_company=True,
        help="Where the company keeps the cluster's income and expenses: the surplus (SHU) to "
        "share is proposed from them. Empty: from the whole company's books.",
    )
    surplus_rule_ids = fields.One2many("umkm.surplus.rule", "cluster_id", string="SHU rules")

    @api.constrains("saving_pokok_amount", "saving_wajib_amount")
    def _check_saving_amounts(self):
        for cluster in self:
            if cluster.saving_pokok_amount < 0 or cluster.saving_wajib_amount < 0:
                raise ValidationError(
                    self.env._("The savings a member pays cannot be negative (%s).", cluster.name)
                )

    def action_view_savings(self):
        self.ensure_one()
        self.check_access("read")
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "umkm_cooperative.umkm_member_saving_action"
        )
        action["domain"] = [("cluster_id", "=", self.id)]
        action["context"] = {"default_cluster_id": self.id, "search_default_group_member": 1}
        return action
