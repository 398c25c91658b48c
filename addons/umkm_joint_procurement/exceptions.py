from odoo.exceptions import UserError


class DemandClosedError(UserError):
    """The demand of a round can no longer change: the round is not open, is being closed, or
    its deadline (or window to reach the next tier) has passed. Unlike a wrong quantity, there
    is nothing for the member to correct: the portal answers it like a save, with the round's
    page and a message, rather than the form again."""
