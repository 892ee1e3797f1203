"""LinkedIn Page → Analytics → Content → Export: the daily sheet and the posts sheet.

The daily sheet (``Metrics``; ``Update metrics (aggregated)`` until 2020) holds one
row per day with organic, sponsored and total figures; the posts sheet (``All
posts``; ``Update engagement``) one row per post, and is absent when no post was
made in the period. Both sheets are stored in one import. Sheets are found by their
headers, not their names, since the names may be translated.
"""

from __future__ import annotations

import re
from functools import partial
from typing import ClassVar

from fokus.errors import FokusError
from fokus.ingest.base import ImportContext, Recognition, Stored, file_identity
from fokus.ingest.export_date import export_date
from fokus.ingest.linkedin_posts import is_posts_sheet, plan_posts
from fokus.ingest.linkedin_sheets import (
    DATE_WORDS,
    DailySheet,
    Note,
    column_names,
    header_of,
    page_notes,
    page_of,
    read_daily,
    refuse_header_only,
)
from fokus.ingest.sniff import TextSample
from fokus.ingest.workbook import Sheet
from fokus.model.staging import SeriesParts
from fokus.model.vocab import Platform
from fokus.store.database import Store

# "Impressions (organic)" -> impressions_organic. Bokmål UNVERIFIED (§8).
_BASES: dict[str, tuple[str, bool]] = {
    "impressions": ("impressions", False),
    "visninger": ("impressions", False),
    "unique impressions": ("unique_impressions", False),
    "unike visninger": ("unique_impressions", False),
    "clicks": ("clicks", False),
    "klikk": ("clicks", False),
    "reactions": ("reactions", False),
    "reaksjoner": ("reactions", False),
    "comments": ("comments", False),
    "kommentarer": ("comments", False),
    "reposts": ("shares", False),  # 2025+
    "shares": ("shares", False),  # until 2024
    "gjenpubliseringer": ("shares", False),
    "delinger": ("shares", False),
    "engagement rate": ("engagement_rate", True),
    "engasjementsrate": ("engagement_rate", True),
    "engasjementsgrad": ("engagement_rate", True),
}
_VARIANTS = {
    "organic": "organic",
    "organisk": "organic",
    "sponsored": "sponsored",
    "sponset": "sponsored",
    "total": "total",
    "totalt": "total",
}
_SPLIT = re.compile(r"^(?P<base>.+?) \((?P<variant>[^()]+)\)$")


def content_metric(header: str) -> tuple[str, bool] | None:
    """``impressions (organic)`` → (``impressions_organic``, not a fraction)."""
    found = _SPLIT.match(header)
    if found is None or found["base"] not in _BASES:
        return None
    base, fraction = _BASES[found["base"]]
    variant = _VARIANTS.get(found["variant"])
    return None if variant is None else (f"{base}_{variant}", fraction)


def _is_daily(sheet: Sheet) -> int | None:
    found = header_of(sheet)
    if found is None:
        return None
    index, header = found
    if header[0] in DATE_WORDS and any(content_metric(h) for h in header[1:]):
        return index
    return None


def _posts_sheet(sheet: Sheet) -> int | None:
    found = header_of(sheet)
    if found is None:
        return None
    return found[0] if is_posts_sheet(sheet, found[0]) else None


class LinkedInContent:
    """The content (formerly "updates") workbook of a LinkedIn Page."""

    kind: ClassVar[str] = "linkedin_content"
    platform: ClassVar[Platform] = "linkedin"

    def recognise(self, sample: TextSample) -> Recognition:
        """A daily sheet with LinkedIn's content metrics, or a sheet of post links."""
        found = {
            "feature.linkedin.content_daily": any(
                _is_daily(s) is not None for s in sample.sheets
            ),
            "feature.linkedin.posts_sheet": any(
                _posts_sheet(s) is not None for s in sample.sheets
            ),
        }
        matched = tuple(k for k, ok in found.items() if ok)
        return Recognition(self.kind, matched, () if matched else tuple(found))

    def store(self, sample: TextSample, context: ImportContext, store: Store) -> Stored:
        """The daily rows in Python; the posts sheet through a PostPlan, in SQL."""
        page = page_of(context.display_name)
        daily: DailySheet | None = None
        read: list[tuple[Sheet, int]] = []
        posts: tuple[Sheet, int] | None = None
        unread: list[str] = []
        for sheet in sample.sheets:
            if daily is None and (index := _is_daily(sheet)) is not None:
                daily = read_daily(sheet, index, page.account_id, content_metric)
                read.append((sheet, index))
            elif posts is None and (index := _posts_sheet(sheet)) is not None:
                posts = (sheet, index)
                read.append((sheet, index))
            elif any(any(cell.strip() for cell in row) for row in sheet.rows):
                unread.append(sheet.name)
        post_rows = len(posts[0].rows) - posts[1] - 1 if posts else 0
        day_rows = daily.read if daily else 0
        refuse_header_only(post_rows + day_rows)
        parts = SeriesParts(
            daily=daily.rows if daily else (),
            skips=daily.skips if daily else (),
            rows_read=day_rows,
        )
        last_day = daily.last_day if daily else None
        notes: list[Note] = page_notes(page, daily.raw_names if daily else (), unread)
        identity = partial(
            file_identity, sample, context, self.kind, self.platform,
            column_names(read), content_date=last_day,
        )  # fmt: skip
        planned = (
            plan_posts(posts[0], posts[1], page.account_id, context.scratch)
            if posts and post_rows
            else None
        )
        if posts and post_rows and planned is None:
            raise FokusError(
                "import.refused.linkedin.posts_unreadable",
                "import.refused.linkedin.posts_unreadable.hint",
                sheet=posts[0].name,
            )
        if planned is None:
            counts = store.import_series(identity(), parts)
        else:
            notes.extend(planned.notes)
            counts = store.import_posts(
                partial(identity, extra_columns=planned.extra_names),
                planned.plan,
                parts,
            )
        as_of, _ = export_date(sample.path, context.as_of, last_day)
        return Stored(counts, as_of, tuple(notes))
