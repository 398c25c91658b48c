from collections import defaultdict

from odoo import Command, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare


class UmkmProcurementRound(models.Model):
    """The round's purchases: one purchase order per vendor for what the members demanded,
    and the shared costs taken from the vendors' bills."""

    _inherit = "umkm.procurement.round"

    def action_create_purchase_orders(self):
        """One purchase order per vendor for the demanded materials. Idempotent."""
        self._check_state(("closed", "ordered"), self.env._("order"))
        order_vals = []
        line_vals_by_order = defaultdict(list)
        for rnd in self:
            todo = rnd.line_ids.filtered(
                lambda line: (
                    float_compare(line.qty_to_order, 0.0, precision_rounding=line.uom_id.rounding)
                    > 0
                    and not line.purchase_line_ids.filtered(lambda pol: pol.state != "cancel")
                )
            )
            if not todo:
                if rnd.state == "closed":
                    raise UserError(
                        self.env._(
                            "Round %(name)s has nothing to order: no member entered demand.",
                            name=rnd.name,
                        )
                    )
                continue
            no_vendor = todo.filtered(lambda line: not line.vendor_id)
            if no_vendor:
                raise UserError(
                    self.env._(
                        "No vendor price list for %(products)s: add vendors to these products.",
                        products=", ".join(no_vendor.product_id.mapped("display_name")),
                    )
                )
            open_orders = rnd.purchase_ids.filtered(lambda po: po.state in ("draft", "sent"))
            date_planned = fields.Datetime.to_datetime(rnd.expected_date) or rnd.deadline
            for vendor, vlines in todo.grouped("vendor_id").items():
                pol_vals = [
                    Command.create(line._prepare_purchase_line_vals(date_planned))
                    for line in vlines
                ]
                existing = open_orders.filtered(lambda po, vendor=vendor: po.partner_id == vendor)
                if existing:
                    line_vals_by_order[existing[:1]].extend(pol_vals)
                    continue
                order_vals.append(rnd._prepare_purchase_order_vals(vendor, date_planned, pol_vals))
        for order, pol_vals in line_vals_by_order.items():
            order.write({"order_line": pol_vals})
        if order_vals:
            self.env["purchase.order"].create(order_vals)
        self.filtered(lambda r: r.state == "closed").write({"state": "ordered"})
        return self.action_view_purchases() if len(self) == 1 else True

    def _prepare_purchase_order_vals(self, vendor, date_planned, line_commands):
        """Values of the round's purchase order to ``vendor`` (its lines: ``line_commands``)."""
        self.ensure_one()
        return {
            "partner_id": vendor.id,
            "origin": self.name,
            "umkm_round_id": self.id,
            "company_id": self.company_id.id,
            "currency_id": self.currency_id.id,
            "date_planned": date_planned,
            "order_line": line_commands,
        }

    def action_load_vendor_bill_costs(self):
        """Add the non-material lines of the round's vendor bills as shared costs."""
        self._check_state(("ordered", "allocated"), self.env._("load costs for"))
        vals_list = []
        for rnd in self:
            bills = rnd.purchase_ids.invoice_ids.filtered(
                lambda m: m.state == "posted" and m.move_type == "in_invoice"
            )
            known = rnd.cost_ids.move_line_id
            for aml in bills.invoice_line_ids:
                if aml.purchase_line_id or aml in known or aml.display_type != "product":
                    continue
                vals_list.append(
                    {
                        "round_id": rnd.id,
                        "name": aml.name or aml.product_id.display_name,
                        "amount": aml.currency_id._convert(
                            aml.price_subtotal, rnd.currency_id, rnd.company_id, aml.date
                        ),
                        "move_line_id": aml.id,
                        "partner_id": aml.partner_id.id,
                    }
                )
        self.env["umkm.procurement.cost"].create(vals_list)
        return True
