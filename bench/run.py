#!/usr/bin/env python3
"""UMKM Cluster Suite benchmarks: a cooperative of 1,000 members, measured.

    python3 bench/run.py            # full sizes (about 20 minutes on 2 cores)
    python3 bench/run.py --quick    # a tenth of the sizes, to check the bench itself
    python3 bench/run.py --only schedule,materials    # some scenarios only (also: cooperative,
                                                      # vendors, recurring)
    python3 bench/run.py --load     # load and faults against the multi-process server (load.py)
    python3 bench/run.py --only parallel   # member invoices by the job: one cron worker, two
    python3 bench/run.py --only hosts      # two Odoo hosts behind nginx (nginx needed)
    python3 bench/run.py --only rush2      # the deadline rush of --load on two hosts behind nginx
    python3 bench/run.py --only rush,window   # the deadline rush of --load, and the same rush
                                              # in the window to reach the next tier
    python3 bench/run.py --only clusters   # 2,000 clusters x 50 members in one database (about
                                           # 20 minutes; --clusters N for another size)

Needs what the tests need (Odoo 18.0 importable, PostgreSQL reachable the libpq way). Creates its
own throwaway database ``umkm_bench_<timestamp>`` with the four addons and no demo data, builds
its data, and drops the database at the end. Prints one line per scenario:

    scenario | size | seconds | SQL queries | naive seconds | naive queries | speed-up

The *naive* baseline produces the same result record by record through the ORM, the way a
straightforward implementation would, in the same run and from the same state (it runs inside a
savepoint that is rolled back). Page scenarios are served by a real Odoo HTTP server started on
the bench database; their figures are the server's own (query count and server time from its
request log), at two sizes to show that queries do not grow with rows.
"""

import argparse
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from datetime import timedelta

import requests

# the scenarios in bench/clusters.py and bench/load.py, beside this file
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import clusters
import cooperative
import hosts
import invoicing_peer
import load
import recurring
import vendors

# runs of the member invoices and of Odoo's batch invoicing, their peer (a median of each)
PEER_RUNS = 3

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ADDONS = [
    "umkm_cluster",
    "umkm_joint_procurement",
    "umkm_partnership",
    "umkm_partnership_material",
    "umkm_cooperative",
    "sale",  # Odoo's own batch invoicing, the peer of the member invoices (invoicing_peer.py)
]


def addons_path():
    """The suite's addons path, as bin/_common.sh makes it (Odoo's addons, the vendored OCA
    report_xlsx, installed there when missing, and the suite's)."""
    return subprocess.run(
        ["bash", "-c", f'source "{ROOT}/bin/_common.sh"; addons_path'],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()


ROWS = []


def print_line(line):
    print(line, flush=True)


RUNS = 5  # runs of each operation of a few seconds or less; the median is reported


def report(scenario, size, seconds, queries, naive=None, note=""):
    naive_s, naive_q = naive if naive else (None, None)
    ratio = f"{naive_s / seconds:.1f}x" if naive_s and seconds else "n/a"
    row = (
        f"{scenario:<34} | {size:<28} | {seconds:8.3f} s | {queries:6d} q | "
        + (f"{naive_s:8.3f} s | {naive_q:6d} q | " if naive else f"{'-':>10} | {'-':>8} | ")
        + f"{ratio:>7}"
        + (f" | {note}" if note else "")
    )
    ROWS.append(row)
    print(row, flush=True)


@contextmanager
def rolled_back(env):
    """Run the block in a savepoint that is always rolled back."""
    env.flush_all()
    savepoint = f"bench_{time.monotonic_ns()}"
    env.cr.execute(f"SAVEPOINT {savepoint}")
    try:
        yield
        env.flush_all()
    finally:
        env.cr.execute(f"ROLLBACK TO SAVEPOINT {savepoint}")
        env.invalidate_all()
        env.transaction.clear()


def measure(env, fn):
    env.flush_all()
    env.invalidate_all()
    before = env.cr.sql_log_count
    start = time.perf_counter()
    fn()
    env.flush_all()
    return time.perf_counter() - start, env.cr.sql_log_count - before


def cpu_check():
    """Seconds of a fixed pure-Python loop: printed with the figures, so that a run made while
    the (virtual) machine is slow can be told from a slower code. About 0.17 s on the
    development machine in a fast phase, 0.25 s in a slow one."""
    start = time.perf_counter()
    total = 0
    for i in range(3_000_000):
        total += i * i
    return time.perf_counter() - start


def measure_median(env, fn, runs):
    """Median seconds of ``runs`` runs of ``fn`` from the same state: all but the last run in
    a rolled-back savepoint, the last one kept. Returns ``(seconds, queries, spread)``, the
    queries of the kept run and the spread a note such as ``median of 5 (1.21-1.64 s)``.

    The machines this runs on are shared virtual machines whose speed moves by up to a half
    from one minute to the next (see :func:`cpu_check`); one run of a two-second operation
    says little, the median of five says what the operation costs."""
    times = []
    for _ in range(runs - 1):
        with rolled_back(env):
            times.append(measure(env, fn)[0])
    seconds, queries = measure(env, fn)
    times.append(seconds)
    times.sort()
    spread = f"median of {runs} ({times[0]:.2f}-{times[-1]:.2f} s)" if runs > 1 else ""
    return times[len(times) // 2], queries, spread


# ---------------------------------------------------------------------------------------------
# data
# ---------------------------------------------------------------------------------------------
class Data:
    def __init__(self, env):
        from odoo import Command  # noqa: PLC0415

        self.env = env
        self.Command = Command
        self.uom_unit = env.ref("uom.product_uom_unit")
        self.uom_kg = env.ref("uom.product_uom_kgm")
        self.vendors = env["res.partner"].create(
            [{"name": f"Bench vendor {i}", "is_company": True} for i in range(3)]
        )
        self.capability = env["umkm.capability"].create({"name": "Bench sewing"})

    def cluster(self, code, members):
        env, Command = self.env, self.Command
        cluster = env["umkm.cluster"].create(
            {"name": f"Bench cluster {code}", "code": code, "manager_ids": [Command.set([2])]}
        )
        partners = env["res.partner"].create(
            [{"name": f"Bench SME {code} {i}", "is_company": True} for i in range(members)]
        )
        members = env["umkm.member"].create(
            [
                {
                    "partner_id": p.id,
                    "cluster_id": cluster.id,
                    "capacity_ids": [
                        Command.create(
                            {"capability_id": self.capability.id, "qty_per_week": 5 + i % 20}
                        )
                    ],
                }
                for i, p in enumerate(partners)
            ]
        )
        members.action_activate()
        return cluster, members

    def materials(self, count):
        Command = self.Command
        return self.env["product.product"].create(
            [
                {
                    "name": f"Bench material {i}",
                    "is_storable": True,
                    "uom_id": self.uom_kg.id,
                    "uom_po_id": self.uom_kg.id,
                    "seller_ids": [
                        Command.create(
                            {
                                "partner_id": self.vendors[(i + v) % 3].id,
                                "min_qty": tier,
                                "price": 100 - 5 * v - tier / 100 + i,
                            }
                        )
                        for v in range(2)
                        for tier in (0, 500, 5000)
                    ],
                }
                for i in range(count)
            ]
        )

    def procurement_round(self, cluster, members, materials):
        from odoo import fields  # noqa: PLC0415

        env, Command = self.env, self.Command
        rnd = env["umkm.procurement.round"].create(
            {
                "cluster_id": cluster.id,
                "deadline": fields.Datetime.now() + timedelta(days=5),
                "expected_date": fields.Date.today() + timedelta(days=10),
                "allocation_method": "proportional",
                "fee_percent": 2.5,
                "line_ids": [Command.create({"product_id": p.id}) for p in materials],
            }
        )
        rnd.action_open()
        env["umkm.procurement.demand"].create(
            [
                {
                    "round_id": rnd.id,
                    "member_id": m.id,
                    "product_id": p.id,
                    "qty": 1 + (i * 7 + j * 3) % 13,
                    "uom_id": self.uom_kg.id,
                }
                for i, m in enumerate(members)
                for j, p in enumerate(materials)
            ]
        )
        return rnd


# ---------------------------------------------------------------------------------------------
# naive baselines: the same result, record by record through the ORM
# ---------------------------------------------------------------------------------------------
def naive_close_and_order(env, rnd):
    rnd.write({"state": "closed"})
    by_vendor = {}
    for line in rnd.line_ids:
        product = line.product_id
        total = 0.0
        baseline = 0.0
        for demand in env["umkm.procurement.demand"].search(
            [("round_id", "=", rnd.id), ("product_id", "=", product.id), ("state", "!=", "cancel")]
        ):
            qty = demand.uom_id._compute_quantity(demand.qty, product.uom_po_id)
            total += qty
            seller = product._select_seller(quantity=qty, uom_id=product.uom_po_id)
            baseline += qty * seller.price
        seller = product._select_seller(quantity=total, uom_id=product.uom_po_id)
        line.write(
            {
                "qty_demand": total,
                "vendor_id": seller.partner_id.id,
                "price_unit": seller.price,
                "amount_collective": total * seller.price,
                "amount_baseline": baseline,
            }
        )
        by_vendor.setdefault(seller.partner_id, []).append((product, total, seller.price))
    for vendor, items in by_vendor.items():
        order = env["purchase.order"].create({"partner_id": vendor.id, "origin": rnd.name})
        for product, qty, price in items:
            env["purchase.order.line"].create(
                {
                    "order_id": order.id,
                    "product_id": product.id,
                    "product_qty": qty,
                    "price_unit": price,
                }
            )


def naive_allocate(env, rnd):
    from odoo.tools import float_round  # noqa: PLC0415

    for line in rnd.line_ids:
        product = line.product_id
        received = sum(
            pol.qty_received
            for pol in env["purchase.order.line"].search(
                [("order_id.umkm_round_id", "=", rnd.id), ("product_id", "=", product.id)]
            )
        )
        demands = env["umkm.procurement.demand"].search(
            [("round_id", "=", rnd.id), ("product_id", "=", product.id), ("state", "!=", "cancel")]
        )
        total = sum(demands.mapped("qty")) or 1.0
        given = 0.0
        for i, demand in enumerate(demands):
            share = (
                received - given
                if i == len(demands) - 1
                else float_round(
                    min(demand.qty, received * demand.qty / total),
                    precision_rounding=product.uom_id.rounding,
                )
            )
            given += share
            env["umkm.procurement.allocation"].create(
                {
                    "round_id": rnd.id,
                    "line_id": line.id,
                    "member_id": demand.member_id.id,
                    "product_id": product.id,
                    "qty_demand": demand.qty,
                    "qty_allocated": share,
                    "unit_price": line.price_unit,
                }
            )


def naive_invoices(env, rnd):
    for member in rnd.allocation_ids.member_id:
        allocations = env["umkm.procurement.allocation"].search(
            [("round_id", "=", rnd.id), ("member_id", "=", member.id)]
        )
        env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": member.partner_id.id,
                "invoice_origin": rnd.name,
                "invoice_line_ids": [
                    (
                        0,
                        0,
                        {
                            "product_id": a.product_id.id,
                            "quantity": a.qty_allocated,
                            "price_unit": a.unit_price,
                        },
                    )
                    for a in allocations
                ]
                + [
                    (
                        0,
                        0,
                        {
                            "product_id": env.ref(
                                "umkm_joint_procurement.product_procurement_fee"
                            ).id,
                            "quantity": 1,
                            "price_unit": 1000,
                        },
                    )
                ],
            }
        )


def naive_split(env, order):
    from odoo import fields  # noqa: PLC0415

    members = env["umkm.member"].search(
        [("cluster_id", "=", order.cluster_id.id), ("state", "=", "active")]
    )
    weeks = max((order.date_due - fields.Date.today()).days / 7.0, 0)
    candidates = []
    for member in members:
        capacity = env["umkm.member.capacity"].search(
            [("member_id", "=", member.id), ("capability_id", "=", order.capability_id.id)]
        )
        if not capacity:
            continue
        busy = sum(
            env["umkm.subcontract.assignment"]
            .search([("member_id", "=", member.id), ("state", "in", ("accepted", "in_progress"))])
            .mapped("qty")
        )
        free = capacity.qty_per_week * weeks - busy
        if free > 0:
            candidates.append((-member.on_time_rate, member.reject_rate, -free, member, free))
    candidates.sort(key=lambda c: c[:3])
    wizard = env["umkm.subcontract.split"].create({"order_id": order.id})
    left = order.qty
    for *_key, member, free in candidates:
        qty = min(free, left)
        if qty <= 0:
            break
        env["umkm.subcontract.split.line"].create(
            {"wizard_id": wizard.id, "member_id": member.id, "qty": qty, "qty_free": free}
        )
        left -= qty


# ---------------------------------------------------------------------------------------------
# scenarios
# ---------------------------------------------------------------------------------------------
def receive_short(env, rnd, ratio=0.8):
    from odoo.tools import float_round  # noqa: PLC0415

    rnd.purchase_ids.button_confirm()
    for picking in rnd.picking_ids:
        for move in picking.move_ids:
            move.quantity = float_round(
                move.product_uom_qty * ratio, precision_rounding=move.product_uom.rounding
            )
            move.picked = True
        picking.with_context(
            skip_backorder=True, picking_ids_not_to_backorder=picking.ids
        ).button_validate()


def bench_procurement(env, data, sizes, materials_count):
    from odoo import Command  # noqa: PLC0415

    materials = data.materials(materials_count)
    # a PKP cooperative: the materials, shared costs and fee carry PPN (11% of the price, as
    # l10n_id's PPN 12% on a DPP of 11/12), computed by Odoo's tax engine on every invoice
    ppn = env["account.tax"].create(
        {"name": "PPN 11% (bench)", "amount": 11.0, "type_tax_use": "sale"}
    )
    services = env.ref("umkm_joint_procurement.product_procurement_fee") | env.ref(
        "umkm_joint_procurement.product_procurement_cost"
    )
    (materials | services).write({"taxes_id": [Command.set(ppn.ids)]})
    env.company.umkm_charges_vat = True
    rounds = {}
    for n in sizes:
        cluster, members = data.cluster(f"P{n}", n)
        rnd = data.procurement_round(cluster, members, materials)
        rounds[n] = rnd
        env.cr.commit()
        with rolled_back(env):
            naive = measure(env, lambda r=rnd: naive_close_and_order(env, r))

        def real(r=rnd):
            r.action_close()
            r.action_create_purchase_orders()

        seconds, queries, spread = measure_median(env, real, RUNS)
        report(
            "close round + purchase orders",
            f"{n} members x {materials_count} mat.",
            seconds,
            queries,
            naive,
            f"{len(rnd.demand_ids)} demand lines, {len(rnd.purchase_ids)} POs; {spread}",
        )
        env.cr.commit()
    big = rounds[sizes[-1]]
    receive_short(env, big)
    env.cr.commit()
    with rolled_back(env):
        naive = measure(env, lambda: naive_allocate(env, big))
    seconds, queries, spread = measure_median(env, big.action_allocate, RUNS)
    report(
        "allocate a short delivery (80%)",
        f"{sizes[-1]} members x {materials_count} mat.",
        seconds,
        queries,
        naive,
        f"{len(big.allocation_ids)} allocations; {spread}",
    )
    env.cr.commit()
    # queries of allocation must not depend on the number of members
    small = rounds[sizes[0]]
    receive_short(env, small)
    env.cr.commit()
    seconds_small, queries_small, spread = measure_median(env, small.action_allocate, RUNS)
    report(
        "allocate a short delivery (80%)",
        f"{sizes[0]} members x {materials_count} mat.",
        seconds_small,
        queries_small,
        note=spread,
    )
    env.cr.commit()
    with rolled_back(env):
        naive = measure(env, lambda: naive_invoices(env, big))
    # the invoices created at once, as the background job creates each of its batches
    seconds, queries, spread = measure_median(env, big._create_member_invoices, PEER_RUNS)
    lines = sum(len(m.invoice_line_ids) for m in big.invoice_ids)
    report(
        "member invoices with PPN",
        f"{len(big.invoice_ids)} invoices",
        seconds,
        queries,
        naive,
        f"{lines} invoice lines; {spread}",
    )
    env.cr.commit()
    invoicing_peer.bench_odoo_peer(
        env, big.invoice_ids, (seconds, queries), report, measure_median, print_line, PEER_RUNS
    )
    return rounds


def bench_split(env, data, sizes):
    from odoo import fields  # noqa: PLC0415

    firm = env["res.partner"].create({"name": "Bench firm", "is_company": True})
    for n in sizes:
        cluster, members = data.cluster(f"S{n}", n)
        members.write({"capability_ids": [(4, data.capability.id)]})
        agreement = env["umkm.partnership.agreement"].create(
            {
                "name": f"Bench agreement {n}",
                "partner_id": firm.id,
                "cluster_id": cluster.id,
                "pattern": "subkontrak",
                "date_start": fields.Date.today() - timedelta(days=1),
            }
        )
        agreement.action_activate()
        order = env["umkm.subcontract.order"].create(
            {
                "agreement_id": agreement.id,
                "capability_id": data.capability.id,
                "description": "Bench shirts",
                "qty": n * 20,
                "uom_id": data.uom_unit.id,
                "unit_price": 50000,
                "date_due": fields.Date.today() + timedelta(days=28),
            }
        )
        order.action_submit()
        order.action_confirm()
        env.cr.commit()
        with rolled_back(env):
            naive = measure(env, lambda o=order: naive_split(env, o))
        seconds, queries, spread = measure_median(env, order.action_split, RUNS)
        report(
            "split a subcontract order", f"{n} candidate members", seconds, queries, naive, spread
        )
        env.cr.commit()


def _bench_order(env, data, firm, n, lots=None, qty_per_member=20):
    """An active agreement and a confirmed order for a new cluster of ``n`` members: one due
    date in 4 weeks, or ``lots`` deliveries (weeks 1 to ``lots``)."""
    from odoo import Command, fields  # noqa: PLC0415

    cluster, members = data.cluster(f"L{lots or 1}M{n}", n)
    members.write({"capability_ids": [(4, data.capability.id)]})
    agreement = env["umkm.partnership.agreement"].create(
        {
            "name": f"Bench agreement {cluster.code}",
            "partner_id": firm.id,
            "cluster_id": cluster.id,
            "pattern": "subkontrak",
            "date_start": fields.Date.today() - timedelta(days=1),
        }
    )
    agreement.action_activate()
    vals = {
        "agreement_id": agreement.id,
        "capability_id": data.capability.id,
        "description": "Bench shirts",
        "uom_id": data.uom_unit.id,
        "unit_price": 50000,
    }
    if lots:
        total = n * qty_per_member
        vals["lot_ids"] = [
            Command.create(
                {"qty": total // lots, "date_due": fields.Date.today() + timedelta(weeks=w + 1)}
            )
            for w in range(lots)
        ]
    else:
        vals.update(qty=n * qty_per_member, date_due=fields.Date.today() + timedelta(days=28))
    order = env["umkm.subcontract.order"].create(vals)
    order.action_submit()
    order.action_confirm()
    return order, members


def bench_schedule(env, data, sizes):
    """The split of an order delivered in 4 lots: the proposal is planned lot by lot."""
    firm = env["res.partner"].create({"name": "Bench firm (lots)", "is_company": True})
    for n in sizes:
        order, _members = _bench_order(env, data, firm, n, lots=4)
        env.cr.commit()
        seconds, queries, spread = measure_median(env, order.action_split, RUNS)
        report(
            "split an order in 4 lots", f"{n} candidates x 4 lots", seconds, queries, None, spread
        )
        env.cr.commit()


def bench_materials(env, data, sizes):
    """Issue of the firm's materials to every member who accepted work: one validated
    transfer per member (Odoo's stock engine), the shares computed in one pass."""
    from odoo import Command  # noqa: PLC0415

    firm = env["res.partner"].create({"name": "Bench firm (materials)", "is_company": True})
    fabric = env["product.product"].create(
        {"name": "Bench fabric", "is_storable": True, "uom_id": data.uom_unit.id}
    )
    per_member = {}
    for n in sizes:
        order, members = _bench_order(env, data, firm, n, qty_per_member=5)
        order.material_ids = [Command.create({"product_id": fabric.id, "qty_per_unit": 2.0})]
        # every member takes 5 pieces (the split would fill the best members first)
        env["umkm.subcontract.assignment"].create(
            [{"order_id": order.id, "member_id": m.id, "qty": 5} for m in members]
        ).action_accept()
        picking = env["stock.picking"].browse(order.action_receive_materials()["res_id"])
        picking.move_ids.quantity = n * 10
        picking.move_ids.picked = True
        picking._action_done()
        env["umkm.subcontract.material"]._member_locations(members, order.company_id)
        env.cr.commit()
        seconds, queries = measure(env, order.action_issue_materials)
        per_member[n] = queries
        assert order.material_picking_count == n + 1, order.material_picking_count
        assert order.material_ids.qty_issued == n * 10, order.material_ids.qty_issued
        note = ""
        if len(per_member) > 1:
            (a, qa), (b, qb) = sorted(per_member.items())[-2:]
            note = f"{(qb - qa) / (b - a):.1f} q per member more (one transfer each)"
        report("issue the firm's materials", f"{n} members", seconds, queries, None, note)
        env.cr.commit()


# ---------------------------------------------------------------------------------------------
# pages, served by a real server
# ---------------------------------------------------------------------------------------------
LOG_LINE = re.compile(
    r'"GET (?P<path>\S+) HTTP/[\d.]+" (?P<status>\d+) - (?P<q>\d+) (?P<qt>[\d.]+) (?P<rt>[\d.]+)'
)


class Server:
    def __init__(self, db):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.log = tempfile.NamedTemporaryFile(prefix="umkm-bench-", suffix=".log", delete=False)
        self.proc = subprocess.Popen(
            [
                sys.executable, "-m", "odoo",
                "-c", os.path.join(ROOT, "config", "odoo-local.conf"),
                "--addons-path", addons_path(),
                "-d", db, f"--db-filter=^{db}$",
                "--http-interface=127.0.0.1", f"--http-port={self.port}",
                "--log-level=info", f"--logfile={self.log.name}",
            ],
        )  # fmt: skip
        self.url = f"http://127.0.0.1:{self.port}"
        for _i in range(120):
            try:
                requests.get(f"{self.url}/web/health", timeout=2)
                break
            except requests.RequestException:
                time.sleep(0.5)

    def session(self, db, login, password):
        session = requests.Session()
        response = session.post(
            f"{self.url}/web/session/authenticate",
            json={"params": {"db": db, "login": login, "password": password}},
            timeout=60,
        )
        response.raise_for_status()
        return session

    def measure(self, session, path, repeat=5):
        """Median server time and query count of GET path, from the server's request log."""
        for _i in range(2):  # warm-up: templates, assets, caches
            session.get(self.url + path, timeout=60)
        for _i in range(repeat):
            session.get(self.url + path, timeout=60)
        time.sleep(0.5)
        with open(self.log.name) as log:
            hits = [m for m in LOG_LINE.finditer(log.read()) if m["path"] == path]
        hits = hits[-repeat:]
        assert hits and all(h["status"] == "200" for h in hits), f"{path}: {hits}"
        server_times = sorted(float(h["qt"]) + float(h["rt"]) for h in hits)
        return server_times[len(server_times) // 2], int(hits[-1]["q"])

    def stop(self):
        self.proc.terminate()
        self.proc.wait(30)
        os.unlink(self.log.name)


def setup_pages(env, data, rows_small, rows_big, products_small, products_big):
    """Two portal members (few / many rounds and assignments), two catalogues (few / many)."""
    from odoo import Command, fields  # noqa: PLC0415

    users = {}
    cluster, members = data.cluster("PG", 2)
    material = data.materials(1)
    firm = env["res.partner"].create({"name": "Bench page firm", "is_company": True})
    agreement = env["umkm.partnership.agreement"].create(
        {
            "name": "Bench page agreement",
            "partner_id": firm.id,
            "cluster_id": cluster.id,
            "pattern": "subkontrak",
            "date_start": fields.Date.today() - timedelta(days=1),
        }
    )
    agreement.action_activate()
    for member, rows in zip(members, (rows_small, rows_big), strict=True):
        login = f"bench_member_{rows}"
        users[rows] = login
        env["res.users"].create(
            {
                "name": login,
                "login": login,
                "password": login,
                "parent_id": member.partner_id.id,
                "groups_id": [Command.set([env.ref("base.group_portal").id])],
            }
        )
        env["umkm.procurement.round"].create(
            [
                {
                    "cluster_id": cluster.id,
                    "deadline": fields.Datetime.now() + timedelta(days=5 + i),
                    "expected_date": fields.Date.today() + timedelta(days=10 + i),
                    "line_ids": [Command.create({"product_id": material.id})],
                }
                for i in range(rows)
            ]
        ).action_open()
        order = env["umkm.subcontract.order"].create(
            {
                "agreement_id": agreement.id,
                "capability_id": data.capability.id,
                "description": f"Bench page order {rows}",
                "qty": rows,
                "uom_id": data.uom_unit.id,
                "unit_price": 50000,
                "date_due": fields.Date.today() + timedelta(days=60),
            }
        )
        order.action_submit()
        order.action_confirm()
        env["umkm.subcontract.assignment"].create(
            [
                {
                    "order_id": order.id,
                    "member_id": member.id,
                    "qty": 1,
                    "date_due": fields.Date.today() + timedelta(days=60),
                }
                for _i in range(rows)
            ]
        )
    catalogues = {}
    for count in (products_small, products_big):
        catalogue = env["umkm.catalogue"].create(
            {"name": f"Bench catalogue {count}", "cluster_id": cluster.id, "is_published": True}
        )
        categories = env["product.category"].create(
            [{"name": f"Bench category {count}-{i}"} for i in range(8)]
        )
        products = env["product.template"].create(
            [
                {
                    "name": f"Bench product {count}-{i}",
                    "description_sale": "Cotton, 2 m, hand-drawn batik",
                    "umkm_member_id": members[i % 2].id,
                    "categ_id": categories[i % 8].id,
                    "list_price": 100000 + i,
                }
                for i in range(count)
            ]
        )
        lines = env["umkm.catalogue.line"].create(
            [
                {
                    "catalogue_id": catalogue.id,
                    "product_tmpl_id": p.id,
                    "wholesale_price": 100000 + i,
                    "min_qty": 10,
                    "lead_time_days": 14,
                    "capacity_monthly": 100,
                }
                for i, p in enumerate(products)
            ]
        )
        lines.action_approve()
        catalogues[count] = catalogue.slug
    return users, catalogues


def bench_pages(db, users, catalogues):
    server = Server(db)
    try:
        for path, label in (("/my/procurement", "rounds"), ("/my/assignments", "assignments")):
            for rows, login in sorted(users.items()):
                session = server.session(db, login, login)
                seconds, queries = server.measure(session, path)
                report(f"portal page {path}", f"member with {rows} {label}", seconds, queries)
        anonymous = requests.Session()
        for count, slug in sorted(catalogues.items()):
            seconds, queries = server.measure(anonymous, f"/catalogue/{slug}")
            report("public catalogue page", f"{count} products", seconds, queries)
    finally:
        server.stop()


def bench_clusters(db, registry, small, big):
    """Many clusters in one database (bench/clusters.py): the officer's lists, the member's
    pages and the monthly snapshot at ``small`` and at ``big`` clusters of 50 members."""
    from odoo import SUPERUSER_ID, api  # noqa: PLC0415

    context = {"tracking_disable": True, "mail_notify_force_send": False}
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, context)
        data = Data(env)
        materials = data.materials(2)
        started = time.time()
        clusters.grow(env, data, small, 50, materials)
        officer, member, pages = clusters.observers(env)
        print_line(f"# {small} clusters built in {time.time() - started:.0f} s")
        env.cr.execute("ANALYZE")
        snap_small = clusters.snapshot(env, measure, print_line, f"{small} clusters")
    label_small = f"{small} clusters"
    at_small = clusters.measure(Server, db, officer, member, pages, label_small, report)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, context)
        data = Data(env)
        started = time.time()
        clusters.STEPS.clear()
        clusters.grow(
            env, data, big, 50, materials.with_env(env), start=small, print_line=print_line
        )
        built = time.time() - started
        steps = ", ".join(f"{name} {sec:.0f} s" for name, sec in clusters.STEPS.items())
        print_line(
            f"# {big} clusters built in {built:.0f} s ({built / (big - small):.2f} s per "
            f"cluster of 50 members; {steps})"
        )
        env.cr.execute("ANALYZE")
        count = env["umkm.member"].search_count([])
        clusters.explain(env, officer, print_line)
        snap_big = clusters.snapshot(env, measure, print_line, f"{big} clusters, {count} members")
        env.cr.execute("ANALYZE")
        clusters.table_rows(env, print_line)
    label_big = f"{big} clusters, {count} members"
    at_big = clusters.measure(Server, db, officer, member, pages, label_big, report)
    clusters.summary(at_small, at_big, label_small, label_big, print_line)
    for label, (seconds, queries, lines) in ((label_small, snap_small), (label_big, snap_big)):
        print_line(
            f"# monthly snapshot, {label}: {seconds:.1f} s, {queries} queries, {lines} lines; "
            f"target ≤ 300 s at 100,000 members: {'met' if seconds <= 300 else 'NOT MET'}"
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="a tenth of the sizes")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument(
        "--only",
        default="procurement,split,schedule,materials,pages,clusters,cooperative,vendors,recurring",
        help="comma-separated scenarios to run (default: all)",
    )
    parser.add_argument(
        "--load",
        action="store_true",
        help="the load and fault scenarios (bench/load.py) instead of the others",
    )
    parser.add_argument(
        "--db-prefix",
        default="umkm_bench",
        help="the throwaway database is <prefix>_<timestamp> (default: umkm_bench)",
    )
    parser.add_argument(
        "--clusters",
        type=int,
        default=2000,
        help="clusters of 50 members at the large size of --only clusters (default: 2000)",
    )
    args = parser.parse_args()
    div = 10 if args.quick else 1
    if args.load:
        args.only = "load,window"

    try:
        import odoo  # noqa: PLC0415
    except ImportError:
        sys.exit("FAIL: Odoo 18.0 is not importable by python3")
    from odoo import SUPERUSER_ID, api  # noqa: PLC0415
    from odoo.modules.registry import Registry  # noqa: PLC0415

    db = f"{args.db_prefix}_{time.strftime('%Y%m%d%H%M%S')}"
    print(f"# database {db}; installing {', '.join(ADDONS)} (no demo data)...", flush=True)
    subprocess.run(
        [
            sys.executable, "-m", "odoo",
            "-c", os.path.join(ROOT, "config", "odoo-local.conf"),
            "--addons-path", addons_path(),
            "-d", db, "-i", ",".join(ADDONS), "--without-demo=all",
            "--stop-after-init", "--log-level=warn",
        ],
        check=True,
    )  # fmt: skip
    odoo.tools.config.parse_config(
        ["-c", os.path.join(ROOT, "config", "odoo-local.conf"), "--addons-path", addons_path(),
         "-d", db, "--log-level=warn"]
    )  # fmt: skip
    try:
        registry = Registry(db)
        print(
            f"# {os.cpu_count()} cores; Odoo {odoo.release.version}; "
            f"{time.strftime('%Y-%m-%d %H:%M:%S')}; CPU check {cpu_check():.3f} s",
            flush=True,
        )
        print(
            f"{'scenario':<34} | {'size':<28} | {'seconds':>10} | {'queries':>8} | "
            f"{'naive':>10} | {'naive q':>8} | speed-up",
            flush=True,
        )
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            idr = env.ref("base.IDR")
            idr.write({"active": True, "rounding": 1.0})  # rupiah: no cents in practice
            env.company.currency_id = idr
            data = Data(env)
            only = set(args.only.split(","))
            if "procurement" in only:
                bench_procurement(env, data, [100 // div, 1000 // div], 20)
            if "split" in only:
                bench_split(env, data, [50 // div, 500 // div])
            if "schedule" in only:
                bench_schedule(env, data, [50 // div, 500 // div])
            if "materials" in only:
                bench_materials(env, data, [20 // div or 2, 200 // div])
            if "cooperative" in only:
                cooperative.bench_cooperative(
                    env,
                    data,
                    [100 // div, 1000 // div],
                    report,
                    measure,
                    measure_median,
                    rolled_back,
                )
            if "vendors" in only:
                vendors.bench_vendors(
                    env,
                    data,
                    [100 // div, 1000 // div],
                    report,
                    measure,
                    measure_median,
                    rolled_back,
                )
            if "recurring" in only:
                recurring.bench_recurring(
                    env,
                    data,
                    [100 // div, 1000 // div],
                    report,
                    measure,
                    measure_median,
                    rolled_back,
                    naive_at=100 // div,
                )
            if "pages" in only:
                users, catalogues = setup_pages(
                    env, data, 20 // div, 200 // div, 200 // div, 2000 // div
                )
            if "hosts" in only:
                hosts_data = hosts.setup_hosts(env)
            if "parallel" in only:
                parallel_rounds = load.setup_parallel_invoicing(env, data, 1000 // div)
            if "rush2" in only:
                rush2_data = load.setup_load(env, data, 200 // div)
            if "load" in only or "rush" in only:
                load_data = load.setup_load(env, data, 200 // div)
            if "load" in only:
                kill_round = load.setup_invoicing(env, data, 200 // div)
            if "window" in only:
                window_data = load.setup_load(env, data, 200 // div, window=True)
            cr.commit()
        if "pages" in only:
            bench_pages(db, users, catalogues)
        if "clusters" in only:
            bench_clusters(db, registry, 20 // div, args.clusters // div)
        if "rush2" in only:
            load.bench_load(db, addons_path(), Registry(db), rush2_data, print_line, hosts=2)
        if "hosts" in only:
            hosts.bench_hosts(db, addons_path(), Registry(db), hosts_data, print_line)
        if "parallel" in only:
            load.bench_parallel_invoicing(
                db, addons_path(), Registry(db), parallel_rounds, print_line
            )
        if "rush" in only:
            load.bench_load(db, addons_path(), Registry(db), load_data, print_line)
        if "window" in only:
            load.bench_load(db, addons_path(), Registry(db), window_data, print_line)
        if "load" in only:
            registry = Registry(db)
            load.bench_load(db, addons_path(), registry, load_data, print_line)
            load.bench_kill_invoicing(db, addons_path(), registry, kill_round, print_line)
            login = sorted(load_data["members"])[0]
            load.bench_postgres_restart(db, addons_path(), login, print_line)
        print(f"# CPU check at the end {cpu_check():.3f} s", flush=True)
    finally:
        if not args.keep:
            odoo.sql_db.close_all()
            import psycopg2  # noqa: PLC0415

            conn = psycopg2.connect(dbname="postgres")
            conn.autocommit = True
            conn.cursor().execute(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')
            conn.close()
    print("# done", flush=True)


if __name__ == "__main__":
    main()
