"""Do less, but better (consideration 9): concentration, a scenario, experiments.

Over the review year (the 365 days up to the newest post) and organic posts only
(boosted and sponsored posts left out; posts whose export does not say are kept):

* how much of the reach and engagement came from how few posts
  (:mod:`fokus.analyses.focus_concentration`);
* what dropping each channel's weakest format, or weakest pillar (labels), would
  have saved and lost (:mod:`fokus.analyses.focus_scenario`);
* each registered experiment, with a verdict (:mod:`fokus.analyses.focus_experiments`).
"""

from __future__ import annotations

import datetime as dt
import math
from itertools import combinations
from typing import TYPE_CHECKING, ClassVar

from fokus.analyses.base import ReviewContext, ReviewData, scalar, to_date
from fokus.analyses.focus_concentration import (
    ALL,
    DECILES,
    Concentration,
    concentrations,
)
from fokus.analyses.focus_experiments import ExperimentResult, analyse_experiment
from fokus.analyses.focus_scenario import Dimension, Scenario, scenarios
from fokus.analyses.register_problems import problem_findings
from fokus.analyses.stats import MIN_POSTS, enough
from fokus.i18n import MessageKey
from fokus.model.denominators import Denominator, Statistic
from fokus.model.results import (
    Action,
    CellKind,
    Chart,
    Column,
    Evidence,
    Finding,
    Param,
    SectionResult,
    Table,
)
from fokus.model.vocab import SectionStatus, Severity
from fokus.registers.experiments import ExperimentRegister

if TYPE_CHECKING:
    import ibis.expr.types as ir

YEAR_DAYS = 365
_COLUMNS = (
    "platform", "account_id", "post_id", "as_of", "import_id", "source_row", "paid",
    "format", "labels", "published_at", "published_precision", "published_day",
    "engagement", "reach_basis", "views_basis", "rate_reach", "rate_views",
)  # fmt: skip
_CONCENTRATED = 0.5
"""A top fifth of posts with at least this share of engagement: study them."""
_RATE: tuple[Denominator, Statistic] = ("reach_or_views", "median_of_rates")
"""Each row's rate is by reach or by views, as its denominator column says."""


def _scope(scope: str) -> str:
    return "section.focus.all_channels" if scope == ALL else f"platform.{scope}"


def _pct(share: float) -> int:
    return round(share * 100)


class Focus:
    """Do less, but better."""

    key: ClassVar[str] = "focus"

    def run(self, data: ReviewData, context: ReviewContext) -> SectionResult:
        """Concentration, the scenario and the experiments, with actions."""
        return self._run(data.measures.select(*_COLUMNS), data.texts, context)

    def _run(
        self, measures: ir.Table, texts: ir.Table, context: ReviewContext
    ) -> SectionResult:
        last = to_date(scalar(measures.published_day.max()))
        findings: list[Finding] = []
        tables: list[Table] = []
        actions: list[Action] = []
        charts: list[Chart] = []
        found: list[Concentration] = []
        if last is not None:
            first = last - dt.timedelta(days=YEAR_DAYS - 1)
            year = _year(measures, first)
            found = concentrations(year)
            findings.extend(_concentration_findings(found, first, last))
            tables.extend(_concentration_tables(found))
            charts.extend(_pareto_chart(found))
            dimensions: list[Dimension] = ["format"]
            if scalar(year.labels.notnull().sum()):
                dimensions.append("pillar")
            else:
                findings.append(Finding("finding.focus.no_labels", "notice"))
            for dimension in dimensions:
                done = scenarios(year, dimension)
                tables.append(_scenario_table(dimension, done))
                findings.extend(_scenario_findings(dimension, done))
        experiment_findings, experiment_table, experiment_actions = _experiments(
            context.experiments, measures, texts, last, context.config.timezone
        )
        findings.extend(experiment_findings)
        tables.append(experiment_table)
        actions.extend(experiment_actions)
        status: SectionStatus = "ok"
        if not any(enough(c.n) for c in found):
            status = "insufficient_data"
            findings.insert(0, Finding("finding.focus.too_few_posts", "warning"))
            actions.insert(0, Action("action.focus.import_posts", impact=3, effort=1))
        else:
            actions.extend(_concentration_actions(found))
        return SectionResult(
            self.key,
            status,
            findings=tuple(findings),
            tables=tuple(t for t in tables if t.rows),
            actions=tuple(actions),
            charts=tuple(charts),
        )


def _year(measures: ir.Table, first: dt.date) -> ir.Table:
    """The review year's organic posts."""
    m = measures
    return m.filter((m.published_day >= first) & (m.paid != "paid"))


# --- concentration ------------------------------------------------------------------


def _concentration_findings(
    found: list[Concentration], first: dt.date, last: dt.date
) -> list[Finding]:
    findings = []
    for c in found:
        if c.scope != ALL or c.measure == "views" or not enough(c.n):
            continue
        findings.append(
            Finding(
                f"finding.focus.concentration_{c.measure}",
                "info",
                {
                    "n": c.n,
                    "first": first,
                    "last": last,
                    "top10": _pct(c.top(1)),
                    "top10_posts": c.top_posts(1),
                    "top20": _pct(c.top(2)),
                    "top20_posts": c.top_posts(2),
                    "half_posts": c.posts_for_half,
                    "half_share": _pct(c.posts_for_half / c.n),
                },
                Evidence(n=c.n, value=c.top(2)),
            )
        )
    channels = [
        c for c in found if c.scope != ALL and c.measure == "engagement" and enough(c.n)
    ]
    if len(channels) >= 2:
        top = max(channels, key=lambda c: (c.top(2), c.scope))
        findings.append(
            Finding(
                "finding.focus.most_concentrated",
                "notice",
                {
                    "platform": MessageKey(f"platform.{top.scope}"),
                    "n": top.n,
                    "top20": _pct(top.top(2)),
                    "top20_posts": top.top_posts(2),
                },
                Evidence(n=top.n, value=top.top(2)),
            )
        )
    return findings


def _concentration_tables(found: list[Concentration]) -> list[Table]:
    rows: list[tuple[Param, ...]] = []
    pareto: list[tuple[Param, ...]] = []
    for c in found:
        ok = enough(c.n)
        rows.append((
            _scope(c.scope), f"section.focus.measure.{c.measure}", c.n, c.total,
            c.top_posts(1), c.top(1) if ok else None,
            c.top_posts(2), c.top(2) if ok else None,
            c.posts_for_half if ok else None,
            c.posts_for_half / c.n if ok else None,
        ))  # fmt: skip
        if ok:
            pareto.append((_scope(c.scope), f"section.focus.measure.{c.measure}", c.n,
                           *c.cumulative))  # fmt: skip
    summary = Table(
        "focus.concentration",
        "table.focus.concentration",
        (
            Column("channel", "column.platform", "label"),
            Column("measure", "column.focus.measure", "label"),
            Column("n", "column.posts", "integer"),
            Column("total", "column.focus.total", "number"),
            Column("top10_posts", "column.focus.top10_posts", "integer"),
            Column("top10", "column.focus.top10", "percent"),
            Column("top20_posts", "column.focus.top20_posts", "integer"),
            Column("top20", "column.focus.top20", "percent"),
            Column("half_posts", "column.focus.half_posts", "integer"),
            Column("half_share", "column.focus.half_share", "percent"),
        ),
        tuple(rows),
    )
    deciles = tuple(
        Column(f"top{d}0", f"column.focus.decile_{d}", "percent") for d in range(1, 10)
    )
    curve = Table(
        "focus.pareto",
        "table.focus.pareto",
        (
            Column("channel", "column.platform", "label"),
            Column("measure", "column.focus.measure", "label"),
            Column("n", "column.posts", "integer"),
            *deciles,
        ),
        tuple(pareto),
    )
    return [summary, curve]


def _pareto_chart(found: list[Concentration]) -> list[Chart]:
    """All channels together: the cumulative share of each measure's total against
    the share of posts, best posts first, from (0, 0) to (1, 1)."""
    rows: list[tuple[Param, ...]] = []
    for c in found:
        if c.scope != ALL or not enough(c.n):
            continue
        measure = f"section.focus.measure.{c.measure}"
        points = ((0.0, 0.0), *((d / 10, c.top(d)) for d in DECILES), (1.0, 1.0))
        rows.extend((measure, share, result, c.n) for share, result in points)
    if not rows:
        return []
    data = Table(
        "focus.pareto_chart",
        "table.focus.chart.pareto",
        (
            Column("measure", "column.focus.measure", "label"),
            Column("posts", "column.focus.chart.posts_share", "percent"),
            Column("result", "column.focus.chart.result_share", "percent"),
            Column("n", "column.posts", "integer"),
        ),
        tuple(rows),
    )
    return [
        Chart(
            "focus.pareto",
            "pareto",
            data,
            x="posts",
            y="result",
            series="measure",
            note_key="section.focus.chart.pareto",
        )
    ]


def _concentration_actions(found: list[Concentration]) -> list[Action]:
    overall = next(
        (c for c in found if c.scope == ALL and c.measure == "engagement"), None
    )
    if overall is None or not enough(overall.n) or overall.top(2) < _CONCENTRATED:
        return []
    return [
        Action(
            "action.focus.study_top_posts",
            impact=3,
            effort=1,
            params={"top20": _pct(overall.top(2)), "n": overall.top_posts(2)},
            finding_keys=("finding.focus.concentration_engagement",),
        )
    ]


# --- the scenario -------------------------------------------------------------------


def _group(dimension: Dimension, s: Scenario) -> str:
    return f"format.{s.group}" if dimension == "format" else s.group


def _scenario_table(dimension: Dimension, found: list[Scenario]) -> Table:
    rows = tuple(
        (
            f"platform.{s.platform}", _group(dimension, s), s.groups_compared,
            f"report.denominator.{s.denominator}", s.posts, s.saved, s.saved / s.posts,
            s.rate.estimate, s.rate.low, s.rate.high, s.rest_rate,
            s.chance_rest_better, f"section.focus.measure.{s.reach_measure}", s.reach_lost,
            s.reach_share_lost, s.reach_now, s.reach_after, s.engagement_lost,
            s.engagement_share_lost, s.engagement_now, s.engagement_after,
        )
        for s in found
    )  # fmt: skip
    kind: CellKind = "label" if dimension == "format" else "text"
    return Table(
        f"focus.drop_{dimension}",
        f"table.focus.drop_{dimension}",
        (
            Column("channel", "column.platform", "label"),
            Column("dropped", f"column.focus.dropped_{dimension}", kind),
            Column("compared", "column.focus.groups_compared", "integer"),
            Column("denominator", "column.focus.denominator", "label"),
            Column("posts", "column.posts", "integer"),
            Column("saved", "column.focus.posts_saved", "integer"),
            Column("saved_share", "column.focus.posts_saved_share", "percent"),
            Column("rate", "column.focus.rate_dropped", "percent", *_RATE),
            Column("rate_low", "column.focus.rate_low", "percent", *_RATE),
            Column("rate_high", "column.focus.rate_high", "percent", *_RATE),
            Column("rest_rate", "column.focus.rate_rest", "percent", *_RATE),
            Column("chance", "column.focus.chance_rest_better", "percent"),
            Column("reach_measure", "column.focus.measure", "label"),
            Column("reach_lost", "column.focus.reach_lost", "number"),
            Column("reach_lost_share", "column.focus.reach_lost_share", "percent"),
            Column("reach_now", "column.focus.reach_per_post_now", "number"),
            Column("reach_after", "column.focus.reach_per_post_after", "number"),
            Column("engagement_lost", "column.focus.engagement_lost", "number"),
            Column(
                "engagement_lost_share", "column.focus.engagement_lost_share", "percent"
            ),
            Column("engagement_now", "column.focus.engagement_per_post_now", "number"),
            Column(
                "engagement_after", "column.focus.engagement_per_post_after", "number"
            ),
        ),
        rows,
    )


def _scenario_findings(dimension: Dimension, found: list[Scenario]) -> list[Finding]:
    findings = []
    for s in found:
        group = MessageKey(f"format.{s.group}") if dimension == "format" else s.group
        interval = (
            (s.rate.low, s.rate.high)
            if s.rate.low is not None and s.rate.high is not None
            else None
        )
        findings.append(
            Finding(
                f"finding.focus.drop_{dimension}",
                "info",
                {
                    "platform": MessageKey(f"platform.{s.platform}"),
                    "group": group,
                    "saved": s.saved,
                    "posts": s.posts,
                    "saved_share": _pct(s.saved / s.posts),
                    "reach_lost": _pct(s.reach_share_lost or 0.0),
                    "engagement_lost": _pct(s.engagement_share_lost or 0.0),
                    "engagement_now": round(s.engagement_now or 0.0, 1),
                    "engagement_after": round(s.engagement_after or 0.0, 1),
                    "measure": MessageKey(f"section.focus.measure.{s.reach_measure}"),
                },
                Evidence(
                    n=s.rate.n,
                    value=s.rate.estimate,
                    interval=interval,
                    probability=s.chance_rest_better,
                    denominator=s.denominator,
                ),
            )
        )
    return findings


# --- experiments --------------------------------------------------------------------

_VERDICT_FINDING: dict[str, tuple[str, Severity]] = {
    "do_more": ("finding.focus.experiment_do_more", "info"),
    "stop": ("finding.focus.experiment_stop", "notice"),
    "no_posts": ("finding.focus.experiment_no_posts", "notice"),
    "no_variant": ("finding.focus.experiment_no_variant", "notice"),
}


def _experiments(
    register: ExperimentRegister | None,
    measures: ir.Table,
    texts: ir.Table,
    last: dt.date | None,
    timezone: str,
) -> tuple[list[Finding], Table, list[Action]]:
    findings: list[Finding] = []
    actions: list[Action] = []
    if register is None or (not register.experiments and not register.problems):
        findings.append(Finding("finding.focus.no_experiments", "notice"))
        actions.append(Action("action.focus.start_experiments", impact=2, effort=1))
        return findings, _experiment_table([]), actions
    findings.extend(problem_findings(register.file, register.problems))
    findings.extend(_overlaps(register, last))
    results: list[ExperimentResult] = []
    if last is not None:
        results = [
            analyse_experiment(e, measures, texts, last, timezone)
            for e in register.experiments
        ]
    for result in results:
        findings.append(_experiment_finding(result))
        action = _experiment_action(result)
        if action is not None:
            actions.append(action)
    return findings, _experiment_table(results), actions


def _overlaps(register: ExperimentRegister, last: dt.date | None) -> list[Finding]:
    end = last or dt.date.max
    found = []
    for one, two in combinations(register.experiments, 2):
        if one.platform != two.platform:
            continue
        if one.start <= (two.end or end) and two.start <= (one.end or end):
            found.append(
                Finding(
                    "finding.focus.experiments_overlap",
                    "warning",
                    {
                        "first": one.name,
                        "second": two.name,
                        "platform": MessageKey(f"platform.{one.platform}"),
                    },
                )
            )
    return found


def _experiment_params(r: ExperimentResult) -> dict[str, Param]:
    e = r.experiment
    params: dict[str, Param] = {
        "name": e.name,
        "platform": MessageKey(f"platform.{e.platform}"),
        "metric": MessageKey(f"section.focus.metric.{r.metric}"),
        "n_a": len(r.a),
        "n_b": len(r.b),
        "minimum": MIN_POSTS,
        "start": e.start,
        "last": r.last_day,
        "posts": r.posts,
    }
    if r.difference is not None and r.difference.ratio is not None:
        ratio = r.difference.ratio
        params["ratio"] = round(ratio.estimate, 2)
        params["chance"] = _pct(r.difference.chance_to_beat or 0.0)
    if r.weeks_needed is not None:
        params["weeks"] = r.weeks_needed
    return params


def _experiment_finding(r: ExperimentResult) -> Finding:
    params = _experiment_params(r)
    severity: Severity
    if r.verdict in _VERDICT_FINDING:
        key, severity = _VERDICT_FINDING[r.verdict]
    elif r.difference is None:
        key, severity = (
            ("finding.focus.experiment_too_few", "notice")
            if r.weeks_needed is not None
            else ("finding.focus.experiment_too_few_no_pace", "notice")
        )
    else:
        key, severity = "finding.focus.experiment_unclear", "info"
    evidence = None
    if r.difference is not None and r.difference.ratio is not None:
        ratio = r.difference.ratio
        interval = (
            (ratio.low, ratio.high)
            if ratio.low is not None and ratio.high is not None
            else None
        )
        evidence = Evidence(
            n=len(r.a) + len(r.b),
            value=ratio.estimate,
            interval=interval,
            probability=r.difference.chance_to_beat,
            denominator=r.denominator,
        )
    elif r.verdict == "not_enough_data":
        evidence = Evidence(n=len(r.a) + len(r.b), denominator=r.denominator)
    return Finding(key, severity, params, evidence)


def _experiment_action(r: ExperimentResult) -> Action | None:
    params = {"name": r.experiment.name}
    if r.verdict == "do_more":
        return Action("action.focus.experiment_do_more", 3, 1, params)
    if r.verdict == "stop":
        return Action("action.focus.experiment_stop", 2, 1, params)
    if r.verdict == "not_enough_data" and r.weeks_needed is not None:
        return Action(
            "action.focus.experiment_continue", 2, 2,
            {**params, "weeks": r.weeks_needed},
        )  # fmt: skip
    if r.verdict == "no_variant":
        return Action("action.focus.experiment_mark_variant", 2, 1, params)
    return None


def _experiment_table(results: list[ExperimentResult]) -> Table:
    rows = []
    for r in results:
        d = r.difference
        ratio = d.ratio if d is not None else None
        rows.append((
            r.experiment.name, f"platform.{r.experiment.platform}",
            f"section.focus.metric.{r.metric}",
            f"report.denominator.{r.denominator}" if r.denominator else None,
            r.experiment.start, r.last_day, len(r.a), len(r.b),
            r.median_a, r.median_b,
            ratio.estimate if ratio else None,
            ratio.low if ratio else None, ratio.high if ratio else None,
            d.chance_to_beat if d else None,
            _loss(d.expected_loss) if d and d.expected_loss is not None else None,
            f"section.focus.verdict.{r.verdict}", r.experiment.decision or None,
        ))  # fmt: skip
    per: tuple[Denominator, Statistic] = (
        "thousand_reached_or_viewed",
        "median_per_post",
    )
    return Table(
        "focus.experiments",
        "table.focus.experiments",
        (
            Column("name", "column.focus.experiment"),
            Column("channel", "column.platform", "label"),
            Column("metric", "column.focus.metric", "label"),
            Column("denominator", "column.focus.denominator", "label"),
            Column("start", "column.first_day", "date"),
            Column("last", "column.last_day", "date"),
            Column("n_a", "column.focus.n_a", "integer"),
            Column("n_b", "column.focus.n_b", "integer"),
            Column("median_a", "column.focus.median_a", "number", *per),
            Column("median_b", "column.focus.median_b", "number", *per),
            Column(
                "ratio", "column.focus.ratio", "number", "arm_a", "ratio_of_medians"
            ),
            Column("ratio_low", "column.focus.ratio_low", "number"),
            Column("ratio_high", "column.focus.ratio_high", "number"),
            Column("chance", "column.focus.chance_b", "percent"),
            Column("loss", "column.focus.expected_loss", "percent"),
            Column("verdict", "column.focus.verdict", "label"),
            Column("decision", "column.focus.decision"),
        ),
        tuple(rows),
    )


def _loss(log_points: float) -> float:
    """Expected loss on the log scale as the share of the result given up."""
    return -math.expm1(-log_points)
