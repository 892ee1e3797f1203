"""TikTok content exports: TikTok Studio's Content.csv and the business-account one.

Neither has a post id or an account column: both come from the video link
(``https://www.tiktok.com/@handle/video/7527623000473079054``). TikTok Studio writes
``Post time`` without a year (``July 16``) and puts the export day in ``Time``; the
business export writes ``2025/10/31 18:19:10``. Post times carry no time zone and are
read in the workspace's. The file is small (Studio lists only the top videos), so it
is cleaned in Python, one output row per input row, and then stored in SQL.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from functools import lru_cache, partial
from typing import ClassVar

from fokus.ingest.base import ImportContext, Stored
from fokus.ingest.headers import unique_names
from fokus.ingest.sniff import TextSample, all_records
from fokus.ingest.tiktok_base import (
    Note,
    TikTokAdapter,
    account_of,
    by_values_note,
    identity,
    split_header,
    unknown_note,
    year_note,
)
from fokus.ingest.tiktok_columns import (
    CONTENT_FIELDS,
    CONTENT_METRICS,
    content_link,
    date_columns,
    lookup,
)
from fokus.ingest.tiktok_dates import (
    LooseDate,
    export_day,
    latest_on_or_before,
    parse_loose,
    walk_anchor,
)
from fokus.ingest.tiktok_series import cell
from fokus.ingest.workbook import write_csv
from fokus.model.staging import AccountColumns, CsvSource, PostPlan
from fokus.model.vocab import Format, PostMetric
from fokus.store.database import Store

_LINK = re.compile(
    r"tiktok\.com/@(?P<handle>[^/?#\s]+)/(?P<kind>[a-z]+)/(?P<id>\d+)", re.IGNORECASE
)
# TikTok's own words (the link's path, or a type column) for the canonical formats.
# A photo post ("photo mode") is a swipeable set of pictures: a carousel.
FORMATS: tuple[tuple[str, Format], ...] = (
    ("video", "video"),
    ("videos", "video"),
    ("photo", "carousel"),
    ("photos", "carousel"),
    ("photo mode", "carousel"),
    ("carousel", "carousel"),
    ("image", "image"),
    ("live", "live"),
    ("story", "story"),
    ("stories", "story"),
)
_KNOWN_WORDS = frozenset({word for word, _ in FORMATS} | {""})
_DATE_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d")


class TikTokContent(TikTokAdapter):
    """One snapshot per video, as of the export day."""

    kind: ClassVar[str] = "tiktok_content"

    def store(self, sample: TextSample, context: ImportContext, store: Store) -> Stored:
        """Clean the post times and links in Python, then store the posts in SQL."""
        records = all_records(sample)
        while records and not any(c.strip() for c in records[-1]):
            records.pop()
        header_index, header, data = split_header(records)
        cols = _Columns(header, data[:60])
        as_of = export_day(sample.path, context.as_of, _export_time(cols, data))
        width = max(len(header), *(len(r) for r in data)) if data else len(header)
        latest = walk_anchor(as_of)
        rows: list[list[str]] = [[*header, *[""] * (width - len(header)), *_DERIVED]]
        inferred: list[dt.date] = []
        unknown_words: set[str] = set()
        for record in data:
            cleaned, day, word = _clean(record, cols, width, latest)
            rows.append(cleaned)
            if day is not None:
                inferred.append(day)
            if word.casefold() not in _KNOWN_WORDS:
                unknown_words.add(word)
        source = write_csv(
            rows, context.scratch, "tiktok_content.csv", first_row=header_index + 2
        )
        # Post times with a time of day (the business export) are UTC: every one
        # in the sample is seconds after the upload time its video id encodes.
        with_time = any(len(row[cols.post_time].strip()) > 10 for row in rows[1:])
        plan = self._plan(context, cols, header, width, source, utc=with_time)
        counts = store.import_posts(
            partial(
                identity, sample, context, self.kind, header, as_of,
                extra_columns=tuple(name for name, _ in plan.extra_columns),
            ),
            plan,
        )  # fmt: skip
        notes: list[Note] = [
            *(year_note(as_of, inferred) if inferred else []),
            *by_values_note(cols.by_values),
            *unknown_note([header[i] for i in cols.unknown]),
        ]
        if unknown_words:
            values = ", ".join(sorted(unknown_words))
            notes.append(("import.note.tiktok.unknown_formats", {"values": values}))
        if cols.export_time is not None:
            notes.append(("import.note.tiktok.top_videos_only", {}))
        return Stored(counts, as_of[0], tuple(notes))

    def _plan(
        self,
        context: ImportContext,
        cols: _Columns,
        header: tuple[str, ...],
        width: int,
        source: CsvSource,
        *,
        utc: bool,
    ) -> PostPlan:
        used = {cols.link, cols.post_time, cols.title, *(i for _, i in cols.metrics)}
        names = unique_names(header)
        extra = [(names[i], i) for i in range(len(header)) if i not in used]
        return PostPlan(
            source=source,
            platform="tiktok",
            post_id=width,
            published=cols.post_time,
            date_formats=_DATE_FORMATS,
            timezone=context.timezone,
            published_timezone="UTC" if utc else None,
            account=AccountColumns(width + 1, None, width + 1, account_of(context)),
            text_columns=(cols.title,) if cols.title is not None else (),
            permalink=cols.link,
            format_column=width + 2,
            format_map=FORMATS,
            default_format="video",
            paid=None,  # TikTok's exports do not say whether a video was promoted
            decimal=".",
            metrics=cols.metrics,
            is_share=None,
            is_crosspost=None,
            labels=None,
            extra_columns=(*extra, (header[cols.post_time], width + 3)),
        )


_DERIVED = ("fokus post id", "fokus account", "fokus format", "fokus post time")


def _clean(
    record: Sequence[str], cols: _Columns, width: int, latest: dt.date
) -> tuple[list[str], dt.date | None, str]:
    """The row padded, its post time as ISO (the year inferred when missing), and
    the post id, account, format word and exported post time added at the end.

    Returns the row, the day whose year was inferred (if so) and the format word.
    """
    link = _LINK.search(cell(record, cols.link))
    raw_time = cell(record, cols.post_time)
    published, inferred = _post_time(raw_time, latest)
    said = cell(record, cols.format).strip() if cols.format is not None else ""
    word = said or (link["kind"].lower() if link else "")
    cleaned = [*record, *[""] * (width - len(record))]
    cleaned[cols.post_time] = published
    added = (link["id"], link["handle"]) if link else ("", "")
    return [*cleaned, *added, word, raw_time], inferred, word


@lru_cache(maxsize=4096)
def _post_time(raw_time: str, latest: dt.date) -> tuple[str, dt.date | None]:
    """The post time as ISO, and the day if its year was inferred.

    Cached: TikTok Studio writes days without a time (``July 16``), so its rows
    share a few hundred values; a business export's times are read once each.
    """
    loose = parse_loose(raw_time)
    if loose is None:
        return raw_time, None  # unreadable: the store skips the row with the raw text
    if loose.year is None:
        inferred = latest_on_or_before(loose.month, loose.day, latest)
        year_given = LooseDate(inferred.year, loose.month, loose.day, loose.time)
        return _iso(year_given), inferred
    return _iso(loose), None


def _iso(loose: LooseDate) -> str:
    day = f"{loose.year:04d}-{loose.month:02d}-{loose.day:02d}"
    return f"{day} {loose.time.isoformat()}" if loose.time is not None else day


def _export_time(cols: _Columns, data: Sequence[Sequence[str]]) -> LooseDate | None:
    """The ``Time`` column when it holds one day in every row: the export day."""
    if cols.export_time is None:
        return None
    values = {cell(r, cols.export_time).strip() for r in data} - {""}
    return parse_loose(values.pop()) if len(values) == 1 else None


class _Columns:
    """Where the link, the times, the title and the metrics are."""

    def __init__(self, header: tuple[str, ...], rows: Sequence[Sequence[str]]) -> None:
        fields = lookup(CONTENT_FIELDS, header)
        found = lookup(CONTENT_METRICS, header)
        self.metrics: tuple[tuple[PostMetric, int], ...] = tuple(
            sorted(((_metric(m), i) for m, i in found.items()), key=lambda m: m[1])
        )
        self.by_values: list[str] = []
        link = content_link(header, rows)
        assert link.index is not None  # recognise() said so
        self.link = link.index
        if link.by_values:
            self.by_values.append(header[self.link])
        self.title = fields.get("title")
        self.format = fields.get("format")
        self.export_time = fields.get("export_time")
        taken = {self.link, *fields.values(), *found.values()}
        post_time = fields.get("post_time")
        if post_time is None:
            post_time = self._times_by_values(header, rows, taken)
        assert post_time is not None  # recognise() said so
        self.post_time: int = post_time
        self.unknown = [
            i
            for i, name in enumerate(header)
            if name.strip()
            and i not in taken
            and i not in {self.post_time, self.export_time}
        ]

    def _times_by_values(
        self, header: tuple[str, ...], rows: Sequence[Sequence[str]], taken: set[int]
    ) -> int | None:
        """Date columns of unknown name: the varying one is the post time, a
        constant one the export day."""
        dates = date_columns(rows, len(header), frozenset(taken))
        if not dates:
            return None
        varying = [i for i in dates if len({cell(r, i) for r in rows}) > 1]
        post_time = (varying or dates)[0]
        self.by_values.append(header[post_time])
        constant = [i for i in dates if i != post_time and i not in varying]
        if self.export_time is None and constant:
            self.export_time = constant[0]
            self.by_values.append(header[constant[0]])
        return post_time


def _metric(name: str) -> PostMetric:
    metrics: dict[str, PostMetric] = {
        "views": "views", "likes": "likes", "comments": "comments",
        "shares": "shares", "saves": "saves",
    }  # fmt: skip
    return metrics[name]
