from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_round

from odoo.addons.umkm_cluster.models.sql_batch import insert_rows


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    umkm_allocation_id = fields.Many2one(
        "umkm.procurement.allocation",
        string="Procurement allocation",
        index="btree_not_null",
        copy=False,
        readonly=True,
    )

    @api.model
    def _umkm_insert_untaxed_lines(self, moves, lines_list):
        """Insert the untaxed product lines of draft customer invoices in one query.

        ``lines_list[i]``: the values of the lines of ``moves[i]``, all with the same keys
        (stored fields with a column, the accounting amounts ``amount_currency`` and
        ``balance`` included), no taxes. The other columns are what ``create`` would give an
        untaxed product line of a customer invoice, taken as Odoo's compute methods take them
        (``_umkm_line_columns``): from the invoice (its related fields, partner, currency,
        income account of the product), from the line (debit and credit, totals), and the
        defaults of the other plain fields. Every stored field left (other addons' too) is
        computed by the ORM in batch, as after ``create``, and the constraints of all fields
        are checked. Through ``create``, 21,000 lines cost about a minute of per-record
        Python (defaults, precomputed fields on new records, conversions); this, seconds.
        """
        if not any(lines_list):
            return self.browse()
        keys = {key for lines in lines_list for vals in lines for key in vals}
        if not {"amount_currency", "balance", "quantity", "price_unit"} <= keys or any(
            set(vals) != keys for lines in lines_list for vals in lines
        ):
            raise UserError(
                self.env._("Batched invoice lines all give the same fields, their amounts too.")
            )
        moves.flush_recordset()
        rows = self._umkm_line_columns(moves, lines_list)
        columns = tuple(rows[0])
        lines = insert_rows(self, columns, [tuple(row[name] for name in columns) for row in rows])
        # the invoices, and the records the many2one columns point to, list their lines anew
        moves.invalidate_recordset()
        for name in columns:
            for inverse in self.pool.field_inverses[self._fields[name]]:
                self.env[inverse.model_name].invalidate_model([inverse.name])
        # as after create: the given fields are kept (no taxes: tax_ids is given, empty),
        # every other stored field is computed
        given = [self._fields[name] for name in (*columns, "tax_ids")]
        with self.env.protecting([field for field in given if field.compute], lines):
            lines.modified(columns, create=True)
            for field in self._fields.values():
                if field.store and field.compute and field not in given:
                    self.env.add_to_compute(field, lines)
            lines.flush_recordset()
        lines._validate_fields(name for name, field in self._fields.items() if field.store)
        lines._check_company()
        lines._check_tax_lock_date()
        lines._check_constrains_account_id_journal_id()
        return lines

    def _umkm_line_columns(self, moves, lines_list):
        """Column values of the rows of ``_umkm_insert_untaxed_lines``, a dict per line, all
        with the same keys."""
        digits = {
            name: self._fields[name].get_digits(self.env)[1]
            for name in ("quantity", "price_unit", "discount")
        }
        # stored fields related to a field of the invoice, as _compute_related gives them
        related = {
            name: field.related.split(".")[1]
            for name, field in self._fields.items()
            if field.store
            and field.related
            and field.related.count(".") == 1
            and field.related.startswith("move_id.")
        }
        defaults = None
        accounts = {}
        rows = []
        for move, lines in zip(moves, lines_list, strict=True):
            currency = move.currency_id
            storno = move.is_storno
            from_move = {
                "move_id": move.id,
                **{
                    name: self._fields[name].convert_to_write(move[fname], self)
                    for name, fname in related.items()
                },
                "display_type": "product",
                "sequence": 100,  # _compute_sequence of product lines
                "partner_id": move.commercial_partner_id.id,  # _compute_partner_id
                "currency_id": currency.id,  # _compute_currency_id
                "discount": 0.0,
                "tax_tag_invert": False,  # _compute_tax_tag_invert: no taxes, no tags
            }
            for vals in lines:
                row = {
                    **from_move,
                    "account_id": self._umkm_income_account(move, vals.get("product_id"), accounts),
                    **vals,
                }
                for name, scale in digits.items():
                    row[name] = float_round(row[name] or 0.0, precision_digits=scale)
                # _compute_debit_credit, _compute_totals of a line without taxes
                balance = -row["balance"] if storno else row["balance"]
                row["debit"] = balance if balance > 0.0 else 0.0
                row["credit"] = -balance if balance < 0.0 else 0.0
                row["price_subtotal"] = row["price_total"] = currency.round(
                    row["quantity"] * (row["price_unit"] * (1 - row["discount"] / 100.0))
                )
                if defaults is None:
                    defaults = self._umkm_insert_defaults(row)
                row.update(defaults)
                rows.append(row)
        # stored related fields through an empty many2one of the line are empty
        # (_compute_related), e.g. the tax of a line without tax repartition line
        hops = self._umkm_related_hops(rows[0])
        for row in rows:
            for name, hop in hops:
                if not row.get(hop) and (hop in row or not self._fields[hop].compute):
                    row[name] = None
        for name, _hop in hops:  # empty on some lines only: the ORM computes it on all
            if not all(name in row for row in rows):
                for row in rows:
                    row.pop(name, None)
        # _compute_amount_residual of lines of accounts without residual amounts; when an
        # income account has them, the ORM computes them
        if not any(
            account.reconcile or account.account_type in ("asset_cash", "liability_credit_card")
            for account in self.env["account.account"].browse(set(accounts.values()))
        ):
            for row in rows:
                row.update(amount_residual=0.0, amount_residual_currency=0.0, reconciled=False)
        return rows

    def _umkm_related_hops(self, given):
        """``(field, first many2one of its path)`` of the stored related fields not in
        ``given``, a field after the related field its path starts with."""
        hops = {
            name: field.related.split(".")[0]
            for name, field in self._fields.items()
            if field.store and field.related and name not in given
        }

        def depth(name):
            return 1 + depth(hops[name]) if name in hops else 0

        return sorted(hops.items(), key=lambda item: depth(item[0]))

    @api.model
    def _umkm_insert_defaults(self, given):
        """Default values of the stored plain fields the batch insert does not set, as ``create``
        would add them (other addons' fields included): the same for every line."""
        names = [
            name
            for name, field in self._fields.items()
            if field.store
            and field.column_type
            and not field.compute
            and name not in given
            and name not in ("id", "create_uid", "create_date", "write_uid", "write_date")
        ]
        return self.default_get(names)

    def _umkm_income_account(self, move, product_id, cache):
        """The account ``_compute_account_id`` gives a product line of a customer invoice:
        the product's income account (fiscal position applied), else the journal's default."""
        key = (move.company_id.id, move.fiscal_position_id.id, move.journal_id.id, product_id)
        if key not in cache:
            account = self.env["account.account"]
            if product_id:
                account = (
                    self.env["product.product"]
                    .browse(product_id)
                    .with_company(move.company_id)
                    .product_tmpl_id.get_product_accounts(fiscal_pos=move.fiscal_position_id)[
                        "income"
                    ]
                )
            cache[key] = (account or move.journal_id.default_account_id).id
        return cache[key]
