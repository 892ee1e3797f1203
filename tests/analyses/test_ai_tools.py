"""The AI-tools section: each rule triggered by a hand-built register, and not."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from fokus.analyses.ai_tools import AiTools
from fokus.analyses.ai_tools_rules import (
    HOUR_VALUE_NOK,
    judge,
    overlap_groups,
    purpose_words,
    similarity,
    stem,
)
from fokus.analyses.base import ReviewContext, ReviewData
from fokus.config import WorkspaceConfig
from fokus.i18n import catalog, translate
from fokus.model.results import Finding, SectionResult
from fokus.registers.ai_tools import ai_tools_from
from fokus.registers.reader import RegisterFile, RegisterProblem, parse_register
from fokus.review import review_data
from fokus.store import Store

TODAY = dt.date(2026, 11, 20)
COLUMNS = (
    "tool", "category", "used_for", "owner", "users", "cost_per_month",
    "hours_saved_per_month", "in_use_since", "frequency", "personal_data",
    "data_processing_agreement",
)  # fmt: skip
GOOD = {
    "category": "text", "used_for": "Drafting post copy", "owner": "Eva",
    "users": "2", "cost_per_month": "200", "hours_saved_per_month": "4",
    "in_use_since": "2025-01-01", "frequency": "weekly", "personal_data": "no",
    "data_processing_agreement": "yes",
}  # fmt: skip


def _file(*tools: dict[str, str]) -> RegisterFile:
    rows = [[t.get(c, GOOD.get(c, "")) for c in COLUMNS] for t in tools]
    return parse_register("ai_tools", "ai_tools.csv", [list(COLUMNS), *rows])


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ReviewData]:
    path = tmp_path_factory.mktemp("ai") / "fokus.duckdb"
    with Store.open(path) as store:
        yield review_data(store)


def _run(data: ReviewData, *tools: dict[str, str]) -> SectionResult:
    config = WorkspaceConfig("Org", "en", "Europe/Oslo", None, (), (), ())
    registers = {"ai_tools": _file(*tools)} if tools else {}
    return AiTools().run(data, ReviewContext(config, TODAY, registers=registers))


def _finding(result: SectionResult, key: str) -> Finding:
    (found,) = [f for f in result.findings if f.key == f"finding.ai_tools.{key}"]
    return found


def _keys(result: SectionResult) -> list[str]:
    return [f.key.removeprefix("finding.ai_tools.") for f in result.findings]


def _text(finding: Finding) -> str:
    return translate(finding.key, "en", **finding.params)


# --- purpose words and overlap --------------------------------------------------------


def test_stem_cuts_endings_but_keeps_four_letters() -> None:
    assert [stem(w) for w in ("innleggstekstene", "videos", "videoer", "news",
                              "headlines", "klipping", "post")] == [
        "innleggstekst", "video", "video", "news", "headlin", "klipping", "post",
    ]  # fmt: skip


def test_purpose_words_drop_stop_words_and_the_category_itself() -> None:
    (tool,) = ai_tools_from(
        _file({"tool": "D", "category": "video", "used_for": "Klipping av videoer"})
    ).tools
    assert purpose_words(tool) == {"klipping"}


def test_tools_with_the_same_purpose_overlap_in_a_chain() -> None:
    tools = ai_tools_from(_file(
        {"tool": "A", "used_for": "Utkast til innleggstekster"},
        {"tool": "B", "used_for": "Utkast til innleggstekster og nyhetssaker"},
        {"tool": "C", "used_for": "Forslag til overskrifter og innleggstekster"},
        {"tool": "D", "category": "image", "used_for": "Utkast til innleggstekster"},
        {"tool": "E", "used_for": "Oppsummering av rapporter"},
    )).tools  # fmt: skip
    a, b, c, _d, e = tools
    assert (similarity(a, b), similarity(a, c), similarity(b, c)) == (1.0, 0.5, 1 / 3)
    assert similarity(a, e) == 0.0
    # A–B and A–C join C to B; D has another category, E another purpose.
    assert [[t.tool for t in g] for g in overlap_groups(tools)] == [["A", "B", "C"]]


def test_other_and_unknown_categories_never_overlap_on_category_alone() -> None:
    tools = ai_tools_from(_file(
        {"tool": "A", "category": "other", "used_for": ""},
        {"tool": "B", "category": "other", "used_for": ""},
        {"tool": "C", "category": "", "used_for": ""},
        {"tool": "D", "category": "", "used_for": ""},
        {"tool": "E", "category": "image", "used_for": ""},
        {"tool": "F", "category": "image", "used_for": "Grafikk"},
    )).tools  # fmt: skip
    # Two image tools, one saying nothing beyond its category: they overlap.
    assert [[t.tool for t in g] for g in overlap_groups(tools)] == [["E", "F"]]


def test_overlap_keeps_the_best_value_and_says_why(data: ReviewData) -> None:
    result = _run(
        data,
        {"tool": "ChatGPT", "cost_per_month": "920", "hours_saved_per_month": "12"},
        {"tool": "Copilot", "cost_per_month": "0", "hours_saved_per_month": "5",
         "used_for": "Drafting post copy and news"},
        {"tool": "Gemini", "cost_per_month": "240", "hours_saved_per_month": "1",
         "used_for": "Suggesting headlines and post copy", "frequency": "monthly"},
    )  # fmt: skip
    overlap = _finding(result, "overlap")
    assert overlap.severity == "warning"
    assert _text(overlap) == (
        "3 text tools are used for much the same thing: ChatGPT, Copilot and Gemini. "
        "Keep ChatGPT: it saves 12 hours a month for NOK 920, the best value of them "
        f"(NOK 5,080 a month with an hour worth NOK {HOUR_VALUE_NOK}). Move the users "
        "of Copilot and Gemini over to it and save NOK 240 a month."
    )
    verdicts = [row[-1] for row in result.tables[0].rows]
    assert verdicts == [
        "section.ai_tools.verdict.keep", "section.ai_tools.verdict.merge",
        "section.ai_tools.verdict.merge",
    ]  # fmt: skip
    # A merged tool gets no little-use finding of its own: the overlap covers it.
    assert _keys(result) == ["summary", "overlap", "keep_all_fine"]
    assert [a.key for a in result.actions] == ["action.ai_tools.consolidate"]


def test_no_overlap_between_different_purposes(data: ReviewData) -> None:
    result = _run(
        data,
        {"tool": "Descript", "category": "video", "used_for": "Subtitling and editing"},
        {"tool": "Opus", "category": "video", "used_for": "Short clips from long videos"},
    )  # fmt: skip
    assert "overlap" not in _keys(result)


def test_overlap_without_values_asks_for_them(data: ReviewData) -> None:
    result = _run(
        data,
        {"tool": "A", "cost_per_month": ""},
        {"tool": "B", "hours_saved_per_month": ""},
    )
    assert _finding(result, "overlap_unknown_value").severity == "warning"
    verdicts = [row[-1] for row in result.tables[0].rows]
    assert verdicts == ["section.ai_tools.verdict.fill_in"] * 2


# --- value and use ----------------------------------------------------------------------


def test_a_paid_tool_that_saves_nothing_is_cancelled(data: ReviewData) -> None:
    result = _run(
        data,
        {"tool": "Opus Clip", "cost_per_month": "1150", "hours_saved_per_month": "0",
         "frequency": "rarely"},
    )  # fmt: skip
    found = _finding(result, "paid_no_value")
    assert found.severity == "warning"
    assert _text(found) == (
        "Opus Clip costs NOK 1,150 a month but saves no hours, according to the "
        "register. Cancel the subscription, or write down what the tool really saves."
    )
    assert result.tables[0].rows[0][-1] == "section.ai_tools.verdict.cancel"
    assert [a.key for a in result.actions] == ["action.ai_tools.cancel"]
    # Its rare use is not reported as well: cancelling settles it.
    assert _keys(result) == ["summary", "paid_no_value", "keep_none"]


def test_a_free_tool_that_saves_nothing_is_reconsidered(data: ReviewData) -> None:
    result = _run(data, {"tool": "X", "cost_per_month": "0",
                         "hours_saved_per_month": "0"})  # fmt: skip
    assert _finding(result, "no_value").severity == "notice"
    assert "paid_no_value" not in _keys(result)


def test_cost_per_hour_above_an_hours_worth(data: ReviewData) -> None:
    result = _run(data, {"tool": "Dear", "cost_per_month": "1800",
                         "hours_saved_per_month": "3"})  # fmt: skip
    found = _finding(result, "costs_more")
    assert (found.severity, found.params["per_hour"]) == ("warning", 600)
    row = result.tables[0].rows[0]
    assert (row[7], row[8], row[-1]) == (600.0, -300.0,
                                         "section.ai_tools.verdict.reconsider")  # fmt: skip
    cheap = _run(data, {"tool": "Fair", "cost_per_month": "1500",
                        "hours_saved_per_month": "3"})  # fmt: skip
    assert "costs_more" not in _keys(cheap)


@pytest.mark.parametrize(
    ("changes", "key"),
    [
        ({"frequency": "monthly"}, "little_use_monthly"),
        ({"frequency": "rarely"}, "little_use_rarely"),
        ({"users": "0"}, "little_use_users"),
        ({"hours_saved_per_month": "1.5"}, "little_use_hours"),
    ],
)
def test_little_use(data: ReviewData, changes: dict[str, str], key: str) -> None:
    result = _run(data, {"tool": "Rare", **changes})
    assert _finding(result, key).severity == "notice"
    assert result.tables[0].rows[0][-1] == "section.ai_tools.verdict.reconsider"


def test_a_weekly_tool_saving_two_hours_is_not_little_used(data: ReviewData) -> None:
    result = _run(data, {"tool": "Fine", "hours_saved_per_month": "2"})
    assert not [k for k in _keys(result) if k.startswith("little_use")]
    assert result.tables[0].rows[0][-1] == "section.ai_tools.verdict.keep"


def test_a_new_tool_is_not_judged_on_value(data: ReviewData) -> None:
    result = _run(data, {"tool": "New", "hours_saved_per_month": "0",
                         "in_use_since": "2026-10-01"})  # fmt: skip
    assert _keys(result) == ["summary", "too_new", "keep_none"]
    assert result.tables[0].rows[0][-1] == "section.ai_tools.verdict.too_new"


# --- data protection and ownership ------------------------------------------------------


@pytest.mark.parametrize(
    ("agreement", "key"), [("no", "no_agreement"), ("unknown", "unknown_agreement")]
)
def test_personal_data_without_an_agreement_is_critical(
    data: ReviewData, agreement: str, key: str
) -> None:
    result = _run(data, {"tool": "Svarhjelp", "personal_data": "yes",
                         "data_processing_agreement": agreement})  # fmt: skip
    found = _finding(result, key)
    assert (found.severity, found.params) == ("critical", {"tool": "Svarhjelp"})
    assert result.actions[0].key == "action.ai_tools.sign_agreement"
    assert result.tables[0].rows[0][-1] == "section.ai_tools.verdict.fix_first"


def test_personal_data_with_an_agreement_or_none_is_fine(data: ReviewData) -> None:
    result = _run(
        data,
        {"tool": "A", "personal_data": "yes", "data_processing_agreement": "yes"},
        {"tool": "B", "category": "image", "personal_data": "no",
         "data_processing_agreement": "unknown"},
    )  # fmt: skip
    assert _keys(result) == ["summary", "keep_all_fine"]


def test_not_knowing_about_personal_data_is_a_warning(data: ReviewData) -> None:
    result = _run(data, {"tool": "A", "personal_data": "",
                         "data_processing_agreement": ""})  # fmt: skip
    assert _finding(result, "personal_data_unknown").severity == "warning"
    assert result.tables[0].rows[0][-1] == "section.ai_tools.verdict.keep_fix"


def test_a_tool_without_an_owner(data: ReviewData) -> None:
    result = _run(data, {"tool": "DeepL", "owner": ""})
    found = _finding(result, "no_owner")
    assert (found.severity, found.params) == ("warning", {"tool": "DeepL"})
    assert result.tables[0].rows[0][-1] == "section.ai_tools.verdict.keep_fix"
    assert "no_owner" not in _keys(_run(data, {"tool": "DeepL"}))


# --- the section as a whole -----------------------------------------------------------


def test_summary_keep_list_and_table(data: ReviewData) -> None:
    result = _run(
        data,
        {"tool": "Canva", "category": "image", "cost_per_month": "1200",
         "hours_saved_per_month": "10"},
        {"tool": "DeepL", "category": "translation", "owner": ""},
        {"tool": "Opus", "category": "video", "hours_saved_per_month": "0"},
    )  # fmt: skip
    assert result.status == "ok"
    assert _text(_finding(result, "summary")) == (
        "The register lists 3 AI tools. Together they cost NOK 1,600 a month and save "
        "the team 14 hours a month, as the register gives them."
    )
    assert _text(_finding(result, "keep")) == (
        "Recommendation: keep 2 of the 3 tools: Canva and DeepL. Together they cost "
        "NOK 1,400 a month and save 14 hours. For DeepL, fix what is described above "
        "first."
    )
    assert result.tables[0].rows[0] == (
        "Canva", "section.ai_tools.category.image", "Drafting post copy", "Eva", 2,
        1200.0, 10.0, 120.0, 3800.0, "section.ai_tools.frequency.weekly",
        "section.ai_tools.answer.no", "section.ai_tools.answer.yes", None,
        "section.ai_tools.verdict.keep",
    )  # fmt: skip
    for language in ("nb", "en"):
        labels = {c for row in result.tables[0].rows for c in row
                  if isinstance(c, str) and c.startswith("section.")}  # fmt: skip
        assert labels <= set(catalog(language))


def test_no_register_and_an_empty_one(data: ReviewData) -> None:
    missing = _run(data)
    assert (missing.status, _keys(missing)) == ("insufficient_data", ["no_register"])
    config = WorkspaceConfig("Org", "en", "Europe/Oslo", None, (), (), ())
    empty = RegisterFile("ai_tools", "ai_tools.csv", ())
    result = AiTools().run(
        data, ReviewContext(config, TODAY, registers={"ai_tools": empty})
    )
    assert (result.status, _keys(result)) == ("insufficient_data", ["empty_register"])


def test_a_broken_register_shows_its_row_problems(data: ReviewData) -> None:
    result = _run(data, {"tool": "A", "users": "many"}, {"tool": "", "owner": "x"})
    problems = [f for f in result.findings if f.key.startswith("register.")]
    assert [(f.key, f.params["row"], f.severity) for f in problems] == [
        ("register.ai_tools.bad_number", 2, "notice"),
        ("register.ai_tools.no_tool", 3, "notice"),
    ]
    assert result.status == "ok"


def test_judge_is_in_register_order() -> None:
    tools = ai_tools_from(_file({"tool": "B"}, {"tool": "A", "category": "image"}))
    assert [j.tool.tool for j in judge(tools.tools, TODAY)] == ["B", "A"]


def test_demo_register_plants(tmp_path: Path) -> None:
    """The demo's tools, read from the files the demo writes, in both languages."""
    from fokus.demo import write_demo_registers  # noqa: PLC0415
    from fokus.registers.reader import read_register  # noqa: PLC0415

    for language in ("nb", "en"):
        write_demo_registers(tmp_path, language, today=TODAY)
        file = read_register(tmp_path, "ai_tools")
        assert file is not None
        register = ai_tools_from(file, TODAY)
        assert register.problems == ()
        verdicts = {j.tool.tool: j.verdict for j in judge(register.tools, TODAY)}
        assert verdicts == {
            "ChatGPT Plus": "keep", "Microsoft Copilot": "merge", "Gemini": "merge",
            "Canva Pro": "keep", "Descript": "keep", "Svarhjelp": "fix_first",
            "Opus Clip": "cancel", "DeepL Pro": "keep_fix",
        }  # fmt: skip


def test_an_unreadable_register_says_so_and_nothing_else(data: ReviewData) -> None:
    config = WorkspaceConfig("Org", "en", "Europe/Oslo", None, (), (), ())
    broken = RegisterFile(
        "ai_tools",
        "ai_tools.xlsx",
        (),
        (RegisterProblem("register.unreadable", params={"error": "not a zip file"}),),
    )
    result = AiTools().run(
        data, ReviewContext(config, TODAY, registers={"ai_tools": broken})
    )
    assert result.status == "insufficient_data"
    assert [(f.key, f.params) for f in result.findings] == [
        ("register.unreadable", {"file": "ai_tools.xlsx", "error": "not a zip file"})
    ]
