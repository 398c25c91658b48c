import base64

from werkzeug.exceptions import NotFound

from odoo import fields, http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import request
from odoo.tools.mimetypes import guess_mimetype

from odoo.addons.portal.controllers.portal import (
    CustomerPortal,
    pager as portal_pager,
)
from odoo.addons.umkm_cluster.tools.numbers import parse_record_id


class UmkmClusterPortal(CustomerPortal):
    _items_per_page = 20

    def _umkm_refused(self):
        """Where a portal page the user may not see (another account's document, or one that is
        gone) leads: /my, which says so. The flag is a code: the words are the server's."""
        return request.redirect("/my?umkm_refused=1")

    def _umkm_count(self, model, domain):
        """Home counter: records of ``model`` in ``domain`` the user may read (record rules
        apply), 0 for a user without access to the model."""
        Model = request.env[model]
        return Model.search_count(domain) if Model.has_access("read") else 0

    def _umkm_page(self, model, domain, url, page, order=None, history=None):
        """One page of the user's records of ``model`` (record rules apply) and its pager; the
        page's ids go to the session key ``history`` for the record pages' previous / next."""
        Model = request.env[model]
        pager = portal_pager(
            url=url, total=Model.search_count(domain), page=page, step=self._items_per_page
        )
        records = Model.search(
            domain, order=order, limit=self._items_per_page, offset=pager["offset"]
        )
        if history:
            request.session[history] = records.ids[:100]
        return records, pager

    def _umkm_parse_number(self, raw, **bounds):
        """A number typed in a portal form: see ``umkm.number.mixin._umkm_parse_form_number``."""
        return request.env["umkm.number.mixin"]._umkm_parse_form_number(raw, **bounds)

    def _umkm_check_price(self, post, key, price, reference, currency, errors):
        """Ask once about a price far from its ``reference``: the form comes back with the
        question under the field ``key`` and a box to tick (``<key>_confirmed``); sent again
        with the box ticked, the price is taken as typed."""
        if errors.get(key) or post.get(f"{key}_confirmed") == "1":
            return
        warning = request.env["umkm.number.mixin"]._umkm_price_warning(price, reference, currency)
        if warning:
            errors[key] = warning
            errors[f"{key}_confirm"] = True

    def _umkm_member_domain(self):
        return [("partner_id", "=", request.env.user.commercial_partner_id.id)]

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "umkm_catalogue_count" in counters:
            values["umkm_catalogue_count"] = self._umkm_count(
                "umkm.catalogue.line", self._umkm_catalogue_line_domain()
            )
        if "umkm_inquiry_count" in counters:
            values["umkm_inquiry_count"] = self._umkm_count(
                "umkm.catalogue.inquiry", self._umkm_inquiry_domain()
            )
        if "umkm_member_count" in counters:
            values["umkm_member_count"] = self._umkm_count(
                "umkm.member", self._umkm_member_domain()
            )
        return values

    @http.route(
        ["/my/memberships", "/my/memberships/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_memberships(self, page=1, **kw):
        members, pager = self._umkm_page(
            "umkm.member",
            self._umkm_member_domain(),
            "/my/memberships",
            page,
            order="cluster_id, id desc",
            history="my_umkm_memberships_history",
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "members": members,
                "page_name": "umkm_membership",
                "pager": pager,
                "default_url": "/my/memberships",
            }
        )
        return request.render("umkm_cluster.portal_my_memberships", values)

    @http.route(["/my/memberships/<int:member_id>"], type="http", auth="public", website=True)
    def portal_my_membership(self, member_id, access_token=None, **kw):
        try:
            member_sudo = self._document_check_access(
                "umkm.member", member_id, access_token=access_token
            )
        except (AccessError, MissingError):
            return self._umkm_refused()
        return self._umkm_membership_page(member_sudo, access_token)

    def _umkm_membership_page(
        self, member_sudo, access_token=None, errors=None, post=None, status=200
    ):
        values = self._get_page_view_values(
            member_sudo,
            access_token,
            {
                "member": member_sudo,
                "page_name": "umkm_membership",
                "errors": errors or {},
                "post": post or {},
                "today": fields.Date.context_today(member_sudo),
            },
            "my_umkm_memberships_history",
            False,
        )
        return request.render("umkm_cluster.portal_my_membership", values, status=status)

    def _umkm_own_member(self, member_id):
        """The membership ``member_id`` of the user's business (sudo), or None: the record
        rules of the portal user decide, as Odoo's portal does."""
        try:
            member_sudo = self._document_check_access("umkm.member", member_id)
        except (AccessError, MissingError):
            return None
        # still as superuser, but as this user: what it changes is logged under its name
        return member_sudo.with_env(request.env(su=True))

    @http.route(
        ["/my/memberships/<int:member_id>/capacity"],
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_my_membership_capacity(self, member_id, **post):
        member_sudo = self._umkm_own_member(member_id)
        if member_sudo is None:
            return self._umkm_refused()
        env = request.env
        errors, quantities = {}, {}
        own = {str(cap.id): cap for cap in member_sudo.capacity_ids}
        for key, raw in post.items():
            if not key.startswith("capacity_"):
                continue
            capacity = own.get(key.removeprefix("capacity_"))
            if capacity is None:
                errors["capacity"] = env._("That capacity is not one of yours.")
                continue
            value, error = self._umkm_parse_number(
                raw,
                strict=True,
                maximum=10.0**6,
                label=capacity.capability_id.display_name,
                messages={"too_small": env._("The weekly capacity must be above zero.")},
            )
            if error:
                errors[key] = error
            else:
                quantities[capacity] = value
        if not errors:
            try:
                with env.cr.savepoint():
                    member_sudo._portal_set_capacity(quantities)
            except (UserError, AccessError) as e:
                errors["capacity"] = str(e)
        if errors:
            return self._umkm_membership_page(member_sudo, errors=errors, post=post, status=400)
        return request.redirect(f"/my/memberships/{member_sudo.id}?capacity_saved=1#capacity")

    @http.route(
        ["/my/memberships/<int:member_id>/unavailability"],
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_my_membership_unavailability(self, member_id, **post):
        member_sudo = self._umkm_own_member(member_id)
        if member_sudo is None:
            return self._umkm_refused()
        env = request.env
        errors = {}
        dates = {}
        for key in ("date_from", "date_to"):
            try:
                dates[key] = fields.Date.to_date((post.get(key) or "").strip() or None)
            except ValueError:
                dates[key] = None
            if not dates[key]:
                errors[key] = env._("Enter a date.")
        reason = (post.get("reason") or "").strip()
        if not reason:
            errors["reason"] = env._("Say why (holiday, machine repair, ...).")
        elif len(reason) > 200:
            errors["reason"] = env._("Keep the reason under 200 characters.")
        if not errors and dates["date_to"] < fields.Date.context_today(member_sudo):
            errors["date_to"] = env._("The period is over already.")
        if not errors:
            try:
                with env.cr.savepoint():  # a refused period leaves nothing behind
                    member_sudo._portal_add_unavailability(
                        dates["date_from"], dates["date_to"], reason
                    )
            except ValidationError as e:  # the period's own rules: order and length
                errors["date_to"] = str(e)
            except (UserError, AccessError) as e:
                errors["unavailability"] = str(e)
        if errors:
            return self._umkm_membership_page(member_sudo, errors=errors, post=post, status=400)
        return request.redirect(f"/my/memberships/{member_sudo.id}?period_saved=1#capacity")

    @http.route(
        ["/my/memberships/<int:member_id>/unavailability/<int:period_id>/remove"],
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_my_membership_unavailability_remove(self, member_id, period_id, **post):
        member_sudo = self._umkm_own_member(member_id)
        if member_sudo is None:
            return self._umkm_refused()
        period = member_sudo.unavailability_ids.filtered(lambda p: p.id == period_id)
        if not period:
            raise NotFound()
        try:
            member_sudo._portal_remove_unavailability(period)
        except (UserError, AccessError) as e:
            return self._umkm_membership_page(
                member_sudo, errors={"unavailability": str(e)}, status=400
            )
        return request.redirect(f"/my/memberships/{member_sudo.id}#capacity")

    # ------------------------------------------------------------------
    # Catalogue proposals of a member SME
    # ------------------------------------------------------------------
    _photo_max_bytes = 5 * 1024 * 1024
    _photo_mimetypes = ("image/jpeg", "image/png", "image/webp")

    def _umkm_catalogue_line_domain(self):
        return [("partner_id", "=", request.env.user.commercial_partner_id.id)]

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
        product_vals = {
            "name": values["name_en"] or values["name_id"],
            "description_sale": values["description_en"] or values["description_id"],
            "categ_id": values["categ_id"],
            "list_price": values["wholesale_price"],
        }
        if values.get("photo"):
            product_vals["image_1920"] = values["photo"]
        line_vals = {
            k: values[k]
            for k in ("wholesale_price", "min_qty", "lead_time_days", "capacity_monthly")
        }
        # validated above: the catalogue is one of the member's clusters, the line its own
        if line:
            product = line.sudo().product_tmpl_id
            product.with_context(lang="en_US").write(product_vals)
            line.sudo()._member_update(line_vals)
        else:
            product = (
                request.env["product.template"]
                .sudo()
                .with_context(lang="en_US")
                .create(
                    dict(
                        product_vals,
                        umkm_member_id=member.id,
                        sale_ok=True,
                        purchase_ok=False,
                        company_id=catalogue.company_id.id,
                    )
                )
            )
            request.env["umkm.catalogue.line"].sudo().create(
                dict(line_vals, catalogue_id=catalogue.id, product_tmpl_id=product.id)
            )
        if "id_ID" in dict(request.env["res.lang"].get_installed()):
            translations = {"name": values["name_id"] or values["name_en"]}
            if values["description_id"]:
                translations["description_sale"] = values["description_id"]
            product.with_context(lang="id_ID").write(translations)
        # recompute what depends on the product (e.g. its properties) as superuser, here
        product.env.flush_all()
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

    # ------------------------------------------------------------------ producers' inquiries
    def _umkm_inquiry_domain(self):
        return [("member_id.partner_id", "=", request.env.user.commercial_partner_id.id)]

    @http.route(
        ["/my/inquiries", "/my/inquiries/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_inquiries(self, page=1, **kw):
        """The buyers' inquiries about the user's own products (record rules decide)."""
        inquiries, pager = self._umkm_page(
            "umkm.catalogue.inquiry",
            self._umkm_inquiry_domain(),
            "/my/inquiries",
            page,
            history="my_umkm_inquiries_history",
        )
        values = self._prepare_portal_layout_values()
        # the member's market over six months: one grouped read with its rights
        monthly = request.env["umkm.catalogue.inquiry"]._umkm_monthly_counts(
            self._umkm_inquiry_domain()
        )
        values.update(
            {
                "monthly": monthly,
                "monthly_max": max([count for _m, count, _q in monthly] + [1]),
                # read with the user's rights, rendered as superuser (products, units)
                "inquiries": inquiries.sudo(),
                "pager": pager,
                "page_name": "umkm_inquiry",
                "default_url": "/my/inquiries",
            }
        )
        return request.render("umkm_cluster.portal_my_inquiries", values)

    def _umkm_inquiry_page(self, inquiry_sudo, errors=None, post=None, saved=False, status=200):
        values = self._get_page_view_values(
            inquiry_sudo,
            None,
            {
                "inquiry": inquiry_sudo,
                "page_name": "umkm_inquiry",
                "errors": errors or {},
                "post": post or {},
                "saved": saved,
            },
            "my_umkm_inquiries_history",
            False,
        )
        return request.render("umkm_cluster.portal_my_inquiry", values, status=status)

    def _umkm_own_inquiry(self, inquiry_id):
        try:
            inquiry_sudo = self._document_check_access("umkm.catalogue.inquiry", inquiry_id)
        except (AccessError, MissingError):
            return None
        return inquiry_sudo.with_env(request.env(su=True))

    @http.route(["/my/inquiries/<int:inquiry_id>"], type="http", auth="user", website=True)
    def portal_my_inquiry(self, inquiry_id, **kw):
        inquiry_sudo = self._umkm_own_inquiry(inquiry_id)
        if inquiry_sudo is None:
            return self._umkm_refused()
        return self._umkm_inquiry_page(inquiry_sudo, saved=bool(kw.get("saved")))

    @http.route(
        ["/my/inquiries/<int:inquiry_id>/answer"],
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_my_inquiry_answer(self, inquiry_id, **post):
        inquiry_sudo = self._umkm_own_inquiry(inquiry_id)
        if inquiry_sudo is None:
            return self._umkm_refused()
        env = request.env
        errors, values = {}, {}
        for key, label, integer, maximum in (
            ("answer_qty", env._("Enter the quantity you can supply."), False, 10.0**7),
            ("answer_lead_days", env._("Enter the lead time in whole days."), True, 3650),
            ("answer_price", env._("Enter your price per unit."), False, 10.0**12),
        ):
            value, error = self._umkm_parse_number(
                post.get(key),
                minimum=0,
                maximum=maximum,
                integer=integer,
                messages={"invalid": label},
            )
            if error:
                errors[key] = error
            else:
                values[key] = value
        if "answer_price" in values:
            self._umkm_check_price(
                post,
                "answer_price",
                values["answer_price"],
                inquiry_sudo._umkm_reference_price(),
                inquiry_sudo.currency_id,
                errors,
            )
        note = (post.get("answer_note") or "").strip()
        if len(note) > 2000:
            errors["answer_note"] = env._("The note is too long (2000 characters at most).")
        if not errors:
            try:
                with env.cr.savepoint():
                    inquiry_sudo._umkm_producer_answer(
                        values["answer_qty"],
                        values["answer_lead_days"],
                        values["answer_price"],
                        note,
                    )
            except (UserError, ValidationError) as e:
                errors["answer"] = str(e)
        if errors:
            return self._umkm_inquiry_page(inquiry_sudo, errors=errors, post=post, status=400)
        return request.redirect(f"/my/inquiries/{inquiry_sudo.id}?saved=1")
