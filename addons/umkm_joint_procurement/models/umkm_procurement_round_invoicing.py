from collections import defaultdict

from odoo import Command, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare

from odoo.addons.umkm_cluster.tools import sql_batch
from odoo.addons.umkm_joint_procurement.tools.procurement_math import from_units, to_units

# Above this many members to invoice (system parameter umkm_joint_procurement.background_invoices),
# member invoices are created by a background job, this many per run
# (umkm_joint_procurement.invoices_per_job): a round of a thousand members takes longer than a
# browser or a proxy should be kept waiting (figures in bench/ and the README).
BACKGROUND_INVOICES = 300
INVOICES_PER_JOB = 200
# the member invoices job's workers: separate cron jobs that Odoo runs at once on different
# cron workers (or hosts), each taking members no other holds
INVOICE_WORKERS = (
    "umkm_joint_procurement.ir_cron_member_invoices",
    "umkm_joint_procurement.ir_cron_member_invoices_2",
)


# one concern of the round per file (the round itself in umkm_procurement_round.py)
# pylint: disable=consider-merging-classes-inherited
class UmkmProcurementRound(models.Model):
    """Member invoicing of a round: one customer invoice per member, at once for small rounds,
    by a background job for large ones."""

    _inherit = "umkm.procurement.round"

    invoice_amount_untaxed = fields.Monetary(
        compute="_compute_invoice_amounts",
        string="Invoiced (untaxed)",
        help="Untaxed amounts of the member invoices (cancelled ones excepted): materials, "
        "shared costs and fees, to the rupiah.",
    )
    invoice_amount_tax = fields.Monetary(compute="_compute_invoice_amounts", string="Tax (PPN)")
    invoice_amount_total = fields.Monetary(
        compute="_compute_invoice_amounts", string="Invoiced (total)"
    )

    invoicing_done = fields.Integer(
        compute="_compute_invoicing_progress", string="Members invoiced"
    )
    invoicing_total = fields.Integer(
        compute="_compute_invoicing_progress", string="Members to invoice"
    )

    def _compute_invoicing_progress(self):
        """Members with an invoice of the round, of the members with something to pay: the
        background job's progress, shown on the round while it runs."""
        Allocation = self.env["umkm.procurement.allocation"].sudo()
        domain = [("round_id", "in", self.ids), ("amount_total", "!=", 0)]
        total = dict(Allocation._read_group(domain, ["round_id"], ["member_id:count_distinct"]))
        done = dict(
            Allocation._read_group(
                [*domain, ("invoice_id", "!=", False)],
                ["round_id"],
                ["member_id:count_distinct"],
            )
        )
        for rnd in self:
            rnd.invoicing_total = total.get(rnd, 0)
            rnd.invoicing_done = done.get(rnd, 0)

    def _compute_invoice_amounts(self):
        # sums only (the rounds themselves are readable): officers without invoicing rights
        # still see what the members were billed
        sums = {
            rnd: (untaxed, tax, total)
            for rnd, untaxed, tax, total in self.env["account.move"]
            .sudo()
            ._read_group(
                [("umkm_round_id", "in", self.ids), ("state", "!=", "cancel")],
                ["umkm_round_id"],
                ["amount_untaxed:sum", "amount_tax:sum", "amount_total:sum"],
            )
        }
        for rnd in self:
            untaxed, tax, total = sums.get(rnd, (0.0, 0.0, 0.0))
            rnd.invoice_amount_untaxed = untaxed
            rnd.invoice_amount_tax = tax
            rnd.invoice_amount_total = total

    def action_create_member_invoices(self):
        """One customer invoice per member for its allocation. Idempotent.

        A round with more members to invoice than the system parameter
        ``umkm_joint_procurement.background_invoices`` is queued for the background job
        instead, which creates its invoices in batches and says in the chatter when done.
        """
        # the rounds are claimed where the invoices are made (or by queueing them), not twice
        self._check_state(("allocated", "invoiced"), self.env._("invoice"), claim=False)
        threshold = self._int_param("background_invoices", BACKGROUND_INVOICES)
        to_invoice = self._members_to_invoice()
        queued = self.filtered(lambda r: to_invoice.get(r, 0) > threshold)
        (self - queued)._create_member_invoices()
        if not queued:
            return self.action_view_invoices() if len(self) == 1 else True
        # the split of costs and fees once, before the job's workers share the members out
        queued.filtered(
            lambda r: not r.invoice_ids.filtered(lambda m: m.state != "cancel")
        ).allocation_ids._recompute_billing()
        queued.write({"invoicing_queued": True})
        self._umkm_trigger_invoice_workers()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "info",
                "title": self.env._("Invoices are being created"),
                "message": self.env._(
                    "The member invoices of %(rounds)s are being created in the background "
                    "(%(count)s members). The round's chatter says when they are ready.",
                    rounds=", ".join(queued.mapped("name")),
                    count=sum(to_invoice[r] for r in queued),
                ),
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    def _int_param(self, key, default):
        """Integer system parameter ``umkm_joint_procurement.<key>``."""
        return int(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param(f"umkm_joint_procurement.{key}", default)
        )

    def _members_to_invoice(self):
        """Number of members with something to pay and no invoice yet, per round."""
        return dict(
            self.env["umkm.procurement.allocation"]._read_group(
                [
                    ("round_id", "in", self.ids),
                    ("invoice_id", "=", False),
                    ("amount_total", "!=", 0),
                ],
                ["round_id"],
                ["member_id:count_distinct"],
            )
        )

    def _umkm_trigger_invoice_workers(self):
        """Wake the member invoices job's workers (one cron job each: Odoo runs different jobs
        at once on different cron workers or hosts, each taking the members no other holds)."""
        for xmlid in INVOICE_WORKERS:
            cron = self.env.ref(xmlid, raise_if_not_found=False)
            if cron:
                cron._trigger()

    @api.model
    def _cron_member_invoices(self):
        """Background job: create the member invoices of queued rounds, a batch per run. Each
        of the job's workers (``INVOICE_WORKERS``) takes a batch of members no other worker
        holds (their rows locked with ``SKIP LOCKED``), so that several workers invoice one
        round at once; the one that finds nobody left says so on the round."""
        batch = self._int_param("invoices_per_job", INVOICES_PER_JOB)
        rnd = self.search([("invoicing_queued", "=", True)], limit=1, order="id")
        if not rnd:
            return
        try:
            with self.env.cr.savepoint():
                created, left = rnd._create_member_invoices(limit=batch, shared=True)
        except UserError as error:
            rnd.invoicing_queued = False
            rnd.message_post(
                body=self.env._(
                    "The member invoices could not be created: %(error)s", error=str(error)
                ),
                subtype_xmlid="mail.mt_comment",
            )
            return
        if not left:
            # nobody left, not even with another worker: this batch was the last
            rnd.invoicing_queued = False
            rnd.message_post(
                body=self.env._(
                    "The member invoices are ready: %(count)s invoices.",
                    count=len(rnd.invoice_ids.filtered(lambda m: m.state != "cancel")),
                ),
                subtype_xmlid="mail.mt_comment",
            )
        others = self.search_count([("invoicing_queued", "=", True)])
        self.env["ir.cron"]._notify_progress(done=created, remaining=left + others)
        if left or others:
            self._umkm_trigger_invoice_workers()

    def _sale_journal(self):
        self.ensure_one()
        return self.company_id._umkm_sale_journal()

    def _create_member_invoices(self, limit=None, shared=False):
        """Create the missing member invoices of the rounds, at most ``limit`` of them, with
        one batched ``account.move.create``.

        Each member's first allocation row is locked before its invoice is made, so that two
        transactions never invoice a member twice: the second waits for the first and then
        fails to serialize (Odoo runs it again and it sees the invoice). ``shared``: the job's
        workers share the members out — each takes only members no other holds (``SKIP
        LOCKED``) and the round's row is left alone, so that they work at once; otherwise the
        round's row is claimed too (the officer's button).

        :return: ``(invoices created, members left to invoice)``; rounds with nobody left
            are set to invoiced (members another worker holds are left to it).
        """
        if not shared:
            self._claim_rows()
        fee_product = self.env.ref("umkm_joint_procurement.product_procurement_fee")
        cost_product = self.env.ref("umkm_joint_procurement.product_procurement_cost")
        move_vals, left = [], defaultdict(int)
        # Odoo looks the analytic distribution models up line by line: without any, the
        # lines have none and no query is made per line
        analytic = bool(
            self.env["account.analytic.distribution.model"].sudo().search_count([], limit=1)
        )
        for rnd in self:
            active_invoices = rnd.invoice_ids.filtered(lambda m: m.state != "cancel")
            if not active_invoices and not shared:
                rnd.allocation_ids._recompute_billing()
            invoiced = active_invoices.partner_id
            journal = rnd._sale_journal()
            todo = {
                member: allocs
                for member, allocs in rnd.allocation_ids.grouped("member_id").items()
                if member.partner_id not in invoiced
                and not rnd.currency_id.is_zero(sum(allocs.mapped("amount_total")))
            }
            room = None if limit is None else max(limit - len(move_vals), 0)
            heads = self.env["umkm.procurement.allocation"].browse(
                sorted(min(allocs.ids) for allocs in todo.values())
            )
            if room == 0:
                taken = heads.browse()
            elif shared:
                taken = sql_batch.lock_rows(heads, skip_locked=True, limit=room)
            else:
                taken = sql_batch.lock_rows(heads[:room] if room is not None else heads)
            left[rnd] += len(todo) - len(taken)
            taken_ids = set(taken.ids)
            for member, allocs in todo.items():
                if min(allocs.ids) not in taken_ids:
                    continue
                move_vals.append(
                    rnd._prepare_member_invoice_vals(
                        member, allocs, journal, fee_product, cost_product, analytic
                    )
                )
        moves = self.env["account.move"].create(move_vals)
        moves._umkm_due_dates_from_terms()
        self.filtered(lambda r: r.state == "allocated" and not left[r]).write({"state": "invoiced"})
        return len(move_vals), sum(left.values())

    def _umkm_salesperson(self):
        """Who sells for the cooperative on the round's invoices: the round's responsible, or
        else the cluster's manager (never the superuser a background job runs as)."""
        self.ensure_one()
        people = (self.user_id | self.cluster_id.manager_ids).filtered(
            lambda u: u.active and not u.share and not u._is_superuser()
        )
        return people[:1]

    def _prepare_member_invoice_vals(
        self, member, allocs, journal, fee_product, cost_product, analytic=True
    ):
        """Values of the customer invoice of ``member`` for its ``allocs`` of this round: a
        line per material at the collective price, then its share of the shared costs, the
        rounding of its material lines to its exact share, and the service fee.

        ``analytic=False``: the company has no analytic distribution models, so the lines
        get no distribution (what Odoo would compute, without its query per line)."""
        self.ensure_one()
        # the member reads its invoice in its own language
        partner = member.partner_id.with_company(self.company_id)
        rnd = self.with_context(lang=partner.lang or self.env.lang)
        currency = self.currency_id
        rounding = currency.rounding
        lines = []
        # the rounding line brings the material lines to the member's exact share, as Odoo
        # rounds their untaxed amounts: line by line, or their sum at once when the company
        # rounds taxes globally (Odoo then spreads the difference over the lines)
        rounding_units = 0
        raw_material = 0.0
        round_globally = self.company_id.tax_calculation_rounding_method == "round_globally"

        def line_vals(product, name, quantity, uom, price, alloc=False):
            vals = {
                "product_id": product.id,
                "name": name,
                "quantity": quantity,
                "product_uom_id": uom.id,
                "price_unit": price,
                "umkm_allocation_id": alloc and alloc.id,
            }
            vals.update(self.company_id._umkm_tax_vals("tax_ids"))
            if not analytic:
                vals["analytic_distribution"] = False
            return Command.create(vals)

        for alloc in allocs.sorted(lambda a: a.line_id.sequence):
            if (
                float_compare(alloc.qty_allocated, 0.0, precision_rounding=alloc.uom_id.rounding)
                <= 0
            ):
                continue
            raw_amount = alloc.qty_allocated * alloc.unit_price
            raw_material += raw_amount
            rounding_units += to_units(alloc.amount_material, rounding)
            if not round_globally:
                rounding_units -= to_units(currency.round(raw_amount), rounding)
            lines.append(
                line_vals(
                    alloc.product_id,
                    rnd.env._(
                        "%(product)s (round %(round)s, collective price)",
                        product=alloc.product_id.with_env(rnd.env).display_name,
                        round=self.name,
                    ),
                    alloc.qty_allocated,
                    alloc.uom_id,
                    alloc.unit_price,
                    alloc,
                )
            )
        if round_globally:
            rounding_units -= to_units(currency.round(raw_material), rounding)
        extra = [
            (
                cost_product,
                sum(allocs.mapped("cost_share")),
                rnd.env._(
                    "Share of shared costs (freight, handling) of round %(round)s",
                    round=self.name,
                ),
            ),
            (
                cost_product,
                from_units(rounding_units, rounding),
                rnd.env._("Rounding adjustment of round %(round)s", round=self.name),
            ),
            (
                fee_product,
                sum(allocs.mapped("fee_amount")),
                rnd.env._(
                    "Cooperative service fee %(percent)s%% of round %(round)s",
                    percent=self.fee_percent,
                    round=self.name,
                ),
            ),
        ]
        for product, amount, label in extra:
            if currency.is_zero(amount):
                continue
            lines.append(line_vals(product, label, 1.0, product.uom_id, currency.round(amount)))
        terms = partner.property_payment_term_id or self.company_id.umkm_payment_term_id
        return {
            "move_type": "out_invoice",
            "partner_id": member.partner_id.id,
            "invoice_user_id": self._umkm_salesperson().id,
            "invoice_payment_term_id": terms.id,
            "journal_id": journal.id,
            "company_id": self.company_id.id,
            "currency_id": currency.id,
            "invoice_origin": self.name,
            "ref": self.name,
            "umkm_round_id": self.id,
            "umkm_cluster_id": self.cluster_id.id,
            "umkm_flow": "procurement",
            "invoice_line_ids": lines,
        }
