"""Numbers typed by people: parsed once, finite, within sane bounds.

Used by every portal form of the suite (through ``UmkmClusterPortal._umkm_parse_number``) and,
for the backend and RPC, by ``umkm.number.mixin`` before the ORM converts a value: Odoo's
``float_round`` raises a bare ``ValueError`` on ``nan`` and ``inf``.
"""

import math
import re

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


def normalise(raw):
    """The digits of ``raw`` in Python's notation. Indonesian and English notations are both
    read: ``1.250,5`` and ``1,250.5`` are 1250.5; a lone comma is the decimal comma (``12,5``);
    dots as thousands separators when there are several (``1.000.000``)."""
    text = _SPACES.sub("", str(raw if raw is not None else "")).removeprefix("Rp")
    if "," in text and "." in text:
        decimal = "," if text.rfind(",") > text.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        text = text.replace(thousands, "").replace(decimal, ".")
    elif "," in text:
        # one comma: the decimal comma (12,5); several: thousands (1,000,000)
        text = text.replace(",", ".") if text.count(",") == 1 else text.replace(",", "")
    elif text.count(".") > 1:
        text = text.replace(".", "")
    return text


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


def parse_number(raw, minimum=None, maximum=DEFAULT_MAXIMUM, strict=False, integer=False):
    """Parse a number typed in a form (see :func:`normalise`) and check it as
    :func:`check_number` does. Only plain decimal notation is read: ``nan``, ``inf``,
    ``0x10`` or ``1_000`` are ``invalid``, ``1e400`` is ``not_finite``."""
    text = normalise(raw)
    if not _PLAIN.fullmatch(text):
        raise NumberError("invalid")
    return check_number(text, minimum, maximum, strict, integer)
