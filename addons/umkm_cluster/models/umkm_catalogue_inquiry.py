from odoo import api, fields, models


class UmkmCatalogueInquiry(models.Model):
    """A buyer's question or request for a quote sent from a catalogue page."""

    _name = "umkm.catalogue.inquiry"
    _description = "Catalogue Inquiry"
    _inherit = ["mail.thread", "mail.activity.mixin"]
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
    name = fields.Char(string="Buyer", required=True)
    company_name = fields.Char(string="Buyer company")
    email = fields.Char(required=True)
    phone = fields.Char()
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
        inquiries = super().create(vals_list)
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
