from odoo import http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import request

from .portal import UmkmClusterPortal


class UmkmInquiryPortal(UmkmClusterPortal):
    """A producer's buyers' inquiries about its products, and its answers."""

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
