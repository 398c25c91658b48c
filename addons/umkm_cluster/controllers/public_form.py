from datetime import timedelta

from odoo import fields
from odoo.http import request
from odoo.tools import email_normalize

from odoo.addons.umkm_cluster.tools.identifiers import phone_e164


class UmkmPublicForm:
    """The routine of the suite's public forms (a buyer's catalogue inquiry, a firm's request
    for work), in one place: a honeypot field robots fill, the visitor's name, e-mail (Odoo's
    ``email_normalize``) and phone (E.164, as WhatsApp dials it), a positive quantity typed in
    the visitor's language, and a limit of ``_umkm_public_limit`` records an hour from one
    connection. Mixed into the forms' controllers."""

    _umkm_public_limit = 5
    _umkm_public_window = timedelta(hours=1)

    @staticmethod
    def _umkm_is_robot(post):
        """People do not see the honeypot field ``website_url``; robots fill it (the caller
        answers as if all went well)."""
        return bool(post.get("website_url"))

    @staticmethod
    def _umkm_public_text(post, key, size):
        return (post.get(key) or "").strip()[:size]

    def _umkm_public_contact(self, post, values, errors):
        """The visitor's ``name``, ``email`` and optional ``phone`` into ``values``, or form
        errors under their keys."""
        env = request.env
        values["name"] = self._umkm_public_text(post, "name", 200)
        if not values["name"]:
            errors["name"] = env._("Please tell us your name.")
        email = self._umkm_public_text(post, "email", 200)
        values["email"] = email_normalize(email) or email
        if not email_normalize(email):
            errors["email"] = env._("Please enter a valid email address.")
        phone = self._umkm_public_text(post, "phone", 50)
        if phone:
            values["phone"] = phone_e164(phone) or phone
            if not phone_e164(phone):
                errors["phone"] = env._(
                    "Please enter a phone number such as 0812 3456 7890 or +62 812 3456 7890."
                )

    def _umkm_public_qty(self, post, values, errors, maximum=10.0**9):
        """The optional quantity the visitor typed, in its language, positive."""
        raw = self._umkm_public_text(post, "qty", 100)
        if not raw:
            return
        message = request.env._("The quantity must be a positive number.")
        values["qty"], error = request.env["umkm.number.mixin"]._umkm_parse_form_number(
            raw, strict=True, maximum=maximum, messages={"invalid": message, "too_small": message}
        )
        if error:
            errors["qty"] = error

    def _umkm_public_over_limit(self, model_name):
        """True when this connection already made ``_umkm_public_limit`` records of
        ``model_name`` (which keeps the ``ip_address``) within the hour."""
        recent = (
            request.env[model_name]
            .sudo()
            .search_count(
                [
                    ("ip_address", "=", request.httprequest.remote_addr),
                    ("create_date", ">=", fields.Datetime.now() - self._umkm_public_window),
                ]
            )
        )
        return recent >= self._umkm_public_limit
