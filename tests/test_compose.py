"""No Docker engine runs on our machines: check the compose file's structure instead."""

import configparser
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
SERVICES = COMPOSE["services"]


def suite_addons():
    return sorted(p.parent.name for p in (ROOT / "addons").glob("*/__manifest__.py"))


def test_services_and_images():
    assert set(SERVICES) == {"db", "odoo", "tests"}
    assert SERVICES["db"]["image"] == "postgres:16"
    assert SERVICES["odoo"]["image"] == "odoo:18.0"
    assert SERVICES["tests"]["image"] == "odoo:18.0"
    assert SERVICES["odoo"]["ports"] == ["8069:8069"]


def test_healthchecks_and_start_order():
    assert "pg_isready" in " ".join(SERVICES["db"]["healthcheck"]["test"])
    assert "/web/health" in " ".join(SERVICES["odoo"]["healthcheck"]["test"])
    for name in ("odoo", "tests"):
        assert SERVICES[name]["depends_on"] == {"db": {"condition": "service_healthy"}}


def test_mounted_paths_exist():
    for name in ("odoo", "tests"):
        for volume in SERVICES[name]["volumes"]:
            source = volume.split(":")[0]
            if source.startswith("."):
                assert (ROOT / source).exists(), f"{name} mounts missing {source}"
    assert "./addons:/mnt/extra-addons:ro" in SERVICES["odoo"]["volumes"]
    assert "./config/odoo.conf:/etc/odoo/odoo.conf:ro" in SERVICES["odoo"]["volumes"]
    for named in ("db-data", "odoo-data"):
        assert named in COMPOSE["volumes"]


def test_first_start_installs_every_addon_with_demo():
    """The first start creates the demo database with bin/demo-db (as bin/serve does): the
    Indonesian company with l10n_id, then every addon of the suite."""
    assert "./bin:/mnt/bin:ro" in SERVICES["odoo"]["volumes"]
    script = SERVICES["odoo"]["command"][-1].split()
    assert script[:3] == ["python3", "/mnt/bin/demo-db", "umkm"]
    assert sorted(script[3].split(",")) == suite_addons()
    assert script[4:6] == ["-c", "/etc/odoo/odoo.conf"]
    assert script[-3:] == ["odoo", "-c", "/etc/odoo/odoo.conf"]
    assert '"$ROOT/bin/demo-db" "$DB" "$(suite_addons)"' in (ROOT / "bin" / "serve").read_text()
    conf = configparser.ConfigParser()
    conf.read(ROOT / "config" / "odoo.conf")
    options = conf["options"]
    assert options["db_host"] == "db"
    assert options["db_name"] == "umkm"
    assert options["addons_path"] == "/mnt/extra-addons"
    assert options["without_demo"] == "False"
    assert options["db_user"] == SERVICES["db"]["environment"]["POSTGRES_USER"]
    assert options["db_password"] == SERVICES["db"]["environment"]["POSTGRES_PASSWORD"]


def test_tests_service_runs_the_test_command():
    tests = SERVICES["tests"]
    assert tests["profiles"] == ["test"]
    assert tests["entrypoint"][-1].endswith("bin/docker-test")
    assert "bin/test" in (ROOT / "bin" / "docker-test").read_text()
    assert tests["environment"]["PGHOST"] == "db"
    assert "exec bash bin/test" in (ROOT / ".ci" / "run").read_text().splitlines()
