"""Join a legacy Insights workbook into one table of posts, one row per post row.

The Key Metrics sheet gives the rows, in order (so skipped rows keep their row
numbers); every breakdown sheet adds its columns to the post with the same Post
ID. Facebook leaves a breakdown cell blank when its value is zero (the Graph API
returns only non-zero breakdowns, and in the real samples the click types of a
post add up to its total clicks only so), so a blank cell of a post the sheet
lists is 0; a post the sheet does not list has no value there.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from fokus.ingest.headers import normalise
from fokus.ingest.insights_columns import (
    FORMATS,
    VIDEO_VIEWS_PARTS,
    breakdown_kind,
)
from fokus.ingest.insights_layout import POST_ID, Layout, cell, read_layout
from fokus.ingest.numbers import parse_number
from fokus.ingest.workbook import Sheet, cell_text
from fokus.model.vocab import PostMetric

_POSTED_FORMATS = (
    "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d",
    "%m/%d/%Y %I:%M %p", "%m/%d/%y %I:%M %p", "%m/%d/%Y %H:%M", "%m/%d/%Y",
)  # fmt: skip
"""``Posted`` as a DateTime cell gives the first; a re-save as text may give others
(Facebook's cell style is US ``m/d/yy h:mm AM/PM``)."""
_KNOWN_TYPES = frozenset(word for word, _ in FORMATS)
_KEPT_FIELDS = (("countries", "Countries"), ("languages", "Languages"),
                ("audience_targeting", "Audience Targeting"))  # fmt: skip


@dataclass
class PostTable:
    """The columns of the joined table and what each one is."""

    names: list[str] = field(default_factory=list)
    columns: list[list[str]] = field(default_factory=list)
    metrics: tuple[tuple[PostMetric, int], ...] = ()
    extras: tuple[tuple[str, int], ...] = ()
    post_id: int = 0
    posted: int = 0
    page_id: int = 0
    page_name: int | None = None
    permalink: int | None = None
    type: int | None = None
    text: tuple[int, ...] = ()
    unknown: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    unit_by_position: list[str] = field(default_factory=list)
    unknown_types: list[str] = field(default_factory=list)
    unmatched: list[tuple[str, int]] = field(default_factory=list)
    ignored_sheets: list[str] = field(default_factory=list)

    def add(self, name: str, values: list[str], *, note: bool = True) -> int:
        """A column; a name already used gets a number (and the import says so)."""
        taken = {normalise(n) for n in self.names}
        if normalise(name) in taken:
            number = 2
            while normalise(f"{name} ({number})") in taken:
                number += 1
            name = f"{name} ({number})"
            if note:
                self.duplicates.append(name)
        self.names.append(name)
        self.columns.append(values)
        return len(self.names) - 1

    def add_metric(self, metric: PostMetric, name: str, values: list[str]) -> None:
        """A metric column; a metric already placed makes this one an extra."""
        if any(m == metric for m, _ in self.metrics):
            self.duplicates.append(name)  # kept, but as text under its own name
            index = self.add(name, values, note=False)
            self.extras = (*self.extras, (self.names[index], index))
        else:
            self.metrics = (*self.metrics, (metric, self.add(name, values)))

    def add_extra(self, name: str, values: list[str]) -> None:
        self.extras = (*self.extras, (name, self.add(name, values)))

    def metric_column(self, metric: PostMetric) -> int | None:
        return next((i for m, i in self.metrics if m == metric), None)

    def rows(self) -> list[list[str]]:
        """The header row, then one row per post row of the Key Metrics sheet."""
        return [self.names, *(list(r) for r in zip(*self.columns, strict=True))]


def build_table(
    layout: Layout,
    others: Sequence[Sheet],
    page_name: str,
    source_zone: ZoneInfo,
    target_zone: ZoneInfo,
) -> PostTable:
    """Every column of the export, placed: fields, metrics, breakdowns, extras."""
    table = PostTable()
    data = layout.data
    fields = layout.fields
    ids = [cell(row, fields["post_id"]).strip() for row in data]
    split = [POST_ID.match(i) for i in ids]
    table.post_id = table.add(
        "Post ID", [m[2] if m else i for m, i in zip(split, ids, strict=True)]
    )
    table.page_id = table.add("Page ID", [m[1] if m else "" for m in split])
    if page_name:
        table.page_name = table.add("Page name", [page_name] * len(data))
    raw_times = [cell(row, fields["posted"]).strip() for row in data]
    table.posted = table.add(
        "Posted", [_local_time(t, source_zone, target_zone) for t in raw_times]
    )
    table.add_extra("Post ID (as exported)", ids)
    table.add_extra("Posted (Pacific time)", raw_times)
    _add_fields(table, layout)
    _add_metrics(table, layout)
    keys = {post_id: row for row, post_id in enumerate(ids) if post_id}
    for sheet in others:
        _add_breakdown(table, sheet, keys, len(data))
    return table


def _local_time(text: str, source: ZoneInfo, target: ZoneInfo) -> str:
    """Pacific wall time → the workspace's wall time; unreadable text stays as is
    (the store then skips the row and names the value)."""
    for pattern in _POSTED_FORMATS:
        try:
            naive = dt.datetime.strptime(text, pattern)
        except ValueError:
            continue
        local = naive.replace(tzinfo=source).astimezone(target)
        return local.strftime("%Y-%m-%d %H:%M:%S")
    return text


def _add_fields(table: PostTable, layout: Layout) -> None:
    fields, data = layout.fields, layout.data

    def column(index: int) -> list[str]:
        return [cell(row, index) for row in data]

    if "message" in fields:
        table.text = (table.add("Post Message", column(fields["message"])),)
    if "permalink" in fields:
        table.permalink = table.add("Permalink", column(fields["permalink"]))
    if "type" in fields:
        types = column(fields["type"])
        table.type = table.add("Type", types)
        table.unknown_types = sorted(
            {t.strip() for t in types if t.strip()}
            - {t.strip() for t in types if t.strip().casefold() in _KNOWN_TYPES}
        )
    for key, name in _KEPT_FIELDS:
        if key in fields:
            table.add_extra(name, column(fields[key]))
    for index in layout.unknown:
        table.unknown.append(layout.names[index])
        table.add_extra(layout.names[index], column(index))


def _add_metrics(table: PostTable, layout: Layout) -> None:
    parts: dict[str, list[str]] = {}
    for index, meaning in sorted(layout.metrics.items()):
        variant = meaning.variant
        values = [cell(row, index) for row in layout.data]
        if variant.milliseconds:
            values = [_seconds(v) for v in values]
        if meaning.unit_by_position:
            table.unit_by_position.append(layout.names[index])
        if variant.api_id in VIDEO_VIEWS_PARTS:
            parts[variant.api_id] = values
        if variant.metric is None:
            table.add_extra(variant.label, values)
        else:
            table.add_metric(variant.metric, variant.label, values)
    if table.metric_column("video_views_3s") is None and len(parts) == 2:
        organic, paid = (parts[p] for p in VIDEO_VIEWS_PARTS)
        table.add_metric(
            "video_views_3s",
            "Video views (organic + paid)",
            [_sum(a, b) for a, b in zip(organic, paid, strict=True)],
        )


def _seconds(text: str) -> str:
    value = parse_number(text)
    return text if value is None else cell_text(value / 1000)


def _sum(a: str, b: str) -> str:
    x, y = parse_number(a), parse_number(b)
    return "" if x is None or y is None else cell_text(x + y)


def _add_breakdown(
    table: PostTable, sheet: Sheet, keys: dict[str, int], n_posts: int
) -> None:
    """A breakdown sheet's value columns, joined to the posts by Post ID."""
    layout = read_layout(sheet.rows, with_metrics=False)
    if not sheet.rows:
        return
    if "post_id" not in layout.fields:
        table.ignored_sheets.append(sheet.name)
        return
    kind = breakdown_kind(sheet.name)
    at: dict[int, tuple[str, ...]] = {}
    unmatched = 0
    for row in layout.data:
        post = keys.get(cell(row, layout.fields["post_id"]).strip())
        if post is None:
            unmatched += any(c.strip() for c in row)
        else:
            at.setdefault(post, row)
    if unmatched:
        table.unmatched.append((sheet.name, unmatched))
    mapped = dict(kind.metrics)
    present = set()
    for index in layout.unknown:
        name = cell(layout.header, index).strip() or layout.names[index]
        present.add(normalise(name))
        values = [_breakdown_cell(at, post, index) for post in range(n_posts)]
        label = f"{kind.label}: {name}"
        metric = mapped.get(normalise(name))
        if metric is None:
            table.add_extra(label, values)
        else:
            table.add_metric(metric, label, values)
    # A mapped type the sheet has no column for had no clicks or stories at all.
    for name, metric in kind.metrics:
        if name not in present and at:
            zeros = ["0" if post in at else "" for post in range(n_posts)]
            table.add_metric(metric, f"{kind.label}: {name}", zeros)


def _breakdown_cell(at: dict[int, tuple[str, ...]], post: int, index: int) -> str:
    row = at.get(post)
    if row is None:
        return ""
    value = cell(row, index)
    return value if value.strip() else "0"
