"""The time-use section: the plan from a hand-built register, and the measured
proxies (reuse of winners, human voice, replies) from hand-built posts."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from fokus.analyses import time_use, time_use_proxies
from fokus.analyses.base import ReviewContext, ReviewData
from fokus.analyses.stats import proportion_interval
from fokus.analyses.time_use import TimeUse
from fokus.analyses.time_use_proxies import comparable_words, is_reply
from fokus.config import WorkspaceConfig
from fokus.i18n import catalog, translate
from fokus.model.results import Finding, SectionResult, Table
from fokus.registers.reader import RegisterFile, RegisterProblem, parse_register
from fokus.review import review_data
from fokus.store import Store

sys.path.insert(0, str(Path(__file__).parent))
from posts_table import add_import, add_post

TODAY = dt.date(2026, 11, 20)
HEADER = [
    "task", "hours_saved_per_month", "analysis", "creative", "prioritisation",
    "relationships", "human_content", "dialogue", "reuse",
]  # fmt: skip
KARI = "Møt Kari som har drevet kafeen på torget i over tretti år nå"
FACEBOOK = (
    "Vi åpner den nye badeplassen ved fjorden på lørdag klokka tolv",
    "Husk å sortere plasten riktig før tømmedagen neste uke i hele kommunen",
    "Biblioteket har fått mange nye bøker om friluftsliv og turer i fjellet",
    "Kommunestyret møtes torsdag for å behandle budsjettet for neste år",
    "Jeg har jobbet som helsesykepleier i ti år og elsker jobben min",
    "Snøbrøytingen starter tidlig i morgen, så flytt bilen fra gata før natta",
    KARI,
    "Nå kan du søke om tilskudd til lag og foreninger for neste sesong",
    "Vannet blir stengt i noen timer på tirsdag på grunn av vedlikehold",
    "Skolene har planleggingsdag fredag og elevene har derfor fri hele dagen",
    "Det blir konsert i kulturhuset med lokale artister søndag kveld klokka sju",
    "Vi søker sommervikarer til pleie og omsorg i alle sonene våre i år",
)


def _config() -> WorkspaceConfig:
    return WorkspaceConfig("Org", "en", "Europe/Oslo", None, (), (), ())


def _register(*rows: list[str]) -> RegisterFile:
    return parse_register("time_use", "time_use.csv", [HEADER, *rows])


def _run(data: ReviewData, register: RegisterFile | None) -> SectionResult:
    registers = {} if register is None else {"time_use": register}
    return TimeUse().run(data, ReviewContext(_config(), TODAY, registers=registers))


def _finding(result: SectionResult, key: str) -> Finding:
    (found,) = [f for f in result.findings if f.key == f"finding.time_use.{key}"]
    return found


def _keys(result: SectionResult) -> list[str]:
    return [f.key.removeprefix("finding.time_use.") for f in result.findings]


def _table(result: SectionResult, key: str) -> Table:
    return next(t for t in result.tables if t.key == f"time_use.{key}")


@pytest.fixture(scope="module")
def empty(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ReviewData]:
    with Store.open(tmp_path_factory.mktemp("empty") / "fokus.duckdb") as store:
        yield review_data(store)


@pytest.fixture(scope="module")
def posts(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ReviewData]:
    """Twelve Facebook posts a day apart from 1 January 2026, the seventh (naming
    Kari) ten times as engaging as the rest: the channel's only winner. Then the
    winner's text again two days later (too soon to count as reuse), and again
    with three more words on 1 February (reuse); an ordinary post's text again on
    2 February (not a winner's). On X: one reply, one post."""
    with Store.open(tmp_path_factory.mktemp("posts") / "fokus.duckdb") as store:
        add_import(store)
        start = dt.date(2026, 1, 1)
        for i, text in enumerate(FACEBOOK):
            add_post(store, "facebook", f"f{i + 1}", start + dt.timedelta(days=i),
                     text_raw=text, reactions=100 if text == KARI else 10)  # fmt: skip
        for post_id, day, text in (
            ("f13", dt.date(2026, 1, 9), KARI),
            ("f14", dt.date(2026, 2, 1), KARI + " igjen i dag"),
            ("f15", dt.date(2026, 2, 2), FACEBOOK[2]),
        ):
            add_post(store, "facebook", post_id, day, text_raw=text, reactions=10)
        add_post(store, "x", "x1", dt.date(2026, 1, 20), account="fk",
                 text_raw="@ola takk for spørsmålet, vi ser på saken i morgen")  # fmt: skip
        add_post(store, "x", "x2", dt.date(2026, 1, 21), account="fk",
                 text_raw="Ny rapport om friluftsliv i kommunen er ute nå")  # fmt: skip
        yield review_data(store)


# --- the plan -------------------------------------------------------------------------


def test_unallocated_hours_and_empty_areas(empty: ReviewData) -> None:
    result = _run(empty, _register(
        ["Drafting copy", "17", "2", "3", "", "", "2", "", ""],
        ["Video", "6", "", "", "", "", "3", "", "1"],
        ["Images", "10", "", "4", "", "", "", "", "2"],
        ["Replies", "8", "", "", "", "", "", "8", ""],
    ))  # fmt: skip
    assert result.status == "ok"
    unallocated = _finding(result, "unallocated")
    assert unallocated.severity == "warning"
    assert translate(unallocated.key, "en", **unallocated.params) == (
        "16 of the 41 hours you save a month (39%) have no plan. Most of them come "
        'from "Drafting copy" (10 hours). Decide what they are for; the checklist '
        "names seven areas where saved time does the most good."
    )
    empty_areas = _finding(result, "areas_empty")
    assert empty_areas.severity == "notice"
    shown = [
        translate(empty_areas.key, lang, **empty_areas.params) for lang in ("nb", "en")
    ]
    assert shown == [
        "Ingen av de sparte timene er satt av til prioritering og relasjoner. "
        "Sjekklisten peker på alle sju områdene; vurder om noen av timene bør gå hit.",
        "None of the hours saved are set aside for prioritisation and relationships. "
        "The checklist names all seven areas; consider whether some of the hours "
        "should go there.",
    ]
    allocation = _table(result, "allocation")
    assert [(r[0], r[1], r[2]) for r in allocation.rows] == [
        ("section.time_use.area.analysis", 1, 2.0),
        ("section.time_use.area.creative", 2, 7.0),
        ("section.time_use.area.prioritisation", 0, 0.0),
        ("section.time_use.area.relationships", 0, 0.0),
        ("section.time_use.area.human_content", 2, 5.0),
        ("section.time_use.area.dialogue", 1, 8.0),
        ("section.time_use.area.reuse", 2, 3.0),
        ("section.time_use.unallocated", None, 16.0),
        ("section.time_use.saved", 4, 41.0),
    ]
    assert allocation.rows[7][3] == pytest.approx(16 / 41)
    assert _table(result, "tasks").rows[0] == (
        "Drafting copy", 17.0, 2.0, 3.0, 0.0, 0.0, 2.0, 0.0, 0.0, 10.0,
    )  # fmt: skip
    assert [a.key for a in result.actions] == [
        "action.time_use.allocate", "action.time_use.plan_areas",
    ]  # fmt: skip


def test_allocation_chart_has_the_areas_and_the_unplanned_hours(
    empty: ReviewData,
) -> None:
    result = _run(empty, _register(
        ["Drafting copy", "17", "2", "3", "", "", "2", "", ""],
        ["Replies", "8", "", "", "", "", "", "8", ""],
    ))  # fmt: skip
    chart = next(c for c in result.charts if c.key == "time_use.allocation.chart")
    assert (chart.kind, chart.n, chart.low) == ("bar", None, None)
    # Every area and the unplanned hours; the total is not a bar.
    assert [(str(r[0]), r[1]) for r in chart.data.rows] == [
        ("section.time_use.area.analysis", 2.0),
        ("section.time_use.area.creative", 3.0),
        ("section.time_use.area.prioritisation", 0.0),
        ("section.time_use.area.relationships", 0.0),
        ("section.time_use.area.human_content", 2.0),
        ("section.time_use.area.dialogue", 8.0),
        ("section.time_use.area.reuse", 0.0),
        ("section.time_use.unallocated", 10.0),
    ]
    assert translate(
        chart.data.rows[0][0].key, "nb", **chart.data.rows[0][0].params
    ) == (  # type: ignore[union-attr]
        translate("section.time_use.area.analysis", "nb")
    )


def test_a_little_unallocated_time_is_a_notice(empty: ReviewData) -> None:
    result = _run(empty, _register(["Drafts", "10", "1", "1", "1", "1", "1", "1", "3"]))
    assert _finding(result, "unallocated").severity == "notice"  # 1 of 10 hours
    assert "areas_empty" not in _keys(result)


def test_a_fully_planned_register_has_neither_finding(empty: ReviewData) -> None:
    result = _run(empty, _register(["Drafts", "7", "1", "1", "1", "1", "1", "1", "1"]))
    assert _keys(result)[:1] == ["summary"]
    assert "unallocated" not in _keys(result)
    assert "areas_empty" not in _keys(result)
    assert translate("finding.time_use.summary", "en",
                     **_finding(result, "summary").params) == (
        "The team saves 7 hours a month on 1 tasks and has planned what 7 of them "
        "go to (100%)."
    )  # fmt: skip


def test_no_register_an_empty_one_and_a_broken_one(empty: ReviewData) -> None:
    missing = _run(empty, None)
    assert (missing.status, _keys(missing)) == (
        "insufficient_data",
        ["no_register", "no_posts"],
    )
    blank = _run(empty, RegisterFile("time_use", "time_use.csv", ()))
    assert (blank.status, _keys(blank)[0]) == ("insufficient_data", "empty_register")
    broken = _run(empty, _register(["Drafts", "many", "", "", "", "", "", "", ""]))
    assert broken.status == "insufficient_data"
    assert [f.key for f in broken.findings][:2] == [
        "finding.time_use.empty_register", "register.time_use.bad_number",
    ]  # fmt: skip
    problem = RegisterProblem("register.unreadable", params={"error": "bad zip"})
    unreadable = RegisterFile("time_use", "time_use.xlsx", (), (problem,))
    result = _run(empty, unreadable)
    assert [(f.key, f.params) for f in result.findings][:1] == [
        ("register.unreadable", {"file": "time_use.xlsx", "error": "bad zip"})
    ]


# --- the proxies ----------------------------------------------------------------------


def _proxies(result: SectionResult) -> dict[tuple[object, object], tuple[object, ...]]:
    return {(r[0], r[1]): r[2:] for r in _table(result, "proxies").rows}


def test_reuse_voice_and_replies_by_hand(posts: ReviewData) -> None:
    result = _run(posts, None)
    found = _proxies(result)
    one_in_15 = proportion_interval(1, 15)
    assert one_in_15 is not None
    assert found[("section.time_use.measure.reuse", "platform.facebook")] == (
        15, 1, 1 / 15, one_in_15.low, one_in_15.high,
    )  # fmt: skip
    assert found[("section.time_use.measure.reuse", "platform.x")][:2] == (1, 0)
    assert found[("section.time_use.measure.reuse", "column.time_use.all")][:2] == (
        16,
        1,
    )
    # "Jeg … min", and Kari named in three posts.
    assert found[("section.time_use.measure.voice", "platform.facebook")][:2] == (15, 4)
    assert found[("section.time_use.measure.voice", "column.time_use.all")][:2] == (
        16,
        4,
    )
    assert found[("section.time_use.measure.replies", "platform.x")][:3] == (2, 1, 0.5)
    assert ("section.time_use.measure.replies", "column.time_use.all") not in found
    reuse = _finding(result, "reuse")
    assert (reuse.evidence is not None and reuse.evidence.n) == 16
    assert translate(reuse.key, "en", **reuse.params) == (
        "Reuse of winners (all channels): 1 of 16 posts from 3 Feb 2025 to "
        "2 Feb 2026 (6%, 95% interval 1–28%) reuse the text of an earlier winner: "
        "one of the best 20% on its channel, published at least 7 days before. Two "
        "texts count as the same text when at least 50% of their word sequences are "
        "shared; texts under 6 words are left out."
    )
    not_exported = _finding(result, "replies_not_exported")
    assert translate(not_exported.key, "nb", **not_exported.params).startswith(
        "For Facebook kan ikke fokus måle"
    )


def test_reuse_needs_a_winner_and_a_week(posts: ReviewData) -> None:
    """Only f14 counts: f13 is the winner's text two days on, f15 repeats a
    post that was no winner."""
    result = _run(posts, None)
    assert _table(result, "reuses").rows == (
        ("platform.facebook", dt.date(2026, 2, 1), KARI + " igjen i dag",
         "platform.facebook", dt.date(2026, 1, 7), KARI),
    )  # fmt: skip


def test_links_hashtags_and_mentions_are_not_compared() -> None:
    assert comparable_words(
        "Les mer på fjordvik.kommune.no/jobb og https://x.com/a #fjordvik @ola i dag"
    ) == ("les", "mer", "på", "og", "i", "dag")


def test_a_reply_is_an_x_post_opening_with_a_mention() -> None:
    assert is_reply("x", "  @ola takk!")
    assert not is_reply("x", "Takk @ola!")
    assert not is_reply("facebook", "@ola takk!")


def test_every_label_is_in_both_catalogs(posts: ReviewData) -> None:
    result = _run(posts, _register(["Drafts", "4", "1", "", "", "", "", "", ""]))
    labels = {
        str(cell)
        for table in result.tables
        for cell, column in zip(table.rows[0], table.columns, strict=True)
        if column.kind == "label"
    } | {str(c) for t in result.tables for c in t.columns for c in (c.label_key,)}
    labels |= {str(r[0]) for r in _table(result, "allocation").rows}
    for language in ("nb", "en"):
        assert labels - set(catalog(language)) == set(), language


def test_a_very_large_channel_is_measured_on_its_newest_posts(
    posts: ReviewData, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(time_use_proxies, "PROXY_POSTS", 10)
    monkeypatch.setattr(time_use, "PROXY_POSTS", 10)
    result = _run(posts, None)
    # Facebook's newest ten are f6 to f15: the posts of 1 to 5 January fall away.
    found = _proxies(result)
    assert found[("section.time_use.measure.voice", "platform.facebook")][0] == 10
    assert found[("section.time_use.measure.voice", "platform.x")][0] == 1
    newest = _finding(result, "newest_posts")
    assert dict(newest.params) == {
        "platform": "platform.facebook", "posts": 15, "read": 10,
    }  # fmt: skip
    assert translate(newest.key, "en", **newest.params).startswith(
        "Facebook has 15 posts, more than anyone writes by hand: the three measures "
        "below read its newest 10"
    )
