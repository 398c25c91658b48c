from werkzeug.exceptions import NotFound

from odoo import http
from odoo.http import request

from odoo.addons.umkm_cluster.controllers.catalogue import INDEX_PAGE_SIZE, UmkmCatalogueController
from odoo.addons.umkm_cluster.controllers.public_form import UmkmPublicForm
from odoo.addons.umkm_cluster.tools.numbers import parse_record_id


class UmkmClusterPage(UmkmPublicForm, http.Controller):
    """A cluster's public capability page, and the form a firm without an agreement uses to
    ask for work."""

    def _public_cluster(self, cluster_id):
        cluster = request.env["umkm.cluster"].sudo().browse(cluster_id).exists()
        if not cluster or not cluster.public_profile or not cluster.active:
            raise NotFound()
        return cluster

    def _page(self, cluster, errors=None, form=None, sent=False, status=200):
        values = {
            "cluster": cluster,
            "capabilities": cluster._public_capabilities(),
            "photos": cluster._public_photos(),
            "certifications": cluster._public_certifications(),
            "catalogues": cluster._public_catalogues(),
            "active_members": cluster.member_count,
            "errors": errors or {},
            "form": form or {},
            "sent": sent,
        }
        return request.render("umkm_partnership.cluster_public_page", values, status=status)

    @http.route("/cluster/<int:cluster_id>", type="http", auth="public", website=True)
    def cluster_page(self, cluster_id, **kw):
        return self._page(self._public_cluster(cluster_id), sent=kw.get("request") == "sent")

    @http.route(
        "/cluster/<int:cluster_id>/request",
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
    )
    def cluster_request(self, cluster_id, **post):
        cluster = self._public_cluster(cluster_id)
        if self._umkm_is_robot(post):
            return request.redirect(f"/cluster/{cluster.id}?request=sent", code=303)
        env = request.env
        errors = {}
        values = {
            "firm_name": self._umkm_public_text(post, "firm_name", 200),
            "message": self._umkm_public_text(post, "message", 5000),
        }
        if not values["firm_name"]:
            errors["firm_name"] = env._("Please tell us your firm's name.")
        self._umkm_public_contact(post, values, errors)
        if not values["message"]:
            errors["message"] = env._("Please describe the work you need.")
        capability_ids = {c.id for c, _q, _m in cluster._public_capabilities()}
        raw_capability = post.get("capability_id") or ""
        if raw_capability:
            capability_id = parse_record_id(raw_capability)
            if capability_id not in capability_ids:
                errors["capability_id"] = env._("Please choose one of the cluster's capabilities.")
            else:
                values["capability_id"] = capability_id
        self._umkm_public_qty(post, values, errors)
        if not errors:
            if self._umkm_public_over_limit("umkm.partnership.request"):
                errors["form"] = env._(
                    "Too many requests from your connection: please try again in an hour or "
                    "write to the cooperative directly."
                )
            else:
                env["umkm.partnership.request"].sudo().create(
                    dict(values, cluster_id=cluster.id, ip_address=request.httprequest.remote_addr)
                )
                return request.redirect(f"/cluster/{cluster.id}?request=sent#request", code=303)
        return self._page(cluster, errors=errors, form=post, status=400)


class UmkmCatalogueIndex(UmkmCatalogueController):
    """The public index lists the clusters' capability pages too."""

    def _public_index_values(self, page=1, province_id=None):
        values = super()._public_index_values(page, province_id)
        Cluster = request.env["umkm.cluster"].sudo()
        domain = [("public_profile", "=", True)]
        if province_id:
            domain.append(("state_id", "=", province_id))
        values["clusters"] = Cluster.search(
            domain, offset=(page - 1) * INDEX_PAGE_SIZE, limit=INDEX_PAGE_SIZE
        )
        values["cluster_count"] = Cluster.search_count(domain)
        return values
