"""Rows of a register, and adding, changing and deleting one, checked the reader's way.

Each row has a stable id made from its content (and which copy it is of identical
rows), so an id still names the same row after another row was added or deleted,
and a row someone changed meanwhile is not overwritten unseen. An edit is checked by
reading the register as it would be after the edit with the register's own reader
(``registers/``): any problem in the edited row is returned as a translated field
message and nothing is written. Values come as a form sends them: dates as
``YYYY-MM-DD`` (or as a register may hold them), numbers with a point or a comma;
they are written the way the file already writes them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from fokus.editing import register_file
from fokus.editing.register_form import field_kind
from fokus.errors import FokusError
from fokus.i18n import Bilingual, Language, translate
from fokus.registers.reader import (
    RegisterFile,
    column_indexes,
    parse_date,
    parse_number,
    parse_register,
    read_register,
    register_path,
    template,
)
from fokus.registers.summary import register_problems
from fokus.registers.templates import RegisterKey
from fokus.workspace import Workspace

_FORMULA = re.compile(r"^[=\t\r]")
"""A cell Excel would run as a formula (CSV injection). ``@`` and ``+`` start
handles and phone numbers too often to refuse, and Excel shows them as text."""


@dataclass(frozen=True, slots=True)
class EditableRow:
    """One data row: its id, its line in the file (header = 1), its cells by key."""

    row_id: str
    line: int
    values: Mapping[str, str]


@dataclass(frozen=True, slots=True)
class RegisterTable:
    """A register's rows; ``file`` is None while the workspace has no such file."""

    register: RegisterKey
    file: str | None
    rows: tuple[EditableRow, ...]


@dataclass(frozen=True, slots=True)
class FieldMessage:
    """What is wrong with one field (``column`` None: with the row or the file)."""

    column: str | None
    key: str
    text: str


@dataclass(frozen=True, slots=True)
class EditResult:
    """Whether the edit was written; the row's id after it; what was wrong."""

    saved: bool
    row_id: str | None = None
    messages: tuple[FieldMessage, ...] = ()


def rows(workspace: Workspace, register: RegisterKey) -> RegisterTable:
    """The register's data rows as the reader sees them (examples, blanks left out).

    An XLSX register is shown too (it cannot be edited here: ``register_file``).
    """
    path = register_path(workspace.registers_dir, register)
    if path is not None and path.suffix == ".xlsx":
        workbook = read_register(workspace.registers_dir, register)
        found = workbook.rows if workbook is not None else ()
        return RegisterTable(
            register,
            path.name,
            tuple(
                EditableRow(_ids([tuple(r.cells.values())])[0], r.number, r.cells)
                for r in found
            ),
        )
    file = register_file.load(
        workspace.registers_dir, register, workspace.config.language
    )
    parsed = parse_register(register, file.path.name, file.records)
    ids = _ids(file.records)
    return RegisterTable(
        register,
        file.path.name if file.path.exists() else None,
        tuple(EditableRow(ids[r.number - 1], r.number, r.cells) for r in parsed.rows),
    )


def add_row(
    workspace: Workspace,
    register: RegisterKey,
    values: Mapping[str, str],
    *,
    language: Language | None = None,
    today: dt.date | None = None,
) -> EditResult:
    """Append a row; written only when the register's reader finds nothing wrong."""
    return _edit(workspace, register, None, values, language=language, today=today)


def update_row(
    workspace: Workspace,
    register: RegisterKey,
    row_id: str,
    values: Mapping[str, str],
    *,
    language: Language | None = None,
    today: dt.date | None = None,
) -> EditResult:
    """Replace the row ``row_id``'s cells (columns fokus does not know are kept)."""
    return _edit(workspace, register, row_id, values, language=language, today=today)


def delete_row(workspace: Workspace, register: RegisterKey, row_id: str) -> EditResult:
    """Remove the row ``row_id``."""
    file = register_file.load(
        workspace.registers_dir, register, workspace.config.language
    )
    index = _index(file.records, row_id)
    records = file.records[:index] + file.records[index + 1 :]
    register_file.save(file, records)
    return EditResult(saved=True)


def _edit(
    workspace: Workspace,
    register: RegisterKey,
    row_id: str | None,
    values: Mapping[str, str],
    *,
    language: Language | None,
    today: dt.date | None,
) -> EditResult:
    shown = language or workspace.config.language
    file = register_file.load(workspace.registers_dir, register, shown)
    unknown = sorted(set(values) - {c.key for c in template(register).columns})
    if unknown:
        raise FokusError(
            "registers_edit.unknown_column",
            "registers_edit.unknown_column.hint",
            column=", ".join(unknown),
        )
    header = _header(file.records[0], register, values, shown)
    # Only the edited record is touched: the others keep their cells, and their ids.
    records = list(file.records[1:])
    if row_id is None:
        index = len(records)
        records.append(_record(header, register, (), values, file.delimiter))
    else:
        index = _index(file.records, row_id) - 1
        records[index] = _record(
            header, register, records[index], values, file.delimiter
        )
    candidate = (header, *records)
    messages = _messages(
        register, file.path.name, candidate, index + 2, language=shown, today=today
    )
    messages += _formulas(register, values, shown)
    if messages:
        return EditResult(saved=False, row_id=row_id, messages=messages)
    register_file.save(file, candidate)
    return EditResult(saved=True, row_id=_ids(candidate)[index + 1])


def _header(
    header: tuple[str, ...],
    register: RegisterKey,
    values: Mapping[str, str],
    language: Language,
) -> tuple[str, ...]:
    """The file's header, with a column added for a value it has no column for."""
    present = column_indexes(template(register), header)
    added = tuple(
        c.header(language)
        for c in template(register).columns
        if c.key not in present and values.get(c.key, "").strip()
    )
    return header + added


def _padded(record: tuple[str, ...], width: int) -> tuple[str, ...]:
    return record + ("",) * (width - len(record))


def _record(
    header: tuple[str, ...],
    register: RegisterKey,
    old: tuple[str, ...],
    values: Mapping[str, str],
    delimiter: str,
) -> tuple[str, ...]:
    cells = list(_padded(old, len(header)))
    for key, index in column_indexes(template(register), header).items():
        if key in values:
            cells[index] = _cell(key, values[key], delimiter)
    return tuple(cells)


def _cell(column: str, value: str, delimiter: str) -> str:
    """A form value written the file's way: ``;`` files are Norwegian Excel's."""
    text = value.strip()
    norwegian = delimiter == ";"
    kind = field_kind(column)
    if kind == "date" and (day := parse_date(text)) is not None:
        return day.strftime("%d.%m.%Y" if norwegian else "%Y-%m-%d")
    if kind == "number" and parse_number(text) is not None:
        return text.replace(".", ",") if norwegian else text.replace(",", ".")
    return text


def _messages(
    register: RegisterKey,
    name: str,
    records: Sequence[Sequence[str]],
    line: int,
    *,
    language: Language,
    today: dt.date | None,
) -> tuple[FieldMessage, ...]:
    parsed: RegisterFile = parse_register(register, name, records)
    if line not in {r.number for r in parsed.rows} and not parsed.problems:
        key = "registers_edit.empty_row"
        return (FieldMessage(None, key, translate(key, language)),)
    check = register_problems(today or dt.datetime.now().date())[register]
    return tuple(
        FieldMessage(
            _column_of(register, p.params.get("column")),
            p.key,
            translate(p.key, language, file=name, row=line, **p.params),
        )
        for p in check(parsed)
        if p.row in {line, None}
    )


def _column_of(register: RegisterKey, header: object) -> str | None:
    if not isinstance(header, Bilingual):
        return None
    for column in template(register).columns:
        if (column.header_nb, column.header_en) == (header.nb, str(header)):
            return column.key
    return None


def _formulas(
    register: RegisterKey, values: Mapping[str, str], language: Language
) -> tuple[FieldMessage, ...]:
    key = "registers_edit.formula"
    return tuple(
        FieldMessage(column, key, translate(key, language))
        for column, value in values.items()
        if field_kind(column) == "text" and _FORMULA.match(value.strip(" "))
    )


def _ids(records: Sequence[Sequence[str]]) -> list[str]:
    """Each record's id: a digest of its cells and which copy of them it is."""
    seen: dict[str, int] = {}
    found = []
    for record in records:
        digest = hashlib.sha256("\x1f".join(record).encode()).hexdigest()[:16]
        seen[digest] = seen.get(digest, 0) + 1
        found.append(f"{digest}-{seen[digest]}")
    return found


def _index(records: Sequence[Sequence[str]], row_id: str) -> int:
    """The position of ``row_id`` among the records (the header is 0)."""
    ids = _ids(records)
    if row_id not in ids[1:]:
        raise FokusError(
            "registers_edit.row_gone", "registers_edit.row_gone.hint", row=row_id
        )
    return ids.index(row_id, 1)
