"""Adversarial access matrix: four outsiders (a member's portal user and a firm's portal user
of other businesses, an officer of another cluster, an internal user without a UMKM role)
attack the records of one cluster over JSON-RPC (``/web/dataset/call_kw``) and XML-RPC:
every ``umkm.*`` model and the Odoo documents the suite links, search / read / write /
create / unlink and every public method of the suite; then every portal route of the suite
with the victims' ids; then the portal forms are fuzzed. Refused or empty, never a write,
never another's data, never a 500. The matrix's size and results are printed.
"""

import inspect
import json
import os
import re
import threading
import xmlrpc.client
from collections import Counter
from datetime import timedelta

from hypothesis import (
    HealthCheck,
    given,
    settings,
    strategies as st,
)

from odoo import Command, fields
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.umkm_marketing.tests.common import MarketingCatalogueMixin
from odoo.addons.umkm_partnership.tests.common import PDF, PartnershipCase

# reference data anyone logged in may read
PUBLIC_TO_USERS = {"umkm.capability", "umkm.capability.category", "umkm.certification"}
LINKED_ODOO_MODELS = ("purchase.order", "sale.order", "account.move", "stock.picking")
CRUD = {"init", "create", "write", "unlink", "copy", "read", "search", "name_create"}
REFUSED = ("AccessError", "MissingError", "UserError", "ValidationError", "ValueError")


@tagged("post_install", "-at_install")
class TestAccessMatrix(MarketingCatalogueMixin, PartnershipCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_catalogue()
        env = cls.env
        cls.results = Counter()
        # the victims: one cluster's subcontract order split among its members (with a
        # drawing), a procurement round with demand, an inquiry, a member's holiday, the
        # members' purchase orders of a joint sale and a vendor bill
        order = PartnershipCase._order(cls)
        order.action_submit()
        order.action_confirm()
        PartnershipCase._split(cls, order)
        cls.assignment = order.assignment_ids[:1]
        cls.drawing = env["ir.attachment"].create(
            {
                "name": "gambar-rahasia.pdf",
                "raw": PDF,
                "res_model": "umkm.subcontract.order",
                "res_id": order.id,
            }
        )
        vendor = env["res.partner"].create({"name": "PT Vendor Korban", "is_company": True})
        material = env["product.product"].create(
            {
                "name": "Kain korban",
                "is_storable": True,
                "seller_ids": [Command.create({"partner_id": vendor.id, "price": 30.0})],
            }
        )
        cls.round = env["umkm.procurement.round"].create(
            {
                "cluster_id": cls.cluster.id,
                "deadline": fields.Datetime.now() + timedelta(days=3),
                "line_ids": [Command.create({"product_id": material.id})],
            }
        )
        cls.round.action_open()
        cls.demand = env["umkm.procurement.demand"].create(
            {
                "round_id": cls.round.id,
                "member_id": cls.member_1.id,
                "product_id": material.id,
                "qty": 12,
            }
        )
        # a recurring round and a member's standing demand in it
        cls.template = env["umkm.procurement.round.template"].create(
            {
                "name": "Putaran rutin korban",
                "cluster_id": cls.cluster.id,
                "line_ids": [Command.create({"product_id": material.id})],
            }
        )
        cls.standing = env["umkm.procurement.standing.demand"].create(
            {
                "template_id": cls.template.id,
                "member_id": cls.member_1.id,
                "product_id": material.id,
                "qty": 7,
            }
        )
        # a closed round's call for bids: the vendor's request for quotation
        cls.bid_round = env["umkm.procurement.round"].create(
            {
                "cluster_id": cls.cluster.id,
                "deadline": fields.Datetime.now() + timedelta(days=3),
                "line_ids": [Command.create({"product_id": material.id})],
            }
        )
        cls.bid_round.action_open()
        env["umkm.procurement.demand"].create(
            {
                "round_id": cls.bid_round.id,
                "member_id": cls.member_1.id,
                "product_id": material.id,
                "qty": 7,
            }
        )
        cls.bid_round.action_close()
        cls.bid = cls.bid_round._umkm_call_for_bids(vendor, cls.today + timedelta(days=2))
        cls.inquiry = env["umkm.catalogue.inquiry"].create(
            {
                "catalogue_id": cls.catalogue.id,
                "line_id": cls.catalogue.line_ids[:1].id,
                "name": "Pembeli Korban",
                "email": "korban@example.com",
                "qty": 5,
                "message": "Rahasia",
            }
        )
        cls.holiday = env["umkm.member.unavailability"].create(
            {
                "member_id": cls.member_1.id,
                "date_from": cls.today + timedelta(days=30),
                "date_to": cls.today + timedelta(days=35),
                "reason": "Libur korban",
            }
        )
        # support: an institution's activity the member took part in, its request for a
        # service and a certificate on its membership
        provider = env["umkm.stakeholder"].create(
            {
                "partner_id": env["res.partner"]
                .create({"name": "Dinas Korban", "is_company": True})
                .id,
                "kind": "government",
            }
        )
        cls.support = env["umkm.partnership.support"].create(
            {
                "name": "Pelatihan korban",
                "provider_id": provider.id,
                "cluster_id": cls.cluster.id,
                "state": "planned",
                "member_ids": [Command.set(cls.member_1.ids)],
            }
        )
        cls.service_request = env["umkm.service.request"].create(
            {
                "member_id": cls.member_1.id,
                "kind": "design",
                "description": "Permintaan rahasia korban",
            }
        )
        cls.certificate = env["umkm.member.certification"].create(
            {
                "member_id": cls.member_1.id,
                "certification_id": env["umkm.certification"].search([], limit=1).id
                or env["umkm.certification"].create({"name": "Halal korban"}).id,
                "number": "SERT-KORBAN-0001",
            }
        )
        cls.sale = cls._sale(cls)
        cls.member_purchase = cls.sale.umkm_member_purchase_ids[:1]
        cls.member_purchase._umkm_member_accept()
        cls.member_purchase.order_line.qty_received = 1
        cls.member_purchase.action_create_invoice()
        # working capital: the member's advance asked on its accepted order of the sale
        cls.advance = env["umkm.advance"]._umkm_request(cls.member_purchase, 1000)
        # the cooperative's books: a member's savings and its share of a posted SHU
        env["umkm.member.saving"].create(
            {"member_id": cls.member_1.id, "type": "sukarela", "amount": 123456}
        ).action_post()
        rule = env["umkm.surplus.rule"].create(
            {
                "name": "Aturan korban",
                "cluster_id": cls.cluster.id,
                "date_effective": cls.today.replace(month=1, day=1),
                "rat_date": cls.today.replace(month=1, day=1),
                "rat_members_total": 3,
                "rat_members_present": 2,
                "rat_attachment_ids": [Command.create({"name": "notulen.txt", "raw": b"RAT"})],
                "modal_savings": "all",
                "line_ids": [
                    Command.create({"kind": "reserve", "name": "Cadangan", "percent": 50}),
                    Command.create({"kind": "jasa_modal", "name": "Jasa modal", "percent": 50}),
                ],
            }
        )
        rule.action_approve()
        cls.surplus = env["umkm.surplus"].create(
            {
                "cluster_id": cls.cluster.id,
                "date_from": cls.today.replace(month=1, day=1),
                "date_to": cls.today.replace(month=12, day=31),
                "amount": 1000000,
            }
        )
        cls.surplus.action_compute()
        cls.surplus.action_post()
        cls.shu_line = cls.surplus.line_ids[:1]
        # a member's track record for its bank, and a due it may pay online
        cls.track = env["umkm.track.record"]._umkm_issue(cls.member_1)
        cls.due = env["umkm.member.saving"].create(
            {
                "member_id": cls.member_1.id,
                "type": "wajib",
                "amount": 25000,
                "period": cls.today.replace(day=1),
            }
        )
        cls.due.action_post()
        # the attackers
        outsider = cls._make_members(cls.cluster_other, cls.cap_sew, [(5, 90)], "Penyerang")
        cls.attackers = {
            "member portal": cls._portal_user("atk_member", outsider.partner_id),
            "firm portal": cls.portal_firm_c,
            "officer of another cluster": cls.officer_other,
            "internal, no UMKM role": new_test_user(
                env, "atk_employee", password="atk_employee", groups="base.group_user"
            ),
        }
        cls.officer_other.password = "part_off_other"
        cls.victims = cls._victims()

    # ------------------------------------------------------------------ the victims
    @classmethod
    def _victims(cls):
        """``{model: ids}`` of the cluster's records in every ``umkm.*`` model (and the Odoo
        documents the suite links), found through the model's path to its cluster."""
        env = cls.env
        victims = {}
        for name, model in env.registry.items():
            if not name.startswith("umkm.") or model._abstract or model._transient:
                continue
            if name in PUBLIC_TO_USERS:
                continue
            domain = cls._cluster_domain(env[name])
            if domain is None:
                continue
            ids = env[name].with_context(active_test=False).search(domain).ids
            if ids:
                victims[name] = ids
        victims["purchase.order"] = (
            cls.member_purchase | cls.round.purchase_ids | cls.bid_round.purchase_ids
        ).ids
        victims["sale.order"] = cls.sale.ids
        victims["account.move"] = cls.member_purchase.invoice_ids.ids
        victims["stock.picking"] = cls.member_purchase.picking_ids.ids
        victims["ir.attachment"] = cls.drawing.ids
        return victims

    @classmethod
    def _cluster_domain(cls, model):
        if model._name == "umkm.cluster":
            return [("id", "=", cls.cluster.id)]
        if "cluster_id" in model._fields and model._fields["cluster_id"].store:
            return [("cluster_id", "=", cls.cluster.id)]
        for fname, field in model._fields.items():
            if field.type == "many2one" and field.store and field.comodel_name.startswith("umkm."):
                comodel = cls.env[field.comodel_name]
                if field.comodel_name == "umkm.cluster":
                    return [(fname, "=", cls.cluster.id)]
                if "cluster_id" in comodel._fields:
                    return [(f"{fname}.cluster_id", "=", cls.cluster.id)]
        return None

    def _snapshot(self):
        """Every stored simple field of every victim, as the superuser reads it."""
        snap = {}
        for name, ids in self.victims.items():
            model = self.env[name].sudo().with_context(active_test=False)
            names = [
                f
                for f, field in model._fields.items()
                if field.store
                and field.type not in ("binary", "one2many", "many2many", "html", "properties")
                and f not in ("write_date", "__last_update", "message_main_attachment_id")
            ]
            records = model.browse(ids).exists()
            records.invalidate_recordset()
            snap[name] = records.read(names)
        return snap

    def _record(self, outcome):
        self.results[outcome] += 1

    # ------------------------------------------------------------------ JSON-RPC / XML-RPC
    def _call_kw(self, model, method, args, kwargs=None):
        response = self.url_open(
            "/web/dataset/call_kw",
            data=json.dumps(
                {
                    "jsonrpc": "2.0",
                    "method": "call",
                    "params": {
                        "model": model,
                        "method": method,
                        "args": args,
                        "kwargs": kwargs or {},
                    },
                }
            ),
            headers={"Content-Type": "application/json"},
        )
        self.assertNotEqual(response.status_code, 500, f"{model}.{method}")
        return response.json()

    def _assert_refused_or_empty(self, reply, label):
        if "error" in reply:
            name = reply["error"]["data"]["name"].rsplit(".", 1)[-1]
            self.assertIn(name, REFUSED, f"{label}: {reply['error']['data']['message']}")
            self._record("refused")
            return
        result = reply["result"]
        self.assertFalse(result, f"{label} returned {str(result)[:200]}")
        self._record("empty")

    def _public_methods(self, model):
        """The suite's public methods of ``model`` (callable over RPC)."""
        names = set()
        for cls in type(model).__mro__:
            if not cls.__module__.startswith("odoo.addons.umkm_"):
                continue
            for name, member in vars(cls).items():
                if (
                    not name.startswith("_")
                    and inspect.isfunction(member)
                    and not getattr(member, "_api_model", False)
                    and name not in CRUD
                ):
                    names.add(name)
        return sorted(names)

    def test_rpc_matrix(self):
        before = self._snapshot()
        for label, user in self.attackers.items():
            self.authenticate(user.login, user.login)
            for name, ids in self.victims.items():
                with self.subTest(user=label, model=name):
                    reply = self._call_kw(
                        name, "search_read", [[("id", "in", ids)]], {"fields": ["id"]}
                    )
                    self._assert_refused_or_empty(reply, f"{label} search_read {name}")
                    reply = self._call_kw(name, "read", [ids, ["display_name"]])
                    self._assert_refused_or_empty(reply, f"{label} read {name}")
                    reply = self._call_kw(name, "write", [ids, {"display_name": "x"}])
                    self._assert_refused_or_empty(reply, f"{label} write {name}")
                    reply = self._call_kw(name, "unlink", [ids])
                    self._assert_refused_or_empty(reply, f"{label} unlink {name}")
                    vals = (
                        {"cluster_id": self.cluster.id}
                        if "cluster_id" in (self.env[name]._fields)
                        else {}
                    )
                    count = self.env[name].sudo().search_count([])
                    reply = self._call_kw(name, "create", [vals])
                    self._assert_refused_or_empty(reply, f"{label} create {name}")
                    self.assertEqual(self.env[name].sudo().search_count([]), count)
                    if name.startswith("umkm."):
                        for method in self._public_methods(self.env[name]):
                            reply = self._call_kw(name, method, [ids])
                            self._assert_refused_or_empty(reply, f"{label} {name}.{method}")
        self.assertEqual(self._snapshot(), before, "an outsider changed a victim's record")

    def test_xmlrpc_matrix(self):
        before = self._snapshot()
        db = self.env.cr.dbname
        for label, user in self.attackers.items():
            for name, ids in self.victims.items():
                for method, args in (
                    ("search_read", [[("id", "in", ids)]]),
                    ("read", [ids]),
                    ("write", [ids, {"display_name": "x"}]),
                    ("unlink", [ids]),
                ):
                    with self.subTest(user=label, model=name, method=method):
                        try:
                            result = self.xmlrpc_object.execute_kw(
                                db, user.id, user.login, name, method, args
                            )
                        except xmlrpc.client.Fault as fault:
                            # Odoo's codes: 2 user / validation error, 3 denied, 4 access
                            self.assertIn(fault.faultCode, (2, 3, 4), fault.faultString[-300:])
                            self._record("refused")
                        else:
                            self.assertFalse(result, f"{label} {method} {name}")
                            self._record("empty")
        self.assertEqual(self._snapshot(), before, "an outsider changed a victim's record")

    # ------------------------------------------------------------------ portal routes
    def _routes(self):
        """``(method, url, data)`` of every portal route of the suite on the victims' ids."""
        a, o = self.assignment, self.assignment.order_id
        return [
            ("GET", f"/my/assignments/{a.id}", None),
            ("POST", f"/my/assignments/{a.id}/accept", {}),
            ("POST", f"/my/assignments/{a.id}/decline", {"reason": "x"}),
            ("POST", f"/my/assignments/{a.id}/progress", {"qty_done": "1"}),
            ("GET", f"/my/assignments/{a.id}/documents/{self.drawing.id}", None),
            ("GET", f"/my/assignments/{a.id}/split", None),
            ("GET", f"/my/inquiries/{self.inquiry.id}", None),
            (
                "POST",
                f"/my/inquiries/{self.inquiry.id}/answer",
                {"answer_qty": "1", "answer_lead_days": "1", "answer_price": "1"},
            ),
            ("GET", f"/my/memberships/{self.member_1.id}", None),
            ("POST", f"/my/memberships/{self.member_1.id}/capacity", {}),
            (
                "POST",
                f"/my/memberships/{self.member_1.id}/unavailability",
                {"date_from": "2030-01-01", "date_to": "2030-01-02", "reason": "x"},
            ),
            (
                "POST",
                f"/my/memberships/{self.member_1.id}/unavailability/{self.holiday.id}/remove",
                {},
            ),
            ("GET", f"/my/procurement/{self.round.id}", None),
            (
                "POST",
                f"/my/procurement/{self.round.id}/demand",
                {"product_id": str(self.demand.product_id.id), "qty": "99"},
            ),
            ("POST", f"/my/procurement/{self.round.id}/demand/{self.demand.id}/cancel", {}),
            (
                "POST",
                f"/my/procurement/standing/{self.template.id}",
                {"product_id": str(self.standing.product_id.id), "qty": "99"},
            ),
            ("POST", f"/my/procurement/standing/stop/{self.standing.id}", {}),
            ("GET", f"/my/procurement/{self.round.id}/statement", None),
            ("GET", f"/my/procurement/{self.round.id}/xlsx", None),
            # the backend's XLSX reports (report_xlsx), as Print fetches them
            ("GET", f"/report/xlsx/umkm_joint_procurement.round_xlsx/{self.round.id}", None),
            ("POST", f"/my/purchase/{self.member_purchase.id}/umkm_accept", {}),
            ("POST", f"/my/purchase/{self.member_purchase.id}/umkm_decline", {"reason": "x"}),
            (
                "POST",
                f"/my/purchase/{self.member_purchase.id}/umkm_propose",
                {"date": "2030-01-01"},
            ),
            ("GET", f"/my/subcontracts/{o.id}", None),
            ("GET", f"/my/subcontracts/{o.id}/materials.pdf", None),
            ("GET", f"/my/subcontracts/{o.id}/materials.xlsx", None),
            ("GET", f"/report/xlsx/umkm_partnership.subcontract_assignments_xlsx/{o.id}", None),
            (
                "GET",
                f"/report/xlsx/umkm_partnership_material.material_reconciliation_xlsx/{o.id}",
                None,
            ),
            ("GET", f"/report/xlsx/umkm_cluster.catalogue_xlsx/{self.catalogue.id}", None),
            ("GET", f"/my/catalogue/{self.catalogue.line_ids[0].id}/edit", None),
            ("GET", f"/cluster/{self.cluster.id}", None),
            ("GET", f"/my/purchase/{self.member_purchase.id}", None),
            ("GET", f"/my/purchase/{self.bid.id}", None),
            (
                "POST",
                f"/my/purchase/{self.bid.id}/bid",
                {f"price_{self.bid.order_line.id}": "1", "lead_days": "1"},
            ),
            ("GET", f"/my/orders/{self.sale.id}", None),
            ("GET", f"/my/invoices/{self.member_purchase.invoice_ids[:1].id}", None),
            ("GET", f"/my/savings/shu/{self.shu_line.id}", None),
            ("GET", f"/my/savings/shu/{self.shu_line.id}?download=true", None),
            ("POST", f"/my/savings/{self.member_1.id}/pay-rounds", {"pay_rounds": "on"}),
            (
                "POST",
                "/my/advances/new",
                {"purchase_order_id": str(self.member_purchase.id), "amount": "1"},
            ),
            ("GET", f"/my/services/{self.service_request.id}", None),
            (
                "POST",
                f"/my/memberships/{self.member_1.id}/certificates",
                {
                    "certification_id": str(self.certificate.certification_id.id),
                    "number": "x",
                    "date_expiry": "2030-01-01",
                },
            ),
            ("GET", "/my/support", None),
            ("GET", "/my/support/report.pdf", None),
            ("GET", "/my/support/report.xlsx", None),
            ("POST", f"/my/memberships/{self.member_1.id}/track", {}),
            ("GET", f"/my/track/{self.track.id}/pdf", None),
            ("POST", f"/my/track/{self.track.id}/revoke", {}),
            ("GET", f"/my/savings/pay/{self.due.id}", None),
            ("GET", f"/my/savings/deposit/{self.member_1.id}", None),
            ("GET", f"/my/savings/deposit/{self.member_1.id}?amount=10000", None),
            ("POST", f"/my/savings/transaction/due/{self.due.id}", {}),
            ("POST", f"/my/savings/transaction/deposit/{self.member_1.id}", {}),
        ]

    def _secrets(self):
        return [
            self.assignment.order_id.name,
            self.assignment.order_id.description,
            self.inquiry.message,
            self.holiday.reason,
            self.round.name,
            self.template.name,
            self.member_purchase.name,
            self.bid.name,
            self.sale.name,
            self.drawing.name,
            self.surplus.name,
            "123.456",
            self.support.name,
            self.service_request.description,
            self.certificate.number,
            self.track.checksum,
        ]

    def test_portal_routes_with_others_ids(self):
        before = self._snapshot()
        secrets = [s for s in self._secrets() if s]
        routes = self._routes()
        # every id-taking portal route of the suite is in the walk
        walked = {re.sub(r"/\d+", "/<id>", url) for _m, url, _d in routes}
        threading.current_thread().dbname = self.env.cr.dbname  # routing_map() reads it
        for rule in self.env["ir.http"].routing_map().iter_rules():
            path = re.sub(r"<(int|string):(\w+)>", "<id>", rule.rule)
            endpoint = rule.endpoint
            module = getattr(getattr(endpoint, "original_endpoint", endpoint), "__module__", "")
            if "umkm_" in module and "<id>" in path and path.startswith(("/my/", "/umkm_")):
                if "/page/" in path:
                    continue
                self.assertIn(
                    re.sub(r"\.<id>$", ".pdf", path),
                    walked,
                    f"portal route {rule.rule} is not walked",
                )
        for label, user in self.attackers.items():
            self.authenticate(user.login, user.login)
            page = self.url_open("/my")
            csrf = re.search(r'csrf_token: "([^"]+)"', page.text)
            for method, url, data in routes:
                with self.subTest(user=label, url=url):
                    if method == "GET":
                        response = self.url_open(url, allow_redirects=False)
                    else:
                        payload = dict(data, csrf_token=csrf.group(1) if csrf else "")
                        response = self.url_open(url, data=payload, allow_redirects=False)
                    self.assertIn(
                        response.status_code, (200, 303, 302, 400, 403, 404), f"{label} {url}"
                    )
                    if response.status_code == 200:
                        for secret in secrets:
                            self.assertNotIn(secret, response.text, f"{label} {url}")
                    self._record(f"route {response.status_code}")
        self.assertEqual(self._snapshot(), before, "an outsider changed a victim's record")

    # ------------------------------------------------------------------ fuzzing
    def test_portal_forms_fuzzed(self):
        """The member's own forms with any text: a form error or a redirect, never a 500."""
        self.authenticate(self.portal_member_1.login, self.portal_member_1.login)
        page = self.url_open("/my")
        csrf = re.search(r'csrf_token: "([^"]+)"', page.text).group(1)
        forms = [
            (f"/my/procurement/{self.round.id}/demand", ("product_id", "qty", "uom_id")),
            (f"/my/procurement/standing/{self.template.id}", ("product_id", "qty", "uom_id")),
            (
                f"/my/inquiries/{self.inquiry.id}/answer",
                ("answer_qty", "answer_lead_days", "answer_price", "answer_note"),
            ),
            (
                f"/my/memberships/{self.member_1.id}/unavailability",
                ("date_from", "date_to", "reason"),
            ),
            ("/my/trade/order", ("agreement_id", f"qty_{self.catalogue.line_ids[0].id}")),
            ("/my/advances/new", ("amount", "purchase_order_id")),
            ("/my/services/new", ("kind", "description", "date_wanted", "certification_id")),
            (
                f"/my/memberships/{self.member_1.id}/certificates",
                ("certification_id", "number", "date_expiry", "document"),
            ),
            (f"/cluster/{self.cluster_other.id}/request", ("firm_name", "email", "qty")),
        ]
        text = st.one_of(
            st.text(max_size=40),
            st.sampled_from(["", "0", "-1", "1e308", "nan", "inf", "1,5", "9" * 400, "١٢"]),
            st.text(min_size=3000, max_size=5000),
            st.integers().map(str),
            st.floats(allow_nan=True, allow_infinity=True).map(str),
        )
        tried = Counter()

        @settings(
            max_examples=40,
            deadline=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
        @given(st.sampled_from(forms), st.lists(text, min_size=5, max_size=5), st.booleans())
        def post(form, values, with_csrf):
            url, names = form
            data = dict(zip(names, values, strict=False))
            if with_csrf:
                data["csrf_token"] = csrf
            response = self.url_open(url, data=data, allow_redirects=False)
            self.assertLess(response.status_code, 500, f"{url} {data!r}"[:500])
            tried[response.status_code] += 1

        post()
        # wrong content type: JSON to a form route
        for url, _names in forms:
            response = self.url_open(
                url, data='{"qty": 1}', headers={"Content-Type": "application/json"}
            )
            self.assertLess(response.status_code, 500, url)
            tried[response.status_code] += 1
        self.results.update({f"fuzz {code}": n for code, n in tried.items()})
        self.assertGreaterEqual(sum(tried.values()), 12)

    @classmethod
    def tearDownClass(cls):
        total = sum(cls.results.values())
        line = f"access matrix: {total} cases: " + ", ".join(
            f"{k} {v}" for k, v in sorted(cls.results.items())
        )
        report = os.environ.get("UMKM_REPORT_FILE")
        if report:
            with open(report, "a", encoding="utf-8") as out:
                out.write(line + "\n")
        super().tearDownClass()
