from odoo.tests import tagged

from ..models.umkm_member import compute_scale
from .common import UmkmClusterCase

BN = 1_000_000_000


@tagged("post_install", "-at_install")
class TestMemberScale(UmkmClusterCase):
    def test_capital_thresholds_at_each_boundary(self):
        cases = [
            (1, "micro"),
            (BN, "micro"),
            (BN + 1, "small"),
            (5 * BN, "small"),
            (5 * BN + 1, "medium"),
            (10 * BN, "medium"),
            (10 * BN + 1, "large"),
        ]
        for capital, expected in cases:
            with self.subTest(capital=capital):
                # annual sales pointing elsewhere are ignored when capital is known
                self.assertEqual(compute_scale(capital, 60 * BN), expected)

    def test_revenue_thresholds_when_capital_unknown(self):
        cases = [
            (1, "micro"),
            (2 * BN, "micro"),
            (2 * BN + 1, "small"),
            (15 * BN, "small"),
            (15 * BN + 1, "medium"),
            (50 * BN, "medium"),
            (50 * BN + 1, "large"),
        ]
        for revenue, expected in cases:
            with self.subTest(revenue=revenue):
                self.assertEqual(compute_scale(0, revenue), expected)
                self.assertEqual(compute_scale(False, revenue), expected)

    def test_unknown_figures_give_no_scale(self):
        self.assertFalse(compute_scale(0, 0))
        self.assertFalse(compute_scale(False, False))

    def test_scale_is_stored_and_recomputed_on_the_member(self):
        member = self.member_a1
        member.write({"business_capital": 5 * BN, "annual_revenue": 0})
        self.assertEqual(member.scale, "small")
        member.business_capital = 5 * BN + 1
        self.assertEqual(member.scale, "medium")
        member.write({"business_capital": 0, "annual_revenue": 51 * BN})
        self.assertEqual(member.scale, "large")
        members = self.env["umkm.member"].search([("scale", "=", "large"), ("id", "=", member.id)])
        self.assertEqual(members, member, "scale is stored, hence searchable and groupable")
