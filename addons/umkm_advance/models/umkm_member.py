from odoo import api, fields, models


class UmkmMember(models.Model):
    _inherit = "umkm.member"

    advance_ids = fields.One2many("umkm.advance", "member_id", string="Advances")
    advance_outstanding = fields.Monetary(
        string="Advances outstanding",
        currency_field="currency_id",
        compute="_compute_advance_outstanding",
        compute_sudo=True,
        help="Paid to the member in advances and not yet netted against its bills or repaid.",
    )

    @api.depends("advance_ids.amount_open")
    def _compute_advance_outstanding(self):
        totals = {
            member.id: amount
            for member, amount in self.env["umkm.advance"]
            .sudo()
            ._read_group(
                [("member_id", "in", self.ids), ("state", "in", ("paid", "due"))],
                ["member_id"],
                ["amount_open:sum"],
            )
        }
        for member in self:
            member.advance_outstanding = totals.get(member.id, 0.0)

    def action_view_advances(self):
        self.ensure_one()
        self.check_access("read")
        action = self.env["ir.actions.act_window"]._for_xml_id("umkm_advance.umkm_advance_action")
        action["domain"] = [("member_id", "=", self.id)]
        action["context"] = {"default_member_id": self.id}
        return action
