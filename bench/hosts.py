"""Two Odoo hosts on one PostgreSQL behind nginx (issue "Scale out", item 2).

Two prefork servers (separate processes and ports, one data directory, one database), each
with its own cron worker, behind nginx on loopback (``config/nginx.conf``'s layout with an
upstream of both). Checks and prints:

- a member logged in through nginx is served by either host with the same session (no second
  login: the sessions are files of the shared data directory);
- a notification sent while the member listens on the *other* host's websocket reaches it (the
  bus is PostgreSQL's LISTEN/NOTIFY);
- a cron job triggered while both hosts run cron runs once per trigger (Odoo takes a job with
  ``FOR NO KEY UPDATE SKIP LOCKED``).

The deadline rush through nginx is not measured here (``--load`` measures it on one host).
"""

import json
import time

import requests
from load import PASSWORD, PreforkServer, _login, start_nginx


def setup_hosts(env):
    """A member's portal login and a cron job that counts its runs."""
    member_user = env["res.users"].create(
        {
            "name": "Hosts member",
            "login": "hosts_member",
            "groups_id": [(6, 0, [env.ref("base.group_portal").id])],
        }
    )
    member_user.password = PASSWORD
    cron = env["ir.cron"].create(
        {
            "name": "Bench: count my runs",
            "model_id": env.ref("base.model_ir_config_parameter").id,
            "state": "code",
            "code": (
                "p = env['ir.config_parameter'].sudo()\n"
                "p.set_param('umkm.bench.cron_runs', "
                "str(int(p.get_param('umkm.bench.cron_runs', '0')) + 1))\n"
            ),
            "interval_number": 1,
            "interval_type": "days",
            "nextcall": "2099-01-01 00:00:00",
        }
    )
    return {"login": member_user.login, "partner": member_user.partner_id.id, "cron": cron.id}


def bench_hosts(db, addons_path, registry, data, report_line):
    import websocket  # noqa: PLC0415  (websocket-client, a test requirement)

    from odoo import SUPERUSER_ID, api  # noqa: PLC0415

    servers = [PreforkServer(db, addons_path, workers=2, cron=1) for _i in range(2)]
    nginx, url = start_nginx(servers)
    try:
        for server in servers:
            if not server.websocket_listening():
                raise RuntimeError("a host's websocket worker did not start")
        # 1. one login through nginx, served by both hosts
        session = _login(url, db, data["login"])
        served = []
        for server in servers:
            page = session.get(f"{server.url}/my", timeout=60, allow_redirects=False)
            served.append(page.status_code == 200 and "Hosts member" in page.text)
        report_line(
            f"hosts: one login through nginx, /my on host A and host B with its session: "
            f"{'both served, no second login' if all(served) else f'NOT served {served}'}"
        )
        # 2. listening on host B's websocket, a notification sent from another connection
        cookie = session.cookies.get("session_id")
        ws = websocket.create_connection(
            f"ws://127.0.0.1:{servers[1].gevent_port}/websocket?version=18.0-4",
            cookie=f"session_id={cookie}",
            timeout=20,
        )
        ws.send(json.dumps({"event_name": "subscribe", "data": {"channels": [], "last": 0}}))
        time.sleep(1)
        sent = time.time()
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            partner = env["res.partner"].browse(data["partner"])
            env["bus.bus"]._sendone(partner, "umkm.bench", {"hello": "from another host"})
        received = None
        while time.time() - sent < 15 and received is None:
            for notification in json.loads(ws.recv() or "[]"):
                if notification.get("message", {}).get("type") == "umkm.bench":
                    received = time.time() - sent
        ws.close()
        report_line(
            "hosts: a notification to the member listening on host B's websocket: "
            + (f"received in {received * 1000:.0f} ms" if received is not None else "NOT received")
        )
        # 3. both hosts run cron: a job triggered three times runs three times
        for _i in range(3):
            with registry.cursor() as cr:
                env = api.Environment(cr, SUPERUSER_ID, {})
                env["ir.cron"].browse(data["cron"])._trigger()
            time.sleep(12)
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            runs = int(env["ir.config_parameter"].sudo().get_param("umkm.bench.cron_runs", "0"))
        report_line(
            f"hosts: a job triggered 3 times while both hosts run cron: ran {runs} times "
            f"({'once per trigger' if runs == 3 else 'NOT once per trigger'})"
        )
        # the pages through nginx: the two hosts share the requests
        timings = []
        for _i in range(20):
            started = time.time()
            response = session.get(f"{url}/my", timeout=60)
            timings.append(time.time() - started)
            response.raise_for_status()
        timings.sort()
        report_line(
            f"hosts: /my through nginx, 20 requests: median {timings[10] * 1000:.0f} ms, "
            f"slowest {timings[-1] * 1000:.0f} ms"
        )
    except requests.RequestException as error:
        report_line(f"hosts: FAILED ({error})")
    finally:
        nginx.terminate()
        for server in servers:
            server.stop()
