from odoo import api, fields, models
from odoo.exceptions import UserError


class AccountMove(models.Model):
    _inherit = "account.move"

    umkm_round_id = fields.Many2one(
        "umkm.procurement.round",
        string="Procurement round",
        index="btree_not_null",
        copy=False,
        readonly=True,
        help="The joint procurement round this member invoice bills.",
    )

    @api.model
    def _umkm_create_untaxed_invoices(self, vals_list):
        """Create many draft customer invoices whose lines carry no tax, in batch.

        Each line of ``vals_list`` gives its accounting amounts (``amount_currency`` and
        ``balance``), so Odoo's line-by-line synchronisation of business and accounting
        fields has nothing to compute. The invoices are created without it
        (``skip_invoice_sync``) and without lines, their product lines are inserted in one
        query (``account.move.line._umkm_insert_untaxed_lines``: every other stored field
        computed by the ORM in batch), and the receivable (payment term) lines are added
        from Odoo's own ``needed_terms`` of each invoice, in one batch. The balance of every
        invoice is checked at the end as ``create`` does. The tests compare every field of
        the result with the invoices Odoo's ordinary ``create`` makes of the same values.
        """
        if not vals_list:
            return self.browse()
        for vals in vals_list:
            lines = vals.get("invoice_line_ids", [])
            if vals.get("move_type") != "out_invoice" or any(
                command[0] != 0
                or "balance" not in command[2]
                or "amount_currency" not in command[2]
                or command[2].get("tax_ids") not in (None, [], [(5, 0, 0)])
                for command in lines
            ):
                raise UserError(
                    self.env._(
                        "Batched invoices are customer invoices of untaxed lines with their "
                        "amounts given."
                    )
                )
        lines_list = [
            [
                {key: value for key, value in command[2].items() if key != "tax_ids"}
                for command in vals.get("invoice_line_ids", [])
            ]
            for vals in vals_list
        ]
        Line = self.env["account.move.line"].with_context(skip_invoice_sync=True)
        container = {"records": self}
        with self._check_balanced(container):
            moves = self.with_context(skip_invoice_sync=True).create(
                [
                    {key: value for key, value in vals.items() if key != "invoice_line_ids"}
                    for vals in vals_list
                ]
            )
            container["records"] = moves
            Line._umkm_insert_untaxed_lines(moves, lines_list)
            term_vals = [
                {**key, **values, "display_type": "payment_term"}
                for move in moves
                for key, values in move.needed_terms.items()
            ]
            Line.create(term_vals)
        return moves
