from odoo import models
from odoo.exceptions import UserError

from odoo.addons.umkm_cluster.tools import sql_batch


class UmkmStateMixin(models.AbstractModel):
    """State checks shared by the suite's documents (memberships, rounds, orders...)."""

    _name = "umkm.state.mixin"
    _description = "UMKM document state checks"

    def _state_label(self, state):
        return dict(self._fields["state"]._description_selection(self.env))[state]

    def _check_state(self, allowed, action, claim=True):
        """Refuse ``action`` (a translated verb) unless every record is in an ``allowed`` state.

        Checks write access first, so that a user who may not act gets an access error rather
        than a state message; then claims the records' rows (:meth:`_claim_rows`), so that the
        same action run twice at once acts once. ``claim=False`` for an action that only
        opens a wizard (the wizard's own action claims them).
        """
        self.check_access("write")
        wrong = self.filtered(lambda r: r.state not in allowed)
        if wrong:
            raise UserError(
                self.env._(
                    "Cannot %(action)s %(records)s: only what is %(allowed)s can be (now "
                    "%(state)s).",
                    action=action,
                    records=", ".join(wrong.mapped("display_name")),
                    allowed=" / ".join(self._state_label(s) for s in allowed),
                    state=", ".join(sorted({self._state_label(s) for s in wrong.mapped("state")})),
                )
            )
        if claim:
            self._claim_rows()

    def _claim_rows(self, nowait=False):
        """Write the records' rows now (an empty ORM write: write date and user), before acting
        on what was read of them. Two transactions acting on the same documents at once then
        write the same rows: under PostgreSQL's repeatable read, the one that writes second
        waits for the first and fails with a serialization error, and Odoo runs it again in a
        new snapshot, where it sees what the first did (a state moved on, work already
        assigned, invoices already made) instead of doing it a second time. ``nowait``: a
        second transaction fails at once (``LockNotAvailable``) instead of waiting for the
        first (a job that leaves the work to the one doing it)."""
        if self:
            if nowait:
                sql_batch.lock_rows(self, nowait=True)
            self.write({})
            self.flush_recordset(["write_date"])
