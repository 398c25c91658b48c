"""Two jobs opening the same recurring round at the same moment (a scheduled run and a manual
one, two servers): one round per period, whatever their timing. Real concurrent transactions
on two cursors of their own: the data they need is committed first and removed at the end."""

import threading
from datetime import timedelta

from odoo import SUPERUSER_ID, Command, api, fields
from odoo.modules.registry import Registry
from odoo.tests import BaseCase, get_db_name, tagged

from odoo.addons.umkm_joint_procurement.tools.recurrence import local_to_utc

CODE = "RECUR-CONC"


@tagged("post_install", "-at_install")
class TestRecurringConcurrency(BaseCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.registry = Registry(get_db_name())
        today = fields.Date.today()
        first = (today.replace(day=1) + timedelta(days=32)).replace(day=1)
        cls.months = [first, (first + timedelta(days=32)).replace(day=1)]
        cls._remove()
        with cls.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            # the job opens every template's round: only this test's (not a demo one) while
            # it runs, the others active again after it
            others = env["umkm.procurement.round.template"].search([("active", "=", True)])
            others.active = False
            cls.other_template_ids = others.ids
            vendor = env["res.partner"].create({"name": "Concurrency vendor"})
            product = env["product.product"].create(
                {
                    "name": "Concurrency kain",
                    "is_storable": True,
                    "seller_ids": [Command.create({"partner_id": vendor.id, "price": 30.0})],
                }
            )
            cluster = env["umkm.cluster"].create({"name": "Concurrency cluster", "code": CODE})
            partners = env["res.partner"].create(
                [{"name": f"Concurrency SME {i}", "is_company": True} for i in range(2)]
            )
            members = env["umkm.member"].create(
                [{"partner_id": p.id, "cluster_id": cluster.id} for p in partners]
            )
            members.action_activate()
            template = env["umkm.procurement.round.template"].create(
                {
                    "name": "Concurrency template",
                    "cluster_id": cluster.id,
                    "date_start": first,
                    "line_ids": [Command.create({"product_id": product.id})],
                    "standing_ids": [
                        Command.create({"member_id": m.id, "product_id": product.id, "qty": 5})
                        for m in members
                    ],
                }
            )
            cls.template_id = template.id
        cls.addClassCleanup(cls._remove)

    @classmethod
    def _remove(cls):
        """Remove what the test committed (also what an interrupted run left)."""
        with cls.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            cluster = (
                env["umkm.cluster"].with_context(active_test=False).search([("code", "=", CODE)])
            )
            templates = (
                env["umkm.procurement.round.template"]
                .with_context(active_test=False)
                .search([("cluster_id", "in", cluster.ids)])
            )
            rounds = env["umkm.procurement.round"].search([("cluster_id", "in", cluster.ids)])
            rounds.filtered(lambda r: r.state != "cancel").action_cancel()
            rounds.unlink()
            templates.unlink()
            members = cluster.member_ids
            partners = members.partner_id
            members.unlink()
            cluster.unlink()
            products = (
                env["product.product"]
                .with_context(active_test=False)
                .search([("name", "=", "Concurrency kain")])
            )
            vendors = products.seller_ids.partner_id
            products.product_tmpl_id.unlink()
            (partners | vendors).unlink()
            env["umkm.procurement.round.template"].browse(
                getattr(cls, "other_template_ids", [])
            ).exists().active = True

    def _env(self, cr):
        return api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})

    def _rounds(self):
        with self.registry.cursor() as cr:
            template = self._env(cr)["umkm.procurement.round.template"].browse(self.template_id)
            return [(r.template_period, len(r.demand_ids)) for r in template.round_ids]

    def _start(self, env, now):
        """Run the job on ``env`` in a thread: the thread and its result (``rounds``: the ids
        of the rounds it opened, once it is done)."""
        result = {}

        def run():
            result["rounds"] = env["umkm.procurement.round.template"]._cron_open_rounds(now=now).ids

        thread = threading.Thread(target=run, daemon=True)
        thread.start()
        return thread, result

    def test_two_jobs_at_once_open_one_round(self):
        first, second = self.months
        now = local_to_utc(first, 1.0)
        with self.registry.cursor() as cr_a, self.registry.cursor() as cr_b:
            env_a, env_b = self._env(cr_a), self._env(cr_b)
            env_b.cr.execute("SELECT 1")  # B's snapshot: no round of the period yet either
            opened_a = env_a["umkm.procurement.round.template"]._cron_open_rounds(now=now)
            # B runs while A has not committed: it may wait for A, never open a second round
            thread, result_b = self._start(env_b, now)
            thread.join(timeout=2)
            cr_a.commit()
            thread.join(timeout=60)
            cr_b.commit()
        self.assertEqual(len(opened_a), 1)
        self.assertEqual(result_b.get("rounds"), [])
        self.assertEqual(self._rounds(), [(first, 2)])

        # A commits before B, whose snapshot is older than A's round: B still opens nothing
        now = local_to_utc(second, 1.0)
        with self.registry.cursor() as cr_a, self.registry.cursor() as cr_b:
            env_a, env_b = self._env(cr_a), self._env(cr_b)
            env_b.cr.execute("SELECT 1")
            opened_a = env_a["umkm.procurement.round.template"]._cron_open_rounds(now=now)
            cr_a.commit()
            thread, result_b = self._start(env_b, now)
            thread.join(timeout=60)
            cr_b.commit()
        self.assertEqual(len(opened_a), 1)
        self.assertEqual(result_b.get("rounds"), [])
        self.assertEqual(sorted(self._rounds()), [(first, 2), (second, 2)])
