"""The open results of a round on the portal: every active member of the cluster sees, once
the round is closed, each material's totals, vendor and tier, its own savings, how the
delivery was shared (the others as "Member N" unless the cluster shows names) and the fee and
shared costs billed; nothing of it for another cluster's member or a user without membership,
nothing before the round closes; the page's queries do not grow with the members."""

import re

import lxml.html

from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import format_amount

from odoo.addons.umkm_cluster.tests.common import load_indonesian

from .common import ProcurementCase

SMALL, LARGE = 5, 25
# upper bound against regressions of the round page with its results (a round invoiced,
# two materials); measured on Odoo 18.0: 34 queries, for 5 and for 25 members
MAX_PAGE_QUERIES = 40


def text_of(node):
    return re.sub(r"[ \t\r\n]+", " ", node.text_content()).strip(" ")


@tagged("post_install", "-at_install")
class TestRoundResults(ProcurementCase, HttpCase):
    member_count = LARGE
    chart_template = "id"  # a cooperative in rupiah

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.currency.rounding = 1.0  # rupiah without cents
        cls.member_3 = cls.members[2]  # active, no demand in the round
        cls.portal_3 = cls._portal_user("proc_portal_3", cls.member_3.partner_id)
        cls.portal_b = cls._portal_user("proc_portal_b", cls.member_b.partner_id)
        firm = cls.env["res.partner"].create({"name": "PT Mitra Besar", "is_company": True})
        cls.portal_firm = cls._portal_user("proc_portal_firm", firm)
        # kain: 80 m + 150 m = 230 m reach vendor 2's tier from 200 m at 26; alone, 80 m cost
        # 29 (vendor 2 from 0 m) and 150 m cost 27 (vendor 1 from 100 m); 200 m arrive
        # malam: 20 kg + 40 kg = 60 kg reach the tier from 50 kg at 45; alone 50
        cls.round = cls._create_round(
            products=cls.kain | cls.malam, fee_percent=2.0, allocation_method="proportional"
        )
        cls.round.action_open()
        cls._demand(cls.round, cls.member_1, cls.kain, 80)
        cls._demand(cls.round, cls.member_2, cls.kain, 150)
        cls._demand(cls.round, cls.member_1, cls.malam, 20)
        cls._demand(cls.round, cls.member_2, cls.malam, 40)
        cls.round.cost_ids = [
            (0, 0, {"name": "Ongkos kirim", "amount": 50000.0}),
        ]
        cls._close_and_receive(cls.round, {cls.kain: 200, cls.malam: 60}, backorder=False)
        cls.round.action_allocate()
        cls.round.action_create_member_invoices()
        # another cluster's round, closed with its member's demand
        cls.round_b = cls._create_round(cluster_id=cls.cluster_b.id, products=cls.kain)
        cls.round_b.action_open()
        cls._demand(cls.round_b, cls.member_b, cls.kain, 300)
        cls.round_b.action_close()

    @classmethod
    def _portal_user(cls, login, partner):
        user = new_test_user(
            cls.env, login, password=f"{login}_pw", groups="base.group_portal", name=login
        )
        user.partner_id.parent_id = partner
        return user

    def _login(self, user):
        self.authenticate(user.login, f"{user.login}_pw")

    def _page(self, user, rnd=None):
        self._login(user)
        response = self.url_open(f"/my/procurement/{(rnd or self.round).id}")
        self.assertEqual(response.status_code, 200)
        return response.text, lxml.html.fromstring(response.text)

    def _material(self, tree, product):
        [card] = tree.xpath(
            f"//div[contains(@class, 'o_umkm_result_material')][@data-product-id='{product.id}']"
        )
        return card

    def _shares(self, card):
        return [
            [text_of(td) for td in row.xpath("./td")]
            for row in card.xpath(".//tr[contains(@class, 'o_umkm_result_share')]")
        ]

    def _money(self, amount, lang="en_US"):
        return format_amount(self.env(context={"lang": lang}), amount, self.currency)

    # ------------------------------------------------------------------ the figures
    def test_savings_are_quantity_times_alone_minus_collective_price(self):
        self.assertEqual(self.round.state, "invoiced")
        results = self.round._umkm_results(self.member_1)
        kain, malam = results["materials"]
        self.assertEqual(kain["line"].product_id, self.kain)
        self.assertEqual((kain["qty_demand"], kain["vendor"]), (230, "CV Malam Abadi"))
        self.assertEqual((kain["tier_min_qty"], kain["price_collective"]), (200, 26))
        self.assertEqual((kain["own_qty"], kain["price_alone"]), (80, 29))
        self.assertEqual(kain["savings"], 80 * (29 - 26))
        self.assertAlmostEqual(kain["savings_percent"], 100 * 3 / 29)
        self.assertEqual(malam["savings"], 20 * (50 - 45))
        # the other member's savings at its own quantity: 150 m alone at 27
        kain_2 = self.round._umkm_results(self.member_2)["materials"][0]
        self.assertEqual(kain_2["price_alone"], 27)
        self.assertEqual(kain_2["savings"], 150 * (27 - 26))
        # the members' savings are the round's savings (one rule for both)
        members_savings = sum(
            m["savings"]
            for member in (self.member_1, self.member_2)
            for m in self.round._umkm_results(member)["materials"]
        )
        self.assertEqual(members_savings, self.round.savings)
        # what the round saved a member stays, whatever the vendor's prices become
        self.kain.seller_ids.filtered(lambda s: s.min_qty == 0).price = 35.0
        self.env.invalidate_all()
        again = self.round._umkm_results(self.member_1)["materials"][0]
        self.assertEqual((again["price_alone"], again["savings"]), (29, 240))
        # the short delivery of kain, shared in proportion: 200 m for 230 m
        self.assertTrue(kain["short"])
        self.assertFalse(malam["short"])
        shares = {s["label"]: (s["qty_demand"], s["qty_allocated"]) for s in kain["shares"]}
        allocations = self.round.allocation_ids.filtered(lambda a: a.product_id == self.kain)
        self.assertEqual(
            sorted(shares.values()),
            sorted(allocations.mapped(lambda a: (a.qty_demand, a.qty_allocated))),
        )
        self.assertEqual(sum(q for _d, q in shares.values()), 200)
        # the fee and shared costs billed
        self.assertEqual(results["totals"]["cost"], 50000)
        self.assertEqual(
            results["totals"]["fee"], sum(self.round.allocation_ids.mapped("fee_amount"))
        )
        self.assertGreater(results["totals"]["fee"], 0)

    def test_no_results_before_the_round_closes_or_for_outsiders(self):
        rnd = self._create_round(products=self.kain)
        self.assertIsNone(rnd._umkm_results(self.member_1))  # draft
        rnd.action_open()
        self._demand(rnd, self.member_1, self.kain, 10)
        self.assertIsNone(rnd._umkm_results(self.member_1))  # open
        text, _tree = self._page(self.portal_1, rnd)
        self.assertNotIn("o_umkm_round_results", text)
        rnd.action_close()
        # closed: the totals, tier and savings; nothing shared yet
        text, tree = self._page(self.portal_1, rnd)
        kain = self._material(tree, self.kain)
        self.assertEqual(
            text_of(kain.xpath(".//*[contains(@class, 'o_umkm_result_saved')]")[0]),
            self._money(0),  # 10 m alone or together: the same tier
        )
        self.assertFalse(self._shares(kain))
        self.assertFalse(tree.xpath("//*[contains(@class, 'o_umkm_result_totals')]"))
        self.assertIsNone(rnd._umkm_results(self.member_b))  # another cluster's member
        self.member_3.action_suspend()
        self.assertIsNone(rnd._umkm_results(self.member_3))  # not active

    # ------------------------------------------------------------------ the page
    def test_member_sees_results_with_the_others_anonymised(self):
        text, tree = self._page(self.portal_1)
        self.assertIn("o_umkm_round_results", text)
        kain = self._material(tree, self.kain)
        self.assertEqual(
            text_of(kain.xpath(".//*[contains(@class, 'o_umkm_result_saved')]")[0]),
            self._money(240),
        )
        self.assertNotIn(",00", self._money(240))  # rupiah without cents
        self.assertIn("CV Malam Abadi", text_of(kain))
        shares = self._shares(kain)
        me, other = (self.member_1, self.member_2)
        self.assertEqual([row[0] for row in shares], [me.partner_id.name, "Member 2"])
        self.assertNotIn(other.partner_id.name, text)
        self.assertTrue(kain.xpath(".//tr[contains(@class, 'o_umkm_result_own')]"))
        self.assertTrue(kain.xpath(".//*[contains(@class, 'o_umkm_result_short')]"))
        self.assertEqual(
            text_of(tree.xpath("//*[contains(@class, 'o_umkm_result_cost')]")[0]),
            self._money(50000),
        )
        # the second member: the first one is "Member 1"
        text, tree = self._page(self.portal_2)
        shares = self._shares(self._material(tree, self.kain))
        self.assertEqual([row[0] for row in shares], ["Member 1", other.partner_id.name])
        self.assertNotIn(me.partner_id.name, text)

    def test_member_without_demand_reaches_the_round_and_its_results(self):
        self._login(self.portal_3)
        listing = self.url_open("/my/procurement")
        self.assertIn(self.round.name, listing.text)
        self.assertNotIn(self.round_b.name, listing.text)
        text, tree = self._page(self.portal_3)
        kain = self._material(tree, self.kain)
        self.assertTrue(kain.xpath(".//*[contains(@class, 'o_umkm_result_no_demand')]"))
        self.assertFalse(kain.xpath(".//*[contains(@class, 'o_umkm_result_saved')]"))
        self.assertEqual([row[0] for row in self._shares(kain)], ["Member 1", "Member 2"])
        for member in (self.member_1, self.member_2):
            self.assertNotIn(member.partner_id.name, text)
        # through the ORM, still nothing of the others' demand, allocations or invoices
        env = self.env(user=self.portal_3)
        domain = [("round_id", "=", self.round.id)]
        self.assertFalse(env["umkm.procurement.demand"].search(domain))
        self.assertFalse(env["umkm.procurement.allocation"].search(domain))
        self.assertFalse(env["account.move"].search([("umkm_round_id", "=", self.round.id)]))
        own = self.env(user=self.portal_1)["umkm.procurement.demand"].search(domain)
        self.assertEqual(own.member_id, self.member_1)

    def test_names_shown_when_the_cluster_says_so(self):
        self.cluster_a.show_member_names = True
        text, tree = self._page(self.portal_3)
        shares = self._shares(self._material(tree, self.kain))
        self.assertEqual(
            [row[0] for row in shares],
            [self.member_1.partner_id.name, self.member_2.partner_id.name],
        )
        self.assertNotIn("Member 1", text)

    def test_other_cluster_and_non_members_see_nothing(self):
        for user in (self.portal_b, self.portal_firm):
            self._login(user)
            response = self.url_open(f"/my/procurement/{self.round.id}", allow_redirects=False)
            self.assertEqual(response.status_code, 303, user.login)
            self.assertTrue(response.headers["Location"].endswith("/my?umkm_refused=1"))
            self.assertNotIn(self.round.name, self.url_open("/my/procurement").text)
        # the other cluster's member sees its own round, with its own results only
        text, _tree = self._page(self.portal_b, self.round_b)
        self.assertIn("o_umkm_round_results", text)
        for member in self.members[:2]:
            self.assertNotIn(member.partner_id.name, text)
        self.assertNotIn(self.round.name, text)
        # a membership that left the cluster: the page, no results
        self.member_b.action_leave()
        text, _tree = self._page(self.portal_b, self.round_b)
        self.assertNotIn("o_umkm_round_results", text)

    def test_results_in_indonesian(self):
        load_indonesian(self.env, "umkm_cluster")
        load_indonesian(self.env, "umkm_joint_procurement")
        self.portal_1.lang = "id_ID"
        text, tree = self._page(self.portal_1)
        kain = self._material(tree, self.kain)
        self.assertIn("Hasil", text)
        self.assertEqual([row[0] for row in self._shares(kain)][1], "Anggota 2")
        self.assertEqual(
            text_of(kain.xpath(".//*[contains(@class, 'o_umkm_result_saved')]")[0]),
            self._money(240, "id_ID"),
        )
        self.assertEqual(
            text_of(tree.xpath("//*[contains(@class, 'o_umkm_result_cost')]")[0]),
            self._money(50000, "id_ID"),
        )
        self.assertIn("50.000", self._money(50000, "id_ID"))

    # ------------------------------------------------------------------ queries
    def test_page_queries_do_not_grow_with_members(self):
        counts = {}
        for size in (SMALL, LARGE):
            rnd = self._create_round(products=self.kain | self.malam, fee_percent=1.5)
            rnd.action_open()
            self.env["umkm.procurement.demand"].create(
                [
                    {
                        "round_id": rnd.id,
                        "member_id": member.id,
                        "product_id": product.id,
                        "qty": qty + i % 3,
                        "uom_id": product.uom_po_id.id,
                    }
                    for i, member in enumerate(self.members[:size])
                    # the same vendors and tiers at 5 and at 25 members (a vendor more to
                    # read is a query more, whatever the number of members)
                    for product, qty in ((self.kain, 1), (self.malam, 2))
                ]
            )
            # short deliveries, shared among every member
            self._close_and_receive(rnd, {self.kain: 10, self.malam: 10}, backorder=False)
            rnd.action_allocate()
            rnd.action_create_member_invoices()
            self.assertEqual(len(rnd.invoice_ids), size)
            self._login(self.portal_1)
            url = f"/my/procurement/{rnd.id}"
            self.url_open(url)  # warm the caches (templates, assets)
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            response = self.url_open(url)
            self.assertEqual(response.status_code, 200)
            counts[size] = self.cr.sql_log_count - before
            shares = self._shares(self._material(lxml.html.fromstring(response.text), self.kain))
            self.assertEqual(len(shares), size)
        self.assertEqual(counts[SMALL], counts[LARGE], counts)
        self.assertLessEqual(counts[SMALL], MAX_PAGE_QUERIES)
