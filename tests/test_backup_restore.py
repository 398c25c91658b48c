"""bin/backup and bin/restore on the local PostgreSQL: a backup of the test database restored
into a new database holds every record of every table and every file of the filestore."""

import os
import subprocess
from pathlib import Path

import psycopg2
from psycopg2 import sql

import odoo

ROOT = Path(__file__).resolve().parent.parent


def _counts(dbname):
    """``{table: (rows, max id)}`` of every table of the database."""
    with psycopg2.connect(dbname=dbname) as conn, conn.cursor() as cr:
        cr.execute(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
        )
        tables = sorted(name for (name,) in cr.fetchall())
        counts = {}
        for table in tables:
            cr.execute(sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table)))
            counts[table] = cr.fetchone()[0]
    return counts


def _files(path):
    return sorted(str(p.relative_to(path)) for p in Path(path).rglob("*") if p.is_file())


def test_backup_restores_every_record_and_file(tmp_path):
    source = odoo.tools.config["db_name"]
    assert source, "run under pytest-odoo (--odoo-database)"
    data_dir = odoo.tools.config["data_dir"]
    env = {**os.environ, "ODOO_DATA_DIR": data_dir}
    target = f"{source}_restored"[:63]
    archive = subprocess.run(
        ["bash", str(ROOT / "bin" / "backup"), source, str(tmp_path)],
        check=True,
        capture_output=True,
        text=True,
        env=env,
    ).stdout.strip()
    assert Path(archive).is_file() and archive.endswith(".tar.gz")
    try:
        subprocess.run(
            ["bash", str(ROOT / "bin" / "restore"), archive, target],
            check=True,
            capture_output=True,
            text=True,
            env=env,
        )
        before, after = _counts(source), _counts(target)
        assert set(before) == set(after)
        assert before == after
        # the suite's own records and the documents it links are all there
        for table in ("umkm_member", "umkm_procurement_round", "purchase_order", "sale_order"):
            assert table in after
        assert after["umkm_member"] > 0
        assert _files(Path(data_dir, "filestore", source)) == _files(
            Path(data_dir, "filestore", target)
        )
        assert _files(Path(data_dir, "filestore", target))
        # never over an existing database
        again = subprocess.run(
            ["bash", str(ROOT / "bin" / "restore"), archive, target],
            capture_output=True,
            text=True,
            env=env,
        )
        assert again.returncode == 2
        assert "exists" in again.stderr
    finally:
        subprocess.run(["dropdb", "--if-exists", "--force", target], check=False)
        subprocess.run(["rm", "-rf", str(Path(data_dir, "filestore", target))], check=False)
