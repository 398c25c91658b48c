from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    umkm_payment_term_id = fields.Many2one(
        "account.payment.term",
        string="Members' payment terms",
        check_company=True,
        help="When a member pays the cooperative's invoices (joint procurement rounds), unless "
        "the member has payment terms of its own. Empty: due on the invoice date.",
    )
