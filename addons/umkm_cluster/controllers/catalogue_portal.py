import base64

from werkzeug.exceptions import NotFound

from odoo import http
from odoo.http import request
from odoo.tools.mimetypes import guess_mimetype

from odoo.addons.umkm_cluster.tools.numbers import parse_record_id

from .portal import UmkmClusterPortal


class UmkmCataloguePortal(UmkmClusterPortal):
    """A member SME proposes its products for the cluster's catalogue."""

    # ------------------------------------------------------------------
    # Catalogue proposals of a member SME
    # ------------------------------------------------------------------
    _photo_max_bytes = 5 * 1024 * 1024
    _photo_mimetypes = ("image/jpeg", "image/png", "image/webp")

    def _umkm_open_catalogues(self):
        """Catalogues of the clusters where the user's business is an active member."""
        members = request.env["umkm.member"].search(
            self._umkm_member_domain() + [("state", "=", "active")]
        )
        catalogues = request.env["umkm.catalogue"].search(
            [("cluster_id", "in", members.cluster_id.ids)]
        )
        return members, catalogues

    @http.route(["/my/catalogue"], type="http", auth="user", website=True)
    def portal_my_catalogue(self, **kw):
        lines = request.env["umkm.catalogue.line"].search(
            self._umkm_catalogue_line_domain(), order="id desc"
        )
        _members, catalogues = self._umkm_open_catalogues()
        values = self._prepare_portal_layout_values()
        values.update(
            {
                # own lines (record rules checked by the search above), shown with their product
                "lines": lines.sudo(),
                "can_propose": bool(catalogues),
                "page_name": "umkm_catalogue",
                "saved": kw.get("saved"),
            }
        )
        return request.render("umkm_cluster.portal_my_catalogue", values)

    def _umkm_catalogue_form(self, line=None, values=None, errors=None, status=200):
        _members, catalogues = self._umkm_open_catalogues()
        product = line.sudo().product_tmpl_id if line else None
        if values is None:
            values = {}
            if line:
                values = {
                    "catalogue_id": str(line.catalogue_id.id),
                    "name_en": product.with_context(lang="en_US").name,
                    "name_id": product.with_context(lang="id_ID").name,
                    "description_en": product.with_context(lang="en_US").description_sale or "",
                    "description_id": product.with_context(lang="id_ID").description_sale or "",
                    "categ_id": str(product.categ_id.id),
                    "wholesale_price": line._umkm_format_input(line.wholesale_price),
                    "min_qty": line._umkm_format_input(line.min_qty),
                    "lead_time_days": line.lead_time_days,
                    "capacity_monthly": line._umkm_format_input(line.capacity_monthly),
                }
        page = self._prepare_portal_layout_values()
        page.update(
            {
                "line": line,
                "catalogues": catalogues,
                "categories": request.env["product.category"].sudo().search([]),
                "values": values,
                "errors": errors or {},
                "page_name": "umkm_catalogue",
            }
        )
        return request.render("umkm_cluster.portal_my_catalogue_form", page, status=status)

    def _umkm_own_line(self, line_id):
        line_id = parse_record_id(line_id)
        if not line_id:
            raise NotFound()
        line = request.env["umkm.catalogue.line"].search(
            self._umkm_catalogue_line_domain() + [("id", "=", line_id)]
        )
        if not line:
            raise NotFound()
        return line

    @http.route(["/my/catalogue/new"], type="http", auth="user", website=True)
    def portal_my_catalogue_new(self, **kw):
        return self._umkm_catalogue_form()

    @http.route(["/my/catalogue/<int:line_id>/edit"], type="http", auth="user", website=True)
    def portal_my_catalogue_edit(self, line_id, **kw):
        line = self._umkm_own_line(line_id)
        if line.state == "approved":
            return request.redirect("/my/catalogue")
        return self._umkm_catalogue_form(line)

    @http.route(["/my/catalogue/save"], type="http", auth="user", methods=["POST"], website=True)
    def portal_my_catalogue_save(self, line_id=None, **post):
        line = self._umkm_own_line(line_id) if line_id else None
        members, catalogues = self._umkm_open_catalogues()
        values, errors = self._umkm_validate_proposal(post, catalogues, line)
        if errors:
            return self._umkm_catalogue_form(line, post, errors, status=400)
        catalogue = catalogues.filtered(lambda c: c.id == values["catalogue_id"])
        member = members.filtered(lambda m: m.cluster_id == catalogue.cluster_id)[:1]
        # validated above: the catalogue is one of the member's clusters, the line its own
        request.env["umkm.catalogue.line"].sudo()._portal_save_proposal(
            member, catalogue, values, line=line.sudo() if line else None
        )
        return request.redirect("/my/catalogue?saved=1")

    def _umkm_validate_proposal(self, post, catalogues, line):
        errors = {}
        values = {
            key: (post.get(key) or "").strip()
            for key in ("name_en", "name_id", "description_en", "description_id")
        }
        catalogue_id = post.get("catalogue_id") or ""
        values["catalogue_id"] = parse_record_id(catalogue_id) or 0
        if values["catalogue_id"] not in catalogues.ids:
            errors["catalogue_id"] = request.env._("Choose a catalogue of one of your clusters.")
        elif line and line.catalogue_id.id != values["catalogue_id"]:
            errors["catalogue_id"] = request.env._("A proposal cannot move to another catalogue.")
        if not values["name_id"] and not values["name_en"]:
            errors["name_id"] = request.env._(
                "Give the product a name (in Indonesian, English or both)."
            )
        categ_id = parse_record_id(post.get("categ_id"))
        Category = request.env["product.category"].sudo()
        categ = Category.browse(categ_id).exists() if categ_id else None
        if not categ:
            errors["categ_id"] = request.env._("Choose a category.")
        values["categ_id"] = categ.id if categ else False
        env = request.env
        numbers = {
            "wholesale_price": {
                "strict": True,
                "maximum": 10.0**12,
                "label": env._("Wholesale price"),
                "messages": {"too_small": env._("The price must be above zero.")},
            },
            "min_qty": {
                "strict": True,
                "maximum": 10.0**7,
                "label": env._("Minimum order"),
                "messages": {"too_small": env._("The minimum order must be above zero.")},
            },
            "lead_time_days": {
                "integer": True,
                "maximum": 365,
                "label": env._("Lead time (days)"),
                "messages": {"too_small": env._("The lead time cannot be negative.")},
            },
            "capacity_monthly": {
                "maximum": 10.0**7,
                "label": env._("Monthly capacity"),
                "messages": {"too_small": env._("The capacity cannot be negative.")},
            },
        }
        for key, bounds in numbers.items():
            value, error = self._umkm_parse_number(post.get(key), **bounds)
            if error:
                errors[key] = error
            values[key] = value
        photo = post.get("photo")
        if photo and getattr(photo, "filename", None):
            content = photo.read(self._photo_max_bytes + 1)
            if len(content) > self._photo_max_bytes:
                errors["photo"] = request.env._("The photo is larger than 5 MB.")
            elif guess_mimetype(content) not in self._photo_mimetypes:
                errors["photo"] = request.env._("The photo must be a JPEG, PNG or WebP image.")
            else:
                values["photo"] = base64.b64encode(content)
        return values, errors
