from odoo import Command, fields

from odoo.addons.umkm_cluster.tests.common import UmkmClusterCase


class CooperativeCase(UmkmClusterCase):
    """The clusters of ``UmkmClusterCase`` in a company with its savings' and surplus'
    accounts; cluster A asks Rp 100.000 on joining and Rp 25.000 a month."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.cluster_a.company_id
        cls.company._umkm_cooperative_setup()
        cls.cluster_a.write({"saving_pokok_amount": 100000, "saving_wajib_amount": 25000})
        cls.Saving = cls.env["umkm.member.saving"]
        # members since 2024: the months and years of the tests are theirs
        (cls.member_a1 | cls.member_a2 | cls.member_b3).date_join = "2024-01-01"
        cls.currency = cls.company.currency_id

    @classmethod
    def _member_document(cls, member, flow, amount, date=None):
        """A posted document of a flow for ``member``, stamped as the flow stamps it: an invoice
        to the member for its purchases, a bill from it for its work or its products."""
        bill = flow != "procurement"
        move = cls.env["account.move"].create(
            {
                "move_type": "in_invoice" if bill else "out_invoice",
                "partner_id": member.partner_id.id,
                "invoice_date": date or fields.Date.today(),
                "date": date or fields.Date.today(),
                "umkm_cluster_id": member.cluster_id.id,
                "umkm_flow": flow,
                "invoice_line_ids": [
                    Command.create(
                        {"name": flow, "quantity": 1, "price_unit": amount, "tax_ids": []}
                    )
                ],
            }
        )
        move.action_post()
        return move

    @classmethod
    def _saving(cls, member, kind, amount, date=None):
        saving = cls.Saving.create(
            {
                "member_id": member.id,
                "type": kind,
                "amount": amount,
                "date": date or fields.Date.today(),
            }
        )
        saving.action_post()
        return saving

    @classmethod
    def _rule(cls, cluster, shares, **vals):
        """An approved rule of ``cluster``: ``shares`` is a list of (kind, percent)."""
        minutes = cls.env["ir.attachment"].create({"name": "notulen.txt", "raw": b"RAT"})
        rule = cls.env["umkm.surplus.rule"].create(
            {
                "name": "Aturan SHU",
                "cluster_id": cluster.id,
                "date_effective": "2025-01-01",
                "rat_date": "2025-02-15",
                "rat_members_total": 10,
                "rat_members_present": 6,
                "rat_attachment_ids": [Command.set(minutes.ids)],
                "line_ids": [
                    Command.create({"kind": kind, "name": kind, "percent": percent})
                    for kind, percent in shares
                ],
                **vals,
            }
        )
        rule.action_approve()
        return rule
