# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "UMKM Trade Agreements",
    "summary": "Firms under a general-trade or agency agreement order the cluster's catalogue "
    "on the portal at the agreed prices; the agent's commission",
    "version": "18.0.1.0.0",
    "category": "Services/UMKM",
    "website": "https://github.com/umkm-cluster-suite/umkm-cluster-suite",
    "author": "UMKM Cluster Suite",
    "license": "LGPL-3",
    "depends": ["umkm_partnership", "umkm_marketing"],
    "auto_install": True,
    "data": [
        "views/sale_order_views.xml",
        "views/portal_templates.xml",
    ],
    "demo": ["demo/umkm_trade_demo.xml", "demo/umkm_snapshot_demo.xml"],
}
