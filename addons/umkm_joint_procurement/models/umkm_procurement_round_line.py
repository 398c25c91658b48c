from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.umkm_cluster.tools.sql_batch import grouped_sums, update_rows
from odoo.addons.umkm_joint_procurement.tools.procurement_math import (
    alone_price,
    amount_units,
    from_units,
    next_tier,
    order_quantity,
    pick_tier,
    uom_round,
)


class UmkmProcurementRoundLine(models.Model):
    """One material of a procurement round, with its aggregated demand and chosen tier."""

    _name = "umkm.procurement.round.line"
    _inherit = ["umkm.number.mixin"]
    _umkm_number_bounds = {"qty_max_member": (0.0, 10.0**9)}
    _description = "Joint Procurement Material"
    _order = "round_id, sequence, id"
    _check_company_auto = True

    round_id = fields.Many2one(
        "umkm.procurement.round", required=True, index=True, ondelete="cascade"
    )
    sequence = fields.Integer(default=10)
    company_id = fields.Many2one(related="round_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="round_id.currency_id")
    state = fields.Selection(related="round_id.state")
    product_id = fields.Many2one(
        "product.product",
        string="Material",
        required=True,
        index=True,
        domain=[("purchase_ok", "=", True), ("type", "=", "consu")],
        check_company=True,
    )
    uom_id = fields.Many2one(
        "uom.uom",
        string="Purchase UoM",
        compute="_compute_uom_id",
        store=True,
        precompute=True,
        domain="[('category_id', '=', product_uom_category_id)]",
        context={"umkm_reference_uom_first": True},
        help="Unit in which demand is aggregated and the material is bought.",
    )
    product_uom_category_id = fields.Many2one(related="product_id.uom_id.category_id")
    qty_demand = fields.Float(
        string="Total demand",
        digits="Product Unit of Measure",
        readonly=True,
        help="Demand of all members, in the purchase unit of measure.",
    )
    member_count = fields.Integer(string="Members", readonly=True)
    qty_max_member = fields.Float(
        string="Maximum per member",
        digits="Product Unit of Measure",
        default=10000.0,
        required=True,
        help="Most a member may order of this material in this round, in the purchase unit "
        "of measure: a typing error (an extra zero or two) cannot push the round to a tier "
        "nobody needs.",
    )
    supplierinfo_id = fields.Many2one(
        "product.supplierinfo", string="Price tier", readonly=True, ondelete="set null"
    )
    vendor_id = fields.Many2one("res.partner", readonly=True)
    price_unit = fields.Float(
        string="Collective unit price",
        digits="Product Price",
        readonly=True,
        help="Unit price of the cheapest vendor tier at the aggregated quantity.",
    )
    tier_min_qty = fields.Float(
        related="supplierinfo_id.min_qty", string="Tier from", digits="Product Unit of Measure"
    )
    qty_to_order = fields.Float(
        digits="Product Unit of Measure",
        readonly=True,
        help="Total demand raised to the vendor's minimum order quantity and to whole "
        "purchase packagings. What exceeds the demand stays with the cooperative.",
    )
    qty_surplus_planned = fields.Float(
        compute="_compute_quantities",
        string="Planned surplus",
        digits="Product Unit of Measure",
    )
    amount_collective = fields.Monetary(readonly=True, string="Collective cost")
    amount_baseline = fields.Monetary(
        readonly=True,
        string="Baseline cost",
        help="What the members would pay buying alone, each at its own quantity.",
    )
    savings = fields.Monetary(compute="_compute_savings", store=True)
    purchase_line_ids = fields.One2many(
        "purchase.order.line", "umkm_round_line_id", string="Purchase lines"
    )
    qty_ordered = fields.Float(compute="_compute_quantities", digits="Product Unit of Measure")
    qty_received = fields.Float(compute="_compute_quantities", digits="Product Unit of Measure")
    allocation_ids = fields.One2many("umkm.procurement.allocation", "line_id")
    qty_allocated = fields.Float(compute="_compute_quantities", digits="Product Unit of Measure")
    qty_surplus = fields.Float(
        compute="_compute_quantities",
        string="Surplus (cooperative)",
        digits="Product Unit of Measure",
        help="Received but not allocated to members: it stays in the cooperative's stock.",
    )
    next_tier_qty = fields.Float(
        compute="_compute_next_tier",
        string="More needed for next tier",
        digits="Product Unit of Measure",
    )
    next_tier_price = fields.Float(compute="_compute_next_tier", digits="Product Price")

    _sql_constraints = [
        (
            "qty_max_member_positive",
            "CHECK(qty_max_member > 0)",
            "The maximum per member must be above zero.",
        ),
        (
            "product_round_uniq",
            "unique(round_id, product_id)",
            "A material appears only once in a round.",
        ),
    ]

    @api.depends("product_id")
    def _compute_uom_id(self):
        for line in self:
            line.uom_id = line.product_id.uom_po_id

    @api.depends("amount_baseline", "amount_collective")
    def _compute_savings(self):
        for line in self:
            line.savings = line.amount_baseline - line.amount_collective

    @api.depends(
        "qty_to_order",
        "qty_demand",
        "purchase_line_ids.product_qty",
        "purchase_line_ids.qty_received",
        "purchase_line_ids.state",
        "allocation_ids.qty_allocated",
    )
    def _compute_quantities(self):
        for line in self:
            uom = line.uom_id
            ordered = received = 0.0
            # quantities only: officers without purchase rights follow ordered / received too
            for pol in line.sudo().purchase_line_ids.filtered(lambda p: p.state != "cancel"):
                ordered += pol.product_uom._compute_quantity(pol.product_qty, uom, round=False)
                received += pol.product_uom._compute_quantity(pol.qty_received, uom, round=False)
            line.qty_ordered = uom_round(uom, ordered) if uom else ordered
            line.qty_received = uom_round(uom, received) if uom else received
            line.qty_surplus_planned = max(line.qty_to_order - line.qty_demand, 0.0)
            allocated = sum(line.allocation_ids.mapped("qty_allocated"))
            line.qty_allocated = allocated
            line.qty_surplus = (
                max(line.qty_received - allocated, 0.0) if line.allocation_ids else 0.0
            )

    @api.depends("qty_demand", "product_id", "round_id.currency_id", "round_id.state")
    def _compute_next_tier(self):
        """How much more demand reaches the next price tier: a nudge for members while the
        round is open (once it closes, nobody can add demand)."""
        for line in self:
            line.next_tier_qty = line.next_tier_price = 0.0
            if not line.product_id or line.round_id.state != "open":
                continue
            hint = next_tier(line._price_tiers(), line.qty_demand)
            if hint:
                line.next_tier_qty = uom_round(line.uom_id, hint[0], "UP")
                line.next_tier_price = hint[1]

    def _price_tiers(self):
        """The vendor price tiers of the material, in the round's currency."""
        self.ensure_one()
        return self.product_id._umkm_price_tiers(self.round_id.currency_id, self.company_id)

    # ------------------------------------------------------------------ aggregation
    def _demand_by_member(self, states):
        """Demand in ``states`` of these lines per member, in each line's purchase unit (not
        rounded): ``{line: {member id: qty}}``, members in id order.

        One query, whatever the number of demand lines, with the demand's record rules
        applied (see ``tools.sql_batch.grouped_sums``).
        """
        self.flush_recordset(["round_id", "product_id", "uom_id"])
        rows = grouped_sums(
            self.env["umkm.procurement.demand"],
            [("round_id", "in", self.round_id.ids), ("state", "in", states)],
            ["member_id", "round_id", "product_id", "uom_id"],
            "qty",
        )
        # keyed by (round id, product id) in the loop: a tuple of ints hashes in C, a record
        # in Python, and the loop runs once per member and material
        line_of = {(line.round_id.id, line.product_id.id): line for line in self}
        uom_id_of = {key: line.uom_id.id for key, line in line_of.items()}
        uom_of = {uom.id: uom for uom in self.env["uom.uom"].browse({row[3] for row in rows})}
        demand = defaultdict(lambda: defaultdict(float))
        for member_id, round_id, product_id, uom_id, qty in rows:
            key = (round_id, product_id)
            line_uom_id = uom_id_of.get(key)
            if line_uom_id is None:
                continue
            if uom_id != line_uom_id:
                qty = uom_of[uom_id]._compute_quantity(qty, line_of[key].uom_id, round=False)
            demand[key][member_id] += qty
        return {line_of[key]: per_member for key, per_member in demand.items()}

    def _aggregate_values(self):
        """The lines' values from their current demand, without writing them: ``({line: values
        to write}, {(round id, product id, member id): price alone of a closed round})`` —
        total quantity, the cheapest vendor tier at that quantity, the quantity to order, and
        the cost collectively and for each member alone.

        Batched: one query of the demand of all lines, the vendor tiers of all products
        prefetched together.
        """
        per_line = self._demand_by_member(("submitted", "confirmed"))
        self.product_id.seller_ids.mapped("price")  # prefetch tiers of all products at once
        values, alone = {}, {}
        for line in self:
            uom = line.uom_id
            member_qtys = {m: uom_round(uom, q) for m, q in per_line.get(line, {}).items() if q > 0}
            qty = uom_round(uom, sum(member_qtys.values()))
            tiers = line._price_tiers()
            index = pick_tier(tiers, qty)
            vals = values[line] = {"qty_demand": qty, "member_count": len(member_qtys)}
            if index is None:
                vals.update(
                    supplierinfo_id=False,
                    vendor_id=False,
                    price_unit=0.0,
                    amount_collective=0.0,
                    amount_baseline=0.0,
                    qty_to_order=0.0,
                    vendor_below_standing=False,
                )
                continue
            tier = tiers[index]
            rounding = line.round_id.currency_id.rounding
            prices = {m: alone_price(tiers, member_qty) for m, member_qty in member_qtys.items()}
            baseline_units = sum(
                amount_units(member_qty, prices[m], rounding)
                for m, member_qty in member_qtys.items()
            )
            if line.round_id.state not in ("draft", "open"):
                key = (line.round_id.id, line.product_id.id)
                alone.update({(*key, m): price for m, price in prices.items()})
            to_order = (
                order_quantity(qty, tier.min_qty, line._purchase_multiple()) if qty > 0 else 0
            )
            vals.update(
                supplierinfo_id=tier.seller.id,
                vendor_id=tier.seller.partner_id.id,
                price_unit=tier.price,
                amount_collective=from_units(amount_units(qty, tier.price, rounding), rounding),
                amount_baseline=from_units(baseline_units, rounding),
                qty_to_order=uom_round(uom, to_order, "UP"),
                vendor_below_standing=line._vendor_below_standing(tier.seller.partner_id),
            )
        return values, alone

    def _aggregate(self):
        """(Re)compute and store the lines' totals from their current demand (see
        :meth:`_aggregate_values`): when their round opens, closes or reopens, and for open
        rounds by the refresh job (a demand save does not write them: members' saves at the
        deadline would all wait on these rows). A line is written only where a value changed.
        """
        if not self:
            return
        values, alone = self._aggregate_values()
        for line, vals in values.items():
            changed = {
                name: value
                for name, value in vals.items()
                if line._fields[name].convert_to_write(line[name], line) != value
            }
            if changed:
                line.write(changed)
        self._store_alone_prices(alone)

    def _umkm_totals(self):
        """What a member sees of the lines: ``{line: {qty_demand, member_count, price_unit,
        next_tier_qty, next_tier_price}}``; for an open round from the demand as it is now (its
        stored totals lag the saves by the refresh job), otherwise as stored."""
        live = self.filtered(lambda line: line.round_id.state == "open")
        values = live._aggregate_values()[0] if live else {}
        totals = {}
        for line in self:
            vals = values.get(line)
            if vals is None:
                totals[line] = {
                    "qty_demand": line.qty_demand,
                    "member_count": line.member_count,
                    "price_unit": line.price_unit,
                    "next_tier_qty": line.next_tier_qty,
                    "next_tier_price": line.next_tier_price,
                }
                continue
            hint = next_tier(line._price_tiers(), vals["qty_demand"])
            totals[line] = {
                "qty_demand": vals["qty_demand"],
                "member_count": vals["member_count"],
                "price_unit": vals["price_unit"],
                "next_tier_qty": uom_round(line.uom_id, hint[0], "UP") if hint else 0.0,
                "next_tier_price": hint[1] if hint else 0.0,
            }
        return totals

    def _store_alone_prices(self, prices):
        """Keep on the demand lines of closed rounds the price each member would have paid
        alone, as the round's baseline counted it (``{(round id, product id, member id):
        price}``): a member's savings stay what the round saved it, whatever the vendor's
        prices become. One read and one update, whatever the number of members."""
        if not prices:
            return
        Demand = self.env["umkm.procurement.demand"]
        demands = Demand.search_fetch(
            [
                ("round_id", "in", list({key[0] for key in prices})),
                ("state", "in", ("submitted", "confirmed")),
            ],
            ["round_id", "product_id", "member_id"],
        )
        rows = []
        for demand in demands:
            key = (demand.round_id.id, demand.product_id.id, demand.member_id.id)
            if key in prices:
                rows.append((demand.id, prices[key]))
        update_rows(Demand, ("price_alone",), rows)

    def _member_amounts(self, members=None):
        """Each member's quantity of these lines, the unit price it would have paid alone
        (kept on its demand when the round closed; the vendor's tiers of today for a round
        closed before that was kept) and what it pays for it alone and together, in the
        currency: ``{line: {member id: (qty, price alone, alone, together)}}``; ``members``
        (ids) limits it to them. The one rule of a member's savings (its round results, the
        cluster's figures). Two queries, whatever the number of members."""
        per_line = self._demand_by_member(("submitted", "confirmed"))
        domain = [
            ("round_id", "in", self.round_id.ids),
            ("state", "in", ("submitted", "confirmed")),
        ]
        if members is not None:
            domain.append(("member_id", "in", list(members)))
        kept = {
            (d.round_id.id, d.product_id.id, d.member_id.id): d.price_alone
            for d in self.env["umkm.procurement.demand"]
            .sudo()
            .search_fetch(domain, ["round_id", "product_id", "member_id", "price_alone"])
        }
        result = {}
        for line in self:
            rounding = line.round_id.currency_id.rounding
            amounts = {}
            for member_id, qty in per_line.get(line, {}).items():
                qty = uom_round(line.uom_id, qty)
                if qty <= 0 or (members is not None and member_id not in members):
                    continue
                price = kept.get((line.round_id.id, line.product_id.id, member_id))
                if not price:
                    price = alone_price(line._price_tiers(), qty)
                if price is None:
                    price = line.price_unit
                amounts[member_id] = (
                    qty,
                    price,
                    from_units(amount_units(qty, price, rounding), rounding),
                    from_units(amount_units(qty, line.price_unit, rounding), rounding),
                )
            result[line] = amounts
        return result

    def _purchase_multiple(self):
        """Packaging multiple of the material for purchases, in the purchase UoM (0: none)."""
        self.ensure_one()
        packagings = self.product_id.packaging_ids.filtered(lambda p: p.purchase and p.qty > 0)
        if not packagings:
            return 0.0
        packaging = packagings.sorted(lambda p: (p.sequence, p.id))[:1]
        return self.product_id.uom_id._compute_quantity(packaging.qty, self.uom_id, round=False)

    def _prepare_purchase_line_vals(self, date_planned):
        self.ensure_one()
        return {
            "product_id": self.product_id.id,
            "name": self.product_id.display_name,
            "product_qty": self.qty_to_order,
            "product_uom": self.uom_id.id,
            "price_unit": self.price_unit,
            "discount": 0.0,
            "date_planned": date_planned,
            "umkm_round_line_id": self.id,
        }

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines._check_round_editable()
        return lines

    def write(self, vals):
        if {"product_id", "round_id"} & set(vals):
            self._check_round_editable()
        res = super().write(vals)
        if {"product_id", "round_id"} & set(vals):
            self._check_round_editable()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_only_in_draft(self):
        self._check_round_editable()

    def _check_round_editable(self):
        locked = self.filtered(lambda line: line.round_id.state not in ("draft", "open"))
        if locked:
            raise UserError(
                self.env._(
                    "The materials of round %(name)s can only be changed before it is closed.",
                    name=", ".join(locked.round_id.mapped("name")),
                )
            )
        with_demand = self.env["umkm.procurement.demand"].search_count(
            [
                ("round_id", "in", self.round_id.ids),
                ("product_id", "in", self.product_id.ids),
                ("state", "!=", "cancel"),
            ],
            limit=1,
        )
        if with_demand and self.filtered(lambda line: line.round_id.state == "open"):
            raise UserError(
                self.env._(
                    "Members already entered demand for this material: it cannot be changed "
                    "or removed while the round is open."
                )
            )
