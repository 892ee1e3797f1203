"""Reading the experiments register: one typed, validated row per experiment.

The file is read by :mod:`fokus.registers.reader` (XLSX or CSV, Norwegian Excel or
the template's dialect, bokmål or English headers). Nothing here raises for a bad
row: each problem becomes a ``RegisterProblem`` with a message key
(``register.experiments.*``) and the spreadsheet row it is on, and the good rows are
still read.

What the variants *mean* (which posts belong to A and B) is read by
:mod:`fokus.registers.variants`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from fokus.model.vocab import Platform
from fokus.registers.reader import (
    Param,
    RegisterFile,
    RegisterProblem,
    parse_date,
    parse_platform,
    parse_register,
    read_register,
    template,
)
from fokus.registers.templates import RegisterTemplate
from fokus.registers.variants import VariantRule, parse_variant

ExperimentMetric = Literal["engagement_rate", "engagement", "reach", "views"]
DEFAULT_METRIC: ExperimentMetric = "engagement_rate"

_REGISTER: RegisterTemplate = template("experiments")

_METRICS: Mapping[str, ExperimentMetric] = {
    "engasjementsrate": "engagement_rate", "engagement rate": "engagement_rate",
    "er": "engagement_rate", "engasjement": "engagement",
    "engagement": "engagement", "interaksjoner": "engagement",
    "interactions": "engagement", "rekkevidde": "reach", "reach": "reach",
    "visninger": "views", "views": "views", "eksponeringer": "views",
    "impressions": "views", "avspillinger": "views", "plays": "views",
}  # fmt: skip


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
    file = read_register(folder, "experiments")
    return None if file is None else experiments_from(file)


def parse_experiments(
    file: str, rows: Sequence[Sequence[object]]
) -> ExperimentRegister:
    """Experiments from a header row and data rows of cells (text, numbers, dates)."""
    return experiments_from(parse_register("experiments", file, rows))


def experiments_from(file: RegisterFile) -> ExperimentRegister:
    """The typed experiments of a register file read by ``read_register``."""
    experiments: list[Experiment] = []
    problems: list[RegisterProblem] = list(file.problems)
    for row in file.rows:
        cells = {c.key: row.text(c.key) for c in _REGISTER.columns}
        experiment = _experiment(row.number, cells, row.raw, problems)
        if experiment is not None:
            experiments.append(experiment)
    return ExperimentRegister(file.file, tuple(experiments), tuple(problems))


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
    platform = parse_platform(cells["platform"])
    if platform is None:
        problem(
            "register.experiments.unknown_platform", name=name, value=cells["platform"]
        )
    start = parse_date(raw.get("start"))
    if start is None:
        problem("register.experiments.bad_start", name=name, value=cells["start"])
    end = parse_date(raw.get("end")) if cells.get("end") else None
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
