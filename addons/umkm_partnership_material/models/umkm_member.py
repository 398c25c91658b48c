from odoo import models


class UmkmMember(models.Model):
    _inherit = "umkm.member"

    def _umkm_stock_locations(self, warehouse):
        """Each member's location for the firms' materials under ``warehouse`` (created on
        first use, all at once), as superuser: ``{member: location}``."""
        Location = self.env["stock.location"].sudo()
        parent = warehouse._umkm_member_parent_location()
        existing = {
            loc.umkm_member_id: loc
            for loc in Location.search(
                [("location_id", "=", parent.id), ("umkm_member_id", "in", self.ids)]
            )
        }
        missing = self.filtered(lambda m: m not in existing)
        if missing:
            created = Location.create(
                [
                    {
                        "name": member.partner_id.name,
                        "location_id": parent.id,
                        "usage": "internal",
                        "company_id": warehouse.company_id.id,
                        "umkm_member_id": member.id,
                    }
                    for member in missing
                ]
            )
            existing.update(zip(missing, created, strict=True))
        return existing
