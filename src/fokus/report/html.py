"""The review as one self-contained, readable HTML page.

Every text in a review is untrusted (captions, page names and file names end up in
findings and tables), so the template runs with autoescape on and only our own
fixed values ever reach an attribute. Bidirectional control characters are
neutralised in every output, so a name cannot reorder the text around it. A
Content-Security-Policy admits only the inline CSS and script shipped here (by
hash): the page makes no requests, and injected markup could not run either.
"""

from __future__ import annotations

import base64
import hashlib
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
    FindingBlock,
    ReportDocument,
    SectionBlock,
    TableBlock,
)
from fokus.report.display import NUMERIC_KINDS, Cell, evidence_line, format_cell
from fokus.report.document import build_document
from fokus.report.printing import print_stylesheet

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

    @property
    def empty(self) -> bool:
        return not (self.findings or self.tables or self.actions)


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


def render_html(review: Review, workspace: str, *, for_print: bool = False) -> str:
    """A complete HTML document for ``review``, in the review's language.

    ``for_print``: the page the PDF is made from; it has no script (sorting means
    nothing on paper) and no Content-Security-Policy (WeasyPrint runs no script and
    fetches nothing: ``fokus.report.pdf`` refuses every URL).
    """
    doc = build_document(review, workspace)
    page = _page(doc)
    css = _asset("report.css")
    print_css = print_stylesheet(doc.language)
    script = _asset("sortable.js")
    csp = "; ".join(
        (
            "default-src 'none'",
            f"style-src '{_sha256(css)}' '{_sha256(print_css)}'",
            f"script-src '{_sha256(script)}'",
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
        print_css=Markup(print_css),  # noqa: S704 -- packaged file + catalog text
        script=Markup(script),  # noqa: S704 -- our own packaged file
        csp=Markup(csp),  # noqa: S704 -- built here from constants and hashes
    )


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


def _page(doc: ReportDocument) -> PageView:
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
        sections=_sections(doc.sections, lang),
        footer=translate("report.footer", lang, version=__version__),
    )


def _sections(
    sections: tuple[SectionBlock, ...], lang: Language
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
        views.append(_section(section, dom_id, lang))
    return tuple(views)


def _section(section: SectionBlock, dom_id: str, lang: Language) -> SectionView:
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
    )


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
