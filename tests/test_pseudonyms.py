"""``--pseudonymise``: people the registers name become Person A, B … everywhere in
the review, in the HTML and the JSON, and nothing else changes."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
from pathlib import Path

from fokus.i18n import Bilingual, Label, MessageKey
from fokus.model.results import (
    Action,
    Chart,
    Column,
    Finding,
    Review,
    SectionResult,
    Table,
)
from fokus.pseudonyms import letters, people_in_registers, pseudonymise
from fokus.registers.reader import parse_register, read_registers

ACCESS_HEADER = ["person", "platform", "asset", "role"]
AI_HEADER = ["tool", "owner"]


def _review(section: SectionResult) -> Review:
    return Review("Org", "nb", dt.datetime(2026, 1, 1, tzinfo=dt.UTC), None, (section,))


def test_letters_count_like_spreadsheet_columns() -> None:
    assert [letters(i) for i in (0, 1, 25, 26, 27, 51, 52, 701, 702)] == [
        "A", "B", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA",
    ]  # fmt: skip


def test_people_come_from_the_access_and_ai_tool_registers_in_order() -> None:
    registers = {
        "access": parse_register("access", "access.csv", [
            ACCESS_HEADER, ["Ingrid  Solberg", "Facebook", "P", "admin"],
            ["Tor Eide", "Facebook", "P", "admin"],
            ["ingrid solberg", "Instagram", "I", "admin"], ["X", "Facebook", "P", "admin"],
        ]),
        "ai_tools": parse_register("ai_tools", "ai_tools.csv", [
            AI_HEADER, ["ChatGPT", "Nora Vik"], ["Gemini", "Tor Eide"], ["DeepL", ""],
        ]),
    }  # fmt: skip
    assert people_in_registers(registers) == ("Ingrid Solberg", "Tor Eide", "Nora Vik")


def test_every_kind_of_value_is_pseudonymised_and_keys_are_not() -> None:
    section = SectionResult(
        "security",
        "ok",
        findings=(
            Finding(
                "finding.x",
                "warning",
                {
                    "person": "Ingrid Solberg",
                    "n": 3,
                    "text": "INGRID SOLBERG og Tor  Eide, Ingrid Solbergs innlegg",
                    "key": MessageKey("platform.facebook"),
                    "both": Bilingual("Tor Eide sin", "Tor Eide's"),
                    "first": "Ingrid alene, og Tor Eidesen er en annen",
                },
            ),
        ),
        tables=(
            Table(
                "t",
                "t",
                (Column("a", "a"), Column("b", "b", "label")),
                (("Tor Eide", Label("rule", "section.x", who="Ingrid Solberg", n=2)),),
            ),
        ),
        actions=(Action("action.x", 1, 1, {"who": "Tor Eide, Ingrid Solberg"}),),
        error="ValueError: Tor Eide",
        charts=(
            Chart(
                "c",
                "bar",
                Table(
                    "c",
                    "c",
                    (Column("g", "g"), Column("v", "v", "number")),
                    (("Ingrid Solberg", 2.0),),
                ),
                x="g",
                y="v",
            ),
        ),
    )
    result = pseudonymise(_review(section), ("Ingrid Solberg", "Tor Eide")).sections[0]
    params = result.findings[0].params
    assert params["person"] == "Person A"
    assert params["n"] == 3
    assert params["text"] == "Person A og Person B, Person As innlegg"
    assert params["key"] == "platform.facebook"
    assert isinstance(params["key"], MessageKey)
    both = params["both"]
    assert isinstance(both, Bilingual)
    assert (both.nb, str(both)) == ("Person B sin", "Person B's")
    assert params["first"] == "Ingrid alene, og Tor Eidesen er en annen"
    [(cell, label)] = result.tables[0].rows
    assert cell == "Person B"
    assert isinstance(label, Label)
    assert (str(label), label.key, label.params) == (
        "rule", "section.x", {"who": "Person A", "n": 2},
    )  # fmt: skip
    assert result.actions[0].params == {"who": "Person B, Person A"}
    assert result.error == "ValueError: Person B"
    assert result.charts[0].data.rows == (("Person A", 2.0),)


def test_without_names_the_review_is_unchanged() -> None:
    review = _review(
        SectionResult("security", "ok", (Finding("f", "info", {"a": "b"}),))
    )
    assert pseudonymise(review, ()) is review


def test_the_demo_review_pseudonymised_names_no_one(
    demo_workspace: Path, tmp_path: Path
) -> None:
    # A copy: a review records its figures in the store, and other tests hold the
    # shared demo's store open.
    workspace = tmp_path / "workspace"
    shutil.copytree(demo_workspace, workspace)
    out, data = tmp_path / "review.html", tmp_path / "review.json"
    subprocess.run(
        [sys.executable, "-m", "fokus", "review", str(workspace), "--quiet",
         "--pseudonymise", "--out", str(out), "--json", str(data)],
        check=True, capture_output=True,
    )  # fmt: skip
    names = people_in_registers(read_registers(demo_workspace / "registers"))
    assert len(names) == 10  # the AI tools' owners all have access too
    page = out.read_text(encoding="utf-8").casefold()
    text = data.read_text(encoding="utf-8").casefold()
    assert [n for n in names if n.casefold() in page or n.casefold() in text] == []
    document = json.loads(data.read_text(encoding="utf-8"))
    [security] = [s for s in document["sections"] if s["key"] == "security"]
    first = security["findings"][0]
    assert (first["key"], first["params"]["person"]) == (
        "finding.security.access_after_end",
        "Person E",  # Tor Eide is the fifth person in the access register
    )
    # The same review without the option names them, so the check above can fail.
    plain = (demo_workspace / "reports" / "review.json").read_text(encoding="utf-8")
    assert "Tor Eide" in plain
