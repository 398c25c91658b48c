from odoo import Command, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare


class UmkmProcurementRound(models.Model):
    """A call for bids of a closed round: one request for quotation per vendor, linked as
    Odoo's alternatives; the chosen answers become the round's purchase orders."""

    _inherit = "umkm.procurement.round"

    bid_ids = fields.One2many(
        "purchase.order",
        "umkm_round_id",
        string="Bids",
        domain=[("umkm_bid_reply_by", "!=", False)],
        readonly=True,
        groups="purchase.group_purchase_user",
    )
    bid_count = fields.Integer(compute="_compute_bid_count", string="Number of bids")

    @api.depends("purchase_ids.state", "purchase_ids.umkm_bid_reply_by")
    def _compute_bid_count(self):
        counts = dict(
            self.env["purchase.order"]
            .sudo()
            ._read_group(
                [
                    ("umkm_round_id", "in", self.ids),
                    ("umkm_bid_reply_by", "!=", False),
                    ("state", "!=", "cancel"),
                ],
                ["umkm_round_id"],
                ["__count"],
            )
        )
        for rnd in self:
            rnd.bid_count = counts.get(rnd, 0)

    def action_call_for_bids(self):
        """The wizard of the call: vendors and the reply-by date."""
        self.ensure_one()
        self._check_state(("closed",), self.env._("call for bids on"), claim=False)
        return {
            "name": self.env._("Call for bids"),
            "type": "ir.actions.act_window",
            "res_model": "umkm.procurement.bid.call",
            "view_mode": "form",
            "target": "new",
            "context": {"default_round_id": self.id},
        }

    def action_reopen(self):
        """Reopening changes the quantities the vendors were asked: their open requests for
        quotation are cancelled (a new call follows the next close)."""
        bids = self.env["purchase.order"].search(
            [
                ("umkm_round_id", "in", self.ids),
                ("umkm_bid_reply_by", "!=", False),
                ("state", "in", ("draft", "sent", "to approve")),
            ]
        )
        res = super().action_reopen()
        bids.button_cancel()
        return res

    def _umkm_bid_lines(self):
        """The lines to buy: a quantity to order and not yet ordered."""
        self.ensure_one()
        return self.line_ids.filtered(
            lambda line: (
                float_compare(line.qty_to_order, 0.0, precision_rounding=line.uom_id.rounding) > 0
                and not line.purchase_line_ids.filtered(lambda pol: pol.state != "cancel")
            )
        )

    def _umkm_default_bid_vendors(self):
        """The vendors with price tiers for the round's materials, but those the cluster
        excludes (under its minimum standing)."""
        self.ensure_one()
        sellers = self.line_ids.product_id.seller_ids.filtered(
            lambda s: not s.company_id or s.company_id == self.company_id
        )
        return sellers.partner_id.filtered(
            lambda vendor: not self.line_ids[:1]._vendor_excluded(vendor)
        )

    def _umkm_call_for_bids(self, vendors, reply_by):
        """One request for quotation per vendor of the round's quantities (prices to be
        answered), linked to each other as Odoo's alternatives, sent to the vendors."""
        self.ensure_one()
        self._check_state(("closed",), self.env._("call for bids on"))
        if not vendors:
            raise UserError(self.env._("Choose at least one vendor."))
        lines = self._umkm_bid_lines()
        if not lines:
            raise UserError(
                self.env._(
                    "Round %(name)s has nothing to order: no member entered demand.",
                    name=self.name,
                )
            )
        date_planned = fields.Datetime.to_datetime(self.expected_date) or self.deadline
        vals_list = []
        for vendor in vendors:
            line_commands = []
            for line in lines:
                vals = line._prepare_purchase_line_vals(date_planned)
                vals["price_unit"] = 0.0
                line_commands.append(Command.create(vals))
            vals = self._prepare_purchase_order_vals(vendor, date_planned, line_commands)
            vals["umkm_bid_reply_by"] = reply_by
            vals_list.append(vals)
        orders = self.env["purchase.order"].create(vals_list)
        if len(orders) > 1:
            self.env["purchase.order.group"].create({"order_ids": [Command.set(orders.ids)]})
        orders._umkm_send_bid_request()
        return orders

    def action_compare_bids(self):
        """Odoo's side-by-side comparison of the alternatives' lines."""
        self.ensure_one()
        bids = self.bid_ids.filtered(lambda po: po.state != "cancel")
        if not bids:
            raise UserError(self.env._("Round %(name)s has no bids.", name=self.name))
        return bids[:1].action_compare_alternative_lines()

    def action_confirm_bids(self):
        """The chosen bids become the round's purchase orders: confirmed, the other bids
        cancelled (as Odoo's alternatives), the lines' vendor and price from the chosen
        answers, the round ordered."""
        self.ensure_one()
        self._check_state(("closed",), self.env._("confirm the bids of"))
        bids = self.bid_ids.filtered(lambda po: po.state in ("draft", "sent", "to approve"))
        chosen = bids.filtered("umkm_bid_chosen")
        if not chosen:
            raise UserError(self.env._("Choose at least one bid."))
        unanswered = chosen.filtered(lambda po: not po.umkm_bid_answered_on)
        if unanswered:
            raise UserError(
                self.env._(
                    "%(vendors)s did not answer: choose bids that were answered.",
                    vendors=", ".join(unanswered.partner_id.mapped("display_name")),
                )
            )
        # a material chosen on one bid (Odoo's compare view clears the others' quantity)
        chosen.order_line.filtered(
            lambda pol: not pol.display_type and not pol.product_qty
        ).unlink()
        by_line = {}
        for line in bids.order_line.umkm_round_line_id:
            pols = chosen.order_line.filtered(lambda pol, line=line: pol.umkm_round_line_id == line)
            if len(pols) != 1:
                raise UserError(
                    self.env._(
                        "Choose exactly one bid for %(material)s.",
                        material=line.product_id.display_name,
                    )
                )
            if line._vendor_excluded(pols.order_id.partner_id):
                raise UserError(
                    self.env._(
                        "%(vendor)s is under the cluster's minimum standing for its vendors: "
                        "choose another bid for %(material)s.",
                        vendor=pols.order_id.partner_id.display_name,
                        material=line.product_id.display_name,
                    )
                )
            if pols.price_unit <= 0:
                raise UserError(
                    self.env._(
                        "%(vendor)s gave no price for %(material)s.",
                        vendor=pols.order_id.partner_id.display_name,
                        material=line.product_id.display_name,
                    )
                )
            by_line[line] = pols
        chosen.with_context(skip_alternative_check=True).button_confirm()
        (bids - chosen).button_cancel()
        chosen.order_line._umkm_update_vendor_tiers()
        for line, pol in by_line.items():
            line._umkm_apply_bid(pol)
        self.write({"state": "ordered"})
        return self.action_view_purchases()
