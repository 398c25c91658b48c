from odoo import SUPERUSER_ID, api, fields, http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import request

from odoo.addons.umkm_cluster.controllers.portal import UmkmClusterPortal
from odoo.addons.umkm_cluster.tools.numbers import parse_record_id
from odoo.addons.umkm_cluster.tools.retry import RETRYABLE_ERRORS, last_try

from ..exceptions import DemandClosedError


class UmkmProcurementPortal(UmkmClusterPortal):
    """Members' joint procurement pages: open rounds, demand entry, allocation, invoices."""

    def _umkm_round_domain(self):
        # the record rules restrict the rounds to the clusters of the user's business
        return [("state", "not in", ("draft", "cancel"))]

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "umkm_procurement_count" in counters:
            values["umkm_procurement_count"] = self._umkm_count(
                "umkm.procurement.round", [("state", "=", "open")]
            )
        return values

    def _umkm_round_member(self, round_sudo):
        """The active membership of the logged-in business in the round's cluster."""
        partner = request.env.user.commercial_partner_id
        return (
            request.env["umkm.member"]
            .sudo()
            .search(
                [
                    ("partner_id", "=", partner.id),
                    ("cluster_id", "=", round_sudo.cluster_id.id),
                    ("state", "=", "active"),
                ],
                limit=1,
                order="id",  # one at most: no join to order by the cluster's name
            )
        )

    @http.route(
        ["/my/procurement", "/my/procurement/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_procurement_rounds(self, page=1, **kw):
        Round = request.env["umkm.procurement.round"]
        if not Round.has_access("read"):
            return self._umkm_refused()
        rounds, pager = self._umkm_page(
            "umkm.procurement.round",
            self._umkm_round_domain(),
            "/my/procurement",
            page,
            order="deadline desc, id desc",
            history="my_umkm_procurement_history",
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "rounds": rounds,
                "page_name": "umkm_procurement",
                "pager": pager,
                "default_url": "/my/procurement",
            }
        )
        return request.render("umkm_joint_procurement.portal_my_procurement_rounds", values)

    def _umkm_demand_uoms(self, line, uoms):
        """The units a member may enter demand for the material of ``line`` in: the round's
        purchase unit, the material's purchase and stock units, then the other ``uoms`` of the
        material's category (never another category)."""
        product = line.product_id
        category = product.uom_id.category_id
        in_category = uoms.filtered(lambda u: u.category_id == category)
        usual = (line.uom_id | product.uom_po_id | product.uom_id).filtered(
            lambda u: u.category_id == category
        )
        return usual | in_category

    def _umkm_round_page_values(self, round_sudo, member, error=None, form=None):
        # the member's own documents of the round, searched: not every member's, at every page
        env = request.env
        demands = (
            env["umkm.procurement.demand"]
            .sudo()
            .search(
                [
                    ("round_id", "=", round_sudo.id),
                    ("member_id", "=", member.id),
                    ("state", "!=", "cancel"),
                ]
            )
        )
        allocations = (
            env["umkm.procurement.allocation"]
            .sudo()
            .search([("round_id", "=", round_sudo.id), ("member_id", "=", member.id)])
        )
        invoices = (
            env["account.move"]
            .sudo()
            .search(
                [
                    ("umkm_round_id", "=", round_sudo.id),
                    ("partner_id", "=", member.partner_id.id),
                    ("state", "=", "posted"),
                ]
            )
            if member
            else env["account.move"]
        )
        now = fields.Datetime.now()
        # in the window to reach the next tier, the member only raises the demand it has
        in_window = round_sudo._umkm_in_window(now)
        can_edit = bool(
            member and round_sudo.state == "open" and (round_sudo.deadline >= now or in_window)
        )
        demand_of = {d.product_id: d for d in demands}
        categories = round_sudo.line_ids.product_id.uom_id.category_id
        uoms = request.env["uom.uom"].sudo().search([("category_id", "in", categories.ids)])
        uoms_of = {line.id: self._umkm_demand_uoms(line, uoms) for line in round_sudo.line_ids}
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "procurement_round": round_sudo,
                "member": member,
                "demands": demands,
                "demand_of": demand_of,
                # the totals as the members' demand is now (an open round's stored totals
                # lag its saves by the refresh job)
                "totals": round_sudo.line_ids._umkm_totals(),
                "uoms_of": uoms_of,
                "allocations": allocations,
                "invoices": invoices,
                "can_edit": can_edit,
                "in_window": in_window,
                # the round's open results: every active member of the cluster, with or
                # without demand in it, once the round is closed (checked by the round)
                "results": round_sudo._umkm_results(member),
                "error": error,
                "form": form or {},
                "page_name": "umkm_procurement",
            }
        )
        return values

    def _umkm_check_round(self, round_id):
        """The round (sudo) if the user may read it, as ``_document_check_access`` (no access
        token on these pages): the record rules are applied in SQL, one query, rather than
        in Python over every member of the round's cluster (the portal rule's path), at every
        page and demand save of a member."""
        Round = request.env["umkm.procurement.round"]
        if Round.has_access("read") and Round.search_count([("id", "=", round_id)], limit=1):
            return Round.with_user(SUPERUSER_ID).browse(round_id)
        return self._document_check_access("umkm.procurement.round", round_id)

    @http.route(["/my/procurement/<int:round_id>"], type="http", auth="user", website=True)
    def portal_my_procurement_round(self, round_id, **kw):
        try:
            round_sudo = self._umkm_check_round(round_id)
        except (AccessError, MissingError):
            return self._umkm_refused()
        member = self._umkm_round_member(round_sudo)
        values = self._umkm_round_page_values(round_sudo, member)
        values = self._get_page_view_values(
            round_sudo, None, values, "my_umkm_procurement_history", False
        )
        return request.render("umkm_joint_procurement.portal_my_procurement_round", values)

    @http.route(
        ["/my/procurement/<int:round_id>/demand"],
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_procurement_demand_save(
        self, round_id, product_id=None, qty=None, uom_id=None, **post
    ):
        """Add or change the member's demand line for one material of the round."""
        try:
            round_sudo = self._umkm_check_round(round_id)
        except (AccessError, MissingError):
            return self._umkm_refused()
        member = self._umkm_round_member(round_sudo)
        form = {"product_id": product_id, "qty": qty, "uom_id": uom_id}
        env = request.env
        error = None
        closed = False
        line = round_sudo.line_ids.filtered(lambda rl: str(rl.product_id.id) == product_id)
        product = line.product_id
        uom = quantity = None
        if not member:
            error = env._("Only active members of this cluster can enter demand.")
        elif not line:
            error = env._("Choose one of the materials of this round.")
        else:
            quantity, uom, error = self._umkm_demand_quantity(line, qty, uom_id)
        if not error:
            Demand = env["umkm.procurement.demand"].sudo()
            # the member's own line only: not the round's demand of every member, at every save
            existing = Demand.search(
                [
                    ("round_id", "=", round_sudo.id),
                    ("member_id", "=", member.id),
                    ("product_id", "=", product.id),
                    ("state", "!=", "cancel"),
                ],
                limit=1,
            )
            try:
                with env.cr.savepoint():
                    if existing:
                        # what changed only: a new quantity checks the quantity, not the unit
                        vals = {"qty": quantity}
                        if uom != existing.uom_id:
                            vals["uom_id"] = uom.id
                        existing.write(vals)
                    else:
                        Demand.create(
                            {
                                "round_id": round_sudo.id,
                                "member_id": member.id,
                                "product_id": product.id,
                                "qty": quantity,
                                "uom_id": uom.id,
                            }
                        )
            except DemandClosedError:
                closed = True
            except (UserError, ValidationError) as exc:
                error = exc.args[0] if exc.args else str(exc)
            except RETRYABLE_ERRORS:
                # the close (or its gate) holds the place, or the member's other tab saved at
                # the same time: if the round no longer takes demand (looked at in a snapshot
                # of now), the answer is known without Odoo's retry and its wait; else Odoo
                # retries the request in a new snapshot; after its last try the member gets a
                # message instead of an error page
                if not self._umkm_takes_demand_now(round_sudo, member):
                    return request.redirect(f"/my/procurement/{round_sudo.id}?refused=closed")
                if not last_try(request.httprequest.environ, "umkm.demand_tries"):
                    raise
                error = env._(
                    "Many members are saving their demand at this moment and yours could not be "
                    "saved. Please send it again."
                )
        if closed:
            # nothing to correct: the round's page says that the change was not saved, and
            # why (closed, or its deadline passed), as after a save
            return request.redirect(f"/my/procurement/{round_sudo.id}?refused=closed")
        if error:
            values = self._umkm_round_page_values(round_sudo, member, error=error, form=form)
            return request.render(
                "umkm_joint_procurement.portal_my_procurement_round", values, status=400
            )
        return request.redirect(f"/my/procurement/{round_sudo.id}?saved=1")

    def _umkm_takes_demand_now(self, round_sudo, member):
        """Whether the round takes the member's demand, read in a transaction of its own."""
        with round_sudo.env.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            return env["umkm.procurement.round.member"]._umkm_takes_demand(round_sudo.id, member.id)

    def _umkm_demand_quantity(self, line, qty, uom_id):
        """The quantity a member typed for a material (a round's line or a recurring round's:
        its unit and maximum per member) in the unit it chose: ``(quantity, unit, error)``.
        The unit must exist; the number is read in the member's notation, up to the maximum
        converted to that unit; zero and below are left to the demand's own message."""
        env = request.env
        uom = line.uom_id
        if uom_id:
            uom = env["uom.uom"].sudo().browse(parse_record_id(str(uom_id)) or []).exists()
        if not uom:
            return None, None, env._("Choose a valid unit of measure.")
        maximum = line.qty_max_member
        if uom.category_id == line.uom_id.category_id:  # else the demand refuses the unit
            maximum = line.uom_id._compute_quantity(maximum, uom, round=False)
        quantity, error = self._umkm_parse_number(
            qty,
            minimum=None,
            maximum=maximum,
            unit=uom.name,
            messages={"invalid": env._("Enter the quantity as a number, e.g. 12,5.")},
        )
        return quantity, uom, error

    @http.route(
        ["/my/procurement/<int:round_id>/demand/<int:demand_id>/cancel"],
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_procurement_demand_cancel(self, round_id, demand_id, **post):
        try:
            round_sudo = self._umkm_check_round(round_id)
        except (AccessError, MissingError):
            return self._umkm_refused()
        member = self._umkm_round_member(round_sudo)
        demand = (
            request.env["umkm.procurement.demand"]
            .sudo()
            .search(
                [
                    ("id", "=", demand_id),
                    ("round_id", "=", round_sudo.id),
                    ("member_id", "=", member.id),
                ]
            )
            if member
            else None
        )
        if not demand:
            return self._umkm_refused()
        try:
            with request.env.cr.savepoint():
                demand.action_cancel()
        except (UserError, ValidationError) as exc:
            values = self._umkm_round_page_values(
                round_sudo, member, error=exc.args[0] if exc.args else str(exc)
            )
            return request.render(
                "umkm_joint_procurement.portal_my_procurement_round", values, status=400
            )
        return request.redirect(f"/my/procurement/{round_sudo.id}?cancelled=1")
