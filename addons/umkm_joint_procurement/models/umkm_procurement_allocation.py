from operator import itemgetter

from odoo import api, fields, models
from odoo.tools import SQL

from odoo.addons.umkm_cluster.models.sql_batch import column_arrays, insert_rows


class UmkmProcurementAllocation(models.Model):
    """What one member receives of one material of a round, and what it pays for it."""

    _name = "umkm.procurement.allocation"
    _description = "Joint Procurement Allocation"
    _order = "round_id, member_id, line_id"
    _check_company_auto = True

    round_id = fields.Many2one(
        "umkm.procurement.round", required=True, index=True, ondelete="cascade"
    )
    line_id = fields.Many2one(
        "umkm.procurement.round.line",
        string="Material line",
        required=True,
        index=True,
        ondelete="cascade",
    )
    member_id = fields.Many2one("umkm.member", required=True, index=True, ondelete="restrict")
    partner_id = fields.Many2one(related="member_id.partner_id", string="SME")
    company_id = fields.Many2one(related="round_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="round_id.currency_id")
    product_id = fields.Many2one(related="line_id.product_id", store=True, string="Material")
    uom_id = fields.Many2one(related="line_id.uom_id", string="UoM")
    qty_demand = fields.Float(string="Demand", digits="Product Unit of Measure", readonly=True)
    qty_allocated = fields.Float(
        string="Allocated", digits="Product Unit of Measure", readonly=True
    )
    qty_short = fields.Float(
        compute="_compute_qty_short", string="Short", digits="Product Unit of Measure"
    )
    unit_price = fields.Float(string="Collective unit price", digits="Product Price", readonly=True)
    amount_material = fields.Monetary(string="Materials", readonly=True)
    cost_share = fields.Monetary(string="Shared costs", readonly=True)
    fee_amount = fields.Monetary(string="Service fee", readonly=True)
    amount_total = fields.Monetary(compute="_compute_amount_total", store=True, string="Total")
    invoice_line_ids = fields.One2many("account.move.line", "umkm_allocation_id")
    invoice_line_id = fields.Many2one(
        "account.move.line", compute="_compute_invoice_line_id", store=True, string="Invoice line"
    )
    invoice_id = fields.Many2one(
        related="invoice_line_id.move_id", string="Invoice", store=True, index="btree_not_null"
    )
    picking_id = fields.Many2one(
        "stock.picking", string="Delivery", readonly=True, copy=False, index="btree_not_null"
    )
    round_state = fields.Selection(related="round_id.state", string="Round status")

    @api.depends("qty_demand", "qty_allocated")
    def _compute_qty_short(self):
        for alloc in self:
            alloc.qty_short = max(alloc.qty_demand - alloc.qty_allocated, 0.0)

    @api.depends("amount_material", "cost_share", "fee_amount")
    def _compute_amount_total(self):
        for alloc in self:
            alloc.amount_total = alloc.amount_material + alloc.cost_share + alloc.fee_amount

    @api.depends("invoice_line_ids.move_id.state")
    def _compute_invoice_line_id(self):
        for alloc in self:
            lines = alloc.invoice_line_ids.filtered(lambda line: line.move_id.state != "cancel")
            alloc.invoice_line_id = lines[-1:] if lines else False

    # ------------------------------------------------------------------ batch writes
    # A round of 1,000 members x 20 materials has 20,000 allocations. Through the ORM their
    # creation costs ~11 s of per-record Python (defaults, conversions, related fields) and
    # the billing figures, which differ on every row, ~7 s of record-by-record writes; these
    # two helpers do the same in one query each. Nothing else depends on these fields but
    # the non-stored one2many of rounds and lines, whose caches are invalidated.
    _BATCH_COLUMNS = (
        "round_id",
        "company_id",
        "line_id",
        "product_id",
        "member_id",
        "qty_demand",
        "qty_allocated",
        "unit_price",
        "amount_material",
        "cost_share",
        "fee_amount",
    )
    _BILLING_COLUMNS = ("unit_price", "amount_material", "cost_share", "fee_amount")

    @api.model
    def _insert_batch(self, vals_list):
        """Create allocations in one INSERT and return them.

        Every dict of ``vals_list`` holds all of ``_BATCH_COLUMNS`` (the stored related company
        and material included, consistent with the round and line); the stored total is
        computed in the query as ``_compute_amount_total`` does.
        """
        columns = self._BATCH_COLUMNS
        records = insert_rows(
            self,
            columns,
            list(map(itemgetter(*columns), vals_list)),
            {"amount_total": SQL("v.amount_material + v.cost_share + v.fee_amount")},
        )
        self.env["umkm.procurement.round"].invalidate_model(["allocation_ids"])
        self.env["umkm.procurement.round.line"].invalidate_model(
            ["allocation_ids", "qty_allocated", "qty_surplus"]
        )
        return records

    def _write_billing(self, rows):
        """Store the billing figures of many allocations in one UPDATE.

        ``rows``: ``(id, unit_price, amount_material, cost_share, fee_amount)`` tuples, already
        rounded. The stored total is set with them, as ``_compute_amount_total`` computes it.
        """
        self.check_access("write")
        # the total is written below: do not compute and write it record by record first
        self.env.remove_to_compute(self._fields["amount_total"], self)
        self.flush_recordset()
        columns = ("id", *self._BILLING_COLUMNS)
        self.env.cr.execute(
            SQL(
                """
                UPDATE umkm_procurement_allocation AS a
                   SET unit_price = v.unit_price,
                       amount_material = v.amount_material,
                       cost_share = v.cost_share,
                       fee_amount = v.fee_amount,
                       amount_total = v.amount_material + v.cost_share + v.fee_amount,
                       write_uid = %s,
                       write_date = (now() at time zone 'UTC')
                  FROM unnest(%s) AS v(id, unit_price, amount_material, cost_share, fee_amount)
                 WHERE a.id = v.id
                """,
                self.env.uid,
                column_arrays(self, columns, rows),
            )
        )
        self.invalidate_recordset(
            [*self._BILLING_COLUMNS, "amount_total", "write_uid", "write_date"]
        )
