"""A national platform in one database (``bench/run.py --only clusters``): 2,000 clusters × 50
members (100,000 memberships; ``--clusters N`` for another size) spread over the provinces, each
cluster with an open round and its demand, a closed round with its demand and purchase orders,
and a published catalogue of its members' products. Measured for one cluster's officer (backend
lists over JSON-RPC) and one of its members (portal pages, and two public pages) at 20 and at
2,000 clusters: server time and queries must not grow with the number of clusters. Also times
the monthly snapshot of every member (``umkm.cluster.snapshot._cron_take_snapshots``), prints the
plans (``EXPLAIN``) of the record rules' SQL the officer's lists run and the largest tables.
"""

import re
import time
from datetime import timedelta

import requests

LOG_LINE = re.compile(
    r'"(?P<verb>GET|POST) (?P<path>\S+) HTTP/[\d.]+" (?P<status>\d+) - (?P<q>\d+) '
    r"(?P<qt>[\d.]+) (?P<rt>[\d.]+)"
)
PASSWORD = "bench-clusters-pw"


SECTORS = ("batik", "garment", "food", "handicraft", "furniture", "leather", "metal", "other")
PRODUCTS_PER_CLUSTER = 10  # members' products approved in each cluster's catalogue
CODE = "MC{:04d}"


def grow(env, data, count, members_per, materials, start=0, chunk=20, print_line=None):
    """Clusters ``start`` … ``count - 1``, ``chunk`` at a time (one batched ``create`` per
    model and chunk, one commit per chunk), each with: its members (active, with a weekly
    capacity), spread over the country's provinces and the sectors; an open round with demand
    from ten members; a closed round with demand from all of them and its purchase orders
    (one per vendor); a published catalogue of ``PRODUCTS_PER_CLUSTER`` members' products,
    approved. Everything through the suite's models (``create`` and its actions)."""
    provinces = env["res.country.state"].search([("country_id.code", "=", "ID")], order="id")
    started = time.time()
    for first in range(start, count, chunk):
        _grow_chunk(env, data, range(first, min(first + chunk, count)), members_per, materials,
                    provinces)  # fmt: skip
        since = time.perf_counter()
        env.cr.commit()
        _step("commit", since)
        env.invalidate_all()
        env.transaction.clear()
        done = min(first + chunk, count)
        if print_line and (done % 200 == 0 or done == count):
            print_line(f"#   {done} clusters, {time.time() - started:.0f} s")


# seconds of each step of the build, summed over the chunks (printed with the build time)
STEPS = {}


def _step(name, since):
    now = time.perf_counter()
    STEPS[name] = STEPS.get(name, 0.0) + now - since
    return now


def _grow_chunk(env, data, numbers, members_per, materials, provinces):
    from odoo import Command, fields  # noqa: PLC0415

    t = time.perf_counter()

    clusters = env["umkm.cluster"].create(
        [
            {
                "name": f"Bench cluster {CODE.format(i)}",
                "code": CODE.format(i),
                "manager_ids": [Command.set([2])],
                "state_id": provinces[i % len(provinces)].id if provinces else False,
                "sector": SECTORS[i % len(SECTORS)],
            }
            for i in numbers
        ]
    )
    partners = env["res.partner"].create(
        [
            {"name": f"Bench SME {cluster.code} {n}", "is_company": True}
            for cluster in clusters
            for n in range(members_per)
        ]
    )
    members = env["umkm.member"].create(
        [
            {
                "partner_id": partner.id,
                "cluster_id": clusters[k // members_per].id,
                "capacity_ids": [
                    Command.create(
                        {"capability_id": data.capability.id, "qty_per_week": 5 + k % 20}
                    )
                ],
            }
            for k, partner in enumerate(partners)
        ]
    )
    members.action_activate()
    t = _step("clusters and members", t)
    of_cluster = [members[k * members_per : (k + 1) * members_per] for k in range(len(clusters))]
    now = fields.Datetime.now()
    today = fields.Date.today()
    rounds = env["umkm.procurement.round"].create(
        [
            {
                "cluster_id": cluster.id,
                # the closed one is closed early by its officer: its deadline (and so the
                # month its savings count in) is today's
                "deadline": now + (timedelta(days=5) if is_open else timedelta(hours=1)),
                "expected_date": today + timedelta(days=10),
                "allocation_method": "proportional",
                "fee_percent": 2.5,
                "line_ids": [Command.create({"product_id": p.id}) for p in materials],
            }
            for cluster in clusters
            for is_open in (True, False)
        ]
    )
    rounds.action_open()
    t = _step("rounds opened (members invited)", t)
    open_rounds, closed_rounds = rounds[0::2], rounds[1::2]
    demand = []
    for k in range(len(clusters)):
        # the closed round's members together reach the vendors' 500 kg tier: they save
        for rnd, who, base in (
            (open_rounds[k], of_cluster[k][:10], 1),
            (closed_rounds[k], of_cluster[k], 10),
        ):
            demand += [
                {
                    "round_id": rnd.id,
                    "member_id": m.id,
                    "product_id": p.id,
                    "qty": base + (i * 7 + j * 3) % 13,
                    "uom_id": data.uom_kg.id,
                }
                for i, m in enumerate(who)
                for j, p in enumerate(materials)
            ]
    env["umkm.procurement.demand"].create(demand)
    t = _step("demand", t)
    closed_rounds.action_close()
    closed_rounds.action_create_purchase_orders()
    t = _step("rounds closed, purchase orders", t)
    catalogues = env["umkm.catalogue"].create(
        [
            {"name": f"Bench catalogue {c.code}", "cluster_id": c.id, "is_published": True}
            for c in clusters
        ]
    )
    makers = [m for k in range(len(clusters)) for m in of_cluster[k][:PRODUCTS_PER_CLUSTER]]
    products = env["product.template"].create(
        [
            {
                "name": f"Bench batik {m.partner_id.name}",
                "description_sale": "Cotton, 2 m, hand-drawn batik",
                "umkm_member_id": m.id,
                "list_price": 100000 + i,
            }
            for i, m in enumerate(makers)
        ]
    )
    lines = env["umkm.catalogue.line"].create(
        [
            {
                "catalogue_id": catalogues[i // PRODUCTS_PER_CLUSTER].id,
                "product_tmpl_id": p.id,
                "wholesale_price": 90000 + i % 1000,
                "min_qty": 10,
                "lead_time_days": 14,
                "capacity_monthly": 100,
            }
            for i, p in enumerate(products)
        ]
    )
    lines.action_approve()
    t = _step("catalogues", t)
    env.flush_all()
    _step("flush", t)


def observers(env):
    """The officer of the first cluster (a backend user, with Odoo's purchase rights to see
    its rounds' orders) and a portal member of it, and the member's pages: ``(officer login,
    member login, {label: path})``."""
    from odoo import Command  # noqa: PLC0415

    cluster = env["umkm.cluster"].search([("code", "=", CODE.format(0))])
    officer = env["res.users"].create(
        {
            "name": "Bench officer MC0000",
            "login": "bench_officer_mc0000",
            "password": PASSWORD,
            "groups_id": [
                Command.set(
                    [
                        env.ref("umkm_cluster.group_umkm_officer").id,
                        env.ref("purchase.group_purchase_user").id,
                    ]
                )
            ],
        }
    )
    cluster.officer_ids = [Command.link(officer.id)]
    member = cluster.member_ids.sorted("id")[:1]
    portal = env["res.users"].create(
        {
            "name": "Bench member MC0000",
            "login": "bench_member_mc0000",
            "password": PASSWORD,
            "parent_id": member.partner_id.id,
            "groups_id": [Command.set([env.ref("base.group_portal").id])],
        }
    )
    rounds = env["umkm.procurement.round"].search([("cluster_id", "=", cluster.id)])
    open_round = rounds.filtered(lambda r: r.state == "open")
    closed_round = rounds - open_round
    catalogue = env["umkm.catalogue"].search([("cluster_id", "=", cluster.id)])
    pages = {
        "/my": "/my",
        "/my/memberships": "/my/memberships",
        "/my/memberships/<member>": f"/my/memberships/{member.id}",
        "/my/procurement": "/my/procurement",
        "/my/procurement/<open round>": f"/my/procurement/{open_round.id}",
        "/my/procurement/<closed round>": f"/my/procurement/{closed_round.id}",
        "/my/catalogue": "/my/catalogue",
        "/catalogue/<slug> (public)": f"/catalogue/{catalogue.slug}",
        "/klaster (public index)": "/klaster",
    }
    env.cr.commit()
    return officer.login, portal.login, pages


def _measure(server, session, verb, path, payload=None, repeat=5):
    """Median server time and queries of the request, from the server's own request log."""
    for _i in range(2 + repeat):
        if verb == "GET":
            session.get(server.url + path, timeout=120)
        else:
            session.post(server.url + path, json=payload, timeout=120)
    time.sleep(0.5)
    with open(server.log.name) as log:
        hits = [m for m in LOG_LINE.finditer(log.read()) if m["path"] == path]
    hits = hits[-repeat:]
    assert hits and all(h["status"] == "200" for h in hits), f"{path}: {hits}"
    times = sorted(float(h["qt"]) + float(h["rt"]) for h in hits)
    return times[len(times) // 2], int(hits[-1]["q"])


def _list_payload(model, fields_):
    return {
        "params": {
            "model": model,
            "method": "web_search_read",
            "args": [],
            "kwargs": {
                "domain": [],
                "specification": {f: {} for f in fields_},
                "limit": 80,
                "order": "",
            },
        }
    }


# the officer's backend lists: model and the fields its list view shows
LISTS = (
    ("umkm.member", ["display_name", "cluster_id", "state", "scale"]),
    ("umkm.procurement.round", ["name", "cluster_id", "state", "deadline"]),
    ("umkm.procurement.demand", ["member_id", "product_id", "qty", "state"]),
    ("umkm.catalogue.line", ["product_tmpl_id", "member_id", "wholesale_price", "state"]),
    ("umkm.cluster.snapshot", ["month", "cluster_id", "member_id", "savings"]),
    ("purchase.order", ["name", "partner_id", "umkm_round_id", "amount_total", "state"]),
)


def measure(server_class, db, officer, member, pages, label, report):
    """Median server time and queries of the officer's lists and the member's pages:
    ``{name: (seconds, queries)}``, each also reported."""
    figures = {}
    server = server_class(db)
    try:
        backend = server.session(db, officer, PASSWORD)
        for model, fields_ in LISTS:
            path = f"/web/dataset/call_kw/{model}/web_search_read"
            seconds, queries = _measure(
                server, backend, "POST", path, _list_payload(model, fields_)
            )
            figures[f"list {model}"] = (seconds, queries)
            report(f"backend list {model}", f"officer, {label}", seconds, queries)
        portal = server.session(db, member, PASSWORD)
        anonymous = requests.Session()
        for name, path in pages.items():
            session = anonymous if "public" in name else portal
            seconds, queries = _measure(server, session, "GET", path)
            figures[f"page {name}"] = (seconds, queries)
            report(f"portal page {name}", f"member, {label}", seconds, queries)
    finally:
        server.stop()
    return figures


def explain(env, officer_login, print_line):
    """The plans of the officer's record-rule queries: indexes, not sequential scans."""
    officer = env["res.users"].search([("login", "=", officer_login)])
    for model, _fields in LISTS:
        query = env[model].with_user(officer)._search([], limit=80)
        sql = query.select()
        env.cr.execute(
            f"EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) {sql.code}", sql.params
        )
        plan = [row[0] for row in env.cr.fetchall()]
        scans = [line.strip() for line in plan if "Scan" in line]
        runtime = next((line for line in plan if "Execution Time" in line), "").strip()
        print_line(f"explain {model} (officer's rule): " + "; ".join(scans) + f"; {runtime}")


def snapshot(env, measure_fn, print_line, label):
    """The monthly job (``_cron_take_snapshots``) as it runs on the first day of next month:
    it takes this month (the month of the bench's data) for every cluster. Lines of this
    month already taken (at the smaller size) are deleted first, so the job takes them all.
    Prints and returns ``(seconds, queries, lines written)``."""
    from odoo.addons.umkm_cluster.tools.months import month_start, shift_months  # noqa: PLC0415

    Snapshot = env["umkm.cluster.snapshot"].sudo()
    month = month_start(Snapshot._umkm_today())
    Snapshot.search([("month", "=", month)]).unlink()
    env.cr.commit()
    model_class = type(Snapshot)
    model_class._umkm_today = lambda self: shift_months(month, 1)
    try:
        seconds, queries = measure_fn(env, Snapshot._cron_take_snapshots)
    finally:
        del model_class._umkm_today
    env.cr.commit()
    lines = Snapshot.search_count([("month", "=", month)])
    members = Snapshot.search_count([("month", "=", month), ("member_id", "!=", False)])
    with_savings = Snapshot.search_count([("month", "=", month), ("savings", ">", 0)])
    print_line(
        f"# monthly snapshot ({month:%m/%Y}), {label}: {seconds:.1f} s, {queries} queries, "
        f"{lines} lines written ({members} members, {lines - members} clusters; "
        f"{with_savings} with savings)"
    )
    return seconds, queries, lines


def table_rows(env, print_line, top=20):
    """The largest tables of the database (rows after ``ANALYZE``, size with indexes): what a
    partitioning would be about."""
    env.cr.execute(
        """
        SELECT relname, n_live_tup, pg_total_relation_size(relid)
          FROM pg_stat_user_tables
         ORDER BY n_live_tup DESC
         LIMIT %s
        """,
        [top],
    )
    print_line("# largest tables: rows, size with indexes")
    for name, rows, size in env.cr.fetchall():
        print_line(f"#   {name:<40} {rows:>10,} rows {size / 1024 / 1024:>8.1f} MB")


def summary(small, big, small_label, big_label, print_line, target_ms=50):
    """The officer's lists and the member's pages at both sizes, against the target: at most
    ``target_ms`` of server time, and no more queries than at the smaller size."""
    print_line(
        f"# {'page':<46} | {small_label:>16} | {big_label:>18} | target ≤ {target_ms} ms, "
        "same queries"
    )
    for name, (seconds, queries) in big.items():
        small_seconds, small_queries = small.get(name, (0.0, 0))
        met = seconds * 1000 <= target_ms and queries <= small_queries
        print_line(
            f"# {name:<46} | {small_seconds * 1000:6.0f} ms {small_queries:4d} q | "
            f"{seconds * 1000:8.0f} ms {queries:4d} q | {'met' if met else 'NOT MET'}"
        )
