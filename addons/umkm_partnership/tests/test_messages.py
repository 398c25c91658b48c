"""Chatter texts for members and firms: in their language, quantities without ``.0`` and
dates as they read them, not ISO."""

import re
from datetime import timedelta

from odoo.tests import tagged

from odoo.addons.umkm_cluster.tests.common import load_indonesian

from .common import PartnershipCase


@tagged("post_install", "-at_install")
class TestPartnershipMessages(PartnershipCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_indonesian(cls.env, "umkm_partnership")

    def test_proposal_and_confirmation_in_the_readers_language(self):
        self.member_1.partner_id.lang = "id_ID"
        self.firm_a.lang = "id_ID"
        due = self.today + timedelta(days=28)
        order = self.env["umkm.subcontract.order"].create(
            {
                "agreement_id": self.agreement_a.id,
                "capability_id": self.cap_sew.id,
                "description": "Kemeja batik",
                "qty": 30,
                "unit_price": 50000,
                "date_due": due,
            }
        )
        order.action_submit()
        order.action_confirm()
        confirmed = order.message_ids.filtered(lambda m: "Pesanan dikonfirmasi" in (m.body or ""))
        self.assertEqual(len(confirmed), 1, order.message_ids.mapped("body"))
        self.assertIn(due.strftime("%d/%m/%Y"), confirmed.body)
        self.assertIn(" 30 ", confirmed.body)
        action = order.action_split()
        self.env["umkm.subcontract.split"].browse(action["res_id"]).action_confirm()
        line = order.assignment_ids.filtered(lambda a: a.member_id == self.member_1)
        proposed = line.message_ids.filtered(lambda m: "Pekerjaan baru" in (m.body or ""))
        self.assertEqual(len(proposed), 1, line.message_ids.mapped("body"))
        self.assertIn(line.date_due.strftime("%d/%m/%Y"), proposed.body)
        self.assertIn(f" {int(line.qty)} ", proposed.body)
        for body in (confirmed.body, proposed.body):
            self.assertFalse(re.search(r"\d{4}-\d{2}-\d{2}", body), body)
            self.assertFalse(re.search(r"\d\.0 ", body), body)
