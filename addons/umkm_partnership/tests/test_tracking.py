"""With tracking on, as in production (the test bases turn it off): the order's chatter records
who changed its state and its terms, and from what to what."""

from datetime import timedelta

from odoo.tests import tagged

from .common import PartnershipCase


@tagged("post_install", "-at_install")
class TestSubcontractOrderTracking(PartnershipCase):
    def _changes(self, record):
        return {
            (value.field_id.name, value.old_value_char, value.new_value_char)
            for value in record.message_ids.tracking_value_ids
        }

    def test_order_chatter_tracks_state_and_terms(self):
        order = self._order(qty=30, weeks=2)
        # created in an earlier request: Odoo tracks no change of a record created in the
        # same transaction (its creation message says it all)
        self.env.flush_all()
        self.env.cr.precommit.clear()
        tracked = order.with_user(self.manager).with_context(
            tracking_disable=False, mail_notrack=False
        )
        old_due = order.date_due
        tracked.write({"qty": 40, "date_due": old_due + timedelta(days=7)})
        tracked.action_submit()
        self.env.flush_all()
        self.env.cr.precommit.run()
        self.assertIn(("state", "Draft", "Submitted"), self._changes(order))
        values = order.message_ids.tracking_value_ids
        qty = values.filtered(lambda v: v.field_id.name == "qty")
        self.assertEqual((qty.old_value_float, qty.new_value_float), (30, 40))
        due = values.filtered(lambda v: v.field_id.name == "date_due")
        self.assertEqual(
            (due.old_value_datetime.date(), due.new_value_datetime.date()),
            (old_due, old_due + timedelta(days=7)),
        )
        # by the manager who made the changes
        messages = values.mail_message_id
        self.assertEqual(messages.author_id, self.manager.partner_id)
        # a cancellation is tracked too
        self.env.cr.precommit.clear()
        tracked.action_cancel()
        self.env.flush_all()
        self.env.cr.precommit.run()
        self.assertIn(("state", "Submitted", "Cancelled"), self._changes(order))
