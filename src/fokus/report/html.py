"""The review as one self-contained, readable HTML page.

Every text in a review is untrusted (captions, page names and file names end up in
findings and tables), so the template runs with autoescape on and only our own
fixed values ever reach an attribute. Bidirectional control characters are
neutralised in every output, so a name cannot reorder the text around it. A
Content-Security-Policy admits only the inline CSS and script shipped here (by
hash): the page makes no requests, and injected markup could not run either.

Charts (docs/report.md) add the Vega bundle and ``charts.js``, also by hash, once
per page and only when there are charts; their specs are JSON data blocks. The
policy needs no ``'unsafe-eval'``: ``charts.js`` asks vega-embed for ``ast: true``,
so Vega's expressions run in vega-embed's bundled interpreter instead of being
compiled with ``new Function``. ``for_print`` (the PDF's input) draws each chart as
static SVG and has no script at all.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import resources

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from fokus import __version__
from fokus.i18n import Language, format_day, translate
from fokus.model.results import Review
from fokus.report.blocks import (
    ChartBlock,
    FindingBlock,
    ReportDocument,
    SectionBlock,
    TableBlock,
)
from fokus.report.charts import (
    FORMAT_LOCALE,
    TIME_FORMAT_LOCALE,
    chart_spec,
    chart_svg,
    javascript_bundle,
    summary,
)
from fokus.report.display import NUMERIC_KINDS, Cell, evidence_line, format_cell
from fokus.report.document import build_document

# Embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069). They can
# make "evil\u202egpj.exe" read as "evilexe.jpg"; the visible replacement character
# shows that something was there. Marks (U+200E/U+200F) are harmless and kept.
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
_SAFE_ID = re.compile(r"[a-z][a-z0-9_-]{0,63}")
_RESERVED_IDS = frozenset({"cover", "contents"})
_SEVERITY_CLASS = {
    "info": "info",
    "notice": "notice",
    "warning": "warning",
    "critical": "critical",
}
_STATUS_CLASS = {"ok": "ok", "insufficient_data": "insufficient", "failed": "failed"}


@dataclass(frozen=True, slots=True)
class FindingView:
    css: str
    severity: str
    text: str
    evidence: str | None


@dataclass(frozen=True, slots=True)
class HeaderView:
    label: str
    numeric: bool


@dataclass(frozen=True, slots=True)
class TableView:
    dom_id: str
    title: str
    headers: tuple[HeaderView, ...]
    rows: tuple[tuple[Cell, ...], ...]


@dataclass(frozen=True, slots=True)
class ChartView:
    """A chart: interactive from ``spec`` on screen, the static ``svg`` in print
    (made only for print: it costs a fraction of a second per chart)."""

    dom_id: str
    title: str
    note: str | None
    summary: str
    spec: Markup
    """The Vega-Lite spec as JSON safe inside ``<script type="application/json">``."""
    svg: Markup
    table: TableView


@dataclass(frozen=True, slots=True)
class ActionView:
    text: str
    meta: str


@dataclass(frozen=True, slots=True)
class SectionView:
    dom_id: str
    title: str
    status: str
    status_css: str
    findings: tuple[FindingView, ...]
    tables: tuple[TableView, ...]
    actions: tuple[ActionView, ...]
    error: str | None
    charts: tuple[ChartView, ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.findings or self.tables or self.actions or self.charts)


@dataclass(frozen=True, slots=True)
class PageView:
    language: Language
    title: str
    organisation: str
    period: str
    generated: str
    workspace: str
    sections: tuple[SectionView, ...]
    footer: str
    for_print: bool = False

    @property
    def has_charts(self) -> bool:
        return any(section.charts for section in self.sections)


def render_html(review: Review, workspace: str, *, for_print: bool = False) -> str:
    """A complete HTML document for ``review``, in the review's language.

    ``for_print`` (the PDF's input) shows each chart as static SVG and leaves out
    every script; on screen the charts are drawn interactively by the Vega bundle,
    inlined once and only when the page has charts.
    """
    doc = build_document(review, workspace)
    page = _page(doc, for_print=for_print)
    css = _asset("report.css")
    scripts: tuple[str, ...] = ()
    if not for_print:
        scripts = (_asset("sortable.js"),)
        if page.has_charts:
            scripts += (javascript_bundle(), _asset("charts.js"))
    csp = "; ".join(
        (
            "default-src 'none'",
            f"style-src '{_sha256(css)}'",
            "script-src " + " ".join(f"'{_sha256(s)}'" for s in scripts)
            if scripts
            else "script-src 'none'",
            "img-src data:",
            "base-uri 'none'",
            "form-action 'none'",
        )
    )
    template = _environment().get_template("report.html.j2")
    return template.render(
        page=page,
        t=_translator(doc.language),
        css=Markup(css),  # noqa: S704 -- our own packaged file, never user text
        # Our own packaged files and vl-convert's bundle, never user text.
        scripts=tuple(Markup(s) for s in scripts),  # noqa: S704
        chart_locale=_json_data(
            {
                "format": FORMAT_LOCALE[doc.language],
                "time": TIME_FORMAT_LOCALE[doc.language],
            }
        ),
        csp=Markup(csp),  # noqa: S704 -- built here from constants and hashes
    )


def _json_data(value: object) -> Markup:
    """JSON for a ``<script type="application/json">`` block: ``<``, ``>`` and ``&``
    escaped (no text can close the element or open a comment), and U+2028/9 too."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for raw, escaped in _JSON_ESCAPES:
        text = text.replace(raw, escaped)
    return Markup(text)  # noqa: S704 -- escaped just above


_JSON_ESCAPES = (
    ("<", "\\u003c"),
    (">", "\\u003e"),
    ("&", "\\u0026"),
    ("\u2028", "\\u2028"),
    ("\u2029", "\\u2029"),
)
_SVG_ID = re.compile(r'\bid="([^"]+)"')


@cache
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("fokus.report", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        finalize=_neutralise,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def _neutralise(value: object) -> object:
    """Runs on every ``{{ … }}`` before escaping; our own Markup passes untouched."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return _BIDI_CONTROLS.sub("\ufffd", value)
    return value


@cache
def _asset(name: str) -> str:
    return (resources.files("fokus.report") / "templates" / name).read_text("utf-8")


def _sha256(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")


def _translator(language: Language) -> Callable[..., str]:
    def t(key: str, **params: object) -> str:
        return translate(key, language, **params)

    return t


def _page(doc: ReportDocument, *, for_print: bool = False) -> PageView:
    lang = doc.language
    organisation = doc.organisation.strip() or translate(
        "report.cover.organisation.unnamed", lang
    )
    if doc.period is None:
        period = translate("report.cover.period.none", lang)
    else:
        period = translate(
            "report.cover.period.value",
            lang,
            start=doc.period.start,
            end=doc.period.end,
        )
    return PageView(
        language=lang,
        title=translate("report.document.title", lang, organisation=organisation),
        organisation=organisation,
        period=period,
        generated=format_day(doc.generated_at.date(), lang),
        workspace=doc.workspace,
        sections=_sections(doc.sections, lang, for_print=for_print),
        footer=translate("report.footer", lang, version=__version__),
        for_print=for_print,
    )


def _sections(
    sections: tuple[SectionBlock, ...], lang: Language, *, for_print: bool = False
) -> tuple[SectionView, ...]:
    views: list[SectionView] = []
    used: set[str] = set(_RESERVED_IDS)
    for index, section in enumerate(sections, start=1):
        # The key becomes the anchor when it is a plain identifier, so links such as
        # report.html#security keep working; anything else gets a numbered id.
        dom_id = section.key
        if not _SAFE_ID.fullmatch(dom_id) or dom_id in used:
            dom_id = f"section-{index}"
        used.add(dom_id)
        views.append(_section(section, dom_id, lang, for_print=for_print))
    return tuple(views)


def _section(
    section: SectionBlock, dom_id: str, lang: Language, *, for_print: bool = False
) -> SectionView:
    return SectionView(
        dom_id=dom_id,
        title=section.title,
        status=translate(f"report.status.{section.status}", lang),
        status_css=_STATUS_CLASS.get(section.status, "failed"),
        findings=tuple(_finding(f, lang) for f in section.findings),
        tables=tuple(
            _table(table, f"{dom_id}-table-{i}", lang)
            for i, table in enumerate(section.tables, start=1)
        ),
        actions=tuple(
            ActionView(
                text=a.text,
                meta=translate(
                    "report.action.meta", lang, impact=a.impact, effort=a.effort
                ),
            )
            for a in section.actions
        ),
        error=section.error,
        charts=tuple(
            _chart(chart, f"{dom_id}-chart-{i}", lang, for_print=for_print)
            for i, chart in enumerate(section.charts, start=1)
        ),
    )


def _chart(
    chart: ChartBlock, dom_id: str, lang: Language, *, for_print: bool
) -> ChartView:
    return ChartView(
        dom_id=dom_id,
        title=chart.title,
        note=chart.note,
        summary=summary(chart, lang),
        spec=_json_data(chart_spec(chart, lang)),
        svg=_scoped_svg(chart_svg(chart, lang), dom_id) if for_print else Markup(""),
        table=_table(chart.data, f"{dom_id}-data", lang),
    )


def _scoped_svg(svg: str, dom_id: str) -> Markup:
    """vl-convert's SVG with its ids (gradients, clip paths) prefixed by the chart's
    own id: several SVGs inline in one page must not share an id. Vega escapes every
    text it writes, so the markup is safe to include as is (tested)."""
    ids = _SVG_ID.findall(svg)
    for name in ids:
        svg = svg.replace(f'id="{name}"', f'id="{dom_id}-{name}"')
        svg = svg.replace(f"url(#{name})", f"url(#{dom_id}-{name})")
        svg = svg.replace(f'href="#{name}"', f'href="#{dom_id}-{name}"')
    return Markup(svg)  # noqa: S704 -- Vega's own escaped output


def _finding(finding: FindingBlock, lang: Language) -> FindingView:
    return FindingView(
        css=_SEVERITY_CLASS.get(finding.severity, "info"),
        severity=translate(f"report.severity.{finding.severity}", lang),
        text=finding.text,
        evidence=None
        if finding.evidence is None
        else evidence_line(finding.evidence, lang),
    )


def _table(table: TableBlock, dom_id: str, lang: Language) -> TableView:
    kinds = [c.kind for c in table.columns]
    return TableView(
        dom_id=dom_id,
        title=table.title,
        headers=tuple(
            HeaderView(c.label, c.kind in NUMERIC_KINDS) for c in table.columns
        ),
        # A row longer than its columns is cut and a shorter one shows as is: the
        # table stays readable rather than failing the report.
        rows=tuple(
            tuple(
                format_cell(v, kind, lang) for v, kind in zip(row, kinds, strict=False)
            )
            for row in table.rows
        ),
    )
