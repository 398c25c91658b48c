from odoo import fields, models


class UmkmCluster(models.Model):
    _inherit = "umkm.cluster"

    public_profile = fields.Boolean(
        string="Public capability page",
        help="Firms find what the cluster's members can make on /cluster/<id> (capabilities, "
        "weekly capacity, photos of work; no member's figures) and ask for a partnership.",
    )
    partnership_request_ids = fields.One2many(
        "umkm.partnership.request", "cluster_id", string="Partnership requests"
    )

    def _public_capabilities(self):
        """``[(capability, {uom: weekly quantity}, members)]`` of the active members, in two
        grouped reads: aggregated, no member named."""
        self.ensure_one()
        Capacity = self.env["umkm.member.capacity"].sudo()
        domain = [("member_id.cluster_id", "=", self.id), ("member_id.state", "=", "active")]
        capacity = {}
        for capability, uom, qty in Capacity._read_group(
            domain, ["capability_id", "uom_id"], ["qty_per_week:sum"]
        ):
            capacity.setdefault(capability, {})[uom] = qty
        members = dict(
            Capacity._read_group(domain, ["capability_id"], ["member_id:count_distinct"])
        )
        return [
            (capability, capacity[capability], members.get(capability, 0))
            for capability in sorted(capacity, key=lambda c: c.name or "")
        ]

    def _public_certifications(self):
        """``[(certification, members holding it)]`` of the active members, one grouped read."""
        self.ensure_one()
        Member = self.env["umkm.member"].sudo()
        counts = Member._read_group(
            [("cluster_id", "=", self.id), ("state", "=", "active")],
            ["certification_ids"],
            ["__count"],
        )
        return sorted(
            ((cert, count) for cert, count in counts if cert),
            key=lambda item: (item[0].sequence, item[0].name or ""),
        )

    def _public_photos(self, limit=8):
        """Photos of the members' work: approved products of the cluster's published
        catalogues (their images are public already)."""
        self.ensure_one()
        return (
            self.env["umkm.catalogue.line"]
            .sudo()
            .search(
                [
                    ("catalogue_id.cluster_id", "=", self.id),
                    ("catalogue_id.is_published", "=", True),
                    ("state", "=", "approved"),
                ],
                limit=limit,
            )
        )
