# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "UMKM Cooperative",
    "summary": "The cooperative's own books with its members: savings (simpanan pokok, wajib, "
    "sukarela) and the year's surplus shared back (SHU) under the rule the members' meeting "
    "approved",
    "version": "18.0.1.0.0",
    "category": "Services/UMKM",
    "website": "https://github.com/umkm-cluster-suite/umkm-cluster-suite",
    "author": "UMKM Cluster Suite",
    "license": "LGPL-3",
    "depends": ["umkm_cluster_account", "report_xlsx"],
    "data": [
        "security/umkm_cooperative_security.xml",
        "security/ir.model.access.csv",
        "data/ir_cron_data.xml",
        "data/umkm_snapshot_data.xml",
        "report/umkm_surplus_reports.xml",
        "report/umkm_surplus_statement.xml",
        "report/umkm_surplus_summary.xml",
        "report/rat_pack_xlsx.xml",
        "views/umkm_member_saving_views.xml",
        "views/umkm_surplus_rule_views.xml",
        "views/umkm_surplus_views.xml",
        "views/umkm_cluster_views.xml",
        "views/umkm_member_views.xml",
        "views/res_company_views.xml",
        "views/umkm_cooperative_menus.xml",
        "views/portal_templates.xml",
    ],
    "demo": ["demo/umkm_cooperative_demo.xml", "demo/umkm_snapshot_demo.xml"],
    "post_init_hook": "post_init_hook",
}
