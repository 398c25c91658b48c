"""Load and fault scenarios of ``bench/run.py --load``, against the multi-process server.

* **load**: 200 members (each its own portal login) save and change their demand in the last
  minute of a round while an officer closes it; throughput, p50 / p95 / p99 latency, errors by
  kind, and the conservation check: every save the server accepted is in the closed round
  exactly once, at the member's last accepted quantity, and nothing is counted after the close.
* **background invoicing killed**: the cron worker creating a round's member invoices in
  batches is killed with ``kill -9`` after its first batch; the prefork server starts a new one,
  the job resumes; no member gets two invoices and the sums stay exact.
* **PostgreSQL restarted** during portal traffic: how many requests fail while it is down, and
  that the server serves again without anybody touching it.

Loopback only, bounded in count and time. Needs root for the PostgreSQL restart (skipped, and
said so, otherwise).
"""

import json
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import requests

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PASSWORD = "bench-load-pw"


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# as config/nginx.conf: requests to the host with the fewest in progress (least_conn)
NGINX_CONF = """
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log;
events {{ worker_connections 256; }}
http {{
    access_log {tmp}/access.log;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    upstream odoo {{ least_conn; {http} }}
    upstream odoochat {{ {chat} }}
    map $http_upgrade $connection_upgrade {{ default upgrade; '' close; }}
    server {{
        listen 127.0.0.1:{port};
        proxy_set_header Host $host;
        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        location /websocket {{
            proxy_pass http://odoochat;
            proxy_http_version 1.1;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection $connection_upgrade;
        }}
        location / {{ proxy_pass http://odoo; }}
    }}
}}
"""


def start_nginx(servers):
    """nginx on loopback with an upstream of ``servers`` (HTTP and websocket), as
    ``config/nginx.conf`` with a server line per host: ``(process, url)``."""
    if not shutil.which("nginx"):
        raise RuntimeError("nginx is not installed (Debian: apt-get install nginx)")
    tmp = tempfile.mkdtemp(prefix="umkm-nginx-")
    port = _free_port()
    conf = os.path.join(tmp, "nginx.conf")
    with open(conf, "w") as handle:
        handle.write(
            NGINX_CONF.format(
                tmp=tmp,
                port=port,
                http=" ".join(f"server 127.0.0.1:{s.port};" for s in servers),
                chat=" ".join(f"server 127.0.0.1:{s.gevent_port};" for s in servers),
            )
        )
    proc = subprocess.Popen(["nginx", "-c", conf, "-g", "daemon off;"], start_new_session=True)
    time.sleep(1)
    return proc, f"http://127.0.0.1:{port}"


# Odoo's log line when it runs a request again after a concurrency error (odoo.service.model)
RETRY_LINE = re.compile(r" (\w+), \d+ tries left, try again in ")
# a demand save in the server's request log: status, queries, SQL seconds, other seconds
SAVE_LINE = re.compile(
    r'"POST /my/procurement/\d+/demand HTTP/[\d.]+" (\d+) - (\d+) ([\d.]+) ([\d.]+)'
)
# the officer's close in the server's request log (called as the web client calls it)
CLOSE_LINE = re.compile(
    r'"POST /web/dataset/call_kw/umkm.procurement.round/action_close HTTP/[\d.]+" (\d+) - '
    r"(\d+) ([\d.]+) ([\d.]+)"
)


def _profile_one_save(registry, load, top=6):
    """Where one demand save's milliseconds go: a member's save in a new open round of the load
    cluster, profiled in this process and rolled back (the functions of the suite and of
    Odoo's ORM that take most of it, and the share spent in SQL)."""
    import cProfile  # noqa: PLC0415
    import pstats  # noqa: PLC0415

    from odoo import SUPERUSER_ID, Command, api, fields  # noqa: PLC0415

    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
        old = env["umkm.procurement.round"].browse(load["round"])
        rnd = env["umkm.procurement.round"].create(
            {
                "cluster_id": old.cluster_id.id,
                "deadline": fields.Datetime.now() + timedelta(days=1),
                "line_ids": [Command.create({"product_id": p.id}) for p in old.line_ids.product_id],
            }
        )
        rnd.action_open()
        member_id = sorted(load["members"].values())[0]
        product = old.line_ids.product_id[:1]
        env.flush_all()
        env.invalidate_all()
        queries = cr.sql_log_count
        profile = cProfile.Profile()
        started = time.perf_counter()
        profile.enable()
        env["umkm.procurement.demand"].create(
            {"round_id": rnd.id, "member_id": member_id, "product_id": product.id, "qty": 7}
        )
        env.flush_all()
        profile.disable()
        seconds = time.perf_counter() - started
        queries = cr.sql_log_count - queries
        cr.rollback()
    stats = pstats.Stats(profile).stats
    sql = sum(
        cumtime
        for (filename, _line, name), (_cc, _nc, _tt, cumtime, _callers) in stats.items()
        if name == "execute" and filename.endswith("sql_db.py")
    )
    suite = sorted(
        (
            (cumtime, f"{os.path.basename(filename)[:-3]}.{name}")
            for (filename, _line, name), (_cc, _nc, _tt, cumtime, _callers) in stats.items()
            if "/addons/umkm_" in filename and not name.startswith("<")
        ),
        reverse=True,
    )[:top]
    return (
        f"load: profile of one demand save: {seconds * 1000:.0f} ms, {queries} queries, "
        f"{sql * 1000:.0f} ms in SQL; the suite's slowest steps (cumulative): "
        + ", ".join(f"{name} {cumtime * 1000:.0f} ms" for cumtime, name in suite)
    )


ERROR_ALERT = re.compile(r'o_umkm_demand_error" role="alert">([^<]*)<')


def odoo_command():
    """How to start Odoo so that its prefork server can start its own children: through a
    script (``odoo`` or Odoo's ``odoo-bin``), not ``python -m odoo`` (the websocket worker is
    started again from ``sys.argv[0]``, which must then be runnable)."""
    import odoo  # noqa: PLC0415

    script = os.path.join(
        os.path.dirname(os.path.dirname(os.path.abspath(odoo.__file__))), "odoo-bin"
    )
    if os.path.exists(script):
        return [sys.executable, script]
    return [shutil.which("odoo") or "odoo"]


class PreforkServer:
    """``odoo --workers N`` on the bench database (what ``bin/serve --workers N`` runs)."""

    def __init__(self, db, addons_path, workers=4, cron=0):
        self.port = _free_port()
        self.gevent_port = _free_port()
        self.log = tempfile.NamedTemporaryFile(prefix="umkm-load-", suffix=".log", delete=False)
        self.proc = subprocess.Popen(
            [
                *odoo_command(),
                "-c", os.path.join(ROOT, "config", "odoo-local.conf"),
                "--addons-path", addons_path, "-d", db, f"--db-filter=^{db}$",
                "--http-interface=127.0.0.1", f"--http-port={self.port}",
                f"--gevent-port={self.gevent_port}", f"--workers={workers}",
                f"--max-cron-threads={cron}", "--limit-time-real=600",
                "--limit-memory-soft=4294967296", "--limit-memory-hard=5368709120",
                "--log-level=info", f"--logfile={self.log.name}",
            ],
            start_new_session=True,
        )  # fmt: skip
        self.url = f"http://127.0.0.1:{self.port}"
        for _i in range(240):
            try:
                if requests.get(f"{self.url}/web/health", timeout=2).ok:
                    break
            except requests.RequestException:
                pass
            time.sleep(0.5)

    def websocket_listening(self, seconds=30):
        """Whether the websocket (gevent) worker answers on its port, as in production."""
        for _i in range(seconds * 2):
            try:
                with socket.create_connection(("127.0.0.1", self.gevent_port), timeout=1):
                    return True
            except OSError:
                time.sleep(0.5)
        return False

    def children(self):
        out = subprocess.run(
            ["ps", "-o", "pid=,args=", "--ppid", str(self.proc.pid)],
            capture_output=True,
            text=True,
            check=False,
        ).stdout
        return [int(line.split()[0]) for line in out.splitlines() if line.strip()]

    def stop(self):
        os.killpg(self.proc.pid, signal.SIGTERM)
        try:
            self.proc.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
        os.unlink(self.log.name)


def _cpu_seconds(pids):
    """``{pid: user + system CPU seconds}`` of the processes still running."""
    tick = os.sysconf("SC_CLK_TCK")
    seconds = {}
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        seconds[pid] = (int(fields[11]) + int(fields[12])) / tick
    return seconds


def _postgres_pids():
    out = subprocess.run(["pgrep", "-x", "postgres"], capture_output=True, text=True, check=False)
    return [int(pid) for pid in out.stdout.split()]


def _cpu_used(before, after):
    return sum(after[pid] - before.get(pid, 0.0) for pid in after)


def _percentile(values, pct):
    if not values:
        return 0.0
    values = sorted(values)
    return values[min(len(values) - 1, round(pct / 100 * (len(values) - 1)))]


# ---------------------------------------------------------------------------------------------
def setup_load(env, data, members_count, materials_count=3, window=False):
    """A cluster of ``members_count`` members, each with a portal login, and an open round;
    ``window``: a round whose every member entered demand before the deadline, with a window to
    reach the next tier (the deadline is moved past just before the rush)."""
    from odoo import Command  # noqa: PLC0415

    cluster, members = data.cluster("WIND" if window else "LOAD", members_count)
    materials = data.materials(materials_count)
    users = (
        env["res.users"]
        .with_context(no_reset_password=True)
        .create(
            [
                {
                    "name": f"Load member {i}",
                    "login": f"{'wind' if window else 'load'}{i:04d}",
                    "parent_id": member.partner_id.id,
                    "groups_id": [Command.set([env.ref("base.group_portal").id])],
                }
                for i, member in enumerate(members)
            ]
        )
    )
    # one hash for all (hashing 200 passwords would only measure pbkdf2)
    users[:1].password = PASSWORD
    env.flush_all()
    env.cr.execute("SELECT password FROM res_users WHERE id = %s", [users[0].id])
    hashed = env.cr.fetchone()[0]
    for user in users[1:]:
        user._set_encrypted_password(user.id, hashed)
    admin = env.ref("base.user_admin")
    admin.password = PASSWORD
    rnd = data.procurement_round(cluster, members if window else members[:0], materials)
    if window:
        rnd.window_hours = 1
    return {
        "window": window,
        # the demand entered before the deadline: what a round in its window starts from
        "initial": {(d.member_id.id, d.product_id.id): d.qty for d in rnd.demand_ids},
        "round": rnd.id,
        "products": materials.ids,
        "members": dict(zip(users.mapped("login"), members.ids, strict=True)),
    }


def _login(url, db, login):
    session = requests.Session()
    response = session.post(
        f"{url}/web/session/authenticate",
        json={"params": {"db": db, "login": login, "password": PASSWORD}},
        timeout=120,
    )
    response.raise_for_status()
    if response.json().get("error"):
        raise RuntimeError(response.json()["error"]["data"]["message"])
    return session


# the deadline rush measured before the members' places (22.8 saves/s, p95 1,180 ms, on this
# machine with 4 workers): issue 29 asks for twice the saves per second and p95 <= 500 ms
RUSH_BEFORE_SAVES_PER_S, RUSH_TARGET_P95_MS = 22.8, 500
# the officer's close from its click, during that rush before the places: 0.90-1.22 s on the
# machine of the issue, 0.92 s on the machine of 5 December 2026 (faf5906^, the same bench):
# "close time unchanged" is met at or under the lower of them
CLOSE_BEFORE_S = 0.90


def bench_load(db, addons_path, registry, load, report_line, hosts=1):
    """200 members save and change demand while the round closes; ``hosts``: on so many Odoo
    hosts behind nginx (4 HTTP workers in all), else on one host directly. In the window to
    reach the next tier (``load["window"]``), the members raise the demand they entered."""
    from odoo import SUPERUSER_ID, api, fields  # noqa: PLC0415

    label = "load (window)" if load.get("window") else "load"
    if load.get("window"):
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            rnd = env["umkm.procurement.round"].browse(load["round"])
            rnd.deadline = fields.Datetime.now() - timedelta(minutes=1)
            assert rnd.in_window

    workers = 4 // hosts
    servers = [PreforkServer(db, addons_path, workers=workers) for _i in range(hosts)]
    nginx = None
    try:
        for server in servers:
            if not server.websocket_listening():
                raise RuntimeError("the websocket worker of a prefork server did not start")
        if hosts > 1:
            nginx, url = start_nginx(servers)
            report_line(f"load: {hosts} hosts x {workers} HTTP workers behind nginx ({url})")
        else:
            url = servers[0].url
            report_line(
                f"load: 4 HTTP workers, websocket worker listening on {servers[0].gevent_port}"
            )
        round_id = load["round"]
        logins = sorted(load["members"])
        # the members log in (pbkdf2 per login) and open the round's page: before the minute
        started = time.time()
        with ThreadPoolExecutor(8) as pool:
            sessions = dict(
                zip(logins, pool.map(lambda lg: _login(url, db, lg), logins), strict=False)
            )
        login_seconds = time.time() - started
        tokens = {}

        def open_page(login):
            page = sessions[login].get(f"{url}/my/procurement/{round_id}", timeout=120)
            tokens[login] = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)

        with ThreadPoolExecutor(8) as pool:
            list(pool.map(open_page, logins))
        # the last minute: each member (one phone) saves a material, changes it, saves a
        # second one; 24 members at a time; the officer closes the round when half of the
        # saves are sent. In the window: each raises its first material twice and its second
        # once (the demand entered before the deadline is 1 to 13 kg)
        steps = ((0, 14), (0, 20), (1, 16)) if load.get("window") else ((0, 10), (0, 14), (1, 7))
        plan = [
            [(login, load["products"][product], qty) for product, qty in steps]
            for login in random.Random(1).sample(logins, len(logins))
        ]
        total = sum(len(member_plan) for member_plan in plan)
        results = []  # (login, product, qty, status, seconds, sent at)
        lock = threading.Lock()
        closed_at = {}
        done = Counter()

        def save(item):
            login, product, qty = item
            t0 = time.time()
            try:
                response = sessions[login].post(
                    f"{url}/my/procurement/{round_id}/demand",
                    data={"csrf_token": tokens[login], "product_id": str(product), "qty": str(qty)},
                    allow_redirects=False,
                    timeout=300,
                )
                status = response.status_code
                if status == 303 and "refused=closed" in response.headers.get("Location", ""):
                    # answered like a save: the round's page with its message
                    status = "refused: round closed"
                elif status == 400 and (
                    "not open for demand" in response.text or "being closed" in response.text
                ):
                    status = "refused: round closed"
                elif status == 400 and "Many members are saving" in response.text:
                    status = "refused: busy, send again"
                elif status == 400:
                    message = ERROR_ALERT.search(response.text)
                    status = f"refused: {message[1].strip()[:80] if message else 'other'}"
            except requests.RequestException as exc:
                status = f"client error {type(exc).__name__}"
            with lock:
                results.append((login, product, qty, status, time.time() - t0, t0))
                done["n"] += 1

        def officer_close():
            while done["n"] < total // 2:
                time.sleep(0.05)
            admin = _login(url, db, "admin")

            def call(method, **kwargs):  # as the web client calls a round's method
                return admin.post(
                    f"{url}/web/dataset/call_kw/umkm.procurement.round/{method}",
                    json={
                        "params": {
                            "model": "umkm.procurement.round",
                            "method": method,
                            "args": [[round_id]],
                            "kwargs": kwargs,
                        }
                    },
                    timeout=300,
                )

            # the officer has the round's form open (its first request of the hour also logs
            # the officer's device: Odoo writes it in that request's transaction)
            call("web_read", specification={"name": {}, "state": {}}).raise_for_status()
            t0 = time.time()
            # as the round's Close button asks
            reply = call("action_close", context={"umkm_close_gate_first": True}).json()
            closed_at["t"] = time.time()
            closed_at["seconds"] = closed_at["t"] - t0
            closed_at["error"] = reply.get("error", {}).get("data", {}).get("message")

        # where the 2 cores go during the rush: the Odoo workers, PostgreSQL, the bench's
        # own clients (this process)
        workers = [pid for server in servers for pid in server.children()]
        cpu_before = (_cpu_seconds(workers), _cpu_seconds(_postgres_pids()), os.times())
        started = time.time()
        closer = threading.Thread(target=officer_close)
        closer.start()
        with ThreadPoolExecutor(24) as pool:
            list(pool.map(lambda member_plan: [save(item) for item in member_plan], plan))
        closer.join()
        elapsed = time.time() - started
        cpu_after = (_cpu_seconds(workers), _cpu_seconds(_postgres_pids()), os.times())
        cpu = {
            "Odoo workers": _cpu_used(cpu_before[0], cpu_after[0]),
            "PostgreSQL": _cpu_used(cpu_before[1], cpu_after[1]),
            "the bench's clients": (cpu_after[2].user + cpu_after[2].system)
            - (cpu_before[2].user + cpu_before[2].system),
        }
    finally:
        if nginx:
            nginx.terminate()
        retries = Counter()
        served = []  # (status, queries, server ms) of each save, from the servers' logs
        closes = []  # (queries, server ms) of the officer's close
        for server in servers:
            with open(server.log.name) as log:
                text = log.read()
            retries.update(RETRY_LINE.findall(text))
            served += [
                (status, int(q), (float(sql) + float(rest)) * 1000)
                for status, q, sql, rest in SAVE_LINE.findall(text)
            ]
            closes += [
                (int(q), (float(sql) + float(rest)) * 1000)
                for _status, q, sql, rest in CLOSE_LINE.findall(text)
            ]
            server.stop()

    if os.environ.get("UMKM_BENCH_DUMP"):  # each save (login, product, qty, status, s, sent)
        with open(f"{os.environ['UMKM_BENCH_DUMP']}-{label.replace(' ', '_')}.json", "w") as out:
            json.dump({"saves": results, "closed_at": closed_at, "started": started}, out)
    latencies = [r[4] for r in results]
    kinds = Counter(str(r[3]) for r in results)
    # conservation: the last accepted quantity of each member and material is in the round,
    # once; nothing accepted is missing, nothing refused is there
    accepted = dict(load.get("initial", {}))
    for login, product, qty, status, _s, _t0 in sorted(results, key=lambda r: r[5]):
        if status == 303:
            accepted[(load["members"][login], product)] = qty
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        rnd = env["umkm.procurement.round"].browse(round_id)
        demands = rnd.demand_ids.filtered(lambda d: d.state != "cancel")
        in_round = Counter((d.member_id.id, d.product_id.id) for d in demands)
        qty_of = {(d.member_id.id, d.product_id.id): d.qty for d in demands}
        duplicates = sum(1 for n in in_round.values() if n > 1)
        missing = sum(1 for key in accepted if key not in in_round)
        wrong_qty = sum(1 for key, qty in accepted.items() if qty_of.get(key) != qty)
        uncounted = sum(1 for key in in_round if key not in accepted)
        states = Counter(demands.mapped("state"))
        per_product = Counter()
        for demand in demands:
            per_product[demand.product_id.id] += demand.qty
        totals_ok = all(line.qty_demand == per_product[line.product_id.id] for line in rnd.line_ids)
        state = rnd.state
    ok = not (duplicates or missing or wrong_qty or uncounted) and totals_ok and state == "closed"
    report_line(
        f"{label}: Odoo's retries of a transaction that failed to serialize or lock: "
        f"{sum(retries.values())} ({sum(retries.values()) / max(len(results), 1):.2f} per save) "
        + ", ".join(f"{code}: {n}" for code, n in sorted(retries.items()))
    )
    if not load.get("window"):
        report_line(_profile_one_save(registry, load))
    kinds_served = (
        ("303", "answered with the round's address (saved, or refused: the round closed)"),
        ("400", "refused with the form again"),
    )
    for status, kind in kinds_served:
        times = sorted(ms for st, _q, ms in served if st == status)
        queries = sorted(q for st, q, _ms in served if st == status)
        if times:
            report_line(
                f"{label}: server time of a save {kind}: median {statistics.median(times):.0f} "
                f"ms, p95 {_percentile(times, 95):.0f} ms, {statistics.median(queries):.0f} "
                f"queries ({len(times)} saves); the rest of a member's wait is the queue for "
                "the 4 workers"
            )
    per_save = 1000 / max(len(results), 1)  # seconds in all -> ms per save
    report_line(
        f"{label}: CPU per save during the rush ({2 * elapsed * per_save:.0f} ms of the 2 "
        "cores' time per save): "
        + ", ".join(f"{name} {used * per_save:.1f} ms" for name, used in cpu.items())
    )
    report_line(
        f"{label}: {len(logins)} members, {total} demand saves, "
        f"{'4 workers' if hosts == 1 else f'{hosts} hosts behind nginx'} | "
        f"{len(results) / elapsed:.1f} saves/s over {elapsed:.1f} s | "
        f"p50 {statistics.median(latencies) * 1000:.0f} ms, "
        f"p95 {_percentile(latencies, 95) * 1000:.0f} ms, "
        f"p99 {_percentile(latencies, 99) * 1000:.0f} ms | "
        + ", ".join(f"{k}: {v}" for k, v in sorted(kinds.items()))
    )
    rate, p95 = len(results) / elapsed, _percentile(latencies, 95) * 1000
    met = rate >= 2 * RUSH_BEFORE_SAVES_PER_S and p95 <= RUSH_TARGET_P95_MS and ok
    met = met and not any(str(kind).startswith("5") for kind in kinds)
    report_line(
        f"{label}: target >= {2 * RUSH_BEFORE_SAVES_PER_S:.1f} saves/s (twice the "
        f"{RUSH_BEFORE_SAVES_PER_S} before), p95 <= {RUSH_TARGET_P95_MS} ms, no 500, "
        f"conservation exact: {'met' if met else 'NOT met'} ({rate:.1f} saves/s, p95 {p95:.0f} ms)"
    )
    close_error = f" (error: {closed_at['error']})" if closed_at.get("error") else ""
    report_line(
        f"{label}: logins {len(logins)} in {login_seconds:.1f} s; officer's close took "
        f"{closed_at.get('seconds', 0):.2f} s{close_error}"
        + "".join(
            f" (in the server {ms / 1000:.2f} s, {q} queries; the rest waited for a worker)"
            for q, ms in closes
        )
        + "; "
        f"round {state}, demand states {dict(states)}"
    )
    close_s = closed_at.get("seconds")
    close_met = close_s is not None and close_s <= CLOSE_BEFORE_S and not close_error
    report_line(
        f"{label}: target: the officer's close from its click unchanged (<= {CLOSE_BEFORE_S:.2f} "
        f"s before the places): {'met' if close_met else 'NOT met'} ({close_s or 0:.2f} s)"
    )
    report_line(
        f"{label}: conservation {'OK' if ok else 'FAILED'}: {len(accepted)} member x material "
        f"accepted last saves, {len(in_round)} in the round; duplicates {duplicates}, missing "
        f"{missing}, wrong quantity {wrong_qty}, counted but never accepted {uncounted}, "
        f"line totals {'exact' if totals_ok else 'WRONG'}"
    )
    return ok


# ---------------------------------------------------------------------------------------------
def _allocated_round(data, code, members_count, materials):
    """A round of a new cluster of ``members_count`` members: closed, ordered, received in
    full and allocated."""
    cluster, members = data.cluster(code, members_count)
    rnd = data.procurement_round(cluster, members, materials)
    rnd.action_close()
    rnd.action_create_purchase_orders()
    rnd.purchase_ids.button_confirm()
    for picking in rnd.purchase_ids.picking_ids:
        for move in picking.move_ids:
            move.quantity = move.product_uom_qty
            move.picked = True
        picking.button_validate()
    rnd.action_allocate()
    return rnd


def setup_invoicing(env, data, members_count):
    """An allocated round of ``members_count`` members, its invoices queued for the job."""
    from odoo import fields  # noqa: PLC0415

    rnd = _allocated_round(data, "KILL", members_count, data.materials(2))
    params = env["ir.config_parameter"].sudo()
    params.set_param("umkm_joint_procurement.background_invoices", "10")
    params.set_param("umkm_joint_procurement.invoices_per_job", "25")
    rnd.action_create_member_invoices()
    assert rnd.invoicing_queued
    cron = env.ref("umkm_joint_procurement.ir_cron_member_invoices")
    cron.nextcall = fields.Datetime.now() + timedelta(days=1)  # until the server runs it
    return rnd.id


def setup_parallel_invoicing(env, data, members_count, batch=50):
    """Two allocated rounds of ``members_count`` members, their invoices not yet asked for:
    one for the job with one cron worker, one for the job with two."""
    params = env["ir.config_parameter"].sudo()
    params.set_param("umkm_joint_procurement.background_invoices", "10")
    params.set_param("umkm_joint_procurement.invoices_per_job", str(batch))
    materials = data.materials(2)
    round_ids = []
    for code in ("PAR1", "PAR2"):
        round_ids.append(_allocated_round(data, code, members_count, materials).id)
    return round_ids


def bench_parallel_invoicing(db, addons_path, registry, round_ids, report_line):
    """The member invoices of a large round by the background job with one cron worker, then
    (another round of the same size) with two: the job's two workers take batches of members
    at once (``SKIP LOCKED``). Timed from the first invoice to the round invoiced."""
    from odoo import SUPERUSER_ID, api  # noqa: PLC0415

    def state(round_id):
        with registry.cursor() as cr:
            cr.execute(
                "SELECT count(*) FROM account_move WHERE umkm_round_id = %s AND state != 'cancel'",
                [round_id],
            )
            count = cr.fetchone()[0]
            cr.execute(
                "SELECT invoicing_queued FROM umkm_procurement_round WHERE id = %s", [round_id]
            )
            return count, cr.fetchone()[0]

    times = {}
    for round_id, crons in zip(round_ids, (1, 2), strict=True):
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["umkm.procurement.round"].browse(round_id).action_create_member_invoices()
        server = PreforkServer(db, addons_path, workers=1, cron=crons)
        first = None
        try:
            started = time.time()
            while time.time() - started < 900:
                count, queued = state(round_id)
                if count and first is None:
                    first = time.time()
                if not queued:
                    break
                time.sleep(0.2)
            done = time.time()
        finally:
            server.stop()
        count, queued = state(round_id)
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            rnd = env["umkm.procurement.round"].browse(round_id)
            invoices = rnd.invoice_ids.filtered(lambda m: m.state != "cancel")
            two = len(invoices) - len(invoices.partner_id)
            exact = rnd.currency_id.is_zero(
                sum(invoices.mapped("amount_untaxed"))
                - sum(rnd.allocation_ids.mapped("amount_total"))
            )
        times[crons] = done - (first or done)
        report_line(
            f"member invoices by the job, {crons} cron worker{'s' if crons > 1 else ''} | "
            f"{count} invoices in {times[crons]:.1f} s (first invoice to the round invoiced) | "
            f"{'finished' if not queued else 'NOT finished'}, members with two: {two}, "
            f"invoiced = allocated: {'exact' if exact else 'NOT exact'}"
        )
    ratio = times[2] / times[1] if times[1] else float("nan")
    report_line(
        f"two workers against one: {ratio:.2f}x the time (target <= 0.6x): "
        f"{'met' if ratio <= 0.6 else 'not met'}"
    )


def bench_kill_invoicing(db, addons_path, registry, round_id, report_line):
    """kill -9 of the cron worker after its first batch; the job resumes."""
    from odoo import SUPERUSER_ID, api, fields  # noqa: PLC0415

    def count():
        with registry.cursor() as cr:
            cr.execute(
                "SELECT count(*) FROM account_move WHERE umkm_round_id = %s AND state != 'cancel'",
                [round_id],
            )
            return cr.fetchone()[0]

    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        env.ref("umkm_joint_procurement.ir_cron_member_invoices").nextcall = fields.Datetime.now()
    server = PreforkServer(db, addons_path, workers=2, cron=1)
    killed = None
    try:
        started = time.time()
        while time.time() - started < 300 and count() == 0:
            time.sleep(0.2)
        # the first batch is committed: kill the cron worker while it makes the next one
        with open(server.log.name) as log:
            text = log.read()
        cron_pids = {
            int(p) for p in re.findall(r" (\d+) INFO \S+ odoo\.addons\.base\.models\.ir_cron", text)
        }
        cron_pids &= set(server.children())
        if cron_pids:
            killed = cron_pids.pop()
            os.kill(killed, signal.SIGKILL)
        at_kill = count()
        while time.time() - started < 600:
            with registry.cursor() as cr:
                cr.execute(
                    "SELECT invoicing_queued FROM umkm_procurement_round WHERE id = %s", [round_id]
                )
                if not cr.fetchone()[0]:
                    break
            time.sleep(0.5)
        elapsed = time.time() - started
    finally:
        server.stop()
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        rnd = env["umkm.procurement.round"].browse(round_id)
        invoices = rnd.invoice_ids.filtered(lambda m: m.state != "cancel")
        per_member = Counter(invoices.partner_id.commercial_partner_id.ids)
        two = sum(1 for n in per_member.values() if n > 1)
        allocated = sum(rnd.allocation_ids.mapped("amount_total"))
        invoiced = sum(invoices.mapped("amount_untaxed"))
        members = len(set(rnd.allocation_ids.filtered("amount_total").member_id.ids))
        queued = rnd.invoicing_queued
    exact = round(allocated - invoiced, 2) == 0
    ok = killed and not queued and not two and len(invoices) == members and exact
    report_line(
        f"fault: kill -9 of the cron worker (pid {killed}) with {at_kill} of {members} invoices "
        f"made | job {'resumed and finished' if not queued else 'NOT finished'} in {elapsed:.1f} s"
        f" | {len(invoices)} invoices, members with two: {two} | allocated {allocated:,.0f} = "
        f"invoiced untaxed {invoiced:,.0f}: {'exact' if exact else 'NOT exact'} | "
        f"{'OK' if ok else 'FAILED'}"
    )  # fmt: skip
    return ok


# ---------------------------------------------------------------------------------------------
def _restart_postgres():
    for command in (
        ["pg_ctlcluster", "--force", "15", "main", "restart"],
        ["service", "postgresql", "restart"],
    ):
        if (
            shutil.which(command[0])
            and subprocess.run(command, capture_output=True, check=False).returncode == 0
        ):
            return True
    return False  # fmt: skip


def bench_postgres_restart(db, addons_path, login, report_line):
    """Portal traffic while PostgreSQL restarts: failures while it is down, then served again."""
    if os.geteuid() != 0:
        report_line("fault: PostgreSQL restart skipped: not root")
        return True
    server = PreforkServer(db, addons_path, workers=4)
    outcomes = []
    try:
        session = _login(server.url, db, login)
        stop = time.time() + 25
        restarted = {}

        def restart():
            time.sleep(5)
            restarted["t0"] = time.time()
            restarted["ok"] = _restart_postgres()
            restarted["t1"] = time.time()

        thread = threading.Thread(target=restart)
        thread.start()
        while time.time() < stop:
            t0 = time.time()
            try:
                status = session.get(f"{server.url}/my/procurement", timeout=30).status_code
            except requests.RequestException as exc:
                status = type(exc).__name__
            outcomes.append((t0, status))
            time.sleep(0.1)
        thread.join()
    finally:
        server.stop()
    after = [s for t, s in outcomes if t > restarted.get("t1", 0) + 3]
    failed = Counter(str(s) for _t, s in outcomes if s != 200)
    recovered = bool(after) and all(s == 200 for s in after[-20:])
    first_ok = next((t for t, s in outcomes if t > restarted.get("t1", 0) and s == 200), None)
    report_line(
        f"fault: PostgreSQL restarted ({restarted.get('t1', 0) - restarted.get('t0', 0):.1f} s) "
        f"during {len(outcomes)} portal requests | failed: "
        + (", ".join(f"{k} {v}" for k, v in failed.items()) or "none")
        + f" | served again {((first_ok or 0) - restarted.get('t1', 0)):.1f} s after, without "
        f"manual steps: {'OK' if recovered and restarted.get('ok') else 'FAILED'}"
    )
    return recovered
