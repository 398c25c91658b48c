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
