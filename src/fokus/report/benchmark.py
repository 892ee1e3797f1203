"""The cross-client benchmark as rows, JSON, CSV and a small HTML page.

One row per group, metric and client (``placement_rows``) feeds the CSV, the HTML
and the terminal table alike. Client names come from the workspaces' fokus.toml
files: untrusted text, escaped in the HTML.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from html import escape

from fokus.i18n import Language, translate
from fokus.model.benchmark import (
    BENCHMARK_DENOMINATORS,
    BENCHMARK_METRICS,
    Benchmark,
    BenchmarkGroup,
    BenchmarkMetric,
)
from fokus.model.results import CellKind, Param
from fokus.report.display import format_cell

BENCHMARK_JSON_VERSION = 2
"""2: each metric's denominator and statistic are names (``reach``,
``median_of_rates``), as in the review's JSON; 1 had one English phrase."""

_KINDS: dict[BenchmarkMetric, CellKind] = {
    "reach": "number",
    "engagement": "number",
    "engagement_rate": "percent",
}


def benchmark_to_dict(benchmark: Benchmark) -> dict[str, object]:
    """The benchmark as plain values, with each metric's denominator declared."""
    return {
        "schema_version": BENCHMARK_JSON_VERSION,
        "clients": list(benchmark.clients),
        "min_posts": benchmark.min_posts,
        "metrics": {m: _declared(m) for m in BENCHMARK_METRICS},
        "groups": [_group(g) for g in benchmark.groups],
    }  # fmt: skip


def _declared(metric: BenchmarkMetric) -> dict[str, str | None]:
    denominator, statistic = BENCHMARK_DENOMINATORS[metric]
    return {"denominator": denominator, "statistic": statistic}


def _group(group: BenchmarkGroup) -> dict[str, object]:
    return {
        "platform": group.platform,
        "format": group.format,
        "posts": group.posts,
        "clients": group.clients,
        "figures": {
            f.metric: {"median": f.median, "low": f.low, "high": f.high, "n": f.n}
            for f in group.figures
        },
        "placements": [
            {
                "client": p.client, "metric": p.metric, "n": p.n,
                "median": p.median, "status": p.status, "ratio": p.ratio,
                "percentile": p.percentile,
            }
            for p in group.placements
        ],
    }  # fmt: skip


def render_benchmark_json(benchmark: Benchmark) -> str:
    """The JSON document (non-finite numbers as null), keys in a fixed order."""
    return json.dumps(benchmark_to_dict(benchmark), ensure_ascii=False, indent=2) + "\n"


GROUP_COLUMNS = ("platform", "format", "posts", "clients", "reach", "engagement",
                 "engagement_rate")  # fmt: skip
PLACEMENT_COLUMNS = ("client", "platform", "format", "metric", "n", "median",
                     "group_median", "ratio", "percentile", "status")  # fmt: skip


def placement_rows(benchmark: Benchmark) -> Iterator[tuple[Param, ...]]:
    """Client, platform, format, metric, n, median, group median, ratio,
    percentile and status, in group then metric then client order."""
    for group in benchmark.groups:
        medians = {f.metric: f.median for f in group.figures}
        for p in group.placements:
            yield (p.client, group.platform, group.format, p.metric, p.n, p.median,
                   medians[p.metric], p.ratio, p.percentile, p.status)  # fmt: skip


def render_benchmark_csv(benchmark: Benchmark) -> str:
    """One row per client, group and metric; raw values, machine-readable."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(PLACEMENT_COLUMNS)
    writer.writerows(
        ["" if v is None else v for v in row] for row in placement_rows(benchmark)
    )
    return buffer.getvalue()


def show_figure(
    metric: BenchmarkMetric,
    value: float | None,
    language: Language,
    low: float | None = None,
    high: float | None = None,
) -> str:
    """A median as the report shows it, with its interval when there is one."""
    kind = _KINDS[metric]
    text = format_cell(value, kind, language).text
    if low is None or high is None:
        return text
    bounds = (format_cell(low, kind, language).text,
              format_cell(high, kind, language).text)  # fmt: skip
    return f"{text} ({bounds[0]}–{bounds[1]})"


def group_cells(group: BenchmarkGroup, language: Language) -> tuple[str, ...]:
    """A group's row: platform, format, posts, clients, and the three medians."""
    figures = {f.metric: f for f in group.figures}
    return (
        translate(f"platform.{group.platform}", language),
        translate(f"format.{group.format}", language),
        format_cell(group.posts, "integer", language).text,
        format_cell(group.clients, "integer", language).text,
        *(
            show_figure(m, figures[m].median, language, figures[m].low, figures[m].high)
            for m in BENCHMARK_METRICS
        ),
    )


def placement_cells(row: tuple[Param, ...], language: Language) -> tuple[str, ...]:
    """A placement row as text: ratio as ×, percentile as a rank out of 100."""
    client, platform, fmt, metric, n, median, _, ratio, percentile, status = row
    metric_key = str(metric)
    kind = _KINDS[metric_key]  # type: ignore[index]  # a BenchmarkMetric by construction
    placed = status == "placed"
    return (
        str(client),
        translate(f"platform.{platform}", language),
        translate(f"format.{fmt}", language),
        translate(f"benchmark.metric.{metric_key}", language),
        format_cell(n, "integer", language).text,
        format_cell(median, kind, language).text,
        format_cell(ratio, "percent", language).text if placed else "",
        format_cell(percentile, "number", language).text if placed else "",
        "" if placed else translate("benchmark.too_few", language, n=n),
    )


def _table(headers: tuple[str, ...], rows: list[tuple[str, ...]]) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in row) + "</tr>"
        for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def group_headers(language: Language) -> tuple[str, ...]:
    return tuple(translate(f"benchmark.column.{c}", language) for c in GROUP_COLUMNS)


def placement_headers(language: Language) -> tuple[str, ...]:
    keys = ("client", "platform", "format", "metric", "n", "median", "ratio",
            "percentile", "status")  # fmt: skip
    return tuple(translate(f"benchmark.column.{c}", language) for c in keys)


def render_benchmark_html(benchmark: Benchmark, language: Language) -> str:
    """A self-contained page: the groups, how to read them, each client placed."""
    title = translate("benchmark.title", language, n=len(benchmark.clients))
    notes = "".join(
        f"<li>{escape(translate(f'benchmark.note.{m}', language))}</li>"
        for m in BENCHMARK_METRICS
    )
    groups = [group_cells(g, language) for g in benchmark.groups]
    placements = [placement_cells(r, language) for r in placement_rows(benchmark)]
    clients = ", ".join(benchmark.clients)
    return (
        f'<!DOCTYPE html>\n<html lang="{language}"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title><style>body{{font-family:sans-serif;"
        "margin:2rem}table{border-collapse:collapse;margin:1rem 0}"
        "td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:left}</style>"
        f"</head><body><h1>{escape(title)}</h1>"
        f"<p>{escape(translate('benchmark.clients', language, clients=clients))}</p>"
        f"<ul>{notes}<li>{escape(translate('benchmark.note.placement', language, minimum=benchmark.min_posts))}</li></ul>"
        f"<h2>{escape(translate('benchmark.groups', language))}</h2>"
        f"{_table(group_headers(language), groups)}"
        f"<h2>{escape(translate('benchmark.placements', language))}</h2>"
        f"{_table(placement_headers(language), placements)}</body></html>\n"
    )
