# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "UMKM Cooperative - Joint Procurement",
    "summary": "Bridge: the members' purchases through the procurement rounds in the cooperative's "
    "surplus shared back (SHU)",
    "version": "18.0.1.0.0",
    "category": "Services/UMKM",
    "website": "https://github.com/umkm-cluster-suite/umkm-cluster-suite",
    "author": "UMKM Cluster Suite",
    "license": "LGPL-3",
    "depends": ["umkm_cooperative", "umkm_joint_procurement"],
    "auto_install": True,
    "demo": ["demo/umkm_cooperative_procurement_demo.xml", "demo/umkm_snapshot_demo.xml"],
}
