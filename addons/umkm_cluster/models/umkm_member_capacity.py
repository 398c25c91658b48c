from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class UmkmMemberCapacity(models.Model):
    """How much of a capability a member can deliver per week."""

    _name = "umkm.member.capacity"
    _description = "Member Weekly Capacity"
    _inherit = ["umkm.number.mixin"]
    _order = "member_id, capability_id"
    _rec_name = "capability_id"

    member_id = fields.Many2one("umkm.member", required=True, ondelete="cascade", index=True)
    cluster_id = fields.Many2one(related="member_id.cluster_id", store=True)
    capability_id = fields.Many2one("umkm.capability", required=True, ondelete="restrict")
    qty_per_week = fields.Float(
        string="Quantity per week", digits="Product Unit of Measure", required=True
    )
    uom_id = fields.Many2one(
        "uom.uom",
        string="Unit",
        required=True,
        default=lambda self: self.env["ir.model.data"]._xmlid_to_res_id(
            "uom.product_uom_unit", raise_if_not_found=False
        ),
    )

    _sql_constraints = [
        (
            "member_capability_uniq",
            "unique(member_id, capability_id)",
            "A member has one capacity per capability.",
        ),
    ]

    @api.constrains("qty_per_week")
    def _check_qty_per_week(self):
        for capacity in self:
            if capacity.qty_per_week <= 0:
                raise ValidationError(
                    self.env._(
                        "The weekly capacity of %(member)s for %(capability)s must be positive.",
                        member=capacity.member_id.display_name,
                        capability=capacity.capability_id.display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        capacities = super().create(vals_list)
        capacities._add_capability_to_member()
        return capacities

    def write(self, vals):
        res = super().write(vals)
        if "capability_id" in vals:
            self._add_capability_to_member()
        return res

    def _add_capability_to_member(self):
        """A capacity for a capability implies the member has that capability. One write per
        set of missing capabilities (members created together usually miss the same ones),
        never a scan of all the capacities per member: 1,000 new members with a capacity each
        cost a few queries, not a million comparisons."""
        members_missing = defaultdict(lambda: self.env["umkm.member"])
        for member, capacities in self.grouped("member_id").items():
            missing = capacities.capability_id - member.capability_ids
            if missing:
                members_missing[tuple(sorted(missing.ids))] |= member
        for capability_ids, members in members_missing.items():
            members.capability_ids = [fields.Command.link(c) for c in capability_ids]
