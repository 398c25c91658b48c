from datetime import date
from unittest.mock import patch

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.umkm_cluster.tests.common import umkm_test_env

TODAY = date(2026, 3, 15)


@tagged("post_install", "-at_install")
class TestMemberFigures(HttpCase):
    """A member's own twelve months on its membership page, beside its cluster's median: its
    own figures only, and as many queries with 4 members as with 24."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = umkm_test_env(cls.env)
        cls.cluster = cls.env["umkm.cluster"].create({"name": "Klaster Angka", "code": "ANG"})
        cls.Snapshot = cls.env["umkm.cluster.snapshot"]
        cls.today = patch.object(type(cls.Snapshot), "_umkm_today", lambda self: TODAY)
        cls.today.start()
        cls.addClassCleanup(cls.today.stop)
        cls.members = cls._members(4)
        cls.user = new_test_user(cls.env, "angka1", password="angka1", groups="base.group_portal")
        cls.user.partner_id.parent_id = cls.members[0].partner_id

    @classmethod
    def _members(cls, count, start=0):
        partners = cls.env["res.partner"].create(
            [{"name": f"Usaha Angka {start + i}", "is_company": True} for i in range(count)]
        )
        members = cls.env["umkm.member"].create(
            [
                {"partner_id": p.id, "cluster_id": cls.cluster.id, "date_join": date(2025, 1, 1)}
                for p in partners
            ]
        )
        members.action_activate()
        moves = []
        for i, member in enumerate(members):
            for month in (4, 11, 1):
                year = 2026 if month == 1 else 2025
                moves.append(
                    {
                        "move_type": "in_invoice",
                        "partner_id": member.partner_id.id,
                        "invoice_date": date(year, month, 8),
                        "date": date(year, month, 8),
                        "umkm_cluster_id": cls.cluster.id,
                        "umkm_flow": "subcontract",
                        "invoice_line_ids": [
                            Command.create(
                                {
                                    "name": "jahit",
                                    "quantity": 1,
                                    "price_unit": 1111000 * (start + i + 1),
                                    "tax_ids": [],
                                }
                            )
                        ],
                    }
                )
        cls.env["account.move"].create(moves).action_post()
        return members

    def _page(self):
        self.Snapshot.search([]).unlink()
        self.Snapshot._cron_take_snapshots()
        self.env.flush_all()
        url = f"/my/memberships/{self.members[0].id}"
        queries = self.env.cr.sql_log_count
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200, response.text[-3000:])
        return response.text, self.env.cr.sql_log_count - queries

    def test_own_figures_beside_the_median(self):
        self.authenticate("angka1", "angka1")
        page, _count = self._page()
        self.assertIn("Your last twelve months", page)
        self.assertIn("04/2025", page)
        # its own work (1.111.000 in the reader's notation, whatever it is) and the median
        # of the four (2.222.000 and 3.333.000 → 2.777.500), never another member's figure
        reader = self.env["umkm.member"].with_context(lang=self.user.lang)
        self.assertIn(reader._umkm_format_number(1111000), page)
        self.assertIn(reader._umkm_format_number(2777500), page)
        for other in (2222000, 3333000, 4444000):
            self.assertNotIn(reader._umkm_format_number(other), page)

    def test_queries_do_not_grow_with_members(self):
        self.authenticate("angka1", "angka1")
        self._page()  # warm the caches
        _page, few = self._page()
        self._members(20, start=10)
        _page, many = self._page()
        self.assertEqual(few, many)
