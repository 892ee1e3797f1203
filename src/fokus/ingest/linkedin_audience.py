"""LinkedIn Page followers and visitors exports: a daily sheet and breakdown sheets.

Followers: ``New followers`` (``Date, Sponsored followers, Organic followers,
Auto-invited followers, Total followers``: followers gained each day, not the
running total), then ``Location``, ``Job function``, ``Seniority``, ``Industry`` and
``Company size``, each ``<breakdown>, Total followers``. Visitors: ``Visitor
metrics`` (``Date`` + ``{Overview|Life|Jobs|Total} {page views|unique visitors}
({desktop|mobile|total})``) and the same breakdowns with ``Total views``; LinkedIn
leaves out breakdown sheets that would be empty.

Bokmål names are LinkedIn's likely wording, UNVERIFIED (export-formats.md §8).
"""

from __future__ import annotations

import re
from typing import ClassVar

from fokus.ingest.base import ImportContext, Recognition, Stored, file_identity
from fokus.ingest.linkedin_sheets import (
    DATE_WORDS,
    MetricOf,
    breakdown_header,
    column_names,
    header_of,
    page_notes,
    page_of,
    read_breakdowns,
    read_daily,
    refuse_header_only,
    slug,
)
from fokus.ingest.sniff import TextSample
from fokus.ingest.workbook import Sheet
from fokus.model.staging import SeriesParts
from fokus.model.vocab import Platform
from fokus.store.database import Store

_FOLLOWERS = {
    "sponsored followers": "new_followers_sponsored",
    "sponsede følgere": "new_followers_sponsored",
    "organic followers": "new_followers_organic",
    "organiske følgere": "new_followers_organic",
    "auto-invited followers": "new_followers_auto_invited",
    "automatisk inviterte følgere": "new_followers_auto_invited",
    "total followers": "new_followers_total",
    "følgere totalt": "new_followers_total",
    "totalt antall følgere": "new_followers_total",
}

_VISITORS = re.compile(
    r"^(?P<section>.+?) (?P<measure>page views|unique visitors|sidevisninger"
    r"|unike besøkende) \((?P<device>[^()]+)\)$"
)
_SECTIONS = {
    "overview": "overview",
    "oversikt": "overview",
    "life": "life",
    "livet": "life",
    "jobs": "jobs",
    "jobber": "jobs",
    "stillinger": "jobs",
    "total": "total",
    "totalt": "total",
}
_MEASURES = {
    "page views": "page_views",
    "sidevisninger": "page_views",
    "unique visitors": "unique_visitors",
    "unike besøkende": "unique_visitors",
}
_DEVICES = {
    "desktop": "desktop",
    "datamaskin": "desktop",
    "mobile": "mobile",
    "mobil": "mobile",
    "total": "total",
    "totalt": "total",
}


def follower_metric(header: str) -> tuple[str, bool] | None:
    """``organic followers`` → ``new_followers_organic``."""
    metric = _FOLLOWERS.get(header)
    return None if metric is None else (metric, False)


def visitor_metric(header: str) -> tuple[str, bool] | None:
    """``overview page views (desktop)`` → ``page_views_overview_desktop``.

    A page section fokus has not seen (``Careers``, ``Products``) keeps its name.
    """
    found = _VISITORS.match(header)
    if found is None or found["device"] not in _DEVICES:
        return None
    section = _SECTIONS.get(found["section"], slug(found["section"]))
    device = _DEVICES[found["device"]]
    return f"{_MEASURES[found['measure']]}_{section}_{device}", False


def daily_index(sheet: Sheet, metric_of: MetricOf) -> int | None:
    """The header row of a daily sheet whose columns ``metric_of`` knows."""
    found = header_of(sheet)
    if found is None:
        return None
    index, header = found
    if header[0] in DATE_WORDS and any(metric_of(h) for h in header[1:]):
        return index
    return None


class _PageWorkbook:
    kind: ClassVar[str]
    platform: ClassVar[Platform] = "linkedin"
    _feature: ClassVar[str]
    _counted: ClassVar[str]
    """What this workbook's breakdown sheets count (``followers``, ``page_views``)."""

    @staticmethod
    def _metric(header: str) -> tuple[str, bool] | None:
        raise NotImplementedError

    def recognise(self, sample: TextSample) -> Recognition:
        """A daily sheet whose columns are this export's."""
        ok = any(daily_index(s, self._metric) is not None for s in sample.sheets)
        return Recognition(
            self.kind, (self._feature,) if ok else (), () if ok else (self._feature,)
        )

    def store(self, sample: TextSample, context: ImportContext, store: Store) -> Stored:
        """Parse the daily sheet and the breakdowns (a few hundred rows) in Python."""
        page = page_of(context.display_name)
        daily = None
        read: list[tuple[Sheet, int]] = []
        breakdown_sheets: list[Sheet] = []
        unread: list[str] = []
        for sheet in sample.sheets:
            if (
                daily is None
                and (index := daily_index(sheet, self._metric)) is not None
            ):
                daily = read_daily(sheet, index, page.account_id, self._metric)
                read.append((sheet, index))
            elif (found := breakdown_header(sheet)) is not None and (
                found[2] == self._counted
            ):
                breakdown_sheets.append(sheet)
                read.append((sheet, found[0]))
            elif any(any(cell.strip() for cell in row) for row in sheet.rows):
                unread.append(sheet.name)
        assert daily is not None  # recognise() found it
        breakdowns = read_breakdowns(breakdown_sheets, page.account_id)
        refuse_header_only(daily.read + breakdowns.read)
        identity = file_identity(
            sample, context, self.kind, self.platform, column_names(read),
            content_date=daily.last_day,
        )  # fmt: skip
        parts = SeriesParts(
            daily=daily.rows,
            audience=breakdowns.rows,
            skips=daily.skips + breakdowns.skips,
            rows_read=daily.read + breakdowns.read,
        )
        counts = store.import_series(identity, parts)
        notes = page_notes(page, daily.raw_names, unread)
        return Stored(counts, identity.as_of, tuple(notes))


class LinkedInFollowers(_PageWorkbook):
    """New followers per day, and who the followers are."""

    kind: ClassVar[str] = "linkedin_followers"
    _feature: ClassVar[str] = "feature.linkedin.new_followers"
    _counted: ClassVar[str] = "followers"

    @staticmethod
    def _metric(header: str) -> tuple[str, bool] | None:
        return follower_metric(header)


class LinkedInVisitors(_PageWorkbook):
    """Page views and unique visitors per day, and who the visitors are."""

    kind: ClassVar[str] = "linkedin_visitors"
    _feature: ClassVar[str] = "feature.linkedin.visitor_metrics"
    _counted: ClassVar[str] = "page_views"

    @staticmethod
    def _metric(header: str) -> tuple[str, bool] | None:
        return visitor_metric(header)
