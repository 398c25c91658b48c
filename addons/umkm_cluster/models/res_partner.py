from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.umkm_cluster.tools.identifiers import is_npwp, phone_e164

PHONE_FIELDS = ("phone", "mobile")


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

    def write(self, vals):
        if any(vals.get(f) for f in PHONE_FIELDS):
            members = self.filtered(lambda p: p.sudo().commercial_partner_id.umkm_member_ids)
            if members:
                super(ResPartner, members).write(self._umkm_phone_vals(vals))
                rest = self - members
                return super(ResPartner, rest).write(vals) if rest else True
        return super().write(vals)

    @api.model
    def _umkm_phone_vals(self, vals):
        """``vals`` with the phone numbers in E.164 (``+62812...``), the form WhatsApp and
        phones dial; a number that cannot be one is refused with a clear message."""
        vals = dict(vals)
        for field in PHONE_FIELDS:
            if vals.get(field):
                number = phone_e164(vals[field])
                if not number:
                    raise ValidationError(
                        self.env._(
                            "%(value)s is not a phone number: write it as 0812 3456 7890 or "
                            "+62 812 3456 7890.",
                            value=vals[field],
                        )
                    )
                vals[field] = number
        return vals

    def _umkm_normalise_phones(self):
        """Store the phones of these partners in E.164 when they are one (a number typed
        before the business became a member is kept as it is if it cannot be read)."""
        for partner in self:
            vals = {
                f: phone_e164(partner[f])
                for f in PHONE_FIELDS
                if partner[f] and phone_e164(partner[f]) not in (None, partner[f])
            }
            if vals:
                super(ResPartner, partner).write(vals)
        return True

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
        self.check_access("read")
        action = self.env["ir.actions.act_window"]._for_xml_id("umkm_cluster.umkm_member_action")
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {"default_partner_id": self.id}
        return action
