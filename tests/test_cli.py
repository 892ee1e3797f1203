"""The ``fokus`` command as a user runs it: a real process, real exit codes."""

from __future__ import annotations

import csv
import io
import json
import random
import re
import subprocess
from pathlib import Path

import duckdb
import pytest
from pptx import Presentation
from python_calamine import CalamineWorkbook

from fokus import __version__
from fokus.demo import DEMO_ORGANISATION
from fokus.i18n import translate
from fokus.ingest.pipeline import import_file
from fokus.store import Store
from scale_helpers import run

ORGANISATION = "Testvik kommune"
PAGE = "Testvik bibliotek"
POSTS_FILE = "Jan-01-2026_Mar-31-2026_1234567890123456.csv"
# Meta's default Facebook column set (export-formats.md §1.1 A), quoted as Meta does.
FACEBOOK_HEADER = (
    '"Post ID","Page ID","Page name",Title,Description,"Duration (sec)",'
    '"Publish time","Caption type",Permalink,"Is crosspost","Is share","Post type",'
    'Languages,"Custom labels","Funded content status","Data comment",Date,Views,'
    'Reach,"Reactions, Comments and Shares",Reactions,Comments,Shares,'
    '"Total clicks","Link Clicks","Other Clicks",'
    '"Matched Audience Targeting Consumption (Photo Click)","Seconds viewed",'
    '"Average Seconds viewed","Estimated earnings (USD)","Ad impressions"'
)
TRICKY_CAPTION = 'Første linje, med komma\nog «sitat» og "anførselstegn"'
TABLES = ("imports", "import_skips", "accounts", "posts", "post_snapshots")


def _post(post_id: str, caption: str, published: str, post_type: str) -> list[str]:
    return [
        post_id, "100066300057039", PAGE, caption, "", "0", published, "N/A",
        f"https://www.facebook.com/testvik/posts/{post_id}", "0", "0", post_type,
        "", "", "", "", "Lifetime", "120", "80", "7", "5", "1", "1", "3", "", "",
        "", "", "", "", "",
    ]  # fmt: skip


def facebook_export() -> bytes:
    """Three posts, as Meta Business Suite writes them: BOM, LF, quoted when needed."""
    body = io.StringIO()
    writer = csv.writer(body, lineterminator="\n")
    writer.writerows([
        _post("939005954986064", TRICKY_CAPTION, "02/16/2026 05:14", "Photos"),
        _post("939635154923144", "Andre innlegg", "03/01/2026 18:30", "Reels"),
        _post("9396351549231450", "Tredje innlegg", "03/31/2026 09:00", "Links"),
    ])  # fmt: skip
    return ("\ufeff" + FACEBOOK_HEADER + "\n" + body.getvalue()).encode("utf-8")


def flat(text: str) -> str:
    """Whitespace collapsed, so a wrapped line still matches."""
    return " ".join(text.split())


def dump(database: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of the import tables, sorted: equal dumps mean an unchanged store."""
    with duckdb.connect(str(database), read_only=True) as con:
        return {
            table: sorted(con.execute(f"SELECT * FROM {table}").fetchall(), key=repr)
            for table in TABLES
        }


@pytest.fixture(scope="module")
def first_import(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """A workspace with the three-post export imported once, and that import."""
    root = tmp_path_factory.mktemp("cli") / "ws"
    assert run("init", root, "--organisation", ORGANISATION).returncode == 0
    (root / "exports" / POSTS_FILE).write_bytes(facebook_export())
    return root, run("import", root)


@pytest.fixture
def workspace(first_import: tuple[Path, subprocess.CompletedProcess[str]]) -> Path:
    root, result = first_import
    assert result.returncode == 0, result.stderr
    return root


def test_init_creates_a_workspace_once(tmp_path: Path) -> None:
    root = tmp_path / "new"
    first = run("init", root, "--organisation", ORGANISATION)
    assert first.returncode == 0, first.stderr
    assert f"Created the workspace in {root}." in first.stdout
    assert (root / "exports").is_dir()
    config = (root / "fokus.toml").read_bytes()
    assert ORGANISATION.encode() in config

    nothing = run("import", root)
    assert nothing.returncode == 0, nothing.stderr
    assert flat(nothing.stdout) == (
        f"There are no files to import in {(root / 'exports').resolve()}."
    )

    again = run("init", root, "--organisation", "Et annet navn")
    assert again.returncode == 3
    assert f"There is already a workspace in {root}." in flat(again.stderr)
    assert again.stdout == ""
    assert (root / "fokus.toml").read_bytes() == config


def test_import_stores_the_posts_and_prints_a_summary(
    first_import: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    root, result = first_import
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[-1] == (
        "Files imported: 1 (3 rows stored, 0 skipped). Already imported: 0. Refused: 0."
    )
    assert (
        f"✓ {POSTS_FILE}: Facebook posts (Meta Business Suite), "
        "3 rows stored, 0 skipped" in lines
    )
    with duckdb.connect(str(root / "fokus.duckdb"), read_only=True) as con:
        posts = con.execute(
            "SELECT post_id, text_raw, format, source_row FROM posts ORDER BY source_row"
        ).fetchall()
        imports = con.execute(
            "SELECT file_name, kind, rows_read, rows_imported, rows_skipped, as_of "
            "FROM imports"
        ).fetchall()
        accounts = con.execute(
            "SELECT platform, account_id, name, username FROM accounts"
        ).fetchall()
    assert posts == [
        ("939005954986064", TRICKY_CAPTION, "image", 2),
        ("939635154923144", "Andre innlegg", "reel", 3),
        ("9396351549231450", "Tredje innlegg", "link", 4),
    ]
    assert [row[:5] for row in imports] == [
        (POSTS_FILE, "meta_facebook_posts", 3, 3, 0)
    ]
    assert str(imports[0][5]) == "2026-03-31"  # the end of the range in the name
    assert accounts == [("facebook", "100066300057039", PAGE, None)]


def test_importing_again_changes_nothing(workspace: Path) -> None:
    before = dump(workspace / "fokus.duckdb")
    assert len(before["posts"]) == 3
    assert len(before["imports"]) == 1
    result = run("import", workspace)
    assert result.returncode == 0, result.stderr
    assert f"= {POSTS_FILE}: already imported, nothing changed" in result.stdout
    assert result.stdout.splitlines()[-1] == (
        "Files imported: 0 (0 rows stored, 0 skipped). Already imported: 1. Refused: 0."
    )
    assert dump(workspace / "fokus.duckdb") == before


def _random_bytes() -> bytes:
    return random.Random(20261126).randbytes(4096)  # noqa: S311 (test data)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("tom.csv", b"", "The file is empty."),
        ("støy.csv", _random_bytes(), "This is not a text export"),
        (
            "people.csv",
            b"name,age\nOla,42\n",
            "fokus does not recognise this file as an export it knows.",
        ),
    ],
    ids=["empty", "random-bytes", "unrelated-csv"],
)
def test_a_refused_file_changes_nothing(
    workspace: Path, name: str, content: bytes, message: str
) -> None:
    before = dump(workspace / "fokus.duckdb")
    path = workspace / "exports" / name
    path.write_bytes(content)
    try:
        result = run("import", workspace, path)
    finally:
        path.unlink()
    assert result.returncode == 3
    assert "Traceback" not in result.stderr
    stderr = flat(result.stderr)
    assert f"✗ {name}: " in stderr
    assert message in stderr
    assert result.stdout.splitlines()[-1] == (
        "Files imported: 0 (0 rows stored, 0 skipped). Already imported: 0. Refused: 1."
    )
    assert dump(workspace / "fokus.duckdb") == before


def test_an_unrelated_csv_is_refused_as_unknown(tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    path.write_bytes(b"name,age\nOla,42\n")
    with Store.open(tmp_path / "fokus.duckdb") as store:
        outcome = import_file(path, store, exports_dir=tmp_path, timezone="Europe/Oslo")
    assert (outcome.status, outcome.refusal_key) == (
        "refused",
        "import.refused.unknown_kind",
    )


def test_a_refusal_names_the_closest_kind_in_words(tmp_path: Path) -> None:
    path = tmp_path / "almost.csv"
    path.write_bytes(
        b'"Post ID","Publish time",Reach\n123456789012345,01/02/2026 10:00,5\n'
    )
    with Store.open(tmp_path / "fokus.duckdb") as store:
        outcome = import_file(path, store, exports_dir=tmp_path, timezone="Europe/Oslo")
    assert (outcome.status, outcome.refusal_key) == (
        "refused",
        "import.refused.incomplete",
    )
    assert translate(outcome.refusal_key, "en", **outcome.refusal_params) == (
        "This looks like a Facebook posts (Meta Business Suite) file, but something "
        "is missing. Found: a post id column, a publish time column, metric columns "
        "such as Reach or Views. Missing: Page columns (Page ID, Page name)."
    )
    assert translate(outcome.refusal_key, "nb", **outcome.refusal_params) == (
        "Dette ligner en fil av typen Facebook-innlegg (Meta Business Suite), men "
        "noe mangler. Fant: en kolonne med innleggs-ID, en kolonne med "
        "publiseringstidspunkt, kolonner med måltall som Reach eller Views. "
        "Mangler: sidekolonner (Page ID, Page name)."
    )


def test_status_shows_the_account_and_posts(workspace: Path) -> None:
    result = run("status", workspace)
    assert result.returncode == 0, result.stderr
    cell = r"\s*[│|]\s*"
    assert re.search(f"Facebook{cell}{PAGE}{cell}3{cell}16 Feb 2026", result.stdout)
    assert "Posts" in result.stdout
    assert f"Last import: {POSTS_FILE}," in result.stdout


def test_review_writes_every_report_file(workspace: Path, tmp_path: Path) -> None:
    out_json = tmp_path / "out.json"
    out_html = tmp_path / "out.html"
    out_tables = tmp_path / "tabeller.xlsx"
    result = run("review", workspace, "--json", out_json, "--out", out_html,
                 "--tables", out_tables)  # fmt: skip
    assert result.returncode == 0, result.stderr
    pdf = workspace / "reports" / "review.pdf"  # the defaults
    deck = workspace / "reports" / "review.pptx"
    assert result.stdout.splitlines()[-6:] == [
        "Report written:",
        *(f"  {path}" for path in (out_html, pdf, out_json, out_tables, deck)),
    ]
    assert pdf.read_bytes().startswith(b"%PDF-")
    sheets = CalamineWorkbook.from_path(str(out_tables)).sheet_names
    assert sheets[:2] == ["Data and coverage", "Strategy"]
    assert len(sheets) == 10
    slides = Presentation(str(deck)).slides
    assert len(slides) == 12  # title, scorecard, plan, nine considerations
    assert not (workspace / "reports" / "review-tables.xlsx").exists()
    report = json.loads(out_json.read_text(encoding="utf-8"))
    assert report["schema_version"] == 2
    coverage = [s for s in report["sections"] if s["key"] == "coverage"]
    assert [s["status"] for s in coverage] == ["ok"]
    html = out_html.read_text(encoding="utf-8")
    assert html.lstrip().lower().startswith("<!doctype html>")
    assert ORGANISATION in html


def test_review_outside_a_workspace_points_to_init(tmp_path: Path) -> None:
    result = run("review", tmp_path)
    assert result.returncode == 4
    assert "Traceback" not in result.stderr
    assert f"fokus init {tmp_path}" in flat(result.stderr)


def test_norwegian_messages(tmp_path: Path) -> None:
    result = run("review", tmp_path, lang="nb")
    assert result.returncode == 4
    stderr = flat(result.stderr)
    assert (
        f"{tmp_path} er ikke et arbeidsområde for fokus: fokus.toml mangler." in stderr
    )
    assert f"med kommandoen: fokus init {tmp_path}" in stderr


def test_an_unknown_language_is_a_usage_error(tmp_path: Path) -> None:
    result = run("init", tmp_path / "ws", "--lang", "xx")
    assert result.returncode == 2
    assert '"xx" is not a language fokus speaks.' in flat(result.stderr)
    assert not (tmp_path / "ws").exists()


def test_version() -> None:
    result = run("--version")
    assert (result.returncode, result.stdout.strip()) == (0, f"fokus {__version__}")


@pytest.mark.slow
def test_demo_twice_gives_the_same_review(tmp_path: Path) -> None:
    root = tmp_path / "demo"
    reports = []
    for _ in range(2):
        result = run("demo", root, "--quiet")
        assert result.returncode == 0, result.stderr
        report = json.loads((root / "reports" / "review.json").read_text("utf-8"))
        report.pop("generated_at")
        reports.append(report)
    assert reports[0] == reports[1]
    html = (root / "reports" / "review.html").read_text(encoding="utf-8")
    assert DEMO_ORGANISATION in html
