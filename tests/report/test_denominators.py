"""Denominators and statistics are names, shown in the reader's language: in the
evidence line, on a chart's axis, and nowhere as free text."""

from __future__ import annotations

import pytest

from fokus.analyses.measures import BASELINE_POSTS
from fokus.model.results import Evidence
from fokus.report.blocks import ColumnBlock
from fokus.report.charts import _axis_title
from fokus.report.display import denominator_name, evidence_line, statistic_name


def test_the_evidence_line_shows_denominator_and_statistic_in_bokmal() -> None:
    evidence = Evidence(
        40, 1.25, denominator="planned_posts_a_week", statistic="median_per_post"
    )
    assert evidence_line(evidence, "nb") == (
        "n = 40 · verdi 1,25 · målt mot de planlagte innleggene i uka"
        " · median per innlegg"
    )
    assert evidence_line(evidence, "en") == (
        "n = 40 · value 1.25 · relative to the planned posts a week · median per post"
    )


def test_a_statistic_alone_follows_the_figures() -> None:
    evidence = Evidence(12, 0.5, statistic="ratio_of_medians")
    assert evidence_line(evidence, "nb") == (
        "n = 12 · verdi 0,5 · forholdet mellom medianene"
    )


@pytest.mark.parametrize(
    "name",
    [
        "all posts on every channel in the 12 months",  # free text, as before
        "report.denominator.reach",  # a whole key
        "reach; median of per-post rates",  # two parts in one string
        "",
    ],
)
def test_an_unknown_denominator_is_a_programming_error(name: str) -> None:
    with pytest.raises(ValueError, match="not a denominator name"):
        denominator_name(name, "nb")
    with pytest.raises(ValueError, match="not a denominator name"):
        evidence_line(Evidence(3, denominator=name), "nb")  # type: ignore[arg-type]


def test_an_unknown_statistic_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="not a statistic name"):
        statistic_name("median per post", "en")


def test_the_axis_names_a_single_measure_only() -> None:
    rate = ColumnBlock(
        "rate", "Engasjementsrate", "percent", "reach", "median_of_rates"
    )
    assert _axis_title(rate, "nb") == "Engasjementsrate (%), målt mot rekkevidde"
    assert _axis_title(rate, "en") == "Engasjementsrate (%), per reach"
    # A longer denominator belongs in the evidence line and the JSON, not the axis.
    lift = ColumnBlock("vs", "Mot normalen", "number", "engagement_baseline")
    assert _axis_title(lift, "nb") == "Mot normalen"
    plain = ColumnBlock("n", "Innlegg", "integer")
    assert _axis_title(plain, "nb") == "Innlegg"


@pytest.mark.parametrize("language", ["nb", "en"])
@pytest.mark.parametrize("name", ["engagement_baseline", "audience_baseline"])
def test_the_baseline_texts_say_how_many_posts_the_code_uses(
    name: str, language: str
) -> None:
    # The catalogs spell the window out; it must stay the one measures.py uses.
    assert f" {BASELINE_POSTS} " in denominator_name(name, language)
