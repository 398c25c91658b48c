import base64
import io

from PIL import Image

from .common import UmkmClusterCase


def png_bytes(color=(120, 60, 20), size=(64, 64)):
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format="PNG")
    return buffer.getvalue()


class UmkmCatalogueCase(UmkmClusterCase):
    """Cluster A with a published catalogue: 2 approved, 1 proposed, 1 rejected product."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        (cls.member_a1 | cls.member_a2 | cls.member_b3).action_activate()
        cls.categ_fabric = cls.env["product.category"].create({"name": "Test fabric"})
        cls.categ_wear = cls.env["product.category"].create({"name": "Test wear"})
        cls.catalogue = cls.env["umkm.catalogue"].create(
            {
                "name": "Katalog Uji",
                "cluster_id": cls.cluster_a.id,
                "is_published": True,
                "cover_text": "<p>Cover of the test catalogue</p>",
            }
        )
        cls.private = cls.env["umkm.catalogue"].create(
            {"name": "Private test catalogue", "cluster_id": cls.cluster_a.id}
        )
        cls.line_approved_1 = cls._make_line(cls.member_a1, "Kain Uji & <Motif>", 150000, 20)
        cls.line_approved_2 = cls._make_line(
            cls.member_a2, "Kemeja Uji", 210000, 500, categ=cls.categ_wear
        )
        cls.line_proposed = cls._make_line(cls.member_a1, "Produk Usulan", 99000, 10)
        cls.line_rejected = cls._make_line(cls.member_a2, "Produk Ditolak", 5000, 10)
        (cls.line_approved_1 | cls.line_approved_2).action_approve()
        cls.line_rejected._action_reject("Photo too dark")

    @property
    def _own(self):
        """Domain of this test's catalogue (demo data may hold other inquiries)."""
        return [("catalogue_id", "=", self.catalogue.id)]

    @classmethod
    def _make_line(cls, member, name, price, capacity, categ=None, catalogue=None):
        product = cls.env["product.template"].create(
            {
                "name": name,
                "description_sale": f"Description of {name}",
                "umkm_member_id": member.id,
                "categ_id": (categ or cls.categ_fabric).id,
                "image_1920": base64.b64encode(png_bytes()),
            }
        )
        return cls.env["umkm.catalogue.line"].create(
            {
                "catalogue_id": (catalogue or cls.catalogue).id,
                "product_tmpl_id": product.id,
                "wholesale_price": price,
                "min_qty": 2,
                "lead_time_days": 14,
                "capacity_monthly": capacity,
            }
        )
