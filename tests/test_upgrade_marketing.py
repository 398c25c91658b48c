"""A database installed with the layout before issue 25 (joint marketing and the trade cart inside
``umkm_partnership``) is updated with ``-u`` of its addons (``umkm_partnership`` among them):
``umkm_marketing`` and ``umkm_trade`` are installed in the same run and keep every sale of
members' products, its members' purchase orders, their line links and the catalogue's margin,
whose fields now belong to ``umkm_marketing``. Without demo data (one install of the old layout,
one update)."""

from .upgrade import upgrade_old_layout

# the last commit of the old layout (the partnership addon with joint marketing inside)
OLD_LAYOUT = "fdc4f52e78397566dae2b066493b1f6dad275333"

CREATE = """
from odoo import Command
cluster = env["umkm.cluster"].create({"name": "Klaster Lama", "code": "LAMA"})
partners = env["res.partner"].create(
    [{"name": f"Perajin Lama {i}", "is_company": True} for i in range(2)]
)
members = env["umkm.member"].create(
    [{"partner_id": p.id, "cluster_id": cluster.id} for p in partners]
)
members.action_activate()
catalogue = env["umkm.catalogue"].create(
    {"name": "Katalog Lama", "cluster_id": cluster.id, "margin_percent": 12.5}
)
products = env["product.product"]
for member, price in zip(members, (200000, 100000)):
    template = env["product.template"].create(
        {"name": f"Kain {member.partner_id.name}", "umkm_member_id": member.id}
    )
    line = env["umkm.catalogue.line"].create(
        {"catalogue_id": catalogue.id, "product_tmpl_id": template.id,
         "wholesale_price": price, "min_qty": 1}
    )
    line.action_approve()
    products |= template.product_variant_id
buyer = env["res.partner"].create({"name": "Toko Lama"})
sale = env["sale.order"].create({
    "partner_id": buyer.id,
    "order_line": [Command.create({"product_id": p.id, "product_uom_qty": q})
                   for p, q in zip(products, (10, 20))],
})
sale.action_confirm()
sale.umkm_member_purchase_ids[:1]._umkm_member_accept()
env.cr.commit()
kept = {
    name: env.ref(f"umkm_partnership.{name}").id
    for name in [
        "sale_order_form_umkm_member",
        "umkm_member_sale_action",
        "menu_umkm_member_sales",
        "portal_trade",
        "field_umkm_catalogue__margin_percent",
        "field_sale_order__umkm_agreement_id",
        "selection__sale_order__umkm_member_delivery__buyer",
        "model_umkm_sale_reassign",
    ]
}
print("UMKM_RESULT " + json.dumps({"sale": sale.id, "catalogue": catalogue.id, "kept": kept}))
"""

CHECK = """
ids = json.loads(os.environ["UMKM_IDS"])
sale = env["sale.order"].browse(ids["sale"])
purchases = sale.umkm_member_purchase_ids
fields = env["ir.model.fields"].search([
    ("model", "in", ["sale.order", "sale.order.line", "purchase.order.line", "umkm.catalogue"]),
    ("name", "in", ["umkm_member_purchase_ids", "umkm_member_delivery", "umkm_member_id",
                    "umkm_purchase_line_ids", "umkm_sale_line_id", "margin_percent",
                    "umkm_agreement_id"]),
])
result = {
    "modules": {
        m.name: m.state
        for m in env["ir.module.module"].search(
            [("name", "in", ["umkm_marketing", "umkm_trade", "umkm_partnership"])]
        )
    },
    "sale": sale.exists() and sale.state,
    "purchases": sorted([p.umkm_member_answer, p.state] for p in purchases),
    "links": sorted(
        [line.product_uom_qty, sum(line.umkm_purchase_line_ids.mapped("product_qty")),
         line.umkm_purchase_line_ids.umkm_sale_line_id == line]
        for line in sale.order_line
    ),
    "margin": env["umkm.catalogue"].browse(ids["catalogue"]).margin_percent,
    "field_modules": sorted({
        (f.model, f.name, f.modules) for f in fields
    }),
    # the same records, under their new module's external ids
    "kept": {
        name: (env.ref(f"umkm_marketing.{name}", False) or env.ref(f"umkm_trade.{name}")).id
        for name in ids["kept"]
    },
    "left": env["ir.model.data"].search_count(
        [("module", "=", "umkm_partnership"), ("name", "in", list(ids["kept"]))]
    ),
}
print("UMKM_RESULT " + json.dumps(result))
"""


def test_update_moves_joint_marketing_to_its_addons(tmp_path):
    ids, result = upgrade_old_layout(
        tmp_path,
        OLD_LAYOUT,
        ["umkm_cluster", "umkm_joint_procurement", "umkm_partnership"],
        CREATE,
        CHECK,
    )
    assert result["modules"] == {
        "umkm_marketing": "installed",
        "umkm_trade": "installed",
        "umkm_partnership": "installed",
    }, result
    assert result["sale"] == "sale", result
    assert result["purchases"] == [["accepted", "purchase"], ["pending", "sent"]], result
    assert result["links"] == [[10.0, 10.0, True], [20.0, 20.0, True]], result
    assert result["margin"] == 12.5, result
    owners = {(model, name): modules for model, name, modules in result["field_modules"]}
    assert owners == {
        ("sale.order", "umkm_member_purchase_ids"): "umkm_marketing",
        ("sale.order", "umkm_member_delivery"): "umkm_marketing",
        ("sale.order", "umkm_agreement_id"): "umkm_trade",
        ("sale.order.line", "umkm_member_id"): "umkm_marketing",
        ("sale.order.line", "umkm_purchase_line_ids"): "umkm_marketing",
        ("purchase.order.line", "umkm_sale_line_id"): "umkm_marketing",
        ("umkm.catalogue", "margin_percent"): "umkm_marketing",
    }, result
    assert result["kept"] == ids["kept"], result
    assert result["left"] == 0, result
