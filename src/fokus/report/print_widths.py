"""Column widths of the PDF's tables, chosen by fokus rather than by WeasyPrint.

CSS's automatic table layout measures every cell twice (its narrowest and its
widest width) before it lays the table out: at a real organisation's size that
was a fifth of the PDF's time. print.css lays tables out with
``table-layout: fixed`` instead, with the widths estimated here the way the
automatic layout chooses them: each column at least as wide as its longest word
and at most as wide as its longest text, and the room between shared out in
proportion to what each column would like. A table whose words need more than
the page's width runs into the right margin, as it did before, by up to 45 pt; a
word that still does not fit breaks inside its cell (print.css).

Texts are measured with the fonts print.css names (DejaVu Sans, a Debian package
the setup installs) through Pillow. Where the font file cannot be found, an
average character width stands in.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache, lru_cache

import pyphen  # type: ignore[import-untyped]  # WeasyPrint's hyphenation
from PIL import ImageFont

from fokus.i18n import Language

WIDE_TABLE = 9
"""A table with this many columns or more is ``wide``: print.css sets it smaller."""
LANDSCAPE_TABLE = 13
"""A table with this many columns or more is printed on a landscape page."""

_TEXT_WIDTH = {"portrait": 493.2, "landscape": 739.8}
"""The text width in points: A4 less print.css's 18 mm margins on either side."""
_CELL_SIZE = {"normal": 8.5, "wide": 7.0, "landscape": 6.0}
"""The cells' type size in points by the table's size (print.css)."""
_PADDING = {"normal": 6.0, "wide": 3.0, "landscape": 2.5}
"""A cell's horizontal padding in points (print.css)."""
_HEADER_SIZE = 8.5
"""Headers are bold at 8.5 pt whatever the table (report.css's 0.85rem)."""
_INTO_MARGIN = 45.0
"""How far a table may run into the right margin (18 mm, 51 pt), in points."""
_LONG_WORD = re.compile(r"\S{40,}")
_EM_AVERAGE = 0.6
"""An average character's width in em, when the font cannot be read."""
_MEASURED_AT = 100
_MEASURED_UP_TO = 500
"""Characters: a longer text is wider than a landscape page anyway."""


def unbroken(text: object) -> bool:
    """A cell with a word of 40 characters or more (a link, a hostile caption):
    print.css lets it break anywhere. Only there, since that rule makes WeasyPrint
    lay a table out three times slower where it measures the cells."""
    return isinstance(text, str) and _LONG_WORD.search(text) is not None


def table_size(columns: int) -> str:
    """``normal``, ``wide`` or ``landscape``, as print.css sets a table."""
    if columns >= LANDSCAPE_TABLE:
        return "landscape"
    return "wide" if columns >= WIDE_TABLE else "normal"


def print_widths(
    headers: Sequence[str], rows: Sequence[Sequence[str]], language: Language
) -> tuple[float, tuple[float, ...]]:
    """The table's width in per cent of the text width, and each column's share of
    the table's width in per cent."""
    count = len(headers)
    if count == 0:
        return 100.0, ()
    size = table_size(count)
    cell = _CELL_SIZE[size]
    padding = _PADDING[size]
    # A landscape table's headers are hyphenated (print.css): their narrowest is
    # the widest part of a word.
    parts = _hyphenated if size == "landscape" else _words
    least = [
        max((_width(p, _HEADER_SIZE, bold=True) for p in parts(h, language)), default=0)
        for h in headers
    ]
    most = [_width(h, _HEADER_SIZE, bold=True) for h in headers]
    for row in rows:
        for i, text in enumerate(row[:count]):
            most[i] = max(most[i], _width(text, cell))
            # A cell with a very long word may break it anywhere (print.css), so
            # its words ask for no width of their own.
            if not unbroken(text):
                least[i] = max(least[i], *(_width(w, cell) for w in text.split()), 0)
    # A point to spare: rounding must not leave a column a hair too narrow.
    least = [w + padding + 1.0 for w in least]
    most = [w + padding + 1.0 for w in most]
    room = _TEXT_WIDTH["landscape" if size == "landscape" else "portrait"]
    chosen: list[float]
    if sum(most) <= room:
        chosen = most
    elif sum(least) >= room:
        chosen = least
    else:
        share = (room - sum(least)) / (sum(most) - sum(least))
        chosen = [
            low + share * (high - low) for low, high in zip(least, most, strict=True)
        ]
    total = sum(chosen)
    width = min(max(100.0, 100 * total / room), 100 * (room + _INTO_MARGIN) / room)
    return round(width, 1), tuple(round(100 * c / total, 2) for c in chosen)


def _words(text: str, language: Language) -> list[str]:
    return text.split()


def _hyphenated(text: str, language: Language) -> list[str]:
    """The parts a hyphenating line breaker may leave a header's words in, each
    with its hyphen."""
    found: list[str] = []
    for word in text.split():
        pieces = _hyphenator(language).inserted(word).split("-")
        found += [piece + "-" for piece in pieces[:-1]] + pieces[-1:]
    return found


@cache
def _hyphenator(language: Language) -> pyphen.Pyphen:
    return pyphen.Pyphen(lang="nb_NO" if language == "nb" else "en_GB")


@lru_cache(maxsize=65536)
def _width(text: str, size: float, *, bold: bool = False) -> float:
    """``text``'s width in points at ``size``. A text longer than any page is
    estimated, not measured."""
    font = _font(bold)
    if font is None or len(text) > _MEASURED_UP_TO:
        return len(text) * _EM_AVERAGE * size * (1.1 if bold else 1.0)
    return font.getlength(text) * size / _MEASURED_AT


@cache
def _font(bold: bool) -> ImageFont.FreeTypeFont | None:
    # The basic layout: widths of the glyphs as they are, without the shaping
    # library, which refuses some control characters a hostile caption carries.
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    try:
        return ImageFont.truetype(
            name, _MEASURED_AT, layout_engine=ImageFont.Layout.BASIC
        )
    except OSError:
        return None
