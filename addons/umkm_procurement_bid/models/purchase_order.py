from odoo import api, fields, models

BID_STATUSES = [
    ("no_answer", "No answer"),
    ("on_time", "Answered on time"),
    ("late", "Answered late"),
]


class PurchaseOrder(models.Model):
    """A request for quotation of a round's call for bids: when the vendor must answer, when
    and how it answered, and whether the manager chose it."""

    _inherit = "purchase.order"

    umkm_bid_reply_by = fields.Date(
        string="Reply by",
        copy=False,
        readonly=True,
        help="Set on the requests for quotation of a round's call for bids: the vendor answers "
        "on the portal by this date.",
    )
    umkm_bid_answered_on = fields.Datetime(string="Answered on", copy=False, readonly=True)
    umkm_bid_lead_days = fields.Integer(
        string="Lead time (days)", copy=False, readonly=True, help="As the vendor answered."
    )
    umkm_bid_status = fields.Selection(
        BID_STATUSES, string="Answer", compute="_compute_umkm_bid_status"
    )
    umkm_bid_chosen = fields.Boolean(string="Chosen", copy=False, readonly=True)

    @api.depends("umkm_bid_reply_by", "umkm_bid_answered_on")
    def _compute_umkm_bid_status(self):
        for order in self:
            if not order.umkm_bid_reply_by:
                order.umkm_bid_status = False
            elif not order.umkm_bid_answered_on:
                order.umkm_bid_status = "no_answer"
            elif order.umkm_bid_answered_on.date() > order.umkm_bid_reply_by:
                order.umkm_bid_status = "late"
            else:
                order.umkm_bid_status = "on_time"

    def _umkm_bid_open(self):
        """Whether the vendor can still answer: a round's bid, not confirmed nor cancelled."""
        self.ensure_one()
        return bool(
            self.umkm_bid_reply_by
            and self.state in ("draft", "sent")
            and self.umkm_round_id.state == "closed"
        )

    def _umkm_record_bid(self, prices, lead_days, now=None, tiers=None):
        """Record the vendor's answer: ``prices`` ({order line: unit price}), the lead time in
        days, ``tiers`` ({order line: [(from quantity, unit price)]}, its volume prices, which
        replace those it gave before); the answer date is now (a late answer is kept, marked
        late)."""
        self.ensure_one()
        now = now or fields.Datetime.now()
        for line, price in prices.items():
            line.write(
                {"price_unit": price, "date_planned": fields.Datetime.add(now, days=lead_days)}
            )
            if tiers is not None:
                line._umkm_set_bid_tiers(tiers.get(line, []))
        self.write({"umkm_bid_answered_on": now, "umkm_bid_lead_days": lead_days})

    def action_umkm_choose_bid(self):
        """Choose (or un-choose) this whole request for quotation of the round's call."""
        for order in self:
            order.umkm_bid_chosen = not order.umkm_bid_chosen
        return True

    def _umkm_send_bid_request(self):
        """Send the requests for quotation with Odoo's RFQ e-mail; the vendor follows its
        request (its portal users see it on the portal)."""
        template = self.env.ref("purchase.email_template_edi_purchase", raise_if_not_found=False)
        for order in self:
            order.message_subscribe(partner_ids=order.partner_id.ids)
            if template:
                order.with_context(mark_rfq_as_sent=True).message_post_with_source(
                    template, message_type="comment", subtype_xmlid="mail.mt_comment"
                )
        self.filtered(lambda o: o.state == "draft").write({"state": "sent"})
