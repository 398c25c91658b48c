"""Finding partners: a cluster's public capability page (aggregated, no member's figures)
and the request form of a firm without an agreement, which becomes a lead, then a draft
agreement and a first order."""

import re

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged

from .common import PartnershipCase


@tagged("post_install", "-at_install")
class TestClusterPage(PartnershipCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cluster.public_profile = True
        cls.members.write({"business_capital": 350_000_000, "annual_revenue": 900_000_000})

    def _csrf(self):
        page = self.url_open(f"/cluster/{self.cluster.id}")
        return re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)

    def _form(self, **values):
        data = {
            "csrf_token": self._csrf(),
            "firm_name": "PT Garmen Baru",
            "name": "Bu Rina",
            "email": "rina@garmenbaru.example",
            "phone": "0812 7777 8888",
            "capability_id": str(self.cap_sew.id),
            "qty": "500",
            "message": "Kami butuh 500 kemeja batik per bulan.",
        }
        data.update(values)
        return data

    def test_page_shows_capacity_without_private_figures(self):
        page = self.url_open(f"/cluster/{self.cluster.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Uji jahit", page.text)
        # 3 members × 10 a week, aggregated; nobody named, no money
        self.assertRegex(page.text, r">\s*30 Units")
        for private in (
            self.member_1.partner_id.name,
            "350,000,000",
            "350.000.000",
            "900,000,000",
            "900.000.000",
            "Rp ",
        ):
            self.assertNotIn(private, page.text.split('id="request"')[0])
        # a cluster without a public page is not found
        self.cluster_other.public_profile = False
        self.assertEqual(self.url_open(f"/cluster/{self.cluster_other.id}").status_code, 404)
        self.assertEqual(self.url_open("/cluster/999999").status_code, 404)

    def test_request_becomes_a_lead_then_an_agreement(self):
        Request = self.env["umkm.partnership.request"]
        # an administrator listed among the managers (to see the cluster) does not run it:
        # the to-do goes to the cluster's own manager
        admin = new_test_user(
            self.env, "part_admin", groups="base.group_system", name="Aaa Administrator"
        )
        self.cluster.manager_ids = [Command.link(admin.id)]
        self.assertEqual(self.cluster._umkm_responsible_manager(), self.manager)
        existing = self.env["res.partner"].create(
            {"name": "Someone Else", "email": "rina@garmenbaru.example"}
        )
        response = self.url_open(
            f"/cluster/{self.cluster.id}/request", data=self._form(), allow_redirects=False
        )
        self.assertEqual(response.status_code, 303)
        lead = Request.search([("cluster_id", "=", self.cluster.id)])
        self.assertEqual(len(lead), 1)
        self.assertEqual(
            (lead.firm_name, lead.phone, lead.qty), ("PT Garmen Baru", "+6281277778888", 500)
        )
        self.assertEqual(lead.activity_ids.user_id, self.manager)
        # the network manager turns it into a draft agreement and a first order
        lead.with_user(self.manager).action_create_agreement()
        agreement = lead.agreement_id
        self.assertEqual(agreement.state, "draft")
        self.assertEqual(agreement.partner_id.name, "PT Garmen Baru")
        self.assertNotEqual(agreement.partner_id, existing.commercial_partner_id)
        self.assertEqual(lead.order_id.qty, 500)
        self.assertEqual(lead.order_id.state, "draft")
        self.assertEqual(lead.state, "converted")

    def test_bad_requests_leave_nothing(self):
        Request = self.env["umkm.partnership.request"]
        url = f"/cluster/{self.cluster.id}/request"
        for label, bad in {
            "no email": {"email": "rina"},
            "letters as quantity": {"qty": "banyak"},
            "another cluster's capability": {"capability_id": str(self.cap_carve.id)},
            "not a phone": {"phone": "telepon"},
            "no message": {"message": ""},
        }.items():
            with self.subTest(label):
                response = self.url_open(url, data=self._form(**bad))
                self.assertEqual(response.status_code, 400)
                self.assertIn("is-invalid", response.text)
        # honeypot: a robot is thanked and nothing is recorded; no CSRF: refused
        self.url_open(url, data=self._form(website_url="http://spam.example"))
        data = self._form()
        del data["csrf_token"]
        self.assertEqual(self.url_open(url, data=data).status_code, 400)
        self.assertFalse(Request.search([("cluster_id", "=", self.cluster.id)]))
        # at most 5 requests an hour from one connection
        for _i in range(5):
            self.url_open(url, data=self._form())
        response = self.url_open(url, data=self._form())
        self.assertEqual(response.status_code, 400)
        self.assertEqual(Request.search_count([("cluster_id", "=", self.cluster.id)]), 5)

    def test_page_shows_certifications_counted_not_named(self):
        halal = self.env["umkm.certification"].create({"name": "Halal uji"})
        self.member_1.certification_ids = halal
        self.member_2.certification_ids = halal
        page = self.url_open(f"/cluster/{self.cluster.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("o_umkm_certifications", page.text)
        self.assertRegex(page.text, r"Halal uji · 2\s*members")
        self.assertNotIn(self.member_1.partner_id.name, page.text.split('id="request"')[0])

    def test_refused_request_lands_on_the_form_with_what_was_typed(self):
        action = f'action="/cluster/{self.cluster.id}/request#request"'
        self.assertIn(action, self.url_open(f"/cluster/{self.cluster.id}").text)
        response = self.url_open(
            f"/cluster/{self.cluster.id}/request",
            data=self._form(email="rina", message="Kemeja batik 2 warna"),
        )
        self.assertEqual(response.status_code, 400)
        form = response.text.split('id="request"', 1)[1]
        self.assertIn(action, form)
        self.assertLess(form.index("o_umkm_form_errors"), form.index("<form"))
        for typed in (
            'value="PT Garmen Baru"',
            'value="Bu Rina"',
            'value="rina"',
            'value="0812 7777 8888"',
            f'value="{self.cap_sew.id}" selected',
            "Kemeja batik 2 warna</textarea>",
        ):
            self.assertIn(typed, form)

    def test_catalogue_and_cluster_page_lead_to_each_other(self):
        catalogue = self.env["umkm.catalogue"].create(
            {
                "name": "Katalog Klaster Uji",
                "cluster_id": self.cluster.id,
                "slug": "katalog-klaster",
            }
        )
        page = self.url_open(f"/cluster/{self.cluster.id}")
        self.assertNotIn('href="/catalogue/katalog-klaster"', page.text, "not published yet")
        catalogue.action_publish()
        page = self.url_open(f"/cluster/{self.cluster.id}")
        self.assertIn('href="/catalogue/katalog-klaster"', page.text)
        catalogue_page = self.url_open("/catalogue/katalog-klaster")
        self.assertIn(f'href="/cluster/{self.cluster.id}"', catalogue_page.text)
        # the public index lists both
        index = self.url_open("/klaster").text
        self.assertIn('href="/catalogue/katalog-klaster"', index)
        self.assertIn(f'href="/cluster/{self.cluster.id}"', index)
        self.cluster.public_profile = False
        self.assertNotIn(f'href="/cluster/{self.cluster.id}"', self.url_open("/klaster").text)
        self.assertNotIn(
            f'href="/cluster/{self.cluster.id}"', self.url_open("/catalogue/katalog-klaster").text
        )
