"""How a report looks for one organisation: its logo and two colours.

Values only; ``fokus.branding`` reads the logo file named in ``fokus.toml`` and the
HTML renderer embeds it. A logo travels as bytes with its media type and is only
ever shown through ``<img src="data:…">``, never as inline markup, so a script in
an SVG file cannot run.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal, get_args

LogoType = Literal["image/png", "image/jpeg", "image/svg+xml"]
LOGO_TYPES: tuple[LogoType, ...] = get_args(LogoType)
MAX_LOGO_BYTES = 1024 * 1024
"""A logo is a small picture; a bigger file is refused rather than bloating every
report."""

COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
"""The one colour form fokus accepts: ``#rrggbb``."""


@dataclass(frozen=True, slots=True)
class Logo:
    data: bytes
    media_type: LogoType


@dataclass(frozen=True, slots=True)
class Branding:
    """The organisation's look; every part is optional, the default style stands in."""

    logo: Logo | None = None
    primary_colour: str | None = None
    """``#rrggbb``: the cover band and headings' accents."""
    accent_colour: str | None = None
    """``#rrggbb``: lines and markers."""


NO_BRANDING = Branding()
