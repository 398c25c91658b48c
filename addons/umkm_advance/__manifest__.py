# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "UMKM Advances",
    "summary": "Working capital for members: advances (uang muka) on accepted work, paid "
    "through Odoo's payments and netted against the member's bill for the work",
    "version": "18.0.1.0.0",
    "category": "Services/UMKM",
    "website": "https://github.com/umkm-cluster-suite/umkm-cluster-suite",
    "author": "UMKM Cluster Suite",
    "license": "LGPL-3",
    "depends": ["umkm_partnership"],
    "data": [
        "security/umkm_advance_security.xml",
        "security/ir.model.access.csv",
        "data/ir_sequence_data.xml",
        "data/ir_cron_data.xml",
        "views/umkm_advance_views.xml",
        "views/umkm_cluster_views.xml",
        "views/umkm_subcontract_assignment_views.xml",
        "views/umkm_advance_menus.xml",
        "views/portal_templates.xml",
    ],
    "demo": ["demo/umkm_advance_demo.xml"],
}
