from odoo import fields, models

from .umkm_subcontract_order import SPLIT_POLICIES


# one concern of the assignment per file (the assignment itself in
# umkm_subcontract_assignment.py)
# pylint: disable=consider-merging-classes-inherited
class UmkmSubcontractAssignment(models.Model):
    """Why the member got this share: the figures of the split that proposed it, kept so that
    the member reads the reasons of that day, not of today."""

    _inherit = "umkm.subcontract.assignment"

    split_policy = fields.Selection(
        SPLIT_POLICIES,
        string="Split by",
        readonly=True,
        copy=False,
        help="The policy of the split that proposed this work (empty: assigned by hand).",
    )
    split_qty_free = fields.Float(
        string="Free capacity at the split",
        digits="Product Unit of Measure",
        readonly=True,
        copy=False,
        help="What the member could make until the lot's date when the split was proposed "
        "(for a later lot, its earlier lots included).",
    )
    split_qty_received = fields.Float(
        string="Received before the split",
        digits="Product Unit of Measure",
        readonly=True,
        copy=False,
        help="Work of the same capability the member had received over the cluster's "
        "rotation months when the split was proposed.",
    )
