import os

from werkzeug.exceptions import NotFound

from odoo import Command, fields, http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import request
from odoo.tools import float_compare, float_round
from odoo.tools.mimetypes import guess_mimetype

from odoo.addons.purchase.controllers.portal import CustomerPortal as PurchasePortal
from odoo.addons.umkm_cluster.controllers.portal import UmkmClusterPortal
from odoo.addons.umkm_cluster.tools.numbers import parse_record_id

from .xlsx_export import UmkmPartnershipExport

MAX_ATTACHMENT_SIZE = 5 * 1024 * 1024  # 5 MB per file
MAX_ATTACHMENTS = 5
ALLOWED_ATTACHMENTS = {
    ".pdf": {"application/pdf"},
    ".png": {"image/png"},
    ".jpg": {"image/jpeg"},
    ".jpeg": {"image/jpeg"},
}


# what the member's order page says once its answer is saved: codes the server chose, never text
# taken from the URL
UMKM_PURCHASE_MESSAGES = ("accepted", "declined", "proposed")


class UmkmPurchasePortal(PurchasePortal):
    def _purchase_order_get_page_view_values(self, order, access_token, **kwargs):
        values = super()._purchase_order_get_page_view_values(order, access_token, **kwargs)
        message = kwargs.get("umkm_message")
        values["umkm_message"] = message if message in UMKM_PURCHASE_MESSAGES else None
        return values


# the units a firm orders work in most, in the order its order form offers them
USUAL_UOMS = (
    "uom.product_uom_unit",
    "uom.product_uom_dozen",
    "uom.product_uom_meter",
    "uom.product_uom_cm",
    "uom.product_uom_kgm",
    "uom.product_uom_gram",
)


class UmkmPartnershipPortal(UmkmClusterPortal):
    # ------------------------------------------------------------------ helpers
    def _umkm_commercial_partner(self):
        return request.env.user.commercial_partner_id

    def _umkm_active_agreements(self):
        """Active agreements of the user's firm (never taken from the request)."""
        today = fields.Date.context_today(request.env.user)
        return (
            request.env["umkm.partnership.agreement"]
            .sudo()
            .search(
                [
                    ("partner_id", "=", self._umkm_commercial_partner().id),
                    ("state", "=", "active"),
                    ("date_start", "<=", today),
                    "|",
                    ("date_end", "=", False),
                    ("date_end", ">=", today),
                ]
            )
        )

    def _umkm_order_domain(self):
        return [("partner_id", "=", self._umkm_commercial_partner().id)]

    def _umkm_assignment_domain(self):
        return [("member_id.partner_id", "=", self._umkm_commercial_partner().id)]

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "umkm_subcontract_count" in counters:
            count = self._umkm_count("umkm.subcontract.order", self._umkm_order_domain())
            # firms with an active agreement see the entry even before their first order
            values["umkm_subcontract_count"] = count or (
                "0" if self._umkm_active_agreements() else 0
            )
        if "umkm_assignment_count" in counters:
            values["umkm_assignment_count"] = self._umkm_count(
                "umkm.subcontract.assignment", self._umkm_assignment_domain()
            )
        if "umkm_trade_count" in counters:
            # shown to firms with a trade or agency agreement only
            values["umkm_trade_count"] = len(self._umkm_trade_agreements()) or 0
        return values

    # ------------------------------------------------------------------ firm: orders
    @http.route(
        ["/my/subcontracts", "/my/subcontracts/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_subcontracts(self, page=1, **kw):
        orders, pager = self._umkm_page(
            "umkm.subcontract.order",
            self._umkm_order_domain(),
            "/my/subcontracts",
            page,
            history="my_umkm_subcontracts_history",
        )
        # searched with the user's rights (record rules), rendered with sudo (units, products)
        orders = orders.sudo()
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "orders": orders,
                "page_name": "umkm_subcontract",
                "pager": pager,
                "default_url": "/my/subcontracts",
                "can_order": bool(self._umkm_active_agreements()),
            }
        )
        return request.render("umkm_partnership.portal_my_subcontracts", values)

    @http.route(["/my/subcontracts/<int:order_id>"], type="http", auth="public", website=True)
    def portal_my_subcontract(self, order_id, access_token=None, **kw):
        try:
            order_sudo = self._document_check_access(
                "umkm.subcontract.order", order_id, access_token=access_token
            )
        except (AccessError, MissingError):
            return self._umkm_refused()
        attachments = order_sudo._umkm_documents("firm")[order_sudo]
        attachments.generate_access_token()
        values = self._get_page_view_values(
            order_sudo,
            access_token,
            {
                "subcontract_order": order_sudo,
                "attachments": attachments,
                "page_name": "umkm_subcontract",
                "created": kw.get("created"),
            },
            "my_umkm_subcontracts_history",
            False,
        )
        return request.render("umkm_partnership.portal_my_subcontract", values)

    @http.route(
        ["/my/subcontracts/<int:order_id>/materials.<string:report_type>"],
        type="http",
        auth="public",
        website=True,
    )
    def portal_my_subcontract_materials(self, order_id, report_type, access_token=None, **kw):
        """The firm's material reconciliation of its order, as PDF or XLSX."""
        if report_type not in ("pdf", "xlsx"):
            return request.not_found()
        try:
            order_sudo = self._document_check_access(
                "umkm.subcontract.order", order_id, access_token=access_token
            )
        except (AccessError, MissingError):
            return self._umkm_refused()
        if not order_sudo.material_ids:
            return request.not_found()
        if report_type == "xlsx":
            return UmkmPartnershipExport._materials_response(order_sudo)
        return self._show_report(
            model=order_sudo,
            report_type="pdf",
            report_ref="umkm_partnership.action_report_material_reconciliation",
            download=True,
        )

    def _umkm_order_form_values(self, agreements, error=None, post=None):
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "umkm_subcontract_new",
                "agreements": agreements,
                "capabilities": request.env["umkm.capability"].sudo().search([]),
                "uoms": self._umkm_allowed_uoms(),
                "error": error or {},
                "post": post or {},
                "max_size_mb": MAX_ATTACHMENT_SIZE // (1024 * 1024),
                "allowed_ext": ", ".join(sorted(ALLOWED_ATTACHMENTS)),
            }
        )
        return values

    def _umkm_allowed_uoms(self):
        """The units a firm may order work in: pieces, length and weight, the usual ones first
        (pieces, dozens, metres, centimetres, kilograms, grams), then the others of the same
        categories."""
        env = request.env
        categories = [
            env.ref("uom.product_uom_categ_unit"),
            env.ref("uom.uom_categ_length"),
            env.ref("uom.product_uom_categ_kgm"),
        ]
        usual = env["uom.uom"].sudo()
        for xmlid in USUAL_UOMS:
            usual |= env.ref(xmlid, raise_if_not_found=False) or usual.browse()
        others = usual.search([("category_id", "in", [c.id for c in categories])])
        return usual.filtered("active") | others.sorted(
            lambda u: (categories.index(u.category_id), u.uom_type != "reference", u.id)
        )

    @http.route(["/my/subcontracts/new"], type="http", auth="user", methods=["GET"], website=True)
    def portal_subcontract_new(self, **kw):
        agreements = self._umkm_active_agreements()
        if not agreements:
            return request.render(
                "umkm_partnership.portal_subcontract_no_agreement",
                self._prepare_portal_layout_values(),
            )
        return request.render(
            "umkm_partnership.portal_subcontract_new", self._umkm_order_form_values(agreements)
        )

    def _umkm_parse_id(self, value, allowed):
        record_id = parse_record_id(value)
        record = allowed.filtered(lambda r: r.id == record_id) if record_id else None
        return record or None

    def _umkm_validate_order(self, post, agreements):
        """Validate the posted order form. Returns (values, files, errors)."""
        env = request.env
        errors = {}
        vals = {}
        agreement = (
            agreements
            if len(agreements) == 1 and not post.get("agreement_id")
            else self._umkm_parse_id(post.get("agreement_id"), agreements)
        )
        if not agreement:
            errors["agreement_id"] = env._("Choose one of your active agreements.")
        else:
            vals["agreement_id"] = agreement.id
        capability = self._umkm_parse_id(
            post.get("capability_id"), env["umkm.capability"].sudo().search([])
        )
        if not capability:
            errors["capability_id"] = env._("Choose the capability the work needs.")
        else:
            vals["capability_id"] = capability.id
        uom = self._umkm_parse_id(post.get("uom_id"), self._umkm_allowed_uoms())
        if not uom:
            errors["uom_id"] = env._("Choose a unit.")
        else:
            vals["uom_id"] = uom.id
        description = (post.get("description") or "").strip()
        if not description:
            errors["description"] = env._("Describe what has to be made.")
        elif len(description) > 5000:
            errors["description"] = env._("The description is too long (5000 characters at most).")
        else:
            vals["description"] = description
        qty, error = self._umkm_parse_number(
            post.get("qty"),
            strict=True,
            maximum=10.0**7,
            unit=uom.name if uom else None,
            messages={"invalid": env._("Enter a positive quantity.")},
        )
        if error:
            errors["qty"] = error
        elif uom and float_compare(
            qty, float_round(qty, precision_rounding=uom.rounding), precision_digits=6
        ):
            errors["qty"] = env._(
                "The quantity must be a multiple of %(rounding)s %(uom)s.",
                rounding=env["umkm.number.mixin"]._umkm_format_number(uom.rounding),
                uom=uom.name,
            )
        else:
            vals["qty"] = qty
        price_raw = (post.get("unit_price") or "").strip()
        price, error = (0.0, None)
        if price_raw:
            price, error = self._umkm_parse_number(
                price_raw,
                maximum=10.0**12,
                messages={"invalid": env._("Enter a valid target price (or leave it empty).")},
            )
        if error:
            errors["unit_price"] = error
        else:
            vals["unit_price"] = price
            if agreement and capability:
                reference = env["umkm.subcontract.order"]._umkm_reference_price(
                    agreement, capability
                )
                self._umkm_check_price(
                    post, "unit_price", price, reference, agreement.currency_id, errors
                )
        try:
            date_due = fields.Date.to_date(post.get("date_due"))
        except ValueError:
            date_due = None
        if not date_due:
            errors["date_due"] = env._("Enter the due date.")
        elif date_due <= fields.Date.context_today(env.user):
            errors["date_due"] = env._("The due date must be in the future.")
        else:
            vals["date_due"] = date_due
        self._umkm_validate_first_lot(post, vals, errors, uom)
        files = []
        uploads = [f for f in request.httprequest.files.getlist("attachments") if f.filename]
        if len(uploads) > MAX_ATTACHMENTS:
            errors["attachments"] = env._("Attach at most %(count)s files.", count=MAX_ATTACHMENTS)
        for upload in uploads[:MAX_ATTACHMENTS]:
            name = os.path.basename(upload.filename)
            ext = os.path.splitext(name)[1].lower()
            content = upload.read(MAX_ATTACHMENT_SIZE + 1)
            if len(content) > MAX_ATTACHMENT_SIZE:
                errors["attachments"] = env._(
                    "%(name)s is larger than %(size)s MB.",
                    name=name,
                    size=MAX_ATTACHMENT_SIZE // (1024 * 1024),
                )
            elif not content:
                errors["attachments"] = env._("%(name)s is empty.", name=name)
            elif ext not in ALLOWED_ATTACHMENTS or (
                guess_mimetype(content) not in ALLOWED_ATTACHMENTS[ext]
            ):
                errors["attachments"] = env._(
                    "%(name)s is not an accepted document (PDF, PNG or JPEG only).", name=name
                )
            else:
                files.append((name, content, guess_mimetype(content)))
        return vals, files, errors

    def _umkm_validate_first_lot(self, post, vals, errors, uom):
        """An optional earlier delivery: ``first_qty`` due on ``first_date``, the rest on the
        due date. Adds the two lots to ``vals``, or form errors to ``errors``."""
        env = request.env
        qty_raw = (post.get("first_qty") or "").strip()
        date_raw = (post.get("first_date") or "").strip()
        if not qty_raw and not date_raw:
            return
        if not qty_raw or not date_raw:
            errors["first_lot"] = env._(
                "Give both the quantity and the date of the first delivery, or neither."
            )
            return
        first_qty, error = self._umkm_parse_number(
            qty_raw,
            strict=True,
            maximum=10.0**7,
            unit=uom.name if uom else None,
            messages={"invalid": env._("Enter a positive quantity for the first delivery.")},
        )
        try:
            first_date = fields.Date.to_date(date_raw)
        except ValueError:
            first_date = None
        if error:
            errors["first_lot"] = error
        elif not first_date:
            errors["first_lot"] = env._("Enter the date of the first delivery.")
        elif "qty" not in vals or "date_due" not in vals:
            return  # the quantity or due date has its own error
        elif float_compare(first_qty, vals["qty"], precision_digits=6) >= 0:
            errors["first_lot"] = env._(
                "The first delivery must be less than the ordered quantity (the rest comes "
                "on the due date)."
            )
        elif uom and float_compare(
            first_qty, float_round(first_qty, precision_rounding=uom.rounding), precision_digits=6
        ):
            errors["first_lot"] = env._(
                "The quantity must be a multiple of %(rounding)s %(uom)s.",
                rounding=env["umkm.number.mixin"]._umkm_format_number(uom.rounding),
                uom=uom.name,
            )
        elif not fields.Date.context_today(env.user) < first_date < vals["date_due"]:
            errors["first_lot"] = env._(
                "The first delivery must be after today and before the due date."
            )
        else:
            rest = float_round(
                vals["qty"] - first_qty, precision_rounding=uom.rounding if uom else 0.01
            )
            vals["lot_ids"] = [
                Command.create({"qty": first_qty, "date_due": first_date}),
                Command.create({"qty": rest, "date_due": vals["date_due"]}),
            ]

    @http.route(["/my/subcontracts/new"], type="http", auth="user", methods=["POST"], website=True)
    def portal_subcontract_create(self, **post):
        agreements = self._umkm_active_agreements()
        if not agreements:
            return request.render(
                "umkm_partnership.portal_subcontract_no_agreement",
                self._prepare_portal_layout_values(),
            )
        vals, files, errors = self._umkm_validate_order(post, agreements)
        if errors:
            return request.render(
                "umkm_partnership.portal_subcontract_new",
                self._umkm_order_form_values(agreements, error=errors, post=post),
                status=400,
            )
        agreement = agreements.filtered(lambda a: a.id == vals["agreement_id"])
        vals.update({"partner_id": agreement.partner_id.id, "user_id": False})
        try:
            with request.env.cr.savepoint():
                order = request.env["umkm.subcontract.order"].sudo().create(vals)
                if files:
                    request.env["ir.attachment"].sudo().create(
                        [
                            {
                                "name": name,
                                "raw": content,
                                "mimetype": mimetype,
                                "res_model": order._name,
                                "res_id": order.id,
                            }
                            for name, content, mimetype in files
                        ]
                    )
                order.action_submit()
                order.message_post(
                    body=request.env._(
                        "Order placed on the portal by %(user)s.", user=request.env.user.name
                    ),
                    author_id=request.env.user.partner_id.id,
                    subtype_xmlid="mail.mt_comment",
                )
                order.message_subscribe(partner_ids=request.env.user.partner_id.ids)
        except (UserError, ValidationError) as exc:
            return request.render(
                "umkm_partnership.portal_subcontract_new",
                self._umkm_order_form_values(agreements, error={"general": exc.args[0]}, post=post),
                status=400,
            )
        return request.redirect(f"/my/subcontracts/{order.id}?created=1")

    # ------------------------------------------------------------------ member: assignments
    @http.route(
        ["/my/assignments", "/my/assignments/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_assignments(self, page=1, **kw):
        assignments, pager = self._umkm_page(
            "umkm.subcontract.assignment",
            self._umkm_assignment_domain(),
            "/my/assignments",
            page,
            order="date_due, id",
            history="my_umkm_assignments_history",
        )
        assignments = assignments.sudo()
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "assignments": assignments,
                "page_name": "umkm_assignment",
                "pager": pager,
                "default_url": "/my/assignments",
            }
        )
        return request.render("umkm_partnership.portal_my_assignments", values)

    @http.route(["/my/assignments/<int:assignment_id>"], type="http", auth="public", website=True)
    def portal_my_assignment(
        self, assignment_id, access_token=None, report_type=None, download=False, **kw
    ):
        try:
            assignment_sudo = self._document_check_access(
                "umkm.subcontract.assignment", assignment_id, access_token=access_token
            )
        except (AccessError, MissingError):
            return self._umkm_refused()
        if report_type in ("html", "pdf", "text"):
            return self._show_report(
                model=assignment_sudo,
                report_type=report_type,
                report_ref="umkm_partnership.action_report_work_order",
                download=download,
            )
        return self._umkm_assignment_page(
            assignment_sudo, access_token, saved=kw.get("message") == "saved"
        )

    def _umkm_assignment_page(
        self, assignment_sudo, access_token=None, saved=False, error=None, status=200
    ):
        """The member's assignment page. ``error``: the server's own message of a refused
        action (never text from the URL); ``saved``: the action went through."""
        values = self._get_page_view_values(
            assignment_sudo,
            access_token,
            {
                "assignment": assignment_sudo,
                "page_name": "umkm_assignment",
                "error": error,
                "message": saved,
            },
            "my_umkm_assignments_history",
            False,
        )
        return request.render("umkm_partnership.portal_my_assignment", values, status=status)

    @http.route(
        ["/my/assignments/<int:assignment_id>/documents/<int:attachment_id>"],
        type="http",
        auth="public",
        website=True,
    )
    def portal_my_assignment_document(self, assignment_id, attachment_id, access_token=None):
        """A file of the work package of the member's live assignment (checked here on each
        download: nothing of another order, nothing once the work is declined or cancelled)."""
        try:
            assignment_sudo = self._document_check_access(
                "umkm.subcontract.assignment", assignment_id, access_token=access_token
            )
        except (AccessError, MissingError) as exc:
            raise NotFound() from exc
        attachment = assignment_sudo.work_package_ids.filtered(lambda a: a.id == attachment_id)
        if not attachment:
            raise NotFound()
        return (
            request.env["ir.binary"]._get_stream_from(attachment).get_response(as_attachment=True)
        )

    def _umkm_assignment_for_post(self, assignment_id):
        """The member's own assignment: read access as the user, no token accepted for posts."""
        assignment = request.env["umkm.subcontract.assignment"].browse(assignment_id)
        if not assignment.sudo().exists():
            raise MissingError(request.env._("This assignment does not exist."))
        assignment.check_access("read")
        return assignment.sudo()

    def _umkm_assignment_action(self, assignment_id, callback):
        try:
            assignment_sudo = self._umkm_assignment_for_post(assignment_id)
        except (AccessError, MissingError):
            return self._umkm_refused()
        try:
            with request.env.cr.savepoint():
                callback(assignment_sudo.with_context(lang=request.env.lang))
        except (UserError, ValidationError) as exc:
            # the page shows the assignment as it is in the database, not as the refused
            # action left it in the cache
            request.env.invalidate_all()
            return self._umkm_assignment_page(assignment_sudo, error=exc.args[0], status=400)
        return request.redirect(f"/my/assignments/{assignment_id}?message=saved")

    @http.route(
        ["/my/assignments/<int:assignment_id>/accept"],
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_assignment_accept(self, assignment_id, **post):
        return self._umkm_assignment_action(assignment_id, lambda a: a.action_accept())

    @http.route(
        ["/my/assignments/<int:assignment_id>/decline"],
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_assignment_decline(self, assignment_id, reason=None, **post):
        reason = (reason or "").strip()[:2000]

        def decline(assignment):
            if not reason:
                raise UserError(request.env._("Tell the cooperative why you decline."))
            assignment._action_decline(reason)

        return self._umkm_assignment_action(assignment_id, decline)

    @http.route(
        ["/my/assignments/<int:assignment_id>/progress"],
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_assignment_progress(self, assignment_id, qty_done=None, **post):
        def report(assignment):
            qty, error = self._umkm_parse_number(
                qty_done,
                maximum=10.0**7,
                unit=assignment.uom_id.name,
                messages={"invalid": request.env._("Enter the quantity made so far.")},
            )
            if error:
                raise UserError(error)
            assignment._action_report_progress(qty)

        return self._umkm_assignment_action(assignment_id, report)

    # ------------------------------------------------------------------ joint marketing
    def _umkm_member_purchase(self, order_id):
        """The member's purchase order ``order_id`` made from a cooperative's sale (sudo), or
        None: Odoo's purchase portal rules decide."""
        try:
            order_sudo = self._document_check_access("purchase.order", order_id)
        except (AccessError, MissingError):
            return None
        if not order_sudo.umkm_member_answer:
            return None
        # still as superuser, but as this user: its answer is logged under its name
        return order_sudo.with_env(request.env(su=True))

    def _umkm_member_purchase_answer(self, order_id, callback, message):
        order_sudo = self._umkm_member_purchase(order_id)
        if order_sudo is None:
            return self._umkm_refused()
        try:
            with request.env.cr.savepoint():
                callback(order_sudo)
        except (UserError, ValidationError) as e:
            values = self._purchase_order_get_page_view_values(order_sudo, None)
            values["umkm_error"] = str(e)
            return request.render("purchase.portal_my_purchase_order", values, status=400)
        return request.redirect(order_sudo.get_portal_url(query_string=f"&umkm_message={message}"))

    @http.route(
        ["/my/purchase/<int:order_id>/umkm_accept"],
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_umkm_purchase_accept(self, order_id, **post):
        return self._umkm_member_purchase_answer(
            order_id, lambda o: o._umkm_member_accept(), "accepted"
        )

    @http.route(
        ["/my/purchase/<int:order_id>/umkm_decline"],
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_umkm_purchase_decline(self, order_id, **post):
        reason = (post.get("reason") or "").strip()[:2000]

        def decline(order):
            if not reason:
                raise UserError(request.env._("Say why you cannot make it."))
            order._umkm_member_decline(reason)

        return self._umkm_member_purchase_answer(order_id, decline, "declined")

    @http.route(
        ["/my/purchase/<int:order_id>/umkm_propose"],
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_umkm_purchase_propose(self, order_id, **post):
        def propose(order):
            try:
                date = fields.Date.to_date(post.get("date"))
            except ValueError:
                date = None
            if not date:
                raise UserError(request.env._("Enter the date you can deliver."))
            order._umkm_member_propose_date(date)

        return self._umkm_member_purchase_answer(order_id, propose, "proposed")

    # ------------------------------------------------------------------ trade under agreement
    def _umkm_trade_agreements(self):
        """The user's firm's active general-trade and agency agreements."""
        return self._umkm_active_agreements().filtered(
            lambda a: a.pattern in ("perdagangan_umum", "distribusi_keagenan")
        )

    def _umkm_trade_page(self, agreements, agreement, errors=None, post=None, status=200):
        values = self._prepare_portal_layout_values()
        lines = agreement._trade_lines() if agreement else []
        values.update(
            {
                "agreements": agreements,
                "agreement": agreement,
                "trade_lines": lines,
                "prices": {line.id: agreement._trade_price(line, line.min_qty) for line in lines},
                "errors": errors or {},
                "post": post or {},
                "page_name": "umkm_trade",
            }
        )
        return request.render("umkm_partnership.portal_trade", values, status=status)

    @http.route(["/my/trade"], type="http", auth="user", website=True)
    def portal_trade(self, agreement_id=None, **kw):
        agreements = self._umkm_trade_agreements()
        agreement = (
            self._umkm_parse_id(agreement_id, agreements) if agreement_id else agreements[:1]
        )
        return self._umkm_trade_page(agreements, agreement or agreements[:1])

    @http.route(["/my/trade/order"], type="http", auth="user", methods=["POST"], website=True)
    def portal_trade_order(self, **post):
        """The firm's cart: quantities of the cluster's catalogue products at the agreed
        prices, each at least its minimum order; it becomes a quotation the cooperative
        confirms, then the members' orders."""
        env = request.env
        agreements = self._umkm_trade_agreements()
        agreement = self._umkm_parse_id(post.get("agreement_id"), agreements)
        if not agreement:
            return self._umkm_trade_page(
                agreements,
                agreements[:1],
                errors={"form": env._("Choose one of your trade agreements.")},
                status=400,
            )
        allowed = {line.id: line for line in agreement._trade_lines()}
        errors, cart = {}, []
        for key, raw in post.items():
            if not key.startswith("qty_") or not (raw or "").strip():
                continue
            line_id = key.removeprefix("qty_")
            line = allowed.get(parse_record_id(line_id))
            if line is None:
                errors["form"] = env._(
                    "A product of your cart is not offered under your agreement."
                )
                continue
            qty, error = self._umkm_parse_number(raw, maximum=10.0**7)
            if error:
                errors[key] = error
            elif qty and agreement._trade_qty_error(line, qty):
                errors[key] = agreement._trade_qty_error(line, qty)
            elif qty:
                cart.append((line, qty))
        if not cart and not errors:
            errors["form"] = env._("Enter the quantity of at least one product.")
        if errors:
            return self._umkm_trade_page(
                agreements, agreement, errors=errors, post=post, status=400
            )
        with env.cr.savepoint():
            sale = agreement.sudo()._trade_order(
                self._umkm_commercial_partner(), cart, ordered_by=env.user
            )
        # the sale page says the order went to the cooperative (a code the server chose)
        return request.redirect(sale.get_portal_url(query_string="&message=umkm_sent"))
