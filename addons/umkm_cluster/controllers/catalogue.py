from werkzeug.exceptions import NotFound

from odoo import http
from odoo.http import request

from odoo.addons.portal.controllers.portal import pager as portal_pager
from odoo.addons.umkm_cluster.tools.numbers import parse_record_id
from odoo.addons.umkm_cluster.tools.xlsx import xlsx_report_response

from .public_form import UmkmPublicForm

PAGE_SIZE = 48  # products per page: the page stays light on a phone, whatever the catalogue
INDEX_PAGE_SIZE = 24  # catalogues (and cluster pages) per page of the public index


class UmkmCatalogueController(UmkmPublicForm, http.Controller):
    """Public pages and exports of cluster catalogues.

    A catalogue is looked up by its public web address, then shown only when it is published or
    when the request carries its access token; anything else is a 404.
    """

    def _public_index_values(self, page=1, province_id=None):
        """What the public index shows, a page of ``INDEX_PAGE_SIZE`` at a time (a national
        platform has thousands of clusters): the published catalogues of active clusters, of
        one province when asked, and the provinces that have one to choose from."""
        Catalogue = request.env["umkm.catalogue"].sudo()
        published = [("is_published", "=", True), ("cluster_id.active", "=", True)]
        provinces = [
            state
            for (state,) in request.env["umkm.cluster"]
            .sudo()
            ._read_group(
                [("id", "in", Catalogue._search(published).subselect("cluster_id"))],
                ["state_id"],
                order="state_id",
            )
            if state
        ]
        domain = published + ([("cluster_id.state_id", "=", province_id)] if province_id else [])
        return {
            "catalogues": Catalogue.search(
                domain, offset=(page - 1) * INDEX_PAGE_SIZE, limit=INDEX_PAGE_SIZE
            ),
            "catalogue_count": Catalogue.search_count(domain),
            "provinces": provinces,
            "province_id": province_id,
        }

    @http.route(["/klaster", "/klaster/page/<int:page>"], type="http", auth="public", website=True)
    def public_index(self, page=1, province=None, **kw):
        province_id = parse_record_id(province)
        page = max(page, 1)
        values = self._public_index_values(page, province_id)
        # one pager for the index's lists (the catalogues, and what other addons add)
        total = max(count for name, count in values.items() if name.endswith("_count"))
        values["pager"] = portal_pager(
            url="/klaster",
            url_args={"province": province_id} if province_id else None,
            total=total,
            page=page,
            step=INDEX_PAGE_SIZE,
        )
        return request.render("umkm_cluster.public_index", values)

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
        """The backend's XLSX report of the catalogue, in the page's language."""
        catalogue = self._get_catalogue(slug, access_token)
        return xlsx_report_response(
            catalogue.env,
            "umkm_cluster.action_report_umkm_catalogue_xlsx",
            catalogue,
            f"{catalogue.slug}.xlsx",
            data={"lang": catalogue.env.lang},
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
        if self._umkm_is_robot(post):
            return request.redirect(f"/catalogue/{slug}{token_query}", code=303)
        values, errors = self._validate_inquiry(catalogue, post)
        if not errors:
            if self._umkm_public_over_limit("umkm.catalogue.inquiry"):
                errors["form"] = request.env._(
                    "Too many inquiries from your connection: please try again in an hour "
                    "or write to the cooperative directly."
                )
            else:
                request.env["umkm.catalogue.inquiry"].sudo().create(
                    dict(
                        values,
                        catalogue_id=catalogue.id,
                        ip_address=request.httprequest.remote_addr,
                    )
                )
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
            "company_name": self._umkm_public_text(post, "company_name", 200),
            "buyer_city": self._umkm_public_text(post, "buyer_city", 100),
            "message": self._umkm_public_text(post, "message", 5000),
        }
        self._umkm_public_contact(post, values, errors)
        if not values["message"]:
            errors["message"] = request.env._("Please write your question or request.")
        line_id = post.get("line_id")
        if line_id:
            line = catalogue._public_line(parse_record_id(line_id) or 0)
            if not line:
                errors["line_id"] = request.env._("Please choose a product of this catalogue.")
            values["line_id"] = line.id
        self._umkm_public_qty(post, values, errors)
        return values, errors
