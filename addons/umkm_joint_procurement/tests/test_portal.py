import io
import re
import zipfile
from datetime import timedelta
from unittest.mock import patch

import lxml.html
from psycopg2 import errors as pg_errors

from odoo import Command, fields
from odoo.tests import HttpCase, tagged

from odoo.addons.umkm_cluster.tools.retry import MAX_TRIES as MAX_TRIES_ON_CONCURRENCY_FAILURE

from .common import ProcurementCase

# the backend's round workbook: the XLSX report's own route (report_xlsx), as Print fetches it
ROUND_XLSX_URL = "/report/xlsx/umkm_joint_procurement.round_xlsx"


@tagged("post_install", "-at_install")
class TestProcurementPortal(ProcurementCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.round = cls._create_round(products=cls.kain | cls.malam, title="Stok Lebaran")
        cls.round.action_open()
        cls.demand_2 = cls._demand(cls.round, cls.member_2, cls.kain, 150)
        cls.round_b = cls._create_round(cluster_id=cls.cluster_b.id, products=cls.kain)
        cls.round_b.action_open()

    def _login(self, user=None):
        user = user or self.portal_1
        self.authenticate(user.login, f"{user.login}_pw")

    def _csrf(self, url):
        page = self.url_open(url)
        self.assertEqual(page.status_code, 200)
        return re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1), page

    def _post_demand(self, **data):
        url = f"/my/procurement/{self.round.id}"
        token, _page = self._csrf(url)
        data.setdefault("product_id", self.kain.id)
        data.setdefault("uom_id", self.uom_meter.id)
        return self.url_open(
            f"{url}/demand", data={"csrf_token": token, **data}, allow_redirects=False
        )

    def _post_kain(self, token, qty):
        """Post the demand form for the kain with ``qty`` as typed, ``token`` from a page."""
        return self.url_open(
            f"/my/procurement/{self.round.id}/demand",
            data={"csrf_token": token, "product_id": self.kain.id, "qty": qty},
            allow_redirects=False,
        )

    def _my_demand(self, product=None):
        return self.round.demand_ids.filtered(
            lambda d: (
                d.member_id == self.member_1
                and d.product_id == (product or self.kain)
                and d.state != "cancel"
            )
        )

    def test_list_shows_open_rounds_of_own_clusters_only(self):
        self._login()
        home = self.url_open("/my/home")
        self.assertIn("/my/procurement", home.text)
        page = self.url_open("/my/procurement")
        self.assertEqual(page.status_code, 200)
        self.assertIn(self.round.name, page.text)
        self.assertNotIn(self.round_b.name, page.text)
        other = self.url_open(f"/my/procurement/{self.round_b.id}", allow_redirects=False)
        self.assertEqual(other.status_code, 303)
        missing = self.url_open("/my/procurement/999999999", allow_redirects=False)
        self.assertEqual(missing.status_code, 303)

    def test_round_page_shows_aggregate_and_tier_hint(self):
        self._login()
        page = self.url_open(f"/my/procurement/{self.round.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Test kain mori", page.text)
        self.assertIn("150.00", page.text)  # everybody's demand so far
        # at 150 m the vendor 1 tier (27) applies; 50 m more reach the vendor 2 tier (26)
        self.assertRegex(page.text, r"50\.00\s*m\s*more and the price drops to")
        # on a phone the other columns are hidden and the hint is under the material name,
        # next to the demand form
        self.assertRegex(
            page.text,
            r'class="d-md-none small">\s*<span[^>]*>[^<]*<span class="oe_currency_value">'
            r"27\.00</span></span>\s*· 150\.00 m",
        )
        self.assertRegex(page.text, r"50\.00\s*m\s*more:")
        # an open round is announced where the members talk
        self.assertRegex(
            page.text,
            r"https://wa\.me/\?text=Joint%20purchase%20[^\"]*%2Fmy%2Fprocurement%2F"
            + str(self.round.id),
        )

    def test_demand_form_offers_the_units_of_the_material_only(self):
        """The unit list of a material: its purchase unit, its stock unit, then the other
        units of its category; never a unit of another category (no km for a material in kg)."""
        lilin = self.env["product.product"].create(
            {
                "name": "Test lilin",
                "is_storable": True,
                "uom_id": self.uom_gram.id,
                "uom_po_id": self.uom_kg.id,
                "seller_ids": [Command.create({"partner_id": self.vendor_2.id, "price": 60.0})],
            }
        )
        rnd = self._create_round(products=self.kain | lilin | self.canting)
        rnd.action_open()
        self._login()
        page = self.url_open(f"/my/procurement/{rnd.id}")
        self.assertEqual(page.status_code, 200)
        tree = lxml.html.fromstring(page.content)
        Uom = self.env["uom.uom"]

        def options(product):
            found = tree.xpath(
                f'//tr[@data-product-id="{product.id}"]//select[@name="uom_id"]/option'
            )
            self.assertTrue(found, f"{product.name} has a unit list")
            return Uom.browse([int(o.get("value")) for o in found]), [
                Uom.browse(int(o.get("value"))) for o in found if o.get("selected")
            ]

        weight = self.env.ref("uom.product_uom_categ_kgm")
        for product, category, usual in (
            (lilin, weight, [self.uom_kg, self.uom_gram]),
            (self.kain, self.env.ref("uom.uom_categ_length"), [self.uom_meter]),
            (self.canting, self.env.ref("uom.product_uom_categ_unit"), [self.uom_unit]),
        ):
            with self.subTest(material=product.name):
                units, selected = options(product)
                self.assertEqual(units.category_id, category)
                self.assertEqual(units[: len(usual)].ids, [u.id for u in usual])
                self.assertEqual(
                    set(units.ids), set(Uom.search([("category_id", "=", category.id)]).ids)
                )
                self.assertEqual(selected, [usual[0]])
        units, _selected = options(lilin)
        self.assertNotIn(self.env.ref("uom.product_uom_km"), units)
        self.assertNotIn(self.env.ref("uom.product_uom_inch"), units)

    def test_add_change_cancel_demand(self):
        self._login()
        response = self._post_demand(qty="60")
        self.assertEqual(response.status_code, 303)
        demand = self._my_demand()
        self.assertEqual(demand.qty, 60)
        self._refresh_totals()
        self.assertEqual(self._line(self.round, self.kain).qty_demand, 210)
        response = self._post_demand(qty="75.5")
        self.assertEqual(response.status_code, 303)
        self.assertEqual(demand.qty, 75.5)
        self.assertEqual(len(self._my_demand()), 1)
        # a second material in another unit of the same category
        response = self._post_demand(product_id=self.malam.id, qty="2500", uom_id=self.uom_gram.id)
        self.assertEqual(response.status_code, 303)
        self._refresh_totals()
        self.assertEqual(self._line(self.round, self.malam).qty_demand, 2.5)
        token, _page = self._csrf(f"/my/procurement/{self.round.id}")
        response = self.url_open(
            f"/my/procurement/{self.round.id}/demand/{demand.id}/cancel",
            data={"csrf_token": token},
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 303)
        self.assertEqual(demand.state, "cancel")
        self._refresh_totals()
        self.assertEqual(self._line(self.round, self.kain).qty_demand, 150)

    def test_invalid_input_shows_errors_and_saves_nothing(self):
        self._login()
        cases = [
            ({"qty": "abc"}, "as a number"),
            ({"qty": "0"}, "greater than zero"),
            ({"qty": "-4"}, "greater than zero"),
            ({"qty": "5", "uom_id": self.uom_kg.id}, "cannot measure"),
            ({"qty": "5", "product_id": self.canting.id}, "Choose one of the materials"),
            ({"qty": "5", "product_id": "x"}, "Choose one of the materials"),
            ({"qty": "5", "uom_id": 999999999}, "valid unit"),
        ]
        for data, message in cases:
            with self.subTest(data=data):
                response = self._post_demand(**data)
                self.assertEqual(response.status_code, 400)
                self.assertIn("o_umkm_demand_error", response.text)
                self.assertIn(message, response.text)
        self.assertFalse(self._my_demand())

    def test_concurrent_saves_retry_then_show_a_message_not_an_error_page(self):
        """A save that keeps colliding with other members' saves (PostgreSQL's serialization
        failure) is retried by Odoo in a new snapshot; after the last try the member gets the
        form back with a message, not a 500, and nothing is saved."""

        class Collision(pg_errors.SerializationFailure):
            pgcode = "40001"  # what PostgreSQL sends; Odoo logs it by name

        tries = []

        def collide(self, vals_list):
            tries.append(1)
            raise Collision("could not serialize access due to concurrent update")

        self._login()
        Demand = type(self.env["umkm.procurement.demand"])
        with (
            patch.object(Demand, "create", collide),
            patch("odoo.service.model.time.sleep") as sleep,
        ):
            response = self._post_demand(qty="5")
        self.assertEqual(response.status_code, 400)
        self.assertIn("Many members are saving their demand at this moment", response.text)
        self.assertEqual(len(tries), MAX_TRIES_ON_CONCURRENCY_FAILURE)
        self.assertEqual(sleep.call_count, MAX_TRIES_ON_CONCURRENCY_FAILURE - 1)
        self.assertFalse(self._my_demand())
        # the next save, once the crowd is gone, goes through
        response = self._post_demand(qty="5")
        self.assertEqual(response.status_code, 303)
        self.assertEqual(self._my_demand().qty, 5)

    def test_a_save_held_up_by_the_closes_gate_is_refused_at_once(self):
        """A save whose snapshot predates the close's gate finds its place held (by the gate
        or the close): it does not wait for it (lock timeout), and the portal, looking again
        in a transaction of its own, answers that the round no longer takes demand, without
        Odoo's retry and its wait."""

        class Held(pg_errors.LockNotAvailable):
            pgcode = "55P03"

        Place = type(self.env["umkm.procurement.round.member"])
        claim = Place._claim

        def held(self, pairs):
            # as a save whose snapshot predates the gate's mark
            raise Held("canceling statement due to lock timeout")

        self._login()
        token, _page = self._csrf(f"/my/procurement/{self.round.id}")
        self.round.place_ids.write({"date_closing": fields.Datetime.now()})  # the gate
        with (
            patch.object(Place, "_claim", held),
            patch("odoo.service.model.time.sleep") as sleep,
        ):
            response = self._post_kain(token, "5")
        self.assertEqual(response.status_code, 303)
        self.assertIn("refused=closed", response.headers["Location"])
        self.assertEqual(sleep.call_count, 0)
        self.assertFalse(self._my_demand())
        self.round.place_ids.write({"date_closing": False})
        self.assertTrue(
            self.env["umkm.procurement.round.member"]._umkm_takes_demand(
                self.round.id, self.member_1.id
            )
        )
        self.assertIs(Place._claim, claim)

    def test_csrf_is_required(self):
        self._login()
        response = self.url_open(
            f"/my/procurement/{self.round.id}/demand",
            data={"product_id": self.kain.id, "qty": "5"},
            allow_redirects=False,
        )
        self.assertGreaterEqual(response.status_code, 400)
        self.assertFalse(self._my_demand())

    def test_deadline_passed_refuses_demand(self):
        self._login()
        token, _page = self._csrf(f"/my/procurement/{self.round.id}")
        self.round.deadline = fields.Datetime.now() - timedelta(minutes=5)
        response = self._post_kain(token, "5")
        # nothing to correct: answered like a save, with the round's page and why
        self.assertEqual(response.status_code, 303)
        self.assertTrue(
            response.headers["Location"].endswith(f"/my/procurement/{self.round.id}?refused=closed")
        )
        self.assertFalse(self._my_demand())
        page = self.url_open(response.headers["Location"])
        self.assertEqual(page.status_code, 200)
        self.assertIn("o_umkm_demand_refused", page.text)
        self.assertIn("The deadline has passed: demand can no longer change.", page.text)

    def test_save_in_a_closed_round_is_answered_with_the_round_page(self):
        self._login()
        token, _page = self._csrf(f"/my/procurement/{self.round.id}")
        self.round.action_close()
        response = self._post_kain(token, "5")
        self.assertEqual(response.status_code, 303)
        self.assertIn("refused=closed", response.headers["Location"])
        self.assertFalse(self._my_demand())
        page = self.url_open(response.headers["Location"])
        self.assertIn("this round no longer accepts demand", page.text)
        # a wrong quantity is still shown with the form, to be corrected
        self.round.action_reopen()
        response = self._post_kain(token, "lima")
        self.assertEqual(response.status_code, 400)
        self.assertIn("o_umkm_demand_error", response.text)
        self.assertNotIn("o_umkm_demand_refused", response.text)

    def test_cannot_touch_another_members_demand(self):
        self._login()
        token, _page = self._csrf(f"/my/procurement/{self.round.id}")
        response = self.url_open(
            f"/my/procurement/{self.round.id}/demand/{self.demand_2.id}/cancel",
            data={"csrf_token": token},
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 303)
        self.assertTrue(response.headers["Location"].endswith("/my?umkm_refused=1"))
        self.assertEqual(self.demand_2.state, "submitted")
        page = self.url_open(f"/my/procurement/{self.round.id}")
        self.assertNotIn(f"/demand/{self.demand_2.id}/cancel", page.text)

    def test_allocation_workbook_statement_and_invoice_of_own_member_only(self):
        self._demand(self.round, self.member_1, self.kain, 60)
        rnd = self.round
        self._close_and_receive(rnd)
        rnd.action_allocate()
        rnd.action_create_member_invoices()
        rnd.invoice_ids.action_post()
        invoice_1 = rnd.invoice_ids.filtered(lambda m: m.partner_id == self.member_1.partner_id)
        invoice_2 = rnd.invoice_ids - invoice_1
        self._login()
        page = self.url_open(f"/my/procurement/{rnd.id}")
        self.assertIn("What you receive", page.text)
        self.assertIn(invoice_1.name, page.text)
        self.assertNotIn(invoice_2.name, page.text)
        self.assertEqual(self.url_open(invoice_1.get_portal_url()).status_code, 200)
        denied = self.url_open(f"/my/invoices/{invoice_2.id}", allow_redirects=False)
        self.assertEqual(denied.status_code, 303)
        workbook = self.url_open(f"/my/procurement/{rnd.id}/xlsx")
        self.assertEqual(workbook.status_code, 200)
        with zipfile.ZipFile(io.BytesIO(workbook.content)) as archive:
            names = archive.namelist()
            strings = archive.read("xl/sharedStrings.xml").decode()
        self.assertEqual(len([n for n in names if n.startswith("xl/worksheets/sheet")]), 5)
        self.assertIn(self.member_1.partner_id.name, strings)
        self.assertNotIn(self.member_2.partner_id.name, strings)
        statement = self.url_open(f"/my/procurement/{rnd.id}/statement")
        self.assertEqual(statement.status_code, 200)
        self.assertIn(self.member_1.partner_id.name, statement.text)
        self.assertNotIn(self.member_2.partner_id.name, statement.text)
        # the backend workbook (the XLSX report under Print) is refused to portal users
        self.assertEqual(self.url_open(f"{ROUND_XLSX_URL}/{rnd.id}").status_code, 403)
        # the member statement (HTML rendering of the PDF report) is the member's own
        html, _type = self.env["ir.actions.report"]._render_qweb_html(
            "umkm_joint_procurement.action_report_procurement_statement",
            rnd.ids,
            data={"member_id": self.member_1.id},
        )
        html = html.decode()
        self.assertIn(self.member_1.partner_id.name, html)
        self.assertNotIn(self.member_2.partner_id.name, html)

    def test_manager_workbook_has_every_member_and_formulas(self):
        self.authenticate(self.manager_a.login, self.manager_a.login)
        response = self.url_open(f"{ROUND_XLSX_URL}/{self.round.id}")
        self.assertEqual(response.status_code, 200)
        with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
            strings = archive.read("xl/sharedStrings.xml").decode()
            demand_sheet = archive.read("xl/worksheets/sheet1.xml").decode()
        self.assertIn(self.member_2.partner_id.name, strings)
        # one total per purchase unit (column F), never a sum over different units
        self.assertIn("<f>SUMIF(F2:F2,F3,E2:E2)</f>", demand_sheet)
        self.authenticate(self.manager_b.login, self.manager_b.login)
        response = self.url_open(f"{ROUND_XLSX_URL}/{self.round.id}")
        self.assertEqual(response.status_code, 403)
