"""The organisation's colours and logo as the HTML page uses them.

Colours arrive validated as ``#rrggbb`` (``fokus.config``) but are checked again
here, as a ``Branding`` can also be built through the Python API: only a value of
that exact form ever reaches the page's style sheet. Text on a brand colour is
white or black, whichever contrasts more (WCAG relative luminance): for any colour
one of them reaches at least 4.58:1, above AA's 4.5. (A softer near-black would
leave mid-tones such as ``#777777`` at about 4.1.) A brand
colour too light for links on white is kept for surfaces only.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass

from fokus.model.branding import COLOUR, LOGO_TYPES, Branding

DEFAULT_PRIMARY = "#1f4e79"
DEFAULT_ACCENT = "#2f7d6d"
BLACK = "#000000"
WHITE = "#ffffff"
AA_TEXT = 4.5
"""WCAG 2 AA: the least contrast for body text."""


@dataclass(frozen=True, slots=True)
class BrandView:
    css: str
    """Custom properties for the page, from our own values only."""
    logo_uri: str | None
    """``data:<type>;base64,…`` for an ``<img>``; never inline markup."""


def brand_view(branding: Branding) -> BrandView:
    primary = _colour(branding.primary_colour, DEFAULT_PRIMARY)
    accent = _colour(branding.accent_colour, DEFAULT_ACCENT)
    link = primary if contrast(primary, WHITE) >= AA_TEXT else DEFAULT_PRIMARY
    css = (
        f":root {{ --brand: {primary}; --on-brand: {text_on(primary)}; "
        f"--brand-accent: {accent}; --link: {link}; }}"
    )
    return BrandView(css, _logo_uri(branding))


def _colour(value: str | None, default: str) -> str:
    if value is None or not COLOUR.fullmatch(value):
        return default
    return value.lower()


def _logo_uri(branding: Branding) -> str | None:
    logo = branding.logo
    if logo is None or logo.media_type not in LOGO_TYPES or not logo.data:
        return None
    return f"data:{logo.media_type};base64,{base64.b64encode(logo.data).decode()}"


def luminance(colour: str) -> float:
    """WCAG 2 relative luminance of ``#rrggbb``."""
    channels = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    r, g, b = (
        c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels
    )
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(one: str, other: str) -> float:
    """The WCAG contrast ratio of two colours, 1 to 21."""
    high, low = sorted((luminance(one), luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def text_on(background: str) -> str:
    """White or black text, whichever reads better on ``background``."""
    return (
        WHITE if contrast(WHITE, background) >= contrast(BLACK, background) else BLACK
    )
