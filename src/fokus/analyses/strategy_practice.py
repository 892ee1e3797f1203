"""Strategy check (section 1), judgment part: what the strategy says against what
the team does ("say vs do").

fokus.toml ranks the channels (main > support > other > shelved) and plans posts a
week for each. Here that plan meets the posts of the twelve months up to the latest
data, every post counted (paid ones too: they took effort): each channel's posts,
its share of all posts, and its posts a week against the plan. The rules and their
thresholds are in docs/sections/strategy.md, "Say and do".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import ibis

from fokus.analyses.base import ReviewData, records, to_date
from fokus.analyses.channels_data import Channel, channels
from fokus.analyses.kpis import Span
from fokus.analyses.stats import MIN_POSTS
from fokus.analyses.strategy_labels import platform_name, role_name
from fokus.analyses.strategy_plan import ActionRule, rule_actions
from fokus.config import ChannelConfig, ChannelRole, WorkspaceConfig
from fokus.i18n import Percent
from fokus.model.results import Action, Column, Evidence, Finding, Param, Table

MIN_WEEKS = 8
"""A channel needs posts data for this many weeks of the twelve months before its
posts a week are compared with anything: a shorter stretch says little about a
year's effort."""
OFF_PLAN_FACTOR = 1.5
"""Posts a week more than 1.5 × the plan, or fewer than the plan ÷ 1.5, are off plan
(6 or more a week against a plan of 4, or fewer than 2.7)."""
AHEAD_FACTOR = 1.2
"""A channel ranked lower in the plan that gets at least 20 % more posts a week
than one ranked higher has overtaken it; a smaller difference is near-equal effort."""
PRIORITY_SHARE_MIN = 0.5
"""At least half of all posts should go to the main and support channels."""
FEW_POSTS = 3
"""Up to this many posts on a shelved or unplanned channel (a last post pointing
followers elsewhere, a one-off) are not yet a practice; more are."""
RANK: dict[ChannelRole, int] = {"main": 0, "support": 1, "other": 2, "shelved": 3}


@dataclass(frozen=True, slots=True)
class ChannelPractice:
    """One channel's place in the plan and its posts in the twelve months."""

    platform: str
    account: str
    role: ChannelRole | None
    """None: fokus.toml does not name the channel."""
    planned: float | None
    posts: int | None
    """Posts in the twelve months; None when no posts of the channel are imported."""
    weeks: float | None
    """Weeks of the twelve months the channel's posts data covers."""
    shelved_posts: int = 0
    """Posts since the plan shelved it (``since``), for a shelved channel."""
    last: dt.date | None = None

    @property
    def per_week(self) -> float | None:
        if self.posts is None or self.weeks is None or self.weeks < MIN_WEEKS:
            return None
        return self.posts / self.weeks

    @property
    def vs_plan(self) -> float | None:
        per_week = self.per_week
        if per_week is None or not self.planned:
            return None
        return per_week / self.planned


@dataclass(frozen=True, slots=True)
class PracticeJudgment:
    findings: tuple[Finding, ...]
    actions: tuple[Action, ...]
    table: Table
    channels: tuple[ChannelPractice, ...]


def window(data_end: dt.date) -> Span:
    """The twelve months up to the latest data (as a ``12_months`` KPI)."""
    try:
        back = data_end.replace(year=data_end.year - 1)
    except ValueError:  # 29 February
        back = data_end.replace(year=data_end.year - 1, day=28)
    return Span(back + dt.timedelta(days=1), data_end)


def shelved_since(span: Span, reviewed: dt.date | None) -> dt.date:
    """Posts on a shelved channel count from the day after the strategy was last
    reviewed (when it was shelved, at the latest), within the twelve months."""
    if reviewed is None:
        return span.start
    return max(span.start, reviewed + dt.timedelta(days=1))


def judge_practice(
    data: ReviewData, config: WorkspaceConfig, data_end: dt.date
) -> PracticeJudgment:
    """Each channel's posts against the plan, and the findings on the gaps."""
    span = window(data_end)
    since = shelved_since(span, config.strategy_reviewed)
    practice = _practice(data, config, span, since)
    total = sum(p.posts or 0 for p in practice)
    findings = [
        *_priority_share(practice, total),
        *_ahead(practice),
        *_off_plan(practice),
        *_shelved(practice, since),
        *_unplanned(practice),
        *_too_short(practice),
    ]
    return PracticeJudgment(
        tuple(findings),
        rule_actions(_ACTIONS, findings),
        _table(practice, total, span),
        tuple(practice),
    )


def _practice(
    data: ReviewData, config: WorkspaceConfig, span: Span, since: dt.date
) -> list[ChannelPractice]:
    posts = data.posts
    day = posts.published_day
    inside = day.between(span.start, span.end)
    # Sums of conditions and maxima of ifelse, not reductions with where=: the
    # forms every engine of the contract (DuckDB, Spark) compiles alike.
    counts = posts.group_by(["platform", "account_id"]).aggregate(
        first=day.min(),
        posts=inside.ifelse(1, 0).sum(),
        since=day.between(since, span.end).ifelse(1, 0).sum(),
        last=inside.ifelse(day, ibis.null("date")).max(),
    )
    by_key = {(r["platform"], r["account_id"]): r for r in records(counts)}
    found: list[Channel] = channels(data, config)
    matched = {id(c.config): c for c in found if c.config is not None}
    rows: list[ChannelPractice] = []
    for block in sorted(config.channels, key=lambda c: RANK[c.role]):
        channel = matched.get(id(block))
        row = None if channel is None else by_key.get(channel.key)
        rows.append(_row(block.platform, block.account, block, row, span))
    rows.extend(
        _row(c.platform, c.name, None, by_key[c.key], span)
        for c in found
        if c.config is None
    )
    return rows


def _row(
    platform: str,
    account: str,
    block: ChannelConfig | None,
    row: dict[str, object] | None,
    span: Span,
) -> ChannelPractice:
    role = None if block is None else block.role
    planned = None if block is None else block.posts_per_week_planned
    if row is None:
        return ChannelPractice(platform, account, role, planned, None, None)
    first = to_date(row["first"])
    assert first is not None
    start = max(first, span.start)
    weeks = max((span.end - start).days + 1, 0) / 7
    return ChannelPractice(
        platform,
        account,
        role,
        planned,
        int(str(row["posts"])),
        weeks,
        int(str(row["since"])),
        to_date(row["last"]),
    )


def _base(p: ChannelPractice) -> dict[str, Param]:
    return {
        "platform": platform_name(p.platform),
        "account": p.account,
        "role": role_name(p.role),
    }


def _priority_share(practice: Sequence[ChannelPractice], total: int) -> list[Finding]:
    """Less than half of all posts went to the main and support channels."""
    priority = [p for p in practice if p.role in ("main", "support")]
    if total < MIN_POSTS or not priority:
        return []
    posts = sum(p.posts or 0 for p in priority)
    share = posts / total
    if share >= PRIORITY_SHARE_MIN:
        return []
    others = [p for p in practice if p.role not in ("main", "support") and p.posts]
    top = max(others, key=lambda p: p.posts or 0)
    return [
        Finding(
            "finding.strategy.practice_priority_share",
            "warning",
            {
                "share": Percent(share),
                "posts": posts,
                "total": total,
                "minimum": Percent(PRIORITY_SHARE_MIN),
                "top": platform_name(top.platform),
                "top_role": role_name(top.role),
                "top_share": Percent((top.posts or 0) / total),
            },
            Evidence(total, share, denominator="all_posts_12_months"),
        )
    ]


def _ahead(practice: Sequence[ChannelPractice]) -> list[Finding]:
    """A channel ranked lower that gets clearly more posts a week than one ranked
    higher: compared with the highest-ranked channel it overtakes."""
    ranked = [
        p for p in practice
        if p.role is not None and p.role != "shelved" and p.per_week is not None
    ]  # fmt: skip
    findings = []
    for low in ranked:
        assert low.role is not None and low.per_week is not None
        overtaken = [
            high for high in ranked
            if high.role is not None and RANK[high.role] < RANK[low.role]
            and high.per_week is not None
            and low.per_week >= AHEAD_FACTOR * high.per_week
        ]  # fmt: skip
        if not overtaken:
            continue
        # The highest-ranked channel overtaken; of several, the busiest.
        high = min(
            overtaken, key=lambda h: (RANK[h.role or "other"], -(h.per_week or 0))
        )
        assert high.per_week is not None
        findings.append(
            Finding(
                "finding.strategy.practice_ahead",
                "warning" if high.role == "main" else "notice",
                {
                    **_base(low),
                    "per_week": low.per_week,
                    "other": platform_name(high.platform),
                    "other_role": role_name(high.role),
                    "other_per_week": high.per_week,
                },
                Evidence(
                    (low.posts or 0) + (high.posts or 0),
                    low.per_week / high.per_week if high.per_week else None,
                    denominator="higher_ranked_channel_posts_a_week",
                ),
            )
        )
    return findings


def _off_plan(practice: Sequence[ChannelPractice]) -> list[Finding]:
    """Posts a week well above or below the plan (not for shelved channels)."""
    findings = []
    for p in practice:
        per_week = p.per_week
        if p.role in (None, "shelved") or p.planned is None or per_week is None:
            continue
        params: dict[str, Param] = {
            **_base(p),
            "per_week": per_week,
            "planned": p.planned,
            "posts": p.posts,
            "weeks": round(p.weeks or 0),
        }
        evidence = Evidence(p.posts or 0, p.vs_plan, denominator="planned_posts_a_week")
        if per_week > p.planned * OFF_PLAN_FACTOR and (p.posts or 0) > FEW_POSTS:
            findings.append(
                Finding(
                    "finding.strategy.practice_above_plan", "notice", params, evidence
                )
            )
        elif per_week < p.planned / OFF_PLAN_FACTOR:
            priority = p.role in ("main", "support")
            findings.append(
                Finding(
                    "finding.strategy.practice_below_plan",
                    "warning" if priority else "notice",
                    params,
                    evidence,
                )
            )
    return findings


def _shelved(practice: Sequence[ChannelPractice], since: dt.date) -> list[Finding]:
    return [
        Finding(
            "finding.strategy.practice_shelved_posting",
            "warning",
            {**_base(p), "posts": p.shelved_posts, "since": since, "last": p.last},
            Evidence(p.shelved_posts),
        )
        for p in practice
        if p.role == "shelved" and p.shelved_posts > FEW_POSTS
    ]


def _unplanned(practice: Sequence[ChannelPractice]) -> list[Finding]:
    return [
        Finding(
            "finding.strategy.practice_unplanned",
            "notice",
            {**_base(p), "posts": p.posts},
            Evidence(p.posts or 0),
        )
        for p in practice
        if p.role is None and (p.posts or 0) > FEW_POSTS
    ]


def _too_short(practice: Sequence[ChannelPractice]) -> list[Finding]:
    return [
        Finding(
            "finding.strategy.practice_too_short",
            "info",
            {**_base(p), "weeks": round(p.weeks, 1), "minimum": MIN_WEEKS},
            Evidence(p.posts or 0),
        )
        for p in practice
        if p.role != "shelved" and p.weeks is not None and p.weeks < MIN_WEEKS
    ]


_ACTIONS: tuple[ActionRule, ...] = (
    ("action.strategy.follow_priorities",
     ("finding.strategy.practice_priority_share", "finding.strategy.practice_ahead"),
     3, 2),
    ("action.strategy.stop_shelved", ("finding.strategy.practice_shelved_posting",),
     2, 1),
    ("action.strategy.adjust_plan",
     ("finding.strategy.practice_above_plan", "finding.strategy.practice_below_plan"),
     2, 1),
    ("action.strategy.plan_unplanned", ("finding.strategy.practice_unplanned",), 1, 1),
)  # fmt: skip


PRACTICE_COLUMNS = (
    Column("platform", "column.strategy.channel", "label"),
    Column("account", "column.strategy.account"),
    Column("role", "column.strategy.role", "label"),
    Column("planned", "column.strategy.planned", "number"),
    Column("posts", "column.strategy.posts", "integer"),
    Column("weeks", "column.strategy.weeks", "number"),
    Column("per_week", "column.strategy.per_week", "number"),
    Column("vs_plan", "column.strategy.vs_plan", "percent", "planned_posts_a_week"),
    Column("share", "column.strategy.share", "percent", "all_posts_12_months"),
    Column("start", "column.strategy.start", "date"),
    Column("end", "column.strategy.end", "date"),
)


def _table(practice: Sequence[ChannelPractice], total: int, span: Span) -> Table:
    rows = tuple(
        (
            str(platform_name(p.platform)), p.account, str(role_name(p.role)),
            p.planned, p.posts, None if p.weeks is None else round(p.weeks, 1),
            p.per_week, p.vs_plan,
            None if p.posts is None or not total else p.posts / total,
            span.start, span.end,
        )
        for p in practice
    )  # fmt: skip
    return Table("strategy.practice", "table.strategy.practice", PRACTICE_COLUMNS, rows)
