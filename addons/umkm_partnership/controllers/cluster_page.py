import re
from datetime import timedelta

from werkzeug.exceptions import NotFound

from odoo import fields, http
from odoo.http import request

from odoo.addons.umkm_cluster.controllers.catalogue import UmkmCatalogueController
from odoo.addons.umkm_cluster.tools.identifiers import phone_e164
from odoo.addons.umkm_cluster.tools.numbers import parse_record_id

EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
REQUEST_LIMIT = 5  # per connection and hour
REQUEST_WINDOW = timedelta(hours=1)


class UmkmClusterPage(http.Controller):
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
        # honeypot: people do not see this field, robots fill it; answer as if all went well
        if post.get("website_url"):
            return request.redirect(f"/cluster/{cluster.id}?request=sent", code=303)
        env = request.env
        errors = {}
        values = {
            "firm_name": (post.get("firm_name") or "").strip()[:200],
            "name": (post.get("name") or "").strip()[:200],
            "email": (post.get("email") or "").strip()[:200],
            "message": (post.get("message") or "").strip()[:5000],
        }
        if not values["firm_name"]:
            errors["firm_name"] = env._("Please tell us your firm's name.")
        if not values["name"]:
            errors["name"] = env._("Please tell us your name.")
        if not EMAIL_RE.match(values["email"]):
            errors["email"] = env._("Please enter a valid email address.")
        if not values["message"]:
            errors["message"] = env._("Please describe the work you need.")
        phone = (post.get("phone") or "").strip()[:50]
        if phone:
            values["phone"] = phone_e164(phone)
            if not values["phone"]:
                errors["phone"] = env._(
                    "Please enter a phone number such as 0812 3456 7890 or +62 812 3456 7890."
                )
        capability_ids = {c.id for c, _q, _m in cluster._public_capabilities()}
        raw_capability = post.get("capability_id") or ""
        if raw_capability:
            capability_id = parse_record_id(raw_capability)
            if capability_id not in capability_ids:
                errors["capability_id"] = env._("Please choose one of the cluster's capabilities.")
            else:
                values["capability_id"] = capability_id
        raw_qty = (post.get("qty") or "").strip()
        if raw_qty:
            message = env._("The quantity must be a positive number.")
            values["qty"], error = env["umkm.number.mixin"]._umkm_parse_form_number(
                raw_qty,
                strict=True,
                maximum=10.0**9,
                messages={"invalid": message, "too_small": message},
            )
            if error:
                errors["qty"] = error
        if not errors:
            ip = request.httprequest.remote_addr
            Request = env["umkm.partnership.request"].sudo()
            recent = Request.search_count(
                [
                    ("ip_address", "=", ip),
                    ("create_date", ">=", fields.Datetime.now() - REQUEST_WINDOW),
                ]
            )
            if recent >= REQUEST_LIMIT:
                errors["form"] = env._(
                    "Too many requests from your connection: please try again in an hour or "
                    "write to the cooperative directly."
                )
            else:
                Request.create(dict(values, cluster_id=cluster.id, ip_address=ip))
                return request.redirect(f"/cluster/{cluster.id}?request=sent#request", code=303)
        return self._page(cluster, errors=errors, form=post, status=400)


class UmkmCatalogueIndex(UmkmCatalogueController):
    """The public index lists the clusters' capability pages too."""

    def _public_index_values(self):
        values = super()._public_index_values()
        values["clusters"] = (
            request.env["umkm.cluster"].sudo().search([("public_profile", "=", True)])
        )
        return values
