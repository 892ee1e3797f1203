"""The JSON Schema shipped in the package: valid itself, met by every document
fokus writes, and strict about each rule the docs promise."""

from __future__ import annotations

import copy
import json
import tomllib
from collections.abc import Callable
from fnmatch import fnmatch
from pathlib import Path
from typing import get_args

import pytest
from jsonschema import Draft202012Validator

from fokus.model.denominators import Denominator, Statistic
from fokus.model.results import Review
from fokus.report import json_schema, review_to_dict

MakeReview = Callable[..., Review]
FullReview = Callable[[str], Review]
ROOT = Path(__file__).parents[2]
GOLDEN = Path(__file__).parent / "golden"
SCHEMA_FILE = ROOT / "src" / "fokus" / "report" / "review.schema.json"
VALIDATOR = Draft202012Validator(json_schema())

Document = dict[str, object]
Path_ = list[str | int]


def _errors(document: object) -> list[tuple[str, Path_]]:
    """Each error as (the schema keyword that failed, where in the document)."""
    return sorted(
        (str(e.validator), list(e.absolute_path))
        for e in VALIDATOR.iter_errors(document)
    )


def test_schema_is_valid_draft_2020_12() -> None:
    schema = json_schema()
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema == json.loads(SCHEMA_FILE.read_text("utf-8"))


def test_schema_ships_in_the_package() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["fokus"]
    assert any(fnmatch("report/review.schema.json", p) for p in patterns)


def test_schema_names_exactly_the_registered_denominators_and_statistics() -> None:
    defs = json_schema()["$defs"]
    assert isinstance(defs, dict)
    assert defs["denominator"]["enum"] == list(get_args(Denominator))
    assert defs["statistic"]["enum"] == list(get_args(Statistic))


def test_docs_link_the_schema() -> None:
    doc = (ROOT / "docs" / "json-output.md").read_text("utf-8")
    assert "(../src/fokus/report/review.schema.json)" in doc


@pytest.mark.parametrize("name", sorted(p.name for p in GOLDEN.glob("*.json")), ids=str)
def test_golden_files_are_valid(name: str) -> None:
    document = json.loads((GOLDEN / name).read_text("utf-8"))
    assert _errors(document) == []


@pytest.mark.parametrize("language", ["nb", "en"])
def test_hand_built_review_is_valid(
    review: MakeReview, full_review: FullReview, language: str
) -> None:
    assert _errors(review_to_dict(review(language), "w")) == []
    assert _errors(review_to_dict(full_review(language), "w")) == []


def _set(path: Path_, value: object) -> Callable[[Document], None]:
    def change(document: Document) -> None:
        *parents, last = path
        target: object = document
        for step in parents:
            target = target[step]  # type: ignore[index]
        target[last] = value  # type: ignore[index]

    return change


def _drop(path: Path_) -> Callable[[Document], None]:
    def change(document: Document) -> None:
        *parents, last = path
        target: object = document
        for step in parents:
            target = target[step]  # type: ignore[index]
        del target[last]  # type: ignore[attr-defined]

    return change


def _eight_plan_items(document: Document) -> None:
    plan = document["action_plan"]
    item = plan["items"][0]  # type: ignore[index]
    plan["items"] = [dict(item, rank=rank) for rank in range(1, 9)]  # type: ignore[index]


# Sections in the base document: 0 coverage (ok, chart), 1 ai_tools
# (insufficient_data, with fill), 2 security (failed).
INVALID: dict[str, tuple[Callable[[Document], None], list[tuple[str, Path_]]]] = {
    "schema_version is 2": (
        _set(["schema_version"], 1),
        [("const", ["schema_version"])],
    ),
    "no unknown top-level key": (
        _set(["extra"], 1),
        [("additionalProperties", [])],
    ),
    "no unknown key in a finding": (
        _set(["sections", 0, "findings", 0, "colour"], "red"),
        [("additionalProperties", ["sections", 0, "findings", 0])],
    ),
    "no unknown key in a chart": (
        _set(["sections", 0, "charts", 0, "spec"], {}),
        [("additionalProperties", ["sections", 0, "charts", 0])],
    ),
    "a section has all its keys": (
        _drop(["sections", 0, "method"]),
        [("required", ["sections", 0])],
    ),
    "language nb or en": (_set(["language"], "de"), [("enum", ["language"])]),
    "severity from the list": (
        _set(["sections", 0, "findings", 0, "severity"], "fatal"),
        [("enum", ["sections", 0, "findings", 0, "severity"])],
    ),
    "status from the list": (
        _set(["sections", 0, "status"], "done"),
        [("enum", ["sections", 0, "status"])],
    ),
    "standing from the list": (
        _set(["scorecard", 0, "standing"], "great"),
        [("enum", ["scorecard", 0, "standing"])],
    ),
    "chart kind from the list": (
        _set(["sections", 0, "charts", 0, "kind"], "pie"),
        [("enum", ["sections", 0, "charts", 0, "kind"])],
    ),
    "column kind from the list": (
        _set(["sections", 0, "tables", 0, "columns", 0, "kind"], "money"),
        [("enum", ["sections", 0, "tables", 0, "columns", 0, "kind"])],
    ),
    "generated_at is UTC with Z": (
        _set(["generated_at"], "2026-01-15T10:30:12+01:00"),
        [("pattern", ["generated_at"])],
    ),
    "a date is an ISO day": (
        _set(["period", "start"], "15.01.2026"),
        [("pattern", ["period", "start"])],
    ),
    "a failed section has an error": (
        _set(["sections", 2, "error"], None),
        [("type", ["sections", 2, "error"])],
    ),
    "only a failed section has an error": (
        _set(["sections", 0, "error"], "ValueError: x"),
        [("type", ["sections", 0, "error"])],
    ),
    "only a section short of data has a fill text": (
        _set(["sections", 0, "fill"], "Last ned innleggene."),
        [("type", ["sections", 0, "fill"])],
    ),
    "at most seven actions in the plan": (
        _eight_plan_items,
        [
            ("maxItems", ["action_plan", "items"]),
            ("maximum", ["action_plan", "items", 7, "rank"]),
        ],
    ),
    "impact is 1 to 3": (
        _set(["sections", 0, "actions", 0, "impact"], 4),
        [("maximum", ["sections", 0, "actions", 0, "impact"])],
    ),
    "a finding's id is its anchor": (
        _set(["sections", 0, "findings", 0, "id"], "coverage"),
        [("pattern", ["sections", 0, "findings", 0, "id"])],
    ),
    "a plan item links findings by id and text": (
        _set(["action_plan", "items", 0, "findings", 0], "coverage-f1"),
        [("type", ["action_plan", "items", 0, "findings", 0])],
    ),
    "an evidence denominator is a registered name, not free text": (
        _set(
            ["sections", 0, "findings", 0, "evidence", "denominator"],
            "all posts on every channel in the 12 months",
        ),
        [("anyOf", ["sections", 0, "findings", 0, "evidence", "denominator"])],
    ),
    "a column's denominator is a registered name": (
        _set(
            ["sections", 0, "tables", 0, "columns", 0, "denominator"], "reach; median"
        ),
        [
            ("dependentRequired", ["sections", 0, "tables", 0, "columns", 0]),
            ("enum", ["sections", 0, "tables", 0, "columns", 0, "denominator"]),
        ],
    ),
    "evidence is an object or null": (
        _set(["sections", 0, "findings", 0, "evidence"], 12),
        [("type", ["sections", 0, "findings", 0, "evidence"])],
    ),
    "a scorecard line names a finding by its anchor": (
        _set(["scorecard", 0, "finding"], "ai_tools"),
        [("pattern", ["scorecard", 0, "finding"])],
    ),
    "a probability is between 0 and 1": (
        _set(["sections", 0, "findings", 0, "evidence", "probability"], 1.5),
        [("maximum", ["sections", 0, "findings", 0, "evidence", "probability"])],
    ),
    "an interval has two ends": (
        _set(["sections", 0, "findings", 0, "evidence", "interval"], [0.1, 0.2, 0.3]),
        [("maxItems", ["sections", 0, "findings", 0, "evidence", "interval"])],
    ),
    "a cell is a raw value": (
        _set(["sections", 0, "tables", 0, "rows", 0, 0], True),
        [("type", ["sections", 0, "tables", 0, "rows", 0, 0])],
    ),
    "a parameter is a raw value": (
        _set(["sections", 0, "findings", 0, "params", "n"], [12]),
        [("type", ["sections", 0, "findings", 0, "params", "n"])],
    ),
    "more is not negative": (
        _set(["action_plan", "more"], -1),
        [("minimum", ["action_plan", "more"])],
    ),
    "a chart's data is a table": (
        _drop(["sections", 0, "charts", 0, "data", "rows"]),
        [("required", ["sections", 0, "charts", 0, "data"])],
    ),
}


@pytest.mark.parametrize("rule", list(INVALID), ids=str)
def test_invalid_document_fails(full_review: FullReview, rule: str) -> None:
    document = review_to_dict(full_review("nb"), "kystlaget")
    assert _errors(document) == []
    change, expected = INVALID[rule]
    broken = copy.deepcopy(document)
    change(broken)
    assert _errors(broken) == expected


def test_documented_example_is_valid() -> None:
    doc = (ROOT / "docs" / "json-output.md").read_text("utf-8")
    example = json.loads(doc.split("```json\n", 1)[1].split("```", 1)[0])
    assert _errors(example) == []
