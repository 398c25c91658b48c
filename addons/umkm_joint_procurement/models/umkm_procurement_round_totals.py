import logging
import time
from functools import partial

from psycopg2 import errors

from odoo import api, fields, models

from odoo.addons.umkm_cluster.tools.sql_batch import lock_rows

from .umkm_procurement_round_member import _close_gate

_logger = logging.getLogger(__name__)

# a server process wakes the cron workers for the totals job at most once in so many seconds
WAKE_SECONDS = 1.0
# when each database's totals job was last woken by this process (time.monotonic())
_WOKEN = {}


# one concern of the round per file (the round itself in umkm_procurement_round.py)
# pylint: disable=consider-merging-classes-inherited
class UmkmProcurementRound(models.Model):
    """The members' places in a round (what their demand saves and the close write instead of
    the round's row) and the materials' totals of open rounds, refreshed by a job rather than
    by every save."""

    _inherit = "umkm.procurement.round"

    place_ids = fields.One2many(
        "umkm.procurement.round.member", "round_id", string="Members' places", readonly=True
    )
    totals_saves = fields.Integer(
        string="Saves in the totals",
        readonly=True,
        copy=False,
        help="How many demand saves of the members the materials' stored totals count (the "
        "refresh job compares it with the saves made).",
    )

    def _umkm_make_places(self):
        """A place in each round for each of its cluster's active members who has none (when
        the round opens): what the members' saves and the close write. One query to read,
        one to create, whatever the number of members."""
        Place = self.env["umkm.procurement.round.member"].sudo()
        places = Place.search_fetch([("round_id", "in", self.ids)], ["round_id", "member_id"])
        existing = {(place.round_id.id, place.member_id.id) for place in places}
        members = self._active_members()
        Place.create(
            [
                {"round_id": rnd.id, "member_id": member.id}
                for rnd in self
                for member in members
                if member.cluster_id == rnd.cluster_id and (rnd.id, member.id) not in existing
            ]
        )

    def _umkm_close_gate_first(self):
        """Before a close that is a request of its own (the officer's button, whose context
        says so): close the gate of the rounds' places first, committed, then begin the
        transaction again, so that the close counts every save committed before the gate and
        no save commits after it: the close does not collide with the members' saves, nor
        wait for Odoo's retry. Only if this transaction has written nothing (nothing is lost by
        beginning it again; a close in a job's savepoint is not asked to); else, and in tests,
        the close collides and is retried as before. Odoo writes in a request's transaction
        when it logs the user's device (``res.device.log``: a session's first request, then
        once an hour), so a click that is the officer's first request of the hour closes the
        old way. True if done."""
        if not self.env.context.get("umkm_close_gate_first") or self.env.registry.in_test_mode():
            return False
        places = self.sudo().place_ids
        if not places:
            return False
        if self._umkm_wrote_already():
            _logger.info("Round close: this transaction wrote already, the gate is not first")
            return False
        if not _close_gate(self.env.registry, self.env.uid, places.ids):
            return False
        # nothing was written: the same transaction, begun again after the gate
        self.env.cr.rollback()
        return True

    def _umkm_wrote_already(self):
        """Whether this transaction has written to the database (pending writes flushed)."""
        self.env.flush_all()
        self.env.cr.execute("SELECT pg_current_xact_id_if_assigned() IS NOT NULL")
        return self.env.cr.fetchone()[0]

    def _umkm_open_gate(self):
        """A close that closed the gate first is refused: saves are welcome again as soon as
        its transaction is rolled back (the mark is committed; the close holds the places)."""
        places = self.sudo().place_ids
        if places:
            self.env.cr.postrollback.add(
                partial(_close_gate, self.env.registry, self.env.uid, places.ids, closing=False)
            )

    def _umkm_count_places(self):
        """The close counts the demand of every member of the rounds: it writes all their
        places (see ``umkm.procurement.round.member``) and the rounds' rows."""
        self.sudo().place_ids._count()

    def _umkm_totals_changed(self):
        """Demand of the rounds changed: have the refresh job run (after this transaction).

        Waking the cron workers costs a connection of its own (Odoo's ``NOTIFY`` goes through
        the ``postgres`` database: 4.6 ms), a sixth of a save's time in a rush. A server
        process wakes them at most once a second (``WAKE_SECONDS``); its other saves add the
        job's trigger without waking them: the wake-up of the next second, of any process,
        or the workers' own poll (every minute) runs it. So the stored totals follow a lone
        save at once, and the last saves of a rush within the minute."""
        cron_id = self.env["ir.model.data"]._xmlid_to_res_id(
            "umkm_joint_procurement.ir_cron_round_totals", raise_if_not_found=False
        )
        if not (cron_id and self):
            return
        dbname = self.env.cr.dbname
        if time.monotonic() - _WOKEN.get(dbname, float("-inf")) < WAKE_SECONDS:
            self.env["ir.cron.trigger"].sudo().create(
                {"cron_id": cron_id, "call_at": fields.Datetime.now()}
            )
            return
        self.env["ir.cron"].sudo().browse(cron_id)._trigger()
        self.env.cr.postcommit.add(partial(_WOKEN.__setitem__, dbname, time.monotonic()))

    def _umkm_refresh_totals(self):
        """Store the materials' totals of these open rounds if saves were made since they
        were last stored. Returns the rounds refreshed."""
        rounds = self.filtered(lambda r: r.state == "open")
        if not rounds:
            return rounds
        self.env["umkm.procurement.round.member"].flush_model(["save_count"])
        saves = {
            rnd.id: count
            for rnd, count in self.env["umkm.procurement.round.member"]
            .sudo()
            ._read_group([("round_id", "in", rounds.ids)], ["round_id"], ["save_count:sum"])
        }
        stale = rounds.filtered(lambda r: saves.get(r.id, 0) != r.totals_saves)
        # a close or an officer writing one of them now: LockNotAvailable at once; a close's
        # gate (which claims the rounds' rows) committed since this snapshot:
        # SerializationFailure (see _close_gate)
        lock_rows(stale, nowait=True)
        stale._aggregate()
        for rnd in stale:
            rnd.totals_saves = saves.get(rnd.id, 0)
        return stale

    @api.model
    def _cron_refresh_totals(self):
        """The job that keeps the stored totals of open rounds within moments of the members'
        saves (each save triggers it). A close or an officer writing a round at the same
        moment wins: the job leaves that round to its next run."""
        rounds = self.search([("state", "=", "open")])
        # rounds being closed: their close will store the totals
        Place = self.env["umkm.procurement.round.member"].sudo()
        rounds -= Place.search(
            [("round_id", "in", rounds.ids), *Place._gated_domain(fields.Datetime.now())]
        ).round_id
        try:
            with self.env.cr.savepoint():
                refreshed = rounds._umkm_refresh_totals()
        except (errors.SerializationFailure, errors.LockNotAvailable):
            _logger.info("Round totals: a round changed meanwhile, refreshed at the next run")
            self.env.ref("umkm_joint_procurement.ir_cron_round_totals").sudo()._trigger(
                fields.Datetime.now()
            )
            return self.browse()
        return refreshed
