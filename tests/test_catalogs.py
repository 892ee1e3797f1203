"""The translation catalogs: both languages complete, and every key the code uses."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path
from typing import get_args

import pytest
from babel.messages.pofile import read_po

import fokus
from fokus.analyses.registry import ANALYSES
from fokus.ingest.registry import ADAPTERS
from fokus.model.denominators import DENOMINATORS, STATISTICS, Denominator, Statistic
from fokus.model.vocab import SectionStatus, Severity
from fokus.report.blocks import Standing

PACKAGE = Path(fokus.__file__).parent
LOCALE = PACKAGE / "locale"
KEY = re.compile(
    r"^(import|store|cli|finding|action|table|column|section|config|workspace"
    r"|register|report|error|metric)\.[a-z0-9_.]+$"
)
IN_TEMPLATE = re.compile(r"[\"']((?:report|section)\.[a-z0-9_.]+)[\"']")
IN_SQL = re.compile(r"'((?:import|store)\.[a-z0-9_.]+)'")
PLACEHOLDER = re.compile(r"(?<!\{)\{([A-Za-z_][A-Za-z0-9_]*)[^{}]*\}")


def _catalog(language: str) -> dict[str, str]:
    messages: dict[str, str] = {}
    files = sorted((LOCALE / language).glob("*.po"))
    assert files, f"no catalogs for {language}"
    for path in files:
        with path.open("rb") as handle:
            parsed = read_po(handle)
        for message in parsed:
            if not message.id:
                continue  # the header entry
            assert isinstance(message.id, str), f"{path.name}: plural {message.id!r}"
            assert message.id not in messages, f"{message.id} defined twice"
            messages[message.id] = str(message.string or "")
    return messages


NB = _catalog("nb")
EN = _catalog("en")


def _placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


def test_both_languages_have_the_same_message_ids() -> None:
    only_nb = sorted(set(NB) - set(EN))
    only_en = sorted(set(EN) - set(NB))
    assert (only_nb, only_en) == ([], [])


def test_placeholders_are_the_same_in_both_languages() -> None:
    different = {
        key: (sorted(_placeholders(NB[key])), sorted(_placeholders(EN[key])))
        for key in sorted(set(NB) & set(EN))
        if _placeholders(NB[key]) != _placeholders(EN[key])
    }
    assert different == {}


def test_no_translation_is_empty() -> None:
    empty = sorted(
        f"{language}:{key}"
        for language, catalog in (("nb", NB), ("en", EN))
        for key, text in catalog.items()
        if not text.strip()
    )
    assert empty == []


def test_placeholder_pattern_reads_format_fields() -> None:
    assert _placeholders("{n} of {total:,} in {path}, not {{literal}}") == {
        "n",
        "total",
        "path",
    }


def _keys_in(path: Path, file_names: set[str]) -> dict[str, str]:
    """Key literals in one module, and keys its calls imply."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    where = path.relative_to(PACKAGE).as_posix()
    in_fstrings = {
        id(part)
        for node in ast.walk(tree)
        if isinstance(node, ast.JoinedStr)
        for part in node.values
    }
    found: dict[str, str] = {}
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in in_fstrings
            and node.value not in file_names  # "report.css" is a template
            and KEY.match(node.value)
        ):
            found.setdefault(node.value, f"{where}:{node.lineno}")
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            for key in IN_SQL.findall(node.value):  # 'import.skip.…' inside SQL
                found.setdefault(key, f"{where}:{node.lineno}")
        if not (
            isinstance(node, ast.Call)
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            continue
        first = node.args[0].value
        implied: tuple[str, ...] = ()
        if isinstance(node.func, ast.Name) and node.func.id == "FokusError":
            implied = (first + ".hint",)
        elif where == "config.py" and isinstance(node.func, ast.Attribute):
            if node.func.attr in {"fail", "wrong"}:  # a FokusError with key.hint
                implied = (first + ".hint",)
            elif node.func.attr == "choice":  # fails with f"config.invalid_{key}"
                implied = (f"config.invalid_{first}", f"config.invalid_{first}.hint")
        for key in implied:
            found.setdefault(key, f"{where}:{node.lineno}")
    return found


def _method_keys() -> set[str]:
    """A figure's denominator and statistic are names, each shown through its key
    (model/denominators.py; report/display.py)."""
    return {f"report.denominator.{name}" for name in get_args(Denominator)} | {
        f"report.statistic.{name}" for name in get_args(Statistic)
    }


def _source_keys() -> dict[str, str]:
    """Every message key the code names, with where it was first found."""
    file_names = {path.name for path in PACKAGE.rglob("*") if path.is_file()}
    found: dict[str, str] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        for key, where in _keys_in(path, file_names).items():
            found.setdefault(key, where)
    # A refusal is a FokusError whose key may travel in a variable (sniff.py):
    # every refusal is shown with its hint.
    for key, where in list(found.items()):
        if key.startswith("import.refused.") and not key.endswith(".hint"):
            found.setdefault(key + ".hint", where)
    for adapter in ADAPTERS:
        found.setdefault(f"kind.{adapter.kind}", "ingest/registry.py")
    for analysis in ANALYSES:
        # Every section has a title and a method note, and every section can be
        # short of data, so each says what would fill it (report/blocks.py).
        for part in ("title", "method", "fill"):
            found.setdefault(f"section.{analysis.key}.{part}", "report/blocks.py")
    for standing in get_args(Standing):
        found.setdefault(f"report.scorecard.standing.{standing}", "report/blocks.py")
    # The report's templates name their keys as string literals too.
    for path in sorted((PACKAGE / "report" / "templates").glob("*.j2")):
        text = path.read_text(encoding="utf-8")
        for match in IN_TEMPLATE.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            where = f"{path.relative_to(PACKAGE).as_posix()}:{line}"
            found.setdefault(match.group(1), where)
    found |= dict.fromkeys(_method_keys() - found.keys(), "model/denominators.py")
    for status in get_args(SectionStatus):
        found.setdefault(f"report.status.{status}", "report/html.py")
    for severity in get_args(Severity):
        found.setdefault(f"report.severity.{severity}", "report/html.py")
    return found


def test_the_key_collection_finds_known_keys() -> None:
    keys = _source_keys()
    assert "report.css" not in keys
    assert "report.status." not in keys
    for key in (
        "cli.import.summary",
        "import.refused.empty",
        "import.refused.empty.hint",
        "import.refused.archive.hint",
        "store.locked.hint",
        "kind.meta_facebook_posts",
        "section.coverage.title",
        "report.status.insufficient_data",
        "config.invalid_role.hint",
        "config.unknown_key.hint",
        "config.not_text.hint",
        "import.skip.no_post_id",
        "import.skip.duplicate_post",
        "section.coverage.method",
        "section.focus.fill",
        "report.scorecard.standing.no_data",
        "report.cover.kicker",  # in report.html.j2
        "report.section.insufficient.body",  # in _section.html.j2
        "report.denominator.engagement_baseline",  # model/denominators.py
        "report.statistic.median_of_rates",
    ):
        assert key in keys, key


def test_every_key_used_in_the_code_is_in_the_catalogs() -> None:
    keys = _source_keys()
    missing = sorted(
        f"{key} ({where}; missing in {'+'.join(lang for lang, c in (('nb', NB), ('en', EN)) if key not in c)})"
        for key, where in keys.items()
        if key not in NB or key not in EN
    )
    assert missing == [], "missing catalog keys:\n" + "\n".join(missing)


GOLDEN = Path(__file__).parent / "report" / "golden"
SAME_IN_BOTH = {"report.denominator.arm_a"}
"""Denominator texts that are rightly the same words in bokmål and English."""


def test_every_denominator_and_statistic_name_has_a_text_in_each_language() -> None:
    named = _method_keys()
    in_catalogs = {
        key
        for key in EN
        if key.startswith(("report.denominator.", "report.statistic."))
    }
    assert in_catalogs == named  # no text without a name, no name without a text
    untranslated = sorted(
        key for key in named if NB[key] == EN[key] and key not in SAME_IN_BOTH
    )
    assert untranslated == []


def _methods(node: object) -> list[tuple[str, str | None, str | None]]:
    """Every (field, name, text) of a denominator or statistic in a JSON document
    (a finding's parameters are texts' values, not figures: left out)."""
    found: list[tuple[str, str | None, str | None]] = []
    if isinstance(node, dict):
        found.extend(
            (field, node[field], node.get(f"{field}_text"))
            for field in ("denominator", "statistic")
            if field in node
        )
        for key, value in node.items():
            if key != "params":
                found.extend(_methods(value))
    elif isinstance(node, list):
        for value in node:
            found.extend(_methods(value))
    return found


def _shown_wrongly(
    field: str, name: str | None, text: str | None, language: str
) -> bool:
    if name is None:
        return text is not None
    names = {"denominator": DENOMINATORS, "statistic": STATISTICS}[field]
    catalog = {"nb": NB, "en": EN}[language]
    return name not in names or text != catalog[f"report.{field}.{name}"]


@pytest.mark.parametrize("language", ["nb", "en"])
def test_every_denominator_in_the_demo_review_is_a_name_shown_in_its_language(
    language: str,
) -> None:
    # Regression: analyses passed free English text as a denominator, and the
    # bokmål review printed it as is ("målt mot all posts on every channel …").
    document = json.loads(
        (GOLDEN / f"demo.{language}.json").read_text(encoding="utf-8")
    )
    methods = _methods(document["sections"])
    wrong = [m for m in methods if _shown_wrongly(*m, language)]
    assert wrong == []
    shown = {name for field, name, _ in methods if field == "denominator" and name}
    # The demo shows most of the registry: the walk cannot pass on an empty document.
    assert len(shown) >= 15, sorted(shown)
