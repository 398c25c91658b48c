from odoo import api, fields, models


class UmkmMember(models.Model):
    """A membership's certificates: lines with number, validity and a copy
    (``umkm.member.certification``); ``certification_ids`` is the kinds it holds now."""

    _inherit = "umkm.member"

    certificate_ids = fields.One2many(
        "umkm.member.certification", "member_id", string="Certificates"
    )
    certification_ids = fields.Many2many(
        compute="_compute_certification_ids",
        inverse="_inverse_certification_ids",
        store=True,
        readonly=False,
        help="Certifications the member holds (Halal, P-IRT, SNI…), from its valid "
        "certificates: shown, without naming the member, on the cluster's public capability "
        "page.",
    )

    @api.depends("certificate_ids.certification_id", "certificate_ids.is_expired")
    def _compute_certification_ids(self):
        for member in self:
            member.certification_ids = member.certificate_ids.filtered(
                lambda line: not line.is_expired
            ).certification_id

    def _inverse_certification_ids(self):
        """Choosing kinds directly (the quick tags of the form, imports): a kind added gets a
        certificate line without number, a kind removed loses its lines."""
        Line = self.env["umkm.member.certification"]
        create = []
        for member in self:
            held = member.certificate_ids.certification_id
            create += [
                {"member_id": member.id, "certification_id": certification.id}
                for certification in member.certification_ids - held
            ]
            Line |= member.certificate_ids.filtered(
                lambda line, m=member: (
                    line.certification_id not in m.certification_ids and not line.is_expired
                )
            )
        Line.unlink()
        if create:
            self.env["umkm.member.certification"].create(create)
