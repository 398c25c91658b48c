"""The firm's materials and the inti-plasma inputs on credit left this addon for
umkm_partnership_material (issue 25): their records' and fields' external ids move to it, and it
is installed in the same run (umkm_cluster's ``tools/upgrade.py``)."""

from odoo import SUPERUSER_ID, api

from odoo.addons.umkm_cluster.tools.upgrade import move_to_addons

MOVES = {
    "umkm_partnership_material": {
        "fields": {
            "umkm.subcontract.material": [],
            "umkm.subcontract.material.return": [],
            "umkm.subcontract.material.return.line": [],
            "umkm.subcontract.order": ["material_ids", "material_picking_count"],
            "umkm.subcontract.assignment": [
                "material_needs",
                "input_invoice_ids",
                "input_credit_amount",
                "input_credit_due",
            ],
            "umkm.partnership.agreement": ["inputs_on_credit"],
            "stock.move": ["umkm_material_id", "umkm_material_kind", "umkm_assignment_id"],
            "stock.location": ["umkm_members_root", "umkm_member_id"],
            "account.move": ["umkm_assignment_id"],
            "purchase.order.line": ["umkm_material_id", "umkm_material_qty"],
        },
        "models": [
            "umkm.subcontract.material",
            "umkm.subcontract.material.return",
            "umkm.subcontract.material.return.line",
        ],
        "constraints": [
            "umkm_subcontract_material_qty_per_unit_positive",
            "umkm_subcontract_material_loss_percent_range",
            "umkm_subcontract_material_price_unit_positive",
            "umkm_subcontract_material_product_unique",
        ],
        "records": [
            "umkm_subcontract_material_return_view_form",
            "action_report_material_reconciliation",
            "report_material_reconciliation_document",
            "report_material_reconciliation",
            "access_umkm_subcontract_material_officer",
            "access_umkm_subcontract_material_portal",
            "access_umkm_subcontract_material_return_officer",
            "access_umkm_subcontract_material_return_line_officer",
            "umkm_subcontract_material_rule_company",
            "umkm_subcontract_material_rule_officer",
            "umkm_subcontract_material_rule_admin",
            "umkm_subcontract_material_rule_portal",
            "product_material_loss_charge",
            "product_material_loss_charge_product_template",
            # demo
            "product_kain_sandang",
            "product_kain_sandang_product_template",
            "product_kain_busana",
            "product_kain_busana_product_template",
            "material_kembang_tebu_kain",
            "material_busana_katun",
        ],
    },
}


def migrate(cr, version):
    if not version:
        return
    move_to_addons(api.Environment(cr, SUPERUSER_ID, {}), "umkm_partnership", MOVES)
