import logging
from datetime import timedelta
from functools import partial

import psycopg2

from odoo import api, fields, models
from odoo.tools import SQL

from odoo.addons.umkm_cluster.tools.sql_batch import update_rows

from ..exceptions import DemandClosedError

_logger = logging.getLogger(__name__)


# how long the mark of a close that collided with saves keeps new saves out (see the class)
GATE_SECONDS = 120
# how long a demand save waits for its place, held by the gate, the close or another tab
CLAIM_LOCK_MS = 200


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

    The gate: an officer's close first marks the rows as closing in a transaction of its own,
    committed at once (it waits for the saves in flight), then begins its transaction again,
    so that it counts every save committed before the mark; a save that starts after the mark
    is refused, one that did not see it collides with it, is retried and refused. The close
    thus neither collides with the saves nor waits for Odoo's retry. A close that cannot begin
    again (its transaction wrote already, as a job's may) collides and closes the gate before
    Odoo retries it. The mark is cleared if the close is refused, lapses after
    ``GATE_SECONDS`` if it never ends, and is cleared when the round reopens.
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
    date_closing = fields.Datetime(
        string="Close begun",
        readonly=True,
        help="When a close of the round began while members were saving: their new saves are "
        "refused until it ends.",
    )
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
        rows = me.search_fetch(
            [
                ("round_id", "in", list({r for r, _m in pairs})),
                ("member_id", "in", list({m for _r, m in pairs})),
            ],
            ["round_id", "member_id", "date_closing"],
        )
        found = {(row.round_id.id, row.member_id.id): row for row in rows}
        now = fields.Datetime.now()
        closing = rows.filtered(lambda row: row._closing(now) and row._pair() in pairs)
        if closing:
            raise DemandClosedError(
                self.env._(
                    "Round %(round)s is being closed: demand can no longer change.",
                    round=closing.round_id[:1].name,
                )
            )
        claimed = [found[pair] for pair in sorted(pairs) if pair in found]
        # a place held by the gate or the close (or the member's other tab) is not waited
        # for: the save fails at once, and the portal looks again in a new snapshot
        self.env.cr.execute(
            SQL(
                "SELECT current_setting('lock_timeout'), set_config('lock_timeout', %s, true)",
                f"{CLAIM_LOCK_MS}ms",
            )
        )
        before = self.env.cr.fetchone()[0]
        update_rows(
            me,
            ("date_saved",),
            [(row.id, now) for row in claimed],
            computed={"save_count": SQL("COALESCE(a.save_count, 0) + 1")},
        )
        self.env.cr.execute(SQL("SELECT set_config('lock_timeout', %s, true)", before))
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

    def _pair(self):
        return (self.round_id.id, self.member_id.id)

    def _closing(self, now):
        """Whether the gate of this place is closed: a close of its open round began."""
        return bool(
            self.date_closing
            and self.date_closing > _gate_since(now)
            and self.round_id.state == "open"
        )

    @api.model
    def _gated_domain(self, now):
        """The places whose gate is closed (see :meth:`_closing`), their rounds open or not."""
        return [("date_closing", ">", _gate_since(now))]

    @api.model
    def _umkm_takes_demand(self, round_id, member_id):
        """Whether the round still takes the member's demand, as of now (the portal asks it
        in a transaction of its own when a save failed to serialize or to lock: the save's
        snapshot predates the close or its gate)."""
        rnd = self.env["umkm.procurement.round"].sudo().browse(round_id).exists()
        if not rnd or rnd.state != "open":
            return False
        place = self.sudo().search([("round_id", "=", round_id), ("member_id", "=", member_id)])
        return not place._closing(fields.Datetime.now())

    def _count(self):
        """The close counts these members' demand: write their rows (see the class). Should
        this transaction be rolled back (a save committed since its snapshot), the gate is
        closed before Odoo retries it."""
        if self and not self.env.registry.in_test_mode():
            self.env.cr.postrollback.add(
                partial(_close_gate, self.env.registry, self.env.uid, self.ids)
            )
        update_rows(
            self.sudo(),
            ("date_counted",),
            [(row.id, fields.Datetime.now()) for row in self],
        )

    def _reopen(self):
        """The round is open again: saves are welcome."""
        update_rows(self.sudo(), ("date_closing",), [(row.id, None) for row in self])


def _gate_since(now):
    """A close's mark older than this has lapsed (the close never ended)."""
    return now - timedelta(seconds=GATE_SECONDS)


def _close_gate(registry, uid, place_ids, closing=True):
    """Mark the places as closing (``closing=False``: clear the mark) in a transaction of their
    own, committed at once (see the class). In read committed isolation, so that it waits for
    the saves in flight that hold a place (at most 5 seconds) and then marks it, instead of
    failing to serialize with them; else it leaves the gate as it was. True if it is done.

    Closing, it also claims the rounds' rows (waiting for a run of the totals job in flight),
    so that the close, which begins after it, does not collide with that job: a run that
    began before the gate fails to serialize on the rounds' rows and leaves them, a run that
    begins after it sees the gate (``_gated_domain``) and leaves them too."""
    try:
        with registry.cursor() as cr:
            cr.execute("SET TRANSACTION ISOLATION LEVEL READ COMMITTED")
            cr.execute("SET LOCAL lock_timeout = '5s'")
            env = api.Environment(cr, uid, {})
            places = env["umkm.procurement.round.member"].sudo()
            mark = fields.Datetime.now() if closing else None
            update_rows(places, ("date_closing",), [(pid, mark) for pid in place_ids])
            if closing:
                # (none left if the places were made in a transaction rolled back since)
                places.browse(place_ids).exists().round_id._claim_rows()
    except psycopg2.Error as exc:
        _logger.info("Round close: the gate stayed as it was (%s)", exc.pgcode)
        return False
    return True
