from datetime import timedelta

from odoo import Command, api, fields, models
from odoo.exceptions import UserError


class UmkmPartnershipAgreement(models.Model):
    _inherit = "umkm.partnership.agreement"

    def _trade_lines(self):
        """The catalogue products the firm may order under this agreement: the approved
        products of the cluster's catalogues, with their agreed price."""
        self.ensure_one()
        lines = (
            self.env["umkm.catalogue.line"]
            .sudo()
            .search(
                [("catalogue_id.cluster_id", "=", self.cluster_id.id), ("state", "=", "approved")]
            )
        )
        return lines

    def _trade_price(self, line, qty):
        """The agreed price of catalogue ``line`` for ``qty``: the agreement's pricelist, or
        the catalogue's wholesale price."""
        self.ensure_one()
        if self.pricelist_id:
            product = line.product_tmpl_id.product_variant_id
            return self.pricelist_id._get_product_price(product, qty or 1.0)
        return line.wholesale_price

    @api.model
    def _trade_qty_error(self, line, qty):
        """Why ``qty`` of catalogue ``line`` cannot be ordered (under its minimum), or None."""
        if qty < line.min_qty:
            return self.env._(
                "At least %(qty)s %(uom)s.",
                qty=self.env["umkm.format.mixin"]._umkm_format_number(line.min_qty),
                uom=line.uom_id.name,
            )
        return None

    def _trade_order(self, firm, cart, ordered_by=None):
        """The firm's order of ``cart`` (``[(catalogue line, qty)]``, checked against this
        agreement's products and minimums) at the agreed prices: a quotation sent to the firm,
        due after the longest lead time, which the cooperative confirms into the members'
        orders."""
        self.ensure_one()
        allowed = self._trade_lines()
        for line, qty in cart:
            if line not in allowed:
                raise UserError(
                    self.env._(
                        "%(product)s is not offered under %(agreement)s.",
                        product=line.product_tmpl_id.display_name,
                        agreement=self.name,
                    )
                )
            error = self._trade_qty_error(line, qty)
            if error:
                raise UserError(
                    self.env._(
                        "%(product)s: %(error)s",
                        product=line.product_tmpl_id.display_name,
                        error=error,
                    )
                )
        if not cart:
            raise UserError(self.env._("Enter the quantity of at least one product."))
        lead = max(line.lead_time_days for line, _qty in cart)
        sale = self.env["sale.order"].create(
            {
                "partner_id": firm.id,
                "company_id": self.company_id.id,
                "umkm_agreement_id": self.id,
                "origin": self.name,
                "commitment_date": fields.Datetime.now() + timedelta(days=lead),
                # the cooperative confirms the firm's order once its members can make it: the
                # firm is never asked to sign or pay a quotation it only sent
                "require_signature": False,
                "require_payment": False,
                "order_line": [
                    Command.create(
                        {
                            "product_id": line.product_tmpl_id.product_variant_id.id,
                            "product_uom_qty": qty,
                            "price_unit": self._trade_price(line, qty),
                        }
                    )
                    for line, qty in cart
                ],
            }
        )
        sale.action_quotation_sent()
        if ordered_by:
            sale.message_post(
                body=self.env._("Ordered by %(user)s on the portal.", user=ordered_by.name),
                subtype_xmlid="mail.mt_note",
            )
        return sale
