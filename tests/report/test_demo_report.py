"""The demo's review as users get it: its JSON against a golden file and the
schema, and every text in both languages translated (JSON and HTML).

The golden files ``golden/demo.{nb,en}.json`` are the demo workspace reviewed
with a fixed date and time; ``make golden`` (``FOKUS_UPDATE_GOLDEN=1``) rewrites
them. Read their diff before committing it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from fokus.i18n import Language
from fokus.model.results import Finding, Review, SectionResult
from fokus.report import json_schema, render_html, render_json
from fokus.review import review_workspace
from fokus.workspace import open_workspace

TODAY = dt.date(2026, 11, 20)  # the demo's own date (``fokus demo``)
NOW = dt.datetime(2026, 11, 20, 12, 0, tzinfo=dt.UTC)
VALIDATOR = Draft202012Validator(json_schema())

MESSAGE_KEY = re.compile(
    r"\b(section|finding|action|report|column|table|platform|format|cli)"
    r"\.[a-z_]+(\.[a-z0-9_]+)+\b"
)
"""A message key left untranslated (``finding.security.no_admin``)."""

MakeReview = Callable[..., Review]


@pytest.fixture(scope="module")
def demo_reviews(
    demo_workspace: Path, tmp_path_factory: pytest.TempPathFactory
) -> dict[Language, Review]:
    """The demo reviewed in each language, on a copy (the fixture is shared)."""
    folder = tmp_path_factory.mktemp("demo-report") / "workspace"
    shutil.copytree(demo_workspace, folder)
    workspace = open_workspace(folder)
    return {
        language: review_workspace(
            workspace, language=language, today=TODAY, now=NOW, record=False
        )
        for language in ("nb", "en")
    }


@pytest.mark.slow
@pytest.mark.parametrize("language", ["nb", "en"])
def test_demo_json_matches_golden_file(
    demo_reviews: dict[Language, Review],
    golden: Callable[[str, str], None],
    language: Language,
) -> None:
    text = render_json(demo_reviews[language], "workspace")
    golden(f"demo.{language}.json", text)


@pytest.mark.slow
@pytest.mark.parametrize("language", ["nb", "en"])
def test_demo_json_is_valid(
    demo_reviews: dict[Language, Review], language: Language
) -> None:
    document = json.loads(render_json(demo_reviews[language], "workspace"))
    assert [e.message for e in VALIDATOR.iter_errors(document)] == []
    # The demo exercises every part of the document.
    assert len(document["scorecard"]) == 9
    assert 1 <= len(document["action_plan"]["items"]) <= 7
    assert all(s["method"] for s in document["sections"])


@pytest.mark.slow
def test_review_json_written_by_the_cli_is_valid(
    demo_workspace: Path, tmp_path: Path
) -> None:
    """``fokus review --json`` in each language, as an integrator runs it."""
    folder = tmp_path / "workspace"
    shutil.copytree(demo_workspace, folder)
    for language in ("nb", "en"):
        out = tmp_path / f"review.{language}.json"
        subprocess.run(
            [sys.executable, "-m", "fokus", "review", str(folder), "--quiet",
             "--lang", language, "--json", str(out),
             "--out", str(tmp_path / f"review.{language}.html")],
            check=True,
            capture_output=True,
        )  # fmt: skip
        document = json.loads(out.read_text("utf-8"))
        assert document["language"] == language
        assert [e.message for e in VALIDATOR.iter_errors(document)] == []


# -- Both languages complete ---------------------------------------------------


def untranslated_in_json(text: str) -> list[str]:
    """Message keys in the document's texts: every string except stable ids
    (``key``), raw parameters (``params``), the finding keys an action follows
    from, and the raw values of ``label`` cells (message keys by design)."""
    found: list[str] = []

    def walk(value: object, where: str) -> None:
        if isinstance(value, dict):
            if "columns" in value and "rows" in value:
                kinds = [column["kind"] for column in value["columns"]]
                for i, row in enumerate(value["rows"]):
                    for kind, cell in zip(kinds, row, strict=True):
                        if kind != "label":
                            walk(cell, f"{where}.rows[{i}]")
            for name, item in value.items():
                if name in {"key", "params", "rows"}:
                    continue
                if name == "findings" and all(isinstance(f, str) for f in item):
                    continue  # an action's finding keys
                walk(item, f"{where}.{name}")
        elif isinstance(value, list):
            for i, item in enumerate(value):
                walk(item, f"{where}[{i}]")
        elif isinstance(value, str) and MESSAGE_KEY.search(value):
            found.append(f"{where}: {value}")

    walk(json.loads(text), "$")
    return found


def untranslated_in_html(html: str) -> list[str]:
    """Message keys anywhere a reader can see them: text, titles, labels."""
    visible = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.DOTALL)
    return [
        visible[max(0, m.start() - 60) : m.end()].replace("\n", " ")
        for m in MESSAGE_KEY.finditer(visible)
    ]


def _outputs(review: Review) -> Iterator[tuple[str, list[str]]]:
    yield "json", untranslated_in_json(render_json(review, "workspace"))
    yield "html", untranslated_in_html(render_html(review, "workspace"))


@pytest.mark.slow
@pytest.mark.parametrize("language", ["nb", "en"])
def test_demo_has_no_untranslated_text(
    demo_reviews: dict[Language, Review], language: Language
) -> None:
    assert dict(_outputs(demo_reviews[language])) == {"json": [], "html": []}


@pytest.mark.parametrize("language", ["nb", "en"])
def test_hand_built_review_has_no_untranslated_text(
    full_review: Callable[[str], Review], language: Language
) -> None:
    assert dict(_outputs(full_review(language))) == {"json": [], "html": []}


def test_an_untranslated_text_is_caught(full_review: Callable[[str], Review]) -> None:
    base = full_review("nb")
    missing = SectionResult(
        key="text",
        status="ok",
        findings=(Finding("finding.text.not_in_any_catalog", "warning"),),
    )
    review = dataclasses.replace(base, sections=(*base.sections, missing))
    found = dict(_outputs(review))
    # The finding's text, and the scorecard's verdict that repeats it.
    assert found["json"] == [
        "$.scorecard[2].verdict: finding.text.not_in_any_catalog",
        "$.sections[3].findings[0].text: finding.text.not_in_any_catalog",
    ]
    assert len(found["html"]) >= 1
    assert all("finding.text.not_in_any_catalog" in f for f in found["html"])
