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
