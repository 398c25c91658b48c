from odoo import api, fields, models


class UmkmClusterSnapshot(models.Model):
    _inherit = "umkm.cluster.snapshot"

    saving_balance = fields.Monetary(
        string="Savings held", help="The members' savings (all kinds) at the month's end."
    )
    surplus = fields.Monetary(
        string="SHU shared", help="The surplus of a year posted with the year ending this month."
    )

    @api.model
    def _umkm_figures(self, clusters, first, last):
        """The members' savings at the month's end and the SHU of a year ending in it."""
        figures = super()._umkm_figures(clusters, first, last)
        for member, balance in (
            self.env["umkm.member.saving"]
            .sudo()
            ._read_group(
                [
                    ("member_id.cluster_id", "in", clusters.ids),
                    ("state", "=", "posted"),
                    ("date", "<=", last),
                ],
                ["member_id"],
                ["amount:sum"],
            )
        ):
            if balance:
                figures[(member.cluster_id.id, member.id)]["saving_balance"] = round(balance, 2)
        for member, amount in (
            self.env["umkm.surplus.line"]
            .sudo()
            ._read_group(
                [
                    ("surplus_id.cluster_id", "in", clusters.ids),
                    ("surplus_id.state", "=", "posted"),
                    ("surplus_id.date_to", ">=", first),
                    ("surplus_id.date_to", "<=", last),
                ],
                ["member_id"],
                ["amount_total:sum"],
            )
        ):
            figures[(member.cluster_id.id, member.id)]["surplus"] = round(amount, 2)
        return figures

    @api.model
    def _umkm_cluster_line_vals(self, cluster, first, lines):
        vals = super()._umkm_cluster_line_vals(cluster, first, lines)
        vals["saving_balance"] = sum(line.get("saving_balance", 0.0) for line in lines)
        vals["surplus"] = sum(line.get("surplus", 0.0) for line in lines)
        return vals

    @api.model
    def _umkm_year_columns(self):
        return [
            *super()._umkm_year_columns(),
            ("saving_balance", "balance"),
            ("surplus", "money"),
        ]
