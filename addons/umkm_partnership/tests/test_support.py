from datetime import timedelta

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import float_compare

from .common import PartnershipCase


class SupportCase(PartnershipCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.dinas_partner = Partner.create({"name": "Dinas Koperasi Uji", "is_company": True})
        cls.dekra_partner = Partner.create({"name": "Dekranasda Uji", "is_company": True})
        Stakeholder = cls.env["umkm.stakeholder"]
        cls.dinas = Stakeholder.create(
            {
                "partner_id": cls.dinas_partner.id,
                "kind": "government",
                "cluster_ids": [(6, 0, cls.cluster.ids)],
            }
        )
        cls.dekra = Stakeholder.create({"partner_id": cls.dekra_partner.id, "kind": "dekranasda"})
        cls.portal_dinas = cls._portal_user("sup_dinas", cls.dinas_partner)
        cls.portal_dekra = cls._portal_user("sup_dekra", cls.dekra_partner)
        cls.halal = cls.env["umkm.certification"].create({"name": "Halal uji"})

    def _support(self, provider=None, **vals):
        return self.env["umkm.partnership.support"].create(
            {
                "provider_id": (provider or self.dinas).id,
                "cluster_id": self.cluster.id,
                "type": "training",
                "value": 3000000,
                **vals,
            }
        )

    def _participants(self, support, attended):
        """Invite the three members; ``attended``: the members who came."""
        self.env["umkm.support.participant"].create(
            [
                {"support_id": support.id, "member_id": m.id, "attended": m in attended}
                for m in self.members
            ]
        )
        return support.participant_ids


class TestSupport(SupportCase):
    def test_support_without_agreement(self):
        support = self._support(member_ids=[(6, 0, self.members.ids)])
        self.assertFalse(support.agreement_id)
        self.assertEqual(support.partner_id, self.dinas_partner)
        self.assertEqual(support.provider_kind, "government")
        self.assertEqual(support.member_count, 3)
        self.assertEqual(support.value_per_member, 1000000)
        self.assertEqual(len(support.participant_ids.filtered("attended")), 3)
        self.assertEqual(self.dinas.support_count, 1)
        self.assertEqual(self.dinas.support_value, 3000000)
        # a member taken out is no longer a participant; a member of another cluster never is
        support.member_ids = [(3, self.member_3.id)]
        self.assertEqual(support.participant_ids.member_id, self.member_1 | self.member_2)
        other = self._make_members(self.cluster_other, self.cap_sew, [(5, 100)], prefix="Luar")
        with self.assertRaises(ValidationError), self.cr.savepoint():
            support.member_ids = [(4, other.id)]
        with self.assertRaises(ValidationError), self.cr.savepoint():
            self.env["umkm.support.participant"].create(
                {"support_id": support.id, "member_id": other.id}
            )

    def test_agreement_support_gets_its_firm_as_provider(self):
        Support = self.env["umkm.partnership.support"]
        first = Support.create({"agreement_id": self.agreement_a.id, "type": "training"})
        second = Support.create({"agreement_id": self.agreement_a.id, "type": "equipment"})
        self.assertEqual(first.provider_id.partner_id, self.firm_a)
        self.assertEqual(first.provider_id.kind, "firm")
        self.assertEqual(first.provider_id, second.provider_id, "one institution per firm")
        self.assertEqual(first.cluster_id, self.cluster)
        with self.assertRaises(ValidationError):
            Support.create({"agreement_id": self.agreement_a.id, "provider_id": self.dinas.id})

    def test_attendance_and_outcomes(self):
        support = self._support(state="planned")
        participants = self._participants(support, self.member_1 | self.member_2)
        self.assertEqual(support.invited_count, 3)
        self.assertEqual(support.member_count, 2)
        self.assertEqual(support.member_ids, self.member_1 | self.member_2)
        p1, p2, p3 = participants.sorted(lambda p: p.member_id.id)
        p1.outcome = "trained"
        p2.outcome = "equipment"
        with self.assertRaises(ValidationError), self.cr.savepoint():
            p3.outcome = "trained"  # did not attend
        support.action_done()
        self.assertEqual(support.state, "done")
        with self.assertRaises(UserError):
            support.action_done()
        today = self.today
        report = self.dinas._umkm_support_report(today - timedelta(days=1), today)
        totals = report["reports"][self.dinas.id]["totals"]
        self.assertEqual(totals["count"], 1)
        self.assertEqual(totals["invited"], 3)
        self.assertEqual(totals["attended"], 2)
        self.assertEqual(totals["members"], 2)
        self.assertEqual(totals["attendance_rate"], 66.7)
        self.assertEqual(totals["outcomes"]["trained"], 1)
        self.assertEqual(totals["outcomes"]["equipment"], 1)
        self.assertEqual(totals["value"], 3000000)
        # another provider's report holds nothing of it
        other = self.dekra._umkm_support_report(today - timedelta(days=1), today)
        self.assertFalse(other["reports"][self.dekra.id]["rows"])

    def test_planned_support_needs_its_provider(self):
        support = self._support(state="planned", provider=self.dinas)
        support.provider_id = False
        with self.assertRaises(UserError):
            support.action_done()

    def test_shared_cost_split_exactly_among_participants(self):
        rounding = self.currency.rounding
        cost = 1000000 + 1 * rounding  # does not divide by three
        support = self._support(cost_cooperative=cost)
        participants = self._participants(support, self.members)
        shares = participants.mapped("cost_share")
        self.assertEqual(
            float_compare(sum(shares), cost, precision_rounding=rounding), 0, "sums exactly"
        )
        self.assertLessEqual(max(shares) - min(shares), rounding + 1e-9)
        for share in shares:
            self.assertEqual(self.currency.round(share), share, "whole currency units")
        # only those who took part share it
        participants.filtered(lambda p: p.member_id == self.member_3).attended = False
        absent = participants.filtered(lambda p: p.member_id == self.member_3)
        present = participants - absent
        self.assertEqual(absent.cost_share, 0.0)
        self.assertEqual(
            float_compare(sum(present.mapped("cost_share")), cost, precision_rounding=rounding),
            0,
        )

    def test_participants_billed_their_exact_shares_once(self):
        cost = 1250000  # three who came: 416,667 + 416,667 + 416,666
        support = self._support(cost_cooperative=cost, state="planned")
        participants = self._participants(support, self.members[:3])
        self.assertEqual(len(participants.filtered("attended")), 3)
        with self.assertRaisesRegex(UserError, "only what is"):
            support.action_bill_participants()  # not given yet
        support.action_done()
        support.action_bill_participants()
        invoices = support.invoice_ids
        self.assertEqual(len(invoices), 3)
        self.assertEqual(invoices.partner_id, self.members[:3].partner_id)
        self.assertEqual(sum(invoices.mapped("amount_untaxed")), cost)
        self.assertEqual(
            sorted(invoices.mapped("amount_untaxed")),
            sorted(participants.mapped("cost_share")),
        )
        self.assertEqual(set(invoices.mapped("umkm_cluster_id")), {self.cluster})
        self.assertEqual(set(invoices.mapped("state")), {"draft"})
        self.assertEqual(support.invoice_count, 3)
        # once: a second click bills nobody
        with self.assertRaisesRegex(UserError, "billed already"):
            support.action_bill_participants()
        # a member's invoice cancelled: only that member is billed again
        invoices[:1].button_cancel()
        support.action_bill_participants()
        self.assertEqual(support.invoice_count, 3)
        self.assertEqual(len(support.invoice_ids), 4)
        # nothing borne by the cooperative: nothing to bill
        free = self._support()
        self._participants(free, self.members[:1])
        with self.assertRaisesRegex(UserError, "no cost"):
            free.action_bill_participants()

    def test_request_grouped_outcome_certificate_with_expiry(self):
        Request = self.env["umkm.service.request"]
        asked = Request.with_user(self.portal_member_1)._portal_create(
            self.member_1,
            {"kind": "certification", "certification_id": self.halal.id, "description": "Halal"},
        )
        asked_2 = Request.with_user(self.portal_member_2)._portal_create(
            self.member_2, {"kind": "certification", "description": "Halal juga"}
        )
        other_kind = Request.create(
            {"member_id": self.member_3.id, "kind": "equipment", "description": "Kompor"}
        )
        self.assertEqual(asked.state, "new")
        with self.assertRaises(AccessError):
            Request.with_user(self.portal_member_1)._portal_create(
                self.member_2, {"kind": "training", "description": "not mine"}
            )
        # one kind at a time
        wizard = (
            self.env["umkm.service.request.group"]
            .with_context(active_model="umkm.service.request", active_ids=(asked | other_kind).ids)
            .create({})
        )
        with self.assertRaises(UserError):
            wizard.action_confirm()
        wizard = (
            self.env["umkm.service.request.group"]
            .with_context(active_model="umkm.service.request", active_ids=(asked | asked_2).ids)
            .create({"name": "Fasilitasi halal", "provider_id": self.dinas.id})
        )
        self.assertEqual(wizard.certification_id, self.halal)
        action = wizard.action_confirm()
        support = self.env["umkm.partnership.support"].browse(action["res_id"])
        self.assertEqual(support.state, "planned")
        self.assertEqual(support.type, "certification")
        self.assertEqual((asked | asked_2).mapped("state"), ["grouped", "grouped"])
        self.assertEqual(support.participant_ids.member_id, self.member_1 | self.member_2)
        self.assertFalse(support.participant_ids.filtered("attended"))
        expiry = self.today + timedelta(days=4 * 365)
        p1 = support.participant_ids.filtered(lambda p: p.member_id == self.member_1)
        p1.write(
            {
                "attended": True,
                "outcome": "certified",
                "certificate_number": "ID3511000012345",
                "certificate_date_expiry": expiry,
            }
        )
        support.action_done()
        self.assertEqual(asked.state, "done")
        self.assertEqual(asked.participant_id, p1)
        certificate = self.member_1.certificate_ids
        self.assertEqual(certificate, p1.certificate_id)
        self.assertEqual(certificate.number, "ID3511000012345")
        self.assertEqual(certificate.date_expiry, expiry)
        self.assertEqual(certificate.support_id, support)
        self.assertIn(self.halal, self.member_1.certification_ids)
        self.assertNotIn(self.halal, self.member_2.certification_ids)
        # the member reads its request's result, not the other's
        mine = asked.with_user(self.portal_member_1)
        self.assertEqual(mine.participant_id.outcome, "certified")
        with self.assertRaises(AccessError):
            asked_2.with_user(self.portal_member_1).read(["state"])
        # a planned activity cancelled opens its requests again
        third = Request.create(
            {"member_id": self.member_3.id, "kind": "training", "description": "Pelatihan"}
        )
        third.action_group()
        wizard = (
            self.env["umkm.service.request.group"]
            .with_context(active_model="umkm.service.request", active_ids=third.ids)
            .create({})
        )
        planned = self.env["umkm.partnership.support"].browse(wizard.action_confirm()["res_id"])
        planned.action_cancel()
        self.assertEqual(third.state, "new")
        self.assertFalse(third.support_id)
        third.action_refuse("Belum ada anggaran")
        self.assertEqual(third.state, "refused")

    def test_certified_needs_the_certification(self):
        support = self._support(type="certification", state="planned")
        participant = self._participants(support, self.member_1)[:1]
        participant.outcome = "certified"
        with self.assertRaises(UserError):
            support.action_done()


class TestSupportAccess(SupportCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.support_dinas = cls._support_cls(cls.dinas)
        cls.support_dekra = cls._support_cls(cls.dekra)
        cls.support_firm = cls.env["umkm.partnership.support"].create(
            {"agreement_id": cls.agreement_a.id, "type": "training", "value": 500000}
        )
        Request = cls.env["umkm.service.request"]
        cls.request_1 = Request.create(
            {"member_id": cls.member_1.id, "kind": "design", "description": "Motif"}
        )
        cls.request_2 = Request.create(
            {"member_id": cls.member_2.id, "kind": "design", "description": "Kemasan"}
        )

    @classmethod
    def _support_cls(cls, provider):
        support = cls.env["umkm.partnership.support"].create(
            {
                "provider_id": provider.id,
                "cluster_id": cls.cluster.id,
                "type": "design",
                "value": 1000000,
            }
        )
        cls.env["umkm.support.participant"].create(
            [
                {"support_id": support.id, "member_id": member.id, "attended": True}
                for member in (cls.member_1, cls.member_2)
            ]
        )
        return support

    def test_provider_sees_only_its_own(self):
        Support = self.env["umkm.partnership.support"].with_user(self.portal_dinas)
        self.assertEqual(Support.search([]), self.support_dinas)
        with self.assertRaises(AccessError):
            self.support_dekra.with_user(self.portal_dinas).read(["value"])
        Stakeholder = self.env["umkm.stakeholder"].with_user(self.portal_dinas)
        self.assertEqual(Stakeholder.search([]), self.dinas)
        Participant = self.env["umkm.support.participant"].with_user(self.portal_dinas)
        self.assertEqual(Participant.search([]).support_id, self.support_dinas)
        # a firm sees the support of its agreements (its CSR), nothing of the others
        firm = self.env["umkm.partnership.support"].with_user(self.portal_firm_a)
        self.assertEqual(firm.search([]), self.support_firm)
        # the report refuses another provider's
        report = self.env["report.umkm_partnership.report_support"].with_user(self.portal_dinas)
        with self.assertRaises(AccessError):
            report._get_report_values(self.dekra.ids)
        values = report._get_report_values(self.dinas.ids)
        self.assertEqual(
            [row["support"] for row in values["reports"][self.dinas.id]["rows"]],
            [self.support_dinas],
        )

    def test_member_sees_only_its_own(self):
        Request = self.env["umkm.service.request"].with_user(self.portal_member_1)
        self.assertEqual(Request.search([]), self.request_1)
        with self.assertRaises(AccessError):
            self.request_2.with_user(self.portal_member_1).read(["description"])
        Participant = self.env["umkm.support.participant"].with_user(self.portal_member_1)
        self.assertEqual(Participant.search([]).member_id, self.member_1)
        # the member sees the activities it took part in, not who else did
        Support = self.env["umkm.partnership.support"].with_user(self.portal_member_1)
        self.assertIn(self.support_dinas, Support.search([]))
        self.assertNotIn(self.support_firm, Support.search([]))
        # nor can a portal user write them
        with self.assertRaises(AccessError):
            self.request_1.with_user(self.portal_member_1).write({"state": "done"})

    def test_officer_of_another_cluster_sees_nothing(self):
        Support = self.env["umkm.partnership.support"].with_user(self.officer_other)
        self.assertFalse(Support.search([("cluster_id", "=", self.cluster.id)]))
        Request = self.env["umkm.service.request"].with_user(self.officer_other)
        self.assertFalse(Request.search([]))

    def test_yearly_report_has_support_by_source(self):
        year = self.today.year
        figures = self.env["umkm.cluster.snapshot"]._umkm_year(self.cluster, year)
        by_kind = {row["kind"]: row for row in figures["support"]}
        self.assertEqual(by_kind["government"]["value"], 1000000)
        self.assertEqual(by_kind["government"]["members"], 2)
        self.assertEqual(by_kind["firm"]["value"], 500000)
        self.assertEqual(figures["support_total"]["value"], 2500000)
        self.assertEqual(figures["support_total"]["members"], 2)
        pdf, _kind = self.env["ir.actions.report"]._render_qweb_html(
            "umkm_cluster.action_report_cluster_year", self.cluster.ids, data={"year": year}
        )
        self.assertIn(b"o_umkm_year_support", pdf)


class TestSupportQueries(SupportCase):
    def _count_report_queries(self):
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        self.dinas._umkm_support_report(self.today - timedelta(days=1), self.today)
        return self.cr.sql_log_count - before

    def test_provider_report_queries_do_not_grow_with_support(self):
        def give(count):
            for _i in range(count):
                support = self._support()
                self._participants(support, self.members)

        give(1)
        few = self._count_report_queries()
        give(6)
        many = self._count_report_queries()
        self.assertLessEqual(many, few)
