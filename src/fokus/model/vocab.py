"""Closed sets of the domain: platforms, formats, paid status, statuses."""

from __future__ import annotations

from typing import Literal, get_args

Platform = Literal[
    "facebook", "instagram", "linkedin", "tiktok", "youtube", "x", "meta", "other"
]
"""Where a post or series comes from. ``meta`` means "Facebook or Instagram": some Meta
daily files (``Content interactions``) do not say which."""
PLATFORMS: tuple[Platform, ...] = get_args(Platform)

Format = Literal[
    "image",
    "carousel",
    "video",
    "reel",
    "story",
    "link",
    "text",
    "document",
    "live",
    "other",
]
"""The canonical post format; the platform's own word is kept beside it."""
FORMATS: tuple[Format, ...] = get_args(Format)

PaidStatus = Literal["organic", "paid", "unknown"]
"""``paid`` covers boosted and sponsored posts; ``unknown`` when the export cannot tell."""
PAID_STATUSES: tuple[PaidStatus, ...] = get_args(PaidStatus)

ExportKind = Literal[
    "meta_facebook_posts",
    "meta_instagram_posts",
    "meta_daily_series",
    "meta_audience",
]
"""Every export kind fokus recognises (one adapter each)."""

SectionStatus = Literal["ok", "insufficient_data", "failed"]
Severity = Literal["info", "notice", "warning", "critical"]
