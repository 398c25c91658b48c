from odoo import fields, models
from odoo.exceptions import UserError
from odoo.tools import format_amount


class PurchaseOrder(models.Model):
    _inherit = "purchase.order"

    umkm_sale_order_id = fields.Many2one(
        "sale.order",
        string="Buyer's sale order",
        index="btree_not_null",
        readonly=True,
        copy=False,
        help="Joint marketing: the cooperative's sale this member's order makes.",
    )
    umkm_member_answer = fields.Selection(
        [("pending", "Waiting for the member"), ("accepted", "Accepted"), ("declined", "Declined")],
        string="Member's answer",
        readonly=True,
        copy=False,
        tracking=True,
    )
    umkm_date_proposed = fields.Date(
        string="Date the member proposes", readonly=True, copy=False, tracking=True
    )
    umkm_decline_reason = fields.Text(string="Why the member declined", readonly=True, copy=False)

    def _prepare_invoice(self):
        """A member's bill for its products sold together is stamped with the member's cluster
        and the flow (the cooperative's figures and its surplus read it)."""
        vals = super()._prepare_invoice()
        if self.umkm_sale_order_id:
            member = self.sudo().order_line.umkm_sale_line_id.umkm_member_id[:1]
            vals.update({"umkm_cluster_id": member.cluster_id.id, "umkm_flow": "sales"})
        return vals

    def _umkm_notify_member(self):
        """Tell the producing member (its portal users) about the order on its portal, in its
        language: what it is paid and when it delivers."""
        fmt = self.env["umkm.format.mixin"]
        for purchase in self.sudo():
            business = purchase.partner_id.commercial_partner_id
            users = business.user_ids | business.child_ids.user_ids
            portal = users.filtered("share")
            if portal:
                purchase.message_subscribe(partner_ids=portal.partner_id.ids)
            lang, tz = fmt._umkm_reader(purchase.partner_id)
            text = fmt.with_context(lang=lang, tz=tz)
            purchase.message_post(
                body=text.env._(
                    "The cooperative sold your products: order %(name)s of %(amount)s, to "
                    "deliver by %(date)s, waits for your answer on your portal (accept, decline "
                    "or propose another date).",
                    name=purchase.name,
                    amount=format_amount(text.env, purchase.amount_total, purchase.currency_id),
                    date=text._umkm_format_date(
                        fields.Datetime.context_timestamp(text, purchase.date_planned).date()
                    ),
                ),
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                partner_ids=portal.partner_id.ids,
            )

    def _umkm_check_member_answer(self):
        if any(p.umkm_member_answer != "pending" or p.state in ("cancel", "done") for p in self):
            raise UserError(self.env._("This order has been answered already."))

    def _umkm_member_accept(self):
        """The member takes the order: it is confirmed at its price and date."""
        self._umkm_check_member_answer()
        self.write({"umkm_member_answer": "accepted"})
        self.button_confirm()
        return True

    def _umkm_member_decline(self, reason):
        """The member cannot make it: the order is cancelled and its quantity shows as a gap
        on the buyer's sale, for the officer to move to another producer."""
        self._umkm_check_member_answer()
        self.write({"umkm_member_answer": "declined", "umkm_decline_reason": reason})
        self.button_cancel()
        for purchase in self:
            if purchase.umkm_sale_order_id:
                purchase.umkm_sale_order_id.message_post(
                    body=self.env._(
                        "%(member)s declined %(order)s: %(reason)s",
                        member=purchase.partner_id.display_name,
                        order=purchase.name,
                        reason=reason,
                    ),
                    subtype_xmlid="mail.mt_note",
                )
                purchase.umkm_sale_order_id._umkm_schedule_gap_activity(purchase, reason)
        return True

    def _umkm_member_propose_date(self, date):
        """The member can make it, later: the officer sees the date it proposes."""
        self._umkm_check_member_answer()
        if date < fields.Date.context_today(self):
            raise UserError(self.env._("The date proposed is in the past."))
        self.write({"umkm_date_proposed": date})
        return True

    def action_umkm_accept_proposed_date(self):
        """The cooperative agrees to the member's date: the order is confirmed for it."""
        for purchase in self:
            if purchase.umkm_member_answer != "pending" or not purchase.umkm_date_proposed:
                raise UserError(self.env._("The member has proposed no date to accept."))
            purchase.order_line.date_planned = fields.Datetime.to_datetime(
                purchase.umkm_date_proposed
            )
        self._umkm_member_accept()
        return True
