# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "UMKM Partnership",
    "summary": "Partnerships with large firms (PP 7/2021) and subcontract orders split among "
    "cluster members",
    "version": "18.0.1.3.0",
    "category": "Services/UMKM",
    "website": "https://github.com/umkm-cluster-suite/umkm-cluster-suite",
    "author": "UMKM Cluster Suite",
    "license": "LGPL-3",
    "depends": ["umkm_cluster_account", "sale", "purchase", "report_xlsx"],
    "external_dependencies": {"python": ["xlsxwriter"]},
    "data": [
        "security/umkm_partnership_security.xml",
        "security/ir.model.access.csv",
        "data/ir_sequence_data.xml",
        "data/product_data.xml",
        "data/ir_cron_data.xml",
        "views/umkm_partnership_agreement_views.xml",
        "views/umkm_subcontract_order_views.xml",
        "views/umkm_subcontract_assignment_views.xml",
        "views/umkm_subcontract_wizard_views.xml",
        "views/umkm_partnership_request_views.xml",
        "views/umkm_partnership_menus.xml",
        "views/portal_templates.xml",
        "views/cluster_public_templates.xml",
        "report/report_work_order.xml",
        "report/subcontract_assignments_xlsx.xml",
    ],
    "demo": ["demo/umkm_partnership_demo.xml"],
    "assets": {
        "web.assets_tests": ["umkm_partnership/static/tests/tours/*.js"],
    },
}
