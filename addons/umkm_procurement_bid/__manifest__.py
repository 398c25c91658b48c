# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "UMKM Joint Procurement Bids",
    "summary": "Call for bids of a closed procurement round: RFQs to several vendors as Odoo "
    "alternatives, vendors answer on the portal, the chosen bids become the round's orders",
    "version": "18.0.1.0.0",
    "category": "Services/UMKM",
    "website": "https://github.com/umkm-cluster-suite/umkm-cluster-suite",
    "author": "UMKM Cluster Suite",
    "license": "LGPL-3",
    "depends": ["umkm_joint_procurement", "purchase_requisition"],
    "data": [
        "security/ir.model.access.csv",
        "security/umkm_procurement_bid_security.xml",
        "wizard/umkm_procurement_bid_call_views.xml",
        "views/umkm_procurement_round_views.xml",
        "views/purchase_order_views.xml",
        "views/portal_templates.xml",
    ],
    "demo": ["demo/umkm_procurement_bid_demo.xml"],
}
