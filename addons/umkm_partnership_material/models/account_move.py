from odoo import fields, models


class AccountMove(models.Model):
    _inherit = "account.move"

    umkm_assignment_id = fields.Many2one(
        "umkm.subcontract.assignment",
        string="Subcontract work",
        index="btree_not_null",
        readonly=True,
        copy=False,
        help="Inti-plasma: the firm's inputs charged on credit for this work.",
    )

    def _post(self, soft=True):
        posted = super()._post(soft=soft)
        # a member's bill for inti-plasma work: its inputs on credit are netted against it
        bills = posted.filtered(lambda m: m.move_type == "in_invoice")
        if bills:
            purchases = bills.invoice_line_ids.purchase_line_id.order_id
            work = (
                self.env["umkm.subcontract.assignment"]
                .sudo()
                .search([("purchase_order_id", "in", purchases.ids)])
                if purchases
                else self.env["umkm.subcontract.assignment"]
            )
            work.filtered(
                lambda a: a.order_id.agreement_id._is_inputs_on_credit()
            )._net_input_credit()
        return posted
