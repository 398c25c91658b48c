# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "UMKM Joint Procurement",
    "summary": "Joint raw-material procurement rounds of an SME cluster: collective demand, "
    "volume-tier purchase, fair allocation of what arrived, exact member billing",
    "version": "18.0.1.0.0",
    "category": "Services/UMKM",
    "website": "https://github.com/umkm-cluster-suite/umkm-cluster-suite",
    "author": "UMKM Cluster Suite",
    "license": "LGPL-3",
    "depends": ["umkm_cluster", "purchase_stock"],
    "external_dependencies": {"python": ["xlsxwriter"]},
    "data": [
        "security/umkm_joint_procurement_security.xml",
        "security/ir.model.access.csv",
        "data/ir_sequence_data.xml",
        "data/product_data.xml",
        "data/mail_template_data.xml",
        "data/ir_cron_data.xml",
        "views/umkm_procurement_round_views.xml",
        "views/umkm_procurement_demand_views.xml",
        "views/umkm_procurement_allocation_views.xml",
        "views/umkm_procurement_cost_views.xml",
        "views/purchase_order_views.xml",
        "views/res_company_views.xml",
        "views/umkm_procurement_menus.xml",
        "views/portal_templates.xml",
        "report/umkm_procurement_statement.xml",
    ],
    "demo": ["demo/umkm_joint_procurement_demo.xml"],
    "assets": {
        "web.assets_tests": ["umkm_joint_procurement/static/tests/tours/*.js"],
    },
}
