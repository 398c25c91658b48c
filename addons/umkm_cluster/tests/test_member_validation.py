from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import UmkmClusterCase


@tagged("post_install", "-at_install")
class TestMemberValidation(UmkmClusterCase):
    def test_nib_accepted_forms(self):
        self.member_a1.nib = "9120001234567"
        self.assertEqual(self.member_a1.nib, "9120001234567")
        self.member_a1.nib = False  # optional

    def test_nib_rejected_forms(self):
        for nib in ["912000123456", "91200012345678", "91200012345a7", "9120-00123456", " "]:
            with self.subTest(nib=nib), self.assertRaises(ValidationError):
                self.member_a1.nib = nib
                self.member_a1.flush_recordset()

    def test_npwp_accepted_forms(self):
        for vat in [
            "012345678901000",  # 15 digits
            "01.234.567.8-901.000",  # 15 digits, usual separators
            "3515012345678901",  # 16 digits (NIK-based)
        ]:
            with self.subTest(vat=vat):
                self.member_a1.vat = vat
                self.assertEqual(self.member_a1.vat, vat)

    def test_npwp_rejected_forms(self):
        for vat in ["01234567890100", "35150123456789012", "01.234.567.8-901.00A", "NPWP"]:
            with self.subTest(vat=vat), self.assertRaises(ValidationError):
                self.member_a1.vat = vat
                self.member_a1.flush_recordset()

    def test_npwp_taken_from_partner_when_valid(self):
        partner = self.env["res.partner"].create(
            {"name": "SME Empat", "is_company": True, "vat": "01.234.567.8-901.000"}
        )
        member = self.env["umkm.member"].create(
            {"partner_id": partner.id, "cluster_id": self.cluster_a.id}
        )
        self.assertEqual(member.vat, "01.234.567.8-901.000")

    def test_npwp_is_the_partners_vat(self):
        """One NPWP: the membership shows and edits its business's ``vat`` (as l10n_id reads
        it), a manager without rights on contacts included; an invalid one is refused on
        the contact too, since the contact is a member."""
        self.member_a1.with_user(self.manager_a).vat = "3515012345678901"  # a NIK
        self.assertEqual(self.member_a1.partner_id.vat, "3515012345678901")
        self.member_a1.partner_id.vat = "01.234.567.8-901.000"
        self.assertEqual(self.member_a1.vat, "01.234.567.8-901.000")
        self.assertEqual(
            self.env["umkm.member"].search([("vat", "=", "01.234.567.8-901.000")]),
            self.member_a1,
        )
        with self.assertRaises(ValidationError):
            self.member_a1.partner_id.vat = "12345"
        # a manager of another cluster cannot change it through a membership it cannot edit
        with self.assertRaises(AccessError):
            self.member_a1.with_user(self.manager_b).vat = "012345678901000"
        self.assertEqual(self.member_a1.partner_id.vat, "01.234.567.8-901.000")

    def test_duplicate_membership_rejected(self):
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            with self.env.cr.savepoint():
                self.env["umkm.member"].create(
                    {"partner_id": self.sme_1.id, "cluster_id": self.cluster_a.id}
                )
        # the same business may join another cluster
        other = self.env["umkm.member"].create(
            {"partner_id": self.sme_1.id, "cluster_id": self.cluster_b.id}
        )
        self.assertEqual(other.state, "draft")

    def test_contact_person_cannot_be_member(self):
        contact = self.env["res.partner"].create({"name": "Bu Sri", "parent_id": self.sme_1.id})
        with self.assertRaises(ValidationError):
            self.env["umkm.member"].create(
                {"partner_id": contact.id, "cluster_id": self.cluster_b.id}
            )

    def test_members_get_sequence_numbers(self):
        self.assertNotEqual(self.member_a1.number, "/")
        self.assertNotEqual(self.member_a1.number, self.member_a2.number)
        self.assertTrue(self.member_a1.number.startswith("AGT/"))

    def test_capacity_must_be_positive_and_implies_capability(self):
        with self.assertRaises(ValidationError):
            self.env["umkm.member.capacity"].create(
                {
                    "member_id": self.member_a1.id,
                    "capability_id": self.cap_tulis.id,
                    "qty_per_week": 0,
                }
            )
        capacity = self.env["umkm.member.capacity"].create(
            {"member_id": self.member_a1.id, "capability_id": self.cap_tulis.id, "qty_per_week": 40}
        )
        self.assertIn(self.cap_tulis, self.member_a1.capability_ids)
        self.assertEqual(capacity.cluster_id, self.cluster_a)

    def test_capacities_created_together_imply_capabilities_in_few_queries(self):
        """Members created with their capacities (a cluster's import, 1,000 at once) each get
        the capabilities of their capacities, once, whatever they had; the queries do not
        grow with the members (it was a scan of every capacity for every member)."""
        cap_cap = self.env["umkm.capability"].create(
            {"name": "Test batik cap", "category_id": self.category.id}
        )
        self.member_a1.capability_ids = self.cap_tulis

        def create_capacities(count, extra=()):
            partners = self.env["res.partner"].create(
                [{"name": f"SME capacity {count} {i}", "is_company": True} for i in range(count)]
            )
            members = self.env["umkm.member"].create(
                [{"partner_id": p.id, "cluster_id": self.cluster_a.id} for p in partners]
            )
            vals = [
                {"member_id": m.id, "capability_id": cap.id, "qty_per_week": 5}
                for i, m in enumerate(members)
                for cap in ((self.cap_tulis,), (self.cap_tulis, cap_cap))[i % 2]
            ]
            vals.extend(extra)
            self.env.flush_all()
            before = self.env.cr.sql_log_count
            self.env["umkm.member.capacity"].create(vals)
            self.env.flush_all()
            return members, self.env.cr.sql_log_count - before

        # a member that had one of the capabilities gets the other one only
        small, small_queries = create_capacities(
            4, [{"member_id": self.member_a1.id, "capability_id": cap_cap.id, "qty_per_week": 5}]
        )
        members, queries = create_capacities(40)
        for i, member in enumerate(members):
            expected = self.cap_tulis | cap_cap if i % 2 else self.cap_tulis
            self.assertEqual(member.capability_ids, expected)
        self.assertEqual(self.member_a1.capability_ids, self.cap_tulis | cap_cap)
        self.assertEqual(len(small), 4)
        # the capacities' INSERT is one query per 100 rows; nothing per member
        self.assertLessEqual(queries, small_queries + 1)

    def test_negative_figures_rejected(self):
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            with self.env.cr.savepoint():
                self.member_a1.write({"business_capital": -1})
                self.member_a1.flush_recordset()
