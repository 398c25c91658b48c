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


PROD = yaml.safe_load((ROOT / "docker-compose.prod.yml").read_text())


def _prod_conf():
    conf = configparser.ConfigParser()
    conf.read(ROOT / "config" / "odoo.prod.conf")
    return conf["options"]


def test_production_profile_runs_workers_behind_a_proxy():
    services = PROD["services"]
    assert set(services) == {"db", "odoo", "nginx", "backup"}
    options = _prod_conf()
    assert int(options["workers"]) >= 2
    assert int(options["max_cron_threads"]) >= 1
    assert options["gevent_port"] == "8072"
    assert options["proxy_mode"] == "True"
    assert options["list_db"] == "False"
    assert options["without_demo"] == "True"
    for limit in ("limit_memory_soft", "limit_memory_hard", "limit_time_cpu", "limit_time_real"):
        assert int(options[limit]) > 0
    # Odoo is reached through nginx only
    assert "ports" not in services["odoo"]
    assert services["nginx"]["ports"] == ["80:80"]
    assert services["odoo"]["command"][:2] == ["bash", "/mnt/bin/odoo-prod"]


def test_production_secrets_come_from_the_environment():
    options = _prod_conf()
    assert "db_password" not in options and "admin_passwd" not in options
    odoo_env = PROD["services"]["odoo"]["environment"]
    assert odoo_env["ODOO_MASTER_PASSWORD"].startswith("${ODOO_MASTER_PASSWORD:?")
    assert odoo_env["PGPASSWORD"].startswith("${ODOO_DB_PASSWORD:?")
    assert PROD["services"]["db"]["environment"]["POSTGRES_PASSWORD"].startswith(
        "${ODOO_DB_PASSWORD:?"
    )
    entry = (ROOT / "bin" / "odoo-prod").read_text()
    assert "admin_passwd = $ODOO_MASTER_PASSWORD" in entry
    assert ".env" in (ROOT / ".gitignore").read_text().split()


def test_nginx_routes_websockets_and_takes_drawings():
    nginx = (ROOT / "config" / "nginx.conf").read_text()
    assert "server odoo:8072;" in nginx and "server odoo:8069;" in nginx
    websocket = nginx.split("location /websocket {")[1].split("}")[0]
    assert "proxy_pass http://odoochat;" in websocket
    assert "proxy_set_header Upgrade $http_upgrade;" in websocket
    assert "client_max_body_size 64m;" in nginx
    assert "gzip on;" in nginx
    assert "X-Forwarded-Proto" in nginx


def test_daily_backup_service():
    backup = PROD["services"]["backup"]
    assert backup["image"] == PROD["services"]["db"]["image"]  # pg_dump of the server's version
    assert backup["command"][1:3] == ["/mnt/bin/backup", "--daily"]
    assert "odoo-data:/var/lib/odoo" in backup["volumes"]
