"""The review runs every analysis and keeps one broken section from sinking the rest."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import ClassVar

from fokus.analyses.base import ReviewContext, ReviewData
from fokus.analyses.coverage import Coverage
from fokus.model.results import SectionResult
from fokus.review import review_data, review_workspace, run_analyses, write_review
from fokus.store import Store
from fokus.workspace import init_workspace


class Broken:
    key: ClassVar[str] = "broken"

    def run(self, data: ReviewData, context: ReviewContext) -> SectionResult:
        raise ZeroDivisionError("division by zero")


def test_a_crashing_analysis_becomes_a_failed_section(tmp_path: Path) -> None:
    workspace = init_workspace(tmp_path / "ws", "Test", "en")
    context = ReviewContext(workspace.config, dt.date(2026, 1, 1))
    with Store.open(workspace.database_path) as store:
        sections = run_analyses(review_data(store), context, (Broken(), Coverage()))
    assert [(s.key, s.status, s.error) for s in sections] == [
        ("broken", "failed", "ZeroDivisionError: division by zero"),
        ("coverage", "insufficient_data", None),
    ]


def test_an_empty_workspace_gets_a_report_that_says_what_to_do(tmp_path: Path) -> None:
    workspace = init_workspace(tmp_path / "ws", "Test", "nb")
    review = review_workspace(
        workspace, now=dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC)
    )
    assert review.period is None
    html, out = tmp_path / "r.html", tmp_path / "r.json"
    write_review(review, workspace, html, out)
    document = json.loads(out.read_text(encoding="utf-8"))
    assert document["generated_at"] == "2026-01-02T03:04:05Z"
    assert document["period"] is None
    # Every section says it has nothing to go on; coverage comes first.
    statuses = [(s["key"], s["status"]) for s in document["sections"]]
    assert statuses[0] == ("coverage", "insufficient_data")
    assert {status for _, status in statuses} == {"insufficient_data"}
    assert document["sections"][0]["findings"][0]["text"] == (
        "Ingenting er importert ennå, så det er ingenting å gå gjennom."
    )
    assert "Ingenting er importert ennå" in html.read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.html", "r.json", "ws"]
