"""The vendors' rating (``bench/run.py --only vendors``): the on-time, fill and quality rates
and the standing of every vendor of the rounds, from 1,000 receipts of the rounds' purchase
orders (some late, some short, some with material refused on receipt), computed for all the
vendors at once: seconds, and queries that do not grow with the receipts. The naive baseline
rates vendor by vendor, order line by order line, through the ORM.
"""

from datetime import timedelta

VENDORS = 20


def receipts(env, data, count):
    """``count`` receipts of the rounds' purchase orders to ``VENDORS`` vendors, validated
    today: one order line each; a fifth of the vendors late (their lines due over the last 11
    months), a quarter short (75 of 100), one receipt in seven with a tenth refused."""
    from odoo import Command, fields  # noqa: PLC0415

    vendors = env["res.partner"].create(
        [{"name": f"Bench rated vendor {i}", "is_company": True} for i in range(VENDORS)]
    )
    cluster, _members = data.cluster(f"VR{count}", 1)
    material = data.materials(1)
    rnd = env["umkm.procurement.round"].create(
        {
            "cluster_id": cluster.id,
            "deadline": fields.Datetime.now() + timedelta(days=5),
            "line_ids": [Command.create({"product_id": material.id})],
        }
    )
    now = fields.Datetime.now()
    orders = env["purchase.order"].create(
        [
            {
                "partner_id": vendors[i % VENDORS].id,
                "umkm_round_id": rnd.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": material.id,
                            "product_qty": 100,
                            "price_unit": 20000 + 100 * (i % 7),
                            # a fifth of the vendors late (due weeks or months ago)
                            "date_planned": now - timedelta(days=(i * 13) % 330)
                            if i % VENDORS % 5 == 0
                            else now,
                        }
                    )
                ],
            }
            for i in range(count)
        ]
    )
    orders.button_confirm()
    pickings = orders.picking_ids
    for i, move in enumerate(pickings.move_ids):
        refused = 10 if i % 7 == 0 else 0
        move.write(
            {
                "quantity": 75 if i % VENDORS % 4 == 1 else 100,
                "picked": True,
                "umkm_qty_refused": refused,
                "umkm_refuse_reason": "Rusak" if refused else False,
            }
        )
    pickings.with_context(
        skip_backorder=True, picking_ids_not_to_backorder=pickings.ids
    ).button_validate()
    return vendors, pickings


def naive_rating(env, vendors):
    """Vendor by vendor, line by line, move by move through the ORM."""
    from odoo import fields  # noqa: PLC0415

    from odoo.addons.umkm_joint_procurement.tools.vendor_rating import (  # noqa: PLC0415
        LineFigures,
        rates,
        standing,
    )

    result = {}
    for vendor in vendors:
        figures = []
        for line in env["purchase.order.line"].search(
            [("partner_id", "=", vendor.id), ("order_id.umkm_round_id", "!=", False)]
        ):
            expected = fields.Datetime.context_timestamp(
                line.with_context(tz="Asia/Jakarta"), line.date_planned
            ).date()
            on_time = refused = 0.0
            for move in env["stock.move"].search(
                [("purchase_line_id", "=", line.id), ("state", "=", "done")]
            ):
                done = fields.Datetime.context_timestamp(
                    move.with_context(tz="Asia/Jakarta"), move.date
                ).date()
                if done <= expected:
                    on_time += move.quantity
                refused += move.umkm_qty_refused
            figures.append(
                LineFigures(line.product_qty, line.qty_received, on_time, refused, line.price_unit)
            )
        result[vendor.id] = standing(*rates(figures))
    return result


def bench_vendors(env, data, sizes, report, measure, measure_median, rolled_back):
    for count in sizes:
        vendors, pickings = receipts(env, data, count)
        env.cr.commit()

        def rate(vendors=vendors):
            vendors.invalidate_recordset()
            return vendors.mapped("umkm_vendor_standing")

        with rolled_back(env):
            naive = measure(env, lambda v=vendors: naive_rating(env, v))
        seconds, queries, spread = measure_median(env, rate, 5)
        standings = sorted(set(rate()))
        report(
            "vendors' rating (on demand)",
            f"{len(pickings)} receipts, {VENDORS} vendors",
            seconds,
            queries,
            naive,
            f"standings {', '.join(standings)}; {spread}",
        )
