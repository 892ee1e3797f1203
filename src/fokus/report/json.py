"""The review as a versioned JSON document for integrations (see docs/json-output.md).

Keys come out in a fixed order, parameters sorted by name, and non-finite numbers
as ``null``, so the same review always gives byte-identical text: golden files and
diffs between two runs stay meaningful.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from importlib import resources

from fokus.i18n import Language
from fokus.model.results import Evidence, Param, Review
from fokus.report.blocks import (
    ActionBlock,
    ActionPlan,
    ChartBlock,
    FindingBlock,
    ScoreBlock,
    SectionBlock,
    TableBlock,
    is_missing,
)
from fokus.report.display import denominator_name, statistic_name
from fokus.report.document import build_document

JSON_SCHEMA_VERSION = 2
"""Bumped only when a key is renamed or removed or its meaning changes; new keys
are added without a bump (docs/json-output.md)."""

JsonValue = str | int | float | bool | None

SCHEMA_RESOURCE = "review.schema.json"
"""The JSON Schema (draft 2020-12) of what this release writes, shipped in the
package beside this module."""


def json_schema() -> dict[str, object]:
    """The JSON Schema of the review document, as plain Python values."""
    text = (resources.files(__package__) / SCHEMA_RESOURCE).read_text("utf-8")
    schema: dict[str, object] = json.loads(text)
    return schema


def review_to_dict(review: Review, workspace: str) -> dict[str, object]:
    """The JSON document as plain Python values, keys in their documented order."""
    doc = build_document(review, workspace)
    period = (
        None
        if doc.period is None
        else {
            "start": doc.period.start.isoformat(),
            "end": doc.period.end.isoformat(),
        }
    )
    return {
        "schema_version": JSON_SCHEMA_VERSION,
        "generated_at": doc.generated_at.isoformat(timespec="seconds").replace(
            "+00:00", "Z"
        ),
        "language": doc.language,
        "workspace": doc.workspace,
        "organisation": doc.organisation,
        "period": period,
        "scorecard": [_score(score) for score in doc.scorecard],
        "action_plan": _plan(doc.plan),
        "sections": [_section(s, doc.language) for s in doc.sections],
    }


def render_json(review: Review, workspace: str) -> str:
    """The JSON document as UTF-8 text, indented, ending in a newline."""
    # allow_nan=False is a tripwire: every float was already checked on the way in.
    text = json.dumps(
        review_to_dict(review, workspace),
        ensure_ascii=False,
        indent=2,
        allow_nan=False,
    )
    return text + "\n"


def _value(value: Param) -> JsonValue:
    if is_missing(value):
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _params(params: Mapping[str, Param]) -> dict[str, JsonValue]:
    return {name: _value(v) for name, v in params.items()}


def _method(
    denominator: str | None, statistic: str | None, language: Language
) -> dict[str, str | None]:
    """A figure's denominator and statistic: each stable name beside its text."""
    return {
        "denominator": denominator,
        "denominator_text": None
        if denominator is None
        else denominator_name(denominator, language),
        "statistic": statistic,
        "statistic_text": None
        if statistic is None
        else statistic_name(statistic, language),
    }


def _evidence(
    evidence: Evidence | None, language: Language
) -> dict[str, object] | None:
    if evidence is None:
        return None
    interval = (
        None
        if evidence.interval is None
        else [_value(evidence.interval[0]), _value(evidence.interval[1])]
    )
    return {
        "n": evidence.n,
        "value": _value(evidence.value),
        "interval": interval,
        "probability": _value(evidence.probability),
        **_method(evidence.denominator, evidence.statistic, language),
    }


def _finding(finding: FindingBlock, language: Language) -> dict[str, object]:
    return {
        "id": finding.anchor,
        "key": finding.key,
        "severity": finding.severity,
        "text": finding.text,
        "params": _params(finding.params),
        "evidence": _evidence(finding.evidence, language),
    }


def _chart(chart: ChartBlock, language: Language) -> dict[str, object]:
    return {
        "key": chart.key,
        "kind": chart.kind,
        "title": chart.title,
        "x": chart.x,
        "y": chart.y,
        "low": chart.low,
        "high": chart.high,
        "series": chart.series,
        "n": chart.n,
        "min_n": chart.min_n,
        "note": chart.note,
        "data": _table(chart.data, language),
    }


def _table(table: TableBlock, language: Language) -> dict[str, object]:
    return {
        "key": table.key,
        "title": table.title,
        "columns": [
            {"key": c.key, "label": c.label, "kind": c.kind}
            | {
                name: text
                for name, text in _method(c.denominator, c.statistic, language).items()
                if text is not None
            }
            for c in table.columns
        ],
        "rows": [[_value(cell) for cell in row] for row in table.rows],
    }


def _action(action: ActionBlock) -> dict[str, object]:
    return {
        "key": action.key,
        "text": action.text,
        "impact": action.impact,
        "effort": action.effort,
        "params": _params(action.params),
        "findings": list(action.finding_keys),
    }


def _section(section: SectionBlock, language: Language) -> dict[str, object]:
    return {
        "key": section.key,
        "status": section.status,
        "title": section.title,
        "findings": [_finding(f, language) for f in section.findings],
        "tables": [_table(t, language) for t in section.tables],
        "charts": [_chart(c, language) for c in section.charts],
        "actions": [_action(a) for a in section.actions],
        "method": section.method,
        "fill": section.fill,
        "error": section.error,
    }


def _score(score: ScoreBlock) -> dict[str, object]:
    return {
        "number": score.number,
        "section": score.section,
        "title": score.title,
        "standing": score.standing,
        "verdict": score.verdict,
        "finding": score.anchor,
    }


def _plan(plan: ActionPlan) -> dict[str, object]:
    return {
        "items": [
            {
                "rank": item.rank,
                "section": item.section,
                "text": item.text,
                "impact": item.impact,
                "effort": item.effort,
                "findings": [{"id": f.anchor, "text": f.text} for f in item.findings],
            }
            for item in plan.items
        ],
        "more": plan.more,
    }
