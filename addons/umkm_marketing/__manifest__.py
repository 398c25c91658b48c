# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "UMKM Joint Marketing",
    "summary": "Selling the members' products: the cooperative's sale, the members' purchase "
    "orders, their answers on the portal, dropship to the buyer and the members' bills",
    "version": "18.0.1.1.0",
    "category": "Services/UMKM",
    "website": "https://github.com/umkm-cluster-suite/umkm-cluster-suite",
    "author": "UMKM Cluster Suite",
    "license": "LGPL-3",
    "depends": ["umkm_cluster_account", "sale_stock", "purchase_stock", "stock_dropshipping"],
    "data": [
        "security/umkm_marketing_security.xml",
        "security/ir.model.access.csv",
        "views/umkm_marketing_views.xml",
        "views/umkm_marketing_menus.xml",
        "views/portal_templates.xml",
    ],
    "demo": ["demo/umkm_marketing_demo.xml", "demo/umkm_snapshot_demo.xml"],
}
