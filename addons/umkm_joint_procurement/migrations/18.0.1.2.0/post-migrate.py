"""Open rounds get their members' places (``umkm.procurement.round.member``), which the demand
saves and the close now write instead of the round's row; the totals they count are stored.
Written through the ORM."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    rounds = env["umkm.procurement.round"].search([("state", "=", "open")])
    rounds._umkm_make_places()
    rounds._umkm_refresh_totals()
