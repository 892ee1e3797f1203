"""Legacy Facebook Insights "Post data" exports (classic Insights, about 2012–2020).

``Facebook Insights Data Export (Post Level) - <Page> - <YYYY-MM-DD>.xls`` is XML
Spreadsheet 2003 under an ``.xls`` name (users' re-saves are ``.xlsx``). The sheet
``Key Metrics`` holds one row per post under two header rows; the breakdown sheets
(stories by action type, clicks by type, negative feedback by type) hold more
numbers per post. Everything is joined by Post ID into ONE posts table, written as
a CSV and stored by the usual posts plan in one import.

``Posted`` is US Pacific time (export-formats.md §1.5: a page that always posted at
19:30 in Vietnam shows 05:30 until the US clocks went back on 5 November 2017 and
04:30 after), converted here to the workspace's time zone. The Post ID
``<page id>_<post id>`` is split: the page is the account, and the post id is the
part Meta Business Suite exports today write in their Post ID column, so a post
exported by both joins (as long as the page kept its id).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Mapping
from typing import ClassVar
from zoneinfo import ZoneInfo

from fokus.ingest.base import ImportContext, Recognition, Stored, file_identity
from fokus.ingest.export_date import export_date
from fokus.ingest.headers import normalise
from fokus.ingest.insights_columns import FORMATS, is_metric_header
from fokus.ingest.insights_layout import Layout, read_layout
from fokus.ingest.insights_table import PostTable, build_table
from fokus.ingest.sniff import TextSample, all_records
from fokus.ingest.workbook import Sheet, write_csv
from fokus.model.staging import AccountColumns, FileIdentity, PaidRule, PostPlan
from fokus.model.vocab import Platform
from fokus.store.database import Store

PACIFIC = ZoneInfo("America/Los_Angeles")
_KEY_SHEET = "key metrics"
_NAME = re.compile(
    r"Facebook Insights Data Export \(Post Level\) - (?P<page>.+) - "
    r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?: ?\(\d+\))?\.[A-Za-z]+$"
)
Note = tuple[str, Mapping[str, str]]
_FIELD_NAMES = {"post_id": "Post ID", "posted": "Posted", "permalink": "Permalink",
                "type": "Type"}  # fmt: skip


def _key_rows(sample: TextSample) -> tuple[tuple[tuple[str, ...], ...], int]:
    """The post sheet's rows (from the sample) and its place among the sheets."""
    if sample.container == "csv":
        return sample.records, 0
    for index, sheet in enumerate(sample.sheets):
        if normalise(sheet.name) == _KEY_SHEET:
            return sheet.rows, index
    return (sample.sheets[0].rows, 0) if sample.sheets else ((), 0)


def name_parts(file_name: str) -> tuple[str, dt.date | None]:
    """The page name and export date in a file name as Facebook wrote it."""
    found = _NAME.search(file_name)
    if found is None:
        return "", None
    try:
        day = dt.date(int(found["y"]), int(found["m"]), int(found["d"]))
    except ValueError:
        day = None
    return found["page"].strip(), day


class FacebookInsightsPosts:
    """Classic Facebook Insights → Export data → Post data (.xls, .xlsx or .csv)."""

    kind: ClassVar[str] = "facebook_insights_posts"
    platform: ClassVar[Platform] = "facebook"

    def recognise(self, sample: TextSample) -> Recognition:
        """Post ID, Posted and at least one Insights metric (API id or title)."""
        rows, _ = _key_rows(sample)
        layout = read_layout(rows[:60])
        wanted = {
            "feature.post_id": "post_id" in layout.fields,
            "feature.facebook_insights.posted": "posted" in layout.fields,
            "feature.facebook_insights.metrics": any(
                is_metric_header(h) for h in layout.header
            ),
        }
        return Recognition.of(self.kind, wanted)

    def store(self, sample: TextSample, context: ImportContext, store: Store) -> Stored:
        """Join the sheets into one table of posts, then store it as a posts plan."""
        others: tuple[Sheet, ...] = ()
        if sample.container == "csv":
            layout = read_layout(all_records(sample))
        else:
            rows, index = _key_rows(sample)
            layout = read_layout(rows)
            others = tuple(s for i, s in enumerate(sample.sheets) if i != index)
        page_name, name_date = name_parts(sample.path.name)
        table = build_table(
            layout, others, page_name, PACIFIC, ZoneInfo(context.timezone)
        )
        plan = _plan(table, layout, context)
        as_of, source = (
            (name_date, "file_name")
            if context.as_of is None and name_date is not None
            else export_date(sample.path, context.as_of)
        )

        def identity() -> FileIdentity:
            found = file_identity(
                sample, context, self.kind, self.platform, layout.header,
                extra_columns=tuple(name for name, _ in plan.extra_columns),
            )  # fmt: skip
            if source != "file_name":
                return found
            return dataclasses.replace(found, as_of=as_of, as_of_source="file_name")

        counts = store.import_posts(identity, plan)
        return Stored(counts, as_of, _notes(layout, table, context.timezone))


def _plan(table: PostTable, layout: Layout, context: ImportContext) -> PostPlan:
    paid = table.metric_column("reach_paid")
    if paid is None:
        paid = table.metric_column("impressions_paid")
    return PostPlan(
        source=write_csv(
            table.rows(), context.scratch, "posts.csv", first_row=layout.first_row
        ),
        platform="facebook",
        post_id=table.post_id,
        published=table.posted,
        date_formats=("%Y-%m-%d %H:%M:%S",),
        timezone=context.timezone,
        account=AccountColumns(
            id_column=table.page_id,
            name_column=table.page_name,
            username_column=None,
            fallback_id=context.folder_hint or "facebook",
        ),
        text_columns=table.text,
        permalink=table.permalink,
        format_column=table.type,
        format_map=FORMATS,
        default_format="other",
        paid=None if paid is None else PaidRule(paid),
        decimal=".",
        metrics=table.metrics,
        is_share=None,
        is_crosspost=None,
        labels=None,
        extra_columns=table.extras,
    )


def _notes(layout: Layout, table: PostTable, timezone: str) -> tuple[Note, ...]:
    notes: list[Note] = [
        ("import.note.facebook_insights.pacific_time", {"timezone": timezone})
    ]
    if layout.found_by_values:
        notes.append(
            (
                "import.note.facebook_insights.found_by_values",
                {"columns": ", ".join(_FIELD_NAMES[f] for f in layout.found_by_values)},
            )
        )
    if table.unknown:
        names = ", ".join(table.unknown[:8])
        more = len(table.unknown) - 8
        notes.append(
            (
                "import.note.unknown_columns",
                {
                    "count": str(len(table.unknown)),
                    "names": names + (f" (+{more})" if more > 0 else ""),
                },
            )
        )
    if table.duplicates:
        notes.append(
            ("import.note.duplicate_columns", {"names": ", ".join(table.duplicates)})
        )
    if table.unit_by_position:
        notes.append(
            (
                "import.note.facebook_insights.unit_by_position",
                {"names": ", ".join(table.unit_by_position)},
            )
        )
    if table.unknown_types:
        notes.append(
            (
                "import.note.facebook_insights.unknown_types",
                {"values": ", ".join(table.unknown_types)},
            )
        )
    notes.extend(
        (
            "import.note.facebook_insights.unmatched_breakdown",
            {"sheet": sheet, "count": str(count)},
        )
        for sheet, count in table.unmatched
    )
    if table.ignored_sheets:
        notes.append(
            (
                "import.note.facebook_insights.ignored_sheets",
                {"sheets": ", ".join(table.ignored_sheets)},
            )
        )
    return tuple(notes)
