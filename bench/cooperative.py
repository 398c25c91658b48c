"""The cooperative's books (``bench/run.py --only cooperative``): the monthly compulsory
savings of a cluster's members raised in one batch, and the SHU of a year with a year of
documents (a bill or an invoice per member and month of each flow the rule counts, twelve
months of savings), at 100 and 1,000 members: seconds, and queries that do not grow with
the members. The naive baseline computes the SHU's bases member by member through the ORM.
"""

from datetime import date


def year_of_documents(env, data, cluster, members):
    """A year of the cluster: per member four documents of the flows in the year, stamped as
    the flows stamp them, then principal savings in January and compulsory savings every
    month."""
    from odoo import Command  # noqa: PLC0415

    moves = []
    for i, member in enumerate(members):
        for flow, move_type, month in (
            ("procurement", "out_invoice", 3),
            ("procurement", "out_invoice", 9),
            ("subcontract", "in_invoice", 5),
            ("sales", "in_invoice", 11),
        ):
            moves.append(
                {
                    "move_type": move_type,
                    "partner_id": member.partner_id.id,
                    "invoice_date": date(2025, month, 10),
                    "umkm_cluster_id": cluster.id,
                    "umkm_flow": flow,
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "name": flow,
                                "quantity": 1,
                                "price_unit": 100000 + 1000 * (i % 97),
                                "tax_ids": [],
                            }
                        )
                    ],
                }
            )
    documents = env["account.move"].create(moves)
    documents.action_post()
    # the savings after the documents: their dues are not netted against the bills here (the
    # netting is one entry and two reconciliations per bill, measured by the tests, not here)
    Saving = env["umkm.member.saving"]
    Saving.create(
        [
            {"member_id": m.id, "type": "pokok", "date": date(2025, 1, 2), "amount": 100000}
            for m in members
        ]
    ).action_post()
    for month in range(1, 13):
        Saving._raise_wajib(cluster, date(2025, month, 1))
    minutes = env["ir.attachment"].create({"name": "notulen.txt", "raw": b"RAT"})
    rule = env["umkm.surplus.rule"].create(
        {
            "name": "Bench rule",
            "cluster_id": cluster.id,
            "date_effective": "2025-01-01",
            "rat_date": "2025-02-01",
            "rat_members_total": len(members),
            "rat_members_present": len(members),
            "rat_attachment_ids": [Command.set(minutes.ids)],
            "modal_method": "day_weighted",
            "line_ids": [
                Command.create({"kind": kind, "name": kind, "percent": percent})
                for kind, percent in (
                    ("reserve", 25),
                    ("jasa_usaha", 30),
                    ("jasa_modal", 20),
                    ("management", 10),
                    ("education", 15),
                )
            ],
        }
    )
    rule.action_approve()
    return env["umkm.surplus"].create(
        {
            "cluster_id": cluster.id,
            "date_from": "2025-01-01",
            "date_to": "2025-12-31",
            "amount": 250_000_000,
            "rule_id": rule.id,
        }
    )


def naive_bases(env, surplus):
    """The SHU's bases member by member: one search of its documents and one of its savings
    per member."""
    bases = {}
    for member in surplus._members():
        moves = env["account.move"].search(
            [
                ("commercial_partner_id", "=", member.partner_id.id),
                ("umkm_cluster_id", "=", surplus.cluster_id.id),
                ("state", "=", "posted"),
                ("date", ">=", surplus.date_from),
                ("date", "<=", surplus.date_to),
            ]
        )
        usaha = sum(
            m.amount_untaxed_signed * (1 if m.umkm_flow == "procurement" else -1) for m in moves
        )
        savings = env["umkm.member.saving"].search(
            [("member_id", "=", member.id), ("state", "=", "posted"), ("type", "!=", "sukarela")]
        )
        bases[member.id] = (usaha, sum(savings.mapped("amount")))
    return bases


def bench_cooperative(env, data, sizes, report, measure, measure_median, rolled_back):
    env.company._umkm_cooperative_setup()
    for n in sizes:
        cluster, members = data.cluster(f"K{n}", n)
        cluster.saving_wajib_amount = 25000
        members.date_join = date(2024, 1, 1)  # members for years: the dues of 2025 are theirs
        env.cr.commit()
        seconds, queries, spread = measure_median(
            env, lambda c=cluster: env["umkm.member.saving"]._raise_wajib(c, date(2026, 1, 1)), 3
        )
        raised = env["umkm.member.saving"].search_count(
            [("cluster_id", "=", cluster.id), ("period", "=", date(2026, 1, 1))]
        )
        spread = f"{raised} dues, one entry; {spread}"
        report("wajib dues (one batch)", f"{n} members", seconds, queries, None, spread)
        surplus = year_of_documents(env, data, cluster, members)
        env.cr.commit()
        with rolled_back(env):
            naive = measure(env, lambda s=surplus: naive_bases(env, s))
        seconds, queries, spread = measure_median(env, surplus.action_compute, 3)
        pools_exact = sum(surplus.line_ids.mapped("amount_usaha")) == next(
            p.amount for p in surplus.pool_ids if p.kind == "jasa_usaha"
        )
        report(
            "SHU of a year (compute)",
            f"{n} members, {4 * n} documents",
            seconds,
            queries,
            naive,
            f"{len(surplus.line_ids)} shares, pools exact: {pools_exact}; {spread}",
        )
        seconds, queries = measure(env, surplus.action_post)
        report("SHU of a year (post)", f"{n} members", seconds, queries, None, "one entry")
        env.cr.commit()
        bench_figures(env, cluster, members, report, measure_median)


def bench_figures(env, cluster, members, report, measure_median):
    """The cluster's figures of the year of documents: twelve months taken at once (what the
    back-fill on install does), then a member's twelve months beside the median and the
    office's dashboard (this year against last year): queries the same at 100 and 1,000."""
    from odoo.addons.umkm_cluster.tools.months import months_between  # noqa: PLC0415

    Snapshot = env["umkm.cluster.snapshot"]
    months = months_between(date(2025, 1, 1), date(2025, 12, 1))
    seconds, queries, spread = measure_median(
        env, lambda: Snapshot._umkm_take(cluster, months, retake=True), 3
    )
    lines = Snapshot.search_count([("cluster_id", "=", cluster.id)])
    report(
        "figures of 12 months (take)",
        f"{len(members)} members",
        seconds,
        queries,
        None,
        f"{lines} lines; {spread}",
    )
    member = members[len(members) // 2]
    seconds, queries, spread = measure_median(env, member._umkm_twelve_months, 5)
    report("a member's twelve months", f"{len(members)} members", seconds, queries, None, spread)
    seconds, queries, spread = measure_median(
        env,
        lambda: Snapshot.read_group(
            [("member_id", "=", False), ("cluster_id", "=", cluster.id)],
            ["amount_procured:sum", "amount_subcontract:sum", "amount_sales:sum"],
            ["cluster_id", "month:year"],
            lazy=False,
        ),
        5,
    )
    size = f"{len(members)} members"
    report("dashboard (year against year)", size, seconds, queries, None, spread)
