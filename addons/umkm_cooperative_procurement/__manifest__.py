# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "UMKM Cooperative - Joint Procurement",
    "summary": "Bridge: the members' purchases through the procurement rounds in the cooperative's "
    "surplus shared back (SHU); demand covered by savings, round invoices paid from them",
    "version": "18.0.1.1.0",
    "category": "Services/UMKM",
    "website": "https://github.com/umkm-cluster-suite/umkm-cluster-suite",
    "author": "UMKM Cluster Suite",
    "license": "LGPL-3",
    "depends": ["umkm_cooperative", "umkm_joint_procurement"],
    "data": ["views/umkm_cluster_views.xml", "views/portal_templates.xml"],
    "auto_install": True,
    "demo": ["demo/umkm_cooperative_procurement_demo.xml", "demo/umkm_snapshot_demo.xml"],
}
