"""What was wrong in a register, as findings any section can show.

Each section that reads a register reports that register's problems itself, next to
what it found in the good rows, so a broken register is explained where its absence
is felt; ``coverage`` sums them up for every register.
"""

from __future__ import annotations

from collections.abc import Iterable

from fokus.model.results import Finding, Param
from fokus.model.vocab import Severity
from fokus.registers.reader import RegisterProblem


def problem_findings(
    file: str, problems: Iterable[RegisterProblem], severity: Severity = "notice"
) -> list[Finding]:
    """One finding per problem, with the file and (for a row) its row number."""
    findings = []
    for problem in problems:
        params: dict[str, Param] = {"file": file, **problem.params}
        if problem.row is not None:
            params["row"] = problem.row
        findings.append(Finding(problem.key, severity, params))
    return findings
