"""CSV bytes as TikTok, YouTube and X write them: quoting, BOM and line ends."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from pathlib import Path


def quote(value: str) -> str:
    return '"' + value.replace('"', '""') + '"'


def minimal(value: str) -> str:
    """Quote only when needed (a comma, quote or line break)."""
    return quote(value) if any(c in value for c in ',"\r\n') else value


def csv_text(
    rows: Sequence[Sequence[str]],
    *,
    quote_all: bool = False,
    always: Collection[int] = (),
    newline: str = "\n",
    final_newline: bool = True,
) -> str:
    """Rows as text. ``quote_all`` quotes every field (TikTok Studio, old Twitter);
    otherwise fields are quoted when needed, and below the header always in the
    ``always`` columns (X quotes every post text)."""
    lines = [
        ",".join(
            quote(v) if quote_all or (n and i in always and v) else minimal(v)
            for i, v in enumerate(row)
        )
        for n, row in enumerate(rows)
    ]
    return newline.join(lines) + (newline if final_newline else "")


def write_text(path: Path, text: str, *, bom: bool = False) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    return path


def one_line(text: str) -> str:
    """Post text on one line, as TikTok and X 2024+ write it (breaks → spaces)."""
    return text.replace("\r", "").replace("\n", " ")
