"""Moving records and fields from one addon to another when an addon is split, in one place
(the pre-migrations of ``umkm_partnership``): the external ids of every record and field that
moved are renamed to their new module, as OCA openupgradelib's ``rename_xmlids`` /
``update_module_moved_fields`` and Odoo upgrade-util's ``move_field_to_module`` do, so that the
update keeps the records, the fields and their columns (an external id left behind would be
deleted as no longer loaded, dropping its field's column); the new addons are then marked to
install, and Odoo's loading loop installs them in the same run. Written through the ORM.

A move is ``{new module: {"fields": {model: [fields]}, "models": [models moved whole],
"records": [external id names], "constraints": [SQL constraint names]}}``; a model moved whole
is listed in ``fields`` with ``[]`` and in ``models``.
"""

from odoo.osv import expression


def _xmlid_names(move):
    """The names of the external ids a module takes over, and the prefixes of those it takes
    over by pattern (a moved model's fields, a selection's values)."""
    names = set(move.get("records", ()))
    names.update(f"constraint_{name}" for name in move.get("constraints", ()))
    prefixes = []
    for model, fields in move["fields"].items():
        table = model.replace(".", "_")
        if model in move.get("models", ()):
            names.add(f"model_{table}")
            prefixes += [f"field_{table}__", f"selection__{table}__"]
        for field in fields:
            names.add(f"field_{table}__{field}")
            prefixes.append(f"selection__{table}__{field}__")
    return names, prefixes


def _constraint_domain(move):
    """The SQL constraints a module takes over: those named, the foreign key of each moved
    field, every constraint of a model moved whole."""
    names = [*move.get("constraints", ())]
    names += [
        f"{model.replace('.', '_')}_{field}_fkey"
        for model, fields in move["fields"].items()
        for field in fields
    ]
    return expression.OR(
        [[("name", "in", names)], [("model.model", "in", list(move.get("models", ())))]]
    )


def move_to_addons(env, old, moves):
    """Give each new module of ``moves`` the external ids and SQL constraints of what moved
    out of ``old``, then mark the new modules to install."""
    Module = env["ir.module.module"]
    Module.update_list()
    Data = env["ir.model.data"].with_context(active_test=False)
    for module, move in moves.items():
        names, prefixes = _xmlid_names(move)
        domain = [("name", "in", sorted(names))]
        for prefix in prefixes:
            domain = ["|", ("name", "=like", prefix.replace("_", "\\_") + "%"), *domain]
        Data.search([("module", "=", old), *domain]).write({"module": module})
        constraints = env["ir.model.constraint"].search(
            [("module.name", "=", old), *_constraint_domain(move)]
        )
        if constraints:
            constraints.write({"module": Module.search([("name", "=", module)]).id})
    # installed in this run, by Odoo's loading loop (with what they depend on)
    Module.search([("name", "in", list(moves)), ("state", "=", "uninstalled")]).button_install()
