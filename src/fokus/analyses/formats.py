"""Visual formats (section 5): which formats work on which channel, and how.

Per channel × format × paid status: the number of posts, the median reach (or views
or impressions, where the export has no reach) and the median engagement rate, each
with its exact interval. Reach-type and engagement-type outcomes are ranked apart,
because they rank formats differently; the review says so when they disagree on a
channel's best format. Only organic posts are ranked (paid posts are shown beside
them), only groups of at least ``MIN_POSTS`` posts, in the order of their medians
shrunk toward the channel's overall median. Video length is read against how much
of each video people watched, where the export has it. docs/sections/formats.md
explains every rule.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from fokus.analyses.base import ReviewContext, ReviewData
from fokus.analyses.chart_data import bar_from_table
from fokus.analyses.format_groups import (
    OUTCOMES,
    Group,
    Outcome,
    Ranked,
    channels,
    groups,
    post_values,
    rank,
    rank_basis,
)
from fokus.analyses.format_tables import (
    format_key,
    measure_denominator,
    measure_key,
    ranking_table,
    video_table,
)
from fokus.analyses.stats import MIN_POSTS, Difference, median_difference
from fokus.analyses.video_length import (
    SHARE_MEASURES,
    LengthBucket,
    WatchMeasure,
    length_buckets,
)
from fokus.i18n import MessageKey
from fokus.model.results import (
    Action,
    Chart,
    Evidence,
    Finding,
    Param,
    SectionResult,
    Table,
)

Channel = tuple[str, str]


class Formats:
    """Formats per channel, ranked on reach and on engagement rate apart."""

    key: ClassVar[str] = "formats"

    def run(self, data: ReviewData, context: ReviewContext) -> SectionResult:
        """Tables of both rankings and of video length; findings on each channel."""
        values = post_values(data)
        all_groups = groups(values, data.accounts)
        if not all_groups:
            return SectionResult(
                self.key,
                "insufficient_data",
                findings=(Finding("finding.formats.no_posts", "warning"),),
                actions=(Action("action.formats.export_posts", impact=3, effort=1),),
            )
        by_channel = channels(all_groups)
        rankings = {
            ch: {o: rank(gs, o) for o in OUTCOMES} for ch, gs in by_channel.items()
        }
        findings: list[Finding] = []
        actions: list[Action] = []
        for ch, gs in by_channel.items():
            channel_findings = _channel_findings(gs, rankings[ch])
            findings.extend(channel_findings)
            actions.extend(_channel_actions(channel_findings))
        findings.extend(_paid_findings(by_channel))
        buckets = length_buckets(values)
        video_findings = _video_findings(buckets, by_channel)
        findings.extend(video_findings)
        if any(f.key == "finding.formats.no_watch_data" for f in video_findings):
            actions.append(Action("action.formats.export_watch_data", 1, 1))
        comparable = any(
            sum(r.rank is not None for r in ranking) >= 2
            for per_outcome in rankings.values()
            for ranking in per_outcome.values()
        )
        if not comparable:
            findings.insert(0, Finding("finding.formats.too_few_to_rank", "warning",
                                       {"minimum": MIN_POSTS}))  # fmt: skip
            actions.append(Action("action.formats.export_posts", impact=3, effort=1))
        accounts = {ch: gs[0].account for ch, gs in by_channel.items()}
        tables = [
            ranking_table(o, [rankings[ch][o] for ch in by_channel]) for o in OUTCOMES
        ]
        charts = tuple(c for c in map(_chart, tables) if c is not None)
        if buckets:
            tables.append(video_table(buckets, accounts))
        return SectionResult(
            self.key,
            "ok" if comparable else "insufficient_data",
            findings=tuple(findings),
            tables=tuple(tables),
            actions=tuple(actions),
            charts=charts,
        )


def _label(group: Group) -> Param:
    """A format as the reader should see it: the platform's own word for one
    fokus does not know."""
    if group.format == "other" and group.raw:
        return group.raw
    return MessageKey(format_key(group))


def _where(group: Group) -> dict[str, Param]:
    return {
        "platform": MessageKey(f"platform.{group.platform}"),
        "account": group.account,
        "basis": MessageKey(f"table.formats.basis.{group.paid}"),
    }


def _percent(value: float) -> float:
    return round(value * 100, 1)


def _chance(difference: Difference) -> int | None:
    """In whole percent, never 0 or 100: no sample makes a difference certain."""
    chance = difference.chance_to_beat
    return None if chance is None else min(99, max(1, round(chance * 100)))


def _interval(low: float | None, high: float | None) -> tuple[float, float] | None:
    return None if low is None or high is None else (low, high)


def _channel_findings(
    channel: Sequence[Group], ranking: dict[Outcome, list[Ranked]]
) -> list[Finding]:
    ranked = {o: [r for r in ranking[o] if r.rank is not None] for o in OUTCOMES}
    findings = []
    if len(ranked["reach"]) >= 2:
        findings.append(_top_reach(*ranked["reach"][:2]))
    if len(ranked["rate"]) >= 2:
        findings.append(_top_rate(*ranked["rate"][:2]))
    if ranked["reach"] and len(ranked["rate"]) >= 2:
        disagreement = _disagreement(ranked["reach"][0], ranked["rate"])
        if disagreement is not None:
            findings.append(disagreement)
    findings.extend(_small_groups(ranking))
    findings.extend(_other_formats(channel))
    return findings


def _top_reach(top: Ranked, runner: Ranked) -> Finding:
    assert top.median is not None and runner.median is not None
    d = median_difference(top.group.reach, runner.group.reach, scale="log1p")
    ratio = d.ratio
    assert ratio is not None
    return Finding(
        "finding.formats.top_reach",
        "info",
        {
            **_where(top.group),
            "format": _label(top.group),
            "runner": _label(runner.group),
            "measure": MessageKey(measure_key(top.group.measure)),
            "value": round(top.median.estimate),
            "runner_value": round(runner.median.estimate),
            "n": top.n,
            "runner_n": runner.n,
            "ratio": round(ratio.estimate, 1),
            "probability": _chance(d),
        },
        Evidence(
            n=top.n + runner.n,
            value=ratio.estimate,
            interval=_interval(ratio.low, ratio.high),
            probability=d.chance_to_beat,
        ),
    )


def _top_rate(top: Ranked, runner: Ranked) -> Finding:
    assert top.median is not None and runner.median is not None
    d = median_difference(top.group.rate, runner.group.rate)
    return Finding(
        "finding.formats.top_rate",
        "info",
        {
            **_where(top.group),
            "format": _label(top.group),
            "runner": _label(runner.group),
            "denominator": MessageKey(measure_key(top.group.measure)),
            "rate": _percent(top.median.estimate),
            "runner_rate": _percent(runner.median.estimate),
            "n": top.n,
            "runner_n": runner.n,
            "points": _percent(d.difference.estimate),
            "probability": _chance(d),
        },
        Evidence(
            n=top.n + runner.n,
            value=d.difference.estimate,
            interval=_interval(d.difference.low, d.difference.high),
            probability=d.chance_to_beat,
            denominator=measure_denominator(top.group.measure),
        ),
    )


def _disagreement(reach_top: Ranked, by_rate: Sequence[Ranked]) -> Finding | None:
    """The reach winner is not the engagement-rate winner: how it does on rate."""
    rate_top = by_rate[0]
    if rate_top.group == reach_top.group:
        return None
    place = next((r for r in by_rate if r.group == reach_top.group), None)
    if place is None or place.median is None or rate_top.median is None:
        return None  # the reach winner has too few rates to be placed
    assert reach_top.median is not None
    d = median_difference(rate_top.group.rate, reach_top.group.rate)
    return Finding(
        "finding.formats.rankings_disagree",
        "notice",
        {
            **_where(reach_top.group),
            "reach_format": _label(reach_top.group),
            "rate_format": _label(rate_top.group),
            "measure": MessageKey(measure_key(reach_top.group.measure)),
            "reach_value": round(reach_top.median.estimate),
            "reach_rate": _percent(place.median.estimate),
            "rate": _percent(rate_top.median.estimate),
            "place": place.rank,
            "ranked": len(by_rate),
            "probability": _chance(d),
        },
        Evidence(
            n=rate_top.n + place.n,
            value=d.difference.estimate,
            interval=_interval(d.difference.low, d.difference.high),
            probability=d.chance_to_beat,
            denominator=measure_denominator(reach_top.group.measure),
        ),
    )


def _small_groups(ranking: dict[Outcome, list[Ranked]]) -> list[Finding]:
    small = [r.group for o in OUTCOMES for r in ranking[o] if r.status == "too_few"]
    unique = list(dict.fromkeys(small))
    if not unique:
        return []
    posts = sum(g.posts for g in unique)
    params: dict[str, Param] = {**_where(unique[0]), "posts": posts,
                                "minimum": MIN_POSTS}  # fmt: skip
    if len(unique) == 1:
        params["format"] = _label(unique[0])
        return [Finding("finding.formats.small_group", "notice", params,
                        Evidence(n=posts))]  # fmt: skip
    params["count"] = len(unique)
    return [Finding("finding.formats.small_groups", "notice", params,
                    Evidence(n=posts))]  # fmt: skip


def _other_formats(channel: Sequence[Group]) -> list[Finding]:
    other = [g for g in channel if g.format == "other"]
    if not other:
        return []
    n = sum(g.posts for g in other)
    words = sorted({g.raw for g in other if g.raw})
    where: dict[str, Param] = {
        "platform": MessageKey(f"platform.{other[0].platform}"),
        "account": other[0].account,
        "n": n,
    }
    if not words:
        return [Finding("finding.formats.format_not_exported", "notice", where,
                        Evidence(n=n))]  # fmt: skip
    return [
        Finding(
            "finding.formats.other_formats",
            "notice",
            {**where, "words": ", ".join(words)},
            Evidence(n=n),
        )
    ]


def _channel_actions(findings: Sequence[Finding]) -> list[Action]:
    return [
        Action(
            "action.formats.format_by_purpose",
            impact=2,
            effort=1,
            params={
                k: f.params[k]
                for k in ("platform", "account", "reach_format", "rate_format")
            },
            finding_keys=(f.key,),
        )
        for f in findings
        if f.key == "finding.formats.rankings_disagree"
    ]


def _paid_findings(by_channel: dict[Channel, list[Group]]) -> list[Finding]:
    """Paid posts are shown, not ranked."""
    findings = []
    paid = sum(g.posts for gs in by_channel.values() for g in gs if g.paid == "paid")
    if paid:
        findings.append(Finding("finding.formats.paid_not_ranked", "info",
                                {"n": paid}, Evidence(n=paid)))  # fmt: skip
    return findings


def _video_findings(
    buckets: Sequence[LengthBucket], by_channel: dict[Channel, list[Group]]
) -> list[Finding]:
    """Per channel, on the posts its formats are ranked on: the length bucket
    watched furthest against the one watched least, or why that cannot be said."""
    findings = []
    for ch, gs in by_channel.items():
        basis = rank_basis(gs)
        mine = [
            b for b in buckets if (b.platform, b.account_id) == ch and b.paid == basis
        ]
        if not mine:
            continue
        measure = next(
            (m for m in SHARE_MEASURES if any(b.measures[m] for b in mine)), None
        )
        where = _where(gs[0]) | {"basis": MessageKey(f"table.formats.scope.{basis}")}
        videos = sum(b.videos for b in mine)
        if measure is None:
            findings.append(Finding("finding.formats.no_watch_data", "notice",
                                    {**where, "n": videos}, Evidence(n=videos)))  # fmt: skip
            continue
        findings.append(_length_finding(mine, measure, where))
    return findings


def _length_finding(
    buckets: Sequence[LengthBucket], measure: WatchMeasure, where: dict[str, Param]
) -> Finding:
    enough = [b for b in buckets if len(b.measures[measure]) >= MIN_POSTS]
    label = MessageKey(f"table.formats.watch.{measure}")
    if len(enough) < 2:
        n = sum(len(b.measures[measure]) for b in buckets)
        return Finding(
            "finding.formats.video_length_thin",
            "info",
            {**where, "measure": label, "n": n, "minimum": MIN_POSTS},
            Evidence(n=n),
        )
    ordered = sorted(enough, key=lambda b: -(_median_of(b, measure)))
    best, worst = ordered[0], ordered[-1]
    d = median_difference(best.measures[measure], worst.measures[measure])
    return Finding(
        "finding.formats.video_length",
        "info",
        {
            **where,
            "measure": label,
            "best": MessageKey(f"table.formats.length.{best.bucket}"),
            "worst": MessageKey(f"table.formats.length.{worst.bucket}"),
            "best_value": round(_median_of(best, measure), 1),
            "worst_value": round(_median_of(worst, measure), 1),
            "best_n": len(best.measures[measure]),
            "worst_n": len(worst.measures[measure]),
            "probability": _chance(d),
        },
        Evidence(
            n=len(best.measures[measure]) + len(worst.measures[measure]),
            value=d.difference.estimate,
            interval=_interval(d.difference.low, d.difference.high),
            probability=d.chance_to_beat,
        ),
    )


def _median_of(bucket: LengthBucket, measure: WatchMeasure) -> float:
    median = bucket.median(measure)
    assert median is not None
    return median.estimate


def _chart(ranking: Table) -> Chart | None:
    """The ranking table as bars: the median per channel × format × paid status,
    with its interval; groups under the minimum faded."""
    outcome = ranking.key.removeprefix("formats.")
    return bar_from_table(
        ranking,
        key=f"formats.{outcome}.chart",
        title_key=f"table.formats.chart.{outcome}",
        parts=("platform", "format", "paid"),
        value="median",
        low="low",
        high="high",
        n="n",
        note_key=f"section.formats.chart.{outcome}",
        category_key="column.chart.format",
    )
