import math

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.umkm_cluster.tools.identifiers import phone_e164
from odoo.addons.umkm_cluster.tools.share import whatsapp_chat_url

OFFICERS = "umkm_cluster.group_umkm_officer"


class UmkmCatalogueInquiry(models.Model):
    """A buyer's question or request for a quote sent from a catalogue page."""

    _name = "umkm.catalogue.inquiry"
    _description = "Catalogue Inquiry"
    _inherit = ["portal.mixin", "mail.thread", "mail.activity.mixin", "umkm.number.mixin"]
    _order = "id desc"

    catalogue_id = fields.Many2one("umkm.catalogue", required=True, index=True, ondelete="cascade")
    cluster_id = fields.Many2one(related="catalogue_id.cluster_id", store=True, index=True)
    company_id = fields.Many2one(related="catalogue_id.company_id", store=True)
    line_id = fields.Many2one(
        "umkm.catalogue.line",
        string="Product",
        ondelete="set null",
        domain="[('catalogue_id', '=', catalogue_id), ('state', '=', 'approved')]",
    )
    member_id = fields.Many2one(related="line_id.member_id", string="Producer", store=True)
    categ_id = fields.Many2one(
        related="line_id.product_tmpl_id.categ_id", string="Product category", store=True
    )
    buyer_city = fields.Char(
        string="Buyer's city / region", help="Where the buyer's market is, as it wrote it."
    )
    name = fields.Char(string="Buyer", required=True)
    # the buyer's contact stays with the cooperative unless it shares it with the producer
    company_name = fields.Char(string="Buyer company", groups=OFFICERS)
    email = fields.Char(required=True, groups=OFFICERS)
    phone = fields.Char(groups=OFFICERS)
    contact_shared = fields.Boolean(
        string="Contact shared with the producer",
        tracking=True,
        help="The producer sees the buyer's company, e-mail and phone on its portal.",
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    answer_qty = fields.Float(
        string="Producer can supply", digits="Product Unit of Measure", readonly=True
    )
    answer_lead_days = fields.Integer(string="Producer's lead time (days)", readonly=True)
    answer_price = fields.Monetary(
        string="Producer's price", currency_field="currency_id", readonly=True
    )
    answer_note = fields.Text(string="Producer's note", readonly=True)
    answer_price_warning = fields.Char(
        string="Price check",
        compute="_compute_answer_price_warning",
        help="The producer's price is far from the catalogue's price or its earlier answers.",
    )
    answer_date = fields.Datetime(string="Answered by the producer on", readonly=True)
    whatsapp_url = fields.Char(
        string="WhatsApp",
        compute="_compute_whatsapp_url",
        groups=OFFICERS,
        help="Open a chat with the buyer.",
    )
    qty = fields.Float(string="Quantity wanted", digits="Product Unit of Measure")
    message = fields.Text(required=True)
    ip_address = fields.Char(string="IP address", readonly=True, groups="base.group_system")
    state = fields.Selection(
        [("new", "New"), ("answered", "Answered"), ("closed", "Closed")],
        default="new",
        required=True,
        tracking=True,
    )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            # the buyer's phone in E.164 (+62...) when it is one
            if vals.get("phone") and phone_e164(vals["phone"]):
                vals["phone"] = phone_e164(vals["phone"])
        inquiries = super().create(vals_list)
        inquiries._notify_producers()
        for inquiry in inquiries:
            inquiry.catalogue_id.message_post(
                body=self.env._(
                    "New inquiry from %(buyer)s (%(email)s): %(message)s",
                    buyer=inquiry.name,
                    email=inquiry.email,
                    message=inquiry.message,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return inquiries

    def action_answered(self):
        self.write({"state": "answered"})

    def action_close(self):
        self.write({"state": "closed"})

    @api.depends("phone")
    def _compute_whatsapp_url(self):
        for inquiry in self:
            inquiry.whatsapp_url = whatsapp_chat_url(phone_e164(inquiry.phone))

    def _compute_access_url(self):
        for inquiry in self:
            inquiry.access_url = f"/my/inquiries/{inquiry.id}"

    def _notify_producers(self):
        """Tell each producer (its portal users) about an inquiry on its product: what, how
        many, the buyer's question, never the buyer's contact. One grouped search of users."""
        with_producer = self.filtered("member_id")
        if not with_producer:
            return
        businesses = with_producer.member_id.partner_id
        users = (
            self.env["res.users"]
            .sudo()
            .search(
                [("share", "=", True), ("partner_id.commercial_partner_id", "in", businesses.ids)]
            )
        )
        for inquiry in with_producer.sudo():
            business = inquiry.member_id.partner_id
            recipients = users.filtered(lambda u, b=business: u.commercial_partner_id == b)
            if not recipients:
                continue
            lang = recipients[0].lang or business.lang or self.env.lang
            text = inquiry.with_context(lang=lang)
            inquiry.message_post(
                body=text.env._(
                    'A buyer asks about %(product)s: %(qty)s wanted. "%(message)s" Answer '
                    "with what you can supply on your portal: %(url)s",
                    product=inquiry.line_id.product_tmpl_id.with_context(lang=lang).name,
                    qty=text._umkm_format_number(inquiry.qty or 0),
                    message=inquiry.message,
                    url=inquiry.get_base_url() + inquiry.access_url,
                ),
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                partner_ids=recipients.partner_id.ids,
            )

    @api.depends("answer_price", "line_id.wholesale_price")
    def _compute_answer_price_warning(self):
        for inquiry in self:
            inquiry.answer_price_warning = inquiry.answer_date and self._umkm_price_warning(
                inquiry.answer_price, inquiry._umkm_reference_price(), inquiry.currency_id
            )

    def _umkm_reference_price(self):
        """The price an answer is compared with: the catalogue's wholesale price of the
        product, else the producer's last answer about it."""
        self.ensure_one()
        line = self.sudo().line_id
        if line.wholesale_price:
            return line.wholesale_price
        last = self.sudo().search(
            [("line_id", "=", line.id), ("answer_date", "!=", False), ("id", "!=", self.id)],
            order="answer_date desc",
            limit=1,
        )
        return last.answer_price

    def _umkm_producer_answer(self, qty, lead_days, price, note):
        """The producer's answer: what it can supply, in how many days, at what price."""
        self.ensure_one()
        if self.state == "closed":
            raise UserError(self.env._("This inquiry is closed."))
        for value in (qty, lead_days, price):
            if value is None or not math.isfinite(value) or value < 0:
                raise ValidationError(self.env._("Quantities, days and prices cannot be negative."))
        if lead_days > 3650:
            raise ValidationError(self.env._("The lead time is at most 3650 days."))
        self.write(
            {
                "answer_qty": qty,
                "answer_lead_days": int(lead_days),
                "answer_price": price,
                "answer_note": (note or "").strip()[:2000],
                "answer_date": fields.Datetime.now(),
            }
        )
        self.message_post(
            body=self.env._(
                "The producer answered: %(qty)s available in %(days)s days at %(price)s.",
                qty=self._umkm_format_number(qty),
                days=int(lead_days),
                price=self._umkm_format_number(price),
            ),
            subtype_xmlid="mail.mt_note",
        )
        return True

    @api.model
    def _umkm_monthly_counts(self, domain, months=6):
        """Inquiries per month over the last ``months`` months (this one included), in one
        grouped read with the user's rights: ``[(first day of month, count, quantity)]``."""
        today = fields.Date.context_today(self)
        start = fields.Date.start_of(fields.Date.subtract(today, months=months - 1), "month")
        groups = self._read_group(
            [*domain, ("create_date", ">=", start)],
            ["create_date:month"],
            ["__count", "qty:sum"],
        )
        found = {
            month.date() if hasattr(month, "date") else month: (c, q) for month, c, q in groups
        }
        result = []
        for i in range(months):
            month = fields.Date.add(start, months=i)
            count, qty = found.get(month, (0, 0.0))
            result.append((month, count, qty))
        return result
