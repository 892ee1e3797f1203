"""Which channel should carry the strategy: a transparent score, shown in a table.

For each channel with at least ``MIN_POSTS`` posts not known to be paid, four
parts, each divided by the best channel's so it runs from 0 to 1:

* **goal fit** (weight 0.4): Σ 1/priority over the goals in fokus.toml with a KPI
  on the channel's platform (KPIs for all channels fit every channel alike and are
  left out);
* **result a week** (0.2): the sum of the posts' results (reach, else views) over
  the weeks the channel's posts span;
* **engagement a week** (0.2): the same for engagement;
* **result per post** (0.2): the median result of a post, i.e. per unit of effort,
  with posts a week as the effort.

The highest score is the suggested main channel, the next the support channel; a
channel whose result per post is below ``SHELVE_SHARE`` of the best is one to
consider shelving. A channel is *low-return* when its median result per post is
below half of all other channels' posts taken together (the whole interval of
the ratio) while it posts at least as often as the typical channel.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from fokus.analyses.base import grouped_values, records
from fokus.analyses.channels_data import Channel, Key, Span, not_paid
from fokus.analyses.stats import enough, median, median_difference
from fokus.config import WorkspaceConfig
from fokus.i18n import MessageKey
from fokus.model.results import Action, Column, Evidence, Finding, Param, Table

if TYPE_CHECKING:
    import ibis.expr.types as ir

WEIGHTS = {"goal": 0.4, "result": 0.2, "engagement": 0.2, "per_post": 0.2}
SHELVE_SHARE = 0.25
LOW_RETURN_RATIO = 0.5


@dataclass(frozen=True, slots=True)
class Score:
    channel: Channel
    posts: int
    per_week: float
    goal: float
    result_week: float
    engagement_week: float | None
    per_post: float
    score: float = 0.0


@dataclass(frozen=True, slots=True)
class Choice:
    scores: Table
    mix: Table
    findings: tuple[Finding, ...]
    actions: tuple[Action, ...]


def goal_fit(platform: str, config: WorkspaceConfig) -> float:
    """Σ 1/priority over goals with a KPI measured on this platform."""
    return sum(
        1 / goal.priority
        for goal in config.goals
        if any(kpi.platform == platform for kpi in goal.kpis)
    )


def choose(
    posts: ir.Table, known: Sequence[Channel], covered: dict[Key, Span],
    config: WorkspaceConfig,
) -> Choice:  # fmt: skip
    """The score table, the suggestion, and the format mix per channel."""
    usable = not_paid(posts)
    by = ["platform", "account_id"]
    sums = usable.group_by(by).aggregate(
        posts=usable.count(),
        result=usable.result.sum(),
        engagement=usable.engagement.sum(),
        engaged=usable.engagement.count(),
    )
    totals = {(r["platform"], r["account_id"]): r for r in records(sums)}
    values = grouped_values(usable, by, "result")
    raw: list[Score] = []
    small: list[Channel] = []
    for channel in known:
        row = totals.get(channel.key)
        per_post = values.get(channel.key, [])
        if row is None or not enough(len(per_post)):
            small.append(channel)
            continue
        weeks = covered[channel.key].weeks
        raw.append(
            Score(
                channel, int(row["posts"]), int(row["posts"]) / weeks,
                goal_fit(channel.platform, config), float(row["result"] or 0) / weeks,
                None if row["engagement"] is None else float(row["engagement"]) / weeks,
                median(per_post),
            )
        )  # fmt: skip
    scored = sorted(_scored(raw), key=lambda s: (-s.score, s.channel.key))
    findings, actions = _suggest(scored, values)
    return Choice(
        _score_table(scored, small),
        _mix(usable, known),
        tuple(findings),
        tuple(actions),
    )


def _scored(raw: list[Score]) -> list[Score]:
    def best(values: Sequence[float | None]) -> float:
        return max((v for v in values if v), default=0.0)

    tops = {
        "goal": best([s.goal for s in raw]),
        "result": best([s.result_week for s in raw]),
        "engagement": best([s.engagement_week for s in raw]),
        "per_post": best([s.per_post for s in raw]),
    }

    def part(value: float | None, key: str) -> float:
        return (value or 0.0) / tops[key] if tops[key] else 0.0

    return [
        Score(
            s.channel, s.posts, s.per_week, part(s.goal, "goal"),
            part(s.result_week, "result"), part(s.engagement_week, "engagement"),
            part(s.per_post, "per_post"),
            sum(
                WEIGHTS[k] * part(v, k)
                for k, v in (("goal", s.goal), ("result", s.result_week),
                             ("engagement", s.engagement_week),
                             ("per_post", s.per_post))
            ),
        )
        for s in raw
    ]  # fmt: skip


def _role(index: int, score: Score) -> str:
    if index == 0:
        return "main"
    if index == 1:
        return "support"
    return "shelve" if score.per_post < SHELVE_SHARE else "keep"


def _suggest(
    scored: list[Score], values: dict[tuple[object, ...], list[float]]
) -> tuple[list[Finding], list[Action]]:
    findings: list[Finding] = []
    actions: list[Action] = []
    if not scored:
        return findings, actions
    main = scored[0]
    support = scored[1] if len(scored) > 1 else None
    findings.append(
        Finding(
            "finding.channels.main_support" if support else "finding.channels.main_only",
            "info",
            {
                "main": MessageKey(f"platform.{main.channel.platform}"),
                "support": None if support is None
                else MessageKey(f"platform.{support.channel.platform}"),
            },
            Evidence(sum(s.posts for s in scored), main.score,
                     statistic="weighted_score"),
        )
    )  # fmt: skip
    suggested = {"main": main, "support": support}
    for role, pick in suggested.items():
        planned = [
            s for s in scored if s.channel.config and s.channel.config.role == role
        ]
        if pick is None or not planned or planned[0].channel.key == pick.channel.key:
            continue
        findings.append(
            Finding(
                "finding.channels.role_differs",
                "notice",
                {
                    "role": MessageKey(f"column.channels.role.{role}"),
                    "planned": MessageKey(f"platform.{planned[0].channel.platform}"),
                    "suggested": MessageKey(f"platform.{pick.channel.platform}"),
                },
                Evidence(planned[0].posts + pick.posts),
            )
        )
    typical = median([s.per_week for s in scored])
    for index, score in enumerate(scored):
        low = _low_return(score, scored, values, typical)
        shelve = _role(index, score) == "shelve"
        if low is not None:
            findings.append(low)
        elif shelve:
            findings.append(
                Finding(
                    "finding.channels.shelve",
                    "notice",
                    {
                        "platform": MessageKey(f"platform.{score.channel.platform}"),
                        "percent": round(score.per_post * 100),
                    },
                    Evidence(score.posts, score.per_post,
                             denominator="best_channel_result",
                             statistic="median_per_post"),
                )
            )  # fmt: skip
        if shelve or (index > 1 and low is not None):
            actions.append(
                Action(
                    "action.channels.consider_shelving",
                    impact=2,
                    effort=1,
                    params={
                        "platform": MessageKey(f"platform.{score.channel.platform}"),
                        "per_week": score.per_week,
                    },
                    finding_keys=(
                        "finding.channels.low_return"
                        if low
                        else "finding.channels.shelve",
                    ),
                )
            )
    return findings, actions


def _low_return(
    score: Score,
    scored: Sequence[Score],
    values: dict[tuple[object, ...], list[float]],
    typical: float,
) -> Finding | None:
    """Below half of the other channels' posts per post, at typical effort or more."""
    if len(scored) < 2 or score.per_week < typical:
        return None
    own = values[score.channel.key]
    others = [
        v for s in scored if s.channel.key != score.channel.key
        for v in values[s.channel.key]
    ]  # fmt: skip
    ratio = median_difference(own, others, scale="log1p").ratio
    if ratio is None or ratio.high is None or ratio.low is None:
        return None
    if ratio.high >= LOW_RETURN_RATIO:
        return None
    return Finding(
        "finding.channels.low_return",
        "warning",
        {
            "platform": MessageKey(f"platform.{score.channel.platform}"),
            "per_week": score.per_week,
            "median": median(own),
            "others": median(others),
            "percent": round(ratio.estimate * 100),
        },
        Evidence(len(own) + len(others), ratio.estimate, (ratio.low, ratio.high),
                 denominator="other_channels_result",
                 statistic="ratio_of_medians"),
    )  # fmt: skip


def _score_table(scored: list[Score], small: list[Channel]) -> Table:
    rows: list[tuple[Param, ...]] = [
        (
            f"platform.{s.channel.platform}", s.channel.name, s.posts, s.per_week,
            s.goal, s.result_week, s.engagement_week, s.per_post, s.score,
            f"column.channels.role.{_role(i, s)}",
            None if s.channel.config is None
            else f"column.channels.role.{s.channel.config.role}",
        )
        for i, s in enumerate(scored)
    ]  # fmt: skip
    rows.extend(
        (f"platform.{c.platform}", c.name, None, None, None, None, None, None, None,
         "table.channels.too_few",
         None if c.config is None else f"column.channels.role.{c.config.role}")
        for c in small
    )  # fmt: skip
    return Table(
        "channels.scores",
        "table.channels.scores",
        (
            Column("platform", "column.platform", "label"),
            Column("account", "column.account"),
            Column("posts", "column.posts", "integer"),
            Column("per_week", "column.channels.posts_per_week", "number"),
            Column("goal", "column.channels.score_goal", "number"),
            Column("result", "column.channels.score_result", "number"),
            Column("engagement", "column.channels.score_engagement", "number"),
            Column("per_post", "column.channels.score_per_post", "number"),
            Column("score", "column.channels.score", "number"),
            Column("suggested", "column.channels.suggested", "label"),
            Column("planned", "column.channels.planned_role", "label"),
        ),
        tuple(rows),
    )


def _mix(usable: ir.Table, known: Sequence[Channel]) -> Table:
    """Per channel and format: the share of posts now, and the share among the
    posts that beat the account's own baseline reach (formats with enough posts)."""
    grouped = usable.group_by(["platform", "account_id", "format"]).aggregate(
        posts=usable.count(),
        measured=usable.result_vs_baseline.count(),
        above=(usable.result_vs_baseline > 1).sum(),
        vs_baseline=usable.result_vs_baseline.median(),
    )
    rows_by: dict[Key, list[dict[str, Any]]] = {}
    for r in records(grouped.order_by(["platform", "account_id", "format"])):
        rows_by.setdefault((r["platform"], r["account_id"]), []).append(r)
    rows: list[tuple[Param, ...]] = []
    for channel in known:
        formats = rows_by.get(channel.key, [])
        total = sum(int(r["posts"]) for r in formats)
        ranked = [r for r in formats if enough(int(r["measured"]))]
        performing = sum(int(r["above"] or 0) for r in ranked)
        for r in sorted(formats, key=lambda r: -int(r["posts"])):
            ok = r in ranked
            rows.append(
                (
                    f"platform.{channel.platform}", channel.name, f"format.{r['format']}",
                    int(r["posts"]), int(r["posts"]) / total,
                    int(r["measured"]),
                    r["vs_baseline"] if ok else None,
                    int(r["above"] or 0) / performing if ok and performing else None,
                    None if ok else "table.channels.too_few",
                )
            )  # fmt: skip
    return Table(
        "channels.format_mix",
        "table.channels.format_mix",
        (
            Column("platform", "column.platform", "label"),
            Column("account", "column.account"),
            Column("format", "column.format", "label"),
            Column("posts", "column.posts", "integer"),
            Column("share", "column.channels.share_now", "percent"),
            Column("n", "column.channels.n", "integer"),
            Column("vs_baseline", "column.channels.vs_baseline", "number",
                   "audience_baseline", "median_of_ratios"),
            Column("mix", "column.channels.share_suggested", "percent"),
            Column("status", "column.channels.status", "label"),
        ),
        tuple(rows),
    )  # fmt: skip
