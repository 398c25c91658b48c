# Shared helpers for bin/serve and bin/test (sourced, not executed).
# Odoo 18.0 must be importable by python3; PostgreSQL is reached the libpq way
# (PGHOST / PGPORT / PGUSER / PGPASSWORD, or the local socket).
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PYTHON="${PYTHON:-python3}"

die() { echo "FAIL: $*" >&2; exit 2; }

check_odoo() {
  "$PYTHON" -c "import odoo, sys; sys.exit(0 if odoo.release.version_info[:2] == (18, 0) else 1)" \
    2>/dev/null || die "Odoo 18.0 is not importable by $PYTHON (python3 -c 'import odoo' must print 18.0)"
}

check_postgres() {
  "$PYTHON" -c "import psycopg2; psycopg2.connect(dbname='postgres').close()" 2>/dev/null \
    || die "PostgreSQL is unreachable (set PGHOST/PGPORT/PGUSER/PGPASSWORD or start the local server)"
}

# Odoo's own addons directories, the addons of the Odoo Community Association the suite depends
# on (requirements-addons.txt, installed into .addons-vendor by bin/vendor-addons when missing),
# then the suite's addons/.
addons_path() {
  local vendor
  vendor="$(PYTHON="$PYTHON" bash "$ROOT/bin/vendor-addons")" \
    || die "could not install the addons of requirements-addons.txt (bin/vendor-addons)"
  "$PYTHON" - "$vendor" "$ROOT/addons" <<'PY'
import os, sys
import odoo
root = os.path.dirname(os.path.abspath(odoo.__file__))
paths = [os.path.join(root, "addons"), os.path.abspath(os.path.join(root, "..", "addons"))]
paths = [p for p in paths if os.path.isdir(os.path.join(p, "base")) or os.path.isdir(os.path.join(p, "web"))]
print(",".join(paths + sys.argv[1:]))
PY
}

# Every addon of the suite, comma separated, in dependency-safe alphabetical order
# (Odoo resolves the order itself).
suite_addons() {
  local names=()
  for m in "$ROOT"/addons/*/__manifest__.py; do
    names+=("$(basename "$(dirname "$m")")")
  done
  (IFS=,; echo "${names[*]}")
}

odoo_cmd() {
  "$PYTHON" -m odoo "$@"
}
