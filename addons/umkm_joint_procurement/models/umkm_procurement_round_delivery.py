from odoo import Command, models
from odoo.exceptions import UserError
from odoo.tools import float_compare


# one concern of the round per file (the round itself in umkm_procurement_round.py)
# pylint: disable=consider-merging-classes-inherited
class UmkmProcurementRound(models.Model):
    """Deliveries of a round's allocations from the cooperative's stock to its members."""

    _inherit = "umkm.procurement.round"

    def action_create_deliveries(self):
        """One delivery per member from the cooperative's stock, for what it was allocated.

        Idempotent: members who already have a delivery of the round are skipped.
        """
        self._check_state(("allocated", "invoiced", "done"), self.env._("deliver"))
        picking_vals, allocs_per_picking = [], []
        for rnd in self:
            warehouse = self.env["stock.warehouse"].search(
                [("company_id", "=", rnd.company_id.id)], limit=1
            )
            picking_type = warehouse.out_type_id
            if not picking_type:
                raise UserError(
                    self.env._(
                        "Company %(company)s has no warehouse delivery operation.",
                        company=rnd.company_id.name,
                    )
                )
            source = picking_type.default_location_src_id
            destination = self.env.ref("stock.stock_location_customers")
            todo = rnd.allocation_ids.filtered(
                lambda a: not a.picking_id or a.picking_id.state == "cancel"
            )
            for member, allocs in todo.grouped("member_id").items():
                allocs = allocs.filtered(
                    lambda a: (
                        float_compare(a.qty_allocated, 0.0, precision_rounding=a.uom_id.rounding)
                        > 0
                    )
                )
                if not allocs:
                    continue
                picking_vals.append(
                    {
                        "partner_id": member.partner_id.id,
                        "picking_type_id": picking_type.id,
                        "location_id": source.id,
                        "location_dest_id": destination.id,
                        "origin": rnd.name,
                        "umkm_round_id": rnd.id,
                        "company_id": rnd.company_id.id,
                        "move_ids": [
                            Command.create(
                                {
                                    "name": alloc.product_id.display_name,
                                    "product_id": alloc.product_id.id,
                                    "product_uom": alloc.uom_id.id,
                                    "product_uom_qty": alloc.qty_allocated,
                                    "location_id": source.id,
                                    "location_dest_id": destination.id,
                                    "company_id": rnd.company_id.id,
                                    "partner_id": member.partner_id.id,
                                }
                            )
                            for alloc in allocs
                        ],
                    }
                )
                allocs_per_picking.append(allocs)
        pickings = self.env["stock.picking"].create(picking_vals)
        for picking, allocs in zip(pickings, allocs_per_picking, strict=True):
            allocs.picking_id = picking
        pickings.action_confirm()
        return self.action_view_deliveries() if len(self) == 1 else True

    def action_view_deliveries(self):
        self.ensure_one()
        self.check_access("read")
        return self._action(
            "stock.action_picking_tree_all",
            [("umkm_round_id", "=", self.id)],
            {"create": False},
        )
