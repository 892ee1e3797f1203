"""The text section finds every problem planted in the demo's profiles register,
with the right severity, in the review's JSON and in its HTML (the demo workspace
is English: its LinkedIn "about" is the one written in bokmål)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from markupsafe import escape
from posts_table import DEMO_TODAY

from fokus.config import load_config
from fokus.demo.config import demo_config_text

Section = dict[str, Any]


@pytest.fixture(scope="module")
def section(demo_workspace: Path) -> Section:
    review = json.loads(
        (demo_workspace / "reports" / "review.json").read_text(encoding="utf-8")
    )
    [text] = [s for s in review["sections"] if s["key"] == "text"]
    found: Section = text
    return found


@pytest.fixture(scope="module")
def html(demo_workspace: Path) -> str:
    """The text section's part of the page (the scorecard and the action plan
    quote findings too)."""
    page = (demo_workspace / "reports" / "review.html").read_text(encoding="utf-8")
    start = page.index('<section id="text"')
    return page[start : page.index("</section>", start)]


def _one(
    section: Section, key: str, platform: str, field: str | None = None
) -> dict[str, Any]:
    found = [
        f
        for f in section["findings"]
        if f["key"] == key
        and f["params"].get("platform") == f"platform.{platform}"
        and (field is None or f["params"].get("field") == f"section.text.field.{field}")
    ]
    assert len(found) == 1, (key, platform, field, found)
    finding: dict[str, Any] = found[0]
    return finding


PLANTED = [
    # (what, key, platform, field, severity)
    ("Instagram bio over 150 characters", "finding.text.over_limit", "instagram",
     "bio", "warning"),
    ("Facebook about without contact details", "finding.text.no_contact",
     "facebook", "about", "warning"),
    ("Facebook description without contact details", "finding.text.no_contact",
     "facebook", "description", "warning"),
    ("a bio that never says where", "finding.text.no_where", "instagram", "bio",
     "notice"),
    ("the name written Fjordvik Kommune on LinkedIn", "finding.text.name_variant",
     "linkedin", None, "warning"),
    ("the LinkedIn about in the wrong language", "finding.text.other_language",
     "linkedin", "about", "notice"),
    ("outdated opening hours", "finding.text.old_year_updated", "facebook",
     "description", "warning"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("key", "platform", "field", "severity"),
    [p[1:] for p in PLANTED],
    ids=[p[0] for p in PLANTED],
)
def test_each_planted_problem_in_json_and_html(  # noqa: PLR0917 (fixtures and the case)
    section: Section,
    html: str,
    key: str,
    platform: str,
    field: str | None,
    severity: str,
) -> None:
    finding = _one(section, key, platform, field)
    assert finding["severity"] == severity
    shown = str(escape(finding["text"]))
    assert f'<li class="finding finding-{severity}" id="' in html
    start = html.index(shown)
    item = html.rindex('<li class="finding', 0, start)
    assert html[item:start].startswith(f'<li class="finding finding-{severity}" id="')


def test_the_planted_values(section: Section) -> None:
    assert section["status"] == "ok"
    over = _one(section, "finding.text.over_limit", "instagram", "bio")["params"]
    assert over["limit"] == 150 and over["chars"] > 150
    variant = _one(section, "finding.text.name_variant", "linkedin")["params"]
    assert (variant["form"], variant["reference"]) == (
        "Fjordvik Kommune",
        "Fjordvik kommune",
    )
    language = _one(section, "finding.text.other_language", "linkedin", "about")
    assert language["params"]["written_in"] == "section.text.language.nb"
    assert language["params"]["usual"] == "section.text.language.en"
    hours = _one(section, "finding.text.old_year_updated", "facebook", "description")
    assert hours["params"]["years"] == str(DEMO_TODAY.year - 2)
    assert hours["params"]["updated"] == f"{DEMO_TODAY.year - 2}-05-28"


def test_the_well_written_texts_are_not_flagged(section: Section) -> None:
    about = [
        f
        for f in section["findings"]
        if f["params"].get("platform") == "platform.tiktok"
        and f["key"] not in {"finding.text.no_cta"}
    ]
    assert about == []  # the TikTok bio has every element and fits its 80
    keys = {f["key"] for f in section["findings"]}
    assert "finding.text.contradiction" not in keys


def test_findability_and_post_language_on_the_demo(section: Section) -> None:
    queries = {
        f["params"]["query"]: f["key"]
        for f in section["findings"]
        if f["key"].startswith("finding.text.query_")
    }
    assert queries == {
        "news and events in Fjordvik": "finding.text.query_answered",
        "building permits": "finding.text.query_answered",
        "vacancies at the municipality": "finding.text.query_partial",
        "kindergarten place": "finding.text.query_weak",
    }
    [table] = [t for t in section["tables"] if t["key"] == "text.post_language"]
    keys = [c["key"] for c in table["columns"]]
    platforms = {row[keys.index("platform")] for row in table["rows"]}
    assert platforms >= {"platform.facebook", "platform.instagram", "platform.x"}


def test_the_demo_config_has_queries_in_both_languages() -> None:
    for language, first in (("nb", "nyheter og arrangementer i Fjordvik"),
                            ("en", "news and events in Fjordvik")):  # fmt: skip
        config = load_config(demo_config_text(language, DEMO_TODAY))
        assert len(config.findability_queries) == 4
        assert config.findability_queries[0] == first
        assert config.findability_method == "lexical"
