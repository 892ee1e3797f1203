"""The time-use register: typed tasks from Excel's CSV and English CSV, unallocated
hours, and a row-level problem for every kind of bad cell."""

from __future__ import annotations

from pathlib import Path

import pytest

from fokus.i18n import translate
from fokus.registers.reader import read_register
from fokus.registers.time_use import TimeUseRegister, TimeUseTask, time_use_from

NB_HEADER = (
    "Oppgave;Timer spart per måned;Analyse;Kreativt arbeid;Prioritering;Relasjoner;"
    "Menneskelig innhold;Dialog;Gjenbruk"
)
EN_HEADER = (
    "Task,Hours saved per month,Analysis,Creative work,Prioritisation,"
    "Relationships,Human content,Dialogue,Reuse of what works"
)


def _read(folder: Path, lines: list[str], encoding: str = "utf-8") -> TimeUseRegister:
    (folder / "time_use.csv").write_bytes("\r\n".join(lines).encode(encoding))
    file = read_register(folder, "time_use")
    assert file is not None
    return time_use_from(file)


def test_norwegian_excel_csv_in_windows_1252(tmp_path: Path) -> None:
    register = _read(tmp_path, [
        NB_HEADER,
        "Utkast til tekster med KI;17;2;3;;;2;;",
        "Svarforslag på meldinger;8,5;;;;;;8,5;",
    ], "cp1252")  # fmt: skip
    assert register.problems == ()
    assert register.tasks == (
        TimeUseTask(2, "Utkast til tekster med KI", 17.0, (2, 3, 0, 0, 2, 0, 0)),
        TimeUseTask(3, "Svarforslag på meldinger", 8.5, (0, 0, 0, 0, 0, 8.5, 0)),
    )
    first = register.tasks[0]
    assert (first.planned_total, first.unallocated, first.hours("creative")) == (
        7.0,
        10.0,
        3.0,
    )
    assert (register.hours_saved, register.unallocated) == (25.5, 10.0)
    assert register.planned("dialogue") == 8.5


def test_every_bad_cell_is_a_row_problem(tmp_path: Path) -> None:
    register = _read(tmp_path, [
        EN_HEADER,
        ",4,1,,,,,,",
        "Video,,1,,,,,,",
        "Images,many,,,,,,,",
        "Replies,5,-1,x,,,,,",
        "Drafts,6,4,4,,,,,",
    ])  # fmt: skip
    found = [(p.key.removeprefix("register.time_use."), p.row,
              str(p.params.get("column")), p.params.get("value"))
             for p in register.problems]  # fmt: skip
    assert found == [
        ("no_task", 2, "Task", None),
        ("no_hours_saved", 3, "Hours saved per month", None),
        ("bad_number", 4, "Hours saved per month", "many"),
        ("negative", 5, "Analysis", "-1"),
        ("bad_number", 5, "Creative work", "x"),
        ("planned_more_than_saved", 6, "None", None),
    ]
    # Rows without readable hours saved are left out; bad area cells count as 0.
    assert [(t.row, t.task, t.planned_total) for t in register.tasks] == [
        (2, "#2", 1.0), (5, "Replies", 0.0), (6, "Drafts", 8.0),
    ]  # fmt: skip
    assert register.tasks[2].unallocated == 0.0


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("nb", "time_use.csv, rad 2: For «Dialog» er det planlagt 9,5 timer, men "
               "oppgaven sparer bare 8,5. Planen kan ikke bruke flere timer enn "
               "dere sparer: juster tallene."),
        ("en", 'time_use.csv, row 2: 9.5 hours are planned for "Dialog", but the '
               "task saves only 8.5. The plan cannot use more hours than you "
               "save: adjust the numbers."),
    ],
)  # fmt: skip
def test_planned_more_than_saved_reads_in_each_language(
    tmp_path: Path, language: str, expected: str
) -> None:
    register = _read(tmp_path, [NB_HEADER, "Dialog;8,5;;;;;;9,5;"])
    (problem,) = register.problems
    params = {"file": "time_use.csv", "row": problem.row, **problem.params}
    assert translate(problem.key, language, **params) == expected  # type: ignore[arg-type]


def test_a_little_rounding_over_is_not_a_problem(tmp_path: Path) -> None:
    register = _read(tmp_path, [EN_HEADER, "Drafts,1,0.34,0.34,0.34,,,,"])
    assert register.problems == ()
    assert register.tasks[0].unallocated == 0.0
