from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.umkm_cluster.tools.identifiers import is_npwp


class ResPartner(models.Model):
    _inherit = "res.partner"

    umkm_member_ids = fields.One2many("umkm.member", "partner_id", string="Cluster memberships")
    umkm_member_count = fields.Integer(
        string="Membership count", compute="_compute_umkm_member_count"
    )
    umkm_pkp = fields.Boolean(
        string="PKP supplier",
        help="The business is a PKP (Pengusaha Kena Pajak) and charges PPN on the work and "
        "goods it sells to the cooperative: its purchase orders take the products' purchase "
        "taxes. Most member SMEs are micro and not PKP: unticked, their orders carry no tax.",
    )

    def _compute_umkm_member_count(self):
        counts = dict(
            self.env["umkm.member"]._read_group(
                [("partner_id", "in", self.ids)], ["partner_id"], ["__count"]
            )
        )
        for partner in self:
            partner.umkm_member_count = counts.get(partner, 0)

    @api.constrains("vat")
    def _check_umkm_npwp(self):
        """The NPWP of a member business: 15 digits, or 16 (the NIK of an individual), as
        Coretax accepts them (separators allowed)."""
        for partner in self.filtered(lambda p: p.vat and p.sudo().umkm_member_ids):
            if not is_npwp(partner.vat):
                raise ValidationError(
                    self.env._(
                        "The NPWP of %(name)s must have 15 or 16 digits "
                        "(separators allowed), got %(vat)s.",
                        name=partner.display_name,
                        vat=partner.vat,
                    )
                )

    def action_view_umkm_members(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("umkm_cluster.umkm_member_action")
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {"default_partner_id": self.id}
        return action
