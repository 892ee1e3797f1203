"""A hand-built workspace reviewed at two dates: the second review says what changed
since the first, from the figures the first left in the store."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

from fokus.model.results import Finding, SectionResult
from fokus.review import review_workspace
from fokus.store import Store
from fokus.workspace import Workspace, init_workspace, open_workspace

sys.path.insert(0, str(Path(__file__).parent / "analyses"))
from posts_table import add_post

FIRST = dt.date(2025, 7, 31)
SECOND = dt.date(2026, 1, 31)

CONFIG = """organisation = "Test"
language = "en"
strategy_reviewed = {reviewed}

[[channels]]
platform = "instagram"
account = "acc"
role = "{instagram}"
posts_per_week_planned = {planned}

[[channels]]
platform = "facebook"
account = "acc"
role = "{facebook}"
posts_per_week_planned = 3

[[goals]]
key = "synlighet"
text = "Synlighet"
serves = "Bruk"

[[goals.kpis]]
metric = "posts_per_week"
platform = "instagram"
target = {target}
period = "12_months"
text = "Innlegg per uke på Instagram"
"""


def _workspace(root: Path, **values: object) -> Workspace:
    (root / "fokus.toml").write_text(CONFIG.format(**values), encoding="utf-8")
    return open_workspace(root)


def _add_posts(root: Path, start: dt.date, end: dt.date, import_id: int) -> None:
    """Instagram once a week, Facebook three times a week, and the import log row."""
    with Store.open(root / "fokus.duckdb") as store:
        store.connection.execute(
            "INSERT INTO imports VALUES (?, 'f.csv', ?, 1, 'k', 'p', 'utf-8', ',', "
            "[], [], ?, 'option', 0, 0, 0, now())",
            [import_id, str(import_id), end],
        )
        day = start
        while day + dt.timedelta(days=4) <= end:
            add_post(store, "instagram", f"i{day}", day, as_of=end, import_id=import_id)
            for offset in (0, 2, 4):
                add_post(store, "facebook", f"f{day}+{offset}",
                         day + dt.timedelta(days=offset), as_of=end,
                         import_id=import_id)  # fmt: skip
            day += dt.timedelta(days=7)


def _strategy(sections: tuple[SectionResult, ...]) -> SectionResult:
    [strategy] = [s for s in sections if s.key == "strategy"]
    return strategy


def test_two_reviews_at_two_dates_say_what_changed(tmp_path: Path) -> None:
    root = init_workspace(tmp_path / "ws", "Test", "en").root
    _add_posts(root, dt.date(2024, 7, 1), dt.date(2025, 7, 28), import_id=1)
    first = _workspace(root, reviewed="2025-01-10", instagram="main",
                       facebook="support", planned=3, target=3)  # fmt: skip
    review = review_workspace(first, today=FIRST)
    strategy = _strategy(review.sections)
    # The first review: Facebook (support) posts three times as often as
    # Instagram (main), and Instagram is below its plan and its KPI's target.
    assert [f.key for f in strategy.findings if f.severity == "warning"] == [
        "finding.strategy.kpi_behind_level",
        "finding.strategy.practice_ahead",
        "finding.strategy.practice_below_plan",
    ]
    assert strategy.findings[-1].key == "finding.strategy.since_none"

    # Ten days later the first review is too recent to compare with.
    again = review_workspace(first, today=FIRST + dt.timedelta(days=10), record=False)
    assert _strategy(again.sections).findings[-1].key == "finding.strategy.since_none"

    # Half a year on: the strategy was revised, Facebook made the main channel,
    # Instagram's plan and target lowered to the once a week it gets.
    _add_posts(root, dt.date(2025, 7, 28), dt.date(2026, 1, 26), import_id=2)
    second = _workspace(root, reviewed="2026-01-15", instagram="support",
                        facebook="main", planned=1, target=0.9)  # fmt: skip
    sections = review_workspace(second, today=SECOND).sections
    strategy = _strategy(sections)
    since = [f for f in strategy.findings if f.key.startswith("finding.strategy.since")]
    assert [(f.key, f.severity) for f in since] == [
        ("finding.strategy.since_previous", "info"),
        ("finding.strategy.since_strategy_revised", "info"),
        ("finding.strategy.since_kpi_better", "info"),
        ("finding.strategy.since_target_lowered", "notice"),
        ("finding.strategy.since_findings", "info"),
    ]
    assert strategy.findings[-1].key == "finding.since.findings"
    # The channel mix changed: the channels section says how.
    [channels] = [s for s in sections if s.key == "channels"]
    mix = [f for f in channels.findings if f.key.startswith("finding.strategy.since")]
    assert since[0].params == {"previous": FIRST, "days": 184}
    assert since[1].params == {
        "then": dt.date(2025, 1, 10),
        "now": dt.date(2026, 1, 15),
    }
    assert (since[2].params["then"], since[2].params["now"]) == (
        "column.strategy.status.behind", "column.strategy.status.met"
    )  # fmt: skip
    assert (since[3].params["then"], since[3].params["now"]) == (3, 0.9)
    assert [(f.params["platform"], f.params["then"], f.params["now"])
            for f in mix] == [
        ("platform.facebook", "column.strategy.role.support",
         "column.strategy.role.main"),
        ("platform.instagram", "column.strategy.role.main",
         "column.strategy.role.support"),
        ("platform.instagram", 3, 1),
    ]  # fmt: skip

    tables = {t.key: t for t in strategy.tables}
    [kpi] = tables["strategy.since_kpis"].rows
    assert kpi[4:] == (
        dt.date(2025, 7, 28), pytest.approx(52 / (365 / 7)), 3.0,
        "column.strategy.status.behind",
        dt.date(2026, 1, 26), pytest.approx(52 / (365 / 7)), 0.9,
        "column.strategy.status.met",
    )  # fmt: skip
    assert "strategy.since_channels" not in tables
    assert [t.key for t in channels.tables][-1] == "channels.since_channels"
    # The strategy section's own warnings of the first review are gone.
    changed = tables["strategy.since_findings"].rows
    assert [(change, str(text)[:40]) for change, _, text in changed] == [
        ("column.since.gone", "Innlegg per uke på Instagram (Instagram)"),
        ("column.since.gone", "Facebook (support channel) had more post"),
        ("column.since.gone", "Posts a week on Instagram (main channel)"),
    ]
    assert strategy.findings[-1].params["gone"] == 3

    # The same day again: still compared with the first review, and stored once.
    strategy = _strategy(review_workspace(second, today=SECOND).sections)
    [previous] = [
        f for f in strategy.findings if f.key == "finding.strategy.since_previous"
    ]
    assert previous.params == {"previous": FIRST, "days": 184}
    with Store.open(root / "fokus.duckdb") as store:
        days = store.connection.execute(
            "SELECT reviewed_on FROM reviews ORDER BY reviewed_on"
        ).fetchall()
    assert days == [(FIRST,), (SECOND,)]


ACCESS = "person,email_domain,relation,platform,asset,asset_type,role,two_factor_account,two_factor_profile\n"


def _access(root: Path, *rows: str) -> None:
    (root / "registers" / "access.csv").write_text(
        ACCESS + "".join(f"{row}\n" for row in rows), encoding="utf-8"
    )


def _since(section: SectionResult) -> list[tuple[str, str, str]]:
    """The section's table of findings new and gone: change, severity, English."""
    [table] = [t for t in section.tables if t.key == f"{section.key}.since_findings"]
    return [(str(c), str(s), str(t)) for c, s, t in table.rows]


def test_each_section_shows_its_findings_new_and_gone(tmp_path: Path) -> None:
    """60 days apart: Kari turned on two-factor (that warning is gone), and Ola was
    given admin with a Gmail address (a new warning): the security section lists
    exactly those two, and the channels section the channel mix then and now."""
    root = init_workspace(tmp_path / "ws", "Test", "en").root
    _add_posts(root, dt.date(2025, 1, 6), dt.date(2025, 11, 24), import_id=1)
    first = _workspace(root, reviewed="2025-11-01", instagram="main",
                       facebook="support", planned=1, target=1)  # fmt: skip
    _access(root,
            "Kari,x.no,staff,Facebook,Side,page,admin,no,yes",
            "Per,x.no,staff,Facebook,Side,page,admin,yes,yes",
            "Kari,x.no,staff,Instagram,Konto,account,admin,yes,yes",
            "Per,x.no,staff,Instagram,Konto,account,admin,yes,yes")  # fmt: skip
    review_workspace(first, today=dt.date(2025, 12, 1))
    _access(root,
            "Kari,x.no,staff,Facebook,Side,page,admin,yes,yes",
            "Per,x.no,staff,Facebook,Side,page,admin,yes,yes",
            "Ola,gmail.com,staff,Facebook,Side,page,admin,yes,yes",
            "Kari,x.no,staff,Instagram,Konto,account,admin,yes,yes",
            "Per,x.no,staff,Instagram,Konto,account,admin,yes,yes")  # fmt: skip
    second = _workspace(root, reviewed="2025-11-01", instagram="main",
                        facebook="main", planned=1, target=1)  # fmt: skip
    today = dt.date(2026, 1, 30)  # 60 days on
    sections = {s.key: s for s in review_workspace(second, today=today).sections}
    assert _since(sections["security"]) == [
        ("column.since.new", "report.severity.warning",
         "Ola logs in to Facebook: Side with a personal email address (gmail.com)."
         " The organisation cannot close or recover such an account when the"
         " person leaves."),
        ("column.since.gone", "report.severity.critical",
         "Kari does not use two-factor authentication on their account (Facebook:"
         " Side). Whoever gets hold of the password walks straight in."),
    ]  # fmt: skip
    assert sections["security"].findings[-1] == Finding(
        "finding.since.findings", "info",
        {"previous": dt.date(2025, 12, 1), "new": 1, "gone": 1,
         "new_warnings": 1, "gone_warnings": 1},
    )  # fmt: skip
    # The channel mix: Facebook made a main channel, in the channels section.
    channels = sections["channels"]
    assert [(f.key, f.params) for f in channels.findings[-2:]] == [
        ("finding.strategy.since_role_changed",
         {"platform": "platform.facebook", "account": "acc",
          "then": "column.strategy.role.support", "now": "column.strategy.role.main"}),
        ("finding.since.unchanged", {"previous": dt.date(2025, 12, 1)}),
    ]  # fmt: skip
    mix = channels.tables[-1]
    assert (mix.key, [c.key for c in mix.columns]) == ("channels.since_channels", [
        "platform", "account", "then_role", "now_role", "then_planned",
        "now_planned", "then_per_week", "now_per_week",
    ])  # fmt: skip
    assert [row[:6] for row in mix.rows] == [
        ("platform.instagram", "acc", "column.strategy.role.main",
         "column.strategy.role.main", 1, 1),
        ("platform.facebook", "acc", "column.strategy.role.support",
         "column.strategy.role.main", 3, 3),
    ]  # fmt: skip
    assert [row[6:] for row in mix.rows] == [
        # 46 and 138 posts over the 323 days the posts span, the same both times
        (pytest.approx(46 * 7 / 323), pytest.approx(46 * 7 / 323)),
        (pytest.approx(138 * 7 / 323), pytest.approx(138 * 7 / 323)),
    ]
    # The strategy section keeps no part of either.
    strategy = sections["strategy"]
    assert {t.key for t in strategy.tables} & {
        "channels.since_channels", "security.since_findings"
    } == set()  # fmt: skip
