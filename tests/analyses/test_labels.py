"""Display labels for stored metric names (fokus.analyses.labels)."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys

import duckdb
import pytest

from fokus.analyses.labels import KNOWN_METRICS, metric_label
from fokus.i18n import LANGUAGES, Label, Language, MessageKey, catalog, show
from fokus.ingest import linkedin_audience, linkedin_content, meta_series
from fokus.ingest.tiktok_columns import FOLLOWERS, OVERVIEW, VIEWERS
from fokus.ingest.x_columns import DAILY_METRICS
from fokus.ingest.x_columns import METRICS as X_METRICS
from fokus.ingest.youtube_columns import METRICS as YOUTUBE_METRICS
from fokus.model.results import Finding, Review, SectionResult
from fokus.model.vocab import POST_METRICS
from fokus.report import review_to_dict
from fokus.report.display import format_cell

# A video id, a country: data that a label shows as stored.
DATA_PART = re.compile(r"^(?P<metric>[a-z_%]+)\.(?P<value>.+)$")


def _both(name: str) -> tuple[str, str]:
    label = metric_label(name)
    return show(label, "nb"), show(label, "en")


@pytest.mark.parametrize(
    ("name", "nb", "en"),
    [
        ("reach", "Rekkevidde", "Reach"),
        ("views", "Visninger", "Views"),
        ("impressions", "Eksponeringer", "Impressions"),
        ("link_clicks", "Lenkeklikk", "Link clicks"),
        ("follows", "Nye følgere", "New followers"),
        ("engagement_rate", "Engasjementsrate", "Engagement rate"),
        # LinkedIn's content sheet: <figure>_<variant>
        ("impressions_organic", "Eksponeringer (organisk)", "Impressions (organic)"),
        ("impressions_sponsored", "Eksponeringer (sponset)", "Impressions (sponsored)"),
        ("clicks_total", "Klikk (totalt)", "Clicks (total)"),
        ("engagement_rate_sponsored", "Engasjementsrate (sponset)",
         "Engagement rate (sponsored)"),
        ("unique_impressions_organic", "Unike eksponeringer (organisk)",
         "Unique impressions (organic)"),
        ("shares_total", "Delinger (totalt)", "Shares (total)"),
        # LinkedIn's followers export
        ("new_followers_total", "Nye følgere (totalt)", "New followers (total)"),
        ("new_followers_auto_invited", "Nye følgere (automatisk inviterte)",
         "New followers (auto-invited)"),
        # X's promoted daily columns
        ("likes_paid", "Likerklikk (betalt)", "Likes (paid)"),
        ("reposts_paid", "Reposter (betalt)", "Reposts (paid)"),
        # LinkedIn's visitors export: <measure>_<section>_<device>
        ("page_views_overview_desktop", "Sidevisninger – Oversikt (datamaskin)",
         "Page views – Overview (desktop)"),
        ("page_views_total_total", "Sidevisninger – hele siden (alle enheter)",
         "Page views – whole page (all devices)"),
        ("unique_visitors_careers_mobile", "Unike besøkende – Karriere (mobil)",
         "Unique visitors – Careers (mobile)"),
        ("unique_visitors_jobs_total", "Unike besøkende – Jobber (alle enheter)",
         "Unique visitors – Jobs (all devices)"),
        # a section fokus has not seen keeps LinkedIn's name for it
        ("page_views_products_mobile", "Sidevisninger – products (mobil)",
         "Page views – products (mobile)"),
        # YouTube's Chart data: <metric>.<value>
        ("views.subscribed", "Visninger – abonnenter", "Views – subscribers"),
        ("views.not_subscribed", "Visninger – ikke-abonnenter",
         "Views – non-subscribers"),
        ("seconds_viewed.female", "Visningstid – kvinner", "Watch time – women"),
        ("views.13-17", "Visninger – 13–17 år", "Views – age 13–17"),
        ("views.65+", "Visninger – 65+ år", "Views – age 65+"),
        ("avg_percent_viewed.-HHGH-TTqYM", "Gjennomsnittlig andel sett – -HHGH-TTqYM",
         "Average percentage viewed – -HHGH-TTqYM"),
        ("views.Norway", "Visninger – Norway", "Views – Norway"),
        # an export heading fokus does not know: shown as stored
        ("watch_hours_5", "watch_hours_5", "watch_hours_5"),
        ("views.", "views.", "views."),
        ("unknown_metric.subscribed", "unknown_metric.subscribed",
         "unknown_metric.subscribed"),
    ],
)  # fmt: skip
def test_labels_render_exactly(name: str, nb: str, en: str) -> None:
    assert _both(name) == (nb, en)


def test_a_label_is_its_stored_name() -> None:
    label = metric_label("likes_paid")
    assert (label, str(label), label.key) == (
        "likes_paid",
        "likes_paid",
        "metric.with_variant",
    )
    assert dict(label.params) == {
        "metric": MessageKey("metric.likes"),
        "variant": MessageKey("metric.variant.paid"),
    }
    assert metric_label("reach").key == "metric.reach"
    assert metric_label("watch_hours_5").key is None


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_post_metric_has_its_own_label(language: Language) -> None:
    texts = catalog(language)
    missing = sorted(m for m in POST_METRICS if not texts.get(f"metric.{m}"))
    assert missing == []
    shown = {m: show(metric_label(m), language) for m in POST_METRICS}
    assert all(metric_label(m).key == f"metric.{m}" for m in POST_METRICS)
    assert sorted(m for m, text in shown.items() if text in {m, f"metric.{m}"}) == []
    # Two canonical metrics never share a label (views and impressions differ).
    by_text: dict[str, list[str]] = {}
    for metric, text in shown.items():
        by_text.setdefault(text, []).append(metric)
    assert {t: ms for t, ms in by_text.items() if len(ms) > 1} == {}


def test_named_post_metrics_read_as_their_composed_form() -> None:
    """``reach_paid`` has its own entry; it must say what the composition says."""
    for name, base, variant in [
        ("reach_organic", "reach", "organic"),
        ("reach_paid", "reach", "paid"),
        ("views_organic", "views", "organic"),
        ("views_paid", "views", "paid"),
        ("impressions_organic", "impressions", "organic"),
        ("impressions_paid", "impressions", "paid"),
        ("engagements_paid", "engagements", "paid"),
    ]:
        composed = Label(
            name,
            "metric.with_variant",
            metric=MessageKey(f"metric.{base}"),
            variant=MessageKey(f"metric.variant.{variant}"),
        )
        for language in LANGUAGES:
            assert show(metric_label(name), language) == show(composed, language)


def _importer_series_names() -> set[str]:
    """Every daily metric name the importers' own tables can produce."""
    names: set[str] = set(meta_series._METRICS.values())
    names |= {*OVERVIEW, *VIEWERS, *FOLLOWERS}
    x_names = {*X_METRICS, *DAILY_METRICS}
    names |= x_names | {f"{m}_paid" for m in x_names}
    youtube = {m.name for m in YOUTUBE_METRICS.values() if m.name != "duration_sec"}
    names |= youtube
    names |= {f"{m}.{v}" for m in youtube for v in ("subscribed", "not_subscribed",
              "female", "male", "user_specified", "total", "18-24", "65+")}  # fmt: skip
    names |= {
        f"{base}_{variant}"
        for base, _ in linkedin_content._BASES.values()
        for variant in linkedin_content._VARIANTS.values()
    }
    names |= set(linkedin_audience._FOLLOWERS.values())
    names |= {
        f"{measure}_{section}_{device}"
        for measure in linkedin_audience._MEASURES.values()
        for section in linkedin_audience._SECTIONS.values()
        for device in linkedin_audience._DEVICES.values()
    }
    return names


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_name_an_importer_stores_has_a_label(language: Language) -> None:
    names = _importer_series_names()
    assert len(names) > 150  # the tables were read
    unlabelled = sorted(
        name
        for name in names
        if metric_label(name).key is None
        or (text := show(metric_label(name), language)) == name
        or "metric." in text
        or "{" in text
    )
    assert unlabelled == []


def test_a_label_in_the_json_output_is_the_stored_name() -> None:
    label = metric_label("views.subscribed")
    review = Review(
        "Org",
        "nb",
        dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
        None,
        (
            SectionResult(
                "coverage",
                "ok",
                findings=(
                    Finding(
                        "finding.coverage.series_platform_unknown",
                        "notice",
                        {"metric": label, "account": "Fjordvik"},
                    ),
                ),
            ),
        ),
    )
    finding = review_to_dict(review, "ws")["sections"][0]["findings"][0]  # type: ignore[index]
    assert finding["params"] == {"account": "Fjordvik", "metric": "views.subscribed"}
    assert finding["text"] == (
        "Dagsserien «Visninger – abonnenter» (Fjordvik) sier ikke om den gjelder "
        "Facebook eller Instagram; legg den i exports/facebook/ eller "
        "exports/instagram/."
    )


@pytest.fixture(scope="module")
def demo_names(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, str]]:
    """``fokus demo`` into a temporary folder; the daily table's metric names."""
    root = tmp_path_factory.mktemp("labels") / "demo"
    env = {**os.environ, "FOKUS_LANG": "en", "NO_COLOR": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "fokus", "demo", str(root), "--quiet"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    with duckdb.connect(str(root / "fokus.duckdb"), read_only=True) as db:
        rows = db.execute(
            "SELECT DISTINCT platform, metric FROM daily ORDER BY ALL"
        ).fetchall()
    return [(str(p), str(m)) for p, m in rows]


@pytest.mark.slow
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_series_of_the_demo_has_a_label(
    demo_names: list[tuple[str, str]], language: Language
) -> None:
    platforms = {p for p, _ in demo_names}
    assert platforms == {"facebook", "instagram", "linkedin", "tiktok", "x", "youtube"}
    assert len(demo_names) == 93
    raw = []
    for _, name in demo_names:
        text = show(metric_label(name), language)
        assert "metric." not in text and "{" not in text, (name, text)
        data = DATA_PART.match(name)
        if data and data["metric"] in KNOWN_METRICS:
            # A video id stays as stored, after the metric's label.
            metric = show(MessageKey(f"metric.{data['metric']}"), language)
            assert text.startswith(f"{metric} – "), (name, text)
        elif text == name:
            raw.append(name)
    assert raw == []
    youtube = [n for p, n in demo_names if p == "youtube"]
    assert len(youtube) == 6
    assert sorted(_both(n)[0] for n in youtube)[:2] == [
        "Visninger",
        "Visninger – -toJmdRsbcf",
    ]


def test_a_label_cell_in_the_report_shows_its_label() -> None:
    cell = format_cell(metric_label("page_views_overview_mobile"), "label", "nb")
    assert (cell.text, cell.sort_key) == ("Sidevisninger – Oversikt (mobil)", None)
    assert format_cell("platform.facebook", "label", "en").text == "Facebook"
