"""Findability and post language, as findings and tables of the text section."""

from __future__ import annotations

from collections.abc import Sequence

from fokus.analyses.findability import WEAK, QueryScore, Scorer, score_queries
from fokus.analyses.post_language import PostLanguage
from fokus.i18n import MessageKey, Percent
from fokus.model.denominators import Denominator, Statistic
from fokus.model.results import Column, Evidence, Finding, Param, Table
from fokus.registers.profiles import ProfileText

RATE_NOTE: tuple[Denominator, Statistic] = ("reach_or_views", "median_of_rates")


def _text_label(text: ProfileText) -> dict[str, Param]:
    return {
        "platform": MessageKey(f"platform.{text.platform}"),
        "field": MessageKey(f"section.text.field.{text.field}"),
    }


def query_part(
    queries: Sequence[str],
    texts: Sequence[ProfileText],
    scorer: Scorer | None,
) -> tuple[list[Finding], Table]:
    """Each query scored over the texts: a finding each, and one table."""
    searched = [t for t in texts if t.field != "link"]
    scores = score_queries(queries, [t.text for t in searched], scorer)
    findings = [_query_finding(s, searched) for s in scores]
    rows = []
    for s in scores:
        best = s.best
        top = None
        if s.similarity:
            top = max(range(len(s.similarity)), key=lambda i: (s.similarity or ())[i])
        rows.append((
            s.query, " ".join(s.words), s.combined,
            None if best is None else f"platform.{searched[best].platform}",
            None if best is None else f"section.text.field.{searched[best].field}",
            None if best is None else s.coverage[best], " ".join(s.missing),
            None if top is None else f"platform.{searched[top].platform}",
            None if top is None else f"section.text.field.{searched[top].field}",
            None if top is None or s.similarity is None else round(s.similarity[top], 3),
        ))  # fmt: skip
    table = Table(
        "text.queries",
        "table.text.queries",
        (
            Column("query", "column.text.query"),
            Column("words", "column.text.query_words"),
            Column("profiles", "column.text.coverage_profiles", "percent"),
            Column("best_platform", "column.text.best_platform", "label"),
            Column("best_field", "column.text.best_field", "label"),
            Column("best", "column.text.coverage_best", "percent"),
            Column("missing", "column.text.missing_words"),
            Column("similar_platform", "column.text.similar_platform", "label"),
            Column("similar_field", "column.text.similar_field", "label"),
            Column("similarity", "column.text.similarity", "number"),
        ),
        tuple(rows),
    )
    return findings, table


def _query_finding(score: QueryScore, texts: Sequence[ProfileText]) -> Finding:
    params: dict[str, Param] = {
        "query": score.query,
        "coverage": Percent(score.combined),
        "missing": ", ".join(score.missing),
    }
    evidence = Evidence(n=len(texts), value=score.combined)
    if score.combined < WEAK or score.best is None:
        return Finding("finding.text.query_weak", "notice", params, evidence)
    params |= _text_label(texts[score.best])
    if score.combined < 1:
        return Finding("finding.text.query_partial", "info", params, evidence)
    return Finding("finding.text.query_answered", "info", params, evidence)


def post_part(found: PostLanguage) -> tuple[list[Finding], Table]:
    """The groups as a table; clear differences and sampling as findings."""
    findings: list[Finding] = []
    if not found.posts:
        findings.append(Finding("finding.text.no_posts", "info"))
    elif found.read < found.posts:
        findings.append(
            Finding(
                "finding.text.posts_sampled",
                "info",
                {"read": found.read, "posts": found.posts},
                Evidence(n=found.read),
            )
        )
    for c in found.clear:
        assert c.best.median is not None and c.worst.median is not None
        interval = (
            None
            if c.ratio.low is None or c.ratio.high is None
            else (c.ratio.low, c.ratio.high)
        )
        findings.append(
            Finding(
                "finding.text.post_feature_clear",
                "info",
                {
                    "platform": MessageKey(f"platform.{c.best.platform}"),
                    "feature": MessageKey(f"section.text.feature.{c.best.feature}"),
                    "best": MessageKey(f"section.text.band.{c.best.band}"),
                    "worst": MessageKey(f"section.text.band.{c.worst.band}"),
                    "best_rate": Percent(c.best.median.estimate),
                    "worst_rate": Percent(c.worst.median.estimate),
                    "n_best": c.best.posts,
                    "n_worst": c.worst.posts,
                    "ratio": round(c.ratio.estimate, 2),
                },
                Evidence(
                    n=c.best.posts + c.worst.posts,
                    value=c.ratio.estimate,
                    interval=interval,
                    denominator=c.best.basis,
                ),
            )
        )
    rows = tuple(
        (
            f"platform.{g.platform}", f"report.denominator.{g.basis}",
            f"section.text.feature.{g.feature}", f"section.text.band.{g.band}",
            g.posts,
            None if g.median is None else g.median.estimate,
            None if g.median is None else g.median.low,
            None if g.median is None else g.median.high,
            g.rank,
        )
        for g in found.groups
    )  # fmt: skip
    table = Table(
        "text.post_language",
        "table.text.post_language",
        (
            Column("platform", "column.platform", "label"),
            Column("basis", "column.text.basis", "label"),
            Column("feature", "column.text.feature", "label"),
            Column("band", "column.text.band", "label"),
            Column("posts", "column.posts", "integer"),
            Column("rate", "column.text.median_rate", "percent", *RATE_NOTE),
            Column("rate_low", "column.text.low", "percent", *RATE_NOTE),
            Column("rate_high", "column.text.high", "percent", *RATE_NOTE),
            Column("rank", "column.text.rank", "integer"),
        ),
        rows,
    )
    return findings, table
