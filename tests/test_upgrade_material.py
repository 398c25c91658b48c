"""A database installed with the layout before the firm's materials left ``umkm_partnership``
(issue 25) is updated with ``-u`` of its addons (``umkm_partnership`` among them):
``umkm_partnership_material`` is installed in the same run and keeps the order's materials,
their stock moves and figures, the members' locations, the inputs on credit and their invoices,
whose fields, views, report and security now belong to it. Without demo data (one install of the
old layout, one update)."""

from .upgrade import upgrade_old_layout

# the last commit of the old layout (the firm's materials inside umkm_partnership)
OLD_LAYOUT = "023a08b32c53ded4f54126efe2bae3ae7aca908f"

CREATE = """
from datetime import timedelta
from odoo import Command, fields
today = fields.Date.context_today(env.user)
category = env["umkm.capability.category"].create({"name": "Lama"})
capability = env["umkm.capability"].create({"name": "Jahit lama", "category_id": category.id})
cluster = env["umkm.cluster"].create({"name": "Klaster Lama", "code": "LAMA"})
partners = env["res.partner"].create(
    [{"name": f"Penjahit Lama {i}", "is_company": True} for i in range(2)]
)
members = env["umkm.member"].create([
    {"partner_id": p.id, "cluster_id": cluster.id,
     "capacity_ids": [Command.create({"capability_id": capability.id, "qty_per_week": 50})]}
    for p in partners
])
members.action_activate()
firm = env["res.partner"].create({"name": "PT Inti Lama", "is_company": True})
agreement = env["umkm.partnership.agreement"].create({
    "name": "Inti-plasma lama", "partner_id": firm.id, "cluster_id": cluster.id,
    "pattern": "inti_plasma", "guaranteed_price": 100000, "inputs_on_credit": True,
    "date_start": today - timedelta(days=30),
})
agreement.action_activate()
metre = env.ref("uom.product_uom_meter")
kain = env["product.product"].create(
    {"name": "Kain lama", "is_storable": True, "uom_id": metre.id, "uom_po_id": metre.id}
)
order = env["umkm.subcontract.order"].create({
    "agreement_id": agreement.id, "capability_id": capability.id, "description": "Kemeja lama",
    "qty": 20, "date_due": today + timedelta(days=28),
    "material_ids": [Command.create(
        {"product_id": kain.id, "qty_per_unit": 2.0, "loss_percent": 5, "price_unit": 15000}
    )],
})
order.action_submit()
order.action_confirm()
work = env["umkm.subcontract.assignment"].create(
    [{"order_id": order.id, "member_id": m.id, "qty": 10} for m in members]
)
work.action_accept()
action = order.action_receive_materials()
picking = env["stock.picking"].browse(action["res_id"])
picking.move_ids.quantity = 42
picking.move_ids.picked = True
picking._action_done()
order.action_issue_materials()
env.cr.commit()
material = order.material_ids
kept = {
    name: env.ref(f"umkm_partnership.{name}").id
    for name in [
        "model_umkm_subcontract_material",
        "field_umkm_subcontract_material__qty_per_unit",
        "field_umkm_subcontract_order__material_ids",
        "field_umkm_partnership_agreement__inputs_on_credit",
        "field_stock_move__umkm_material_id",
        "selection__stock_move__umkm_material_kind__issue",
        "field_account_move__umkm_assignment_id",
        "umkm_subcontract_material_return_view_form",
        "action_report_material_reconciliation",
        "report_material_reconciliation",
        "access_umkm_subcontract_material_portal",
        "umkm_subcontract_material_rule_portal",
        "product_material_loss_charge",
        "constraint_umkm_subcontract_material_product_unique",
    ]
}
print("UMKM_RESULT " + json.dumps({
    "order": order.id, "material": material.id, "members": members.ids,
    "work": work.ids, "kept": kept,
    "figures": [material.qty_received, material.qty_issued, material.qty_at_members],
    "credit": [w.input_credit_amount for w in work],
}))
"""

CHECK = """
ids = json.loads(os.environ["UMKM_IDS"])
order = env["umkm.subcontract.order"].browse(ids["order"])
material = env["umkm.subcontract.material"].browse(ids["material"])
work = env["umkm.subcontract.assignment"].browse(ids["work"])
fields = env["ir.model.fields"].search([
    ("model", "in", ["umkm.subcontract.order", "umkm.subcontract.assignment",
                     "umkm.partnership.agreement", "stock.move", "stock.location",
                     "account.move", "purchase.order.line", "umkm.subcontract.material"]),
    ("name", "in", ["material_ids", "input_invoice_ids", "input_credit_amount",
                    "inputs_on_credit", "umkm_material_id", "umkm_member_id",
                    "umkm_assignment_id", "qty_per_unit"]),
])
form = env["umkm.subcontract.order"].get_view(view_type="form")["arch"]
figures = [material.qty_received, material.qty_issued, material.qty_at_members]
before = material.qty_consumed
work[:1]._record_delivery({work[:1].id: (5.0, 0.0)})
result = {
    "modules": {
        m.name: m.state
        for m in env["ir.module.module"].search(
            [("name", "in", ["umkm_partnership", "umkm_partnership_material"])]
        )
    },
    "material": [material.exists().id, material.product_id.name, material.qty_per_unit,
                 material.loss_percent, material.price_unit],
    "figures": figures,
    "credit": [w.input_credit_amount for w in work],
    "inputs_on_credit": order.agreement_id.inputs_on_credit,
    "member_locations": sorted(
        env["stock.location"].search([("umkm_member_id", "in", work.member_id.ids)])
        .umkm_member_id.ids
    ),
    "consumed": [before, material.qty_consumed],
    "field_modules": sorted({(f.model, f.name, f.modules) for f in fields}),
    "form": ['name="material_ids"' in form, "action_issue_materials" in form],
    "report": env.ref(
        "umkm_partnership_material.action_report_material_reconciliation"
    ).report_name,
    "kept": {
        name: env.ref(f"umkm_partnership_material.{name}").id for name in ids["kept"]
    },
    # the material table's SQL constraints (checks, foreign keys) are the new addon's, once
    "constraints": sorted(
        (c.name, c.module.name)
        for c in env["ir.model.constraint"].search(
            [("model.model", "=", "umkm.subcontract.material"), ("type", "=", "u")]
        )
    ),
    "left": env["ir.model.data"].search_count(
        [("module", "=", "umkm_partnership"), ("name", "in", list(ids["kept"]))]
    ),
}
print("UMKM_RESULT " + json.dumps(result))
"""


def test_update_moves_the_firms_materials_to_their_addon(tmp_path):
    ids, result = upgrade_old_layout(
        tmp_path,
        OLD_LAYOUT,
        ["umkm_cluster", "umkm_joint_procurement", "umkm_partnership"],
        CREATE,
        CHECK,
    )
    assert result["modules"] == {
        "umkm_partnership": "installed",
        "umkm_partnership_material": "installed",
    }, result
    # 2 × 10 shirts × 2 m + 5 % received (42 m) and issued; after the update the first member
    # delivers 5 shirts and so consumes 10 m
    assert result["material"] == [ids["material"], "Kain lama", 2.0, 5.0, 15000.0], result
    assert result["figures"] == ids["figures"] == [42.0, 42.0, 42.0], result
    assert result["consumed"] == [0.0, 10.0], result
    # 21 m × Rp15,000 on credit to each member
    assert result["credit"] == ids["credit"] == [315000.0, 315000.0], result
    assert result["inputs_on_credit"] is True, result
    assert result["member_locations"] == sorted(ids["members"]), result
    owners = {(model, name): modules for model, name, modules in result["field_modules"]}
    assert set(owners.values()) == {"umkm_partnership_material"}, result
    assert len(owners) == 10, result
    assert result["form"] == [True, True], result
    assert result["report"] == "umkm_partnership_material.report_material_reconciliation"
    # the same records, under their new module's external ids
    assert result["kept"] == ids["kept"], result
    assert result["constraints"] == [
        [f"umkm_subcontract_material_{name}", "umkm_partnership_material"]
        for name in (
            "loss_percent_range",
            "price_unit_positive",
            "product_unique",
            "qty_per_unit_positive",
        )
    ], result
    assert result["left"] == 0, result
