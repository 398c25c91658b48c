# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "UMKM Cluster",
    "summary": "SME cluster cooperatives: clusters, memberships, capabilities, capacity, "
    "business scale (PP 7/2021), shared catalogue",
    "version": "18.0.1.1.0",
    "category": "Services/UMKM",
    "website": "https://github.com/umkm-cluster-suite/umkm-cluster-suite",
    "author": "UMKM Cluster Suite",
    "license": "LGPL-3",
    "application": True,
    "depends": ["mail", "portal", "product", "account"],
    "data": [
        "security/umkm_cluster_security.xml",
        "security/ir.model.access.csv",
        "data/ir_sequence_data.xml",
        "data/umkm_certification_data.xml",
        "views/res_company_views.xml",
        "views/umkm_capability_views.xml",
        "views/umkm_cluster_views.xml",
        "views/umkm_member_views.xml",
        "views/res_partner_views.xml",
        "report/umkm_catalogue_report.xml",
        "views/umkm_catalogue_views.xml",
        "views/umkm_menus.xml",
        "views/portal_templates.xml",
        "views/catalogue_templates.xml",
        "views/public_templates.xml",
    ],
    "demo": ["demo/umkm_cluster_demo.xml", "demo/umkm_catalogue_demo.xml"],
    "assets": {
        "web.assets_tests": ["umkm_cluster/static/tests/tours/*.js"],
    },
}
