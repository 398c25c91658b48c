from collections import defaultdict
from operator import itemgetter

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from odoo.addons.umkm_cluster.tools.sql_batch import insert_rows, update_rows
from odoo.addons.umkm_joint_procurement.tools.procurement_math import (
    allocate,
    amount_units,
    largest_remainder,
    split_billing,
    to_units,
    uom_round,
    values_of_units,
)


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

    # ------------------------------------------------------------------ allocation
    @api.model
    def _allocate_rounds(self, rounds):
        """Share what each material line of ``rounds`` received among its members by the
        round's method, bill every share (:meth:`_split_billing`) and create the allocations.

        Quantities are split in whole UoM rounding steps, so they sum exactly to the received
        quantity. One query for the demand and one insert, whatever the number of members.
        """
        lines = rounds.line_ids
        by_line = lines._demand_by_member(("confirmed",))
        rows_of_round = defaultdict(list)  # round: [(line, member id, demand, allocated)]
        for line in lines:
            member_qty = by_line.get(line)
            if not member_qty:
                continue
            rounding = line.uom_id.rounding
            members = list(member_qty)
            demand_units = [to_units(member_qty[m], rounding) for m in members]
            parts = allocate(
                to_units(line.qty_received, rounding),
                demand_units,
                line.round_id.allocation_method,
            )
            rows_of_round[line.round_id].extend(
                zip(
                    [line] * len(members),
                    members,
                    values_of_units(demand_units, rounding),
                    values_of_units(parts, rounding),
                    strict=True,
                )
            )
        vals_list = []
        for rnd, rows in rows_of_round.items():
            billing = self._split_billing(
                rnd, [(line, member, got) for line, member, _w, got in rows]
            )
            of_line = {
                line: {
                    "round_id": rnd.id,
                    "company_id": rnd.company_id.id,
                    "line_id": line.id,
                    "product_id": line.product_id.id,
                    "unit_price": line.price_unit,
                }
                for line in rnd.line_ids
            }
            vals_list.extend(
                {
                    **of_line[line],
                    "member_id": member_id,
                    "qty_demand": wanted,
                    "qty_allocated": got,
                    "amount_material": material,
                    "cost_share": cost,
                    "fee_amount": fee,
                }
                for (line, member_id, wanted, got), (material, cost, fee) in zip(
                    rows, billing, strict=True
                )
            )
        return self._insert_batch(vals_list)

    # ------------------------------------------------------------------ billing
    def _recompute_billing(self):
        """Split the materials, shared costs and fees of the rounds over these allocations
        again, exactly: shared costs may have been added after the allocation."""
        for rnd, allocations in self.grouped("round_id").items():
            billing = self._split_billing(
                rnd,
                [(alloc.line_id, alloc.member_id.id, alloc.qty_allocated) for alloc in allocations],
            )
            allocations._write_billing(
                [
                    (alloc.id, alloc.line_id.price_unit, *money)
                    for alloc, money in zip(allocations, billing, strict=True)
                ]
            )

    @api.model
    def _split_billing(self, rnd, entries):
        """Split the materials, shared costs and fee of round ``rnd`` over allocation rows,
        exactly.

        ``entries``: one ``(line, member id, allocated quantity)`` per allocation row (one row
        per line and member). Returns one ``(amount_material, cost_share, fee_amount)`` per
        entry, in the same order. Members are taken in id order and a member's rows in line id
        order, so ties of the largest-remainder splits always go the same way.
        """
        rounding = rnd.currency_id.rounding
        members = sorted({member_id for _line, member_id, _qty in entries})
        index = {member_id: i for i, member_id in enumerate(members)}
        rows_of_line, rows_of_member = defaultdict(list), defaultdict(list)
        for k, (line, member_id, _qty) in enumerate(entries):
            rows_of_line[line].append(k)
            rows_of_member[member_id].append(k)
        line_order = sorted(rows_of_line, key=lambda line: line.id)
        line_rank = [0] * len(entries)  # rank of the line of each entry, in line id order
        for rank, line in enumerate(line_order):
            for k in rows_of_line[line]:
                line_rank[k] = rank
        materials = []
        for line in line_order:
            weights = [0.0] * len(members)
            for k in rows_of_line[line]:
                weights[index[entries[k][1]]] = entries[k][2]
            qty_total = uom_round(line.uom_id, sum(weights))
            materials.append((amount_units(qty_total, line.price_unit, rounding), weights))
        cost_units = to_units(sum(rnd.cost_ids.mapped("amount")), rounding)
        try:
            split = split_billing(
                materials, cost_units, rnd.fee_percent, rnd.cost_split, len(members)
            )
        except ValueError:
            raise UserError(
                self.env._(
                    "Round %(name)s: nothing was allocated to any member, so its shared "
                    "costs cannot be billed to them.",
                    name=rnd.name,
                )
            )
        material_of = [0] * len(entries)
        for line, parts in zip(line_order, split["materials"], strict=True):
            for k in rows_of_line[line]:
                material_of[k] = parts[index[entries[k][1]]]
        # cost and fee of each member spread on its rows (largest remainder again)
        cost_of, fee_of = [0] * len(entries), [0] * len(entries)
        for member_id in members:
            m = index[member_id]
            rows = sorted(rows_of_member[member_id], key=line_rank.__getitem__)
            if rnd.cost_split == "by_quantity":
                weights = [entries[k][2] for k in rows]
            else:
                weights = [material_of[k] for k in rows]
            if not any(weights):
                weights = [1] * len(rows)
            for k, part in zip(rows, largest_remainder(split["cost"][m], weights), strict=True):
                cost_of[k] = part
            weights = [material_of[k] + cost_of[k] for k in rows]
            if not any(weights):
                weights = [1] * len(rows)
            for k, part in zip(rows, largest_remainder(split["fee"][m], weights), strict=True):
                fee_of[k] = part
        return list(
            zip(
                values_of_units(material_of, rounding),
                values_of_units(cost_of, rounding),
                values_of_units(fee_of, rounding),
                strict=True,
            )
        )

    # ------------------------------------------------------------------ batch writes
    # A round of 1,000 members x 20 materials has 20,000 allocations, each with its own
    # figures: created or rewritten through the ORM, record by record, they cost seconds
    # (see bench/). Nothing else depends on these fields but the stored total, written in the
    # same query, and the one2many of rounds and lines.
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
    _TOTAL_SQL = SQL("v.amount_material + v.cost_share + v.fee_amount")

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
            {"amount_total": self._TOTAL_SQL},
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
        update_rows(self, self._BILLING_COLUMNS, rows, {"amount_total": self._TOTAL_SQL})
