# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "UMKM Partnership Materials",
    "summary": "The materials a partner firm supplies for its subcontract orders (received as "
    "its property, issued to the members, consumed, returned) and inti-plasma inputs on credit",
    "version": "18.0.1.0.0",
    "category": "Services/UMKM",
    "website": "https://github.com/umkm-cluster-suite/umkm-cluster-suite",
    "author": "UMKM Cluster Suite",
    "license": "LGPL-3",
    "depends": ["umkm_partnership", "stock", "report_xlsx"],
    "external_dependencies": {"python": ["xlsxwriter"]},
    "data": [
        "security/umkm_partnership_material_security.xml",
        "security/ir.model.access.csv",
        "data/product_data.xml",
        "views/umkm_subcontract_order_views.xml",
        "views/umkm_subcontract_assignment_views.xml",
        "views/umkm_partnership_agreement_views.xml",
        "views/umkm_subcontract_wizard_views.xml",
        "views/portal_templates.xml",
        "report/report_work_order.xml",
        "report/report_material_reconciliation.xml",
        "report/material_reconciliation_xlsx.xml",
    ],
    "demo": ["demo/umkm_partnership_material_demo.xml", "demo/umkm_snapshot_demo.xml"],
    "assets": {
        "web.assets_tests": ["umkm_partnership_material/static/tests/tours/*.js"],
    },
}
