"""Look at a file's bytes: encoding, delimiter, preamble, and a parsed sample.

Exports arrive as UTF-8 with or without a BOM, UTF-16LE with a BOM (Meta's daily
series), or Windows-1252 from Norwegian Excel. DuckDB reads only UTF-8 offline, so
anything else is transcoded to a temporary UTF-8 copy first.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from fokus.errors import FokusError
from fokus.ingest.workbook import MAX_COLUMNS, Sheet, container_of, read_workbook

Encoding = Literal["utf-8", "utf-8-sig", "utf-16-le", "utf-16-be", "cp1252"]
SAMPLE_BYTES = 1 << 20
_CHUNK = 1 << 22
_SIGNATURES = ((b"%PDF", "import.refused.binary"),)


@dataclass(frozen=True, slots=True)
class TextSample:
    """The first part of a text file, decoded and split into CSV records."""

    path: Path
    digest: Future[str]
    """The file's sha256, computed in a thread beside the import's first scan."""
    size_bytes: int
    encoding: Encoding
    delimiter: str
    sep_line: bool
    """The file starts with Excel's ``sep=,`` line (Meta's series files do)."""
    wrapped: bool
    """Every line is one quoted field holding a whole CSV line (a bad re-save)."""
    records: tuple[tuple[str, ...], ...]
    """The first records after any ``sep=`` line, parsed with the file's delimiter."""
    complete: bool
    """The sample holds the whole file."""
    container: Literal["csv", "xlsx", "xls", "xml"] = "csv"
    """A text file, or the kind of workbook it is."""
    sheets: tuple[Sheet, ...] = ()
    """A workbook's sheets (all of them, as text); ``records`` are the first one's."""

    @property
    def sha256(self) -> str:
        """The file's sha256 (waits for the digest if it is still running)."""
        return self.digest.result()


def file_sha256(path: Path) -> str:
    """sha256 of a file, read in chunks (hashlib releases the GIL while hashing)."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _encoding_of(head: bytes) -> Encoding:
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith(codecs.BOM_UTF16_LE):
        return "utf-16-le"
    if head.startswith(codecs.BOM_UTF16_BE):
        return "utf-16-be"
    if b"\x00" in head[:4096]:
        raise FokusError("import.refused.binary", "import.refused.binary.hint")
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        # A multi-byte character cut by the sample's end is still UTF-8.
        if error.start < len(head) - 4:
            return "cp1252"
    return "utf-8"


def _decode(head: bytes, encoding: Encoding, complete: bool) -> str:
    decoder = codecs.getincrementaldecoder(_codec(encoding))(errors="replace")
    text = decoder.decode(head, final=complete)
    return text.removeprefix("\ufeff")


def _codec(encoding: Encoding) -> str:
    return {"utf-16-le": "utf-16-le", "utf-16-be": "utf-16-be"}.get(encoding, encoding)


def _delimiter(first_line: str) -> str:
    """The separator of the header line, counted outside quotes."""
    counts = {",": 0, ";": 0, "\t": 0}
    quoted = False
    for char in first_line:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    best = max(counts, key=lambda d: (counts[d], d == ","))
    return best if counts[best] else ","


def read_sample(
    path: Path, digest: Future[str] | None = None, max_records: int = 60
) -> TextSample:
    """Decode the start of ``path`` and parse its first records.

    ``digest`` is the file's sha256 being computed elsewhere; without it, it is
    computed here. Raises ``FokusError`` for an empty file and for binary or
    spreadsheet files.
    """
    size = path.stat().st_size
    if digest is None:
        digest = Future()
        digest.set_result(file_sha256(path))
    if size == 0:
        raise FokusError("import.refused.empty", "import.refused.empty.hint")
    with path.open("rb") as handle:
        head = handle.read(SAMPLE_BYTES)
    container = container_of(head, path)
    if container == "zip":
        raise FokusError("import.refused.archive", "import.refused.archive.hint")
    if container is not None:
        sheets = read_workbook(path, container)
        first = sheets[0].rows[:max_records] if sheets else ()
        return TextSample(
            path, digest, size, "utf-8", ",", False, False, first, True, container,
            sheets,
        )  # fmt: skip
    for signature, key in _SIGNATURES:
        if head.startswith(signature):
            raise FokusError(key, key + ".hint")
    stripped = head.lstrip()
    if stripped.startswith((b"<?xml", b"<html", b"<!DOCTYPE", b"{", b"[")):
        raise FokusError("import.refused.binary", "import.refused.binary.hint")
    encoding = _encoding_of(head)
    complete = size <= SAMPLE_BYTES
    text = _decode(head, encoding, complete)
    # Random bytes read as Windows-1252 are about 12 % control characters; a damaged
    # but real export (mixed encodings after an Excel re-save) has a few.
    if "\x00" in text or _control_share(text) > 0.05:
        raise FokusError("import.refused.binary", "import.refused.binary.hint")
    sep_line = text[:4].lower() == "sep=" and "\n" in text[:12]
    body = text.split("\n", 1)[1] if sep_line else text
    first_line = body.split("\n", 1)[0]
    delimiter = text[4] if sep_line and text[4] in ",;\t" else _delimiter(first_line)
    if not complete:
        body = body.rsplit("\n", 1)[0]  # drop a record cut by the sample's end
    records = _records(body, delimiter, max_records)
    wrapped = _is_wrapped(records, delimiter)
    if wrapped:
        records = _records(_unwrap(body, delimiter), delimiter, max_records)
    _check_width(records)
    return TextSample(
        path, digest, size, encoding, delimiter, sep_line, wrapped, records, complete
    )


def _check_width(records: tuple[tuple[str, ...], ...]) -> None:
    """Refuse a sample wider than a spreadsheet can be: the import reads every
    column the sample shows, and DuckDB needs gigabytes for 200,000 of them."""
    widest = max((len(record) for record in records), default=0)
    if widest > MAX_COLUMNS:
        raise FokusError(
            "import.refused.too_many_columns",
            "import.refused.too_many_columns.hint",
            columns=widest,
            limit=MAX_COLUMNS,
        )


def _control_share(text: str) -> float:
    sample = text[:20000]
    if not sample:
        return 0.0
    bad = sum(1 for c in sample if ord(c) < 32 and c not in "\r\n\t")
    return bad / len(sample)


def _records(text: str, delimiter: str, limit: int) -> tuple[tuple[str, ...], ...]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    out: list[tuple[str, ...]] = []
    try:
        for row in reader:
            out.append(tuple(row))
            if len(out) >= limit:
                break
    except csv.Error:
        pass  # the sample is what it is; adapters decide if it is enough
    return tuple(out)


def _is_wrapped(records: tuple[tuple[str, ...], ...], delimiter: str) -> bool:
    """Each record a single field that itself holds several delimited fields."""
    # The header decides: a real header is never one field full of delimiters.
    # Data lines cannot: caption lines split off by the wrapping parse unevenly.
    non_empty = [r for r in records if any(r)]
    return (
        bool(non_empty)
        and len(non_empty[0]) == 1
        and (non_empty[0][0].count(delimiter) >= 2)
    )


def utf8_copy(sample: TextSample, folder: Path) -> Path:
    """A UTF-8 path DuckDB can read: the file itself, or a transcoded copy."""
    if sample.encoding in {"utf-8", "utf-8-sig"} and not sample.wrapped:
        return sample.path
    target = folder / "utf8.csv"
    decoder = codecs.getincrementaldecoder(_codec(sample.encoding))(errors="replace")
    with sample.path.open("rb") as source, target.open("w", encoding="utf-8") as out:
        if not sample.wrapped:
            while chunk := source.read(_CHUNK):
                out.write(decoder.decode(chunk).replace("\ufeff", ""))
            out.write(decoder.decode(b"", final=True))
            return target
        out.write(_unwrap(decoded_text(sample), sample.delimiter))
    return target


def _unwrap(text: str, delimiter: str) -> str:
    """The CSV inside a CSV: each outer record is one physical line of the inner one.

    Joining the outer fields with newlines restores the inner text, including
    captions whose line breaks split them over several outer records.
    """
    outer = parse_csv(text, delimiter)
    # An outer record split on a bare delimiter is one line again once re-joined.
    return "\n".join(delimiter.join(record) for record in outer) + "\n"


def decoded_text(sample: TextSample) -> str:
    """The whole file as text (for the small series and audience files)."""
    data = sample.path.read_bytes()
    text = data.decode(_codec(sample.encoding), "replace").removeprefix("\ufeff")
    if sample.sep_line:
        text = text.split("\n", 1)[1] if "\n" in text else ""
    return text


def all_records(sample: TextSample) -> list[tuple[str, ...]]:
    """Every record of a small file, unwrapped if needed (a workbook's first sheet)."""
    if sample.container != "csv":
        return list(sample.sheets[0].rows) if sample.sheets else []
    text = decoded_text(sample)
    if sample.wrapped:
        text = _unwrap(text, sample.delimiter)
    return parse_csv(text, sample.delimiter, lines_before=int(sample.sep_line))


def parse_csv(
    text: str, delimiter: str, lines_before: int = 0
) -> list[tuple[str, ...]]:
    """Every record of ``text``. One that Python's csv module cannot split (a field
    past its limit of 131,072 characters, a NUL byte) refuses the file in plain
    words, with its line in the file (``text`` starts after ``lines_before``)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        return [tuple(record) for record in reader]
    except csv.Error as error:
        line = reader.line_num + lines_before
        key = (
            "import.refused.field_too_long"
            if "field larger than field limit" in str(error)
            else "import.unreadable_csv"
        )
        raise FokusError(
            key,
            key + ".hint",
            line=line,
            limit=csv.field_size_limit(),
            error=f"{error} ({line})",
        ) from None
