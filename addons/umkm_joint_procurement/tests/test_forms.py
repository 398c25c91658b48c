from datetime import timedelta

from psycopg2 import IntegrityError

from odoo import fields
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from odoo.addons.umkm_cluster.tests.common import offered_units

from .common import ProcurementCase


@tagged("post_install", "-at_install")
class TestProcurementForms(ProcurementCase):
    """The round and demand forms as people use them: defaults, onchanges, readonly rules."""

    def _round_form(self, user=None):
        Round = self.env["umkm.procurement.round"].with_user(user or self.manager_a)
        form = Form(Round)
        form.cluster_id = self.cluster_a
        form.title = "Kain untuk Lebaran"
        form.deadline = fields.Datetime.now() + timedelta(days=5)
        form.expected_date = fields.Date.today() + timedelta(days=10)
        for product in (self.kain, self.malam):
            with form.line_ids.new() as line:
                line.product_id = product
        return form

    def test_round_form_defaults_and_onchanges(self):
        form = self._round_form()
        # defaults of a new round
        self.assertEqual(form.allocation_method, "proportional")
        self.assertEqual(form.cost_split, "by_value")
        self.assertEqual(form.user_id, self.manager_a)
        self.assertEqual(form.state, "draft")
        # computed from the cluster
        self.assertEqual(form.company_id, self.cluster_a.company_id)
        self.assertEqual(form.currency_id, self.cluster_a.company_id.currency_id)
        # a material line takes the material's purchase unit
        self.assertEqual(form.line_ids.edit(0).uom_id, self.kain.uom_po_id)
        self.assertEqual(form.line_ids.edit(1).uom_id, self.malam.uom_po_id)
        rnd = form.save()
        self.assertRegex(rnd.name, r"\d")
        self.assertEqual(rnd.line_ids.product_id, self.kain | self.malam)
        self.assertEqual(rnd.line_ids.mapped("qty_max_member"), [10000.0, 10000.0])

    def test_round_form_readonly_after_ordering(self):
        rnd = self._round_form().save()
        rnd.action_open()
        self._demand(rnd, self.member_1, self.kain, 40)
        form = Form(rnd.with_user(self.manager_a))
        # still editable while open: the deadline and the method
        form.deadline = fields.Datetime.now() + timedelta(days=6)
        form.allocation_method = "equal_share"
        form.save()
        self.assertEqual(rnd.allocation_method, "equal_share")
        rnd.action_close()
        rnd.action_create_purchase_orders()
        form = Form(rnd.with_user(self.manager_a))
        for name in ("cluster_id", "deadline", "allocation_method", "cost_split"):
            with self.assertRaises(AssertionError, msg=name):
                setattr(form, name, form._values[name])  # readonly once ordered
        # the fee can still change until the invoices exist
        form.fee_percent = 1.5
        form.save()
        self.assertEqual(rnd.fee_percent, 1.5)

    def test_demand_form_takes_the_purchase_unit_and_aggregates(self):
        rnd = self._round_form().save()
        rnd.action_open()
        Demand = self.env["umkm.procurement.demand"].with_user(self.manager_a)
        form = Form(Demand.with_context(default_round_id=rnd.id))
        self.assertEqual(form.state, "submitted")
        form.member_id = self.member_1
        form.product_id = self.malam
        self.assertEqual(form.uom_id, self.malam.uom_po_id)
        form.qty = 7.5
        demand = form.save()
        line = self._line(rnd, self.malam)
        self._refresh_totals()
        self.assertEqual((line.qty_demand, line.member_count), (7.5, 1))
        # a confirmed demand line is read-only in its form
        rnd.action_close()
        self.assertEqual(demand.state, "confirmed")
        form = Form(demand.with_user(self.manager_a))
        with self.assertRaises(AssertionError):
            form.qty = 8


@tagged("post_install", "-at_install")
class TestProcurementSqlConstraints(ProcurementCase):
    """The database refuses what the forms cannot catch (concurrent or RPC writes)."""

    def _assert_refused(self, func):
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.cr.savepoint():
            func()
            self.env.flush_all()

    def test_round_constraints(self):
        rnd = self._create_round(products=self.kain)
        self._assert_refused(
            lambda: self.env["umkm.procurement.round.line"].create(
                {"round_id": rnd.id, "product_id": self.kain.id}
            )
        )
        self._assert_refused(lambda: rnd.line_ids.write({"qty_max_member": 0.0}))
        self._assert_refused(lambda: rnd.write({"fee_percent": 100.5}))
        self._assert_refused(lambda: rnd.write({"fee_percent": -1.0}))
        rnd.write({"fee_percent": 100.0})
        self.assertEqual(rnd.fee_percent, 100.0)
        self.assertEqual(len(rnd.line_ids), 1)


@tagged("post_install", "-at_install")
class TestProcurementTracking(ProcurementCase):
    """With tracking on, as in production: the round's chatter records its steps."""

    def test_round_chatter_tracks_state_and_method(self):
        rnd = self._create_round(products=self.kain).with_context(
            tracking_disable=False, mail_notrack=False
        )
        # created in an earlier request: Odoo tracks no change of a record created in the
        # same transaction (its creation message says it all)
        self.env.flush_all()
        self.env.cr.precommit.clear()
        rnd.action_open()
        rnd.allocation_method = "equal_share"
        self.env.flush_all()
        self.env.cr.precommit.run()
        tracked = rnd.message_ids.tracking_value_ids
        changes = {
            (value.field_id.name, value.old_value_char, value.new_value_char) for value in tracked
        }
        self.assertIn(("state", "Draft", "Open for demand"), changes)
        self.assertIn(
            ("allocation_method", "Proportional to demand", "Equal share (max-min fair)"),
            changes,
        )
        # and the active members of the cluster were invited, in the chatter
        invitation = rnd.message_ids.filtered("partner_ids")
        self.assertEqual(invitation.partner_ids, self.members.partner_id)
        self.assertIn(rnd.name, invitation.body)

    def test_unit_fields_offer_the_materials_category_reference_unit_first(self):
        """A round's material line and a member's demand offer the material's units only (not
        the 15 of every category), its reference unit first (m, not mm, cm, in, ft, yd)."""
        rnd = self._create_round()
        rnd.action_open()
        lengths = self.env["uom.uom"].search([("category_id", "=", self.uom_meter.category_id.id)])
        self.assertGreater(len(lengths), 2)
        for record in (
            self._line(rnd, self.kain),
            self._demand(rnd, self.member_1, self.kain, 40),
        ):
            offered = offered_units(record, "uom_id")
            self.assertEqual(set(offered.ids), set(lengths.ids), record)
            self.assertEqual(offered[0], self.uom_meter, record)
        weights = offered_units(self._demand(rnd, self.member_2, self.malam, 5), "uom_id")
        self.assertEqual(weights.category_id, self.uom_kg.category_id)
        self.assertEqual(weights[0], self.uom_kg)
        # the reference unit comes first only where the suite asks for it
        self.assertNotEqual(
            self.env["uom.uom"].search([("id", "in", lengths.ids)])[0], self.uom_meter
        )
