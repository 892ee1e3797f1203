"""The demo review finds every problem planted in the AI-tool and time-use registers
(src/fokus/demo/registers.py), with the right severity, in the JSON and the HTML."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

import pytest

Found = list[tuple[str, str, dict[str, Any]]]


def _json_section(workspace: Path, key: str) -> dict[str, Any]:
    review = json.loads((workspace / "reports" / "review.json").read_text("utf-8"))
    section: dict[str, Any] = next(s for s in review["sections"] if s["key"] == key)
    return section


def _findings(section: dict[str, Any]) -> Found:
    return [(f["key"], f["severity"], f["params"]) for f in section["findings"]]


def _html_findings(workspace: Path, key: str) -> list[tuple[str, str]]:
    """(severity class, text) of each finding in the section's part of the page."""
    page = (workspace / "reports" / "review.html").read_text("utf-8")
    start = page.index(f'<section id="{key}"')
    part = page[start : page.index("</section>", start)]
    items = re.findall(
        r'<li class="finding finding-(\w+)" id="[^"]+">.*?<p class="finding-text">(.*?)</p>',
        part,
        re.DOTALL,
    )
    return [(severity, html.unescape(text)) for severity, text in items]


def _one(found: Found, key: str, **params: Any) -> tuple[str, dict[str, Any]]:
    matches = [
        (severity, p)
        for k, severity, p in found
        if k == key and all(p.get(name) == value for name, value in params.items())
    ]
    assert len(matches) == 1, (key, params, found)
    return matches[0]


@pytest.mark.parametrize("key", ["ai_tools", "time_use"])
def test_the_json_and_the_html_say_the_same(demo_workspace: Path, key: str) -> None:
    section = _json_section(demo_workspace, key)
    assert section["status"] == "ok"
    shown = [(f["severity"], f["text"]) for f in section["findings"]]
    assert _html_findings(demo_workspace, key) == shown


def test_ai_tools_finds_every_plant(demo_workspace: Path) -> None:
    section = _json_section(demo_workspace, "ai_tools")
    found = _findings(section)
    # Three overlapping text tools; keep the one of best value.
    severity, overlap = _one(found, "finding.ai_tools.overlap")
    assert severity == "warning"
    assert (overlap["tools"], overlap["keep"], overlap["others"]) == (
        "ChatGPT Plus, Microsoft Copilot and Gemini",
        "ChatGPT Plus",
        "Microsoft Copilot and Gemini",
    )
    # Personal data without a data processing agreement: the most severe finding.
    assert _one(found, "finding.ai_tools.unknown_agreement", tool="Svarhjelp")[0] == (
        "critical"
    )
    assert [s for _k, s, _p in found].count("critical") == 1
    # A paid tool that saves nothing, and a tool without an owner.
    severity, opus = _one(found, "finding.ai_tools.paid_no_value", tool="Opus Clip")
    assert (severity, opus["cost"]) == ("warning", 1150)
    assert _one(found, "finding.ai_tools.no_owner", tool="DeepL Pro")[0] == "warning"
    # The few tools to keep, and every tool's verdict in the table.
    _severity, keep = _one(found, "finding.ai_tools.keep")
    assert (keep["n"], keep["total"]) == (5, 8)
    table = section["tables"][0]
    columns = [c["key"] for c in table["columns"]]
    verdicts = {
        r[0]: r[columns.index("verdict")].removeprefix("section.ai_tools.verdict.")
        for r in table["rows"]
    }
    assert verdicts == {
        "ChatGPT Plus": "keep", "Microsoft Copilot": "merge", "Gemini": "merge",
        "Canva Pro": "keep", "Descript": "keep", "Svarhjelp": "fix_first",
        "Opus Clip": "cancel", "DeepL Pro": "keep_fix",
    }  # fmt: skip
    page = (demo_workspace / "reports" / "review.html").read_text("utf-8")
    assert "<td>Keep once the agreement is signed</td>" in page
    assert section["actions"][0]["key"] == "action.ai_tools.sign_agreement"


def test_time_use_finds_every_plant(demo_workspace: Path) -> None:
    section = _json_section(demo_workspace, "time_use")
    found = _findings(section)
    severity, unallocated = _one(found, "finding.time_use.unallocated")
    assert severity == "warning"
    assert {k: unallocated[k] for k in ("hours", "saved", "share", "task",
                                        "task_hours")} == {
        "hours": 16, "saved": 41, "share": 39, "task": "Drafting copy with AI",
        "task_hours": 10,
    }  # fmt: skip
    severity, empty = _one(found, "finding.time_use.areas_empty")
    assert (severity, empty["areas"]) == ("notice", "prioritisation and relationships")
    # Each measured proxy comes with its n and an interval.
    for key in ("reuse", "voice", "replies"):
        finding = next(f for f in section["findings"]
                       if f["key"] == f"finding.time_use.{key}")  # fmt: skip
        evidence = finding["evidence"]
        assert evidence["n"] > 0 and evidence["denominator"] == "posts"
        assert evidence["interval"][0] <= evidence["value"] <= evidence["interval"][1]
