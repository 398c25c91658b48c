import base64

from werkzeug.exceptions import NotFound

from odoo import fields, http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import request

from .portal import UmkmClusterPortal


class UmkmMembershipPortal(UmkmClusterPortal):
    """A member SME's memberships: its page, weekly capacity and the periods it cannot work."""

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
                "certifications": request.env["umkm.certification"].sudo().search([], limit=100),
            },
            "my_umkm_memberships_history",
            False,
        )
        return request.render("umkm_cluster.portal_my_membership", values, status=status)

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

    @http.route(
        ["/my/memberships/<int:member_id>/certificates"],
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_my_membership_certificate(self, member_id, **post):
        """The member adds a certificate it holds: kind, number, validity and a copy."""
        member_sudo = self._umkm_own_member(member_id)
        if member_sudo is None:
            return self._umkm_refused()
        env = request.env
        Line = env["umkm.member.certification"]
        errors, vals = {}, {}
        certification = env["umkm.certification"]._umkm_from_form(post.get("certification_id"))
        if not certification:
            errors["certification_id"] = env._("Choose a certification from the list.")
        vals["certification_id"] = certification.id
        number = (post.get("number") or "").strip()
        if not number:
            errors["number"] = env._("Enter the certificate's number.")
        elif len(number) > 64:
            errors["number"] = env._("Keep the number under 64 characters.")
        vals["number"] = number
        try:
            vals["date_expiry"] = fields.Date.to_date(
                (post.get("date_expiry") or "").strip() or None
            )
        except ValueError:
            vals["date_expiry"] = None
        if not vals["date_expiry"]:
            errors["date_expiry"] = env._("Enter until when it is valid.")
        elif vals["date_expiry"] < fields.Date.context_today(member_sudo):
            errors["date_expiry"] = env._("This certificate has expired already.")
        upload = post.get("document")
        data = upload.read() if hasattr(upload, "read") else b""
        if data:
            try:
                Line._umkm_check_document(data)
            except ValidationError as e:
                errors["document"] = str(e)
            vals["document"] = base64.b64encode(data)
            vals["document_name"] = (getattr(upload, "filename", "") or "certificate")[-100:]
        if not errors:
            try:
                with env.cr.savepoint():
                    Line._portal_add(member_sudo, vals)
            except (UserError, ValidationError, AccessError) as e:
                errors["certificate"] = str(e)
        if errors:
            post.pop("document", None)
            return self._umkm_membership_page(member_sudo, errors=errors, post=post, status=400)
        return request.redirect(
            f"/my/memberships/{member_sudo.id}?certificate_saved=1#certificates"
        )
