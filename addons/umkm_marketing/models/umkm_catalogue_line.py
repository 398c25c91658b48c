from odoo import fields, models


class UmkmCatalogueLine(models.Model):
    _inherit = "umkm.catalogue.line"

    umkm_sale_count = fields.Integer(
        string="Sales",
        compute="_compute_umkm_sale_count",
        groups="sales_team.group_sale_salesman",
    )

    def _umkm_sale_domain(self):
        """The sales of this catalogue product made by its member."""
        self.ensure_one()
        return [
            ("order_line.product_id.product_tmpl_id", "=", self.product_tmpl_id.id),
            ("order_line.umkm_member_id", "=", self.member_id.id),
        ]

    def _compute_umkm_sale_count(self):
        counts = self.env["sale.order.line"]._umkm_sale_counts(
            [("product_id.product_tmpl_id", "in", self.product_tmpl_id.ids)],
            ["umkm_member_id", "product_id"],
        )
        for line in self:
            line.umkm_sale_count = sum(
                count
                for (member, product), count in counts.items()
                if member == line.member_id and product.product_tmpl_id == line.product_tmpl_id
            )

    def action_view_umkm_sales(self):
        self.ensure_one()
        return self.env["sale.order"]._umkm_member_sales_action(self._umkm_sale_domain())
