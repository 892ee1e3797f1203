"""Malformed AI-tool and time-use registers: row-level messages in the review, and
every other section still runs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from fokus.review import review_workspace
from fokus.workspace import init_workspace


def test_broken_registers_give_row_messages_and_the_review_goes_on(
    tmp_path: Path,
) -> None:
    workspace = init_workspace(tmp_path / "ws", "Test", "nb")
    (workspace.registers_dir / "ai_tools.csv").write_bytes(
        "Verktøy;Formål;Kostnad per måned (kr);Timer spart per måned\r\n"
        "ChatGPT;tekst;mange kroner;4\r\n"
        ";bilde;100;2\r\n".encode("cp1252")
    )
    (workspace.registers_dir / "time_use.csv").write_bytes(
        "Oppgave;Timer spart per måned;Dialog\r\n"
        "Svar på meldinger;8;ti\r\n"
        "Teksting;;2\r\n".encode("cp1252")
    )
    review = review_workspace(
        workspace, now=dt.datetime(2026, 11, 20, 12, tzinfo=dt.UTC)
    )
    assert [s.key for s in review.sections if s.status == "failed"] == []
    sections = {s.key: s for s in review.sections}
    problems = {
        key: [
            (f.key, f.params["row"], str(f.params["column"]))
            for f in sections[key].findings
            if f.key.startswith("register.")
        ]
        for key in ("ai_tools", "time_use")
    }
    assert problems == {
        "ai_tools": [
            ("register.ai_tools.bad_number", 2, "Cost per month (NOK)"),
            ("register.ai_tools.no_tool", 3, "Tool"),
        ],
        "time_use": [
            ("register.time_use.bad_number", 2, "Dialogue"),
            ("register.time_use.no_hours_saved", 3, "Hours saved per month"),
        ],
    }
    # What could be read is still judged: ChatGPT's cost is unknown, the task
    # saves 8 hours with none planned.
    assert sections["ai_tools"].status == "ok"
    assert sections["time_use"].status == "ok"
    unallocated = next(
        f
        for f in sections["time_use"].findings
        if f.key == "finding.time_use.unallocated"
    )
    assert unallocated.params["hours"] == 8
