from odoo import fields, models
from odoo.tools import SQL

from odoo.addons.umkm_cluster.tools.sql_batch import update_rows


class UmkmProcurementRoundMember(models.Model):
    """A member's place in an open round: the row its demand saves write, and the close too.

    Every demand save of the member writes its row (and no row of another member, nor the
    round's): members' saves at the deadline do not wait on one another. The close writes the
    rows of all the round's members in its transaction: under PostgreSQL's repeatable read, a
    save and the close that overlap write the same row, so whichever commits second fails with a
    serialization error and Odoo retries it in a new snapshot. The close thus counts every save
    committed before it, and a save after it is refused (the round is no longer open). The rows
    are made when the round opens, for its active members; a member without one (active since)
    writes the round's row on its first save, which the close writes too.
    """

    _name = "umkm.procurement.round.member"
    _description = "Member of a joint procurement round"
    _order = "round_id, member_id"
    _check_company_auto = True

    round_id = fields.Many2one(
        "umkm.procurement.round", required=True, index=True, ondelete="cascade", readonly=True
    )
    member_id = fields.Many2one(
        "umkm.member", required=True, index=True, ondelete="cascade", readonly=True
    )
    partner_id = fields.Many2one(related="member_id.partner_id", string="SME")
    company_id = fields.Many2one(related="round_id.company_id", store=True, index=True)
    save_count = fields.Integer(
        string="Demand saves", readonly=True, help="How many times the member saved demand."
    )
    date_saved = fields.Datetime(string="Last demand change", readonly=True)
    date_counted = fields.Datetime(
        string="Counted by the close",
        readonly=True,
        help="When the close of the round counted the member's demand.",
    )

    _sql_constraints = [
        (
            "round_member_uniq",
            "unique(round_id, member_id)",
            "A member has one place in a round.",
        ),
    ]

    def _claim(self, pairs):
        """Write the rows of ``pairs`` (``{(round id, member id)}``) for a demand save, in one
        query; rows missing are made, and their rounds' rows written (see the class); returns
        the rounds that had rows missing."""
        if not pairs:
            return self.env["umkm.procurement.round"]
        me = self.sudo()
        me.env["umkm.procurement.demand"].flush_model(["round_id", "member_id"])
        rows = me.search_fetch(
            [
                ("round_id", "in", list({r for r, _m in pairs})),
                ("member_id", "in", list({m for _r, m in pairs})),
            ],
            ["round_id", "member_id"],
        )
        found = {(row.round_id.id, row.member_id.id): row for row in rows}
        now = fields.Datetime.now()
        claimed = [found[pair] for pair in sorted(pairs) if pair in found]
        update_rows(
            me,
            ("date_saved",),
            [(row.id, now) for row in claimed],
            computed={"save_count": SQL("COALESCE(a.save_count, 0) + 1")},
        )
        missing = sorted(pair for pair in pairs if pair not in found)
        if not missing:
            return self.env["umkm.procurement.round"]
        me.create(
            [
                {"round_id": r, "member_id": m, "save_count": 1, "date_saved": now}
                for r, m in missing
            ]
        )
        return self.env["umkm.procurement.round"].browse(sorted({r for r, _m in missing}))

    def _count(self):
        """The close counts these members' demand: write their rows (see the class)."""
        update_rows(
            self.sudo(),
            ("date_counted",),
            [(row.id, fields.Datetime.now()) for row in self],
        )
