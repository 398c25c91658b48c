from odoo import api, models
from odoo.exceptions import UserError


class StockWarehouse(models.Model):
    _inherit = "stock.warehouse"

    @api.model
    def _umkm_for_company(self, company):
        """The cooperative's warehouse of ``company``, where the firms' materials are kept (as
        superuser), or a clear error."""
        warehouse = self.sudo().search([("company_id", "=", company.id)], limit=1)
        if not warehouse:
            raise UserError(
                self.env._(
                    "%(company)s has no warehouse to keep the firm's materials.",
                    company=company.name,
                )
            )
        return warehouse

    def _umkm_member_parent_location(self):
        """The parent of the members' locations under this warehouse (created on first use),
        as superuser."""
        self.ensure_one()
        Location = self.env["stock.location"].sudo()
        parent = Location.search(
            [("location_id", "=", self.view_location_id.id), ("umkm_members_root", "=", True)],
            limit=1,
        )
        if not parent:
            parent = Location.create(
                {
                    "name": self.env._("Members"),
                    "location_id": self.view_location_id.id,
                    "usage": "internal",
                    "company_id": self.company_id.id,
                    "umkm_members_root": True,
                }
            )
        return parent
