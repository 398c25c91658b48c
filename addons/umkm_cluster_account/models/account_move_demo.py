from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models

from odoo.addons.umkm_cluster.tools.months import month_end, month_start

# a year of the demo cluster's trade with its members before this year's documents:
# (flow, move type, day of the month, line label, base amount, step)
_HISTORY = (
    ("procurement", "out_invoice", 10, "Kain mori dan malam (pembelian bersama)", 400000, 50000),
    ("subcontract", "in_invoice", 20, "Upah membatik pesanan mitra", 1500000, 250000),
    ("sales", "in_invoice", 25, "Penjualan bersama kain batik", 900000, 100000),
)


# demo data of the member documents, apart from the stamps themselves
# pylint: disable=consider-merging-classes-inherited
class AccountMove(models.Model):
    _inherit = "account.move"

    @api.model
    def _umkm_demo_history(self, cluster_id):
        """Demo data: the last twelve months of the cluster's trade with its active members,
        posted as the flows post them (members' invoices for materials bought together,
        their bills for subcontract work and joint sales), so that the cluster's figures
        have a year of history. Not every member every month; the last member to join has
        done nothing for three months (a passive member)."""
        cluster = self.env["umkm.cluster"].browse(cluster_id)
        members = cluster.member_ids.filtered(lambda m: m.state == "active").sorted("number")
        today = fields.Date.context_today(self)
        vals_list = []
        for i, member in enumerate(members, start=1):
            for back in range(12, 0, -1):
                first = month_start(today - relativedelta(months=back))
                if member.date_join and member.date_join > month_end(first):
                    continue
                if member == members[-1] and back <= 3:
                    continue
                m = first.month
                for k, (flow, move_type, day, label, base, step) in enumerate(_HISTORY):
                    if (i + m + k) % (k + 2):
                        continue
                    vals_list.append(
                        {
                            "move_type": move_type,
                            "partner_id": member.partner_id.id,
                            "invoice_date": first.replace(day=day),
                            "date": first.replace(day=day),
                            "umkm_cluster_id": cluster.id,
                            "umkm_flow": flow,
                            "invoice_line_ids": [
                                Command.create(
                                    {
                                        "name": label,
                                        "quantity": 1,
                                        "price_unit": base + step * ((i * 7 + m * 3) % 9),
                                        "tax_ids": [],
                                    }
                                )
                            ],
                        }
                    )
        moves = self.create(vals_list)
        moves.action_post()
        return moves
