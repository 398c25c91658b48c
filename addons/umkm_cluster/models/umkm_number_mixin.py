from odoo import api, models
from odoo.exceptions import ValidationError
from odoo.tools.misc import formatLang

from odoo.addons.umkm_cluster.tools.numbers import (
    DEFAULT_MAXIMUM,
    NumberError,
    check_number,
    far_from,
    lang_notation,
    parse_number,
)


class UmkmNumberMixin(models.AbstractModel):
    """Numbers written on the suite's documents are finite and sane, whoever writes them
    (a form, an import, an RPC client): checked before the ORM converts them, since Odoo's
    ``float_round`` raises a bare ``ValueError`` on ``nan`` and ``inf``.

    ``_umkm_number_bounds``: ``{field: (minimum, maximum)}`` (``None`` minimum: no lower
    bound); every other float, integer and monetary field is only checked for being finite and
    below ``DEFAULT_MAXIMUM``. Bounds that depend on the record (a maximum per member on a
    round's material) are the models' own constraints.
    """

    _name = "umkm.number.mixin"
    _inherit = ["umkm.format.mixin"]
    _description = "UMKM sane numbers"

    _umkm_number_bounds = {}
    _umkm_number_types = ("float", "integer", "monetary")

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._umkm_check_numbers(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._umkm_check_numbers(vals)
        return super().write(vals)

    @api.model
    def _umkm_check_numbers(self, vals):
        for name, value in vals.items():
            field = self._fields.get(name)
            if field is None or field.type not in self._umkm_number_types or value is False:
                continue
            minimum, maximum = self._umkm_number_bounds.get(name, (None, DEFAULT_MAXIMUM))
            try:
                check_number(value, minimum, maximum, integer=field.type == "integer")
            except NumberError as error:
                label = field._description_string(self.env)
                raise ValidationError(
                    self.env._(
                        "%(field)s: %(problem)s",
                        field=label,
                        problem=self._umkm_number_message(error),
                    )
                ) from None

    @api.model
    def _umkm_parse_form_number(
        self,
        raw,
        minimum=0.0,
        maximum=DEFAULT_MAXIMUM,
        strict=False,
        integer=False,
        unit=None,
        messages=None,
        label=None,
    ):
        """A number typed in a form, read in the notation of the language the page speaks
        (``750.000`` is seven hundred fifty thousand in Indonesian): ``(value, None)``, or
        ``(None, message)`` saying in that language what is wrong (not a number, not finite,
        out of bounds). ``messages``: the form's own message for some reasons
        (``{"too_small": ...}``); ``label``: the field's name, which starts the message
        when the form shows it away from the field (``Harga grosir: masukkan angka…``)."""
        try:
            notation = lang_notation(self.env)
            return parse_number(raw, minimum, maximum, strict, integer, notation), None
        except NumberError as error:
            if messages and error.reason in messages:
                message = messages[error.reason]
            else:
                message = self._umkm_number_message(error, unit)
            if label:
                message = self.env._("%(field)s: %(problem)s", field=label, problem=message)
            return None, message

    @api.model
    def _umkm_number_message(self, error, unit=None):
        """What is wrong with a typed number (:class:`NumberError`), in the user's language."""
        bound = self._umkm_format_number(error.bound) if error.bound is not None else ""
        if unit:
            bound = f"{bound} {unit}"
        if error.reason == "too_large":
            return self.env._("Enter at most %(maximum)s.", maximum=bound)
        if error.reason == "too_small":
            if error.strict and not error.bound:
                return self.env._("Enter a number above zero.")
            if error.strict:
                return self.env._("Enter more than %(minimum)s.", minimum=bound)
            if not error.bound:
                return self.env._("The number cannot be negative.")
            return self.env._("Enter at least %(minimum)s.", minimum=bound)
        if error.reason == "not_finite":
            return self.env._("This is not a usable number: write it with digits only.")
        return self.env._(
            "Enter a number, e.g. %(example)s.", example=self._umkm_format_number(1250.5)
        )

    @api.model
    def _umkm_price_warning(self, price, reference, currency):
        """A sentence asking whether ``price`` is meant, when it is far from ``reference``
        (below a tenth or above ten times: see ``tools.numbers.far_from``), else ``""``.
        The same words on a portal form (before saving) and on the backend document."""
        if not far_from(price, reference):
            return ""
        return self.env._(
            "%(price)s is far from the usual price of %(reference)s. Check the amount: "
            "seven hundred fifty thousand is written %(example)s.",
            price=formatLang(self.env, price, currency_obj=currency),
            reference=formatLang(self.env, reference, currency_obj=currency),
            example=self._umkm_format_number(750000),
        )
