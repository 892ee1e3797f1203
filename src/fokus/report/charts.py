"""Charts: a chart block as a Vega-Lite spec (built with Altair) and as static SVG.

One spec serves both outputs: the HTML page embeds it interactively (with the Vega
bundle inlined once, see ``html.py`` and ``bundle.py``), the PDF shows the SVG that
vl-convert draws here without a browser or a network. Pure: no files, no requests
(vl-convert is told to allow no base URL at all).

Every chart names what it counts: axis titles carry the unit and the denominator,
numbers and dates follow the reader's locale (decimal comma and a space between
thousands in bokmål), and groups smaller than the chart's ``min_n`` are drawn faded
with a legend saying so; a heatmap leaves such cells empty and its subtitle says why.
Labels are data (account names, captions): Vega draws them as text, and the SVG
writer escapes them, which the tests check with hostile labels.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

import altair as alt
import vl_convert as vlc
from altair.utils.schemapi import debug_mode

from fokus.i18n import Language, show, translate
from fokus.model.denominators import AXIS_DENOMINATORS
from fokus.model.results import Param
from fokus.report.blocks import ChartBlock, ColumnBlock, is_missing
from fokus.report.display import denominator_name
from fokus.report.plain import visible_text

WIDTH = 360
"""The plotting area in CSS pixels: with its axes and category names (up to
``LABEL_LIMIT``) it fits an A4 column (about 670 px), and the page scales it down
to a phone's width."""
LABEL_LIMIT = 260
HEIGHT = 240
ROW_HEIGHT = 22
"""Bars and heatmap rows get a fixed step each, so long lists grow downwards."""
FADED = 0.35
MAIN = "#3b6e8f"
"""A calm blue-grey; the interval and the 80 % line are drawn in greys."""
GREY = "#6b7280"
SERIES = ("#3b6e8f", "#c17c3a", "#5b8c5a", "#8e6c8a", "#b5524b", "#6b7280")

Spec = dict[str, Any]
Row = dict[str, str | float | bool | None]

# d3-format and d3-time-format locales, written out so that the SVG (vl-convert)
# and the page (vega-embed) format identically and need nothing from the network.
_NB_MONTHS = [
    "januar",
    "februar",
    "mars",
    "april",
    "mai",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "desember",
]
_EN_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
FORMAT_LOCALE: Mapping[Language, Mapping[str, Any]] = {
    "nb": {
        "decimal": ",",
        "thousands": "\u00a0",
        "grouping": [3],
        "currency": ["", "\u00a0kr"],
        "percent": "\u00a0%",
        "minus": "\u2212",
    },
    "en": {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["£", ""]},
}
TIME_FORMAT_LOCALE: Mapping[Language, Mapping[str, Any]] = {
    "nb": {
        "dateTime": "%A %e. %B %Y kl. %X",
        "date": "%d.%m.%Y",
        "time": "%H:%M:%S",
        "periods": ["AM", "PM"],
        "days": [
            "søndag",
            "mandag",
            "tirsdag",
            "onsdag",
            "torsdag",
            "fredag",
            "lørdag",
        ],
        "shortDays": ["søn.", "man.", "tir.", "ons.", "tor.", "fre.", "lør."],
        "months": _NB_MONTHS,
        "shortMonths": [
            "jan.",
            "feb.",
            "mar.",
            "apr.",
            "mai",
            "jun.",
            "jul.",
            "aug.",
            "sep.",
            "okt.",
            "nov.",
            "des.",
        ],
    },
    "en": {
        "dateTime": "%a %e %b %Y %X",
        "date": "%d/%m/%Y",
        "time": "%H:%M:%S",
        "periods": ["AM", "PM"],
        "days": [
            "Sunday",
            "Monday",
            "Tuesday",
            "Wednesday",
            "Thursday",
            "Friday",
            "Saturday",
        ],
        "shortDays": ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"],
        "months": _EN_MONTHS,
        "shortMonths": [m[:3] for m in _EN_MONTHS],
    },
}
_MONTH_FORMAT = "%b %Y"
_DAY_FORMAT = "%-d. %b %Y"


def chart_spec(chart: ChartBlock, language: Language) -> Spec:
    """The Vega-Lite spec of ``chart`` in ``language``, data inlined."""
    spec: Spec = json.loads(chart_spec_json(chart, language))
    return spec


@lru_cache(maxsize=128)
def chart_spec_json(chart: ChartBlock, language: Language) -> str:
    """``chart_spec`` as JSON text (keys sorted), built once per chart and language:
    the HTML page, its print version, the web fragment and the deck all draw the
    same charts. Altair validates neither the parts nor the spec against the
    Vega-Lite schema here (that was most of a report's chart time, the data rows
    included); the tests validate every kind."""
    build = {"bar": _bar, "heatmap": _heatmap, "trend": _trend, "pareto": _pareto}
    with debug_mode(False):
        layered = build[chart.kind](chart, _rows(chart, language), language)
        spec = _visible(layered.to_dict(validate=False))
    return json.dumps(spec, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _visible(value: Any) -> Any:
    """Every text in a spec through ``visible_text``: vl-convert aborts the whole
    process on a control character in a label (its SVG parser refuses it)."""
    if isinstance(value, str):
        return visible_text(value)
    if isinstance(value, dict):
        return {key: _visible(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_visible(item) for item in value]
    return value


@lru_cache(maxsize=128)
def chart_svg(chart: ChartBlock, language: Language) -> str:
    """The chart drawn as SVG by vl-convert: offline, no browser. Drawn once per
    chart and language: the print version and the deck's picture both use it."""
    return str(
        vlc.vegalite_to_svg(
            chart_spec_json(chart, language),
            allowed_base_urls=[],
            format_locale=dict(FORMAT_LOCALE[language]),
            time_format_locale=dict(TIME_FORMAT_LOCALE[language]),
        )
    )


def chart_png(chart: ChartBlock, language: Language) -> bytes:
    """The chart as a PNG at twice its size, for the deck (``fokus.report.pptx``):
    the SVG of ``chart_svg`` rasterised, the same pixels as vl-convert's own PNG
    (checked in the tests) in 40 % of the time, as the SVG is drawn already."""
    return bytes(vlc.svg_to_png(chart_svg(chart, language), scale=2))


def summary(chart: ChartBlock, language: Language) -> str:
    """A one-line text alternative: what is drawn against what, and how many."""
    return translate(
        "report.chart.summary",
        language,
        title=chart.title,
        y=_column(chart, chart.y).label,
        x=_column(chart, chart.x).label,
        rows=len(chart.data.rows),
    )


# -- data ---------------------------------------------------------------------


def _column(chart: ChartBlock, key: str) -> ColumnBlock:
    for column in chart.data.columns:
        if column.key == key:
            return column
    raise ValueError(f"chart {chart.key}: no column {key!r}")


def _rows(chart: ChartBlock, language: Language) -> list[Row]:
    """The table's rows under fixed field names (``x``, ``y``, ``low`` …), values
    shown as the reader reads them; fixed names keep odd column keys out of Vega's
    field syntax."""
    fields = {
        "x": chart.x,
        "y": chart.y,
        "low": chart.low,
        "high": chart.high,
        "series": chart.series,
        "n": chart.n,
    }
    index = {c.key: i for i, c in enumerate(chart.data.columns)}
    small = _small_label(chart, language)
    rows: list[Row] = []
    for raw in chart.data.rows:
        row: Row = {}
        for name, key in fields.items():
            if key is None:
                continue
            column = chart.data.columns[index[key]]
            value = raw[index[key]] if index[key] < len(raw) else None
            row[name] = _value(value, column, language)
        if chart.n is not None:
            n = row.get("n")
            thin = isinstance(n, float) and n < chart.min_n
            row["group"] = small if thin else _large_label(chart, language)
            if chart.kind == "heatmap" and thin:
                row["y"] = None  # suppressed: the cell stays empty
        rows.append(row)
    return rows


def _value(value: Param, column: ColumnBlock, language: Language) -> str | float | None:
    if is_missing(value):
        return None
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if column.kind == "label":
        return show(value, language)
    return str(value)


def _small_label(chart: ChartBlock, language: Language) -> str:
    return translate("report.chart.small_group", language, min_n=chart.min_n)


def _large_label(chart: ChartBlock, language: Language) -> str:
    return translate("report.chart.large_group", language, min_n=chart.min_n)


# -- axes ---------------------------------------------------------------------


def _axis_title(column: ColumnBlock, language: Language) -> str:
    """The column's label with its unit and, for a rate, what it is divided by."""
    title = column.label
    if column.kind == "percent":
        title = translate("report.chart.unit.percent", language, label=title)
    if column.denominator in AXIS_DENOMINATORS:
        # Only a single measure fits an axis; a longer one (``reach_or_views``,
        # ``engagement_baseline``) is for the evidence line and the JSON.
        name = denominator_name(column.denominator, language)
        title = translate("report.chart.per", language, label=title, denominator=name)
    return title


def _number_format(column: ColumnBlock) -> str:
    return {"percent": ".0%", "integer": ",d"}.get(column.kind, ",.3~r")


def _tooltip_format(column: ColumnBlock) -> str:
    return {"percent": ".1%", "integer": ",d"}.get(column.kind, ",.3~r")


def _tooltips(chart: ChartBlock, language: Language, *, x_type: str) -> list[Any]:
    x = _column(chart, chart.x)
    tips: list[Any] = [alt.Tooltip(f"x:{x_type}", title=x.label)]
    if x_type == "T":
        tips = [
            alt.Tooltip(
                "x:T", title=x.label, timeUnit="utcyearmonthdate", format=_DAY_FORMAT
            )
        ]
    elif x_type == "Q":
        tips = [alt.Tooltip("x:Q", title=x.label, format=_tooltip_format(x))]
    if chart.series is not None:
        tips.append(alt.Tooltip("series:N", title=_column(chart, chart.series).label))
    for field, key in (("y", chart.y), ("low", chart.low), ("high", chart.high)):
        if key is not None:
            column = _column(chart, key)
            tips.append(
                alt.Tooltip(
                    f"{field}:Q", title=column.label, format=_tooltip_format(column)
                )
            )
    if chart.n is not None:
        tips.append(
            alt.Tooltip("n:Q", title=_column(chart, chart.n).label, format=",d")
        )
    return tips


def _base(chart: ChartBlock, rows: list[Row], language: Language) -> alt.Chart:
    return alt.Chart(alt.InlineData(values=rows))


def _title(chart: ChartBlock, language: Language) -> alt.TitleParams:
    subtitle: list[str] = []
    if chart.kind == "heatmap" and chart.n is not None and chart.min_n > 0:
        subtitle.append(
            translate("report.chart.suppressed", language, min_n=chart.min_n)
        )
    return alt.TitleParams(
        text=chart.title, subtitle=subtitle or alt.Undefined, anchor="start"
    )


def _small_encoding(
    chart: ChartBlock, rows: list[Row], language: Language
) -> dict[str, Any]:
    """Opacity by group size, with a legend, when some group is small."""
    small = _small_label(chart, language)
    if chart.n is None or not any(r.get("group") == small for r in rows):
        return {}
    large = _large_label(chart, language)
    return {
        "opacity": alt.Opacity(
            "group:O",
            scale=alt.Scale(domain=[large, small], range=[1.0, FADED]),
            legend=alt.Legend(title=None, orient="bottom"),
        )
    }


def _finish(
    chart: ChartBlock, layers: list[Any], language: Language, height: Any
) -> Any:
    """The layers under one title, at the fixed width, in the calm house style."""
    layered = alt.layer(*layers, title=_title(chart, language)).properties(
        width=WIDTH, height=height
    )
    return (
        layered.configure(font="Noto Sans, DejaVu Sans, sans-serif")
        .configure_view(stroke=None)
        .configure_axis(labelColor="#374151", titleColor="#374151", gridColor="#e5e7eb")
    )


def _one_series(rows: list[Row]) -> bool:
    return len({row.get("series") for row in rows}) <= 1


def _series_colour(chart: ChartBlock) -> dict[str, Any]:
    """A calm colour per series, in the data's order, legend below."""
    if chart.series is None:
        return {}
    return {
        "color": alt.Color(
            "series:N",
            sort=None,
            title=_column(chart, chart.series).label,
            scale=alt.Scale(range=list(SERIES)),
            legend=alt.Legend(orient="bottom", symbolOpacity=1),
        )
    }


# -- kinds --------------------------------------------------------------------


def _bar(chart: ChartBlock, rows: list[Row], language: Language) -> Any:
    """Horizontal bars (long channel names read better down the side), the
    interval as a rule from ``low`` to ``high``."""
    y_col = _column(chart, chart.y)
    category = alt.Y(
        "x:N",
        sort=None,
        title=_column(chart, chart.x).label,
        axis=alt.Axis(labelLimit=LABEL_LIMIT),
    )
    value_scale = alt.Scale(zero=True)
    base = _base(chart, rows, language)
    bars = base.mark_bar(color=MAIN).encode(
        y=category,
        x=alt.X(
            "y:Q",
            title=_axis_title(y_col, language),
            axis=alt.Axis(format=_number_format(y_col)),
            scale=value_scale,
        ),
        tooltip=_tooltips(chart, language, x_type="N"),
        **_small_encoding(chart, rows, language),
    )
    layers: list[Any] = [bars]
    if chart.low is not None and chart.high is not None:
        layers.append(
            base.mark_rule(color=GREY, strokeWidth=1.5).encode(
                y=category, x="low:Q", x2="high:Q"
            )
        )
    return _finish(chart, layers, language, alt.Step(ROW_HEIGHT))


def _heatmap(chart: ChartBlock, rows: list[Row], language: Language) -> Any:
    """Cells coloured by ``y``; a suppressed cell keeps only a thin outline."""
    if chart.series is None:
        raise ValueError(f"chart {chart.key}: a heatmap needs a series column")
    y_col = _column(chart, chart.y)
    x = alt.X("x:O", sort="ascending", title=_column(chart, chart.x).label)
    y = alt.Y(
        "series:O",
        sort=None,
        title=_column(chart, chart.series).label,
        axis=alt.Axis(labelLimit=LABEL_LIMIT),
    )
    base = _base(chart, rows, language)
    outline = base.mark_rect(fill="#ffffff", stroke="#d1d5db", strokeWidth=0.5).encode(
        x=x, y=y
    )
    cells = (
        base.transform_filter("isValid(datum.y)")
        .mark_rect()
        .encode(
            x=x,
            y=y,
            color=alt.Color(
                "y:Q",
                title=_axis_title(y_col, language),
                scale=alt.Scale(scheme="blues"),
                legend=alt.Legend(
                    format=_number_format(y_col), orient="bottom", titleLimit=400
                ),
            ),
            tooltip=_tooltips(chart, language, x_type="O"),
        )
    )
    return _finish(chart, [outline, cells], language, alt.Step(ROW_HEIGHT))


def _trend(chart: ChartBlock, rows: list[Row], language: Language) -> Any:
    """One line per series over the dates; small points faded."""
    y_col = _column(chart, chart.y)
    x = alt.X(
        "x:T",
        title=_column(chart, chart.x).label,
        scale=alt.Scale(type="utc"),
        axis=alt.Axis(
            format=_MONTH_FORMAT,
            labelAngle=0,
            tickCount=alt.TimeIntervalStep(interval="month", step=1),
        ),
    )
    y = alt.Y(
        "y:Q",
        title=_axis_title(y_col, language),
        axis=alt.Axis(format=_number_format(y_col)),
    )
    colour = _series_colour(chart)
    base = _base(chart, rows, language)
    layers: list[Any] = []
    if chart.low is not None and chart.high is not None and _one_series(rows):
        # One band per line would hide the lines; with several series the
        # intervals stay in the table.
        layers.append(
            base.mark_area(opacity=0.15, color=MAIN).encode(
                x=x, y="low:Q", y2="high:Q", **colour
            )
        )
    layers.append(base.mark_line(color=MAIN, strokeWidth=2).encode(x=x, y=y, **colour))
    layers.append(
        base.mark_point(filled=True, color=MAIN, size=36).encode(
            x=x,
            y=y,
            tooltip=_tooltips(chart, language, x_type="T"),
            **colour,
            **_small_encoding(chart, rows, language),
        )
    )
    return _finish(chart, layers, language, HEIGHT)


def _pareto(chart: ChartBlock, rows: list[Row], language: Language) -> Any:
    """The cumulative share of the result against the share of items, with the
    80 % line drawn and labelled."""
    x_col, y_col = _column(chart, chart.x), _column(chart, chart.y)
    percent = alt.Axis(format=".0%")
    x = alt.X(
        "x:Q",
        title=_axis_title(x_col, language),
        scale=alt.Scale(domain=[0, 1]),
        axis=percent,
    )
    y = alt.Y(
        "y:Q",
        title=_axis_title(y_col, language),
        scale=alt.Scale(domain=[0, 1]),
        axis=percent,
    )
    colour = _series_colour(chart)
    base = _base(chart, rows, language)
    curve = base.mark_line(color=MAIN, strokeWidth=2).encode(x=x, y=y, **colour)
    points = base.mark_point(filled=True, color=MAIN, size=30).encode(
        x=x,
        y=y,
        tooltip=_tooltips(chart, language, x_type="Q"),
        **colour,
        **_small_encoding(chart, rows, language),
    )
    marker = [{"y": 0.8, "label": translate("report.chart.pareto_line", language)}]
    line = alt.Chart(alt.InlineData(values=marker))
    rule = line.mark_rule(color=GREY, strokeDash=[4, 3]).encode(y="y:Q")
    label = line.mark_text(align="left", dx=4, dy=-6, color=GREY, fontSize=11).encode(
        y="y:Q", x=alt.datum(0), text="label:N"
    )
    return _finish(chart, [curve, points, rule, label], language, HEIGHT)
