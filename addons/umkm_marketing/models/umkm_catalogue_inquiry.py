from odoo import api, fields, models
from odoo.exceptions import UserError


class UmkmCatalogueInquiry(models.Model):
    _inherit = "umkm.catalogue.inquiry"

    sale_order_id = fields.Many2one(
        "sale.order",
        string="Quotation",
        readonly=True,
        copy=False,
        index="btree_not_null",
        groups="sales_team.group_sale_salesman",
    )

    buyer_id = fields.Many2one(
        "res.partner",
        string="Buyer contact",
        copy=False,
        index="btree_not_null",
        groups="sales_team.group_sale_salesman",
        help="The contact the quotation goes to. Link an existing contact on purpose; left "
        "empty, a new contact is made from what the buyer typed (a public form never attaches "
        "itself to an existing customer by its e-mail address).",
    )

    member_outcome = fields.Selection(
        [
            ("open", "No quotation yet"),
            ("quoted", "Quotation sent to the buyer"),
            ("ordered", "The buyer ordered"),
            ("lost", "The buyer did not order"),
        ],
        string="What became of it",
        compute="_compute_member_outcome",
        help="What the producer sees of the inquiry it answered: did it become a sale?",
    )
    member_ordered_qty = fields.Float(
        string="Ordered from you",
        compute="_compute_member_outcome",
        digits="Product Unit of Measure",
        help="What the cooperative ordered from the producer for this sale and product.",
    )

    @api.depends("sale_order_id.state", "member_id", "line_id")
    def _compute_member_outcome(self):
        for inquiry, sudo in zip(self, self.sudo(), strict=True):
            sale = sudo.sale_order_id
            if not sale:
                inquiry.member_outcome = "open"
            elif sale.state == "cancel":
                inquiry.member_outcome = "lost"
            elif sale.state == "sale":
                inquiry.member_outcome = "ordered"
            else:
                inquiry.member_outcome = "quoted"
            purchase_lines = sale.order_line.umkm_purchase_line_ids.filtered(
                lambda pl, q=sudo: (
                    pl.state != "cancel"
                    and pl.order_id.partner_id == q.member_id.partner_id
                    and pl.product_id.product_tmpl_id == q.line_id.product_tmpl_id
                )
            )
            inquiry.member_ordered_qty = sum(purchase_lines.mapped("product_qty"))

    def action_view_umkm_sale(self):
        """The sale the inquiry became, in the suite's list of sales of members' products."""
        self.ensure_one()
        return self.env["sale.order"]._umkm_member_sales_action(
            [("id", "=", self.sale_order_id.id)]
        )

    def _get_or_create_buyer(self):
        """The buyer's contact: the one an officer linked, or a new one made from the form
        (never an existing partner found by the e-mail typed: anybody can type any address)."""
        self.ensure_one()
        if self.buyer_id:
            return self.buyer_id
        Partner = self.env["res.partner"]
        company = (
            Partner.create({"name": self.company_name, "is_company": True})
            if self.company_name
            else Partner
        )
        buyer = Partner.create(
            {
                "name": self.name,
                "email": self.email,
                "phone": self.phone,
                "parent_id": company.id,
            }
        )
        self.buyer_id = buyer
        return buyer

    def action_create_quotation(self):
        """Turn the inquiry into a quotation of the cooperative, the producer on the line."""
        self.ensure_one()
        if not self.sale_order_id:
            if not self.line_id:
                raise UserError(
                    self.env._(
                        "Choose the catalogue product the buyer asks about before making a "
                        "quotation."
                    )
                )
            line = self.line_id
            product = line.product_tmpl_id.product_variant_id
            order = self.env["sale.order"].create(
                {
                    "partner_id": self._get_or_create_buyer().id,
                    "company_id": self.company_id.id,
                    "origin": line.catalogue_id.name,
                    "note": self.message,
                    "order_line": [
                        fields.Command.create(
                            {
                                "product_id": product.id,
                                "product_uom_qty": max(self.qty or 0.0, line.min_qty),
                                "price_unit": line.wholesale_price,
                                "umkm_member_id": line.member_id.id,
                            }
                        )
                    ],
                }
            )
            self.write({"sale_order_id": order.id, "state": "answered"})
            self.message_post(
                body=self.env._("Quotation %(name)s created.", name=order.name),
                subtype_xmlid="mail.mt_note",
            )
        return {
            "type": "ir.actions.act_window",
            "res_model": "sale.order",
            "res_id": self.sale_order_id.id,
            "view_mode": "form",
        }
