"""Joint marketing left this addon for umkm_marketing, the trade cart for umkm_trade (issue 25):
the external ids of every record and field that moved are renamed to their new module, as
OCA openupgradelib's ``rename_xmlids`` / ``update_module_moved_fields`` and Odoo upgrade-util's
``move_field_to_module`` do, so that the update keeps the records, the fields and their columns
(an external id left here would be deleted as no longer loaded, dropping its field's column).
The two new addons are then marked to install: Odoo's loading loop installs them in this same
run. Written through the ORM."""

from odoo import SUPERUSER_ID, api

# {new module: {model: [fields moved]}} (a model moved with all its fields: [])
MOVED_FIELDS = {
    "umkm_marketing": {
        "sale.order": [
            "umkm_member_purchase_ids",
            "umkm_member_purchase_count",
            "umkm_member_delivery",
            "umkm_has_gap",
        ],
        "sale.order.line": [
            "umkm_member_id",
            "umkm_member_price",
            "umkm_purchase_line_ids",
            "umkm_qty_gap",
        ],
        "purchase.order": [
            "umkm_sale_order_id",
            "umkm_member_answer",
            "umkm_date_proposed",
            "umkm_decline_reason",
        ],
        "purchase.order.line": ["umkm_sale_line_id"],
        "umkm.catalogue": ["margin_percent"],
        "umkm.catalogue.line": ["umkm_sale_count"],
        "umkm.catalogue.inquiry": [
            "sale_order_id",
            "buyer_id",
            "member_outcome",
            "member_ordered_qty",
        ],
        "umkm.member": ["umkm_sale_count"],
        "umkm.sale.reassign": [],
    },
    "umkm_trade": {"sale.order": ["umkm_agreement_id", "umkm_commission_amount"]},
}
MOVED_MODELS = {"umkm_marketing": ["umkm.sale.reassign"]}
MOVED_CONSTRAINTS = {"umkm_marketing": ["umkm_catalogue_margin_percent_range"]}
MOVED_RECORDS = {
    "umkm_marketing": [
        "umkm_catalogue_inquiry_view_form_sale",
        "sale_order_form_umkm_member",
        "purchase_order_form_umkm_member_answer",
        "umkm_catalogue_view_form_margin",
        "umkm_sale_reassign_view_form",
        "umkm_member_view_form_sales",
        "umkm_catalogue_line_view_form_sales",
        "umkm_member_sale_action",
        "menu_umkm_member_sales",
        "portal_my_purchase_order_umkm_answer",
        "portal_my_inquiries_outcome",
        "portal_my_inquiry_outcome",
        "access_umkm_sale_reassign_officer",
        # demo
        "inquiry_butik_surabaya",
        "inquiry_hotel_bali",
        "partner_butik_kota",
        "sale_butik_kota",
    ],
    "umkm_trade": [
        "portal_trade",
        "sale_order_portal_umkm_trade",
        "sale_order_portal_umkm_commission",
        # demo
        "sale_galeri_katalog",
        "sale_dewata_hotel",
    ],
}


def _xmlid_names(module):
    """The names of the external ids ``module`` takes over, and the prefixes of those it
    takes over by pattern (a selection's values)."""
    names = set(MOVED_RECORDS.get(module, ()))
    names.update(f"constraint_{name}" for name in MOVED_CONSTRAINTS.get(module, ()))
    prefixes = []
    for model, fields in MOVED_FIELDS[module].items():
        table = model.replace(".", "_")
        if model in MOVED_MODELS.get(module, ()):
            names.add(f"model_{table}")
            prefixes += [f"field_{table}__", f"selection__{table}__"]
        for field in fields:
            names.add(f"field_{table}__{field}")
            prefixes.append(f"selection__{table}__{field}__")
    return names, prefixes


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    Module = env["ir.module.module"]
    Module.update_list()
    Data = env["ir.model.data"].with_context(active_test=False)
    for module in MOVED_FIELDS:
        names, prefixes = _xmlid_names(module)
        domain = [("name", "in", sorted(names))]
        for prefix in prefixes:
            domain = ["|", ("name", "=like", prefix.replace("_", "\\_") + "%"), *domain]
        Data.search([("module", "=", "umkm_partnership"), *domain]).write({"module": module})
        constraints = env["ir.model.constraint"].search(
            [("name", "in", MOVED_CONSTRAINTS.get(module, []))]
        )
        if constraints:
            constraints.write({"module": Module.search([("name", "=", module)]).id})
    # installed in this run, by Odoo's loading loop (with what they depend on)
    Module.search(
        [("name", "in", list(MOVED_FIELDS)), ("state", "=", "uninstalled")]
    ).button_install()
