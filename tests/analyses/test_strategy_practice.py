"""Say and do: the plan's channel priorities and posts a week against the posts of
the twelve months up to the data's end, each rule with hand-built posts that
trigger it and posts that do not."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from fokus.analyses.strategy_practice import (
    AHEAD_FACTOR,
    OFF_PLAN_FACTOR,
    PracticeJudgment,
    judge_practice,
    shelved_since,
    window,
)
from fokus.config import load_config
from fokus.i18n import Percent
from fokus.model.results import Evidence, Finding
from fokus.review import review_data
from fokus.store import Store

sys.path.insert(0, str(Path(__file__).parent))
from posts_table import add_post

END = dt.date(2026, 1, 31)
START = dt.date(2025, 2, 1)  # the twelve months up to END
WEEKS = 365 / 7


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "fokus.duckdb") as opened:
        yield opened


def _posts(
    store: Store,
    platform: str,
    n: int,
    *,
    account: str = "acc",
    start: dt.date = START,
    days: int = 365,
) -> None:
    """``n`` posts spread evenly over ``days`` days from ``start``."""
    for i in range(n):
        day = start + dt.timedelta(days=i * days // n)
        add_post(
            store, platform, f"{platform}-{account}-{start}-{i}", day, account=account
        )


def _channel(platform: str, role: str, planned: float | None = None) -> str:
    text = f'[[channels]]\nplatform = "{platform}"\naccount = "acc"\nrole = "{role}"\n'
    if planned is not None:
        text += f"posts_per_week_planned = {planned}\n"
    return text


def _judge(store: Store, *channels: str, reviewed: str = "") -> PracticeJudgment:
    config = load_config('organisation = "T"\n' + reviewed + "".join(channels))
    return judge_practice(review_data(store), config, END)


def _found(judgment: PracticeJudgment, key: str) -> list[Finding]:
    return [f for f in judgment.findings if f.key == f"finding.strategy.practice_{key}"]


def test_the_window_is_the_twelve_months_up_to_the_data() -> None:
    assert (window(END).start, window(END).end, window(END).days) == (START, END, 365)
    assert window(dt.date(2024, 2, 29)).start == dt.date(2023, 3, 1)


# ── where the posts went ─────────────────────────────────────────────────────


def test_less_than_half_of_the_posts_on_the_priority_channels(store: Store) -> None:
    _posts(store, "instagram", 40)
    _posts(store, "x", 60)
    judgment = _judge(store, _channel("instagram", "main"), _channel("x", "other"))
    assert _found(judgment, "priority_share") == [
        Finding(
            "finding.strategy.practice_priority_share",
            "warning",
            {
                "share": Percent(0.4), "posts": 40, "total": 100,
                "minimum": Percent(0.5), "top": "platform.x",
                "top_role": "column.strategy.role.other", "top_share": Percent(0.6),
            },
            Evidence(100, 0.4, denominator="all_posts_12_months"),
        )
    ]  # fmt: skip
    assert "action.strategy.follow_priorities" in [a.key for a in judgment.actions]


def test_half_of_the_posts_on_the_priority_channels_is_enough(store: Store) -> None:
    _posts(store, "instagram", 50)
    _posts(store, "x", 50)
    judgment = _judge(store, _channel("instagram", "main"), _channel("x", "other"))
    assert _found(judgment, "priority_share") == []


def test_a_support_channel_ahead_of_the_main_one(store: Store) -> None:
    _posts(store, "instagram", 50)
    _posts(store, "facebook", 60)  # 1.2 times as many: AHEAD_FACTOR
    judgment = _judge(
        store, _channel("instagram", "main"), _channel("facebook", "support")
    )
    assert AHEAD_FACTOR == 1.2
    [ahead] = _found(judgment, "ahead")
    assert (ahead.severity, ahead.params) == (
        "warning",
        {
            "platform": "platform.facebook", "account": "acc",
            "role": "column.strategy.role.support", "per_week": 60 / WEEKS,
            "other": "platform.instagram", "other_role": "column.strategy.role.main",
            "other_per_week": 50 / WEEKS,
        },
    )  # fmt: skip
    assert ahead.evidence is not None
    assert (ahead.evidence.n, ahead.evidence.value) == (110, pytest.approx(1.2))


def test_a_support_channel_a_little_busier_than_the_main_one(store: Store) -> None:
    _posts(store, "instagram", 50)
    _posts(store, "facebook", 59)
    judgment = _judge(
        store, _channel("instagram", "main"), _channel("facebook", "support")
    )
    assert judgment.findings == ()


def test_an_other_channel_ahead_of_a_support_channel_only(store: Store) -> None:
    _posts(store, "instagram", 100)
    _posts(store, "facebook", 50)
    _posts(store, "x", 60)
    judgment = _judge(
        store,
        _channel("instagram", "main"),
        _channel("facebook", "support"),
        _channel("x", "other"),
    )
    [ahead] = _found(judgment, "ahead")
    assert (ahead.severity, ahead.params["platform"], ahead.params["other"]) == (
        "notice", "platform.x", "platform.facebook"
    )  # fmt: skip


# ── posts a week against the plan ────────────────────────────────────────────


@pytest.mark.parametrize(
    ("role", "planned", "posts", "expected"),
    [
        ("main", 1, 79, ("above_plan", "notice")),  # 1.515 a week
        ("main", 1, 78, None),  # 1.496
        ("main", 3, 104, ("below_plan", "warning")),  # 1.995 < 3 / 1.5
        ("main", 3, 105, None),  # 2.014
        ("support", 3, 104, ("below_plan", "warning")),
        ("other", 3, 104, ("below_plan", "notice")),
    ],
)
def test_posts_a_week_against_the_plan(
    store: Store,
    role: str,
    planned: float,
    posts: int,
    expected: tuple[str, str] | None,
) -> None:
    _posts(store, "linkedin", posts)
    judgment = _judge(store, _channel("linkedin", role, planned))
    assert OFF_PLAN_FACTOR == 1.5
    off = [f for f in judgment.findings if f.key.endswith("_plan")]
    if expected is None:
        assert off == []
        return
    key, severity = expected
    assert [(f.key, f.severity) for f in off] == [
        (f"finding.strategy.practice_{key}", severity)
    ]
    assert off[0].params == {
        "platform": "platform.linkedin", "account": "acc",
        "role": f"column.strategy.role.{role}", "per_week": posts / WEEKS,
        "planned": planned, "posts": posts, "weeks": 52,
    }  # fmt: skip
    assert off[0].evidence is not None
    assert off[0].evidence.value == pytest.approx(posts / WEEKS / planned)


# ── shelved and unplanned channels ───────────────────────────────────────────


def test_posting_on_a_shelved_channel_since_it_was_shelved(store: Store) -> None:
    _posts(store, "x", 10, start=START, days=140)  # before the strategy's review
    _posts(store, "x", 4, start=dt.date(2025, 9, 1), days=100)
    judgment = _judge(
        store, _channel("x", "shelved"), reviewed="strategy_reviewed = 2025-06-30\n"
    )
    assert judgment.findings == (
        Finding(
            "finding.strategy.practice_shelved_posting",
            "warning",
            {
                "platform": "platform.x", "account": "acc",
                "role": "column.strategy.role.shelved", "posts": 4,
                "since": dt.date(2025, 7, 1), "last": dt.date(2025, 11, 15),
            },
            Evidence(4),
        ),
    )  # fmt: skip
    assert [a.key for a in judgment.actions] == ["action.strategy.stop_shelved"]


def test_a_few_last_posts_on_a_shelved_channel_are_fine(store: Store) -> None:
    _posts(store, "x", 10, start=START, days=140)
    _posts(store, "x", 3, start=dt.date(2025, 9, 1), days=100)
    judgment = _judge(
        store, _channel("x", "shelved"), reviewed="strategy_reviewed = 2025-06-30\n"
    )
    assert judgment.findings == ()


def test_shelved_posts_count_from_the_window_when_the_review_is_older() -> None:
    span = window(END)
    assert shelved_since(span, dt.date(2020, 1, 1)) == START
    assert shelved_since(span, None) == START
    assert shelved_since(span, dt.date(2025, 6, 30)) == dt.date(2025, 7, 1)


def test_posting_on_a_channel_the_plan_does_not_name(store: Store) -> None:
    _posts(store, "instagram", 20)
    _posts(store, "tiktok", 4, account="tt")
    judgment = _judge(store, _channel("instagram", "main"))
    assert _found(judgment, "unplanned") == [
        Finding(
            "finding.strategy.practice_unplanned",
            "notice",
            {"platform": "platform.tiktok", "account": "tt",
             "role": "column.strategy.role.none", "posts": 4},
            Evidence(4),
        )
    ]  # fmt: skip


def test_three_posts_on_an_unplanned_channel_are_not_yet_a_practice(
    store: Store,
) -> None:
    _posts(store, "instagram", 20)
    _posts(store, "tiktok", 3, account="tt")
    judgment = _judge(store, _channel("instagram", "main"))
    assert _found(judgment, "unplanned") == []


# ── too little data ──────────────────────────────────────────────────────────


def test_a_channel_with_six_weeks_of_posts_is_not_compared(store: Store) -> None:
    _posts(store, "instagram", 60)
    _posts(store, "facebook", 30, start=END - dt.timedelta(days=41), days=42)
    judgment = _judge(
        store, _channel("instagram", "main", 1), _channel("facebook", "support", 1)
    )
    assert [(f.key, f.params.get("weeks")) for f in judgment.findings] == [
        ("finding.strategy.practice_too_short", 6.0)
    ]


def test_a_channel_with_eight_weeks_of_posts_is_compared(store: Store) -> None:
    _posts(store, "instagram", 60)
    _posts(store, "facebook", 30, start=END - dt.timedelta(days=55), days=56)
    judgment = _judge(
        store, _channel("instagram", "main", 1), _channel("facebook", "support", 1)
    )
    # 30 posts in 8 weeks: 3.75 a week, above the plan of 1 and ahead of Instagram.
    assert [f.key for f in judgment.findings] == [
        "finding.strategy.practice_ahead",
        "finding.strategy.practice_above_plan",
    ]
    assert judgment.findings[1].params["weeks"] == 8


# ── the table ────────────────────────────────────────────────────────────────


def test_the_table_lists_every_planned_and_every_posting_channel(store: Store) -> None:
    _posts(store, "instagram", 52)
    _posts(store, "instagram", 3, start=dt.date(2024, 6, 1), days=30)  # before
    _posts(store, "tiktok", 2, account="tt")
    judgment = _judge(
        store,
        _channel("x", "other", 2),
        _channel("instagram", "main", 1),
        _channel("youtube", "shelved"),
    )
    table = judgment.table
    assert table.key == "strategy.practice"
    assert [c.key for c in table.columns] == [
        "platform", "account", "role", "planned", "posts", "weeks", "per_week",
        "vs_plan", "share", "start", "end",
    ]  # fmt: skip
    assert table.rows == (
        ("platform.instagram", "acc", "column.strategy.role.main", 1.0, 52, 52.1,
         52 / WEEKS, 52 / WEEKS, 52 / 54, START, END),
        ("platform.x", "acc", "column.strategy.role.other", 2.0, None, None, None,
         None, None, START, END),
        ("platform.youtube", "acc", "column.strategy.role.shelved", None, None, None,
         None, None, None, START, END),
        ("platform.tiktok", "tt", "column.strategy.role.none", None, 2, 52.1,
         2 / WEEKS, None, 2 / 54, START, END),
    )  # fmt: skip
