from odoo import api, models

# the figure of a month each flow's documents make
_FLOW_FIELDS = {
    "procurement": "amount_procured",
    "subcontract": "amount_subcontract",
    "sales": "amount_sales",
}


class UmkmClusterSnapshot(models.Model):
    _inherit = "umkm.cluster.snapshot"

    @api.model
    def _umkm_figures(self, clusters, first, last):
        """The month's members' transactions with the cooperative, from the documents the
        flows stamped: bought together, subcontract work and joint sales paid to them."""
        figures = super()._umkm_figures(clusters, first, last)
        members = (
            self.env["umkm.member"]
            .sudo()
            .with_context(active_test=False)
            .search_fetch([("cluster_id", "in", clusters.ids)], ["cluster_id", "partner_id"])
        )
        transactions = self.env["account.move"]._umkm_member_transactions(members, first, last)
        cluster_of = {m.id: m.cluster_id.id for m in members}
        for member_id, per_flow in transactions.items():
            line = figures[(cluster_of[member_id], member_id)]
            for flow, amount in per_flow.items():
                line[_FLOW_FIELDS[flow]] = round(amount, 2)
        return figures
