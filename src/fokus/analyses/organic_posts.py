"""The per-post parts of the organic section: top posts and pillars.

The selection of top posts per channel is an ibis window; pillars work on the
organic posts' texts in Python (a few thousand short texts), see
:mod:`organic_pillars`. The genericness part is in :mod:`organic_voice`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

import ibis

from fokus.analyses.base import channels_in, first_per_channel, records, to_date
from fokus.analyses.measures import with_text
from fokus.analyses.organic_pillars import (
    PillarPost,
    PillarRow,
    Pillars,
    compare_pillars,
    pillar_sources,
)
from fokus.analyses.stats import enough, median_interval
from fokus.config import PillarConfig
from fokus.i18n import MessageKey
from fokus.model.denominators import Denominator, Statistic
from fokus.model.results import Action, Column, Evidence, Finding, Param, Table

if TYPE_CHECKING:
    import datetime as dt

    import ibis.expr.types as ir

Basis = Literal["reach", "views"]
MIN_BASELINE = 5
"""Posts whose account had fewer earlier posts have no usable baseline."""
TOP_PER_CHANNEL = 3
TEXT_SAMPLE = 5000
"""The text analyses (pillars, topics, genericness) read at most this many organic
posts per channel: beyond it, a random sample that is the same on every run."""
EXCERPT_CHARS = 100
RATE_DENOMINATOR: tuple[Denominator, Statistic] = ("reach_or_views", "median_of_rates")
_SPACE = re.compile(r"\s+")


def basis_label(basis: Basis) -> str:
    return f"report.denominator.{basis}"


def excerpt(text: str | None) -> str:
    """The start of a text on one line, cut at a word, with an ellipsis."""
    flat = _SPACE.sub(" ", text or "").strip()
    if len(flat) <= EXCERPT_CHARS:
        return flat
    cut = flat[:EXCERPT_CHARS].rsplit(" ", 1)[0]
    return cut + " …"


@dataclass(frozen=True, slots=True)
class OrganicPost:
    """One organic post, as the text analyses need it."""

    key: str
    platform: str
    account: str
    published_at: dt.datetime
    text: str | None
    labels: str | None
    rate: float | None
    engagement_vs_baseline: float | None


def post_rows(organic: ir.Table, texts: ir.Table) -> list[OrganicPost]:
    """The organic posts' texts and performance, in publishing order; on a channel
    with more than ``TEXT_SAMPLE`` of them, a sample of that many (``text_sample``).
    """
    # A sample per channel: the posts first in the order of a hash of their id.
    sample = first_per_channel(
        organic, [organic.post_id.hash(), "account_id", "post_id"], TEXT_SAMPLE
    )
    sample = with_text(sample, texts)
    picked = sample.select(
        "platform", "account_id", "post_id", "published_at", "labels", "rate",
        text=sample.text_nfkc,
        vs=ibis.ifelse(
            sample.baseline_n >= MIN_BASELINE,
            sample.engagement_vs_baseline,
            ibis.null("float64"),
        ),
    ).order_by(["platform", "account_id", "published_at", "post_id"])  # fmt: skip
    return [
        OrganicPost(
            f"{r['platform']}/{r['account_id']}/{r['post_id']}",
            str(r["platform"]),
            str(r["account_id"]),
            r["published_at"],
            r["text"],
            r["labels"],
            r["rate"],
            r["vs"],
        )
        for r in records(picked)
    ]


def text_sample(organic: ir.Table) -> list[Finding]:
    """A finding for each channel whose text analyses read a sample."""
    counts = organic.group_by("platform").aggregate(posts=organic.count())
    large = counts.filter(counts.posts > TEXT_SAMPLE).order_by("platform")
    return [
        Finding(
            "finding.organic.text_sample",
            "info",
            {
                "platform": MessageKey(f"platform.{r['platform']}"),
                "sample": TEXT_SAMPLE,
                "posts": int(r["posts"]),
            },
        )
        for r in records(large)
    ]


def top_posts(organic: ir.Table, texts: ir.Table, bases: Mapping[str, Basis]) -> Table:
    """Per channel, the posts furthest above their account's baseline: the top
    ``TOP_PER_CHANNEL`` by engagement and by reach (each shown once)."""
    t = organic.filter(organic.baseline_n >= MIN_BASELINE)
    platforms = channels_in(t)
    tops = [
        first_per_channel(
            t.filter(t[column].notnull()),
            [ibis.desc(column), "post_id"],
            TOP_PER_CHANNEL,
            platforms,
        )
        for column in ("engagement_vs_baseline", "audience_vs_baseline")
    ]
    top = with_text(ibis.union(*tops, distinct=True), texts).order_by(
        ["platform", ibis.desc("engagement_vs_baseline"), "post_id"]
    )
    rows = tuple(
        (
            f"platform.{r['platform']}",
            to_date(r["published_day"]),
            f"format.{r['format']}",
            excerpt(r["text_nfkc"]),
            r["audience_vs_baseline"],
            r["engagement_vs_baseline"],
            r["rate"],
            basis_label(bases[str(r["platform"])]) if r["platform"] in bases else None,
            int(r["baseline_n"]),
        )
        for r in records(top)
    )
    return Table(
        "organic.top_posts",
        "table.organic.top_posts",
        (
            Column("platform", "column.platform", "label"),
            Column("day", "report.column.date", "date"),
            Column("format", "column.format", "label"),
            Column("text", "column.organic.text"),
            Column(
                "reach_vs_baseline",
                "column.organic.reach_vs_baseline",
                "number",
                "audience_baseline",
            ),
            Column(
                "engagement_vs_baseline",
                "column.organic.engagement_vs_baseline",
                "number",
                "engagement_baseline",
            ),
            Column(
                "rate",
                "column.organic.rate",
                "percent",
                "reach_or_views",
                "single_post",
            ),
            Column("basis", "column.organic.basis", "label"),
            Column("baseline_n", "column.organic.baseline_n", "integer"),
        ),
        rows,
    )


# ── Pillars ─────────────────────────────────────────────────────────────────────


def pillar_part(
    posts: Sequence[OrganicPost],
    rules: Sequence[PillarConfig],
    bases: Mapping[str, Basis],
) -> tuple[list[Table], list[Finding], list[Action]]:
    pillar_posts = [
        PillarPost(p.key, p.platform, p.text, p.labels, p.rate) for p in posts
    ]
    tables, findings, actions = [], [], []
    for pillars in pillar_sources(pillar_posts, rules):
        rows = compare_pillars(pillar_posts, pillars)
        tables.append(_pillar_table(pillars, rows, bases))
        findings.append(
            Finding(
                f"finding.organic.pillars_from_{pillars.source}",
                "info",
                {"n": len(pillars.names)},
            )
        )
        findings.extend(_pillar_findings(pillars, rows, bases))
        if pillars.source == "topics":
            actions.append(Action("action.organic.define_pillars", impact=2, effort=1))
    return tables, findings, actions


def _pillar_table(
    pillars: Pillars, rows: Sequence[PillarRow], bases: Mapping[str, Basis]
) -> Table:
    def cells(row: PillarRow) -> tuple[Param, ...]:
        rate = median_interval(row.rates) if row.rates else None
        lift = row.lift.ratio if row.lift is not None else None
        return (
            f"platform.{row.platform}",
            row.pillar,
            row.n,
            row.share,
            basis_label(bases[row.platform]) if row.platform in bases else None,
            rate.estimate if rate else None,
            rate.low if rate else None,
            rate.high if rate else None,
            lift.estimate if lift else None,
            lift.low if lift else None,
            lift.high if lift else None,
            row.lift.chance_to_beat if row.lift is not None else None,
            row.rank,
            _pillar_note(row),
        )

    lift_note: tuple[Denominator, Statistic] = (
        "rest_of_channel_rate",
        "ratio_of_medians",
    )
    return Table(
        f"organic.pillars_{pillars.source}",
        f"table.organic.pillars_{pillars.source}",
        (
            Column("platform", "column.platform", "label"),
            Column("pillar", "column.organic.pillar"),
            Column("posts", "column.posts", "integer"),
            Column("share", "column.organic.share", "percent"),
            Column("basis", "column.organic.basis", "label"),
            Column("rate", "column.organic.median_rate", "percent", *RATE_DENOMINATOR),
            Column("rate_low", "column.organic.low", "percent", *RATE_DENOMINATOR),
            Column("rate_high", "column.organic.high", "percent", *RATE_DENOMINATOR),
            Column("lift", "column.organic.lift", "number", *lift_note),
            Column("lift_low", "column.organic.low", "number", *lift_note),
            Column("lift_high", "column.organic.high", "number", *lift_note),
            Column("chance", "column.organic.chance_to_beat", "percent"),
            Column("rank", "column.organic.rank", "integer"),
            Column("note", "column.organic.note", "label"),
        ),
        tuple(cells(r) for r in rows),
    )


def _pillar_note(row: PillarRow) -> str | None:
    if not enough(row.n):
        return "column.organic.too_few"
    return "column.organic.no_lift" if row.lift is None else None


def _pillar_findings(
    pillars: Pillars, rows: Sequence[PillarRow], bases: Mapping[str, Basis]
) -> list[Finding]:
    """Per channel, the best pillar clearly above the rest and the worst clearly
    below it."""
    findings = []
    for platform in sorted({r.platform for r in rows}):
        ranked = [r for r in rows if r.platform == platform and r.rank is not None]
        above = [r for r in ranked if _ratio_bounds(r)[0] > 1]
        below = [r for r in ranked if _ratio_bounds(r)[1] < 1]
        for key, row in (("works", above[:1]), ("lags", below[-1:])):
            for r in row:
                ratio = r.lift.ratio if r.lift is not None else None
                assert (
                    ratio is not None
                    and ratio.low is not None
                    and ratio.high is not None
                )
                findings.append(
                    Finding(
                        f"finding.organic.pillar_{key}",
                        "info" if key == "works" else "notice",
                        {
                            "pillar": r.pillar,
                            "platform": MessageKey(f"platform.{platform}"),
                            "ratio": ratio.estimate,
                            "n": r.n,
                            "rest": r.lift.n_b if r.lift else 0,
                            "source": MessageKey(
                                f"column.organic.source.{pillars.source}"
                            ),
                        },
                        Evidence(
                            n=r.n,
                            value=ratio.estimate,
                            interval=(ratio.low, ratio.high),
                            probability=r.lift.chance_to_beat if r.lift else None,
                            denominator=bases.get(platform),
                        ),
                    )
                )
    return findings


def _ratio_bounds(row: PillarRow) -> tuple[float, float]:
    ratio = row.lift.ratio if row.lift is not None else None
    if ratio is None or ratio.low is None or ratio.high is None:
        return 1.0, 1.0
    return ratio.low, ratio.high
