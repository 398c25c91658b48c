from collections import defaultdict

from odoo import Command, api, fields, models

# the flows whose documents are a member's transactions with the cooperative
UMKM_FLOWS = [
    ("procurement", "Joint procurement"),
    ("subcontract", "Subcontract work"),
    ("sales", "Joint sales"),
]

# the sign of a flow's documents as the member's transactions: a member's purchase is an
# invoice to it (positive), work and sales paid to it are bills (negative)
UMKM_FLOW_SIGNS = {"procurement": 1, "subcontract": -1, "sales": -1}
UMKM_MEMBER_MOVE_TYPES = ("out_invoice", "out_refund", "in_invoice", "in_refund")


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

    @api.model
    def _umkm_stamp_member_documents(self):
        """Stamp the member documents made before the stamps existed with their cluster and
        flow (a database updated from an earlier version): each flow extends this with its
        own documents; called by the flows' migrations. Returns the documents stamped."""
        return self.browse()

    @api.model
    def _umkm_member_keys(self, members):
        """``{(cluster id, commercial partner id): member id}`` of ``members``: the columns
        read in one query each (not every column of 1,000 members or partners at a time, as
        reading the fields one record after the other would)."""
        members.fetch(["cluster_id", "partner_id"])
        members.partner_id.fetch(["commercial_partner_id"])
        return {(m.cluster_id.id, m.partner_id.commercial_partner_id.id): m.id for m in members}

    @api.model
    def _umkm_member_transactions(self, members, date_from, date_to, flows=None):
        """Each member's transactions with the cooperative from ``date_from`` to ``date_to``
        per flow: the untaxed amounts of the posted invoices and bills the flows stamped with
        the member's cluster, credit notes deducted, positive.
        ``{member id: {flow: amount}}``; one grouped query whatever the number of members."""
        flows = list(flows or UMKM_FLOW_SIGNS)
        if not members or not flows:
            return {}
        member_of = self._umkm_member_keys(members)
        totals = defaultdict(lambda: defaultdict(float))
        for cluster, partner, flow, amount in self.sudo()._read_group(
            [
                ("umkm_cluster_id", "in", members.cluster_id.ids),
                ("umkm_flow", "in", flows),
                ("state", "=", "posted"),
                ("move_type", "in", UMKM_MEMBER_MOVE_TYPES),
                ("date", ">=", date_from),
                ("date", "<=", date_to),
                ("commercial_partner_id", "in", [key[1] for key in member_of]),
            ],
            ["umkm_cluster_id", "commercial_partner_id", "umkm_flow"],
            ["amount_untaxed_signed:sum"],
        ):
            member_id = member_of.get((cluster.id, partner.id))
            if member_id:
                totals[member_id][flow] += UMKM_FLOW_SIGNS[flow] * amount
        return {m: dict(per_flow) for m, per_flow in totals.items()}

    @api.model
    def _umkm_member_paid(self, members, date_from, date_to):
        """What the cooperative paid each member on its bills (subcontract work, joint
        sales) dated from ``date_from`` to ``date_to``: the bills' totals less what is left
        to pay (payments and nettings alike), credit notes deducted, positive.
        ``{member id: amount}``; one grouped query whatever the number of members."""
        if not members:
            return {}
        member_of = self._umkm_member_keys(members)
        paid = defaultdict(float)
        for cluster, partner, total, residual in self.sudo()._read_group(
            [
                ("umkm_cluster_id", "in", members.cluster_id.ids),
                ("umkm_flow", "in", [f for f, sign in UMKM_FLOW_SIGNS.items() if sign < 0]),
                ("state", "=", "posted"),
                ("move_type", "in", ("in_invoice", "in_refund")),
                ("date", ">=", date_from),
                ("date", "<=", date_to),
                ("commercial_partner_id", "in", [key[1] for key in member_of]),
            ],
            ["umkm_cluster_id", "commercial_partner_id"],
            ["amount_total_signed:sum", "amount_residual_signed:sum"],
        ):
            member_id = member_of.get((cluster.id, partner.id))
            if member_id:
                paid[member_id] += residual - total
        return dict(paid)

    @api.model
    def _umkm_stamp(self, moves_by_cluster, flow):
        """Write ``flow`` and each cluster on its moves (``{cluster: moves}``): a write per
        cluster, whatever the number of documents."""
        stamped = self.browse()
        for cluster, moves in moves_by_cluster.items():
            moves.write({"umkm_cluster_id": cluster.id, "umkm_flow": flow})
            stamped |= moves
        return stamped

    @api.model
    def _umkm_stamp_bills(self, order_link, cluster_of, flow):
        """Stamp with ``flow`` the members' bills not stamped yet whose purchase orders have
        ``order_link`` (a field of purchase.order: the flow's link), each with the cluster
        ``cluster_of(purchase lines)`` gives."""
        bills = self.sudo().search(
            [
                ("move_type", "in", ("in_invoice", "in_refund")),
                ("umkm_flow", "=", False),
                (f"invoice_line_ids.purchase_line_id.order_id.{order_link}", "!=", False),
            ]
        )
        return self._umkm_stamp(
            bills.grouped(lambda m: cluster_of(m.invoice_line_ids.purchase_line_id)), flow
        )

    @api.model
    def _umkm_netting_vals(self, company, partner, amount, payable, receivable, label, journal):
        """Values of the entry moving ``amount`` from a member's open ``payable`` (what the
        cooperative owes it: its bills) to its open ``receivable`` (what it owes the
        cooperative). The one netting rule of the suite: inputs on credit (inti-plasma) and
        savings dues are settled against the member's bills this way."""
        return {
            "move_type": "entry",
            "journal_id": journal.id,
            "company_id": company.id,
            "ref": label,
            "line_ids": [
                Command.create(
                    {
                        "name": label,
                        "partner_id": partner.id,
                        "account_id": payable[0].account_id.id,
                        "balance": amount,
                    }
                ),
                Command.create(
                    {
                        "name": label,
                        "partner_id": partner.id,
                        "account_id": receivable[0].account_id.id,
                        "balance": -amount,
                    }
                ),
            ],
        }

    @api.model
    def _umkm_post_netting(self, vals, payable, receivable):
        """Post the netting entry of ``vals`` and reconcile it with the ``payable`` and the
        ``receivable`` it settles (Odoo's reconciliation: partial where it is smaller)."""
        entry = self.create(vals)
        entry.action_post()
        debit = entry.line_ids.filtered(lambda x: x.balance > 0)
        (payable | debit).reconcile()
        (receivable | (entry.line_ids - debit)).reconcile()
        return entry

    @api.model
    def _umkm_general_journal(self, company):
        return self.env["account.journal"].search(
            [("company_id", "=", company.id), ("type", "=", "general")], limit=1
        )
