"""Recurring rounds (``bench/run.py --only recurring``): the hourly job opens 100 rounds at
once from their templates (10 clusters of 10 templates of 2 materials), every member's
standing demand carried into each round of its cluster, at 100 and 1,000 members (2,000 and
20,000 demand lines): seconds, and queries that do not grow with the members. The naive
baseline (at 100 members) opens each template's round by itself and enters each member's
demand line by line, as 2,000 portal saves would.
"""

from datetime import timedelta

CLUSTERS = 10
TEMPLATES_PER_CLUSTER = 10
MATERIALS_PER_TEMPLATE = 2


def first_of_next_month(env):
    from odoo import fields  # noqa: PLC0415

    today = fields.Date.today()
    return (today.replace(day=1) + timedelta(days=32)).replace(day=1)


def templates_with_standing_demand(env, data, n, materials, start):
    """``CLUSTERS`` clusters of ``n / CLUSTERS`` members, each with ``TEMPLATES_PER_CLUSTER``
    monthly templates opening on ``start``; every member stands for every material of every
    template of its cluster."""
    Command = data.Command
    templates = env["umkm.procurement.round.template"]
    vals_list = []
    for c in range(CLUSTERS):
        cluster, members = data.cluster(f"R{n}-{c}", n // CLUSTERS)
        for t in range(TEMPLATES_PER_CLUSTER):
            products = [
                materials[(t * MATERIALS_PER_TEMPLATE + k) % len(materials)]
                for k in range(MATERIALS_PER_TEMPLATE)
            ]
            vals_list.append(
                {
                    "name": f"Bench recurring {n}-{c}-{t}",
                    "cluster_id": cluster.id,
                    "user_id": 2,
                    "cadence": "monthly",
                    "month_day": start.day,
                    "deadline_days": 7,
                    "deadline_hour": 10.0,
                    "date_start": start,
                    "fee_percent": 2.5,
                    "line_ids": [Command.create({"product_id": p.id}) for p in products],
                    "standing_ids": [
                        Command.create(
                            {"member_id": m.id, "product_id": p.id, "qty": 1 + (i + j) % 13}
                        )
                        for i, m in enumerate(members)
                        for j, p in enumerate(products)
                    ],
                }
            )
    return templates.create(vals_list)


def naive_open(env, templates, now):
    """Each template's round opened by itself, each member's demand entered line by line."""
    Demand = env["umkm.procurement.demand"]
    for template in templates:
        due = template._umkm_due(now)
        if not due:
            continue
        rnd = env["umkm.procurement.round"].create(
            template._prepare_round_vals(due[template], template.line_ids)
        )
        rnd.action_open()
        for standing in template.standing_ids:
            Demand.create(
                {
                    "round_id": rnd.id,
                    "member_id": standing.member_id.id,
                    "product_id": standing.product_id.id,
                    "qty": standing.qty,
                    "uom_id": standing.uom_id.id,
                    "standing_id": standing.id,
                }
            )
        template.date_last_period = due[template]


def bench_recurring(env, data, sizes, report, measure, measure_median, rolled_back, naive_at):
    from odoo.addons.umkm_joint_procurement.tools.recurrence import local_to_utc  # noqa: PLC0415

    materials = data.materials(20)
    start = first_of_next_month(env)
    now = local_to_utc(start, 1.0)  # 01:00 WIB on the day the rounds open
    Template = env["umkm.procurement.round.template"]
    for n in sizes:
        templates = templates_with_standing_demand(env, data, n, materials, start)
        standing = len(templates.standing_ids)
        env.cr.commit()
        naive = None
        if n <= naive_at:
            with rolled_back(env):
                naive = measure(env, lambda t=templates: naive_open(env, t, now))
        mails_before = env["mail.mail"].search_count([])
        seconds, queries, spread = measure_median(
            env, lambda: Template._cron_open_rounds(now=now), 3
        )
        rounds = templates.round_ids
        demand = env["umkm.procurement.demand"].search_count([("round_id", "in", rounds.ids)])
        # Odoo's mail writes one e-mail per 50 recipients (mail.batch_size), two queries each
        mails = env["mail.mail"].search_count([]) - mails_before
        report(
            "recurring rounds (open 100)",
            f"{n} members, {standing} standing",
            seconds,
            queries,
            naive,
            f"{len(rounds)} rounds, {demand} demand lines, {mails} e-mails; {spread}",
        )
        env.cr.commit()
