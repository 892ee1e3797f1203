"""``Table data.csv`` by Content: one row per video, stored as posts.

The table is small (YouTube Studio exports at most a few thousand rows, and shows
the top 500), so it is cleaned in Python into a UTF-8 copy the store reads: ids
stripped of the space YouTube writes before some ids that start with ``-``, publish
dates as ISO days, durations and watch time in seconds. One output row per input
row keeps the row numbers the user sees.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial

from fokus.errors import FokusError
from fokus.ingest.base import ImportContext, Stored, file_identity
from fokus.ingest.export_date import export_date
from fokus.ingest.headers import normalise
from fokus.ingest.sniff import TextSample
from fokus.ingest.workbook import write_csv
from fokus.ingest.youtube_columns import account_of, parse_day, parse_value
from fokus.ingest.youtube_layout import Layout, Row, TableRows
from fokus.model.staging import AccountColumns, PostPlan
from fokus.model.vocab import Format
from fokus.store.database import Store

NO_PUBLISH_TIME = "import.skip.youtube.no_publish_time"
WATCH_URL = "https://www.youtube.com/watch?v="
# Content type as YouTube Studio names it (en; nb unverified). Shorts are short
# vertical videos: fokus's ``reel``. Posts and anything else stay ``other``, kept raw.
FORMATS: tuple[tuple[str, Format], ...] = (
    ("videos", "video"),
    ("video", "video"),
    ("videoer", "video"),
    ("shorts", "reel"),
    ("short", "reel"),
    ("live", "live"),
    ("live stream", "live"),
    ("live streams", "live"),
    ("livestrømmer", "live"),
    ("direktesendinger", "live"),
)


def _cleaned(row: Row, layout: Layout, width: int, decimal: str) -> list[str]:
    """The row as the store reads it, plus its watch link and skip reason."""
    cells = [*row, *([""] * (width - len(row)))][:width]
    video = cells[layout.dimension_col].strip()
    cells[layout.dimension_col] = video
    published = layout.attributes.get("published")
    reason = ""
    if published is not None:
        raw = cells[published].strip()
        day = parse_day(raw)
        cells[published] = day.isoformat() if day else raw
        if not raw and video:
            reason = NO_PUBLISH_TIME
    for index, metric in layout.metrics:
        if metric.post is not None:
            value = parse_value(cells[index], metric.parse, decimal)
            cells[index] = "" if value is None else repr(value)
    return [*cells, WATCH_URL + video if video else "", reason]


def _unknown_formats(rows: TableRows, layout: Layout) -> list[str]:
    column = layout.attributes.get("content_type")
    if column is None:
        return []
    known = {word for word, _ in FORMATS}
    return sorted(
        {
            r[column].strip()
            for r in rows.data
            if len(r) > column and r[column].strip()
            if normalise(r[column]) not in known
        }
    )


def store_content(
    sample: TextSample,
    context: ImportContext,
    store: Store,
    *,
    layout: Layout,
    rows: TableRows,
    notes: list[tuple[str, Mapping[str, str]]],
) -> Stored:
    """Clean the table in Python, then let the store read it as a posts file."""
    if "published" not in layout.attributes:
        raise FokusError(
            "import.refused.youtube.no_publish_time",
            "import.refused.youtube.no_publish_time.hint",
        )
    width = max(len(layout.names), *(len(r) for r in rows.data), 0)
    names = [*layout.names, *([""] * (width - len(layout.names)))]
    header = [*names, "permalink", "skip"]
    decimal = "," if sample.delimiter == ";" else "."
    cleaned = [_cleaned(r, layout, width, decimal) for r in rows.data]
    source = write_csv([header, *cleaned], context.scratch, "youtube-content.csv",
                       first_row=rows.first_row)  # fmt: skip
    attributes = layout.attributes
    extra = sorted(
        [
            *layout.unknown,
            *((layout.names[i], i) for i, m in layout.metrics if m.post is None),
        ],
        key=lambda item: item[1],
    )
    title = attributes.get("title")
    plan = PostPlan(
        source=source,
        platform="youtube",
        post_id=layout.dimension_col,
        published=attributes["published"],
        date_formats=("%Y-%m-%d",),
        timezone=context.timezone,
        account=AccountColumns(None, None, None, account_of(context)),
        text_columns=(title,) if title is not None else (),
        permalink=width,
        format_column=attributes.get("content_type"),
        format_map=FORMATS,
        default_format="video",
        paid=None,  # YouTube Studio does not say whether views were paid for
        decimal=".",  # _cleaned wrote every metric with a dot
        metrics=tuple((m.post, i) for i, m in layout.metrics if m.post is not None),
        is_share=None,
        is_crosspost=None,
        labels=None,
        extra_columns=tuple(extra),
        skip_column=width + 1,
    )
    counts = store.import_posts(
        partial(
            file_identity, sample, context, "youtube_table", "youtube",
            tuple(layout.names), extra_columns=tuple(name for name, _ in extra),
        ),
        plan,
    )  # fmt: skip
    as_of, _ = export_date(sample.path, context.as_of)
    if layout.unknown:
        notes.append(
            (
                "import.note.unknown_columns",
                {
                    "count": str(len(layout.unknown)),
                    "names": ", ".join(n for n, _ in layout.unknown),
                },
            )
        )
    if unknown := _unknown_formats(rows, layout):
        notes.append(
            ("import.note.youtube.unknown_formats", {"values": ", ".join(unknown)})
        )
    return Stored(counts, as_of, tuple(notes))
