import base64
from datetime import timedelta

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

# what a member may upload as the copy of a certificate (portal and backend)
DOCUMENT_MIMETYPES = {
    "application/pdf": "PDF",
    "image/jpeg": "JPEG",
    "image/png": "PNG",
}
DOCUMENT_MAX_BYTES = 5 * 1024 * 1024
EXPIRY_NOTICE_DAYS = 30


class UmkmMemberCertification(models.Model):
    """A certificate one membership holds (Halal, P-IRT, SNI…): its number, until when it is
    valid and a copy of it. The membership's ``certification_ids`` (the kinds it holds, which
    the catalogue and the cluster's public page count) follow from its valid lines."""

    _name = "umkm.member.certification"
    _description = "Member Certificate"
    _order = "member_id, date_expiry desc, id desc"
    _rec_name = "certification_id"

    member_id = fields.Many2one("umkm.member", required=True, index=True, ondelete="cascade")
    partner_id = fields.Many2one(related="member_id.partner_id", store=True, index=True)
    cluster_id = fields.Many2one(related="member_id.cluster_id", store=True, index=True)
    company_id = fields.Many2one(related="member_id.company_id", store=True)
    certification_id = fields.Many2one("umkm.certification", required=True, ondelete="restrict")
    number = fields.Char(string="Certificate number")
    date_issue = fields.Date(string="Issued on")
    date_expiry = fields.Date(string="Valid until", index=True)
    document = fields.Binary(string="Copy of the certificate", attachment=True)
    document_name = fields.Char()
    is_expired = fields.Boolean(
        string="Expired",
        compute="_compute_is_expired",
        store=True,
        help="Set when the certificate's validity ended (the daily job checks).",
    )
    expiry_notified = fields.Boolean(
        copy=False, help="The member and the cooperative were told it expires soon."
    )
    source = fields.Selection(
        [("cooperative", "Recorded by the cooperative"), ("member", "Added by the member")],
        default="cooperative",
        required=True,
    )

    @api.depends("date_expiry")
    def _compute_is_expired(self):
        today = self.env["umkm.cluster.snapshot"]._umkm_today()
        for line in self:
            line.is_expired = bool(line.date_expiry and line.date_expiry < today)

    @api.constrains("date_issue", "date_expiry")
    def _check_dates(self):
        for line in self:
            if line.date_issue and line.date_expiry and line.date_expiry < line.date_issue:
                raise ValidationError(
                    self.env._(
                        "The certificate %(name)s expires before it was issued.",
                        name=line.certification_id.display_name,
                    )
                )

    @api.constrains("document")
    def _check_document(self):
        for line in self.filtered("document"):
            self._umkm_check_document(base64.b64decode(line.with_context(bin_size=False).document))

    @api.model
    def _umkm_check_document(self, data):
        """Refuse a copy that is not a PDF / JPEG / PNG or is larger than 5 MB."""
        if len(data) > DOCUMENT_MAX_BYTES:
            raise ValidationError(
                self.env._("The copy of the certificate must be 5 MB or smaller.")
            )
        mimetype = self.env["ir.attachment"]._compute_mimetype({"raw": data})
        if mimetype not in DOCUMENT_MIMETYPES:
            raise ValidationError(
                self.env._("The copy of the certificate must be a PDF, JPEG or PNG file.")
            )

    # --- expiring certificates -----------------------------------------------------------

    @api.model
    def _cron_announce_expiry(self, days=EXPIRY_NOTICE_DAYS):
        """Daily: mark the certificates that expired, and announce those expiring within
        ``days`` (WIB) once: a message to the member on its membership and a to-do for the
        cluster's responsible manager."""
        today = self.env["umkm.cluster.snapshot"]._umkm_today()
        expired = self.search([("is_expired", "=", False), ("date_expiry", "<", today)])
        expired.write({"is_expired": True})
        soon = self.search(
            [
                ("expiry_notified", "=", False),
                ("date_expiry", ">=", today),
                ("date_expiry", "<=", today + timedelta(days=days)),
                ("member_id.state", "!=", "left"),
            ]
        )
        todo = self.env.ref("mail.mail_activity_data_todo", raise_if_not_found=False)
        for line in soon:
            member = line.member_id
            body = self.env._(
                "The certificate %(name)s no. %(number)s expires on %(date)s: renew it in time.",
                name=line.certification_id.display_name,
                number=line.number or "-",
                date=member._umkm_format_date(line.date_expiry),
            )
            member.message_post(
                body=Markup("<p>%s</p>") % body,
                partner_ids=member.partner_id.ids,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
            responsible = member.cluster_id._umkm_responsible_manager()
            if todo and responsible:
                member.activity_schedule(
                    activity_type_id=todo.id,
                    date_deadline=line.date_expiry - timedelta(days=7),
                    summary=self.env._("Certificate expires soon"),
                    note=body,
                    user_id=responsible.id,
                )
        soon.write({"expiry_notified": True})
        return soon

    # --- the member's own certificates (portal) ------------------------------------------

    @api.model
    def _portal_add(self, member, vals):
        """A certificate the member records itself on the portal (``member`` is its own
        membership, checked by the caller): logged in the membership's chatter."""
        if member.partner_id != self.env.user.commercial_partner_id:
            raise AccessError(self.env._("This membership is not yours."))
        line = self.sudo().create({**vals, "member_id": member.id, "source": "member"})
        member.sudo().message_post(
            body=self.env._(
                "Certificate %(name)s no. %(number)s added by %(user)s.",
                name=line.certification_id.display_name,
                number=line.number or "-",
                user=self.env.user.name,
            )
        )
        return line

    def write(self, vals):
        if "date_expiry" in vals:
            vals = {**vals, "expiry_notified": False}
        return super().write(vals)
