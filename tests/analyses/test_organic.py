"""The organic-content section, on hand-built posts with answers worked out by hand,
and on the demo workspace for the patterns it plants."""

from __future__ import annotations

import datetime as dt
import math
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from fokus.analyses import organic_posts
from fokus.analyses.base import ReviewContext, ReviewData, records
from fokus.analyses.organic import Organic
from fokus.analyses.organic_pillars import (
    PillarPost,
    compare_pillars,
    hashtag_pillars,
    label_pillars,
    pillar_sources,
)
from fokus.analyses.stats import MIN_POSTS
from fokus.config import PillarConfig, load_config
from fokus.model.results import SectionResult, Table
from fokus.review import review_data
from fokus.store import Store

sys.path.insert(0, str(Path(__file__).parent))
from posts_table import add_import, add_post

CONFIG = load_config('organisation = "Test"')
TODAY = dt.date(2026, 2, 1)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "fokus.duckdb") as opened:
        add_import(opened)
        yield opened


def _run(store: Store, config: object = CONFIG) -> SectionResult:
    context = ReviewContext(config, TODAY)  # type: ignore[arg-type]
    return Organic().run(review_data(store), context)


def _table(result: SectionResult, key: str) -> Table:
    return next(t for t in result.tables if t.key == key)


def _finding(result: SectionResult, key: str) -> dict[str, object]:
    return dict(next(f for f in result.findings if f.key == key).params)


def _split_posts(store: Store, paid: int = 10) -> None:
    """Ten organic Facebook posts (reach 100…1000, rate 5 %), ``paid`` paid ones
    (reach 1000…, rate 1 %) and one the export says nothing about."""
    day = dt.date(2025, 3, 3)
    for i in range(1, 11):
        add_post(store, "facebook", f"o{i:02}", day, reach=100 * i, reactions=5 * i)
    for i in range(1, paid + 1):
        add_post(store, "facebook", f"p{i:02}", day, paid="paid", reach=1000 * i,
                 reactions=10 * i)  # fmt: skip
    add_post(store, "facebook", "u", day, paid="unknown", reach=300, reactions=3)


def test_no_posts_means_insufficient_data(store: Store) -> None:
    result = _run(store)
    assert result.status == "insufficient_data"
    assert [f.key for f in result.findings] == ["finding.organic.no_posts"]
    assert [a.key for a in result.actions] == ["action.organic.export_posts"]


def test_organic_and_paid_apart_with_medians_and_exact_intervals(store: Store) -> None:
    _split_posts(store)
    result = _run(store)
    split = _table(result, "organic.paid_split")
    reach = "report.denominator.reach"
    # n = 10: the exact 95 % interval runs from the 2nd to the 9th value.
    assert split.rows == (
        ("platform.facebook", "column.organic.status.organic", reach, 10, 10 / 21,
         10, 550.0, 200.0, 900.0, 10, 0.05, 0.05, 0.05),
        ("platform.facebook", "column.organic.status.paid", reach, 10, 10 / 21,
         10, 5500.0, 2000.0, 9000.0, 10, 0.01, 0.01, 0.01),
        ("platform.facebook", "column.organic.status.unknown", reach, 1, 1 / 21,
         1, 300.0, None, None, 1, 0.01, None, None),
    )  # fmt: skip
    rate_columns = [c for c in split.columns if c.key.startswith("rate")]
    assert {(c.denominator, c.statistic) for c in rate_columns} == {
        ("reach_or_views", "median_of_rates")
    }
    finding = _finding(result, "finding.organic.paid_reach_not_engagement")
    # The median of ten values on the log scale is the mean of the middle two logs.
    assert finding["reach_ratio"] == pytest.approx(
        math.sqrt(5001 * 6001) / math.sqrt(501 * 601)
    )
    # Rates compared on log(1 + 10 000 × rate): 101/501 for 1 % against 5 %.
    assert finding["rate_ratio"] == pytest.approx(101 / 501)
    assert finding["rate_paid"] == pytest.approx(1.0)
    assert finding["rate_organic"] == pytest.approx(5.0)
    assert (finding["n_paid"], finding["n_organic"]) == (10, 10)


def test_too_few_paid_posts_are_not_compared(store: Store) -> None:
    _split_posts(store, paid=MIN_POSTS - 1)
    result = _run(store)
    keys = [f.key for f in result.findings if "paid" in f.key]
    assert keys == ["finding.organic.paid_too_few"]
    assert _finding(result, "finding.organic.paid_too_few")["n"] == MIN_POSTS - 1


def test_trend_by_month_and_first_against_last_quarter(store: Store) -> None:
    as_of = dt.date(2026, 1, 31)
    for month in range(1, 7):
        base = 1000 if month <= 3 else 500
        for i in range(10):
            add_post(store, "instagram", f"m{month}-{i}", dt.date(2025, month, 2 + i),
                     paid="unknown", reach=base + i, likes=10, as_of=as_of)  # fmt: skip
    # Three days old at export: left out of the trend (and of its months).
    add_post(store, "instagram", "young", dt.date(2026, 1, 28), paid="unknown",
             reach=5, likes=1, as_of=as_of)  # fmt: skip
    result = _run(store)
    trend = _table(result, "organic.trend")
    basis = "report.denominator.reach"
    assert trend.rows == tuple(
        ("platform.instagram", basis, dt.date(2025, m, 1), 10,
         (1004.5 if m <= 3 else 504.5), (1001.0 if m <= 3 else 501.0),
         (1008.0 if m <= 3 else 508.0))
        for m in range(1, 7)
    )  # fmt: skip
    down = _finding(result, "finding.organic.trend_down")
    assert down["ratio"] == pytest.approx(math.sqrt(505 * 506 / (1005 * 1006)))
    assert (down["n_first"], down["n_last"]) == (30, 30)
    assert (down["median_first"], down["median_last"]) == (1004.5, 504.5)


def test_a_short_history_has_no_trend_finding(store: Store) -> None:
    for i in range(12):
        add_post(store, "instagram", f"a{i}", dt.date(2025, 1 + i % 5, 3),
                 paid="unknown", reach=100, likes=5)  # fmt: skip
    result = _run(store)
    assert _finding(result, "finding.organic.trend_too_short") == {
        "platform": "platform.instagram",
        "basis": "report.denominator.reach",
        "first": dt.date(2025, 1, 1),
        "last": dt.date(2025, 5, 1),
    }


def test_top_posts_against_the_accounts_baseline(store: Store) -> None:
    for i in range(1, 9):
        add_post(store, "facebook", f"p{i}", dt.date(2025, 3, i), reach=100,
                 reactions=10, text_raw=f"Innlegg {i}")  # fmt: skip
    add_post(store, "facebook", "p9", dt.date(2025, 3, 9), reach=500, reactions=50,
             format_="video", text_raw="Et  innlegg\n\nmed to avsnitt")  # fmt: skip
    top = _table(_run(store), "organic.top_posts")
    # Posts 1–5 have fewer than five earlier posts: no baseline to stand on.
    assert [(r[3], r[4], r[5], r[8]) for r in top.rows] == [
        ("Et innlegg med to avsnitt", 5.0, 5.0, 8),
        ("Innlegg 6", 1.0, 1.0, 5),
        ("Innlegg 7", 1.0, 1.0, 6),
    ]
    assert top.rows[0][:3] == ("platform.facebook", dt.date(2025, 3, 9), "format.video")


def test_keyword_pillars_against_the_rest_of_the_channel(store: Store) -> None:
    day = dt.date(2025, 3, 3)
    for i in range(12):  # "turen" starts with the keyword "tur": Natur
        add_post(store, "facebook", f"n{i:02}", day, reach=100, reactions=10,
                 text_raw="Vi gikk turen opp til varden")  # fmt: skip
    for i in range(12):
        add_post(store, "facebook", f"m{i:02}", day, reach=100, reactions=5,
                 text_raw="Kommunestyret har møte i kveld")  # fmt: skip
    for i in range(MIN_POSTS - 1):  # "kultur" holds "tur", but not at a word start
        add_post(store, "facebook", f"k{i:02}", day, reach=100, reactions=20,
                 text_raw="Kultur for alle i kulturhuset")  # fmt: skip
    config = load_config(
        'organisation = "T"\n[[pillars]]\nname = "Natur"\nkeywords = ["tur"]\n'
        '[[pillars]]\nname = "Kultur"\nkeywords = ["kultur"]\n'
    )
    result = _run(store, config)
    table = _table(result, "organic.pillars_keywords")
    natur, kultur = table.rows
    basis = "report.denominator.reach"
    assert natur[:8] == (
        "platform.facebook",
        "Natur",
        12,
        12 / 33,
        basis,
        0.1,
        0.1,
        0.1,
    )
    # The rest: 12 posts at 5 % and 9 at 20 %; its median is 5 %.
    assert natur[8] == pytest.approx(1001 / 501)
    assert natur[12:] == (1, None)
    # A pillar of MIN_POSTS - 1 posts is listed, never ranked.
    assert kultur[:4] == ("platform.facebook", "Kultur", MIN_POSTS - 1, 9 / 33)
    assert kultur[8:] == (None, None, None, None, None, "column.organic.too_few")
    works = _finding(result, "finding.organic.pillar_works")
    assert (works["pillar"], works["n"], works["rest"]) == ("Natur", 12, 21)
    assert "finding.organic.pillars_from_keywords" in [f.key for f in result.findings]


def _post(key: str, text: str | None = None, labels: str | None = None,
          rate: float | None = 0.05, platform: str = "facebook") -> PillarPost:  # fmt: skip
    return PillarPost(key, platform, text, labels, rate)


def test_labels_are_split_on_commas_semicolons_and_bars() -> None:
    pillars = label_pillars(
        [
            _post("a", labels="Kultur, Natur"),
            _post("b", labels="Jobb;Kultur|"),
            _post("c"),
        ]
    )
    assert pillars is not None
    assert pillars.names == ("Jobb", "Kultur", "Natur")
    assert pillars.members == {
        "a": frozenset({"Kultur", "Natur"}),
        "b": frozenset({"Jobb", "Kultur"}),
    }


def test_standing_hashtags_are_not_pillars() -> None:
    posts = [_post(f"t{i}", "#Fjordvik #tur") for i in range(3)]
    posts += [_post(f"k{i}", "#fjordvik #kultur på lørdag") for i in range(4)]
    posts += [_post(f"x{i}", "#sjelden") for i in range(2)] + [_post("none", "Ingen")]
    pillars, covered = hashtag_pillars(posts)
    assert pillars is not None
    # #fjordvik is on 7 of 9 tagged posts: the brand's own. #sjelden: too rare.
    assert pillars.names == ("#kultur", "#tur")
    assert covered == 7 / 10


def test_topics_only_without_rules_labels_or_common_hashtags() -> None:
    texts = (
        ["Konsert i kulturhuset med korpset"] * 20
        + ["Brøyting av veiene i sentrum"] * 20
        + ["Nye bøker på biblioteket"] * 20
    )
    posts = [_post(f"p{i:02}", t) for i, t in enumerate(texts)]
    assert [p.source for p in pillar_sources(posts, ())] == ["topics"]
    rules = (PillarConfig("Kultur", ("konsert",)),)
    assert [p.source for p in pillar_sources(posts, rules)] == ["keywords"]
    labelled = [*posts[:-1], _post("l", "Konsert", labels="Kultur")]
    assert [p.source for p in pillar_sources(labelled, ())] == ["labels"]


def test_a_zero_median_rate_gives_no_ratio() -> None:
    posts = [_post(f"a{i:02}", "#tur", rate=0.0 if i < 8 else 0.1) for i in range(12)]
    posts += [_post(f"b{i:02}", "#annet", rate=0.0) for i in range(12)]
    pillars, _ = hashtag_pillars(posts)
    assert pillars is not None
    rows = compare_pillars(posts, pillars)
    assert [(r.pillar, r.n, r.lift, r.rank) for r in rows] == [
        ("#annet", 12, None, None),
        ("#tur", 12, None, None),
    ]


def test_views_against_the_accounts_baseline(store: Store) -> None:
    for i, impressions in enumerate((100, 300, 200, 800)):
        add_post(store, "linkedin", f"l{i}", dt.date(2025, 3, 1 + i),
                 impressions=impressions, reactions=1)  # fmt: skip
    data: ReviewData = review_data(store)
    rows = records(data.measures.select("post_id", "baseline_views",
                   "views_vs_baseline").order_by("post_id"))  # fmt: skip
    assert rows == [
        {"post_id": "l0", "baseline_views": None, "views_vs_baseline": None},
        {"post_id": "l1", "baseline_views": 100.0, "views_vs_baseline": 3.0},
        {"post_id": "l2", "baseline_views": 200.0, "views_vs_baseline": 1.0},
        {"post_id": "l3", "baseline_views": 200.0, "views_vs_baseline": 4.0},
    ]


# ── The demo workspace ─────────────────────────────────────────────────────────


@pytest.fixture
def demo_result(demo_data: tuple[ReviewData, ReviewContext]) -> SectionResult:
    return Organic().run(*demo_data)


def test_demo_paid_buys_reach_not_engagement_on_facebook_and_linkedin(
    demo_result: SectionResult,
) -> None:
    found = {
        str(f.params["platform"]): f
        for f in demo_result.findings
        if f.key == "finding.organic.paid_reach_not_engagement"
    }
    assert set(found) == {"platform.facebook", "platform.linkedin"}
    for finding in found.values():
        assert finding.evidence is not None and finding.evidence.interval is not None
        assert finding.evidence.interval[0] > 3  # several times the reach …
        assert float(finding.params["rate_ratio"]) < 0.6  # type: ignore[arg-type]


def test_demo_every_rate_column_names_its_denominator_and_tables_have_n(
    demo_result: SectionResult,
) -> None:
    assert demo_result.status == "ok"
    for table in demo_result.tables:
        keys = {c.key for c in table.columns}
        # A table of single posts needs no n; every other table has one.
        if table.key != "organic.genericness_posts":
            assert keys & {"posts", "n_pairs", "baseline_n"}, table.key
        for column in table.columns:
            if column.kind == "percent" and column.key not in {"share", "chance",
                    "cliches", "first_person", "questions"}:  # fmt: skip
                assert column.denominator, (table.key, column.key)


def test_demo_generic_texts_do_worse_and_facebook_falls(
    demo_result: SectionResult,
) -> None:
    keys = [f.key for f in demo_result.findings]
    assert "finding.organic.generic_does_worse" in keys
    down = [f for f in demo_result.findings if f.key == "finding.organic.trend_down"]
    assert [str(f.params["platform"]) for f in down] == ["platform.facebook"]
    assert math.isfinite(float(down[0].params["ratio"]))  # type: ignore[arg-type]


def test_a_large_channel_has_its_text_read_from_a_fixed_sample(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(organic_posts, "TEXT_SAMPLE", 5)
    day = dt.date(2025, 3, 3)
    for i in range(12):
        add_post(store, "facebook", f"f{i:02}", day, reach=100, reactions=5,
                 text_nfkc=f"Innlegg {i}")  # fmt: skip
    for i in range(3):
        add_post(store, "instagram", f"i{i}", day, reach=100, reactions=5)
    data = review_data(store)
    measures = data.measures
    organic = measures.mutate(rate=measures.rate_reach)
    first = organic_posts.post_rows(organic, data.texts)
    assert [p.platform for p in first] == ["facebook"] * 5 + ["instagram"] * 3
    assert first == organic_posts.post_rows(
        organic, data.texts
    )  # the same posts every run
    hashed = records(
        organic.filter(organic.platform == "facebook")
        .order_by([organic.post_id.hash(), "post_id"])
        .select("post_id")
        .limit(5)
    )
    assert sorted(p.key for p in first[:5]) == sorted(
        f"facebook/acc/{r['post_id']}" for r in hashed
    )
    (finding,) = organic_posts.text_sample(organic)
    assert (finding.key, dict(finding.params)) == (
        "finding.organic.text_sample",
        {"platform": "platform.facebook", "sample": 5, "posts": 12},
    )
