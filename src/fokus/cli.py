"""The ``fokus`` command: parse options, call the library, print the outcome.

Expected problems arrive as ``FokusError`` and are printed in one place
(``_fail``), in the user's language, without a traceback.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Annotated, NoReturn, cast

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table as RichTable

from fokus import __version__
from fokus.config import ENGINE_NAMES, EngineConfig, EngineName
from fokus.errors import ExitCode, FokusError
from fokus.files import write_atomically
from fokus.i18n import Language, parse_language, translate
from fokus.ingest.base import Adapter
from fokus.ingest.pipeline import import_files
from fokus.model.benchmark import Benchmark
from fokus.model.imports import ImportOutcome
from fokus.model.results import SectionResult
from fokus.report.display import format_cell
from fokus.store import Store
from fokus.store.lock import DEFAULT_WAIT_SECONDS, workspace_lock
from fokus.workspace import Workspace, init_workspace, list_export_files, open_workspace

app = typer.Typer(
    name="fokus",
    help="An honest, data-backed yearly review of your social media. "
    "Norwegian and English.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console(highlight=False)
err = Console(stderr=True, highlight=False)
_state: dict[str, bool] = {"quiet": False}

LangOption = Annotated[
    str | None,
    typer.Option("--lang", help="Language of messages and report: nb or en."),
]
QuietOption = Annotated[
    bool, typer.Option("--quiet", "-q", help="Print only problems and the summary.")
]
WaitOption = Annotated[
    float,
    typer.Option(
        "--wait",
        help="Seconds to wait while another fokus command uses the workspace.",
        min=0,
    ),
]
PseudonymiseOption = Annotated[
    bool,
    typer.Option(
        "--pseudonymise",
        help="Replace the names of people in the registers with Person A, B … "
        "in the report.",
    ),
]


def _env_language() -> Language:
    for name in ("FOKUS_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        found = parse_language(os.environ.get(name, ""))
        if found:
            return found
    return "nb"


def _language(option: str | None, workspace: Workspace | None = None) -> Language:
    if option:
        found = parse_language(option)
        if found is None:
            raise FokusError(
                "cli.bad_language",
                "cli.bad_language.hint",
                ExitCode.USAGE,
                value=option,
            )
        return found
    return workspace.config.language if workspace else _env_language()


def _say(language: Language, key: str, **params: object) -> None:
    if not _state["quiet"]:
        out.print(escape(translate(key, language, **params)))


def _fail(error: FokusError, language: Language) -> NoReturn:
    err.print(
        f"[bold red]✗[/] {escape(translate(error.message_key, language, **error.params))}"
    )
    err.print(
        f"  [dim]→ {escape(translate(error.hint_key, language, **error.params))}[/]"
    )
    raise typer.Exit(int(error.exit_code))


def _warn(error: FokusError, language: Language) -> None:
    """A problem that does not stop the command: said even with ``--quiet``."""
    err.print(
        f"[bold yellow]![/] {escape(translate(error.message_key, language, **error.params))}"
    )
    err.print(
        f"  [dim]→ {escape(translate(error.hint_key, language, **error.params))}[/]"
    )


@contextmanager
def _handled(lang: str | None) -> Iterator[Language]:
    """Turn expected problems into a message and a documented exit code."""
    language = _env_language()
    try:
        language = _language(lang)
        yield language
    except FokusError as error:
        _fail(error, language)


@contextmanager
def _in_workspace(
    directory: Path, lang: str | None
) -> Iterator[tuple[Workspace, Language]]:
    """Open the workspace; speak its language (or ``--lang``) from then on."""
    language = _env_language()
    try:
        workspace = open_workspace(directory)
        language = _language(lang, workspace)
        yield workspace, language
    except FokusError as error:
        _fail(error, language)


def _show_version(value: bool) -> None:
    if value:
        out.print(f"fokus {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", help="Show the version.", is_eager=True, callback=_show_version
        ),
    ] = False,
) -> None:
    """An honest, data-backed yearly review of your social media."""


@app.command()
def init(
    directory: Annotated[Path, typer.Argument(help="Folder for the new workspace.")],
    organisation: Annotated[
        str, typer.Option("--organisation", "-o", help="The organisation's name.")
    ] = "",
    lang: LangOption = None,
    timezone: Annotated[
        str, typer.Option("--timezone", help="IANA time zone of the posts' times.")
    ] = "Europe/Oslo",
) -> None:
    """Create a workspace: fokus.toml, exports/ and register templates."""
    with _handled(lang) as language:
        name = organisation or directory.absolute().name
        workspace = init_workspace(directory, name, language, timezone)
        _say(language, "cli.init.done", path=str(workspace.root))
        _say(language, "cli.init.next", path=str(directory))


@app.command(name="import")
def import_(
    directory: Annotated[Path, typer.Argument(help="The workspace folder.")],
    files: Annotated[
        list[Path] | None,
        typer.Argument(help="Files to import (default: everything new in exports/)."),
    ] = None,
    *,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="The day the files were exported (YYYY-MM-DD)."),
    ] = None,
    mapping: Annotated[
        Path | None,
        typer.Option(
            "--map",
            help="A mapping file (TOML) that says how to read FILEs fokus does not "
            "recognise; see docs/mapping.md.",
        ),
    ] = None,
    quiet: QuietOption = False,
    wait: WaitOption = DEFAULT_WAIT_SECONDS,
    lang: LangOption = None,
) -> None:
    """Import platform exports into the workspace's database."""
    _state["quiet"] = quiet
    with _in_workspace(directory, lang) as (workspace, language):
        adapter = _mapped_adapter(mapping, files)
        with workspace_lock(workspace.root, wait=wait):
            code = _import(
                workspace,
                files or list_export_files(workspace),
                as_of,
                language,
                adapter,
            )
    raise typer.Exit(code)


def _mapped_adapter(mapping: Path | None, files: list[Path] | None) -> Adapter | None:
    """The reader a ``--map`` file describes; checked before any file is read."""
    if mapping is None:
        return None
    from fokus.ingest.mapping import MappedPosts  # noqa: PLC0415 (start-up time)
    from fokus.ingest.mapping_file import load_mapping  # noqa: PLC0415

    if not files:
        raise FokusError("cli.map.no_files", "cli.map.no_files.hint", ExitCode.USAGE)
    return MappedPosts(load_mapping(mapping))


def _parse_day(text: str | None) -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise FokusError(
            "cli.bad_date", "cli.bad_date.hint", ExitCode.USAGE, value=text
        ) from None


def _import(
    workspace: Workspace,
    paths: list[Path] | tuple[Path, ...],
    as_of: str | None,
    language: Language,
    adapter: Adapter | None = None,
) -> int:
    day = _parse_day(as_of)
    if not paths:
        _say(language, "cli.import.nothing", path=str(workspace.exports_dir))
        return 0
    with Store.open(workspace.database_path) as store, _progress() as progress:
        label = translate("cli.import.progress", language)
        task = progress.add_task(label, total=len(paths))
        outcomes = import_files(
            paths,
            store,
            exports_dir=workspace.exports_dir,
            timezone=workspace.config.timezone,
            as_of=day,
            progress=lambda name, done: progress.update(
                task, completed=done, description=f"{label} {escape(name)}"
            ),
            adapter=adapter,
        )
    for outcome in outcomes:
        _print_outcome(outcome, language)
    imported = sum(o.status == "imported" for o in outcomes)
    same = sum(o.status == "already_imported" for o in outcomes)
    refused = sum(o.status == "refused" for o in outcomes)
    rows = sum(o.rows_imported for o in outcomes)
    skipped = sum(o.rows_skipped for o in outcomes)
    out.print(
        escape(
            translate(
                "cli.import.summary",
                language,
                imported=imported,
                same=same,
                refused=refused,
                rows=rows,
                skipped=skipped,
            )
        )
    )
    return int(ExitCode.BAD_INPUT) if refused else 0


@contextmanager
def _progress() -> Iterator[Progress]:
    progress = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=err,
        transient=True,
        disable=_state["quiet"],
    )
    with progress:
        yield progress


def _print_outcome(outcome: ImportOutcome, language: Language) -> None:
    name = escape(outcome.file)
    if outcome.status == "refused":
        params = outcome.refusal_params
        err.print(
            f"[bold red]✗[/] {name}: "
            f"{escape(translate(outcome.refusal_key or '', language, **params))}"
        )
        err.print(
            f"  [dim]→ "
            f"{escape(translate(outcome.refusal_hint_key or '', language, **params))}[/]"
        )
        return
    if _state["quiet"]:
        return
    if outcome.status == "already_imported":
        out.print(
            f"[dim]= {name}: {escape(translate('cli.import.already', language))}[/]"
        )
        return
    kind = translate(f"kind.{outcome.kind}", language)
    out.print(
        f"[green]✓[/] {name}: "
        + escape(
            translate(
                "cli.import.file_done",
                language,
                kind=kind,
                rows=outcome.rows_imported,
                skipped=outcome.rows_skipped,
            )
        )
    )
    for key, params in outcome.notes:
        out.print(f"  [yellow]•[/] {escape(translate(key, language, **params))}")
    for skip in outcome.skipped[:5]:
        reason = translate(skip.reason_key, language, **skip.params)
        out.print(
            "  [yellow]•[/] "
            + escape(
                translate(
                    "cli.import.skipped_row", language, row=skip.row, reason=reason
                )
            )
        )
    if len(outcome.skipped) > 5:
        out.print(
            "  "
            + escape(
                translate(
                    "cli.import.more_skipped", language, n=outcome.rows_skipped - 5
                )
            )
        )


@app.command()
def status(
    directory: Annotated[Path, typer.Argument(help="The workspace folder.")],
    lang: LangOption = None,
) -> None:
    """Show what is stored: accounts, periods, counts, gaps and the last import."""
    with _in_workspace(directory, lang) as (workspace, language):
        # Imported here, not at the top: ibis takes a quarter of a second to load,
        # which `fokus import` should not pay.
        from fokus.analyses.base import ReviewContext  # noqa: PLC0415
        from fokus.analyses.coverage import Coverage  # noqa: PLC0415
        from fokus.review import review_data  # noqa: PLC0415

        with Store.open(workspace.database_path) as store:
            records = store.imports()
            result = Coverage().run(
                review_data(store), ReviewContext(workspace.config, dt.date.today())
            )
        _print_section(result, language)
        if records:
            last = records[-1]
            _say(
                language,
                "cli.status.last_import",
                file=last.file_name,
                when=last.imported_at.astimezone(dt.UTC).date(),
            )


def _print_section(result: SectionResult, language: Language) -> None:
    for finding in result.findings:
        out.print(f"• {escape(translate(finding.key, language, **finding.params))}")
    for table in result.tables:
        rich_table = RichTable(
            title=translate(table.title_key, language), title_justify="left"
        )
        for column in table.columns:
            numeric = column.kind in {"integer", "number", "percent"}
            rich_table.add_column(
                translate(column.label_key, language),
                justify="right" if numeric else "left",
            )
        for row in table.rows:
            rich_table.add_row(
                *(
                    escape(format_cell(value, column.kind, language).text)
                    for value, column in zip(row, table.columns, strict=True)
                )
            )
        out.print(rich_table)


@app.command()
def review(
    directory: Annotated[Path, typer.Argument(help="The workspace folder.")],
    *,
    lang: LangOption = None,
    out_file: Annotated[
        Path | None, typer.Option("--out", help="HTML file to write.")
    ] = None,
    json_file: Annotated[
        Path | None, typer.Option("--json", help="JSON file to write.")
    ] = None,
    pdf_file: Annotated[
        Path | None, typer.Option("--pdf", help="PDF file to write.")
    ] = None,
    tables_file: Annotated[
        Path | None,
        typer.Option("--tables", help="Spreadsheet (.xlsx) of every table to write."),
    ] = None,
    deck_file: Annotated[
        Path | None, typer.Option("--deck", help="PowerPoint deck (.pptx) to write.")
    ] = None,
    pseudonymise: PseudonymiseOption = False,
    engine: Annotated[
        str | None,
        typer.Option(
            "--engine",
            help="Run the analyses on duckdb or pyspark (default: fokus.toml's "
            "[engine], else duckdb).",
        ),
    ] = None,
    spark_master: Annotated[
        str | None,
        typer.Option(
            "--spark-master", help="The Spark master URL, e.g. local[*] or spark://…"
        ),
    ] = None,
    fresh: Annotated[
        bool,
        typer.Option(
            "--fresh",
            help="Compute the review again even when nothing it depends on changed.",
        ),
    ] = False,
    quiet: QuietOption = False,
    wait: WaitOption = DEFAULT_WAIT_SECONDS,
) -> None:
    """Run the review and write the report (HTML, PDF, JSON, spreadsheet, deck)."""
    _state["quiet"] = quiet
    with _in_workspace(directory, lang) as (workspace, language):
        files = ReportFiles(out_file, pdf_file, json_file, tables_file, deck_file)
        chosen = _engine(workspace, engine, spark_master)
        with workspace_lock(workspace.root, wait=wait):
            _review(
                workspace,
                language,
                files,
                pseudonymise=pseudonymise,
                engine=chosen,
                reuse=not fresh,
            )


def _engine(workspace: Workspace, name: str | None, master: str | None) -> EngineConfig:
    """fokus.toml's ``[engine]`` with the command line's choices on top."""
    chosen = workspace.config.engine
    if name is not None:
        if name.casefold() not in ENGINE_NAMES:
            raise FokusError(
                "cli.bad_engine",
                "cli.bad_engine.hint",
                ExitCode.USAGE,
                value=name,
                allowed=", ".join(ENGINE_NAMES),
            )
        chosen = replace(chosen, name=cast(EngineName, name.casefold()))
    if master is not None:
        chosen = replace(chosen, spark_master=master)
    return chosen


@dataclass(frozen=True, slots=True)
class ReportFiles:
    """The files ``fokus review`` writes; None: the default in ``reports/``."""

    html: Path | None = None
    pdf: Path | None = None
    json: Path | None = None
    tables: Path | None = None
    deck: Path | None = None


def _review(
    workspace: Workspace,
    language: Language,
    files: ReportFiles,
    today: dt.date | None = None,
    *,
    pseudonymise: bool = False,
    engine: EngineConfig | None = None,
    reuse: bool = True,
) -> None:
    from fokus.review import FRAGMENT, run_review, write_review  # noqa: PLC0415 (start-up)

    reports = workspace.reports_dir
    with _progress() as progress:
        task = progress.add_task(translate("cli.review.progress", language), total=None)
        run = run_review(
            workspace,
            language=language,
            today=today,
            progress=lambda key: progress.update(
                task, description=translate(f"section.{key}.title", language)
            ),
            pseudonymised=pseudonymise,
            engine=engine,
            reuse=reuse,
        )
    result = run.review
    if run.reused:
        _say(language, "cli.review.reused")
    written = write_review(
        result,
        workspace,
        files.html or reports / "review.html",
        files.json or reports / "review.json",
        files.pdf or reports / "review.pdf",
        tables=files.tables or reports / "review-tables.xlsx",
        deck=files.deck or reports / "review.pptx",
        fragment=reports / FRAGMENT,
    )
    failed = [s.key for s in result.sections if s.status == "failed"]
    for key in failed:
        err.print(
            "[bold red]✗[/] "
            + escape(
                translate(
                    "cli.review.section_failed",
                    language,
                    section=translate(f"section.{key}.title", language),
                )
            )
        )
    if written.pdf_skipped is not None:
        _warn(written.pdf_skipped, language)
    _say(language, "cli.review.done")
    for path in written.files:
        _say(language, "cli.review.file", path=str(path))


@app.command()
def demo(
    directory: Annotated[
        Path, typer.Argument(help="Folder for the demo workspace.")
    ] = Path("fokus-demo"),
    lang: LangOption = None,
    pseudonymise: PseudonymiseOption = False,
    quiet: QuietOption = False,
) -> None:
    """Create a fictional organisation's workspace, import its exports, review it."""
    from fokus.demo import (  # noqa: PLC0415 (start-up time of the other commands)
        DEMO_ORGANISATION,
        write_demo_config,
        write_demo_exports,
        write_demo_registers,
    )

    _state["quiet"] = quiet
    with _handled(lang) as language:
        today = dt.date(2026, 11, 20)  # fixed, so every demo is identical
        if (directory / "fokus.toml").exists():
            workspace = open_workspace(directory)
        else:
            init_workspace(directory, DEMO_ORGANISATION, language, today=today)
            # The demo's own plan: six channels, goals and KPIs for the review.
            write_demo_config(directory, language, today)
            workspace = open_workspace(directory)
        files = write_demo_exports(workspace.exports_dir, today=today)
        write_demo_registers(
            workspace.registers_dir, workspace.config.language, today=today
        )
        _say(language, "cli.demo.written", n=len(files), path=str(workspace.root))
        with workspace_lock(workspace.root):
            code = _import(workspace, list_export_files(workspace), None, language)
            if code:
                raise typer.Exit(code)
            _review(
                workspace, language, ReportFiles(), today, pseudonymise=pseudonymise
            )


@app.command()
def backup(
    directory: Annotated[Path, typer.Argument(help="The workspace folder.")],
    archive: Annotated[Path, typer.Argument(help="The archive to write (.tar.gz).")],
    *,
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite an existing archive.")
    ] = False,
    wait: WaitOption = DEFAULT_WAIT_SECONDS,
    lang: LangOption = None,
) -> None:
    """Write one archive of the workspace: database, settings, registers, exports,
    reports, and a manifest of checksums."""
    from fokus.store.backup import backup_workspace  # noqa: PLC0415 (start-up)

    with _in_workspace(directory, lang) as (workspace, language):
        if archive.exists() and not force:
            raise FokusError(
                "cli.backup.exists", "cli.backup.exists.hint", path=str(archive)
            )
        if archive.absolute().is_relative_to(workspace.root):
            raise FokusError(
                "cli.backup.inside", "cli.backup.inside.hint", path=str(archive)
            )
        with workspace_lock(workspace.root, wait=wait):
            try:
                summary = backup_workspace(workspace.root, archive)
            except OSError as error:
                raise FokusError(
                    "cli.backup.unwritable",
                    "cli.backup.unwritable.hint",
                    path=str(archive),
                    error=error.strerror or str(error),
                ) from None
        _say(
            language,
            "cli.backup.done",
            path=str(archive),
            files=summary.files,
            size=summary.bytes,
        )


@app.command()
def restore(
    archive: Annotated[Path, typer.Argument(help="An archive from fokus backup.")],
    directory: Annotated[Path, typer.Argument(help="The folder to restore into.")],
    *,
    force: Annotated[
        bool,
        typer.Option(
            "--force", help="Replace what is in DIRECTORY (after checking the archive)."
        ),
    ] = False,
    wait: WaitOption = DEFAULT_WAIT_SECONDS,
    lang: LangOption = None,
) -> None:
    """Check an archive from fokus backup and unpack it into a folder."""
    from fokus.store.backup import restore_workspace  # noqa: PLC0415 (start-up)

    with _handled(lang) as language:
        if not archive.is_file():
            raise FokusError(
                "cli.restore.no_archive",
                "cli.restore.no_archive.hint",
                path=str(archive),
            )
        target = directory.absolute()
        if (target / "fokus.toml").is_file():
            with workspace_lock(target, wait=wait):
                summary = restore_workspace(archive, target, force=force)
        else:
            summary = restore_workspace(archive, target, force=force)
        _say(
            language,
            "cli.restore.done",
            path=str(target),
            files=summary.files,
            size=summary.bytes,
        )


@app.command(name="export-parquet")
def export_parquet(
    directory: Annotated[Path, typer.Argument(help="The workspace folder.")],
    out_dir: Annotated[
        Path, typer.Argument(help="Folder for the Parquet files (new or empty).")
    ],
    *,
    force: Annotated[
        bool,
        typer.Option(
            "--force", help="Replace an earlier export in OUT (other files stay)."
        ),
    ] = False,
    lang: LangOption = None,
) -> None:
    """Write the store as partitioned Parquet for Spark on a cluster (docs/spark.md)."""
    from fokus.engines import export_cluster_parquet  # noqa: PLC0415 (start-up)

    with _in_workspace(directory, lang) as (workspace, language):
        with Store.open(workspace.database_path, read_only=True) as store:
            written = export_cluster_parquet(
                store, out_dir, workspace.config.organisation, force=force
            )
        _say(
            language,
            "cli.export_parquet.done",
            path=str(written.folder),
            posts=written.rows["posts"],
            metrics=written.rows["latest_post_metrics"],
        )


@app.command()
def benchmark(
    directories: Annotated[
        list[Path], typer.Argument(help="The clients' workspace folders.")
    ],
    *,
    out_file: Annotated[
        Path | None,
        typer.Option("--out", help="Also write the benchmark: .html, .json or .csv."),
    ] = None,
    as_json: Annotated[
        bool,
        typer.Option("--json", help="Print the benchmark as JSON instead of tables."),
    ] = False,
    lang: LangOption = None,
) -> None:
    """Compare clients: medians and rates per platform and format across workspaces."""
    from fokus.analyses.cross_client import (  # noqa: PLC0415 (start-up time)
        client_values,
        cross_client_benchmark,
    )
    from fokus.review import review_data  # noqa: PLC0415 (start-up time)

    with _handled(lang) as language:
        clients = []
        for directory in directories:  # one store open at a time: memory stays flat
            workspace = open_workspace(directory)
            with Store.open(workspace.database_path, read_only=True) as store:
                values = client_values(review_data(store))
            clients.append((workspace.config.organisation, values))
        result = cross_client_benchmark(clients)
        if out_file is not None:
            _write_benchmark(result, out_file, language)
        if as_json:
            from fokus.report.benchmark import render_benchmark_json  # noqa: PLC0415

            sys.stdout.write(render_benchmark_json(result))
            return
        _print_benchmark(result, language)
        if out_file is not None:
            _say(language, "cli.benchmark.written", path=str(out_file))


def _write_benchmark(result: Benchmark, path: Path, language: Language) -> None:
    from fokus.report.benchmark import (  # noqa: PLC0415 (start-up time)
        render_benchmark_csv,
        render_benchmark_html,
        render_benchmark_json,
    )

    suffix = path.suffix.lower()
    if suffix in {".html", ".htm"}:
        text = render_benchmark_html(result, language)
    elif suffix == ".json":
        text = render_benchmark_json(result)
    elif suffix == ".csv":
        text = render_benchmark_csv(result)
    else:
        raise FokusError(
            "benchmark.bad_out",
            "benchmark.bad_out.hint",
            ExitCode.USAGE,
            path=str(path),
        )
    write_atomically(path, text.encode("utf-8"))


def _print_benchmark(result: Benchmark, language: Language) -> None:
    from fokus.report.benchmark import (  # noqa: PLC0415 (start-up time)
        group_cells,
        group_headers,
        placement_cells,
        placement_headers,
        placement_rows,
    )

    title = translate("benchmark.title", language, n=len(result.clients))
    for caption, headers, rows in (
        (title, group_headers(language),
         [group_cells(g, language) for g in result.groups]),
        (translate("benchmark.placements", language), placement_headers(language),
         [placement_cells(r, language) for r in placement_rows(result)]),
    ):  # fmt: skip
        table = RichTable(title=escape(caption), title_justify="left")
        for header in headers:
            table.add_column(escape(header))
        for row in rows:
            table.add_row(*(escape(cell) for cell in row))
        out.print(table)


map_app = typer.Typer(
    help="Mappings for files fokus does not recognise (see docs/mapping.md).",
    no_args_is_help=True,
)
app.add_typer(map_app, name="map")


@map_app.command()
def suggest(
    file: Annotated[Path, typer.Argument(help="The CSV or Excel file to map.")],
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write the mapping here (default: print)."),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite an existing --output file.")
    ] = False,
    lang: LangOption = None,
) -> None:
    """Propose a mapping for FILE from its headers and values, to check and edit."""
    from fokus.ingest.mapping_suggest import suggest_mapping  # noqa: PLC0415

    with _handled(lang) as language:
        if output is not None and output.exists() and not force:
            raise FokusError("cli.map.exists", "cli.map.exists.hint", path=str(output))
        if not file.is_file():
            raise FokusError("cli.map.no_file", "cli.map.no_file.hint", path=str(file))
        try:
            text = suggest_mapping(file, language)
        except OSError as error:
            raise FokusError(
                "cli.map.unreadable",
                "cli.map.unreadable.hint",
                path=str(file),
                error=error.strerror or str(error),
            ) from None
        if output is None:
            sys.stdout.write(text)
            return
        try:
            write_atomically(output, text.encode("utf-8"))
        except OSError as error:
            raise FokusError(
                "cli.map.unwritable",
                "cli.map.unwritable.hint",
                path=str(output),
                error=error.strerror or str(error),
            ) from None
        _say(language, "cli.map.written", path=str(output), file=file.name)


user_app = typer.Typer(
    help="Accounts of the web app (see docs/web.md).", no_args_is_help=True
)
app.add_typer(user_app, name="user")
RootOption = Annotated[
    Path,
    typer.Option("--root", help="The web app's folder: workspaces, database, key."),
]


@app.command()
def serve(
    *,
    host: Annotated[
        str, typer.Option("--host", help="Address to listen on.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8000,
    root: RootOption = Path("fokus-web"),
    lang: LangOption = None,
) -> None:
    """Run the web app (see docs/web.md)."""
    import uvicorn  # noqa: PLC0415 (start-up time of the other commands)

    from fokus.web.app import create_app  # noqa: PLC0415
    from fokus.web.instance import setup_token  # noqa: PLC0415
    from fokus.web.logs import install as install_log_filter  # noqa: PLC0415
    from fokus.web.settings import load_settings  # noqa: PLC0415

    with _handled(lang) as language:
        settings = load_settings(root)
        url = f"http://{host}:{port}"
        token = setup_token(settings)
        if token:
            _say(language, "web.cli.setup_link", url=f"{url}/setup/{token}")
        _say(language, "web.cli.serving", url=url, root=str(settings.root))
        web_app = create_app(settings)
        install_log_filter()
        uvicorn.run(web_app, host=host, port=port, log_level="info")


@user_app.command("add")
def user_add(
    email: Annotated[str, typer.Argument(help="The user's e-mail address.")],
    *,
    owner: Annotated[
        bool, typer.Option("--owner", help="Make the user an instance owner.")
    ] = False,
    root: RootOption = Path("fokus-web"),
    lang: LangOption = None,
) -> None:
    """Create a web app account; prompts for the password."""
    from fokus.web.instance import add_user  # noqa: PLC0415
    from fokus.web.settings import load_settings  # noqa: PLC0415

    with _handled(lang) as language:
        password = typer.prompt(
            translate("web.cli.password", language),
            hide_input=True,
            confirmation_prompt=True,
        )
        added = add_user(load_settings(root), email, password, owner=owner)
        key = "web.cli.owner_added" if owner else "web.cli.user_added"
        _say(language, key, email=added)


def main() -> None:
    """Entry point of the ``fokus`` script and ``python -m fokus``."""
    try:
        app()
    except KeyboardInterrupt:
        err.print(translate("cli.interrupted", _env_language()))
        sys.exit(130)
    except Exception as error:
        # A bug, not a user's mistake: say so plainly, then show the traceback that
        # a bug report needs.
        language = _env_language()
        err.print(
            f"[bold red]✗[/] {escape(translate('error.unexpected', language, error=error))}"
        )
        err.print(f"  [dim]→ {escape(translate('error.unexpected.hint', language))}[/]")
        err.print_exception()
        sys.exit(int(ExitCode.FAILED))
