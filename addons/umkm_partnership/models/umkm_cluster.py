from statistics import median

from odoo import fields, models

from .umkm_subcontract_order import RECEIVED_STATES, SPLIT_POLICIES


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
    split_policy = fields.Selection(
        SPLIT_POLICIES,
        string="Split of subcontract orders",
        default="performance",
        required=True,
        tracking=True,
        help="How the split of a subcontract order is proposed (each order may choose "
        "otherwise): by performance fills the best-rated members first; rotation gives more "
        "to the members who received less of the same work lately; by capacity share gives "
        "each member work in proportion to its free capacity.",
    )
    split_rotation_months = fields.Integer(
        string="Rotation over (months)",
        default=6,
        tracking=True,
        help="Under rotation, the work of the same capability each member received over "
        "these last months counts.",
    )

    _sql_constraints = [
        (
            "split_rotation_months_positive",
            "CHECK(split_rotation_months > 0)",
            "The rotation counts at least one month of work.",
        ),
    ]

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

    def _umkm_work_share(self, member, months=12):
        """``member``'s share of the cluster's subcontract work (value of the assignments
        accepted or later, due in the last ``months`` months or later) against the median
        share of the cluster's active members, those without work counting as zero.

        Two queries whatever the number of members."""
        self.ensure_one()
        since = self.env["umkm.subcontract.order"]._umkm_months_ago(months)
        values = dict(
            self.env["umkm.subcontract.assignment"]
            .sudo()
            ._read_group(
                [
                    ("cluster_id", "=", self.id),
                    ("state", "in", RECEIVED_STATES),
                    ("date_due", ">=", since),
                ],
                ["member_id"],
                ["amount:sum"],
            )
        )
        values = {m.id: amount for m, amount in values.items()}
        active_ids = (
            self.env["umkm.member"]
            .sudo()
            .search([("cluster_id", "=", self.id), ("state", "=", "active")])
            .ids
        )
        total = sum(values.values())
        own = values.get(member.id, 0.0)
        amounts = [values.get(member_id, 0.0) for member_id in active_ids]
        median_amount = median(amounts) if amounts else 0.0
        return {
            "months": months,
            "amount": own,
            "total": total,
            "share": 100.0 * own / total if total else 0.0,
            "median_amount": median_amount,
            "median_share": 100.0 * median_amount / total if total else 0.0,
            "members": len(active_ids),
            "currency": self.company_id.currency_id,
        }
