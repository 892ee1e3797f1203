"""Run the review: every analysis over the workspace's data, one failure isolated.

This is the only place that catches an analysis's crash: the section is marked
``failed`` with the error, and the rest of the report is produced as usual.

Each review also leaves its key figures in the store, and compares with the ones
the previous review left (``fokus.analyses.strategy_changes``): that comparison
needs every section's findings, so it runs after the sections.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager, suppress
from dataclasses import dataclass, replace
from pathlib import Path

import ibis

from fokus import __version__
from fokus.analyses.base import Analysis, ReviewContext, ReviewData, scalar, to_date
from fokus.analyses.measures import post_measures, post_texts
from fokus.analyses.registry import ANALYSES
from fokus.analyses.strategy_changes import (
    MIN_DAYS_BETWEEN_REVIEWS,
    compare,
    with_changes,
)
from fokus.analyses.strategy_history import finding_subject, review_record
from fokus.branding import load_branding
from fokus.config import EngineConfig
from fokus.engines import (
    REVIEW_RELATIONS,
    check_spark,
    export_review_parquet,
    spark_review_data,
    spark_session,
)
from fokus.files import WrittenFiles, remove_leftovers
from fokus.fingerprint import review_fingerprint
from fokus.i18n import Language
from fokus.model.history import FindingFigure, ReviewRecord
from fokus.model.results import Finding, Period, Review, SectionResult
from fokus.pseudonyms import people_in_registers, pseudonymise
from fokus.registers.experiments import experiments_from
from fokus.registers.reader import read_registers
from fokus.report.blocks import fill_text
from fokus.report.charts import chart_png
from fokus.report.html import render_fragment, render_html
from fokus.report.json import render_json
from fokus.report.pdf import PdfDrawing, PdfUnavailableError
from fokus.report.pptx import render_pptx
from fokus.report.xlsx import render_xlsx
from fokus.store import Store
from fokus.store.review_cache import StoredReview
from fokus.workspace import Workspace

Progress = Callable[[str], None]
"""Called with each analysis's key as it starts."""


FRAGMENT = "review.fragment.html"
"""The review page's fragment in a workspace's ``reports/`` (``write_review``)."""


@dataclass(frozen=True, slots=True)
class WrittenReview:
    """Where the review was written."""

    review: Review
    html: Path
    json: Path | None
    pdf: Path | None = None
    pdf_skipped: PdfUnavailableError | None = None
    """Why no PDF was written although one was asked for (WeasyPrint missing)."""
    tables: Path | None = None
    deck: Path | None = None

    @property
    def files(self) -> tuple[Path, ...]:
        """Every file written, in the order the CLI lists them."""
        found = (self.html, self.pdf, self.json, self.tables, self.deck)
        return tuple(path for path in found if path is not None)


def review_data(store: Store) -> ReviewData:
    """The store's tables as ibis expressions over its open connection (DuckDB);
    ``fokus.engines.spark_review_data`` reads the same tables on Spark."""
    backend = ibis.duckdb.from_connection(store.connection)
    tables = {field: backend.table(name) for field, name in REVIEW_RELATIONS.items()}
    # The metric layer (windows, joins) is computed once, into a temporary table
    # every section reads; a read-only database allows temporary tables. (ibis's
    # own create_table(overwrite=True) emits a DROP without a table name with
    # sqlglot 30, so the statement is written here.)
    measures = post_measures(tables["posts"], tables["daily"], tables["sources"])
    # Metric columns no export in the store fills are left out of the table (most
    # of its width: each platform fills a few of some sixty) and put back as NULL
    # in the expression the sections read, so its columns stay the same.
    unfilled = store.unfilled_metrics()
    empty = [name for name in measures.columns if name in unfilled]
    store.connection.execute(
        "CREATE OR REPLACE TEMP TABLE review_post_measures_stored AS "
        + ibis.to_sql(measures.drop(*empty), dialect="duckdb")
    )
    columns = ", ".join(
        f'NULL::DOUBLE AS "{name}"' if name in empty else f'"{name}"'
        for name in measures.columns
    )
    store.connection.execute(
        "CREATE OR REPLACE TEMP VIEW review_post_measures AS "
        f"SELECT {columns} FROM review_post_measures_stored"
    )
    # The sections' reads of ``posts`` go to the same table: one row per post, its
    # newest snapshot, so the store's snapshot view runs once per review rather
    # than once per query. (It leaves out the texts, which ``texts`` reads from
    # the store for the posts a section shows, and the unmapped columns.)
    measured = backend.table("review_post_measures")
    # Texts are read by the snapshot's key straight from the snapshots, not
    # through the newest-snapshot view: the key names one snapshot already.
    snapshots = backend.table("post_snapshots")
    texts = post_texts(
        snapshots.mutate(text_nfkc=snapshots.text_nfkc.fill_null(snapshots.text_raw))
    )
    return ReviewData(**{**tables, "posts": measured}, measures=measured, texts=texts)


@contextmanager
def engine_data(store: Store, engine: EngineConfig) -> Iterator[ReviewData]:
    """The review's tables on the chosen engine: DuckDB reads the store; Spark
    reads a Parquet copy in a work folder, removed afterwards."""
    if engine.name == "duckdb":
        yield review_data(store)
        # The review's table of posts is most of DuckDB's memory: freed before the
        # results are stored and the report is drawn.
        store.connection.execute("DROP VIEW IF EXISTS review_post_measures")
        store.connection.execute("DROP TABLE IF EXISTS review_post_measures_stored")
        return
    with (
        spark_session(engine.spark_master, engine.spark_conf) as session,
        tempfile.TemporaryDirectory(prefix="fokus-spark-") as work,
    ):
        export_review_parquet(store, Path(work))
        yield spark_review_data(session, Path(work), "fokus_review")


def run_analyses(
    data: ReviewData,
    context: ReviewContext,
    analyses: Sequence[Analysis] = ANALYSES,
    progress: Progress | None = None,
) -> tuple[SectionResult, ...]:
    """Each analysis in turn; a crash becomes a ``failed`` section, not a crash."""
    results = []
    for analysis in analyses:
        if progress is not None:
            progress(analysis.key)
        try:
            results.append(analysis.run(data, context))
        except Exception as error:
            results.append(
                SectionResult(
                    analysis.key, "failed", error=f"{type(error).__name__}: {error}"
                )
            )
    return tuple(results)


def _period(data: ReviewData) -> Period | None:
    firsts = [scalar(data.posts.published_day.min()), scalar(data.daily.day.min())]
    lasts = [scalar(data.posts.published_day.max()), scalar(data.daily.day.max())]
    days = [to_date(v) for v in (*firsts, *lasts)]
    starts = [d for d in days[:2] if d is not None]
    ends = [d for d in days[2:] if d is not None]
    if not starts or not ends:
        return None
    return Period(min(starts), max(ends))


@dataclass(frozen=True, slots=True)
class ReviewRun:
    """A review, and whether its results were reused from the previous run."""

    review: Review
    reused: bool


def review_workspace(
    workspace: Workspace,
    *,
    language: Language | None = None,
    today: dt.date | None = None,
    now: dt.datetime | None = None,
    progress: Progress | None = None,
    pseudonymised: bool = False,
    record: bool = True,
) -> Review:
    """Read the workspace's database and run every analysis (``run_review``,
    always computed afresh)."""
    return run_review(
        workspace,
        language=language,
        today=today,
        now=now,
        progress=progress,
        pseudonymised=pseudonymised,
        record=record,
    ).review


def run_review(
    workspace: Workspace,
    *,
    language: Language | None = None,
    today: dt.date | None = None,
    now: dt.datetime | None = None,
    progress: Progress | None = None,
    pseudonymised: bool = False,
    record: bool = True,
    engine: EngineConfig | None = None,
    reuse: bool = False,
) -> ReviewRun:
    """Read the workspace's database and run every analysis.

    Each section ends with what changed in it since the newest review stored at
    least ``MIN_DAYS_BETWEEN_REVIEWS`` days before ``today``. With ``record`` (the
    default) this review's figures are then stored for the next one, replacing any
    stored for the same day, and its whole results are kept under its fingerprint
    (``fokus.fingerprint``). With ``reuse``, results kept under the same
    fingerprint are returned instead of computed. ``engine`` overrides the
    workspace's ``[engine]``. ``pseudonymised``: people the registers name are
    "Person A", "Person B" … in every section (:mod:`fokus.pseudonyms`); the stored
    figures keep the names, as the store keeps the registers' data anyway.
    """
    generated_at = now or dt.datetime.now(dt.UTC)
    today = today or generated_at.date()
    language = language or workspace.config.language
    engine = engine or workspace.config.engine
    if engine.name == "pyspark":
        check_spark()  # before anything is read or written
    registers = read_registers(workspace.registers_dir)
    experiments = registers.get("experiments")
    context = ReviewContext(
        workspace.config,
        today,
        experiments=None if experiments is None else experiments_from(experiments),
        registers=registers,
    )
    with Store.open(workspace.database_path) as store:
        previous = store.previous_review(
            today - dt.timedelta(days=MIN_DAYS_BETWEEN_REVIEWS)
        )
        fingerprint = review_fingerprint(
            workspace,
            [i.sha256 for i in store.imports()],
            engine=engine.name,
            language=language,
            today=today,
            previous=None if previous is None else previous.generated_at,
        )
        kept = store.kept_review(fingerprint) if reuse else None
        if kept is None:
            kept = _computed(
                store,
                engine=engine,
                context=context,
                previous=previous,
                generated_at=generated_at,
                progress=progress,
                record=record,
            )
            kept = replace(kept, fingerprint=fingerprint)
            if record:
                with suppress(TypeError):  # not kept: the next run computes again
                    store.keep_review(kept)
            reused = False
        else:
            reused = True
    branding, logo_problem = load_branding(workspace.root, workspace.config.report)
    review = Review(
        organisation=workspace.config.organisation,
        language=language,
        generated_at=kept.generated_at,
        period=kept.period,
        sections=_with_appendix_note(kept.sections, logo_problem),
        branding=branding,
    )
    if pseudonymised:
        review = pseudonymise(review, people_in_registers(registers))
    return ReviewRun(review, reused)


def _computed(
    store: Store,
    *,
    engine: EngineConfig,
    context: ReviewContext,
    previous: ReviewRecord | None,
    generated_at: dt.datetime,
    progress: Progress | None,
    record: bool,
) -> StoredReview:
    """Every analysis run, compared with the previous review, the figures stored."""
    with engine_data(store, engine) as data:
        sections = run_analyses(data, context, progress=progress)
        period = _period(data)
    current = review_record(
        reviewed_on=context.today,
        generated_at=generated_at,
        data_end=None if period is None else period.end,
        config=context.config,
        sections=sections,
        findings=finding_figures(sections),
    )
    sections = _with_changes(sections, previous, current)
    if record:
        store.record_review(current)
    return StoredReview("", generated_at, period, sections)


def finding_figures(sections: Sequence[SectionResult]) -> tuple[FindingFigure, ...]:
    """Every finding with its text in both languages, as the next review shows a
    finding that is gone."""
    return tuple(
        FindingFigure(
            section.key,
            finding.key,
            finding.severity,
            finding_subject(finding),
            fill_text(finding.key, "nb", finding.params),
            fill_text(finding.key, "en", finding.params),
        )
        for section in sections
        for finding in section.findings
    )


def _with_changes(
    sections: tuple[SectionResult, ...],
    previous: ReviewRecord | None,
    current: ReviewRecord,
) -> tuple[SectionResult, ...]:
    """The comparison with the previous review added to each section; if it
    crashes, the strategy section says so and the review goes on."""
    try:
        return with_changes(sections, compare(previous, current))
    except Exception as error:
        failed = Finding(
            "finding.strategy.since_failed",
            "notice",
            {"error": f"{type(error).__name__}: {error}"},
        )
        return tuple(
            replace(s, findings=(*s.findings, failed)) if s.key == "strategy" else s
            for s in sections
        )


def _with_appendix_note(
    sections: tuple[SectionResult, ...], note: Finding | None
) -> tuple[SectionResult, ...]:
    """A problem with the report's own setup (the logo) told in the data appendix,
    the coverage section, where the reader looks for what went into the report."""
    if note is None:
        return sections
    return tuple(
        replace(s, findings=(*s.findings, note)) if s.key == "coverage" else s
        for s in sections
    )


def write_review(
    review: Review,
    workspace: Workspace,
    html: Path,
    json: Path | None,
    pdf: Path | None = None,
    *,
    tables: Path | None = None,
    deck: Path | None = None,
    fragment: Path | None = None,
) -> WrittenReview:
    """Write the report files; a half-written file never replaces a good one.

    Each file is written whole beside its place, then renamed over it
    (``write_atomically``). Temporary files an earlier, killed run left there are
    removed first (the caller holds the workspace lock, so no other run is writing
    them). A file that already holds what this review would write there (the same
    review, branding, workspace name and fokus version, and the file unchanged
    since) is left as it is: a second review with nothing new rewrites nothing
    (``WrittenFiles``; its record is ``REPORTS_MANIFEST`` in the workspace folder).

    ``tables``: every table as a spreadsheet (``fokus.report.xlsx``); ``deck``: the
    short PowerPoint deck (``fokus.report.pptx``); ``fragment``: the report's body
    as the web app's review page shows it (``render_fragment``; the CLI writes it
    too, so a review run from the command line is the one the web app shows).
    The PDF is drawn in a second process while this one writes the others
    (``PdfDrawing``). Without WeasyPrint (or the system libraries it needs) the
    other files are still written; the result says why the PDF was not.
    """
    name = workspace.root.name
    review_json = render_json(review, name)
    made_from = _made_from(review, name, review_json)
    files = WrittenFiles(workspace.root / REPORTS_MANIFEST)

    for target in (html, json, pdf, tables, deck, fragment):
        if target is not None:  # what a killed review left half-written
            remove_leftovers(target)

    def put(target: Path | None, render: Callable[[], bytes]) -> None:
        if target is not None and not files.current(target, made_from):
            files.write(target, made_from, render())

    with ExitStack() as stack:
        # The PDF takes longest: it is drawn in a second process meanwhile.
        drawing: PdfDrawing | None = None
        if pdf is not None and not files.current(pdf, made_from):
            drawing = stack.enter_context(PdfDrawing(review, name))
        stack.callback(files.save)
        put(html, lambda: render_html(review, name).encode("utf-8"))
        put(json, lambda: review_json.encode("utf-8"))
        put(tables, lambda: render_xlsx(review, name))
        put(deck, lambda: render_pptx(review, name, chart_png))
        put(fragment, lambda: render_fragment(review, name).encode("utf-8"))
        written = WrittenReview(review, html, json, tables=tables, deck=deck)
        if pdf is None:
            return written
        if drawing is not None:
            try:
                files.write(pdf, made_from, drawing.result())
            except PdfUnavailableError as missing:
                return replace(written, pdf_skipped=missing)
        return replace(written, pdf=pdf)


REPORTS_MANIFEST = ".fokus-reports.json"
"""In the workspace folder, beside ``.fokus.lock``: what each report file was last
written from (``reports/`` holds only what the reader opens)."""


def _made_from(review: Review, workspace: str, review_json: str) -> str:
    """What the report files are made from, as one digest: the review as its JSON
    has it, its branding (which the JSON leaves out), the workspace's name and the
    fokus version (whose renderers draw them)."""
    parts = (__version__, workspace, repr(review.branding), review_json)
    return hashlib.sha256("\x00".join(parts).encode("utf-8")).hexdigest()
