"""The demo's planted access problems (src/fokus/demo/registers.py), each found with
its severity in the review the demo writes: in the JSON and in the HTML."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

import pytest

# (finding key, severity, the parameters that say whose or which asset's problem)
PLANTED = [
    ("access_after_end", "critical", {"person": "Tor Eide", "assets": "Fjordvik kommune"}),
    ("no_two_factor", "critical", {"person": "Henrik Aas",
                                   "where": "section.security.where.both"}),
    ("no_two_factor", "critical", {"person": "Sigrid Lunde",
                                   "where": "section.security.where.both"}),
    ("no_two_factor", "warning", {"person": "Nora Vik",
                                  "where": "section.security.where.profile"}),
    ("two_factor_unknown", "warning", {"person": "Aisha Rahman",
                                       "platform": "platform.tiktok"}),
    ("external_admin", "warning", {"person": "Fjordlys Reklame AS",
                                   "role": "full control"}),
    ("too_few_admins", "warning", {"asset": "Fjordvik kommune – annonser",
                                   "people": "Henrik Aas"}),
    ("too_many_admins", "warning", {"asset": "Fjordvik kommune", "n": 6}),
    ("public_email_domain", "warning", {"person": "Ola Dahl", "domain": "gmail.com"}),
    ("inactive", "warning", {"person": "Magnus Hauge", "platform": "platform.linkedin",
                             "days": 430}),
    ("external_no_end_date", "warning", {"person": "Fjordlys Reklame AS"}),
    ("spenders_portfolio", "info", {"asset": "Fjordvik kommune – annonser",
                                    "people": "Henrik Aas"}),
]  # fmt: skip


@pytest.fixture(scope="module")
def section(demo_workspace: Path) -> dict[str, Any]:
    document = json.loads(
        (demo_workspace / "reports" / "review.json").read_text(encoding="utf-8")
    )
    [found] = [s for s in document["sections"] if s["key"] == "security"]
    return found  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def html_findings(demo_workspace: Path) -> dict[str, str]:
    """Each finding's text in the HTML's security section, with its severity."""
    page = (demo_workspace / "reports" / "review.html").read_text(encoding="utf-8")
    part = page[page.index('<section id="security"') :]
    part = part[: part.index("</section>")]
    items = re.findall(
        r'<li class="finding finding-(\w+)" id="[^"]+">\s*<span class="severity">[^<]*</span>'
        r'\s*<p class="finding-text">([^<]*)</p>',
        part,
    )
    return {html.unescape(text): css for css, text in items}


def _match(
    section: dict[str, Any], key: str, params: dict[str, object]
) -> dict[str, Any]:
    matches = [
        f
        for f in section["findings"]
        if f["key"] == f"finding.security.{key}"
        and all(f["params"].get(k) == v for k, v in params.items())
    ]
    assert len(matches) == 1, (key, params, [f["params"] for f in section["findings"]])
    return matches[0]  # type: ignore[no-any-return]


@pytest.mark.parametrize(("key", "severity", "params"), PLANTED)
def test_every_planted_problem_is_found_with_its_severity(
    section: dict[str, Any],
    html_findings: dict[str, str],
    key: str,
    severity: str,
    params: dict[str, object],
) -> None:
    finding = _match(section, key, params)
    assert finding["severity"] == severity
    assert html_findings[finding["text"]] == severity


def test_the_demo_fix_list_starts_with_the_critical_ones(
    section: dict[str, Any],
) -> None:
    [fixes] = [t for t in section["tables"] if t["key"] == "security.fix_list"]
    assert [(r[0], r[1], r[4]) for r in fixes["rows"][:4]] == [
        ("report.severity.critical", "Tor Eide", "access_after_end"),
        ("report.severity.critical", "Henrik Aas", "no_two_factor"),
        ("report.severity.critical", "Sigrid Lunde", "no_two_factor"),
        ("report.severity.warning", "Nora Vik", "no_two_factor"),
    ]
    assert section["status"] == "ok"
    assert section["findings"][0]["text"] == (
        "Your work with Tor Eide ended on 24 Jan 2026, but Tor Eide still has access "
        "to Facebook: Fjordvik kommune. Remove the access now."
    )


def test_the_demo_gets_the_playbook_for_all_its_channels(
    section: dict[str, Any],
) -> None:
    playbooks = [t["key"] for t in section["tables"] if "playbook" in t["key"]]
    assert playbooks == [
        f"security.playbook.{g}" for g in ("meta", "linkedin", "tiktok", "google", "x")
    ]
    # YouTube and X are channels no one is registered for.
    assert [
        f["params"]["platform"]
        for f in section["findings"]
        if f["key"] == "finding.security.unregistered_channel"
    ] == ["platform.youtube", "platform.x"]
