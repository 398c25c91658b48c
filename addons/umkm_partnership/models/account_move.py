from odoo import api, fields, models


class AccountMove(models.Model):
    _inherit = "account.move"

    umkm_support_id = fields.Many2one(
        "umkm.partnership.support",
        string="Support activity",
        index="btree_not_null",
        readonly=True,
        copy=False,
        help="The support activity whose cost this invoice bills the member its share of.",
    )

    @api.model
    def _umkm_stamp_member_documents(self):
        return super()._umkm_stamp_member_documents() | self._umkm_stamp_bills(
            "umkm_assignment_ids",
            lambda lines: lines.order_id.umkm_assignment_ids[:1].member_id.cluster_id,
            "subcontract",
        )
