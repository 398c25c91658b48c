from odoo import Command, api, fields, models
from odoo.exceptions import UserError


# one concern of the support activity per file (the activity itself in
# umkm_partnership_support.py)
# pylint: disable=consider-merging-classes-inherited
class UmkmPartnershipSupport(models.Model):
    """The cost the cooperative bore for a support activity, billed to the members who took
    part: one customer invoice per participant for its exact share (as a round's shared costs
    are billed), once."""

    _inherit = "umkm.partnership.support"

    invoice_ids = fields.One2many(
        "account.move", "umkm_support_id", string="Invoices of the shares", readonly=True
    )
    invoice_count = fields.Integer(compute="_compute_invoice_count")

    @api.depends("invoice_ids.state")
    def _compute_invoice_count(self):
        counts = dict(
            self.env["account.move"]
            .sudo()
            ._read_group(
                [("umkm_support_id", "in", self.ids), ("state", "!=", "cancel")],
                ["umkm_support_id"],
                ["__count"],
            )
        )
        for support in self:
            support.invoice_count = counts.get(support, 0)

    def _prepare_participant_invoice_vals(self, participant, amount, journal, product):
        """The customer invoice of ``participant`` for its share ``amount`` of the cost."""
        self.ensure_one()
        partner = participant.member_id.partner_id
        label = self.with_context(lang=partner.lang or self.env.lang).env._(
            "Share of the cost of %(activity)s (%(date)s)",
            activity=self.name,
            date=self._umkm_format_date(self.date),
        )
        line = {
            "product_id": product.id,
            "name": label,
            "quantity": 1.0,
            "price_unit": amount,
        }
        line.update(self.company_id._umkm_tax_vals("tax_ids"))
        return {
            "move_type": "out_invoice",
            "partner_id": partner.id,
            "journal_id": journal.id,
            "company_id": self.company_id.id,
            "currency_id": self.currency_id.id,
            "invoice_origin": self.name,
            "ref": self.name,
            "umkm_support_id": self.id,
            "umkm_cluster_id": self.cluster_id.id,
            "invoice_payment_term_id": partner.with_company(
                self.company_id
            ).property_payment_term_id.id,
            "invoice_line_ids": [Command.create(line)],
        }

    def action_bill_participants(self):
        """Bill each member who took part its share of the cost borne by the cooperative (draft
        invoices, one per member, to the rupiah); members billed already are skipped."""
        self._check_state(("done",), self.env._("bill the participants of"))
        product = self.env.ref("umkm_partnership.product_support_cost")
        vals_list = []
        for support in self:
            if not support.cost_cooperative:
                raise UserError(
                    self.env._(
                        "%(name)s has no cost borne by the cooperative to bill.",
                        name=support.display_name,
                    )
                )
            journal = support.company_id._umkm_sale_journal()
            billed = support.invoice_ids.filtered(lambda m: m.state != "cancel").partner_id
            for participant, amount in support._umkm_cost_shares().items():
                if participant.member_id.partner_id in billed or support.currency_id.is_zero(
                    amount
                ):
                    continue
                vals_list.append(
                    support._prepare_participant_invoice_vals(participant, amount, journal, product)
                )
        if not vals_list:
            raise UserError(self.env._("Every member who took part is billed already."))
        self.env["account.move"].create(vals_list)
        return self.action_view_invoices()

    def action_view_invoices(self):
        self.ensure_one()
        self.check_access("read")
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account.action_move_out_invoice_type"
        )
        action["domain"] = [("umkm_support_id", "=", self.id)]
        action["context"] = {"create": False, "default_move_type": "out_invoice"}
        return action
