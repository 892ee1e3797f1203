"""Ways to break a valid file, as Hypothesis strategies over its bytes."""

from __future__ import annotations

import functools
import io
import os
import re
import zipfile

from hypothesis import strategies as st

FORMULAS = (
    b"=cmd|' /C calc'!A0",
    b'=HYPERLINK("http://x")',
    b"+1+1",
    b"-2+3",
    b"@SUM(A1)",
)
ODD_NUMBERS = (
    b"1e309",
    b"NaN",
    b"-inf",
    b"\xef\xbc\x91\xef\xbc\x92",
    b"1.2.3",
    b"99999999999999999999999999",
)
ODD_DATES = (
    b"9999-12-31",
    b"0000-00-00",
    b"31/02/2025",
    b"12/31/99999",
    b"-1",
    b"2025-13-45T25:61",
)
BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")
_DIGITS = re.compile(rb"\d+")
# The short profile keeps to sizes that still cross every limit but build fast.
LONG = os.environ.get("HYPOTHESIS_PROFILE") == "long"
FIELD_SIZES = (10_000, 1_000_000, 4_000_000) if LONG else (10_000, 1_000_000)
LINE_CELLS = (50_000, 500_000) if LONG else (50_000,)
EXTRA_COLUMNS = (1_000, 20_000, 200_000) if LONG else (1_000, 20_000)
BOMB_SIZES = (10_000_000, 200_000_000) if LONG else (60_000_000,)
NESTING = (1_000, 100_000) if LONG else (1_000, 20_000)


def _zip_with(name: str, body: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        # Fixed times: the same draw must give the same bytes (Hypothesis replays).
        for member, data in (
            ("[Content_Types].xml", b'<?xml version="1.0"?><Types/>'),
            (name, body),
        ):
            archive.writestr(
                zipfile.ZipInfo(member, (2025, 1, 1, 0, 0, 0)),
                data,
                zipfile.ZIP_DEFLATED,
            )
    return buffer.getvalue()


@functools.cache
def zip_bomb(size: int) -> bytes:
    """An .xlsx whose one sheet inflates to ``size`` bytes of zeros-like XML.

    Kept once made: compressing 200 MB takes a second, and the bytes for a size
    never change (a third of the long profile's time went into making them)."""
    body = (
        b'<?xml version="1.0"?><worksheet><sheetData>'
        + b" " * size
        + b"</sheetData></worksheet>"
    )
    return _zip_with("xl/worksheets/sheet1.xml", body)


def entity_xml(depth: int) -> bytes:
    """Billion laughs: entities that expand to 10**depth copies."""
    lines = ['<!ENTITY l0 "ha">'] + [
        f'<!ENTITY l{i} "{("&l" + str(i - 1) + ";") * 10}">'
        for i in range(1, depth + 1)
    ]
    return (
        '<?xml version="1.0"?><!DOCTYPE Workbook [' + "".join(lines) + "]>"
        f'<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"><Cell>&l{depth};</Cell></Workbook>'
    ).encode()


def nested_xml(depth: int) -> bytes:
    return (
        b'<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">'
        + b"<Row>" * depth
        + b"</Row>" * depth
        + b"</Workbook>"
    )


@st.composite
def broken(draw: st.DrawFn, data: bytes) -> bytes:
    """``data`` broken one or more ways."""
    for _ in range(draw(st.integers(1, 3))):
        data = draw(_one(data))
    return data


@st.composite
def _one(draw: st.DrawFn, data: bytes) -> bytes:  # noqa: PLR0911, PLR0912 (a branch per mutation)
    where = draw(st.integers(0, len(data)))
    first_line = data.find(b"\n") + 1 or len(data)
    how = draw(st.sampled_from((
        "truncate", "random", "flip", "encoding", "bom", "huge_field", "huge_line",
        "columns", "formula", "date", "number", "dup_header", "no_header",
        "dup_column", "zip_bomb", "entities", "nested", "empty", "nul",
    )))  # fmt: skip
    match how:
        case "truncate":
            return data[:where]
        case "random":
            return data[:where] + draw(st.binary(max_size=64)) + data[where:]
        case "flip":
            if not data:
                return data
            at = min(where, len(data) - 1)
            return (
                data[:at]
                + bytes([data[at] ^ draw(st.integers(1, 255))])
                + data[at + 1 :]
            )
        case "encoding":
            text = data.decode("utf-8", errors="replace")
            codec = draw(
                st.sampled_from(("cp1252", "utf-16-le", "utf-16", "latin-1", "utf-32"))
            )
            head = data[:where]
            tail = text[len(head.decode("utf-8", errors="replace")) :]
            return head + tail.encode(codec, errors="replace")
        case "bom":
            return data[:where] + draw(st.sampled_from(BOMS)) + data[where:]
        case "huge_field":
            size = draw(st.sampled_from(FIELD_SIZES))
            return data[:where] + b"A" * size + data[where:]
        case "huge_line":
            return data + b"x," * draw(st.sampled_from(LINE_CELLS)) + b"\n"
        case "columns":
            n = draw(st.sampled_from(EXTRA_COLUMNS))
            return data[: first_line - 1] + b",extra" * n + data[first_line - 1 :]
        case "formula":
            return (
                data[:where]
                + b'"'
                + draw(st.sampled_from(FORMULAS))
                + b'",'
                + data[where:]
            )
        case "date":
            replacement = draw(st.sampled_from(ODD_DATES))
            return _DIGITS.sub(
                lambda m: replacement if draw(st.booleans()) else m.group(),
                data,
                count=50,
            )
        case "number":
            replacement = draw(st.sampled_from(ODD_NUMBERS))
            return _DIGITS.sub(
                lambda m: replacement if draw(st.booleans()) else m.group(),
                data,
                count=50,
            )
        case "dup_header":
            return data[:first_line] + data
        case "no_header":
            return data[first_line:]
        case "dup_column":
            header = data[:first_line].rstrip(b"\r\n")
            cells = header.split(b",")
            return b",".join([*cells, cells[0]]) + b"\n" + data[first_line:]
        case "zip_bomb":
            return zip_bomb(draw(st.sampled_from(BOMB_SIZES)))
        case "entities":
            return entity_xml(draw(st.integers(3, 9)))
        case "nested":
            return nested_xml(draw(st.sampled_from(NESTING)))
        case "empty":
            return b""
        case _:
            return data[:where] + b"\x00" * draw(st.integers(1, 100)) + data[where:]
