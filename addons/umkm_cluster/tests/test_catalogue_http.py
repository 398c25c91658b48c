import re

from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .catalogue_common import UmkmCatalogueCase, png_bytes


@tagged("post_install", "-at_install")
class TestCataloguePublicPage(UmkmCatalogueCase, HttpCase):
    def _page(self, url, **kw):
        return self.url_open(url, allow_redirects=False, **kw)

    def test_published_page_shows_only_approved_products(self):
        page = self._page("/catalogue/katalog-uji")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Kemeja Uji", page.text)
        self.assertIn("Kain Uji &amp; &lt;Motif&gt;", page.text)
        self.assertNotIn("Produk Usulan", page.text)
        self.assertNotIn("Produk Ditolak", page.text)
        self.assertIn("Cover of the test catalogue", page.text)

    def test_filter_by_category_and_search(self):
        page = self._page(f"/catalogue/katalog-uji?category={self.categ_wear.id}")
        self.assertIn("Kemeja Uji", page.text)
        self.assertNotIn("Kain Uji", page.text.split('id="inquiry"')[0])
        page = self._page("/catalogue/katalog-uji?search=SME+Dua")
        self.assertIn("Kemeja Uji", page.text)
        self.assertNotIn("Kain Uji", page.text.split('id="inquiry"')[0])

    def test_private_catalogue_needs_its_token(self):
        self._make_line(self.member_a1, "Private product", 1000, 1, catalogue=self.private)
        self.private.line_ids.action_approve()
        token = self.private.access_token
        slug = self.private.slug
        for url in (
            f"/catalogue/{slug}",
            f"/catalogue/{slug}?access_token=wrong",
            f"/catalogue/{slug}/feed.xml",
            f"/catalogue/{slug}/catalogue.xlsx?access_token=wrong",
            f"/catalogue/{slug}/image/{self.private.line_ids.id}",
            "/catalogue/no-such-catalogue",
        ):
            with self.subTest(url=url):
                self.assertEqual(self._page(url).status_code, 404)
        page = self._page(f"/catalogue/{slug}?access_token={token}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Private product", page.text)
        feed = self._page(f"/catalogue/{slug}/feed.xml?access_token={token}")
        self.assertEqual(feed.status_code, 200)
        self.assertIn(b"Private product", feed.content)

    def test_images_only_for_approved_lines(self):
        ok = self._page(f"/catalogue/katalog-uji/image/{self.line_approved_1.id}")
        self.assertEqual(ok.status_code, 200)
        self.assertTrue(ok.headers["Content-Type"].startswith("image/"))
        for line in (self.line_proposed, self.line_rejected):
            self.assertEqual(self._page(f"/catalogue/katalog-uji/image/{line.id}").status_code, 404)

    def test_exports_downloadable(self):
        xlsx = self._page("/catalogue/katalog-uji/catalogue.xlsx")
        self.assertEqual(xlsx.status_code, 200)
        self.assertEqual(xlsx.content[:2], b"PK")
        feed = self._page("/catalogue/katalog-uji/feed.xml")
        self.assertIn("xml", feed.headers["Content-Type"])

    def _csrf(self, url):
        return re.search(r'name="csrf_token" value="([^"]+)"', self.url_open(url).text).group(1)

    def _inquire(self, **values):
        data = {
            "csrf_token": self._csrf("/catalogue/katalog-uji"),
            "name": "Pak Buyer",
            "email": "buyer@example.com",
            "message": "Can you make 500 pieces by March?",
            "line_id": str(self.line_approved_2.id),
            "qty": "500",
        }
        data.update(values)
        return self.url_open("/catalogue/katalog-uji/inquiry", data=data, allow_redirects=False)

    def test_inquiry_creates_a_record_for_the_cooperative(self):
        Inquiry = self.env["umkm.catalogue.inquiry"]
        response = self._inquire()
        self.assertEqual(response.status_code, 303)
        self.assertIn("inquiry=sent", response.headers["Location"])
        inquiry = Inquiry.search([("catalogue_id", "=", self.catalogue.id)])
        self.assertEqual(len(inquiry), 1)
        self.assertEqual(inquiry.line_id, self.line_approved_2)
        self.assertEqual(inquiry.member_id, self.member_a2)
        self.assertEqual(inquiry.qty, 500)
        self.assertIn("Pak Buyer", self.catalogue.message_ids[0].body)

    def test_inquiry_validation_errors_are_shown_in_the_form(self):
        response = self._inquire(email="not-an-email", message="", qty="-3")
        self.assertEqual(response.status_code, 400)
        self.assertIn("Please enter a valid email address.", response.text)
        self.assertIn("Please write your question or request.", response.text)
        self.assertIn("The quantity must be a positive number.", response.text)
        self.assertIn('value="Pak Buyer"', response.text, "what was typed is kept")
        response = self._inquire(line_id=str(self.line_proposed.id))
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self.env["umkm.catalogue.inquiry"].search_count(self._own))

    def test_refused_inquiry_lands_on_the_form_with_what_was_typed(self):
        # the form posts to its own anchor: the browser shows the re-rendered form, not the
        # top of a long page, with the errors at its head and what was typed kept
        action = 'action="/catalogue/katalog-uji/inquiry#inquiry"'
        self.assertIn(action, self._page("/catalogue/katalog-uji").text)
        response = self._inquire(
            email="not-an-email",
            company_name="Butik Uji",
            phone="0812 3300 4455",
            buyer_city="Surabaya",
            message="Butuh 40 lembar untuk Lebaran",
            qty="40",
        )
        self.assertEqual(response.status_code, 400)
        form = response.text.split('id="inquiry"', 1)[1]
        self.assertIn(action, form)
        summary = form.index("o_umkm_form_errors")
        self.assertLess(summary, form.index("<form"), "the errors head the form")
        self.assertIn("Please enter a valid email address.", form)
        for typed in (
            'value="Pak Buyer"',
            'value="Butik Uji"',
            'value="0812 3300 4455"',
            'value="Surabaya"',
            'value="40"',
            "Butuh 40 lembar untuk Lebaran</textarea>",
            f'value="{self.line_approved_2.id}" selected',
        ):
            self.assertIn(typed, form)

    def test_visitor_finds_the_public_pages_from_the_site_address(self):
        # a visitor opening the site's address lands on the cooperatives' public pages
        response = self._page("/")
        self.assertEqual(response.status_code, 303)
        self.assertTrue(response.headers["Location"].endswith("/klaster"))
        index = self.url_open("/klaster")
        self.assertEqual(index.status_code, 200)
        self.assertIn('href="/catalogue/katalog-uji"', index.text)
        self.assertNotIn(f'href="/catalogue/{self.private.slug}"', index.text)
        # the backend's sign-in is where it was
        self.assertEqual(self._page("/web/login").status_code, 200)
        self.authenticate(self.manager_a.login, self.manager_a.login)
        self.assertTrue(self._page("/").headers["Location"].endswith("/odoo"))

    def test_index_a_page_at_a_time_and_by_province(self):
        """A national platform's index: 24 catalogues a page, and those of one province when
        the visitor picks it among the provinces that have one."""
        east, west = self.env["res.country.state"].search(
            [("country_id.code", "=", "ID")], limit=2, order="name"
        )
        clusters = self.env["umkm.cluster"].create(
            [
                {"name": "Klaster Timur", "code": "TST-E", "state_id": east.id},
                {"name": "Klaster Barat", "code": "TST-W", "state_id": west.id},
            ]
        )
        self.env["umkm.catalogue"].create(
            [{"name": f"Katalog Timur {i:02d}", "cluster_id": clusters[0].id} for i in range(26)]
            + [{"name": "Katalog Barat", "cluster_id": clusters[1].id}]
        ).is_published = True
        published = self.env["umkm.catalogue"].search_count([("is_published", "=", True)])
        self.assertGreater(published, 27)

        def links(url):
            page = self._page(url)
            self.assertEqual(page.status_code, 200)
            return page.text, re.findall(r'href="/catalogue/([a-z0-9-]+)"', page.text)

        first, on_first = links("/klaster")
        _second, on_second = links("/klaster/page/2")
        self.assertEqual(len(on_first), 24)
        self.assertEqual(len(on_first) + len(on_second), published)
        self.assertFalse(set(on_first) & set(on_second))
        self.assertIn('href="/klaster/page/2"', first)
        for province in (east, west):
            self.assertIn(f'href="/klaster?province={province.id}"', first)
        text, only_west = links(f"/klaster?province={west.id}")
        self.assertEqual(only_west, ["katalog-barat"])
        self.assertNotIn("/klaster/page/2", text)
        _text, east_second = links(f"/klaster/page/2?province={east.id}")
        self.assertEqual(len(east_second), 2)

    def test_public_pages_speak_the_visitors_indonesian(self):
        # a new visitor whose browser asks for Indonesian: the suite's own phrases are
        # Indonesian like Odoo's (the suite's terms are loaded as Odoo loads them: id.po read
        # through the addon's .pot)
        self.env["res.lang"]._activate_lang("id_ID")
        self.env["ir.module.module"].search(
            [
                "|",
                ("name", "in", ("web", "portal")),
                ("name", "=like", "umkm\\_%"),
                ("state", "=", "installed"),
            ]
        )._update_translations("id_ID")
        self.opener.cookies.clear()
        headers = {"Accept-Language": "id-ID,id;q=0.9"}
        english = (
            "Log in",
            "Sign in",
            "Catalogues",
            "Products of our members",
            "Work with our clusters",
            "No cluster page is published yet",
            "Ask the cooperative",
            "Ask about this product",
            "All categories",
            "Your name",
            "Powered by",
            "Logo of",
        )
        for url, indonesian in (
            ("/klaster", ("Katalog", "Produk anggota kami")),
            ("/catalogue/katalog-uji", ("Tanya koperasi",)),
        ):
            with self.subTest(url=url):
                page = self.url_open(url, headers=headers)
                self.assertEqual(page.status_code, 200)
                # Odoo answers in the browser's language (under /id/ ...)
                self.assertIn("/id/", page.url)
                self.assertIn(">Masuk<", page.text)
                for phrase in indonesian:
                    self.assertIn(phrase, page.text)
                for phrase in english:
                    self.assertNotIn(phrase, page.text)

    def test_inquiry_spam_protection(self):
        Inquiry = self.env["umkm.catalogue.inquiry"]
        # honeypot filled: looks accepted, nothing stored
        response = self._inquire(website_url="http://spam.example")
        self.assertEqual(response.status_code, 303)
        self.assertEqual(Inquiry.search_count(self._own), 0)
        # no CSRF token: refused
        with mute_logger("odoo.http"):
            response = self.url_open(
                "/catalogue/katalog-uji/inquiry",
                data={"name": "x", "email": "x@example.com", "message": "x"},
                allow_redirects=False,
            )
        self.assertEqual(response.status_code, 400)
        self.assertEqual(Inquiry.search_count(self._own), 0)
        # rate limit: 5 per hour from one address
        for _i in range(5):
            self.assertEqual(self._inquire().status_code, 303)
        response = self._inquire()
        self.assertEqual(response.status_code, 400)
        self.assertIn("Too many inquiries", response.text)
        self.assertEqual(Inquiry.search_count(self._own), 5)

    def _count_queries(self, url):
        self.url_open(url)  # warm caches (templates, assets)
        before = self.cr.sql_log_count
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        return self.cr.sql_log_count - before

    def test_large_catalogue_is_paginated(self):
        for i in range(50):
            self._make_line(self.member_a1, f"Paged product {i:02d}", 1000 + i, 5).action_approve()
        first = self.url_open("/catalogue/katalog-uji")
        self.assertEqual(first.text.count("o_umkm_catalogue_product"), 48)
        self.assertIn("52 products", first.text)
        self.assertIn("/catalogue/katalog-uji/page/2", first.text)
        second = self.url_open("/catalogue/katalog-uji/page/2")
        self.assertEqual(second.text.count("o_umkm_catalogue_product"), 4)

    def test_public_page_queries_do_not_grow_with_products(self):
        small = self._count_queries("/catalogue/katalog-uji")
        for i in range(15):
            line = self._make_line(self.member_a1, f"Extra product {i}", 1000 + i, 5)
            line.action_approve()
        big = self._count_queries("/catalogue/katalog-uji")
        page = self.url_open("/catalogue/katalog-uji")
        self.assertEqual(page.text.count("o_umkm_catalogue_product"), 17)
        self.assertEqual(big, small, f"{small} queries for 2 products, {big} for 17")


@tagged("post_install", "-at_install")
class TestCataloguePortalProposals(UmkmCatalogueCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal_1.password = "umkm_portal_1_pw"

    def _csrf(self, url):
        return re.search(r'name="csrf_token" value="([^"]+)"', self.url_open(url).text).group(1)

    def _propose(self, files=None, **values):
        data = {
            "csrf_token": self._csrf("/my/catalogue/new"),
            "catalogue_id": str(self.catalogue.id),
            "name_id": "Kain batik baru",
            "name_en": "New batik fabric",
            "description_en": "Cotton, 2 m",
            "categ_id": str(self.categ_fabric.id),
            "wholesale_price": "175000",
            "min_qty": "10",
            "lead_time_days": "14",
            "capacity_monthly": "100",
        }
        data.update(values)
        return self.url_open("/my/catalogue/save", data=data, files=files, allow_redirects=False)

    def test_member_lists_only_its_own_proposals(self):
        self.authenticate(self.portal_1.login, "umkm_portal_1_pw")
        page = self.url_open("/my/catalogue")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Produk Usulan", page.text)
        self.assertNotIn("Kemeja Uji", page.text)
        self.assertNotIn("Produk Ditolak", page.text)

    def test_member_proposes_a_product_with_photo(self):
        self.authenticate(self.portal_1.login, "umkm_portal_1_pw")
        response = self._propose(files={"photo": ("kain.png", png_bytes(), "image/png")})
        self.assertEqual(response.status_code, 303)
        line = self.env["umkm.catalogue.line"].search(
            [("product_tmpl_id.name", "=", "New batik fabric")]
        )
        self.assertEqual(line.state, "proposed")
        self.assertEqual(line.member_id, self.member_a1)
        self.assertEqual(line.wholesale_price, 175000)
        self.assertTrue(line.product_tmpl_id.image_128)
        self.assertFalse(line.product_tmpl_id.purchase_ok)

    def test_bad_proposals_get_form_errors_and_create_nothing(self):
        self.authenticate(self.portal_1.login, "umkm_portal_1_pw")
        before = self.env["umkm.catalogue.line"].search_count([])
        cases = [
            ({"wholesale_price": "-5"}, "The price must be above zero."),
            ({"min_qty": "abc"}, "Minimum order: Enter a number, e.g. 1,250.50."),
            ({"name_id": "", "name_en": ""}, "Give the product a name"),
            ({"catalogue_id": "999999"}, "Choose a catalogue of one of your clusters."),
        ]
        for values, message in cases:
            with self.subTest(values=values):
                response = self._propose(**values)
                self.assertEqual(response.status_code, 400)
                self.assertIn(message, response.text)
        response = self._propose(files={"photo": ("x.png", b"not an image at all", "image/png")})
        self.assertEqual(response.status_code, 400)
        self.assertIn("The photo must be a JPEG, PNG or WebP image.", response.text)
        self.assertEqual(self.env["umkm.catalogue.line"].search_count([]), before)

    def test_catalogue_of_another_cluster_is_refused(self):
        other = self.env["umkm.catalogue"].create(
            {"name": "Cluster B catalogue", "cluster_id": self.cluster_b.id}
        )
        self.authenticate(self.portal_1.login, "umkm_portal_1_pw")
        response = self._propose(catalogue_id=str(other.id))
        self.assertEqual(response.status_code, 400)
        self.assertFalse(other.line_ids)

    def test_member_changes_rejected_proposal_but_not_others(self):
        self.authenticate(self.portal_1.login, "umkm_portal_1_pw")
        # another member's line: not found, whatever the form says
        page = self.url_open(f"/my/catalogue/{self.line_rejected.id}/edit", allow_redirects=False)
        self.assertEqual(page.status_code, 404)
        response = self._propose(line_id=str(self.line_rejected.id))
        self.assertEqual(response.status_code, 404)
        self.assertEqual(self.line_rejected.state, "rejected")
        # own rejected line: back to review with the new figures
        self.line_proposed._action_reject("Too blurry")
        response = self._propose(line_id=str(self.line_proposed.id), wholesale_price="98000")
        self.assertEqual(response.status_code, 303)
        self.assertEqual(self.line_proposed.state, "proposed")
        self.assertEqual(self.line_proposed.wholesale_price, 98000)
        self.assertEqual(self.line_proposed.product_tmpl_id.name, "New batik fabric")


@tagged("post_install", "-at_install")
class TestCatalogueTour(UmkmCatalogueCase, HttpCase):
    def test_buyer_browses_and_sends_inquiry(self):
        self.start_tour("/catalogue/katalog-uji", "umkm_catalogue_public_page")
        inquiry = self.env["umkm.catalogue.inquiry"].search(
            [("catalogue_id", "=", self.catalogue.id)]
        )
        self.assertEqual(len(inquiry), 1)
        self.assertEqual(inquiry.name, "Ibu Pembeli")
        self.assertEqual(inquiry.line_id, self.line_approved_2)
