"""Import a file as a mapping describes it (``fokus import --map mapping.toml FILE``).

The mapping (``fokus.ingest.mapping_file``) names columns; here they are found in
each file, checked against its first values, and turned into the same ``PostPlan``
the platform importers use, so a mapped file is stored, traced and re-imported
exactly like a recognised one.
"""

from __future__ import annotations

import codecs
import dataclasses
import datetime as dt
from typing import ClassVar, Literal, cast

from fokus.errors import FokusError
from fokus.i18n import MessageKey
from fokus.ingest.base import ImportContext, Recognition, Stored, file_identity
from fokus.ingest.export_date import export_date
from fokus.ingest.headers import normalise, unique_names
from fokus.ingest.mapping_file import close_match
from fokus.ingest.mapping_guess import guess_date_format
from fokus.ingest.numbers import parse_number
from fokus.ingest.sniff import SAMPLE_BYTES, Encoding, TextSample, parse_csv, utf8_copy
from fokus.ingest.workbook import write_csv
from fokus.model.mapping import PublishedParts, SourceMapping
from fokus.model.staging import (
    AccountColumns,
    CsvSource,
    DateParts,
    FileIdentity,
    PaidRule,
    PostIdRule,
    PostPlan,
    SourceDefinition,
    format_precision,
)
from fokus.model.vocab import Platform, PublishedPrecision
from fokus.store.database import Store

Note = tuple[str, dict[str, str]]
MISSING_WORDS = frozenset(
    {"", "-", "--", "n/a", "na", "nan", "undefined", "null", "none"}
)
_SHOWN = 12
"""Column names listed in a message, at most."""


class MappedPosts:
    """Posts of a file fokus does not know, read the way a mapping says."""

    kind: ClassVar[str] = "mapped"
    platform: ClassVar[Platform] = "other"  # each file gets its mapping's platform

    def __init__(self, mapping: SourceMapping) -> None:
        self.mapping = mapping

    def recognise(self, sample: TextSample) -> Recognition:
        """A mapped file is not recognised: the user said what it is."""
        return Recognition(self.kind, ("feature.mapping",), ())

    def store(self, sample: TextSample, context: ImportContext, store: Store) -> Stored:
        """Find the mapping's columns in the file, then store it like any export."""
        mapping = self.mapping
        sample, rows = _apply_file_options(sample, mapping)
        h = mapping.file.header_row - 1
        if len(rows) <= h or not any(cell.strip() for cell in rows[h]):
            raise FokusError(
                "import.mapping.no_header",
                "import.mapping.no_header.hint",
                row=mapping.file.header_row,
            )
        header, data = rows[h], rows[h + 1 :]
        columns = _Columns(header)
        plan, extra_names = _plan(
            mapping, columns, sample, context, rows=rows, data=data
        )
        _check_dates(mapping, columns, data)
        counts = store.import_posts(
            lambda: _identity(sample, context, mapping, header, extra_names), plan
        )
        as_of, _ = export_date(sample.path, context.as_of)
        return Stored(counts, as_of, _notes(mapping, columns, data, extra_names))


def _identity(
    sample: TextSample,
    context: ImportContext,
    mapping: SourceMapping,
    header: tuple[str, ...],
    extra_names: tuple[str, ...],
) -> FileIdentity:
    identity = file_identity(
        sample, context, MappedPosts.kind, mapping.platform, header,
        extra_columns=extra_names,
    )  # fmt: skip
    source = SourceDefinition(
        mapping.source, mapping.name, mapping.engagement, mapping.text
    )
    return dataclasses.replace(identity, source=source)


def _apply_file_options(
    sample: TextSample, mapping: SourceMapping
) -> tuple[TextSample, tuple[tuple[str, ...], ...]]:
    """The sample as the mapping says to read it, and its rows (a workbook's sheet
    whole; a CSV file's first megabyte)."""
    options = mapping.file
    if sample.container != "csv":
        names = [sheet.name for sheet in sample.sheets]
        wanted = options.sheet or (names[0] if names else "")
        for sheet in sample.sheets:
            if sheet.name.casefold() == wanted.casefold():
                return sample, sheet.rows
        close = close_match(wanted, names)
        raise FokusError(
            "import.mapping.no_sheet",
            "import.mapping.no_sheet.hint_close"
            if close
            else "import.mapping.no_sheet.hint",
            sheet=wanted,
            suggestion=close or "",
            sheets=", ".join(names),
        )
    encoding: Encoding = sample.encoding
    # A byte-order mark is certain; a named encoding replaces only a guess.
    if options.encoding is not None and sample.encoding in {"utf-8", "cp1252"}:
        encoding = cast("Encoding", options.encoding)
    sample = dataclasses.replace(sample, encoding=encoding)
    # fokus finds the separator in the first line, which is a title when the
    # header is further down: look at the header line instead.
    delimiter = options.delimiter or (
        _delimiter_of(_head_text(sample).split("\n")[options.header_row - 1 :][:1])
        if options.header_row > 1
        else sample.delimiter
    )
    sample = dataclasses.replace(sample, delimiter=delimiter)
    return sample, csv_rows(sample)


def _delimiter_of(lines: list[str]) -> str:
    line = lines[0] if lines else ""
    counts = {d: line.count(d) for d in (",", ";", "\t", "|")}
    best = max(counts, key=lambda d: (counts[d], d == ","))
    return best if counts[best] else ","


def _head_text(sample: TextSample) -> str:
    """The first megabyte as text, decoded as the sample now says, whole lines only."""
    with sample.path.open("rb") as handle:
        head = handle.read(SAMPLE_BYTES)
    codec = {"utf-16-le": "utf-16-le", "utf-16-be": "utf-16-be"}.get(
        sample.encoding, sample.encoding
    )
    decoder = codecs.getincrementaldecoder(codec)(errors="replace")
    text = decoder.decode(head, final=sample.complete).removeprefix("\ufeff")
    if sample.sep_line:
        text = text.split("\n", 1)[1] if "\n" in text else ""
    if not sample.complete:
        text = text.rsplit("\n", 1)[0]
    return text


def csv_rows(sample: TextSample) -> tuple[tuple[str, ...], ...]:
    """Every record in the first megabyte, decoded as the sample now says."""
    lines_before = int(sample.sep_line)
    return tuple(parse_csv(_head_text(sample), sample.delimiter, lines_before))


class _Columns:
    """The file's header: find a mapped column by name, or say what is there."""

    def __init__(self, header: tuple[str, ...]) -> None:
        self.names = tuple(
            name or f"column_{n}" for n, name in enumerate(unique_names(header), 1)
        )
        self._index = {normalise(name): i for i, name in enumerate(self.names)}
        self.used: set[int] = set()

    def find(self, name: str, field: str, *, use: bool = True) -> int:
        index = self._index.get(normalise(name))
        if index is None:
            close = close_match(name, list(self.names))
            shown = ", ".join(f'"{n}"' for n in self.names[:_SHOWN])
            more = len(self.names) - _SHOWN
            raise FokusError(
                "import.mapping.column_not_found",
                "import.mapping.column_not_found.hint_close"
                if close
                else "import.mapping.column_not_found.hint",
                field=field,
                column=name,
                suggestion=close or "",
                columns=shown + (f" (+{more})" if more > 0 else ""),
            )
        if use:
            self.used.add(index)
        return index

    def maybe(self, name: str | None, field: str) -> int | None:
        return None if name is None else self.find(name, field)


def _plan(
    mapping: SourceMapping,
    columns: _Columns,
    sample: TextSample,
    context: ImportContext,
    *,
    rows: tuple[tuple[str, ...], ...],
    data: tuple[tuple[str, ...], ...],
) -> tuple[PostPlan, tuple[str, ...]]:
    find, maybe = columns.find, columns.maybe
    spec = mapping.post_id
    post_id: int | PostIdRule
    if spec.column is not None:
        post_id = find(spec.column, "columns.post_id")
    elif spec.row_number:
        post_id = PostIdRule("row_number")
    else:
        post_id = PostIdRule(
            "hash",
            tuple(
                find(c, "columns.post_id.hash", use=False) for c in spec.hash_columns
            ),
        )
    published: int | DateParts
    precision: PublishedPrecision | None
    if isinstance(mapping.published, PublishedParts):
        published = _parts(mapping.published, columns)
        precision = mapping.published.precision
    else:
        published = find(mapping.published, "columns.published")
        levels = {format_precision(f) for f in mapping.date_formats}
        precision = levels.pop() if len(levels) == 1 else None
    account_column = maybe(mapping.account_column, "account.column")
    paid = mapping.paid
    metrics = tuple((m, find(name, f"metrics.{m}")) for m, name in mapping.metrics)
    is_workbook = sample.container != "csv"
    decimal: Literal[".", ","] = mapping.file.decimal or (
        "," if sample.delimiter == ";" and not is_workbook else "."
    )
    plan = PostPlan(
        source=_source(sample, context, rows, mapping.file.header_row),
        platform=mapping.platform,
        post_id=post_id,
        published=published,
        date_formats=mapping.date_formats,
        timezone=mapping.timezone or context.timezone,
        account=AccountColumns(
            id_column=account_column,
            name_column=account_column,
            username_column=None,
            fallback_id=mapping.account or mapping.source,
        ),
        text_columns=tuple(find(c, "columns.text") for c in mapping.text_columns),
        permalink=maybe(mapping.permalink, "columns.permalink"),
        format_column=maybe(mapping.format_column, "columns.format"),
        format_map=mapping.formats,
        default_format=mapping.constant_format or "other",
        paid=None
        if paid is None
        else PaidRule(
            find(paid.column, "columns.paid"),
            () if paid.numeric else paid.words,
            paid.missing,
        ),
        decimal=decimal,
        metrics=metrics,
        is_share=None,
        is_crosspost=None,
        labels=maybe(mapping.labels, "columns.labels"),
        extra_columns=(),
        published_precision=precision,
        missing_markers=mapping.file.missing,
    )
    width = max((len(r) for r in (columns.names, *data)), default=0)
    extra = tuple(
        (columns.names[i] if i < len(columns.names) else f"column_{i + 1}", i)
        for i in range(width)
        if i not in columns.used
    )
    return dataclasses.replace(plan, extra_columns=extra), tuple(n for n, _ in extra)


def _parts(parts: PublishedParts, columns: _Columns) -> DateParts:
    unused = set(parts.unused)

    def column(name: str | None, part: str) -> int | None:
        if name is None:
            return None
        # A part that cannot be placed (an hour without a day) stays a column of
        # its own, kept as text.
        return columns.find(name, f"columns.published.{part}", use=name not in unused)

    return DateParts(
        year=parts.year,
        year_column=column(parts.year_column, "year"),
        month=column(parts.month, "month"),
        day=column(parts.day, "day"),
        hour=column(parts.hour, "hour"),
        minute=column(parts.minute, "minute"),
    )


def _source(
    sample: TextSample,
    context: ImportContext,
    rows: tuple[tuple[str, ...], ...],
    header_row: int,
) -> CsvSource:
    """What the store reads: the CSV itself past the header, or a sheet as CSV."""
    if sample.container != "csv":
        return write_csv(
            rows[header_row - 1 :], context.scratch, "sheet.csv",
            first_row=header_row + 1,
        )  # fmt: skip
    width = max((len(r) for r in rows[header_row - 1 :]), default=0)
    preamble = 1 if sample.sep_line and not sample.wrapped else 0
    return CsvSource(
        path=utf8_copy(sample, context.scratch),
        delimiter=sample.delimiter,
        skip_lines=header_row + preamble,
        n_columns=width,
        first_row=header_row + 1,
    )


def _check_dates(
    mapping: SourceMapping, columns: _Columns, data: tuple[tuple[str, ...], ...]
) -> None:
    """Refuse a file none of whose first dates fit the mapping's formats: a wrong
    format would otherwise skip every row."""
    if isinstance(mapping.published, PublishedParts):
        return
    index = columns.find(mapping.published, "columns.published", use=False)
    markers = set(mapping.file.missing)
    values = [
        r[index].strip()
        for r in data[:200]
        if index < len(r)
        and r[index].strip().casefold() not in MISSING_WORDS
        and r[index] not in markers
    ]
    if not values or any(_parses(v, mapping.date_formats) for v in values):
        return
    guess = guess_date_format(values)
    raise FokusError(
        "import.mapping.no_dates_match",
        "import.mapping.no_dates_match.hint_close"
        if guess
        else "import.mapping.no_dates_match.hint",
        column=mapping.published,
        value=values[0],
        formats=", ".join(f'"{f}"' for f in mapping.date_formats),
        suggestion=guess or "",
    )


def _parses(value: str, formats: tuple[str, ...]) -> bool:
    for pattern in formats:
        try:
            dt.datetime.strptime(value, pattern)
        except ValueError:
            continue
        return True
    return False


def _notes(
    mapping: SourceMapping,
    columns: _Columns,
    data: tuple[tuple[str, ...], ...],
    extra_names: tuple[str, ...],
) -> tuple[Note, ...]:
    notes: list[Note] = [
        (
            "import.mapping.note.source",
            {
                "mapping": mapping.name,
                "source": mapping.source,
                "platform": MessageKey(f"platform.{mapping.platform}"),
            },
        )
    ]
    if isinstance(mapping.published, PublishedParts):
        precision = mapping.published.precision
        if precision != "minute":
            notes.append((
                "import.mapping.note.precision",
                {"precision": MessageKey(f"import.mapping.precision.{precision}")},
            ))  # fmt: skip
        if mapping.published.unused:
            names = ", ".join(f'"{n}"' for n in mapping.published.unused)
            notes.append(("import.mapping.note.unused_parts", {"columns": names}))
    elif len({format_precision(f) for f in mapping.date_formats}) == 1:
        precision = format_precision(mapping.date_formats[0])
        if precision != "minute":
            notes.append((
                "import.mapping.note.precision",
                {"precision": MessageKey(f"import.mapping.precision.{precision}")},
            ))  # fmt: skip
    if mapping.post_id.row_number:
        notes.append(("import.mapping.note.row_ids", {}))
    if mapping.post_id.hash_columns:
        names = ", ".join(f'"{n}"' for n in mapping.post_id.hash_columns)
        notes.append(("import.mapping.note.hash_ids", {"columns": names}))
    if extra_names:
        shown = ", ".join(f'"{n}"' for n in extra_names[:_SHOWN])
        more = len(extra_names) - _SHOWN
        notes.append((
            "import.mapping.note.unmapped_columns",
            {"count": str(len(extra_names)),
             "names": shown + (f" (+{more})" if more > 0 else "")},
        ))  # fmt: skip
    notes.extend(_value_notes(mapping, columns, data))
    return tuple(notes)


def _value_notes(
    mapping: SourceMapping, columns: _Columns, data: tuple[tuple[str, ...], ...]
) -> list[Note]:
    """Values the mapping does not cover, reported and never guessed."""
    markers = set(mapping.file.missing)

    def cells(name: str) -> list[str]:
        index = columns.find(name, "", use=False)
        out = []
        for row in data:
            cell = row[index] if index < len(row) else ""
            missing = cell.strip().casefold() in MISSING_WORDS or cell in markers
            out.append("" if missing else " ".join(cell.split()))
        return out

    notes: list[Note] = []
    if mapping.format_column is not None:
        known = {value for value, _ in mapping.formats}
        other = sorted({c for c in cells(mapping.format_column)
                        if c and c.casefold() not in known})  # fmt: skip
        if other:
            notes.append((
                "import.mapping.note.unknown_formats",
                {"column": mapping.format_column,
                 "values": ", ".join(f'"{v}"' for v in other[:_SHOWN])},
            ))  # fmt: skip
    paid = mapping.paid
    if paid is not None:
        values = cells(paid.column)
        blank = sum(1 for v in values if not v)
        if blank:
            notes.append((
                "import.mapping.note.paid_blank",
                {"n": str(blank), "rows": str(len(values)), "column": paid.column,
                 "status": MessageKey(f"import.mapping.paid.{paid.missing}")},
            ))  # fmt: skip
        words = {w for w, _ in paid.words}
        odd = [
            v for v in values
            if v and (parse_number(v) is None if paid.numeric
                      else v.casefold() not in words)
        ]  # fmt: skip
        if odd:
            notes.append((
                "import.mapping.note.paid_unknown",
                {"n": str(len(odd)), "rows": str(len(values)), "column": paid.column,
                 "values": ", ".join(f'"{v}"' for v in sorted(set(odd))[:_SHOWN])},
            ))  # fmt: skip
    return notes
