from odoo import fields, models


class UmkmMember(models.Model):
    _inherit = "umkm.member"

    umkm_sale_count = fields.Integer(
        string="Sales",
        compute="_compute_umkm_sale_count",
        groups="sales_team.group_sale_salesman",
        help="The cooperative's sales of this member's products.",
    )

    def _compute_umkm_sale_count(self):
        counts = self.env["sale.order.line"]._umkm_sale_counts(
            [("umkm_member_id", "in", self.ids)], ["umkm_member_id"]
        )
        for member in self:
            member.umkm_sale_count = counts.get((member,), 0)

    def action_view_umkm_sales(self):
        self.ensure_one()
        return self.env["sale.order"]._umkm_member_sales_action(
            [("order_line.umkm_member_id", "=", self.id)]
        )

    def _umkm_catalogue(self):
        """The catalogue of the member's cluster (its published one first), or no record."""
        self.ensure_one()
        return self.env["umkm.catalogue"].search(
            [("cluster_id", "=", self.cluster_id.id)], order="is_published desc, id", limit=1
        )
