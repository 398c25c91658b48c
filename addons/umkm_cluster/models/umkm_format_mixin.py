import html

from odoo import api, models
from odoo.tools.misc import format_date, formatLang

from odoo.addons.umkm_cluster.tools.numbers import format_typed
from odoo.addons.umkm_cluster.tools.share import whatsapp_share_url


class UmkmFormatMixin(models.AbstractModel):
    """Figures and dates written into texts people read (chatter, mail, form errors): in the
    reader's language and time zone, quantities without ``150.0``, dates not as ISO."""

    _name = "umkm.format.mixin"
    _description = "UMKM texts for people"

    @api.model
    def _umkm_format_number(self, value):
        digits = 0 if float(value).is_integer() else 2
        return formatLang(self.env, value, digits=digits)

    @api.model
    def _umkm_format_input(self, value):
        """The value of a form's number input, in the reader's notation (see
        :func:`~odoo.addons.umkm_cluster.tools.numbers.format_typed`)."""
        return format_typed(self.env, value)

    @api.model
    def _umkm_format_qty(self, qty, uom):
        """``1.250,5 kg`` in Indonesian, ``1,250.5 kg`` in English."""
        return f"{self._umkm_format_number(qty)} {uom.name or ''}".strip()

    @api.model
    def _umkm_whatsapp_share(self, text, url=None):
        """A WhatsApp link that opens a chat with ``text`` and ``url`` ready to send. ``text``
        may be a template's rendered text: its markup escapes and line breaks are undone."""
        return whatsapp_share_url(" ".join(html.unescape(str(text)).split()), url)

    @api.model
    def _umkm_format_date(self, value):
        return format_date(self.env, value) if value else "-"

    @api.model
    def _umkm_reader(self, partner):
        """``(lang, tz)`` a text for ``partner`` is written in. A partner without its own
        takes its company's, then the cooperative company's, then the current user's."""
        company_partner = self.env.company.partner_id
        lang = (
            partner.lang
            or partner.commercial_partner_id.lang
            or company_partner.lang
            or self.env.lang
        )
        tz = (
            partner.tz
            or partner.commercial_partner_id.tz
            or company_partner.tz
            or self.env.user.tz
            or "UTC"
        )
        return lang, tz

    @api.model
    def _umkm_recipient_groups(self, partners):
        """``{(lang, tz): partners}``: the recipients by their :meth:`_umkm_reader`."""
        groups = {}
        for partner in partners:
            key = self._umkm_reader(partner)
            groups[key] = groups.get(key, self.env["res.partner"]) | partner
        return groups
