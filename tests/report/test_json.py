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
    review: MakeReview, golden: Callable[[str, str], None], language: str
) -> None:
    golden(f"review.{language}.json", render_json(review(language), "kystlaget"))


def test_top_level_keys_in_documented_order(review: MakeReview) -> None:
    document = review_to_dict(review(), "kystlaget")
    assert list(document) == [
        "schema_version",
        "generated_at",
        "language",
        "workspace",
        "organisation",
        "period",
        "sections",
    ]
    assert document["schema_version"] == JSON_SCHEMA_VERSION == 1


def test_text_is_utf8_indented_with_trailing_newline(review: MakeReview) -> None:
    text = render_json(review(), "kystlaget")
    assert text.endswith("}\n")
    assert '"title": "Har dere kontroll på sikkerheten?"' in text
    assert '\n  "schema_version": 1,\n' in text


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


def test_documented_example_has_the_real_shape(review: MakeReview) -> None:
    doc = (Path(__file__).parents[2] / "docs" / "json-output.md").read_text("utf-8")
    example = json.loads(doc.split("```json\n", 1)[1].split("```", 1)[0])
    real = review_to_dict(review("en"), "kystlaget")
    assert list(example) == list(real)
    sections = real["sections"]
    assert isinstance(sections, list)
    assert list(example["sections"][0]) == list(sections[0])
    for part in ("findings", "tables", "actions"):
        assert list(example["sections"][0][part][0]) == list(sections[0][part][0])
