from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .common import ProcurementCase


@tagged("post_install", "-at_install")
class TestProcurementCron(ProcurementCase):
    def _reminders(self, rnd):
        return rnd.message_ids.filtered(
            lambda m: m.partner_ids and "closes on" in (m.subject or "")
        )

    def test_reminder_two_days_before_deadline_to_silent_members(self):
        rnd = self._create_round(deadline=fields.Datetime.now() + timedelta(days=1, hours=12))
        rnd.action_open()
        self._demand(rnd, self.member_1, self.kain, 10)
        later = self._create_round(deadline=fields.Datetime.now() + timedelta(days=6))
        later.action_open()
        self.env["umkm.procurement.round"]._cron_procurement_rounds()
        reminder = self._reminders(rnd)
        self.assertEqual(len(reminder), 1)
        self.assertEqual(reminder.partner_ids, (self.members - self.member_1).partner_id)
        self.assertTrue(rnd.reminder_sent)
        self.assertFalse(self._reminders(later))
        # only once
        self.env["umkm.procurement.round"]._cron_procurement_rounds()
        self.assertEqual(len(self._reminders(rnd)), 1)

    def test_rounds_past_deadline_are_closed(self):
        rnd = self._create_round()
        rnd.action_open()
        demand = self._demand(rnd, self.member_1, self.kain, 120)
        rnd.deadline = fields.Datetime.now() - timedelta(minutes=1)
        self.env["umkm.procurement.round"]._cron_procurement_rounds()
        self.assertEqual(rnd.state, "closed")
        self.assertEqual(demand.state, "confirmed")
        self.assertEqual(self._line(rnd, self.kain).price_unit, 27.0)

    def test_open_notifies_members_with_portal_link(self):
        rnd = self._create_round()
        rnd.action_open()
        message = rnd.message_ids.filtered(lambda m: m.partner_ids)
        self.assertEqual(len(message), 1)
        self.assertEqual(message.partner_ids, self.members.partner_id)
        self.assertIn(f"/my/procurement/{rnd.id}", message.body)
        self.assertNotIn(self.member_b.partner_id, message.partner_ids)
