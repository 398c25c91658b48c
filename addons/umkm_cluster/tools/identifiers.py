"""Indonesian business identifiers: NIB (Nomor Induk Berusaha) and NPWP / NIK."""

import re


def digits_only(value):
    """Strip the usual separators (dots, dashes, slashes, spaces) of an identifier."""
    return re.sub(r"[\s.\-/]", "", value or "")


def is_nib(value):
    """A NIB has 13 digits (OSS)."""
    return bool(re.fullmatch(r"\d{13}", value or ""))


def is_npwp(value):
    """An NPWP has 15 digits, or 16 (the NIK of an individual), separators allowed."""
    return bool(re.fullmatch(r"\d{15}|\d{16}", digits_only(value)))


def npwp16(value):
    """The 16-digit NPWP Coretax reads: the digits of ``value``, a 15-digit (pre-2024) NPWP
    with the ``0`` DJP puts in front of it. Anything else is returned as its digits."""
    digits = digits_only(value)
    return "0" + digits if len(digits) == 15 else digits


def phone_e164(value, country_code="62"):
    """``value`` as an E.164 number (``+62812...``), or ``None`` when it cannot be one.

    Separators are dropped; ``0812 ...`` (national) and ``812 ...`` take the country code,
    ``62812 ...``, ``0062812 ...`` and ``+62 812 ...`` are already international. E.164 has 8 to
    15 digits with the country code.
    """
    raw = (value or "").strip()
    if not raw:
        return None
    if not re.fullmatch(r"\+?[\d\s().\-/]+", raw):
        return None
    plus = raw.startswith("+")
    digits = re.sub(r"\D", "", raw)
    if plus:
        number = digits
    elif digits.startswith("00"):
        number = digits[2:]
    elif digits.startswith("0"):
        number = country_code + digits[1:]
    elif digits.startswith(country_code):
        number = digits
    else:
        number = country_code + digits
    if not 8 <= len(number) <= 15 or number.startswith("0"):
        return None
    return "+" + number
