"""The review as one self-contained, readable HTML page.

Every text in a review is untrusted (captions, page names and file names end up in
findings and tables), so the template runs with autoescape on and only our own
fixed values ever reach an attribute. Bidirectional control characters are
neutralised in every output, so a name cannot reorder the text around it. A
Content-Security-Policy admits only the inline CSS and script shipped here (by
hash): the page makes no requests, and injected markup could not run either.

The page runs: cover (with the organisation's logo and a data-coverage summary),
contents, scorecard, action plan, the nine sections in the checklist's order, the
method notes, and the data appendix. Every id on the page is made here from plain
identifiers (``_Ids``), so links never carry text from the data.

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
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from fokus import __version__
from fokus.i18n import Language, format_day, translate
from fokus.model.branding import NO_BRANDING, Branding
from fokus.model.results import Review
from fokus.report.blocks import (
    ChartBlock,
    FindingBlock,
    ReportDocument,
    SectionBlock,
    TableBlock,
)
from fokus.report.bundle import javascript_bundle
from fokus.report.charts import (
    FORMAT_LOCALE,
    TIME_FORMAT_LOCALE,
    chart_spec_json,
    chart_svg,
    summary,
)
from fokus.report.display import NUMERIC_KINDS, Cell, evidence_line, format_cell
from fokus.report.document import build_document
from fokus.report.html_brand import BrandView, brand_view
from fokus.report.html_overview import (
    Anchors,
    CoverageView,
    MethodsView,
    PlanView,
    ScoreView,
    coverage_view,
    effect_and_effort,
    methods_view,
    plan_view,
    score_views,
)
from fokus.report.plain import visible_text
from fokus.report.print_widths import print_widths, table_size, unbroken
from fokus.report.printing import print_stylesheet

PRINT_MAX_ROWS = 40
"""On paper a table shows its first rows only, and says how many more the HTML
report and the spreadsheet have: a board pack is read, not searched."""
_SAFE_ID = re.compile(r"[a-z][a-z0-9_-]{0,63}")
_RESERVED_IDS = frozenset(
    {"cover", "contents", "main", "scorecard", "plan", "methods", "appendix"}
)
_SEVERITY_CLASS = {
    "info": "info",
    "notice": "notice",
    "warning": "warning",
    "critical": "critical",
}
_STATUS_CLASS = {"ok": "ok", "insufficient_data": "insufficient", "failed": "failed"}


@dataclass(frozen=True, slots=True)
class FindingView:
    dom_id: str
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
    omitted: int = 0
    """Rows left out on paper (``PRINT_MAX_ROWS``); the page says how many."""
    width: float = 100.0
    """On paper, the table's width in per cent of the text width
    (``fokus.report.print_widths``)."""
    widths: tuple[float, ...] = ()
    """On paper, each column's share of the table's width in per cent."""

    @property
    def size(self) -> str:
        """``normal``, ``wide`` or ``landscape``: how print.css sets the table."""
        return table_size(len(self.headers))


@dataclass(frozen=True, slots=True)
class ChartView:
    """A chart: interactive from ``spec`` on screen, the static ``svg`` in print
    (made only for print: it costs a fraction of a second per chart); its data
    table is the text alternative."""

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
    number: int | None
    """Its place in the checklist; None for the data appendix."""
    title: str
    status: str
    status_css: str
    findings: tuple[FindingView, ...]
    charts: tuple[ChartView, ...]
    tables: tuple[TableView, ...]
    actions: tuple[ActionView, ...]
    error: str | None
    method: str | None
    fill: str | None

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
    brand: BrandView
    coverage: CoverageView
    scorecard: tuple[ScoreView, ...]
    plan: PlanView
    sections: tuple[SectionView, ...]
    """The nine considerations, in the checklist's order."""
    methods: MethodsView
    appendix: SectionView | None
    footer: str
    for_print: bool = False

    @property
    def has_charts(self) -> bool:
        sections = (
            *self.sections,
            *(() if self.appendix is None else (self.appendix,)),
        )
        return any(section.charts for section in sections)


def render_html(review: Review, workspace: str, *, for_print: bool = False) -> str:
    """A complete HTML document for ``review``, in the review's language.

    ``for_print``: the page the PDF is made from; it has no script (sorting means
    nothing on paper), draws each chart as static SVG, and has no
    Content-Security-Policy (WeasyPrint runs no script and fetches nothing:
    ``fokus.report.pdf`` refuses every URL). On screen the charts are drawn by the
    Vega bundle, inlined once and only when the page has charts.
    """
    return render_document(
        build_document(review, workspace), review.branding, for_print=for_print
    )


def render_document(
    doc: ReportDocument, branding: Branding = NO_BRANDING, *, for_print: bool = False
) -> str:
    """The HTML page for a document already built (``build_document``)."""
    page = _page(doc, brand_view(branding), for_print=for_print)
    css = _asset("report.css")
    print_css = print_stylesheet(doc.language)
    scripts: tuple[str, ...] = ()
    if not for_print:
        scripts = (_asset("sortable.js"),)
        if page.has_charts:
            scripts += (javascript_bundle(), _asset("charts.js"))
    csp = "; ".join(
        (
            "default-src 'none'",
            f"style-src '{_sha256(css)}' '{_sha256(page.brand.css)}'"
            f" '{_sha256(print_css)}'",
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
        for_print=for_print,
        css=Markup(css),  # noqa: S704 -- our own packaged file, never user text
        brand_css=Markup(page.brand.css),  # noqa: S704 -- validated #rrggbb values only
        print_css=Markup(print_css),  # noqa: S704 -- packaged file + catalog text
        # Our own packaged files and vl-convert's bundle, never user text.
        scripts=tuple(Markup(s) for s in scripts),  # noqa: S704
        chart_locale=_chart_locale(doc.language),
        csp=Markup(csp),  # noqa: S704 -- built here from constants and hashes
    )


def render_fragment(review: Review, workspace: str) -> str:
    """The review (scorecard, action plan, sections, method notes, appendix) as an
    HTML fragment for a web page, from the same templates as the page.

    For a page whose Content-Security-Policy forbids inline scripts and styles: the
    fragment has no ``style`` attribute, no event attribute and no ``<script>``
    but JSON data blocks (the chart specs and their locale). The page loads
    ``chart_script()`` as a static file after the fragment to draw the charts and
    sort the tables; without it the charts' data tables still show every number.
    """
    return render_document_fragment(build_document(review, workspace))


def render_document_fragment(doc: ReportDocument) -> str:
    """The fragment for a document already built (``build_document``)."""
    page = _page(doc, brand_view(NO_BRANDING))
    template = _environment().get_template("fragment.html.j2")
    return template.render(
        page=page,
        t=_translator(doc.language),
        for_print=False,
        chart_locale=_chart_locale(doc.language),
    )


@dataclass(frozen=True, slots=True)
class StaticAsset:
    """A file the web app serves as is: its bytes, and their sha256.

    ``name`` carries the first hex digits of the hash, so it can be cached for
    ever; ``integrity`` is the ``sha256-…`` form for a policy or an
    ``integrity`` attribute.
    """

    name: str
    content_type: str
    data: bytes
    sha256: str
    integrity: str


@cache
def chart_script() -> StaticAsset:
    """The Vega bundle, ``charts.js`` and ``sortable.js`` as one static script."""
    text = "\n".join((javascript_bundle(), _asset("charts.js"), _asset("sortable.js")))
    data = text.encode("utf-8")
    digest = hashlib.sha256(data)
    return StaticAsset(
        name=f"fokus-review.{digest.hexdigest()[:16]}.js",
        content_type="text/javascript; charset=utf-8",
        data=data,
        sha256=digest.hexdigest(),
        integrity="sha256-" + base64.b64encode(digest.digest()).decode("ascii"),
    )


def _chart_locale(language: Language) -> Markup:
    return _json_data(
        {"format": FORMAT_LOCALE[language], "time": TIME_FORMAT_LOCALE[language]}
    )


def _json_data(value: object) -> Markup:
    """JSON for a ``<script type="application/json">`` block: ``<``, ``>`` and ``&``
    escaped (no text can close the element or open a comment), and U+2028/9 too."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return _script_json(text)


def _script_json(text: str) -> Markup:
    """JSON text made safe for a ``<script>`` block, as ``_json_data``."""
    text = visible_text(text)
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
    environment = Environment(
        loader=PackageLoader("fokus.report", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        finalize=_neutralise,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.tests["unbroken"] = unbroken
    return environment


def _neutralise(value: object) -> object:
    """Runs on every ``{{ … }}`` before escaping; our own Markup passes untouched."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return visible_text(value)
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


class _Ids:
    """Unique ids for the page: the wanted one when it is a plain identifier not
    yet taken, else a numbered fallback."""

    def __init__(self) -> None:
        self.used: set[str] = set(_RESERVED_IDS)

    def claim(self, wanted: str, fallback: str) -> str:
        chosen = wanted if _SAFE_ID.fullmatch(wanted) else fallback
        base, n = chosen, 1
        while chosen in self.used:
            n += 1
            chosen = f"{base}-{n}"
        self.used.add(chosen)
        return chosen


def _page(
    doc: ReportDocument, brand: BrandView, *, for_print: bool = False
) -> PageView:
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
    ids = _Ids()
    sections: dict[str, str] = {}
    findings: dict[str, str] = {}
    views: list[SectionView] = []
    parts: list[tuple[int | None, SectionBlock]] = list(
        enumerate(doc.considerations, start=1)
    )
    if doc.appendix is not None:
        parts.append((None, doc.appendix))
    for index, (number, section) in enumerate(parts, start=1):
        view = _section(section, number, index, ids, lang, for_print=for_print)
        sections.setdefault(section.key, view.dom_id)
        for block, finding in zip(section.findings, view.findings, strict=True):
            findings.setdefault(block.anchor, finding.dom_id)
        views.append(view)
    anchors = Anchors(sections, findings)
    has_appendix = doc.appendix is not None
    return PageView(
        language=lang,
        title=translate("report.document.title", lang, organisation=organisation),
        organisation=organisation,
        period=period,
        generated=format_day(doc.generated_at.date(), lang),
        workspace=doc.workspace,
        brand=brand,
        coverage=coverage_view(doc),
        scorecard=score_views(doc.scorecard, anchors, lang),
        plan=plan_view(doc.plan, anchors, lang),
        sections=tuple(views[:-1] if has_appendix else views),
        methods=methods_view(doc, anchors),
        appendix=views[-1] if has_appendix else None,
        footer=translate("report.footer", lang, version=__version__),
        for_print=for_print,
    )


def _section(
    section: SectionBlock,
    number: int | None,
    index: int,
    ids: _Ids,
    lang: Language,
    *,
    for_print: bool = False,
) -> SectionView:
    # The key becomes the anchor when it is a plain identifier, so links such as
    # report.html#security keep working; anything else gets a numbered id.
    dom_id = ids.claim(section.key, f"section-{index}")
    return SectionView(
        dom_id=dom_id,
        number=number,
        title=section.title,
        status=translate(f"report.status.{section.status}", lang),
        status_css=_STATUS_CLASS.get(section.status, "failed"),
        findings=tuple(
            _finding(f, ids.claim(f.anchor, f"{dom_id}-f{i}"), lang)
            for i, f in enumerate(section.findings, start=1)
        ),
        charts=tuple(
            _chart(
                chart,
                ids.claim(f"{dom_id}-chart-{i}", "chart"),
                ids,
                lang,
                for_print=for_print,
            )
            for i, chart in enumerate(section.charts, start=1)
        ),
        tables=tuple(
            _table(
                table,
                ids.claim(f"{dom_id}-table-{i}", "table"),
                lang,
                for_print=for_print,
            )
            for i, table in enumerate(section.tables, start=1)
        ),
        actions=tuple(
            ActionView(a.text, effect_and_effort(a.impact, a.effort, lang))
            for a in section.actions
        ),
        error=section.error,
        method=section.method,
        fill=section.fill,
    )


def _finding(finding: FindingBlock, dom_id: str, lang: Language) -> FindingView:
    return FindingView(
        dom_id=dom_id,
        css=_SEVERITY_CLASS.get(finding.severity, "info"),
        severity=translate(f"report.severity.{finding.severity}", lang),
        text=finding.text,
        evidence=None
        if finding.evidence is None
        else evidence_line(finding.evidence, lang),
    )


def _chart(
    chart: ChartBlock, dom_id: str, ids: _Ids, lang: Language, *, for_print: bool
) -> ChartView:
    return ChartView(
        dom_id=dom_id,
        title=chart.title,
        note=chart.note,
        summary=summary(chart, lang),
        spec=_script_json(chart_spec_json(chart, lang)),
        svg=_scoped_svg(visible_text(chart_svg(chart, lang)), dom_id)
        if for_print
        else Markup(""),
        table=_table(
            chart.data, ids.claim(f"{dom_id}-data", "table"), lang, for_print=for_print
        ),
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


def _table(
    table: TableBlock, dom_id: str, lang: Language, *, for_print: bool = False
) -> TableView:
    kinds = [c.kind for c in table.columns]
    rows = table.rows[:PRINT_MAX_ROWS] if for_print else table.rows
    view = TableView(
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
            for row in rows
        ),
        omitted=len(table.rows) - len(rows),
    )
    if not for_print:
        return view
    width, widths = print_widths(
        [h.label for h in view.headers],
        [[str(cell.text) for cell in row] for row in view.rows],
        lang,
    )
    return replace(view, width=width, widths=widths)
