from odoo import fields, models

# the flows whose documents are a member's transactions with the cooperative
UMKM_FLOWS = [
    ("procurement", "Joint procurement"),
    ("subcontract", "Subcontract work"),
    ("sales", "Joint sales"),
]


class AccountMove(models.Model):
    """Each flow stamps the invoices and bills it makes for a member with the member's cluster
    and the flow: the cooperative's figures and its surplus shared back (SHU) read a member's
    transactions from them, counted in the cluster where it traded."""

    _inherit = "account.move"

    umkm_cluster_id = fields.Many2one(
        "umkm.cluster",
        string="Cluster",
        index="btree_not_null",
        readonly=True,
        copy=False,
        help="The cluster this member document belongs to.",
    )
    umkm_flow = fields.Selection(
        UMKM_FLOWS,
        string="Cluster flow",
        readonly=True,
        copy=False,
        help="Which of the cluster's flows made this document for a member.",
    )
