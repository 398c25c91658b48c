"""The suite's one raw-SQL layer: batch inserts and updates of the suite's own tables, one
grouped read, and the row locks of a job that must not wait. Its users write and read
thousands of rows at once: a round's allocations and demand (1,000 members: 20,000
allocations), the SHU of a year's member shares and the cluster's monthly figures (1,000
members x 12 months).

A round of 1,000 members has 20,000 allocations: created or rewritten through the ORM, they
cost seconds of per-record Python (defaults, precomputed fields, conversions). Where a model's
rows are computed beforehand, they are written with one ``INSERT ... SELECT FROM unnest()`` or
``UPDATE ... FROM unnest()`` whose column arrays are sent as text literals. Both check what the
ORM would check (access rights, and the record rules for every row in one query), write only
tables of ``umkm.*`` models, and keep the ORM's cache right (written fields invalidated, their
dependants marked as after a ``write``). Odoo's own tables are never written here: they go
through Odoo's model API.
"""

import json

from odoo.osv import expression
from odoo.tools import SQL

_NUMBERS = {int, float}


def _array_item(value, column_type):
    if column_type == "bool":
        return "NULL" if value is None else ("t" if value else "f")
    if value is None or value is False:
        return "NULL"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, dict | list):
        value = json.dumps(value)
    # quoted element of a PostgreSQL array literal
    return '"%s"' % str(value).replace("\\", "\\\\").replace('"', '\\"')


def column_arrays(model, columns, rows):
    """``unnest(%s::type[], ...)`` arguments of the ``columns`` of ``model`` for ``rows``
    (tuples in column order; ``None`` for NULL). Arrays go as text literals (``'{1,2,3}'``):
    PostgreSQL parses one literal of 20,000 numbers six times faster than an ``ARRAY[...]``
    of 20,000 parameters."""
    arrays = list(zip(*rows, strict=True)) if rows else [()] * len(columns)
    sql_arrays = []
    for name, values in zip(columns, arrays, strict=True):
        kind, column_type = model._fields[name].column_type
        if kind != "bool" and set(map(type, values)) <= _NUMBERS:
            items = map(repr, values)  # numbers without NULLs: the common case, fast
        else:
            items = (_array_item(value, kind) for value in values)
        literal = "{%s}" % ",".join(items)
        sql_arrays.append(SQL(f"%s::{column_type}[]", literal))
    return SQL(", ").join(sql_arrays)


def _check_own_table(model):
    if not model._name.startswith("umkm.") or model._abstract or not model._auto:
        raise ValueError(f"sql_batch writes only the suite's own tables, not {model._name}")


def insert_rows(model, columns, rows, computed=None):
    """Insert ``rows`` (tuples in ``columns`` order) into ``model``'s table in one query, with
    the log-access columns of the current user, and return the new records (in row order).
    ``computed``: ``{column: SQL expression of the row's columns v.<name>}`` for columns
    computed in the query. The record rules for creation are checked on all of them, as
    ``create`` does."""
    computed = computed or {}
    _check_own_table(model)
    if not rows:
        return model.browse()
    model.check_access("create")
    model.env.cr.execute(
        SQL(
            """
            INSERT INTO %(table)s (%(targets)s, create_uid, create_date, write_uid, write_date)
            SELECT %(values)s, %(uid)s, now() at time zone 'UTC',
                   %(uid)s, now() at time zone 'UTC'
              FROM unnest(%(arrays)s) WITH ORDINALITY AS v(%(columns)s, ordinality)
             ORDER BY v.ordinality
         RETURNING id
            """,
            table=SQL.identifier(model._table),
            targets=SQL(", ").join(map(SQL.identifier, [*columns, *computed])),
            columns=SQL(", ").join(map(SQL.identifier, columns)),
            values=SQL(", ").join(
                [*(SQL.identifier("v", name) for name in columns), *computed.values()]
            ),
            uid=model.env.uid,
            arrays=column_arrays(model, columns, rows),
        )
    )
    records = model.browse(row[0] for row in model.env.cr.fetchall())
    check_create_rules(records)
    return records


def check_create_rules(records):
    """Raise the ORM's access error unless the record rules let the user create ``records``:
    one query for all of them (``check_access`` queries them 1,000 records at a time)."""
    rule_domain = records.env["ir.rule"]._compute_domain(records._name, "create")
    if not rule_domain or records.env.su:
        return
    allowed = records.sudo().search(expression.AND([[("id", "in", records.ids)], rule_domain]))
    forbidden = records - allowed.with_env(records.env)
    if forbidden:
        raise records.env["ir.rule"]._make_access_error("create", forbidden)


def update_rows(model, columns, rows, computed=None):
    """Write ``rows`` (``(id, value of each of columns...)`` tuples) on ``model``'s records in
    one query, with the log-access columns of the current user, and return the records.

    ``computed``: ``{column: SQL expression of the row's new values v.<name> and the old
    ones a.<name>}`` for stored computed fields written in the same query (they are not
    recomputed afterwards). The user must be allowed to write every record (access rights
    and record rules, as ``write`` checks them); pending ORM writes of the columns are
    flushed first, the written fields are invalidated and their dependants marked, as after
    ``write``. ``write()`` overrides and constraints are not run: the callers write values
    they validated.
    """
    computed = computed or {}
    _check_own_table(model)
    records = model.browse(row[0] for row in rows)
    if not records:
        return records
    records.check_access("write")
    names = [*columns, *computed]
    records.flush_recordset(names)
    assignments = [SQL("%s = v.%s", SQL.identifier(name), SQL.identifier(name)) for name in columns]
    assignments += [SQL("%s = %s", SQL.identifier(name), expr) for name, expr in computed.items()]
    model.env.cr.execute(
        SQL(
            """
            UPDATE %(table)s AS a
               SET %(assignments)s, write_uid = %(uid)s, write_date = now() at time zone 'UTC'
              FROM unnest(%(arrays)s) AS v(%(columns)s)
             WHERE a.id = v.id
            """,
            table=SQL.identifier(model._table),
            assignments=SQL(", ").join(assignments),
            uid=model.env.uid,
            arrays=column_arrays(model, ("id", *columns), rows),
            columns=SQL(", ").join(map(SQL.identifier, ("id", *columns))),
        )
    )
    records.invalidate_recordset([*names, "write_uid", "write_date"])
    records.modified(columns)
    for name in computed:
        # written by the query: nothing left to compute
        model.env.remove_to_compute(model._fields[name], records)
    return records


def lock_rows(records, nowait=False, skip_locked=False, limit=None):
    """Lock the rows of ``records`` (a suite model's) for an update by this transaction
    (``FOR NO KEY UPDATE``, in id order), as the user may write them, and return the records
    locked. ``nowait``: raise PostgreSQL's ``LockNotAvailable`` at once when another
    transaction holds one of them, instead of waiting for it (a job that leaves the work to
    the job already doing it). ``skip_locked``: lock only the rows nobody holds, at most
    ``limit`` of them (workers sharing a job's batches: each takes rows no other holds)."""
    _check_own_table(records)
    if not records:
        return records
    records.check_access("write")
    records.env.cr.execute(
        SQL(
            "SELECT id FROM %s WHERE id IN %s ORDER BY id%s FOR NO KEY UPDATE%s",
            SQL.identifier(records._table),
            tuple(records.ids),
            SQL(" LIMIT %s", limit) if limit else SQL(""),
            SQL(" NOWAIT") if nowait else SQL(" SKIP LOCKED") if skip_locked else SQL(""),
        )
    )
    return records.browse([row[0] for row in records.env.cr.fetchall()])


def grouped_sums(model, domain, groupby, field):
    """``[(*group values, SUM(field))]`` of ``model``'s records in ``domain`` (as the current
    user sees them: access rights and record rules apply), grouped by the columns ``groupby``
    and ordered by them. Ids come as ints, never records: a grouped read of 20,000 groups
    that ``_read_group`` would turn into records of four models and order by their models'
    orders (bench: close a round).

    Built on the query of ``model._search`` (``odoo.tools.query.Query``: ``table``,
    ``groupby``, ``order``, ``select()``), which is not Odoo's public API: the test
    ``test_grouped_sums_match_read_group`` compares it with ``_read_group`` and fails loudly
    when Odoo changes it. Pending ORM writes of the columns read are flushed first."""
    model.flush_model([*groupby, field, *_domain_fields(domain)])
    query = model._search(domain)
    table = query.table
    columns = [SQL.identifier(table, name) for name in groupby]
    query.groupby = SQL(", ").join(columns)
    query.order = query.groupby
    return model.env.execute_query(
        query.select(*columns, SQL("SUM(%s)", SQL.identifier(table, field)))
    )


def _domain_fields(domain):
    return [leaf[0].split(".")[0] for leaf in domain if expression.is_leaf(leaf)]
