import os

from odoo import Command, fields, http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import request
from odoo.tools import float_compare, float_round
from odoo.tools.mimetypes import guess_mimetype

from odoo.addons.umkm_cluster.tools.numbers import parse_record_id

from .portal import UmkmPartnershipPortal

MAX_ATTACHMENT_SIZE = 5 * 1024 * 1024  # 5 MB per file
MAX_ATTACHMENTS = 5
ALLOWED_ATTACHMENTS = {
    ".pdf": {"application/pdf"},
    ".png": {"image/png"},
    ".jpg": {"image/jpeg"},
    ".jpeg": {"image/jpeg"},
}

# the units a firm orders work in most, in the order its order form offers them
USUAL_UOMS = (
    "uom.product_uom_unit",
    "uom.product_uom_dozen",
    "uom.product_uom_meter",
    "uom.product_uom_cm",
    "uom.product_uom_kgm",
    "uom.product_uom_gram",
)


class UmkmSubcontractPortal(UmkmPartnershipPortal):
    """A partner firm's subcontract orders on its portal: list, page, new order."""

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
