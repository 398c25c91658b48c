# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "UMKM Cluster - Accounting",
    "summary": "Bridge: the member documents of the cluster's flows stamped with their cluster "
    "and flow; the one rule that nets a member's bills against what it owes",
    "version": "18.0.1.1.0",
    "category": "Services/UMKM",
    "website": "https://github.com/umkm-cluster-suite/umkm-cluster-suite",
    "author": "UMKM Cluster Suite",
    "license": "LGPL-3",
    "depends": ["umkm_cluster", "account"],
    "data": ["data/umkm_snapshot_data.xml"],
    "demo": ["demo/umkm_history_demo.xml"],
    "auto_install": True,
}
