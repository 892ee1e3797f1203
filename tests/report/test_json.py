from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from fokus.model.results import Finding, Review, SectionResult
from fokus.report import JSON_SCHEMA_VERSION, render_json, review_to_dict

MakeReview = Callable[..., Review]
FullReview = Callable[[str], Review]
LOCALE = Path(__file__).parents[2] / "src" / "fokus" / "locale"
SECTIONS = (
    "coverage",
    "strategy",
    "ai_tools",
    "time_use",
    "channels",
    "formats",
    "text",
    "security",
    "organic",
    "focus",
)


def _reject_constant(name: str) -> object:
    raise AssertionError(f"{name} in JSON output")


@pytest.mark.parametrize("language", ["nb", "en"])
def test_matches_golden_file(
    full_review: FullReview, golden: Callable[[str, str], None], language: str
) -> None:
    full = full_review(language)
    golden(f"review.{language}.json", render_json(full, "kystlaget"))


def test_top_level_keys_in_documented_order(review: MakeReview) -> None:
    document = review_to_dict(review(), "kystlaget")
    assert list(document) == [
        "schema_version",
        "generated_at",
        "language",
        "workspace",
        "organisation",
        "period",
        "scorecard",
        "action_plan",
        "sections",
    ]
    assert document["schema_version"] == JSON_SCHEMA_VERSION == 2


def test_section_and_finding_keys_in_documented_order(full_review: FullReview) -> None:
    section = review_to_dict(full_review("nb"), "w")["sections"][0]
    assert list(section) == [
        "key",
        "status",
        "title",
        "findings",
        "tables",
        "charts",
        "actions",
        "method",
        "fill",
        "error",
    ]
    assert list(section["findings"][0]) == [
        "id",
        "key",
        "severity",
        "text",
        "params",
        "evidence",
    ]


def test_findings_are_identified_by_their_anchor(review: MakeReview) -> None:
    sections = review_to_dict(review(), "w")["sections"]
    assert [f["id"] for f in sections[0]["findings"]] == [
        "coverage-f1",
        "coverage-f2",
        "coverage-f3",
    ]


def test_scorecard_and_action_plan(full_review: FullReview) -> None:
    document = review_to_dict(full_review("en"), "w")
    assert document["scorecard"] == [
        {
            "number": 1,
            "section": "ai_tools",
            "title": "Are you using AI in the best way?",
            "standing": "no_data",
            "verdict": document["sections"][1]["fill"],
            "finding": None,
        },
        {
            "number": 2,
            "section": "security",
            "title": "Is your security under control?",
            "standing": "failed",
            "verdict": "The analysis stopped with an error; the rest of the report is unaffected.",
            "finding": None,
        },
    ]
    texts = [f["text"] for f in document["sections"][0]["findings"][:2]]
    assert document["action_plan"] == {
        "items": [
            {
                "rank": 1,
                "section": "coverage",
                "text": "Download exports covering at least 365 days from every "
                "channel, and run the review again.",
                "impact": 3,
                "effort": 1,
                "findings": [
                    {"id": "coverage-f1", "text": texts[0]},
                    {"id": "coverage-f2", "text": texts[1]},
                ],
            }
        ],
        "more": 0,
    }


def test_chart_with_its_data_as_a_table(full_review: FullReview) -> None:
    section = review_to_dict(full_review("en"), "w")["sections"][0]
    assert section["charts"] == [
        {
            "key": "reach_by_channel",
            "kind": "bar",
            "title": "Scope and frequency",
            "x": "channel",
            "y": "share",
            "low": "low",
            "high": "high",
            "series": None,
            "n": "posts",
            "min_n": 30,
            "note": None,
            "data": {
                "key": "reach_by_channel",
                "title": "Scope and frequency",
                "columns": [
                    {"key": "channel", "label": "Channel", "kind": "label"},
                    {
                        "key": "share",
                        "label": "Share",
                        "kind": "percent",
                        "denominator": "reach",
                        "denominator_text": "reach",
                        "statistic": "median_of_rates",
                        "statistic_text": "median of per-post rates",
                    },
                    {"key": "low", "label": "Share", "kind": "percent"},
                    {"key": "high", "label": "Share", "kind": "percent"},
                    {"key": "posts", "label": "Posts", "kind": "integer"},
                ],
                "rows": [
                    ["platform.facebook", 0.0734, 0.051, 0.094, 120],
                    ["platform.tiktok", 0.12, None, None, 4],
                ],
            },
        }
    ]


def test_method_note_and_fill(full_review: FullReview) -> None:
    sections = review_to_dict(full_review("nb"), "w")["sections"]
    by_key = {s["key"]: s for s in sections}
    # Every section has its method note; only the one short of data says what
    # would fill it.
    assert all(isinstance(s["method"], str) and s["method"] for s in sections)
    assert by_key["ai_tools"]["fill"] == _catalog_text("nb", "section.ai_tools.fill")
    assert by_key["coverage"]["fill"] is None
    assert by_key["security"]["fill"] is None
    assert by_key["coverage"]["method"] == _catalog_text(
        "nb", "section.coverage.method"
    )


def test_text_is_utf8_indented_with_trailing_newline(review: MakeReview) -> None:
    text = render_json(review(), "kystlaget")
    assert text.endswith("}\n")
    assert '"title": "Har dere kontroll på sikkerheten?"' in text
    assert '\n  "schema_version": 2,\n' in text


def test_nan_and_infinity_are_written_as_null(review: MakeReview) -> None:
    text = render_json(review(), "kystlaget")
    assert "NaN" not in text
    assert "Infinity" not in text
    document = json.loads(text, parse_constant=_reject_constant)
    finding = document["sections"][0]["findings"][2]
    assert finding["params"] == {"share": None}
    assert finding["evidence"] == {
        "n": 3,
        "value": None,
        "interval": [None, 1.0],
        "probability": None,
        "denominator": None,
        "denominator_text": None,
        "statistic": None,
        "statistic_text": None,
    }
    assert document["sections"][0]["tables"][0]["rows"][1] == [
        "Instagram",
        87,
        None,
        None,
        None,
    ]


def test_same_review_gives_identical_bytes(review: MakeReview) -> None:
    first = render_json(review(), "kystlaget").encode("utf-8")
    assert render_json(review(), "kystlaget").encode("utf-8") == first


def test_parameter_order_does_not_change_the_output(review: MakeReview) -> None:
    original = review()
    coverage = original.sections[0]
    first = coverage.findings[1]
    reordered = dataclasses.replace(
        first, params=dict(reversed(list(first.params.items())))
    )
    assert list(reordered.params) != list(first.params)
    findings = (coverage.findings[0], reordered, *coverage.findings[2:])
    changed = dataclasses.replace(
        original,
        sections=(
            dataclasses.replace(coverage, findings=findings),
            *original.sections[1:],
        ),
    )
    assert render_json(changed, "kystlaget") == render_json(original, "kystlaget")


def test_generated_at_is_utc_with_z(review: MakeReview) -> None:
    oslo = dt.timezone(dt.timedelta(hours=1))
    aware = dataclasses.replace(
        review(), generated_at=dt.datetime(2026, 1, 15, 10, 30, 12, 999, tzinfo=oslo)
    )
    naive = dataclasses.replace(
        review(), generated_at=dt.datetime(2026, 1, 15, 9, 30, 12)
    )
    for value in (aware, naive):
        assert review_to_dict(value, "w")["generated_at"] == "2026-01-15T09:30:12Z"


def test_no_period_is_null(review: MakeReview) -> None:
    document = review_to_dict(dataclasses.replace(review(), period=None), "w")
    assert document["period"] is None


def test_unknown_key_is_shown_as_the_key(review: MakeReview) -> None:
    sections = json.loads(render_json(review(), "w"))["sections"]
    assert sections[0]["findings"][2]["text"] == "coverage.not_in_any_catalog"


def test_text_with_a_missing_parameter_is_shown_unfilled() -> None:
    broken = Review(
        organisation="O",
        language="en",
        generated_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
        period=None,
        sections=(
            SectionResult(
                key="text",
                status="ok",
                findings=(
                    Finding("finding.common.too_few", "info", {"minimum": 3}),
                    Finding("finding.common.too_few", "info", {"key": 1, "n": 2}),
                ),
            ),
        ),
    )
    findings = json.loads(render_json(broken, "w"))["sections"][0]["findings"]
    raw = (
        "Only {n} posts have figures for the period; "
        "at least {minimum} are needed to say anything firm here."
    )
    assert [f["text"] for f in findings] == [raw, raw]


@pytest.mark.parametrize(
    ("asked", "used"), [("nb_NO", "nb"), ("no", "nb"), ("en-GB", "en"), ("de", "en")]
)
def test_language_is_resolved(review: MakeReview, asked: str, used: str) -> None:
    assert review_to_dict(review(asked), "w")["language"] == used


def _catalog_text(language: str, key: str) -> str:
    with (LOCALE / language / "methods.po").open("rb") as handle:
        found = [str(m.string) for m in read_po(handle) if m.id == key]
    assert len(found) == 1, key
    return found[0]


def _catalog(language: str) -> dict[str, str]:
    with (LOCALE / language / "report.po").open("rb") as handle:
        return {str(m.id): str(m.string) for m in read_po(handle) if m.id}


def test_both_languages_have_the_same_keys() -> None:
    assert set(_catalog("nb")) == set(_catalog("en"))
    assert all(_catalog("nb").values())
    assert all(_catalog("en").values())


@pytest.mark.parametrize("language", ["nb", "en"])
def test_every_section_has_a_title(language: str) -> None:
    catalog = _catalog(language)
    titles = [catalog.get(f"section.{key}.title") for key in SECTIONS]
    assert all(titles)
    assert len(set(titles)) == len(SECTIONS)


def test_documented_example_has_the_real_shape(
    review: MakeReview, full_review: FullReview
) -> None:
    doc = (Path(__file__).parents[2] / "docs" / "json-output.md").read_text("utf-8")
    example = json.loads(doc.split("```json\n", 1)[1].split("```", 1)[0])
    real = review_to_dict(review("en"), "kystlaget")
    assert list(example) == list(real)
    sections = real["sections"]
    assert isinstance(sections, list)
    assert list(example["sections"][0]) == list(sections[0])
    for part in ("findings", "tables", "actions"):
        assert list(example["sections"][0][part][0]) == list(sections[0][part][0])
    full = review_to_dict(full_review("en"), "kystlaget")
    charts = full["sections"][0]["charts"]
    assert list(example["sections"][0]["charts"][0]) == list(charts[0])
    assert list(example["scorecard"][0]) == list(real["scorecard"][0])
    plan = real["action_plan"]
    assert list(example["action_plan"]) == list(plan)
    assert list(example["action_plan"]["items"][0]) == list(plan["items"][0])
    assert list(example["action_plan"]["items"][0]["findings"][0]) == ["id", "text"]


def test_evidence_carries_each_name_beside_its_text_in_bokmal(
    full_review: FullReview,
) -> None:
    finding = review_to_dict(full_review("nb"), "w")["sections"][0]["findings"][0]
    assert finding["evidence"] == {
        "n": 12345,
        "value": 0.0734,
        "interval": [0.051, 0.094],
        "probability": 0.87,
        "denominator": "reach",
        "denominator_text": "rekkevidde",
        "statistic": "median_of_rates",
        "statistic_text": "median av ratene per innlegg",
    }
