"""The subcontract order form and the split wizard as the cooperative uses them: defaults,
onchanges, computed totals and the form views' readonly rules (``odoo.tests.Form`` runs the
view's modifiers and onchanges as the web client does)."""

from datetime import timedelta

from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from .common import PartnershipCase


@tagged("post_install", "-at_install")
class TestSubcontractOrderForm(PartnershipCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the unit is on the form for users who work with several units
        cls.manager.groups_id = [Command.link(cls.env.ref("uom.group_uom").id)]
        cls.dozen = cls.env.ref("uom.product_uom_dozen")
        cls.shirt = cls.env["product.product"].create(
            {"name": "Kemeja batik (lusin)", "uom_id": cls.dozen.id, "uom_po_id": cls.dozen.id}
        )
        cls.agreement_a.min_lot = 5

    def _order_form(self):
        form = Form(self.env["umkm.subcontract.order"].with_user(self.manager))
        form.agreement_id = self.agreement_a
        form.capability_id = self.cap_sew
        form.qty = 12
        form.unit_price = 150000
        form.date_due = self.today + timedelta(days=21)
        return form

    def test_new_order_defaults_and_onchanges(self):
        # a new order has no agreement, hence no currency yet: its amount still computes
        form = Form(self.env["umkm.subcontract.order"].with_user(self.manager))
        self.assertEqual(form.amount_total, 0)
        # defaults of a new order
        self.assertEqual(form.state, "draft")
        self.assertEqual(form.name, "/")
        self.assertEqual(form.user_id, self.manager)
        self.assertEqual(form.uom_id, self.unit)
        self.assertEqual(form.date_order, self.today)
        # the agreement gives the firm, the cluster (hence the currency) and the lot
        form.agreement_id = self.agreement_a
        self.assertEqual(form.partner_id, self.firm_a)
        self.assertEqual(form.cluster_id, self.cluster)
        self.assertEqual(form.currency_id, self.cluster.company_id.currency_id)
        self.assertEqual(form.min_lot, 5)
        # the product gives the unit
        form.product_id = self.shirt
        self.assertEqual(form.uom_id, self.dozen)
        form.capability_id = self.cap_sew
        form.qty = 12
        form.unit_price = 150000
        self.assertEqual(form.amount_total, 1800000)
        form.date_due = self.today + timedelta(days=21)
        order = form.save()
        self.assertNotEqual(order.name, "/")
        self.assertEqual(
            (order.partner_id, order.cluster_id, order.company_id),
            (self.firm_a, self.cluster, self.cluster.company_id),
        )
        self.assertEqual((order.uom_id, order.amount_total), (self.dozen, 1800000))
        # another agreement moves the order to that agreement's firm
        form = Form(order.with_user(self.manager))
        form.agreement_id = self.agreement_b
        self.assertEqual(form.partner_id, self.firm_b)
        self.assertEqual(form.min_lot, 0)

    def test_confirmed_order_is_readonly_in_the_form(self):
        order = self._order_form().save()
        # still editable while the cooperative reviews it
        order.action_submit()
        form = Form(order.with_user(self.manager))
        form.qty = 24
        form.save()
        self.assertEqual(order.qty, 24)
        order.action_confirm()
        self.assertEqual(order.sale_order_id.sudo().order_line.product_uom_qty, 24)
        form = Form(order.with_user(self.manager))
        for name in ("agreement_id", "product_id", "capability_id", "qty", "uom_id", "unit_price"):
            with self.assertRaises(AssertionError, msg=name):
                setattr(form, name, form._values[name])  # what the firm's sale order says
        for name in ("name", "partner_id", "cluster_id", "date_order"):
            with self.assertRaises(AssertionError, msg=name):
                setattr(form, name, form._values[name])  # never typed in
        # the due date and the minimum lot still follow the work
        form.date_due = self.today + timedelta(days=28)
        form.min_lot = 6
        form.save()
        self.assertEqual((order.date_due, order.min_lot), (self.today + timedelta(days=28), 6))
        self.assertEqual(order.qty, 24)


@tagged("post_install", "-at_install")
class TestSplitWizardForm(PartnershipCase):
    def _open_split(self, order):
        """The wizard the order's "Split among members" button opens, in its form."""
        action = order.with_user(self.manager).action_split()
        self.assertEqual((action["res_model"], action["target"]), ("umkm.subcontract.split", "new"))
        wizard = self.env[action["res_model"]].with_user(self.manager).browse(action["res_id"])
        return wizard, Form(wizard)

    def test_edited_proposal_recomputes_and_confirms(self):
        order = self._confirmed_order(qty=25, weeks=2)  # 3 members x 20 free
        wizard, form = self._open_split(order)
        self.assertEqual((form.qty_open, form.qty_proposed, form.qty_uncovered), (25, 25, 0))
        self.assertFalse(form.warning)
        self.assertEqual(form.candidate_count, 3)
        self.assertEqual(len(form.line_ids), 3)
        # the members' figures are shown, not edited; the proposed quantity is
        with form.line_ids.edit(1) as line:
            self.assertEqual(line.member_id, self.member_2)
            self.assertEqual((line.qty_free, line.qty), (20, 5))
            with self.assertRaises(AssertionError):
                line.member_id = self.member_3
            with self.assertRaises(AssertionError):
                line.qty_free = 30
            line.qty = 1
        self.assertEqual((form.qty_proposed, form.qty_uncovered), (21, 4))
        self.assertIn("4", form.warning)
        with form.line_ids.edit(2) as line:
            self.assertEqual(line.member_id, self.member_3)
            line.qty = 4
        self.assertEqual((form.qty_proposed, form.qty_uncovered), (25, 0))
        self.assertFalse(form.warning)
        for name in ("qty_open", "candidate_count", "qty_proposed", "order_id"):
            with self.assertRaises(AssertionError, msg=name):
                setattr(form, name, form._values[name])
        form.save()
        self.assertEqual(wizard.line_ids.mapped("qty"), [20, 1, 4])
        wizard.action_confirm()
        self.assertEqual(
            {a.member_id: a.qty for a in order.assignment_ids},
            {self.member_1: 20, self.member_2: 1, self.member_3: 4},
        )
        self.assertEqual(set(order.assignment_ids.mapped("state")), {"proposed"})
        self.assertEqual((order.state, order.qty_open), ("assigned", 0))

    def test_form_cannot_confirm_over_capacity(self):
        order = self._confirmed_order(qty=25, weeks=2)
        wizard, form = self._open_split(order)
        with form.line_ids.edit(0) as line:
            line.qty = 22  # member 1 has 20 free
        self.assertEqual(form.qty_uncovered, 0)
        form.save()
        with self.assertRaisesRegex(ValidationError, "at most 20"):
            wizard.action_confirm()
        self.assertFalse(order.assignment_ids)
