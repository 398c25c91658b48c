from odoo import fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    umkm_cluster_ids = fields.Many2many(
        "umkm.cluster",
        string="UMKM clusters run",
        compute="_compute_umkm_cluster_ids",
        compute_sudo=True,
        context={"active_test": False},  # archived clusters stay theirs
        help="The clusters this user manages or works in as an officer: what the officers' "
        "record rules give access to.",
    )

    def _compute_umkm_cluster_ids(self):
        """One query for all the users. The record rules read it as ids (``cluster_id in
        [...]``), which PostgreSQL answers from the indexes on ``cluster_id``; the rules'
        domains are cached per user, and :class:`UmkmCluster` clears that cache when it
        changes who runs a cluster."""
        Cluster = self.env["umkm.cluster"].with_context(active_test=False)
        clusters = Cluster.search(
            ["|", ("manager_ids", "in", self.ids), ("officer_ids", "in", self.ids)]
        )
        for user in self:
            user.umkm_cluster_ids = clusters.filtered(
                lambda c, u=user: u in c.manager_ids or u in c.officer_ids
            )
