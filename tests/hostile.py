"""The one shared set of hostile strings, each named by what it attacks.

Every test that feeds hostile text to fokus takes it from here (``from hostile
import HOSTILE``, the way ``scale_helpers`` is imported), so a new attack added
here reaches every output at once: the HTML page and fragment, the PDF, the JSON,
the spreadsheet, the deck and the web pages (docs/reliability.md, "Hostile
input").

What each output does with them (``fokus.report.plain.visible_text``):

* markup, URLs, CSS and template syntax are text: escaped, never run, shown whole;
* a text that a spreadsheet would read as a formula (``= + - @``, a tab or a CR
  first) gets an apostrophe in front in the XLSX, and only there;
* bidi embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069)
  and control characters (C0 but tab, line feed and carriage return, DEL, C1,
  the null byte) are shown as U+FFFD, so they can neither reorder nor hide the
  text around them; the JSON keeps every string exactly as it came;
* zero-width characters, emoji and combining marks are kept: emoji sequences and
  some scripts need them.
"""

from __future__ import annotations

from typing import Final

REPLACEMENT: Final = "\ufffd"

MARKUP: Final[dict[str, str]] = {
    "script_tag": "<script>alert(1)</script>",
    "script_breakout": "</script><script>alert(1)</script>",
    "attribute_breakout": '" onmouseover="alert(1)',
    "img_onerror": "<img src=x onerror=alert(1)>",
    "svg_onload": "<svg onload=alert(1)>",
    "img_remote": '<img src="http://127.0.0.1:9/spy.png">',
    "javascript_url": "javascript:alert(1)",
    "data_url": "data:text/html,<script>alert(1)</script>",
    "style_breakout": "</style><style>body{display:none}</style>",
    "css_expression": "width:expression(alert(1))",
    "css_url": "background:url(javascript:alert(1))",
    "template": "{{7*7}} {% if 1 %}x{% endif %} ${7*7}",
}
"""Texts that would make an element, an attribute, a link or a style if they were
not escaped; shown exactly as they are."""

FORMULAS: Final[dict[str, str]] = {
    "formula_hyperlink": '=HYPERLINK("http://x","y")',
    "formula_plus": "+cmd|' /C calc'!A0",
    "formula_minus": "-1+1",
    "formula_at": "@SUM(A1:A2)",
    "formula_tab": "\t=1+1",
    "formula_cr": "\r=1+1",
    "formula_spaces": "  +1+1",
    "formula_fullwidth": "\uff1d1+1",
}
"""Texts a spreadsheet would evaluate if a cell held them as they are."""

INVISIBLE: Final[dict[str, str]] = {
    "bidi_override": "evil\u202egpj.exe",
    "bidi_isolates": "a\u2066b\u2067c\u2068d\u2069e\u202af\u202bg\u202ch\u202di",
    "control": "bell\x07escape\x1bdelete\x7fc1\x85end",
    "null_byte": "nul\x00byte",
}
"""Characters that reorder or hide text; shown as U+FFFD (``shown``)."""

KEPT: Final[dict[str, str]] = {
    "zero_width": "zero\u200bwidth\u200cjoin\u200dend\u2060",
    "emoji_combining": "👩‍👩‍👧 e\u0301 Z\u0324\u0354\u0367\u0311\u0313 æøå",
    "long_unbroken": "x" * 5000,
}
"""Texts kept exactly: they are harmless as text but test the layout."""

HOSTILE: Final[dict[str, str]] = {**MARKUP, **FORMULAS, **INVISIBLE, **KEPT}
"""The whole set, by name."""

NO_NULL: Final[dict[str, str]] = {
    name: text for name, text in HOSTILE.items() if "\x00" not in text
}
"""The set without the null byte, for the inputs that cannot carry one (a CSV
reader refuses it, as does an HTML form field)."""

_INVISIBLE_CHARACTERS: Final = frozenset(
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\x00\x07\x1b\x7f\x85"
)


def shown(text: str) -> str:
    """``text`` as a reader sees it in the HTML, PDF, deck and web pages."""
    return "".join(REPLACEMENT if c in _INVISIBLE_CHARACTERS else c for c in text)


def one_line(text: str) -> str:
    """``text`` as it shows where line breaks become spaces (the deck) and as a
    text layer gives it back: every run of whitespace one space, none at the ends."""
    return " ".join(shown(text).split())
