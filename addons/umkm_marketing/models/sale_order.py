from collections import defaultdict

from odoo import Command, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare, float_is_zero, format_amount


class SaleOrder(models.Model):
    _inherit = "sale.order"

    umkm_member_purchase_ids = fields.One2many(
        "purchase.order",
        "umkm_sale_order_id",
        string="Member purchase orders",
        readonly=True,
        groups="purchase.group_purchase_user",
    )
    umkm_member_purchase_count = fields.Integer(
        compute="_compute_umkm_member_purchase_count", groups="purchase.group_purchase_user"
    )
    umkm_member_delivery = fields.Selection(
        [("cooperative", "To the cooperative"), ("buyer", "Directly to the buyer")],
        string="Members deliver",
        default="cooperative",
        required=True,
        help="To the cooperative: members deliver to the cooperative's warehouse, which "
        "delivers the buyer. Directly to the buyer: each member ships its part to the buyer's "
        "address (dropship); its delivery is the buyer's delivery.",
    )
    umkm_has_gap = fields.Boolean(
        string="Members missing",
        compute="_compute_umkm_has_gap",
        help="Some quantity of a member's product is not with a member: declined or not "
        "ordered yet.",
    )

    @api.depends("umkm_member_purchase_ids")
    def _compute_umkm_member_purchase_count(self):
        for order in self:
            order.umkm_member_purchase_count = len(order.umkm_member_purchase_ids)

    @api.depends("state", "order_line.umkm_qty_gap", "order_line.umkm_member_id")
    def _compute_umkm_has_gap(self):
        for order in self:
            order.umkm_has_gap = order.state == "sale" and any(
                line.umkm_member_id and line.umkm_qty_gap for line in order.order_line
            )

    def _action_confirm(self):
        result = super()._action_confirm()
        self._umkm_order_from_members()
        return result

    def _umkm_order_from_members(self, lines=None, member=None):
        """One request for quotation per producing member, at the member's price, its lines
        linked one to one to the sale lines (quantity = what no member holds yet). ``lines``
        and ``member``: only these lines, from this member (moving a declined quantity)."""
        lines = lines if lines is not None else self.order_line
        by_member = defaultdict(list)
        for line in lines.sudo():
            producer = member or line.umkm_member_id
            if not producer or line.display_type:
                continue
            qty = line.umkm_qty_gap
            if float_is_zero(qty, precision_rounding=line.product_uom.rounding or 0.01):
                continue
            by_member[(line.order_id, producer)].append((line, qty))
        if not by_member:
            return self.env["purchase.order"]
        dropship_types = self._umkm_dropship_picking_types()
        sources = lines.sudo()._umkm_member_sources(member=member)
        purchases = (
            self.env["purchase.order"]
            .sudo()
            .create(
                [
                    {
                        "partner_id": producer.partner_id.id,
                        "company_id": sale.company_id.id,
                        "origin": sale.name,
                        "umkm_sale_order_id": sale.id,
                        "umkm_member_answer": "pending",
                        **sale._umkm_member_delivery_vals(dropship_types),
                        # the member's contact at the cooperative
                        "user_id": sale._umkm_buyer(producer).id,
                        "order_line": [
                            Command.create(
                                {
                                    "product_id": line.product_id.id,
                                    "name": line.name,
                                    "product_qty": qty,
                                    "product_uom": line.product_uom.id,
                                    "price_unit": line.umkm_member_price,
                                    "date_planned": line._umkm_member_date_planned(sources),
                                    "umkm_sale_line_id": line.id,
                                    # Odoo's own link: the member's dropship is the line's
                                    # delivery to the buyer
                                    **(
                                        {"sale_line_id": line.id}
                                        if sale.umkm_member_delivery == "buyer"
                                        else {}
                                    ),
                                    # a micro member is not PKP: no input PPN on its order
                                    **sale.company_id._umkm_tax_vals(
                                        "taxes_id", vendor=producer.partner_id
                                    ),
                                }
                            )
                            for line, qty in items
                        ],
                    }
                    for (sale, producer), items in by_member.items()
                ]
            )
        )
        # a request for quotation sent to the member: it shows under its portal's RFQs
        purchases.write({"state": "sent"})
        purchases._umkm_notify_member()
        return purchases

    def _umkm_buyer(self, member):
        """Who buys from ``member`` for the cooperative: the sale's salesperson, else the
        user confirming, the sales team's leader, the member's cluster's manager (never the
        superuser a background job runs as, nor a portal user)."""
        self.ensure_one()
        managers = member.cluster_id.sudo().manager_ids
        people = self.user_id | self.env.user | self.team_id.user_id | managers
        return people.filtered(lambda u: u.active and not u.share and not u._is_superuser())[:1]

    def _umkm_dropship_picking_types(self):
        """The dropship operation type of each company of these sales (one query)."""
        companies = self.filtered(lambda s: s.umkm_member_delivery == "buyer").company_id
        if not companies:
            return {}
        types = (
            self.env["stock.picking.type"]
            .sudo()
            .search([("code", "=", "dropship"), ("company_id", "in", companies.ids)])
        )
        return {t.company_id.id: t for t in types.sorted("sequence", reverse=True)}

    def _umkm_member_delivery_vals(self, dropship_types):
        """Where the member delivers: the cooperative's receipt, or the buyer's address."""
        self.ensure_one()
        if self.umkm_member_delivery != "buyer":
            return {}
        picking_type = dropship_types.get(self.company_id.id)
        if not picking_type:
            raise UserError(
                self.env._(
                    "%(company)s has no dropship operation: members cannot deliver directly to "
                    "the buyer. Choose delivery to the cooperative.",
                    company=self.company_id.display_name,
                )
            )
        return {"picking_type_id": picking_type.id, "dest_address_id": self.partner_shipping_id.id}

    def _umkm_bill_members(self):
        """The buyer's delivery is done: each member is billed what it delivered and the
        cooperative has not billed yet, at its price (a draft vendor bill per member order,
        for the accountant to post and pay)."""
        purchases = (
            self.sudo()
            .umkm_member_purchase_ids.filtered(lambda p: p.state in ("purchase", "done"))
            .filtered(
                lambda p: any(
                    float_compare(
                        line.qty_received,
                        line.qty_invoiced,
                        precision_rounding=line.product_uom.rounding or 0.01,
                    )
                    > 0
                    for line in p.order_line
                )
            )
        )
        if not purchases:
            return self.env["account.move"]
        before = purchases.invoice_ids
        purchases.action_create_invoice()
        bills = purchases.invoice_ids - before
        fmt = self.env["umkm.format.mixin"]
        for purchase in purchases:
            lang = fmt._umkm_reader(purchase.partner_id)[0]
            for bill in purchase.invoice_ids & bills:
                purchase.message_post(
                    body=self.with_context(lang=lang).env._(
                        "The buyer received the goods: your bill %(bill)s of %(amount)s is "
                        "with the cooperative for payment.",
                        bill=bill.display_name,
                        amount=format_amount(
                            self.with_context(lang=lang).env, bill.amount_total, bill.currency_id
                        ),
                    ),
                    message_type="comment",
                    subtype_xmlid="mail.mt_comment",
                )
        return bills

    def _umkm_schedule_gap_activity(self, purchase, reason):
        """A member declined its part (``purchase``): the sale's salesperson gets a to-do to
        move the quantity to another producer."""
        self.ensure_one()
        self.sudo().activity_schedule(
            "mail.mail_activity_data_todo",
            user_id=(self.user_id or self.team_id.user_id or self.env.user).id,
            summary=self.env._("Move a declined quantity to another producer"),
            note=self.env._(
                "%(member)s declined %(order)s: %(reason)s",
                member=purchase.partner_id.display_name,
                order=purchase.name,
                reason=reason,
            ),
        )

    @api.model
    def _umkm_member_sales_action(self, domain):
        """The suite's list of sales of members' products, narrowed to ``domain``."""
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "umkm_marketing.umkm_member_sale_action"
        )
        action["domain"] = [("order_line.umkm_member_id", "!=", False), *domain]
        action["context"] = {"create": False}
        return action

    def action_view_umkm_member_purchases(self):
        self.ensure_one()
        self.check_access("read")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Member purchase orders"),
            "res_model": "purchase.order",
            "view_mode": "list,form",
            "domain": [("id", "in", self.umkm_member_purchase_ids.ids)],
        }
