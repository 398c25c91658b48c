"""Numbers typed by people: parsed once, finite, within sane bounds.

Used by every portal and public form of the suite (through ``umkm.number.mixin``'s
``_umkm_parse_form_number``, in the language the page speaks) and, for the backend and RPC, by
``umkm.number.mixin`` before the ORM converts a value: Odoo's ``float_round`` raises a bare
``ValueError`` on ``nan`` and ``inf``. The backend's own inputs are parsed by Odoo's web client
in the user's language already.
"""

import math
import re

from odoo.tools.misc import formatLang

# well above anything a cooperative types (a trillion rupiah, a billion units), far below
# what PostgreSQL's numeric columns or float rounding would mangle
DEFAULT_MAXIMUM = 10.0**15

_SPACES = re.compile(r"\s")
_PLAIN = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")


class NumberError(ValueError):
    """A typed number that cannot be used; ``reason`` says why: ``invalid``, ``not_finite``,
    ``too_small`` (below ``bound``, or not above it when ``strict``) or ``too_large``."""

    def __init__(self, reason, bound=None, strict=False):
        super().__init__(reason)
        self.reason = reason
        self.bound = bound
        self.strict = strict


def normalise(raw, decimal_point=".", thousands_sep=","):
    """The digits of ``raw`` in Python's notation, read in ONE language's notation (Odoo's
    ``res.lang``: Indonesian writes ``1.250,5``, English ``1,250.5``). The thousands separator
    may only stand between groups of three digits, so that ``750.000`` in English (a decimal
    point) or ``12,5`` in English (no group of three) are never silently read as something
    else: they come back as text the plain-number check refuses. ``Rp`` and spaces go."""
    text = _SPACES.sub("", str(raw if raw is not None else "")).removeprefix("Rp")
    thousands_sep = _SPACES.sub("", thousands_sep or "")
    decimal_point = decimal_point or "."
    integer, _sep, fraction = text.partition(decimal_point)
    if thousands_sep and thousands_sep in integer:
        sign = integer[:1] if integer[:1] in "+-" else ""
        groups = integer[len(sign) :].split(thousands_sep)
        if not (1 <= len(groups[0]) <= 3 and all(len(group) == 3 for group in groups[1:])):
            return "invalid"
        integer = sign + "".join(groups)
    if decimal_point != "." and "." in integer + fraction:
        return "invalid"
    return f"{integer}.{fraction}" if _sep else integer


def lang_notation(env):
    """``(decimal_point, thousands_sep)`` of the language ``env`` speaks (Odoo's ``res.lang``,
    English when it has none): the notation a person reads on the page and types back."""
    lang = env["res.lang"]._get_data(code=env.lang or "en_US")
    if not lang.code:
        lang = env["res.lang"]._get_data(code="en_US")
    return lang.decimal_point or ".", lang.thousands_sep or ""


def check_number(value, minimum=None, maximum=DEFAULT_MAXIMUM, strict=False, integer=False):
    """Return ``value`` as a float (an int when ``integer``) or raise :class:`NumberError`.

    ``minimum``: lowest accepted value (``None``: no bound); ``strict``: the value must be above
    it (``minimum=0, strict=True`` for a positive quantity). ``maximum``: highest accepted
    absolute value."""
    if isinstance(value, bool):
        raise NumberError("invalid")
    try:
        number = float(value)
    except (TypeError, ValueError, OverflowError):
        raise NumberError("invalid") from None
    if not math.isfinite(number):
        raise NumberError("not_finite")
    if integer and number != int(number):
        raise NumberError("invalid")
    if maximum is not None and abs(number) > maximum:
        raise NumberError("too_large", maximum)
    if minimum is not None and (number < minimum or (strict and number <= minimum)):
        raise NumberError("too_small", minimum, strict)
    return int(number) if integer else number


def parse_number(
    raw,
    minimum=None,
    maximum=DEFAULT_MAXIMUM,
    strict=False,
    integer=False,
    notation=(".", ","),
):
    """Parse a number typed in a form in ``notation`` (``(decimal_point, thousands_sep)``, see
    :func:`normalise` and :func:`lang_notation`) and check it as :func:`check_number` does.
    Only plain decimal notation is read: ``nan``, ``inf``, ``0x10`` or ``1_000`` are
    ``invalid``, ``1e400`` is ``not_finite``."""
    text = normalise(raw, *notation)
    if not _PLAIN.fullmatch(text):
        raise NumberError("invalid")
    return check_number(text, minimum, maximum, strict, integer)


def format_typed(env, value, max_digits=6):
    """``value`` as a person of ``env``'s language types it (``1.250,5`` in Indonesian,
    ``1,250.5`` in English): the value of a form's input, read back by :func:`parse_number`
    to the same number (every decimal it has, up to ``max_digits``; none for a whole one)."""
    if value is None or value is False:
        return ""
    decimals = f"{float(value):.{max_digits}f}".rstrip("0").partition(".")[2]
    return formatLang(env, value, digits=len(decimals))


def far_from(value, reference, factor=10.0):
    """True when ``value`` is below a ``factor``-th or above ``factor`` times a positive
    ``reference``: a price typed a thousand times too small (``750`` for ``750.000``) or too
    large is asked about before anyone relies on it. No reference, no opinion."""
    if not reference or reference <= 0 or value is None or value <= 0:
        return False
    return value < reference / factor or value > reference * factor


_RECORD_ID = re.compile(r"[0-9]{1,10}")
MAX_RECORD_ID = 2**31 - 1  # PostgreSQL's integer: a larger id is no record, not an error


def parse_record_id(raw):
    """The record id a form or a URL parameter names, or ``None`` for anything else (junk,
    ``²``, negative, beyond PostgreSQL's integer): never an exception on request values."""
    text = str(raw if raw is not None else "").strip()
    if not _RECORD_ID.fullmatch(text):
        return None
    value = int(text)
    return value if 0 < value <= MAX_RECORD_ID else None
