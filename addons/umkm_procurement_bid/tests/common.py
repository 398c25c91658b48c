from datetime import timedelta

from odoo import Command, fields
from odoo.tests import new_test_user

from odoo.addons.umkm_joint_procurement.tests.common import ProcurementCase


class BidCase(ProcurementCase):
    """A closed round of kain (141 m) and three vendors with portal users; vendor 3 has no
    price tier for it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.vendor_3 = cls.env["res.partner"].create({"name": "UD Tiga Warna", "is_company": True})
        cls.vendor_users = {}
        for i, vendor in enumerate((cls.vendor_1, cls.vendor_2, cls.vendor_3), start=1):
            user = new_test_user(
                cls.env,
                f"bid_vendor_{i}",
                password=f"bid_vendor_{i}_pw",
                groups="base.group_portal",
                name=f"Vendor user {i}",
            )
            user.partner_id.parent_id = vendor
            cls.vendor_users[vendor] = user

    def _closed_round(self, **values):
        rnd = self._create_round(products=self.kain, **values)
        rnd.action_open()
        for i, member in enumerate(self.members[:3]):
            self._demand(rnd, member, self.kain, 40 + 7 * i)
        rnd.action_close()
        return rnd

    def _call(self, rnd, vendors=None, reply_by=None):
        wizard = (
            self.env["umkm.procurement.bid.call"]
            .with_context(default_round_id=rnd.id)
            .create({"reply_by": reply_by or fields.Date.today() + timedelta(days=3)})
        )
        if vendors is not None:
            wizard.vendor_ids = [Command.set(vendors.ids)]
        wizard.action_send()
        return {bid.partner_id: bid for bid in rnd.bid_ids}
