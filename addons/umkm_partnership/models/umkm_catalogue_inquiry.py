from odoo import fields, models
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

    def _get_or_create_buyer(self):
        """The buyer's contact: an existing one with the same email, or a new one."""
        self.ensure_one()
        Partner = self.env["res.partner"]
        buyer = Partner.search([("email", "=ilike", self.email)], limit=1)
        if buyer:
            return buyer
        company = (
            Partner.create({"name": self.company_name, "is_company": True})
            if self.company_name
            else Partner
        )
        return Partner.create(
            {
                "name": self.name,
                "email": self.email,
                "phone": self.phone,
                "parent_id": company.id,
            }
        )

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
