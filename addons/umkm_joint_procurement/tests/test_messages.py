"""Round mails in each recipient's language and time zone."""

from datetime import date, datetime

from odoo.tests import tagged

from odoo.addons.umkm_cluster.tests.common import load_indonesian

from .common import ProcurementCase


@tagged("post_install", "-at_install")
class TestRoundMessages(ProcurementCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_indonesian(cls.env, "umkm_joint_procurement")
        # a member in Sidoarjo reading Indonesian, one in Makassar (WITA) reading English
        cls.member_1.partner_id.write({"lang": "id_ID", "tz": "Asia/Jakarta"})
        cls.member_2.partner_id.write({"lang": "en_US", "tz": "Asia/Makassar"})

    def _message_to(self, rnd, partner):
        return rnd.message_ids.filtered(lambda m: partner in m.partner_ids)

    def test_opening_mail_in_recipient_language_and_zone(self):
        rnd = self._create_round(
            products=self.kain,
            deadline=datetime(2099, 1, 1, 10, 0),
            expected_date=date(2099, 1, 10),
        )
        # opened by someone whose own zone is UTC: the deadline is still 17.00 WIB for member 1
        rnd.with_context(tz="UTC").action_open()
        to_sidoarjo = self._message_to(rnd, self.member_1.partner_id)
        to_makassar = self._message_to(rnd, self.member_2.partner_id)
        self.assertEqual(len(to_sidoarjo), 1)
        self.assertEqual(len(to_makassar), 1)
        self.assertNotEqual(to_sidoarjo, to_makassar)
        self.assertIn("17.00", to_sidoarjo.body)
        self.assertNotIn("10.00", to_sidoarjo.body)
        self.assertIn("pembelian bersama", to_sidoarjo.subject.lower())
        self.assertIn("6:00", to_makassar.body)
        self.assertIn("joint purchase", to_makassar.subject.lower())
        # the third member has neither language nor zone: the company's, in one more message
        self.assertEqual(len(rnd.message_ids.filtered(lambda m: m.subtype_id.name)), 3)
