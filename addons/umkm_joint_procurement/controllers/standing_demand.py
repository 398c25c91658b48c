from odoo import http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import request

from odoo.addons.umkm_joint_procurement.controllers.portal import UmkmProcurementPortal

STANDING_URL = "/my/procurement/standing"


class UmkmStandingDemandPortal(UmkmProcurementPortal):
    """A member's standing demand of the recurring rounds of its clusters: what it buys in
    every round, carried into each new round as its demand."""

    @http.route()
    def portal_my_procurement_rounds(self, page=1, **kw):
        response = super().portal_my_procurement_rounds(page=page, **kw)
        if getattr(response, "qcontext", None) is not None:
            Template = request.env["umkm.procurement.round.template"]
            response.qcontext["umkm_template_count"] = (
                Template.search_count([]) if Template.has_access("read") else 0
            )
        return response

    def _umkm_standing_members(self, templates_sudo):
        """``{cluster id: membership}``: the active memberships of the logged-in business in
        the clusters of ``templates_sudo``."""
        partner = request.env.user.commercial_partner_id
        members = (
            request.env["umkm.member"]
            .sudo()
            .search(
                [
                    ("partner_id", "=", partner.id),
                    ("cluster_id", "in", templates_sudo.cluster_id.ids),
                    ("state", "=", "active"),
                ]
            )
        )
        return {member.cluster_id.id: member for member in members}

    def _umkm_standing_values(self, error=None, form=None):
        # the record rules: the recurring rounds of the user's clusters, its own standing demand
        templates = request.env["umkm.procurement.round.template"].search([])
        standing = request.env["umkm.procurement.standing.demand"].search(
            [("template_id", "in", templates.ids)]
        )
        templates_sudo = templates.sudo()
        lines = templates_sudo.line_ids
        categories = lines.product_id.uom_id.category_id
        uoms = request.env["uom.uom"].sudo().search([("category_id", "in", categories.ids)])
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "templates": templates_sudo,
                "members_of": self._umkm_standing_members(templates_sudo),
                "standing_of": {(s.template_id.id, s.product_id.id): s for s in standing},
                "uoms_of": {line.id: self._umkm_demand_uoms(line, uoms) for line in lines},
                "error": error,
                "form": form or {},
                "page_name": "umkm_procurement_standing",
            }
        )
        return values

    def _umkm_standing_page(self, error=None, form=None, status=200):
        Template = request.env["umkm.procurement.round.template"]
        if not Template.has_access("read"):
            return self._umkm_refused()
        return request.render(
            "umkm_joint_procurement.portal_my_standing_demand",
            self._umkm_standing_values(error, form),
            status=status,
        )

    @http.route([STANDING_URL], type="http", auth="user", website=True)
    def portal_my_standing_demand(self, **kw):
        return self._umkm_standing_page()

    @http.route(
        [f"{STANDING_URL}/<int:template_id>"],
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_standing_demand_save(
        self, template_id, product_id=None, qty=None, uom_id=None, **post
    ):
        """Add or change the member's standing demand for one material of a recurring round
        (a stopped one starts again)."""
        try:
            template = self._document_check_access("umkm.procurement.round.template", template_id)
        except (AccessError, MissingError):
            return self._umkm_refused()
        env = request.env
        member = self._umkm_standing_members(template).get(template.cluster_id.id)
        form = {"template_id": template.id, "product_id": product_id, "qty": qty, "uom_id": uom_id}
        line = template.line_ids.filtered(lambda tl: str(tl.product_id.id) == str(product_id))
        error = uom = quantity = None
        if not member:
            error = env._("Only active members of this cluster can enter standing demand.")
        elif not line:
            error = env._("Choose one of the materials of this recurring round.")
        else:
            quantity, uom, error = self._umkm_demand_quantity(line, qty, uom_id)
        if not error:
            Standing = (
                env["umkm.procurement.standing.demand"].sudo().with_context(active_test=False)
            )
            existing = Standing.search(
                [
                    ("template_id", "=", template.id),
                    ("member_id", "=", member.id),
                    ("product_id", "=", line.product_id.id),
                ],
                limit=1,
            )
            vals = {"qty": quantity, "uom_id": uom.id, "active": True}
            try:
                with env.cr.savepoint():
                    if existing:
                        existing.write(vals)
                    else:
                        Standing.create(
                            {
                                **vals,
                                "template_id": template.id,
                                "member_id": member.id,
                                "product_id": line.product_id.id,
                            }
                        )
            except (UserError, ValidationError) as exc:
                error = exc.args[0] if exc.args else str(exc)
        if error:
            return self._umkm_standing_page(error=error, form=form, status=400)
        return request.redirect(f"{STANDING_URL}?saved=1#template-{template.id}")

    @http.route(
        [f"{STANDING_URL}/stop/<int:standing_id>"],
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_standing_demand_stop(self, standing_id, **post):
        """Stop a standing demand of the member: no longer carried into new rounds (the
        rounds open now keep the demand it carried, which the member changes there)."""
        standing = request.env["umkm.procurement.standing.demand"].browse(standing_id)
        try:
            standing = standing.exists()
            standing.check_access("read")  # the record rules: its own only
        except (AccessError, MissingError):
            return self._umkm_refused()
        if not standing:
            return self._umkm_refused()
        template = standing.sudo().template_id
        if not self._umkm_standing_members(template).get(template.cluster_id.id):
            return self._umkm_refused()
        standing.sudo().action_stop()
        return request.redirect(f"{STANDING_URL}?stopped=1#template-{template.id}")
