"""The formats section: both rankings, the threshold, shrinkage, disagreement,
formats fokus does not know, and video length — on hand-built posts with known
answers, and on the demo, which plants a format that wins reach but loses
engagement rate."""

from __future__ import annotations

import datetime as dt
import statistics
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from fokus.analyses.base import ReviewContext, ReviewData
from fokus.analyses.formats import Formats
from fokus.analyses.stats import MIN_POSTS, median_difference, shrink
from fokus.config import load_config
from fokus.i18n import MessageKey
from fokus.model.results import Evidence, SectionResult, Table
from fokus.review import review_data
from fokus.store import Store

sys.path.insert(0, str(Path(__file__).parent))
from posts_table import add_import, add_post

CONFIG = load_config('organisation = "Test"\n')
DAY = dt.date(2026, 1, 5)

VIDEO = [1000.0 + 100 * i for i in range(10)]  # median 1450, interval 1100–1800
IMAGE = [500.0 + 50 * i for i in range(10)]  # median 725, interval 550–900
DOCUMENT = [5000.0 + 500 * i for i in range(MIN_POSTS - 1)]  # too few to rank


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "fokus.duckdb") as opened:
        add_import(opened)
        yield opened


def _run(store: Store) -> SectionResult:
    return Formats().run(review_data(store), ReviewContext(CONFIG, DAY))


def _posts(store: Store, platform: str, name: str, impressions: list[float],
           reactions: float, **fields: object) -> None:  # fmt: skip
    for i, value in enumerate(impressions):
        add_post(store, platform, f"{name}{i}", DAY + dt.timedelta(days=i),
                 impressions=value, reactions=reactions, **fields)  # fmt: skip


def _linkedin(store: Store) -> None:
    _posts(store, "linkedin", "v", VIDEO, 10, format_="video")
    _posts(store, "linkedin", "i", IMAGE, 25, format_="image")
    _posts(store, "linkedin", "d", DOCUMENT, 60, format_="document")
    _posts(store, "linkedin", "p", [10000.0] * 3, 5, format_="video", paid="paid")


@pytest.fixture(scope="module")
def linkedin(tmp_path_factory: pytest.TempPathFactory) -> SectionResult:
    """One channel: video reaches furthest, image engages most, 9 documents are
    one post short of a ranking, 3 paid videos are shown apart."""
    folder = tmp_path_factory.mktemp("linkedin")
    with Store.open(folder / "fokus.duckdb") as opened:
        add_import(opened)
        _linkedin(opened)
        return _run(opened)


def _table(result: SectionResult, key: str) -> Table:
    return next(t for t in result.tables if t.key == key)


def _rows(table: Table, *columns: str) -> list[tuple[object, ...]]:
    index = [[c.key for c in table.columns].index(c) for c in columns]
    return [tuple(row[i] for i in index) for row in table.rows]


def test_reach_ranking_medians_intervals_and_the_threshold(
    linkedin: SectionResult,
) -> None:
    assert linkedin.status == "ok"
    table = _table(linkedin, "formats.reach")
    overall = statistics.median(VIDEO + IMAGE + DOCUMENT)
    assert _rows(
        table,
        "format",
        "paid",
        "n",
        "reach",
        "median",
        "low",
        "high",
        "ordered_by",
        "rank",
        "note",
    ) == [
        (
            "format.video",
            "table.formats.paid.organic",
            10,
            "report.denominator.impressions",
            1450.0,
            1100.0,
            1800.0,
            1425.0,
            1,
            None,
        ),  # (10·1450 + 10·1400) / 20
        (
            "format.image",
            "table.formats.paid.organic",
            10,
            "report.denominator.impressions",
            725.0,
            550.0,
            900.0,
            1062.5,
            2,
            None,
        ),
        # The highest reach of all, but 9 posts: listed, never ranked.
        (
            "format.document",
            "table.formats.paid.organic",
            9,
            "report.denominator.impressions",
            7000.0,
            5500.0,
            8500.0,
            77000 / 19,
            None,
            "table.formats.note.too_few",
        ),
        (
            "format.video",
            "table.formats.paid.paid",
            3,
            "report.denominator.impressions",
            10000.0,
            None,
            None,
            None,
            None,
            "table.formats.note.paid",
        ),
    ]
    assert overall == 1400.0  # the 15th of the channel's 29 organic posts
    assert shrink(1450.0, 10, overall) == 1425.0


def test_engagement_ranking_names_its_denominator(linkedin: SectionResult) -> None:
    table = _table(linkedin, "formats.rate")
    rate_columns = [c for c in table.columns if c.kind == "percent"]
    assert [c.key for c in rate_columns] == ["median", "low", "high", "ordered_by"]
    assert {(c.denominator, c.statistic) for c in rate_columns} == {
        ("reach_views_or_impressions", "median_of_rates")
    }
    image = statistics.median(25 / v for v in IMAGE)
    video = statistics.median(10 / v for v in VIDEO)
    assert _rows(table, "format", "n", "denominator", "median", "rank")[:2] == [
        ("format.image", 10, "report.denominator.impressions", image, 1),
        ("format.video", 10, "report.denominator.impressions", video, 2),
    ]
    assert image == pytest.approx((25 / 700 + 25 / 750) / 2)


def test_rankings_that_disagree_are_a_finding(linkedin: SectionResult) -> None:
    found = {f.key: f for f in linkedin.findings}
    disagree = found["finding.formats.rankings_disagree"]
    image_rates = [25 / v for v in IMAGE]
    video_rates = [10 / v for v in VIDEO]
    d = median_difference(image_rates, video_rates)
    assert d.chance_to_beat is not None
    assert disagree.params == {
        "platform": "platform.linkedin", "account": "acc",
        "basis": "table.formats.basis.organic",
        "reach_format": "format.video", "rate_format": "format.image",
        "measure": "report.denominator.impressions", "reach_value": 1450,
        "reach_rate": round(statistics.median(video_rates) * 100, 1),
        "rate": round(statistics.median(image_rates) * 100, 1),
        "place": 2, "ranked": 2, "probability": min(99, round(d.chance_to_beat * 100)),
    }  # fmt: skip
    assert disagree.evidence == Evidence(
        n=20,
        value=d.difference.estimate,
        interval=(d.difference.low, d.difference.high),  # type: ignore[arg-type]
        probability=d.chance_to_beat,
        denominator="impressions",
    )
    assert [a.key for a in linkedin.actions] == ["action.formats.format_by_purpose"]


def test_top_reach_compares_on_the_log_scale(linkedin: SectionResult) -> None:
    top = next(f for f in linkedin.findings if f.key == "finding.formats.top_reach")
    d = median_difference(VIDEO, IMAGE, scale="log1p")
    assert d.ratio is not None
    assert top.params["ratio"] == round(d.ratio.estimate, 1) == 2.0
    assert (top.params["value"], top.params["runner_value"]) == (1450, 725)
    assert top.evidence == Evidence(
        n=20,
        value=d.ratio.estimate,
        interval=(d.ratio.low, d.ratio.high),  # type: ignore[arg-type]
        probability=d.chance_to_beat,
    )


def test_small_groups_are_flagged(linkedin: SectionResult) -> None:
    small = next(f for f in linkedin.findings if f.key == "finding.formats.small_group")
    assert small.params["format"] == MessageKey("format.document")
    assert (small.params["posts"], small.params["minimum"]) == (9, MIN_POSTS)


def test_a_group_one_short_of_the_minimum_is_never_ranked(store: Store) -> None:
    _posts(store, "linkedin", "v", VIDEO[: MIN_POSTS - 1], 10, format_="video")
    _posts(store, "linkedin", "i", IMAGE[: MIN_POSTS - 1], 25, format_="image")
    result = _run(store)
    assert result.status == "insufficient_data"
    assert result.findings[0].key == "finding.formats.too_few_to_rank"
    for key in ("formats.reach", "formats.rate"):
        assert {r[0] for r in _rows(_table(result, key), "rank")} == {None}


def test_one_format_alone_is_not_ranked_against_nothing(store: Store) -> None:
    _posts(store, "tiktok", "t", VIDEO, 0, format_="video", views=1.0)
    table = _table(_run(store), "formats.reach")
    assert _rows(table, "rank", "note") == [(None, "table.formats.note.alone")]


def test_unknown_formats_stay_apart_under_their_own_words(store: Store) -> None:
    _posts(store, "facebook", "e", [10.0] * 2, 1, format_="other",
           format_raw="Event", reach=5)  # fmt: skip
    _posts(store, "facebook", "a", [10.0] * 3, 1, format_="other",
           format_raw="Album", reach=5)  # fmt: skip
    _posts(store, "x", "x", [10.0] * 4, 1, format_="other", paid="unknown")
    result = _run(store)
    assert _rows(
        _table(result, "formats.reach"), "platform", "format", "exported_as", "n"
    ) == [
        ("platform.facebook", "format.other", "Album", 3),
        ("platform.facebook", "format.other", "Event", 2),
        ("platform.x", "format.other", None, 4),
    ]
    found = {f.key: f for f in result.findings}
    assert found["finding.formats.other_formats"].params["words"] == "Album, Event"
    assert found["finding.formats.other_formats"].params["n"] == 5
    assert found["finding.formats.format_not_exported"].params["n"] == 4
    # An export without paid status is ranked on all its posts, and says so.
    assert _rows(_table(result, "formats.reach"), "paid")[-1] == (
        "table.formats.paid.unknown",
    )


def test_reach_is_used_where_the_channel_has_it(store: Store) -> None:
    for i, (reach, views) in enumerate([(100, 900), (200, 800), (None, 700)]):
        add_post(store, "facebook", f"f{i}", DAY, reach=reach, views=views,
                 reactions=10)  # fmt: skip
    table = _table(_run(store), "formats.rate")
    # The post without reach is left out, not measured by views instead.
    assert _rows(table, "n", "denominator", "median") == [
        (2, "report.denominator.reach", (10 / 100 + 10 / 200) / 2)
    ]


def test_video_length_buckets_and_their_bounds(store: Store) -> None:
    durations = [10, 14.9, 15, 60, 60.5, 180, 181, 600, 601, 3600]
    for i, seconds in enumerate(durations):
        add_post(store, "youtube", f"y{i}", DAY, format_="video", views=100,
                 duration_sec=seconds, avg_percent_viewed=10.0 * (i + 1),
                 avg_seconds_viewed=seconds / 2)  # fmt: skip
    table = _table(_run(store), "formats.video_length")
    rows = _rows(table, "length", "videos", "measure", "n", "median")
    percent = [r for r in rows if r[2] == "table.formats.watch.percent_viewed"]
    assert percent == [
        ("table.formats.length.under_15s", 2, "table.formats.watch.percent_viewed",
         2, 15.0),
        ("table.formats.length.15_60s", 2, "table.formats.watch.percent_viewed",
         2, 35.0),
        ("table.formats.length.1_3min", 2, "table.formats.watch.percent_viewed",
         2, 55.0),
        ("table.formats.length.3_10min", 2, "table.formats.watch.percent_viewed",
         2, 75.0),
        ("table.formats.length.over_10min", 2, "table.formats.watch.percent_viewed",
         2, 95.0),
    ]  # fmt: skip
    shares = {r[4] for r in rows if r[2] == "table.formats.watch.watch_share"}
    assert shares == {50.0}


def test_video_length_finding_compares_enough_videos(store: Store) -> None:
    for i in range(MIN_POSTS):
        add_post(store, "youtube", f"s{i}", DAY, views=100, duration_sec=30,
                 avg_percent_viewed=70.0 + i)  # fmt: skip
        add_post(store, "youtube", f"l{i}", DAY, views=100, duration_sec=900,
                 avg_percent_viewed=30.0 + i)  # fmt: skip
    found = next(
        f for f in _run(store).findings if f.key == "finding.formats.video_length"
    )
    assert found.params["best"] == MessageKey("table.formats.length.15_60s")
    assert found.params["worst"] == MessageKey("table.formats.length.over_10min")
    assert (found.params["best_value"], found.params["worst_value"]) == (74.5, 34.5)
    assert found.evidence is not None and found.evidence.value == 40.0


def test_no_posts_is_insufficient_data(store: Store) -> None:
    result = _run(store)
    assert result.status == "insufficient_data"
    assert [f.key for f in result.findings] == ["finding.formats.no_posts"]


def test_the_demo_video_on_linkedin_wins_reach_and_loses_engagement(
    demo_data: tuple[ReviewData, ReviewContext],
) -> None:
    result = Formats().run(*demo_data)
    assert result.status == "ok"
    linkedin = [
        f
        for f in result.findings
        if f.key == "finding.formats.rankings_disagree"
        and f.params["platform"] == "platform.linkedin"
    ]
    assert len(linkedin) == 1
    params, evidence = linkedin[0].params, linkedin[0].evidence
    assert params["reach_format"] == "format.video"
    assert params["rate_format"] == "format.document"
    assert params["measure"] == "report.denominator.impressions"
    assert params["place"] == params["ranked"]  # video engages least
    assert evidence is not None and evidence.probability is not None
    assert evidence.probability > 0.95 and evidence.denominator == "impressions"
    # No ranking anywhere includes a group below the threshold, or a paid one.
    for key in ("formats.reach", "formats.rate"):
        for paid, n, rank in _rows(_table(result, key), "paid", "n", "rank"):
            if rank is not None:
                assert isinstance(n, int) and n >= MIN_POSTS
                assert paid != "table.formats.paid.paid"
