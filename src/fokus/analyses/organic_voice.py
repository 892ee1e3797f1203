"""The genericness part of the organic section: scores next to performance.

Each organic post's text is scored by :mod:`fokus.analyses.genericness` (a score
of how generic a text reads, never an AI detector) and set against its engagement
relative to its account's baseline: per channel the median score, the share of
texts with each trait and Spearman's rank correlation with a Fisher-z interval;
the engagement by score band; and the most and least generic texts with every
part of their score.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from fokus.analyses.genericness import Genericness, TextPost, score_posts
from fokus.analyses.organic_posts import OrganicPost, excerpt
from fokus.analyses.stats import enough, median_interval, rank_correlation
from fokus.model.denominators import Denominator, Statistic
from fokus.model.results import Column, Evidence, Finding, Param, Table

GENERIC_EXAMPLES = 10
SCORE_BANDS = ((0, 25), (25, 50), (50, 75), (75, 101))


def genericness_part(
    posts: Sequence[OrganicPost], brand_terms: Sequence[str]
) -> tuple[list[Table], list[Finding]]:
    scores = score_posts(
        (
            TextPost(p.key, f"{p.platform}/{p.account}",
                     f"{p.published_at.isoformat()}", p.text)
            for p in posts
        ),
        brand_terms,
    )  # fmt: skip
    if not scores:
        return [], []
    by_key = {p.key: p for p in posts}
    channel_rows = []
    for platform in [*sorted({by_key[s.key].platform for s in scores}), None]:
        chosen = [
            s for s in scores if platform is None or by_key[s.key].platform == platform
        ]
        channel_rows.append(_channel_row(platform, chosen, by_key))
    tables = [
        Table(
            "organic.genericness",
            "table.organic.genericness",
            (
                Column("platform", "column.platform", "label"),
                Column("posts", "column.posts", "integer"),
                Column("score", "column.organic.median_score", "number"),
                Column("cliches", "column.organic.share_cliches", "percent"),
                Column("first_person", "column.organic.share_first_person", "percent"),
                Column("questions", "column.organic.share_questions", "percent"),
                Column("n_pairs", "column.organic.n_pairs", "integer"),
                Column(
                    "rho",
                    "column.organic.rho",
                    "number",
                    "engagement_baseline",
                    "rank_correlation",
                ),
                Column("rho_low", "column.organic.low", "number"),
                Column("rho_high", "column.organic.high", "number"),
            ),
            tuple(channel_rows),
        ),
        _band_table(scores, by_key),
        _examples_table(scores, by_key),
    ]
    return tables, [_correlation_finding(scores, by_key)]


def _pairs(
    scores: Sequence[Genericness], by_key: Mapping[str, OrganicPost]
) -> tuple[list[float], list[float]]:
    pairs = [
        (s.score, vs)
        for s in scores
        if (vs := by_key[s.key].engagement_vs_baseline) is not None
    ]
    return [p[0] for p in pairs], [p[1] for p in pairs]


def _channel_row(
    platform: str | None,
    scores: Sequence[Genericness],
    by_key: Mapping[str, OrganicPost],
) -> tuple[Param, ...]:
    n = len(scores)
    x, y = _pairs(scores, by_key)
    rho = rank_correlation(x, y) if enough(len(x)) else None
    return (
        f"platform.{platform}" if platform else "column.organic.all_channels",
        n,
        median_interval([s.score for s in scores]).estimate,
        sum(s.cliche_points > 0 for s in scores) / n,
        sum(s.first_person for s in scores) / n,
        sum(s.question for s in scores) / n,
        len(x),
        rho.estimate if rho else None,
        rho.low if rho else None,
        rho.high if rho else None,
    )


def _band_table(
    scores: Sequence[Genericness], by_key: Mapping[str, OrganicPost]
) -> Table:
    rows = []
    for low, high in SCORE_BANDS:
        inside = [s for s in scores if low <= s.score < high]
        _, vs = _pairs(inside, by_key)
        interval = median_interval(vs) if vs else None
        rows.append(
            (
                f"{low}–{min(high - 1, 100)}",
                len(inside),
                len(vs),
                interval.estimate if interval else None,
                interval.low if interval else None,
                interval.high if interval else None,
                None if enough(len(vs)) else "column.organic.too_few",
            )
        )
    note: tuple[Denominator, Statistic] = ("engagement_baseline", "median_per_post")
    return Table(
        "organic.genericness_bands",
        "table.organic.genericness_bands",
        (
            Column("band", "column.organic.score_band"),
            Column("posts", "column.posts", "integer"),
            Column("n_pairs", "column.organic.n_pairs", "integer"),
            Column("vs", "column.organic.engagement_vs_baseline", "number", *note),
            Column("vs_low", "column.organic.low", "number", *note),
            Column("vs_high", "column.organic.high", "number", *note),
            Column("note", "column.organic.note", "label"),
        ),
        tuple(rows),
    )


def _examples_table(
    scores: Sequence[Genericness], by_key: Mapping[str, OrganicPost]
) -> Table:
    ordered = sorted(scores, key=lambda s: (-s.score, s.key))
    shown = ordered[:GENERIC_EXAMPLES]
    shown += [s for s in ordered[-GENERIC_EXAMPLES:] if s not in shown]
    rows = tuple(
        (
            f"platform.{by_key[s.key].platform}",
            by_key[s.key].published_at.date(),
            excerpt(by_key[s.key].text),
            s.score,
            s.specificity_points,
            s.voice_points,
            s.cliche_points,
            ", ".join(s.cliches),
            s.repetition_points,
            by_key[s.key].engagement_vs_baseline,
        )
        for s in shown
    )
    return Table(
        "organic.genericness_posts",
        "table.organic.genericness_posts",
        (
            Column("platform", "column.platform", "label"),
            Column("day", "report.column.date", "date"),
            Column("text", "column.organic.text"),
            Column("score", "column.organic.score", "number"),
            Column("specificity", "column.organic.points_specificity", "number"),
            Column("voice", "column.organic.points_voice", "number"),
            Column("cliche", "column.organic.points_cliches", "number"),
            Column("phrases", "column.organic.cliches_found"),
            Column("repetition", "column.organic.points_repetition", "number"),
            Column(
                "vs",
                "column.organic.engagement_vs_baseline",
                "number",
                "engagement_baseline",
            ),
        ),
        rows,
    )


def _correlation_finding(
    scores: Sequence[Genericness], by_key: Mapping[str, OrganicPost]
) -> Finding:
    x, y = _pairs(scores, by_key)
    rho = rank_correlation(x, y) if enough(len(x)) else None
    if rho is None or rho.low is None or rho.high is None:
        return Finding(
            "finding.organic.genericness_too_few",
            "info",
            {"n": len(x)},
            Evidence(n=len(x)),
        )
    key = (
        "finding.organic.generic_does_worse" if rho.high < 0
        else "finding.organic.generic_does_better" if rho.low > 0
        else "finding.organic.generic_no_link"
    )  # fmt: skip
    return Finding(
        key,
        "notice" if rho.high < 0 else "info",
        {"n": len(x), "rho": rho.estimate, "low": rho.low, "high": rho.high},
        Evidence(n=len(x), value=rho.estimate, interval=(rho.low, rho.high)),
    )
