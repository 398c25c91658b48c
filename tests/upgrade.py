"""What the upgrade tests share: install the suite's layout of an older commit (``git archive``
of its ``addons/``) without demo data, create records with it through an ``odoo shell``
script, update ``umkm_partnership`` with today's addons, and read the result back through
another script. Each script prints one ``UMKM_RESULT <json>`` line."""

import json
import os
import subprocess
import sys
import tarfile
from pathlib import Path

import psycopg2

import odoo

ROOT = Path(__file__).resolve().parent.parent


def run_odoo(addons_path, db, *args, stdin=None, env=None):
    command = [
        sys.executable,
        "-m",
        "odoo",
        *args,
        "-c",
        str(ROOT / "config" / "odoo-local.conf"),
        f"--addons-path={addons_path}",
        "-d",
        db,
        "--log-level=warn",
    ]
    result = subprocess.run(
        command,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=1500,
        env={**os.environ, **(env or {})},
    )
    log = result.stdout + result.stderr
    assert result.returncode == 0, log[-3000:]
    assert " ERROR " not in log, log[-3000:]
    return log


def run_shell(addons_path, db, script, env=None):
    log = run_odoo(
        addons_path, db, "shell", "--no-http", stdin="import json, os\n" + script, env=env
    )
    line = next(line for line in log.splitlines() if line.startswith("UMKM_RESULT "))
    return json.loads(line.removeprefix("UMKM_RESULT "))


def upgrade_old_layout(tmp_path, commit, install, create, check):
    """Install ``install`` (addon names) as of ``commit``, run ``create`` on it, update the
    installed addons with today's code (as a deployment of a new release does: ``-u`` of the
    suite's addons, ``umkm_partnership``'s migration among them) and return what ``check``
    prints (it reads the ids ``create`` printed from ``UMKM_IDS``), with ``create``'s
    result."""
    archive = tmp_path / "old.tar"
    subprocess.run(
        ["git", "-C", str(ROOT), "archive", "-o", str(archive), commit, "addons"], check=True
    )
    with tarfile.open(archive) as tar:
        tar.extractall(tmp_path, filter="data")
    new_path = odoo.tools.config["addons_path"]
    suite = str(ROOT / "addons")
    paths = [p for p in new_path.split(",") if os.path.realpath(p) != os.path.realpath(suite)]
    old_path = ",".join([*paths, str(tmp_path / "addons")])
    db = f"umkm_upgrade_test_{os.getpid()}"
    try:
        run_odoo(old_path, db, "-i", ",".join(install), "--without-demo=all", "--stop-after-init")
        ids = run_shell(old_path, db, create)
        run_odoo(new_path, db, "-u", ",".join(install), "--stop-after-init")
        result = run_shell(new_path, db, check, env={"UMKM_IDS": json.dumps(ids)})
    finally:
        odoo.sql_db.close_all()
        conn = psycopg2.connect(dbname="postgres")
        conn.autocommit = True
        with conn.cursor() as cr:
            cr.execute(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')
        conn.close()
    return ids, result
