"""Many clusters in one database (``bench/run.py --only clusters``): a provincial office's
200 clusters × 50 members (10,000 memberships, each cluster with an open round and demand),
measured for one cluster's officer (backend lists over JSON-RPC) and one of its members (portal
pages) at 20 and at 200 clusters: server time and queries must not grow with the number of
clusters. Prints the plans (``EXPLAIN``) of the record rules' SQL the officer's lists run.
"""

import re
import time

LOG_LINE = re.compile(
    r'"(?P<verb>GET|POST) (?P<path>\S+) HTTP/[\d.]+" (?P<status>\d+) - (?P<q>\d+) '
    r"(?P<qt>[\d.]+) (?P<rt>[\d.]+)"
)
PASSWORD = "bench-clusters-pw"


def grow(env, data, count, members_per, materials, start=0):
    """Clusters ``start`` … ``count - 1``, each with its members and an open round whose
    demand comes from ten of them."""
    for i in range(start, count):
        cluster, members = data.cluster(f"MC{i:03d}", members_per)
        data.procurement_round(cluster, members[:10], materials)
        if i % 20 == 19:
            env.cr.commit()
    env.cr.commit()


def observers(env, data, materials):
    """The officer of cluster MC000 (a backend user) and a portal member of it."""
    from odoo import Command  # noqa: PLC0415

    cluster = env["umkm.cluster"].search([("code", "=", "MC000")])
    officer = env["res.users"].create(
        {
            "name": "Bench officer MC000",
            "login": "bench_officer_mc000",
            "password": PASSWORD,
            "groups_id": [Command.set([env.ref("umkm_cluster.group_umkm_officer").id])],
        }
    )
    cluster.officer_ids = [Command.link(officer.id)]
    member = cluster.member_ids[:1]
    portal = env["res.users"].create(
        {
            "name": "Bench member MC000",
            "login": "bench_member_mc000",
            "password": PASSWORD,
            "parent_id": member.partner_id.id,
            "groups_id": [Command.set([env.ref("base.group_portal").id])],
        }
    )
    env.cr.commit()
    return officer.login, portal.login


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


def measure(server_class, db, officer, member, label, report):
    server = server_class(db)
    try:
        backend = server.session(db, officer, PASSWORD)
        for model, fields_ in (
            ("umkm.member", ["display_name", "cluster_id", "state", "scale"]),
            ("umkm.procurement.round", ["name", "cluster_id", "state", "deadline"]),
            ("umkm.procurement.demand", ["member_id", "product_id", "qty", "state"]),
        ):
            path = f"/web/dataset/call_kw/{model}/web_search_read"
            seconds, queries = _measure(
                server, backend, "POST", path, _list_payload(model, fields_)
            )
            report(f"backend list {model}", f"officer, {label}", seconds, queries)
        portal = server.session(db, member, PASSWORD)
        for path in ("/my/procurement", "/my/memberships", "/my"):
            seconds, queries = _measure(server, portal, "GET", path)
            report(f"portal page {path}", f"member, {label}", seconds, queries)
    finally:
        server.stop()


def explain(env, officer_login, print_line):
    """The plans of the officer's record-rule queries: indexes, not sequential scans."""
    officer = env["res.users"].search([("login", "=", officer_login)])
    for model in ("umkm.member", "umkm.procurement.round", "umkm.procurement.demand"):
        query = env[model].with_user(officer)._search([], limit=80)
        sql = query.select()
        env.cr.execute(
            f"EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) {sql.code}", sql.params
        )
        plan = [row[0] for row in env.cr.fetchall()]
        scans = [line.strip() for line in plan if "Scan" in line]
        runtime = next((line for line in plan if "Execution Time" in line), "").strip()
        print_line(f"explain {model} (officer's rule): " + "; ".join(scans) + f"; {runtime}")
