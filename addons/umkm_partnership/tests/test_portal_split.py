import re
from datetime import timedelta

import lxml.html

from odoo import Command
from odoo.tests import tagged

from .common import SubcontractPortalCase

LABEL = re.compile(r"(?:Member|Anggota) (\d+)")


@tagged("post_install", "-at_install")
class TestPortalSplit(SubcontractPortalCase):
    """A member with work on an order sees how it was shared: the rule, each share (the others
    by number unless the cluster shows names), why, and its share of the cluster's work. Nobody
    else sees it: not a member of another cluster, not one without work on the order, not the
    firm."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.outsider = cls._make_members(cls.cluster_other, cls.cap_sew, [(10, 90)], prefix="Luar")
        cls.portal_outsider = cls._portal_user("part_outsider", cls.outsider.partner_id)
        cls.portal_member_3 = cls._portal_user("part_member_3", cls.member_3.partner_id)

    def _page(self, assignment):
        return self.url_open(f"/my/assignments/{assignment.id}/split")

    def _names(self):
        return {member: member.partner_id.name for member in self.members}

    def test_members_see_the_split_anonymised(self):
        # order A: 50 pieces, by performance: member 1 (95 %) 40, member 2 (90 %) 10
        self.assertEqual(self.line_1.qty, 40)
        self.assertEqual(self.line_2.qty, 10)
        names = self._names()
        self._login(self.portal_member_1)
        page = self._page(self.line_1)
        self.assertEqual(page.status_code, 200)
        self.assertIn("By performance", page.text)
        self.assertIn(names[self.member_1], page.text)
        self.assertNotIn(names[self.member_2], page.text)
        self.assertNotIn(names[self.member_3], page.text)
        # the largest share is number 1 (member 1 itself), member 2 is number 2
        self.assertEqual(LABEL.findall(page.text), ["2"])
        self.assertEqual(page.text.count("o_umkm_split_row"), 2)
        self.assertIn("o_umkm_split_own", page.text)
        self.assertIn("o_umkm_fair_share", page.text)
        # the member's page leads to it
        self.assertIn(
            f"/my/assignments/{self.line_1.id}/split",
            self.url_open(f"/my/assignments/{self.line_1.id}").text,
        )

        self._login(self.portal_member_2)
        page = self._page(self.line_2)
        self.assertEqual(page.status_code, 200)
        self.assertIn(names[self.member_2], page.text)
        self.assertNotIn(names[self.member_1], page.text)
        self.assertEqual(LABEL.findall(page.text), ["1"])
        # member 2 cannot open member 1's assignment nor its split
        self.assertEqual(self._page(self.line_1).status_code, 404)

        # the cluster chooses to show names
        self.cluster.show_member_names = True
        page = self._page(self.line_2)
        self.assertIn(names[self.member_1], page.text)
        self.assertIn(names[self.member_2], page.text)
        self.assertFalse(LABEL.findall(page.text))
        self.assertIn("o_umkm_split_own", page.text)

    def test_in_the_members_language(self):
        self.env["res.lang"]._activate_lang("id_ID")
        self.portal_member_2.lang = "id_ID"
        self._login(self.portal_member_2)
        page = self._page(self.line_2)
        self.assertEqual(page.status_code, 200)
        self.assertIn(f"Cara {self.order_a.name} dibagi", page.text)
        self.assertIn("Menurut kinerja", page.text)
        self.assertIn("Bagian Anda dari pekerjaan klaster", page.text)
        self.assertIn("(Anda)", page.text)
        self.assertNotIn(self.member_1.partner_id.name, page.text)
        self.assertEqual(LABEL.findall(page.text), ["1"])

    def test_others_get_nothing(self):
        self.cluster.show_member_names = True
        names = self._names()
        # a member of another cluster, a member without work on the order, the firm
        for user in (self.portal_outsider, self.portal_member_3, self.portal_firm_a):
            self._login(user)
            for line in (self.line_1, self.line_2):
                response = self._page(line)
                self.assertEqual(response.status_code, 404, user.login)
                self.assertNotIn(names[self.member_1], response.text)
        # the firm's page of its order names no member and shows no split, names shown or not
        self._login(self.portal_firm_a)
        page = self.url_open(f"/my/subcontracts/{self.order_a.id}")
        self.assertEqual(page.status_code, 200)
        for text in (names[self.member_1], names[self.member_2], "o_umkm_split"):
            self.assertNotIn(text, page.text)
        self.assertFalse(LABEL.findall(page.text))
        # not logged in: to the login page
        self.authenticate(None, None)
        response = self.url_open(f"/my/assignments/{self.line_1.id}/split", allow_redirects=False)
        self.assertIn(response.status_code, (302, 303))
        self.assertIn("/web/login", response.headers["Location"])

    def _split_order(self, qty, policy, lots=None):
        """A confirmed order of firm A split by ``policy``; ``lots``: ``(quantity, weeks)``."""
        lots = lots or [(qty, 4)]
        order = self.env["umkm.subcontract.order"].create(
            {
                "agreement_id": self.agreement_a.id,
                "capability_id": self.cap_sew.id,
                "description": "Kemeja batik",
                "unit_price": 50000,
                "split_policy": policy,
                "lot_ids": [
                    Command.create({"qty": q, "date_due": self.today + timedelta(weeks=w)})
                    for q, w in lots
                ],
            }
        )
        order.action_submit()
        order.action_confirm()
        action = order.action_split()
        self.env["umkm.subcontract.split"].browse(action["res_id"]).action_confirm()
        return order

    def _cells(self, page):
        rows = lxml.html.fromstring(page.text).xpath("//tr[contains(@class, 'o_umkm_split_row')]")
        return [[" ".join(td.text_content().split()) for td in row.xpath("td")] for row in rows]

    def test_rotation_and_share_of_the_cluster_work(self):
        """Under rotation the page says so and shows what each had received when split; the
        member's share of the cluster's work over 12 months stands beside the median of the
        active members (those without work count as zero)."""
        (self.line_1 | self.line_2).action_accept()
        # member 1 has no capacity left (40 accepted), member 2 received 10, member 3 none:
        # 30 pieces level at 20, member 2 gets 10 and member 3 20
        order = self._split_order(30, "rotation")
        line_2 = order.assignment_ids.filtered(lambda a: a.member_id == self.member_2)
        self.assertEqual(line_2.qty, 10)
        self.assertEqual((line_2.split_policy, line_2.split_qty_received), ("rotation", 10))
        self.assertEqual(line_2.split_qty_free, 30)
        self._login(self.portal_member_2)
        page = self._page(line_2)
        self.assertEqual(page.status_code, 200)
        self.assertIn("Rotation", page.text)
        self.assertIn("Received in the 6 months before", page.text)
        # member, share, free at the split, weekly capacity, on time, rejects, received
        self.assertEqual(
            self._cells(page),
            [
                ["Member 1", "20 Units", "40", "10", "80 %", "0 %", "0"],
                [
                    f"{self.member_2.partner_id.name} (you)",
                    "10 Units",
                    "30",
                    "10",
                    "90 %",
                    "0 %",
                    "10",
                ],
            ],
        )
        share = self.cluster._umkm_work_share(self.member_2)
        # 50 pieces accepted at the members' price: member 2 has 10 of 50, 20 %; the median
        # of the three active members (40, 10, 0) is member 2's 10: 20 %; the 30 pieces only
        # proposed do not count
        self.assertEqual(share["members"], 3)
        self.assertAlmostEqual(share["share"], 20.0)
        self.assertAlmostEqual(share["median_share"], 20.0)
        self.assertEqual(share["median_amount"], share["amount"])
        self.assertIn("received 20 % of the cluster", page.text)
        share_1 = self.cluster._umkm_work_share(self.member_1)
        self.assertAlmostEqual(share_1["share"], 80.0)
        # nothing of another cluster's work
        self.assertEqual(self.cluster_other._umkm_work_share(self.outsider)["total"], 0)
        # order A was split by performance: its page says so, whatever the order says now
        self.order_a.split_policy = "capacity"
        page = self._page(self.line_2)
        self.assertIn("By performance", page.text)

    def test_lots_on_the_split_page(self):
        order = self._split_order(50, "capacity", lots=[(20, 1), (30, 3)])
        line = order.assignment_ids.filtered(lambda a: a.member_id == self.member_1)[:1]
        self._login(self.portal_member_1)
        page = self._page(line)
        self.assertEqual(page.status_code, 200)
        self.assertIn("Lot 2", page.text)
        cells = self._cells(page)
        self.assertEqual(len(cells), 3)
        total = 0
        for row in cells:
            # each lot's cell: the quantity and the free capacity until its date
            self.assertRegex(row[1], r"^\d+ free 10$")
            self.assertRegex(row[2], r"^\d+ free 30$")
            total += int(row[1].split()[0]) + int(row[2].split()[0])
        self.assertEqual(total, 50)

    def _order_among(self, count):
        """An order of the capability 'carving' split by capacity share among ``count``
        members of the cluster, the first being member 1's business (carving too)."""
        if not self.member_1.capacity_ids.filtered(lambda c: c.capability_id == self.cap_carve):
            self.member_1.capacity_ids = [
                Command.create({"capability_id": self.cap_carve.id, "qty_per_week": 10})
            ]
        have = self.env["umkm.member"].search_count(
            [("cluster_id", "=", self.cluster.id), ("capability_ids", "in", self.cap_carve.ids)]
        )
        if have < count:
            self._make_members(
                self.cluster,
                self.cap_carve,
                [(10, 90)] * (count - have),
                prefix=f"Ukir {count}",
            )
        order = self.env["umkm.subcontract.order"].create(
            {
                "agreement_id": self.agreement_a.id,
                "capability_id": self.cap_carve.id,
                "description": f"Ukiran {count}",
                "qty": 10 * count,
                "unit_price": 50000,
                "date_due": self.today + timedelta(days=28),
                "split_policy": "capacity",
            }
        )
        order.action_submit()
        order.action_confirm()
        action = order.action_split()
        self.env["umkm.subcontract.split"].browse(action["res_id"]).action_confirm()
        self.assertEqual(len(order.assignment_ids), count)
        self.env.flush_all()
        return order.assignment_ids.filtered(lambda a: a.member_id == self.member_1)

    def _count_queries(self, url):
        self.url_open(url)  # warm caches (templates, assets)
        before = self.cr.sql_log_count
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        return self.cr.sql_log_count - before, response

    def test_split_page_queries_do_not_grow_with_members(self):
        small = self._order_among(5)
        self._login(self.portal_member_1)
        count_small, page = self._count_queries(f"/my/assignments/{small.id}/split")
        self.assertEqual(page.text.count("o_umkm_split_row"), 5)
        large = self._order_among(20)
        count_large, page = self._count_queries(f"/my/assignments/{large.id}/split")
        self.assertEqual(page.text.count("o_umkm_split_row"), 20)
        self.assertEqual(LABEL.findall(page.text)[-1], "20")
        self.assertEqual(count_large, count_small)
