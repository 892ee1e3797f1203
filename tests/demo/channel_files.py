"""Read the demo's LinkedIn, TikTok, YouTube and X files as an importer will.

csv for the text files, python_calamine for the workbooks, zipfile for YouTube
Studio's archive; nothing here uses the generator's own code.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from pathlib import Path

import python_calamine

Row = dict[str, str]
Cell = str | float

LINKEDIN_NAME = re.compile(
    r"^fjordvik-kommune_(content|visitors|followers)_(\d{13})\.xlsx$"
)
X_CONTENT_NAME = re.compile(r"^account_analytics_content_(\d{4}-\d\d-\d\d)_(\d{4}-\d\d-\d\d)\.csv$")  # fmt: skip
TWITTER_EPOCH_MS = 1_288_834_974_657


def text_rows(data: bytes, *, bom: bool) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf") == bom
    text = data.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline="")))


def records(rows: list[list[str]]) -> list[Row]:
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def workbook(path: Path) -> dict[str, list[list[Cell]]]:
    book = python_calamine.CalamineWorkbook.from_path(str(path))
    return {
        name: book.get_sheet_by_name(name).to_python(skip_empty_area=False)
        for name in book.sheet_names
    }


def linkedin_export_ms(path: Path) -> int:
    match = LINKEDIN_NAME.match(path.name)
    assert match, path.name
    return int(match.group(2))


def linkedin_posts(folder: Path) -> list[dict[str, Cell]]:
    """Each post once, from the newest content export that has it."""
    latest: dict[str, dict[str, Cell]] = {}
    files = sorted(folder.glob("*_content_*.xlsx"), key=linkedin_export_ms)
    for path in files:
        sheets = workbook(path)
        rows = sheets.get("All posts", [])
        for row in rows[2:]:
            record = dict(zip((str(c) for c in rows[1]), row, strict=True))
            latest[str(record["Post link"])] = record
    return list(latest.values())


def x_posts(folder: Path) -> list[Row]:
    """Each post once from the newest 2024+ content export; junk rows left out."""
    latest: dict[str, Row] = {}
    files = sorted(p for p in folder.iterdir() if X_CONTENT_NAME.match(p.name))
    for path in files:
        for record in records(text_rows(path.read_bytes(), bom=False)):
            if record["Post id"]:
                record["Link"] = record.pop("Post Link", record.get("Link", ""))
                record["Shares"] = record.pop("Share", record.get("Shares", ""))
                latest[record["Post id"]] = record
    return list(latest.values())


def snowflake_time(post_id: str) -> dt.datetime:
    ms = (int(post_id) >> 22) + TWITTER_EPOCH_MS
    return dt.datetime.fromtimestamp(ms / 1000, tz=dt.UTC).replace(tzinfo=None)


def youtube_zip(folder: Path) -> dict[str, bytes]:
    (path,) = folder.glob("*.zip")
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}
