"""The report's print stylesheet: the packaged ``print.css`` plus the page footer in
the review's language.

The PDF (``fokus.report.pdf``) and a browser printing the HTML use the same rules.
The footer ("Side 3 av 12") comes from the catalogs, so it is the one rule built
here: the catalog text is split around its ``{page}`` and ``{pages}`` placeholders
and each piece written as a quoted CSS string. Nothing a user typed ever reaches
this stylesheet: the running header takes the organisation from the document
itself (``string-set``), never from text pasted into CSS.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from fokus.i18n import Language, translate

_COUNTER = re.compile(r"\{(page|pages)\}")


@cache
def print_stylesheet(language: Language) -> str:
    """The print rules for a report in ``language``."""
    rules = (resources.files("fokus.report") / "templates" / "print.css").read_text(
        "utf-8"
    )
    footer = page_counter(translate("report.print.page", language))
    return f"{rules}@page {{ @bottom-right {{ content: {footer}; }} }}\n"


def page_counter(text: str) -> str:
    """A CSS ``content`` value for ``text``, its ``{page}`` and ``{pages}`` made
    counters: ``Side {page} av {pages}`` → ``"Side " counter(page) " av "
    counter(pages)``."""
    parts: list[str] = []
    position = 0
    for match in _COUNTER.finditer(text):
        if match.start() > position:
            parts.append(_css_string(text[position : match.start()]))
        parts.append(f"counter({match.group(1)})")
        position = match.end()
    if position < len(text) or not parts:
        parts.append(_css_string(text[position:]))
    return " ".join(parts)


def _css_string(text: str) -> str:
    """``text`` as a double-quoted CSS string; every character that could end the
    string, the rule or the style element is written as a hexadecimal escape."""
    escaped = "".join(
        f"\\{ord(c):x} " if c in '"\\<>&\n\r\f' or ord(c) < 0x20 else c for c in text
    )
    return f'"{escaped}"'
