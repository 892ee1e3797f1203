"""When to post: weekday × time of day per channel, only where cells hold enough.

Each post is measured against its own account's usual reach
(``result_vs_baseline``: its result ÷ the median of the account's previous posts),
so a slot is not "best" because a big account happened to post then, and a busy
slot is not best because it holds many posts. The local weekday and hour come
from the workspace's time zone. Hours are grouped in blocks of ``BLOCK_HOURS`` so
that cells can reach ``MIN_POSTS``; thinner cells are shown as "too few posts"
and never ranked. Posts whose export gives only the day (or less) cannot say
when in the day they went out: they are left out and counted in a note.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import ibis

from fokus.analyses.base import grouped_values, scalar
from fokus.analyses.channels_data import Channel, not_paid
from fokus.analyses.stats import MIN_POSTS, enough, median_interval
from fokus.i18n import MessageKey
from fokus.model.results import Column, Evidence, Finding, Param, Table

if TYPE_CHECKING:
    import ibis.expr.types as ir

BLOCK_HOURS = 3
TIMED = ("minute", "hour")
"""Precisions that know the hour."""
_SLOT_SECONDS = 900  # every real time zone's offset is a whole quarter hour


@dataclass(frozen=True, slots=True)
class Timing:
    table: Table
    findings: tuple[Finding, ...]


def local_slots(keys: Sequence[int], timezone: str) -> ir.Table:
    """Local weekday (0 = Monday) and hour block for each quarter hour since 1970."""
    zone = zoneinfo.ZoneInfo(timezone)
    local = [
        dt.datetime.fromtimestamp(k * _SLOT_SECONDS, dt.UTC).astimezone(zone)
        for k in keys
    ]
    return ibis.memtable(
        {
            "slot": list(keys),
            "weekday": [t.weekday() for t in local],
            "block": [t.hour // BLOCK_HOURS for t in local],
        },
        schema={"slot": "int64", "weekday": "int64", "block": "int64"},
    )  # fmt: skip


def timing(posts: ir.Table, known: Sequence[Channel], timezone: str) -> Timing:
    """The table of cells and, per channel, the best cell that has enough posts."""
    usable = not_paid(posts)
    untimed = int(scalar((~usable.published_precision.isin(TIMED)).sum()) or 0)
    timed = usable.filter(
        usable.published_precision.isin(TIMED) & usable.result_vs_baseline.notnull()
    )
    timed = timed.mutate(slot=timed.published_at.epoch_seconds() // _SLOT_SECONDS)
    keys = [
        int(k)
        for k in timed.select("slot").distinct().to_pyarrow().column(0).to_pylist()
    ]
    findings: list[Finding] = []
    if untimed:
        findings.append(
            Finding("finding.channels.untimed_posts", "info", {"n": untimed},
                    Evidence(untimed))
        )  # fmt: skip
    if not keys:
        return Timing(_table(()), tuple(findings))
    cells = timed.join(local_slots(sorted(keys), timezone), "slot")
    values = grouped_values(
        cells, ["platform", "account_id", "weekday", "block"], "result_vs_baseline"
    )
    names = {c.key: c for c in known}
    rows: list[tuple[Param, ...]] = []
    for channel_key in sorted({(k[0], k[1]) for k in values}):
        channel = names[channel_key]
        best: tuple[Any, ...] | None = None
        ranked = 0
        for key in sorted(k for k in values if (k[0], k[1]) == channel_key):
            ratios = values[key]
            weekday, block = int(key[2]), int(key[3])
            ok = enough(len(ratios))
            interval = median_interval(ratios) if ok else None
            rows.append(
                (
                    f"platform.{channel.platform}", channel.name,
                    f"column.channels.weekday.{weekday}", _hours(block), len(ratios),
                    None if interval is None else interval.estimate,
                    None if interval is None else interval.low,
                    None if interval is None else interval.high,
                    None if ok else "table.channels.too_few",
                )
            )  # fmt: skip
            ranked += interval is not None
            if interval is not None and (
                best is None or interval.estimate > best[0].estimate
            ):
                best = (interval, weekday, block)
        # Only a slot clearly above the account's usual is worth a finding.
        if best is not None and ranked > 1 and (best[0].low or 0) > 1:
            interval, weekday, block = best
            findings.append(
                Finding(
                    "finding.channels.best_time",
                    "info",
                    {
                        "platform": MessageKey(f"platform.{channel.platform}"),
                        "weekday": MessageKey(f"column.channels.weekday.{weekday}"),
                        "hours": _hours(block),
                        "percent": round((interval.estimate - 1) * 100),
                        "minimum": MIN_POSTS,
                    },
                    Evidence(
                        interval.n, interval.estimate,
                        None if interval.low is None or interval.high is None
                        else (interval.low, interval.high),
                        denominator="audience_baseline",
                        statistic="median_of_ratios",
                    ),
                )
            )  # fmt: skip
    return Timing(_table(tuple(rows)), tuple(findings))


def _hours(block: int) -> str:
    start = block * BLOCK_HOURS
    return f"{start:02d}–{start + BLOCK_HOURS:02d}"


def _table(rows: tuple[tuple[Param, ...], ...]) -> Table:
    return Table(
        "channels.timing",
        "table.channels.timing",
        (
            Column("platform", "column.platform", "label"),
            Column("account", "column.account"),
            Column("weekday", "column.channels.weekday", "label"),
            Column("hours", "column.channels.hours"),
            Column("n", "column.channels.n", "integer"),
            Column(
                "vs_baseline",
                "column.channels.vs_baseline",
                "number",
                "audience_baseline",
                "median_of_ratios",
            ),
            Column("low", "column.channels.low", "number"),
            Column("high", "column.channels.high", "number"),
            Column("status", "column.channels.status", "label"),
        ),
        rows,
    )
