# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "UMKM Advances - Joint Marketing",
    "summary": "Bridge: advances on the members' accepted orders of a joint sale",
    "version": "18.0.1.0.0",
    "category": "Services/UMKM",
    "website": "https://github.com/umkm-cluster-suite/umkm-cluster-suite",
    "author": "UMKM Cluster Suite",
    "license": "LGPL-3",
    "depends": ["umkm_advance", "umkm_marketing"],
    "data": ["views/portal_templates.xml"],
    "auto_install": True,
}
