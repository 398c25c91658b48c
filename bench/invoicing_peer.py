"""The real peer of the suite's member invoicing: Odoo's own batch invoicing of sale orders.

One sale order per member of the round with the same lines as its member invoice (products,
quantities, unit prices, the same PPN), invoiced at once with Odoo's *Create invoices* wizard
(``sale.advance.payment.inv``, regular invoices) in the same run and database as the suite's
member invoices: the suite must not be slower than Odoo's own batch.
"""

import time


def _order_vals(move, pricelist):
    """A sale order of ``move``'s customer with ``move``'s product lines."""
    return {
        "partner_id": move.partner_id.id,
        "pricelist_id": pricelist.id,
        "order_line": [
            (
                0,
                0,
                {
                    "product_id": line.product_id.id,
                    "product_uom_qty": line.quantity,
                    "product_uom": line.product_uom_id.id,
                    "price_unit": line.price_unit,
                    "tax_id": [(6, 0, line.tax_ids.ids)],
                },
            )
            for line in move.invoice_line_ids
            if line.display_type == "product"
        ],
    }


def bench_odoo_peer(env, invoices, suite_figures, report, measure_median, print_line, runs):
    """Odoo's batch invoicing of as many sale orders as the suite's member ``invoices``, line
    for line, the median of ``runs``; ``suite_figures``: the suite's (median seconds, queries)
    for the same invoices."""
    started = time.time()
    # in the invoices' currency (rupiah), as the members' invoices
    pricelist = env["product.pricelist"].create(
        {"name": "Bench (rupiah)", "currency_id": invoices[:1].currency_id.id}
    )
    orders = env["sale.order"].create([_order_vals(move, pricelist) for move in invoices])
    # confirmed without the stock rules (deliveries are not what is measured): the lines are
    # invoiceable as ordered
    orders.order_line.product_id.product_tmpl_id.write({"invoice_policy": "order"})
    orders.write({"state": "sale"})
    env.flush_all()
    env.cr.commit()
    lines = sum(len(o.order_line) for o in orders)
    built = time.time() - started
    print_line(f"# {len(orders)} sale orders ({lines} lines) built in {built:.0f} s")

    def odoo_batch():
        wizard = (
            env["sale.advance.payment.inv"]
            .with_context(active_model="sale.order", active_ids=orders.ids)
            .create({"advance_payment_method": "delivered"})
        )
        wizard.create_invoices()

    seconds, queries, spread = measure_median(env, odoo_batch, runs)
    made = orders.invoice_ids
    totals_match = sorted(round(m.amount_total) for m in made) == sorted(
        round(m.amount_total) for m in invoices
    )
    if not totals_match:
        by_partner = {m.partner_id: m for m in invoices}
        for move in made:
            ref = by_partner.get(move.partner_id)
            if ref and round(ref.amount_total) != round(move.amount_total):
                print_line(
                    f"# differs: {move.partner_id.name}: member invoice {ref.amount_untaxed} + "
                    f"{ref.amount_tax}, Odoo's {move.amount_untaxed} + {move.amount_tax}; "
                    + "; ".join(
                        f"{a.product_id.default_code} {a.quantity}x{a.price_unit} / "
                        f"{b.quantity}x{b.price_unit}"
                        for a, b in zip(ref.invoice_line_ids, move.invoice_line_ids, strict=False)
                        if (a.quantity, a.price_unit) != (b.quantity, b.price_unit)
                    )
                )
                break
    suite_seconds, suite_queries = suite_figures
    report(
        "Odoo's batch invoicing (peer)",
        f"{len(made)} invoices",
        seconds,
        queries,
        note=(
            f"sale.advance.payment.inv over {len(orders)} sale orders, {lines} lines, same PPN, "
            f"{spread}; "
            f"totals equal the members' invoices: {'yes' if totals_match else 'NO'}; "
            f"suite {suite_seconds:.3f} s / {suite_queries} q: "
            f"{'not slower (met)' if suite_seconds <= seconds else 'SLOWER (not met)'}"
        ),
    )
    env.cr.commit()
