# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "UMKM Cooperative - Paying from the phone",
    "summary": "Members pay their round invoices, their savings dues and deposit voluntary "
    "savings on the portal through Odoo's payment providers (Xendit: QRIS, virtual accounts, "
    "e-wallets)",
    "version": "18.0.1.0.0",
    "category": "Services/UMKM",
    "website": "https://github.com/umkm-cluster-suite/umkm-cluster-suite",
    "author": "UMKM Cluster Suite",
    "license": "LGPL-3",
    "depends": ["umkm_cooperative", "account_payment", "payment_xendit"],
    "data": [
        "security/ir.model.access.csv",
        "views/payment_transaction_views.xml",
        "views/portal_templates.xml",
    ],
    "demo": ["demo/payment_provider_demo.xml"],
}
