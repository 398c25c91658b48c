import re
from datetime import timedelta

from werkzeug.exceptions import NotFound

from odoo import fields, http
from odoo.http import request

from odoo.addons.portal.controllers.portal import pager as portal_pager
from odoo.addons.umkm_cluster.tools.identifiers import phone_e164
from odoo.addons.umkm_cluster.tools.numbers import parse_record_id

EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
INQUIRY_LIMIT = 5  # inquiries per hour from one address
INQUIRY_WINDOW = timedelta(hours=1)
PAGE_SIZE = 48  # products per page: the page stays light on a phone, whatever the catalogue


class UmkmCatalogueController(http.Controller):
    """Public pages and exports of cluster catalogues.

    A catalogue is looked up by its public web address, then shown only when it is published or
    when the request carries its access token; anything else is a 404.
    """

    def _public_index_values(self):
        """What the public index shows: the published catalogues, by cluster."""
        catalogues = request.env["umkm.catalogue"].sudo().search([("is_published", "=", True)])
        return {"catalogues": catalogues.filtered(lambda c: c.cluster_id.active)}

    @http.route("/klaster", type="http", auth="public", website=True)
    def public_index(self, **kw):
        return request.render("umkm_cluster.public_index", self._public_index_values())

    def _get_catalogue(self, slug, access_token=None):
        catalogue = request.env["umkm.catalogue"].sudo().search([("slug", "=", slug)], limit=1)
        if not catalogue or not catalogue._check_public_access(access_token):
            raise NotFound()
        lang = request.params.get("lang")
        installed = dict(request.env["res.lang"].get_installed())
        if lang not in installed:
            lang = catalogue.lang if catalogue.lang in installed else request.env.lang
        request.update_context(lang=lang)
        return catalogue.with_context(lang=lang)

    def _page_values(self, catalogue, access_token, category=None, search=None, page=1, **extra):
        category_id = parse_record_id(category)
        private_token = access_token if not catalogue.is_published else None
        total = (
            request.env["umkm.catalogue.line"]
            .sudo()
            .search_count(catalogue._public_domain(category_id, search))
        )
        url_args = {
            k: v
            for k, v in (
                ("category", category_id),
                ("search", search),
                ("access_token", private_token),
            )
            if v
        }
        pager = portal_pager(
            url=f"/catalogue/{catalogue.slug}",
            url_args=url_args,
            total=total,
            page=page,
            step=PAGE_SIZE,
        )
        lines = catalogue._public_lines(
            category=category_id, search=search, offset=pager["offset"], limit=PAGE_SIZE
        )
        values = {
            "catalogue": catalogue,
            "sections": catalogue._public_sections(lines),
            "categories": catalogue._public_categories(),
            "category_id": category_id,
            "search": search or "",
            "pager": pager,
            "total": total,
            "access_token": private_token,
            "token_query": f"?access_token={access_token}" if private_token else "",
            # the inquiry form offers the products on this page
            "inquiry_lines": lines,
            "errors": {},
            "inquiry": {},
        }
        values.update(extra)
        return values

    @http.route(
        ["/catalogue/<string:slug>", "/catalogue/<string:slug>/page/<int:page>"],
        type="http",
        auth="public",
        website=True,
    )
    def catalogue_page(self, slug, access_token=None, category=None, search=None, page=1, **kw):
        catalogue = self._get_catalogue(slug, access_token)
        values = self._page_values(
            catalogue, access_token, category, search, page, sent=kw.get("inquiry") == "sent"
        )
        return request.render("umkm_cluster.catalogue_page", values)

    @http.route("/catalogue/<string:slug>/image/<int:line_id>", type="http", auth="public")
    def catalogue_image(self, slug, line_id, access_token=None, **kw):
        catalogue = self._get_catalogue(slug, access_token)
        line = catalogue._public_line(line_id)
        if not line:
            raise NotFound()
        stream = request.env["ir.binary"]._get_image_stream_from(
            line.product_tmpl_id, "image_512", placeholder="web/static/img/placeholder.png"
        )
        return stream.get_response(max_age=3600)

    @http.route("/catalogue/<string:slug>/catalogue.xlsx", type="http", auth="public")
    def catalogue_xlsx(self, slug, access_token=None, **kw):
        catalogue = self._get_catalogue(slug, access_token)
        content = catalogue._render_xlsx()
        return request.make_response(
            content,
            headers=[
                (
                    "Content-Type",
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                ),
                ("Content-Disposition", http.content_disposition(f"{catalogue.slug}.xlsx")),
            ],
        )

    @http.route("/catalogue/<string:slug>/catalogue.pdf", type="http", auth="public")
    def catalogue_pdf(self, slug, access_token=None, **kw):
        catalogue = self._get_catalogue(slug, access_token)
        pdf, _type = (
            request.env["ir.actions.report"]
            .sudo()
            .with_context(lang=catalogue.env.lang)
            ._render_qweb_pdf("umkm_cluster.action_report_umkm_catalogue", catalogue.ids)
        )
        return request.make_response(
            pdf,
            headers=[
                ("Content-Type", "application/pdf"),
                ("Content-Disposition", http.content_disposition(f"{catalogue.slug}.pdf")),
            ],
        )

    @http.route("/catalogue/<string:slug>/feed.xml", type="http", auth="public")
    def catalogue_feed(self, slug, access_token=None, **kw):
        catalogue = self._get_catalogue(slug, access_token)
        return request.make_response(
            catalogue._render_feed(), headers=[("Content-Type", "application/xml; charset=utf-8")]
        )

    @http.route(
        "/catalogue/<string:slug>/inquiry",
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
    )
    def catalogue_inquiry(self, slug, access_token=None, **post):
        catalogue = self._get_catalogue(slug, access_token)
        token_query = f"?access_token={access_token}" if not catalogue.is_published else ""
        # honeypot: people do not see this field, robots fill it; answer as if all went well
        if post.get("website_url"):
            return request.redirect(f"/catalogue/{slug}{token_query}", code=303)
        values, errors = self._validate_inquiry(catalogue, post)
        if not errors:
            ip = request.httprequest.remote_addr
            Inquiry = request.env["umkm.catalogue.inquiry"].sudo()
            recent = Inquiry.search_count(
                [
                    ("ip_address", "=", ip),
                    ("create_date", ">=", fields.Datetime.now() - INQUIRY_WINDOW),
                ]
            )
            if recent >= INQUIRY_LIMIT:
                errors["form"] = request.env._(
                    "Too many inquiries from your connection: please try again in an hour "
                    "or write to the cooperative directly."
                )
            else:
                Inquiry.create(dict(values, catalogue_id=catalogue.id, ip_address=ip))
                separator = "&" if token_query else "?"
                return request.redirect(
                    f"/catalogue/{slug}{token_query}{separator}inquiry=sent#inquiry", code=303
                )
        page_values = self._page_values(catalogue, access_token, errors=errors, inquiry=post)
        if values.get("line_id"):  # keep the chosen product selectable
            page_values["inquiry_lines"] |= page_values["inquiry_lines"].browse(values["line_id"])
        return request.render("umkm_cluster.catalogue_page", page_values, status=400)

    def _validate_inquiry(self, catalogue, post):
        errors = {}
        values = {
            "name": (post.get("name") or "").strip()[:200],
            "company_name": (post.get("company_name") or "").strip()[:200],
            "email": (post.get("email") or "").strip()[:200],
            "phone": (post.get("phone") or "").strip()[:50],
            "buyer_city": (post.get("buyer_city") or "").strip()[:100],
            "message": (post.get("message") or "").strip()[:5000],
        }
        if not values["name"]:
            errors["name"] = request.env._("Please tell us your name.")
        if not EMAIL_RE.match(values["email"]):
            errors["email"] = request.env._("Please enter a valid email address.")
        if not values["message"]:
            errors["message"] = request.env._("Please write your question or request.")
        if values["phone"]:
            # stored as E.164 (+62...), the number WhatsApp and phones dial
            phone = phone_e164(values["phone"])
            if not phone:
                errors["phone"] = request.env._(
                    "Please enter a phone number such as 0812 3456 7890 or +62 812 3456 7890."
                )
            values["phone"] = phone or values["phone"]
        line_id = post.get("line_id")
        if line_id:
            line = catalogue._public_line(parse_record_id(line_id) or 0)
            if not line:
                errors["line_id"] = request.env._("Please choose a product of this catalogue.")
            values["line_id"] = line.id
        qty = (post.get("qty") or "").strip()
        if qty:
            message = request.env._("The quantity must be a positive number.")
            values["qty"], error = request.env["umkm.number.mixin"]._umkm_parse_form_number(
                qty,
                strict=True,
                maximum=10.0**9,
                messages={"invalid": message, "too_small": message},
            )
            if error:
                errors["qty"] = error
        return values, errors
