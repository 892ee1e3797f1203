"""Numbers as exports write them: ``1234.5``, ``1 234,5``, ``23,9%``, blank = missing."""

from __future__ import annotations

import math
import re

_MISSING = frozenset({"", "-", "--", "n/a", "na", "nan", "undefined", "null", "none"})
_DROP = re.compile(r"[\s\u00a0\u202f%]")


def parse_number(text: str, decimal: str = ".") -> float | None:
    """The value of ``text``, or None when it is blank, a placeholder or not a number.

    With ``decimal=","`` a dot is a thousands separator; otherwise a comma is. A
    string with only a comma and no dot is read with a decimal comma in either case
    when it cannot be a thousands group (``23,9``).
    """
    cleaned = _DROP.sub("", text.strip())
    if cleaned.casefold() in _MISSING:
        return None
    if decimal == "," or re.fullmatch(r"[+-]?\d+,\d{1,2}|[+-]?\d+,\d{4,}", cleaned):
        cleaned = cleaned.replace(".", "").replace(",", ".")
    else:
        cleaned = cleaned.replace(",", "")
    try:
        value = float(cleaned)
    except ValueError:
        return None
    return value if math.isfinite(value) else None
