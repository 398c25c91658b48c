"""Delivery schedules: every existing order gets its one lot (its quantity due on its date)
and its assignments are put on it. Written through the ORM."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {"active_test": False})
    orders = env["umkm.subcontract.order"].search([("lot_ids", "=", False)])
    orders._sync_single_lot()
    for order in orders:
        order.assignment_ids.filtered(lambda a: not a.lot_id).write(
            {"lot_id": order.lot_ids[:1].id}
        )
