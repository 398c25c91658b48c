from odoo import models
from odoo.exceptions import UserError


class UmkmStateMixin(models.AbstractModel):
    """State checks shared by the suite's documents (memberships, rounds, orders...)."""

    _name = "umkm.state.mixin"
    _description = "UMKM document state checks"

    def _state_label(self, state):
        return dict(self._fields["state"]._description_selection(self.env))[state]

    def _check_state(self, allowed, action):
        """Refuse ``action`` (a translated verb) unless every record is in an ``allowed`` state.

        Checks write access first, so that a user who may not act gets an access error rather
        than a state message.
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
