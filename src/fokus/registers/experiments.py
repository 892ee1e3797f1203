"""Reading the experiments register: one typed, validated row per experiment.

The file is ``registers/experiments.xlsx`` or ``registers/experiments.csv`` (the
workbook wins when both are there). A CSV may be written the way Norwegian Excel
saves it (``;``, Windows-1252, decimal comma, ``25.03.2026``) or the way the template
is written (UTF-8 with a byte order mark); the headers may be bokmål or English.
Nothing here raises for a bad row: each problem becomes a ``RegisterProblem`` with
a message key (``register.experiments.*``) and the spreadsheet row it is on, and the
good rows are still read. Rows that repeat the template's example row are ignored.

What the variants *mean* (which posts belong to A and B) is read by
:mod:`fokus.registers.variants`.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from python_calamine import CalamineError, CalamineWorkbook

from fokus.model.vocab import Platform
from fokus.registers.templates import REGISTERS, RegisterTemplate
from fokus.registers.variants import VariantRule, parse_variant

ExperimentMetric = Literal["engagement_rate", "engagement", "reach", "views"]
DEFAULT_METRIC: ExperimentMetric = "engagement_rate"

_REGISTER: RegisterTemplate = next(r for r in REGISTERS if r.key == "experiments")
_REQUIRED = ("name", "platform", "variant_b", "start")

_PLATFORMS: Mapping[str, Platform] = {
    "facebook": "facebook", "instagram": "instagram", "linkedin": "linkedin",
    "tiktok": "tiktok", "youtube": "youtube", "x": "x", "twitter": "x",
    "x (twitter)": "x",
}  # fmt: skip
_METRICS: Mapping[str, ExperimentMetric] = {
    "engasjementsrate": "engagement_rate", "engagement rate": "engagement_rate",
    "er": "engagement_rate", "engasjement": "engagement",
    "engagement": "engagement", "interaksjoner": "engagement",
    "interactions": "engagement", "rekkevidde": "reach", "reach": "reach",
    "visninger": "views", "views": "views", "eksponeringer": "views",
    "impressions": "views", "avspillinger": "views", "plays": "views",
}  # fmt: skip
_DATE_FORMATS = ("%d.%m.%Y", "%Y-%m-%d", "%d/%m/%Y", "%d.%m.%y")

Param = str | int


@dataclass(frozen=True, slots=True)
class RegisterProblem:
    """Something wrong in the register; ``row`` is None for the whole file."""

    key: str
    row: int | None = None
    params: Mapping[str, Param] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Experiment:
    """One experiment as registered; ``row`` is its spreadsheet row (header = 1)."""

    row: int
    name: str
    hypothesis: str
    metric: ExperimentMetric | None
    """None when the register names no metric (or one fokus does not know)."""
    metric_raw: str
    platform: Platform
    variant_a: str
    variant_b: str
    rule_a: VariantRule | None
    """None when variant A is plain prose: then A is every other post."""
    rule_b: VariantRule | None
    """None when variant B says nothing fokus can find posts by."""
    start: dt.date
    end: dt.date | None
    """None while the test runs."""
    decision: str


@dataclass(frozen=True, slots=True)
class ExperimentRegister:
    """The experiments read from one file, and what was wrong with the rest."""

    file: str
    experiments: tuple[Experiment, ...]
    problems: tuple[RegisterProblem, ...] = ()


def read_experiments(folder: Path) -> ExperimentRegister | None:
    """The experiments register in ``folder``, or None when there is none."""
    xlsx, csv_path = folder / "experiments.xlsx", folder / "experiments.csv"
    path = xlsx if xlsx.is_file() else csv_path
    if not path.is_file():
        return None
    try:
        rows = _xlsx_rows(path) if path.suffix == ".xlsx" else _csv_rows(path)
    except (OSError, CalamineError, csv.Error) as error:
        problem = RegisterProblem(
            "register.experiments.unreadable", params={"error": str(error)}
        )
        return ExperimentRegister(path.name, (), (problem,))
    return parse_experiments(path.name, rows)


def parse_experiments(
    file: str, rows: Sequence[Sequence[object]]
) -> ExperimentRegister:
    """Experiments from a header row and data rows of cells (text, numbers, dates)."""
    if not rows:
        return ExperimentRegister(file, ())
    columns = _columns(rows[0])
    missing = [key for key in _REQUIRED if key not in columns]
    if missing:
        headers = ", ".join(
            next(c.header_nb for c in _REGISTER.columns if c.key == key)
            + " / "
            + next(c.header_en for c in _REGISTER.columns if c.key == key)
            for key in missing
        )
        problem = RegisterProblem(
            "register.experiments.missing_columns", params={"columns": headers}
        )
        return ExperimentRegister(file, (), (problem,))
    experiments: list[Experiment] = []
    problems: list[RegisterProblem] = []
    for number, row in enumerate(rows[1:], start=2):
        cells = {
            key: _text(row[i]) if i < len(row) else "" for key, i in columns.items()
        }
        raw = {key: row[i] if i < len(row) else None for key, i in columns.items()}
        if not any(cells.values()) or _is_example(cells):
            continue
        experiment = _experiment(number, cells, raw, problems)
        if experiment is not None:
            experiments.append(experiment)
    return ExperimentRegister(file, tuple(experiments), tuple(problems))


def _experiment(
    row: int,
    cells: Mapping[str, str],
    raw: Mapping[str, object],
    problems: list[RegisterProblem],
) -> Experiment | None:
    def problem(key: str, **params: Param) -> None:
        problems.append(RegisterProblem(key, row, params))

    name = cells["name"] or f"#{row}"
    if not cells["name"]:
        problem("register.experiments.no_name")
    platform = _PLATFORMS.get(cells["platform"].casefold())
    if platform is None:
        problem(
            "register.experiments.unknown_platform", name=name, value=cells["platform"]
        )
    start = _date(raw.get("start"))
    if start is None:
        problem("register.experiments.bad_start", name=name, value=cells["start"])
    end = _date(raw.get("end")) if cells.get("end") else None
    if cells.get("end") and end is None:
        problem("register.experiments.bad_end", name=name, value=cells["end"])
    if start is not None and end is not None and end < start:
        problem("register.experiments.end_before_start", name=name)
        return None
    if platform is None or start is None or (cells.get("end") and end is None):
        return None
    metric = _METRICS.get(cells.get("metric", "").casefold().strip())
    if not cells.get("metric"):
        problem("register.experiments.no_metric", name=name)
    elif metric is None:
        problem("register.experiments.unknown_metric", name=name, value=cells["metric"])
    rule_b = parse_variant(cells["variant_b"])
    if rule_b is None:
        problem(
            "register.experiments.variant_not_found",
            name=name,
            value=cells["variant_b"],
        )
    return Experiment(
        row=row,
        name=name,
        hypothesis=cells.get("hypothesis", ""),
        metric=metric,
        metric_raw=cells.get("metric", ""),
        platform=platform,
        variant_a=cells.get("variant_a", ""),
        variant_b=cells["variant_b"],
        rule_a=parse_variant(cells.get("variant_a", "")),
        rule_b=rule_b,
        start=start,
        end=end,
        decision=cells.get("decision", ""),
    )


def _columns(header: Sequence[object]) -> dict[str, int]:
    """Column key → index, from bokmål or English headers (or the keys)."""
    names: dict[str, str] = {}
    for column in _REGISTER.columns:
        for name in (column.header_nb, column.header_en, column.key):
            names[_fold(name)] = column.key
    found: dict[str, int] = {}
    for index, cell in enumerate(header):
        key = names.get(_fold(_text(cell)))
        if key is not None and key not in found:
            found[key] = index
    return found


def _is_example(cells: Mapping[str, str]) -> bool:
    return any(
        all(cells.get(c.key, "") == c.example(language) for c in _REGISTER.columns)
        for language in ("nb", "en")
    )


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip().casefold().lstrip("\ufeff"))


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = _text(value)
    for pattern in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def _csv_rows(path: Path) -> list[list[str]]:
    """Rows of a CSV as Excel (nb or en) or the template writes it."""
    data = path.read_bytes()
    if data.startswith(b"\xef\xbb\xbf"):
        text = data[3:].decode("utf-8")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("cp1252")  # Norwegian Excel's "CSV (semikolondelt)"
    first = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=first.count)
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


def _xlsx_rows(path: Path) -> list[list[object]]:
    sheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0)
    return [list(row) for row in sheet.to_python(skip_empty_area=False)]
