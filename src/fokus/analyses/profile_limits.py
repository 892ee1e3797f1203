"""How long each platform lets each profile text be, with where that comes from.

The platforms' help centres do not list every limit, so most figures come from
third-party guides that agree with each other; where two disagree, the table says
which fokus uses and why (docs/sections/text.md, "Limits"). A text is measured in
Unicode characters (code points after NFC), which is how the platforms count
letters, spaces and punctuation; Instagram counts some emoji as two, so a text a
few characters under its limit may still be cut.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

from fokus.model.vocab import Platform
from fokus.registers.profiles import ProfileField


@dataclass(frozen=True, slots=True)
class Limit:
    """The most characters a field may hold, and the source that says so."""

    chars: int
    source: str


_REPLUG = "https://blog.replug.io/instagram-character-limits"
_TIKTOK = "https://tlinky.com/tiktok-bio-character-limit/"
_X = (
    "https://dev.to/snappy_tools/character-limits-that-actually-matter-twitter-"
    "linkedin-meta-descriptions-and-more-2o7g"
)
_LINKEDIN = "https://clearviewsocial.com/blog/guide-linkedin-character-counts-limits"
_FACEBOOK = "https://lettercounter.org/blog/facebook-character-limit-guide"
_FACEBOOK_BIO = "https://blog.aitoearn.ai/facebook-bio-character-limit"
_YOUTUBE = "https://typecount.com/blog/youtube-description-character-limit"

LIMITS: Mapping[tuple[Platform, ProfileField], Limit] = {
    ("instagram", "bio"): Limit(150, _REPLUG),
    ("tiktok", "bio"): Limit(80, _TIKTOK),
    ("x", "bio"): Limit(160, _X),
    ("x", "name"): Limit(50, _X),
    ("linkedin", "tagline"): Limit(120, _LINKEDIN),
    ("linkedin", "about"): Limit(2000, _LINKEDIN),
    ("linkedin", "description"): Limit(2000, _LINKEDIN),
    ("linkedin", "name"): Limit(100, _LINKEDIN),
    ("facebook", "bio"): Limit(101, _FACEBOOK_BIO),
    ("facebook", "about"): Limit(255, _FACEBOOK),
    ("facebook", "description"): Limit(255, _FACEBOOK),
    ("facebook", "name"): Limit(75, _FACEBOOK),
    ("youtube", "description"): Limit(1000, _YOUTUBE),
    ("youtube", "about"): Limit(1000, _YOUTUBE),
}
"""Per platform and field. LinkedIn's page "about" is its description field;
YouTube's "about" is the channel description. Facebook's page description is
given as 155 characters by one guide and 255 by others: fokus uses 255, so it
never calls a text too long that Facebook accepts."""


def length(text: str) -> int:
    """Characters as the platforms count them: code points after NFC."""
    return len(unicodedata.normalize("NFC", text))


def limit_for(platform: Platform, field: ProfileField) -> Limit | None:
    """The field's limit on the platform, or None where fokus knows none."""
    return LIMITS.get((platform, field))
