"""Uploads through the web app's service: real files through receive_upload into a
real workspace (real DuckDB file), each refusal leaving exports/ as it was."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pytest
import xlsxwriter

from fokus.i18n import translate
from fokus.ingest.upload_checks import safe_name, unique_name
from fokus.ingest.upload_report import describe_upload
from fokus.ingest.uploads import UploadResult, import_history, receive_upload
from fokus.workspace import Workspace, init_workspace

MB = 1 << 20
CONTENT = (
    "Post id", "Date", "Post text", "Post Link", "Impressions", "Likes",
    "Engagements", "Bookmarks", "Shares", "New follows", "Replies", "Reposts",
    "Profile visits", "Detail Expands", "URL Clicks", "Hashtag Clicks",
    "Permalink Clicks",
)  # fmt: skip
ID_NOV9 = "1987315260559167965"
ID_NOV8 = "1987273397387030810"
JUNK = ["", "", "", "https://x.com/Fjordvik/status/undefined", *["0"] * 13]


def _row(post_id: str, date: str, text: str) -> list[str]:
    link = f"https://x.com/Fjordvik/status/{post_id}"
    return [post_id, date, text, link, "1351", "5", "41", "1", "2", "3", "1", "4",
            "2", "29", "7", "0", "6"]  # fmt: skip


def x_content(caption: str = "Siste nytt") -> bytes:
    """An X content export (2024+ layout): two posts and one junk row."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(
        [CONTENT, _row(ID_NOV9, "Sun, Nov 9, 2025", caption), JUNK,
         _row(ID_NOV8, "Sat, Nov 8, 2025", "Hei")]
    )  # fmt: skip
    return buffer.getvalue().encode("utf-8")


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    return init_workspace(tmp_path / "ws", "Fjordvik kommune", "nb")


def _upload(
    workspace: Workspace, name: str, data: bytes, uploaded_by: str | None = None
) -> UploadResult:
    return receive_upload(
        workspace, name, io.BytesIO(data), max_bytes=5 * MB, uploaded_by=uploaded_by
    )


def _exports(workspace: Workspace) -> list[str]:
    return sorted(p.name for p in workspace.exports_dir.iterdir())


def test_a_recognised_csv_is_stored_and_imported_with_its_uploader(
    workspace: Workspace,
) -> None:
    before = _exports(workspace)
    result = _upload(workspace, "x content.csv", x_content(), uploaded_by="kari@x.no")
    assert (result.status, result.stored_name) == ("imported", "x content.csv")
    [outcome] = result.outcomes
    assert (outcome.kind, outcome.file) == ("x_content", "x content.csv")
    assert (result.rows_read, result.rows_imported, result.rows_skipped) == (3, 2, 1)
    assert [(s.row, s.reason_key) for s in outcome.skipped] == [
        (3, "import.skip.x_undefined_post")
    ]
    assert _exports(workspace) == sorted([*before, "x content.csv"])
    assert (workspace.exports_dir / "x content.csv").read_bytes() == x_content()
    [entry] = import_history(workspace)
    assert (entry.file, entry.kind, entry.original_name, entry.uploaded_by) == (
        "x content.csv",
        "x_content",
        "x content.csv",
        "kari@x.no",
    )
    assert (entry.rows_read, entry.rows_imported, entry.rows_skipped) == (3, 2, 1)
    assert entry.skip_reasons == (("import.skip.x_undefined_post", 1),)
    assert entry.sha256 == result.sha256 and len(entry.sha256) == 64


def test_the_same_bytes_again_are_not_imported_twice(workspace: Workspace) -> None:
    _upload(workspace, "first.csv", x_content())
    before = _exports(workspace)
    again = _upload(workspace, "second.csv", x_content())
    assert (again.status, again.stored_name, again.refusal_key) == (
        "already_imported",
        None,
        "upload.already_imported",
    )
    assert again.refusal_params == {"file": "first.csv"}
    assert _exports(workspace) == before
    assert [e.file for e in import_history(workspace)] == ["first.csv"]


def test_a_second_file_of_the_same_name_gets_a_free_name(workspace: Workspace) -> None:
    _upload(workspace, "x.csv", x_content("En"))
    result = _upload(workspace, "x.csv", x_content("To"))
    assert result.stored_name == "x (2).csv"
    assert [e.file for e in import_history(workspace)] == ["x (2).csv", "x.csv"]


def test_an_unrecognised_csv_is_refused_and_removed(workspace: Workspace) -> None:
    before = _exports(workspace)
    result = _upload(workspace, "notes.csv", b"name;age\nKari;40\n")
    assert result.status == "refused" and result.stored_name is None
    [outcome] = result.outcomes
    assert outcome.refusal_key == "import.refused.unknown_kind"
    assert _exports(workspace) == before
    assert import_history(workspace) == ()


def test_an_oversize_stream_is_refused_without_reading_it_all(
    workspace: Workspace,
) -> None:
    class Endless(io.RawIOBase):
        """A stream that never ends; reading it all would never return."""

        read_bytes = 0

        def readable(self) -> bool:
            return True

        def readinto(self, buffer: bytearray) -> int:  # type: ignore[override]
            buffer[:] = b"a" * len(buffer)
            self.read_bytes += len(buffer)
            return len(buffer)

    stream = Endless()
    before = _exports(workspace)
    result = receive_upload(workspace, "big.csv", stream, max_bytes=MB)  # type: ignore[arg-type]
    assert (result.status, result.refusal_key) == (
        "refused",
        "upload.refused.too_large",
    )
    assert result.refusal_params == {"limit": 1}
    assert stream.read_bytes <= MB + (1 << 16)
    assert _exports(workspace) == before


def test_a_csv_that_is_a_zip_is_refused(workspace: Workspace) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("posts.csv", x_content())
    before = _exports(workspace)
    result = _upload(workspace, "posts.csv", buffer.getvalue())
    assert (result.status, result.refusal_key) == ("refused", "upload.refused.suffix")
    assert result.refusal_params == {"suffix": ".csv", "content": "upload.content.zip"}
    assert _exports(workspace) == before


def test_an_executable_named_csv_is_refused(workspace: Workspace) -> None:
    result = _upload(workspace, "posts.csv", b"MZ\x90\x00\x03" + b"\x00" * 200)
    assert (result.status, result.refusal_key) == ("refused", "upload.refused.binary")


def test_a_zip_bomb_is_refused_before_unpacking(workspace: Workspace) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\x00" * (20 * MB))
    data = buffer.getvalue()
    assert len(data) < 100_000  # 20 MB packed into a few kilobytes
    before = _exports(workspace)
    result = _upload(workspace, "report.xlsx", data)
    assert (result.status, result.refusal_key) == ("refused", "upload.refused.zip_bomb")
    assert result.refusal_params == {"members": 3, "size": 20 * MB + 19}
    assert _exports(workspace) == before


def _xlsx(path: Path) -> bytes:
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Sheet1")
    rows = [CONTENT, _row(ID_NOV9, "Sun, Nov 9, 2025", "Hei")]
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            sheet.write_string(r, c, value)
    book.close()
    return path.read_bytes()


def test_a_truncated_xlsx_is_refused(workspace: Workspace, tmp_path: Path) -> None:
    data = _xlsx(tmp_path / "whole.xlsx")
    before = _exports(workspace)
    result = _upload(workspace, "posts.xlsx", data[: len(data) // 2])
    assert (result.status, result.refusal_key) == (
        "refused",
        "upload.refused.damaged_zip",
    )
    assert _exports(workspace) == before


def test_an_xlsx_export_is_imported(workspace: Workspace, tmp_path: Path) -> None:
    result = _upload(workspace, "posts.xlsx", _xlsx(tmp_path / "whole.xlsx"))
    assert [(o.status, o.kind, o.rows_imported) for o in result.outcomes] == [
        ("imported", "x_content", 1)
    ]


def test_xml_with_an_entity_is_refused(workspace: Workspace) -> None:
    data = (
        b'<?xml version="1.0"?>\n<!DOCTYPE lol [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>\n'
        b'<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">'
        b"<Worksheet><Table><Row><Cell><Data>&lol2;</Data></Cell></Row></Table>"
        b"</Worksheet></Workbook>"
    )
    before = _exports(workspace)
    result = _upload(workspace, "insights.xls", data)
    assert result.status == "refused"
    assert [o.refusal_key for o in result.outcomes] == ["import.refused.unsafe_xml"]
    assert _exports(workspace) == before


def test_a_path_traversal_name_stays_in_exports(workspace: Workspace) -> None:
    result = _upload(workspace, "../../etc/passwd.csv", x_content())
    assert result.stored_name == "passwd.csv"
    assert result.original_name == "../../etc/passwd.csv"
    assert (workspace.exports_dir / "passwd.csv").is_file()
    assert not (workspace.root.parent / "etc").exists()
    assert import_history(workspace)[0].original_name == "../../etc/passwd.csv"


def test_an_rtl_override_name_is_cleaned(workspace: Workspace) -> None:
    # "exe.csv" shown backwards by U+202E: a classic disguise.
    result = _upload(workspace, "rapport\u202egpj.csv", x_content())
    assert result.stored_name == "rapportgpj.csv"


@pytest.mark.parametrize(
    ("original", "safe"),
    [
        ("..\\..\\win.csv", "win.csv"),
        ("C:\\Users\\kari\\Eksport.csv", "Eksport.csv"),
        (".hidden.csv", "hidden.csv"),
        ("...", "upload"),
        ("", "upload"),
        ("tab\tand\nnewline\x00.csv", "tabandnewline.csv"),
        ("zero\u200bwidth\u2066iso.csv", "zerowidthiso.csv"),
        ("non\u00a0breaking  space.csv", "non breaking space.csv"),
        ('a<b>c:d"e|f?g*h.csv', "a_b_c_d_e_f_g_h.csv"),
        ("CON.csv", "file-CON.csv"),
        ("Ra\u0308pport.csv", "Räpport.csv"),
        ("x" * 300 + ".csv", "x" * 116 + ".csv"),
    ],
)
def test_safe_name(original: str, safe: str) -> None:
    assert safe_name(original) == safe


def test_unique_name(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_text("1")
    (tmp_path / "a (2).csv").write_text("2")
    assert unique_name(tmp_path, "a.csv") == "a (3).csv"
    assert unique_name(tmp_path, "b.csv") == "b.csv"


def test_the_result_in_words(workspace: Workspace) -> None:
    result = _upload(workspace, "../x content.csv", x_content())
    [report] = describe_upload(result, "nb")
    assert (report.name, report.status, report.kind) == (
        "../x content.csv",
        "imported",
        translate("kind.x_content", "nb"),
    )
    assert (report.rows_read, report.rows_imported, report.rows_skipped) == (3, 2, 1)
    assert report.skipped == (
        (3, translate("import.skip.x_undefined_post", "nb", value="")),
    )
    assert report.message is None
    [refused] = describe_upload(_upload(workspace, "a.csv", b"MZ\x00\x00"), "en")
    assert (refused.status, refused.message, refused.hint) == (
        "refused",
        "The file is not an export: its contents are a program, a PDF, an image or "
        "another binary file.",
        "Upload the CSV or Excel file you downloaded from the platform.",
    )
    [unknown] = describe_upload(_upload(workspace, "n.csv", b"a;b\n1;2\n"), "en")
    assert (unknown.name, unknown.message) == (
        "n.csv",
        translate("import.refused.unknown_kind", "en"),
    )


def test_a_refusal_names_no_folder_of_the_server(
    workspace: Workspace, tmp_path: Path
) -> None:
    workspace.database_path.write_bytes(b"not a database" * 1000)
    result = _upload(workspace, "x.csv", x_content())
    assert (result.status, result.refusal_key) == ("refused", "store.unreadable")
    assert result.refusal_params["path"] == "fokus.duckdb"
    [report] = describe_upload(result, "en")
    shown = f"{report.message} {report.hint}"
    assert "fokus.duckdb" in shown
    assert str(tmp_path) not in shown
    assert workspace.database_path.read_bytes() == b"not a database" * 1000
