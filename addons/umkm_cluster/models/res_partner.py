from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    umkm_member_ids = fields.One2many("umkm.member", "partner_id", string="Cluster memberships")
    umkm_member_count = fields.Integer(
        string="Membership count", compute="_compute_umkm_member_count"
    )

    def _compute_umkm_member_count(self):
        counts = dict(
            self.env["umkm.member"]._read_group(
                [("partner_id", "in", self.ids)], ["partner_id"], ["__count"]
            )
        )
        for partner in self:
            partner.umkm_member_count = counts.get(partner, 0)

    def action_view_umkm_members(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("umkm_cluster.umkm_member_action")
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {"default_partner_id": self.id}
        return action
