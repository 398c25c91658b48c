"""Two users (or the cron) doing the same thing at the same moment, for real: two database
connections whose transactions overlap (both snapshots are taken before either commits),
each run the way Odoo runs a request (``odoo.service.model.retrying``: a serialization failure
is rolled back and retried in a new snapshot). Nothing is duplicated, nothing lost, and a
refusal is a clear ``UserError``/``ValidationError``, never a database error.

The data is committed (it has to be, for two connections to see it) and removed at the end.
"""

import threading
import uuid
from datetime import timedelta
from functools import partial

import pytest

import odoo
from odoo import Command, api, fields
from odoo.exceptions import UserError, ValidationError
from odoo.service.model import retrying


def _registry():
    return odoo.modules.registry.Registry(odoo.tools.config["db_name"])


def race(*funcs):
    """Run ``funcs(env)`` at once in separate transactions; ``[result or exception]``."""
    registry = _registry()
    barrier = threading.Barrier(len(funcs))
    results = [None] * len(funcs)

    def worker(index, func):
        try:
            with registry.cursor() as cr:
                env = api.Environment(cr, odoo.SUPERUSER_ID, {})
                cr.execute("SELECT 1")  # the snapshot: before the other commits
                barrier.wait(timeout=30)
                results[index] = retrying(partial(func, env), env)
        except (UserError, ValidationError) as exc:
            results[index] = exc
        except Exception as exc:
            results[index] = exc

    threads = [threading.Thread(target=worker, args=(i, f)) for i, f in enumerate(funcs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    return results


@pytest.fixture(scope="module")
def world():
    """A cluster, three active members, a material with vendor tiers (committed)."""
    registry = _registry()
    with registry.cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {})
        code = f"RACE-{uuid.uuid4().hex[:8]}"
        cluster = env["umkm.cluster"].create({"name": f"Race cluster {code}", "code": code})
        partners = env["res.partner"].create(
            [{"name": f"Race SME {i}", "is_company": True} for i in range(3)]
        )
        members = env["umkm.member"].create(
            [{"partner_id": p.id, "cluster_id": cluster.id} for p in partners]
        )
        members.action_activate()
        vendor = env["res.partner"].create({"name": "Race vendor", "is_company": True})
        product = env["product.product"].create(
            {
                "name": "Race kain",
                "is_storable": True,
                "seller_ids": [
                    Command.create({"partner_id": vendor.id, "min_qty": 0, "price": 30.0}),
                    Command.create({"partner_id": vendor.id, "min_qty": 100, "price": 27.0}),
                ],
            }
        )
        ids = {
            "cluster": cluster.id,
            "members": members.ids,
            "partners": (partners | vendor).ids,
            "product": product.id,
            "rounds": [],
        }
    yield ids
    with registry.cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {})
        rounds = env["umkm.procurement.round"].browse(ids["rounds"]).exists()
        rounds.filtered(lambda r: r.state not in ("draft", "cancel")).action_cancel()
        rounds.purchase_ids.unlink()
        rounds.unlink()
        env["umkm.member"].browse(ids["members"]).unlink()
        env["umkm.cluster"].browse(ids["cluster"]).unlink()
        env["product.product"].browse(ids["product"]).product_tmpl_id.unlink()
        env["res.partner"].browse(ids["partners"]).unlink()


def _open_round(world, demands=()):
    with _registry().cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {})
        rnd = env["umkm.procurement.round"].create(
            {
                "cluster_id": world["cluster"],
                "deadline": fields.Datetime.now() + timedelta(days=2),
                "line_ids": [Command.create({"product_id": world["product"]})],
            }
        )
        rnd.action_open()
        for member_id, qty in demands:
            _demand(env, rnd.id, member_id, world["product"], qty)
        world["rounds"].append(rnd.id)
        return rnd.id


def _demand(env, round_id, member_id, product_id, qty):
    return env["umkm.procurement.demand"].create(
        {"round_id": round_id, "member_id": member_id, "product_id": product_id, "qty": qty}
    )


def _check_round(round_id):
    """The close counted exactly the demand it confirmed: nothing submitted is left."""
    with _registry().cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {})
        rnd = env["umkm.procurement.round"].browse(round_id)
        demands = rnd.demand_ids.filtered(lambda d: d.state != "cancel")
        assert rnd.state == "closed"
        assert set(demands.mapped("state")) <= {"confirmed"}
        assert rnd.line_ids.qty_demand == sum(demands.mapped("qty"))
        return sorted(demands.member_id.ids), sum(demands.mapped("qty"))


@pytest.mark.parametrize("attempt", range(3))
def test_demand_saved_while_the_round_closes_is_counted_or_refused(world, attempt):
    member_1, member_2, _member_3 = world["members"]
    round_id = _open_round(world, [(member_1, 40)])
    results = race(
        lambda env: env["umkm.procurement.round"].browse(round_id).action_close(),
        lambda env: _demand(env, round_id, member_2, world["product"], 25).id,
    )
    assert results[0] is True, results
    member_ids, total = _check_round(round_id)
    if isinstance(results[1], Exception):
        # refused with the round's own message, and not saved
        assert isinstance(results[1], UserError), repr(results[1])
        assert "not open for demand" in str(results[1])
        assert (member_ids, total) == ([member_1], 40)
    else:
        # counted by the close
        assert (member_ids, total) == (sorted([member_1, member_2]), 65)


def test_same_demand_from_two_tabs_is_saved_once(world):
    member_1 = world["members"][0]
    round_id = _open_round(world)
    results = race(
        lambda env: _demand(env, round_id, member_1, world["product"], 10).id,
        lambda env: _demand(env, round_id, member_1, world["product"], 12).id,
    )
    saved = [r for r in results if isinstance(r, int)]
    refused = [r for r in results if isinstance(r, Exception)]
    assert len(saved) == 1 and len(refused) == 1, results
    assert isinstance(refused[0], ValidationError)
    assert "already has a demand line" in str(refused[0])
    with _registry().cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {})
        demands = env["umkm.procurement.round"].browse(round_id).demand_ids
        assert len(demands) == 1


def test_two_officers_close_the_same_round(world):
    member_1, member_2, _member_3 = world["members"]
    round_id = _open_round(world, [(member_1, 40), (member_2, 70)])
    close = lambda env: env["umkm.procurement.round"].browse(round_id).action_close()  # noqa: E731
    results = race(close, close)
    assert results.count(True) == 1, results
    refused = next(r for r in results if r is not True)
    assert isinstance(refused, UserError), repr(refused)
    _check_round(round_id)


def test_purchase_orders_created_twice_at_once_exist_once(world):
    member_1, member_2, member_3 = world["members"]
    round_id = _open_round(world, [(member_1, 40), (member_2, 70), (member_3, 5)])
    with _registry().cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {})
        env["umkm.procurement.round"].browse(round_id).action_close()
    order = lambda env: bool(  # noqa: E731
        env["umkm.procurement.round"].browse(round_id).action_create_purchase_orders()
    )
    results = race(order, order)
    assert all(r is True for r in results), results  # idempotent: the second orders nothing
    with _registry().cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {})
        rnd = env["umkm.procurement.round"].browse(round_id)
        assert rnd.state == "ordered"
        assert len(rnd.purchase_ids) == 1
        assert rnd.purchase_ids.order_line.product_qty == 115
