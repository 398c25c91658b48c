# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "UMKM Cluster Suite: Indonesian books (Coretax e-Faktur)",
    "summary": "Coretax e-Faktur of a procurement round's member invoices, 16-digit NPWPs in "
    "the XML, e-Faktur codes of the demo materials",
    "version": "18.0.1.0.0",
    "category": "Accounting/Localizations/EDI",
    "website": "https://github.com/umkm-cluster-suite/umkm-cluster-suite",
    "author": "UMKM Cluster Suite",
    "license": "LGPL-3",
    "depends": ["umkm_joint_procurement", "umkm_partnership", "l10n_id_efaktur_coretax"],
    "data": ["data/product_data.xml", "views/umkm_procurement_round_views.xml"],
    "demo": ["demo/product_demo.xml"],
    "auto_install": True,
}
