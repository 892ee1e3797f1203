"""``fokus map suggest FILE``: propose a mapping from a file's headers and values.

The result is TOML the user edits: each guess carries a comment saying what it was
guessed from, and lines the user must look at say CHECK. Where fokus cannot know
(the year of a file without one), the line is left for the user to fill in, so an
unchecked suggestion is refused rather than imported wrongly.
"""

from __future__ import annotations

import json
import math
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from fokus.i18n import Language, translate
from fokus.ingest.mapping import MISSING_WORDS, csv_rows
from fokus.ingest.mapping_guess import (
    date_formats_fitting,
    fits_part,
    format_values,
    header_target,
    looks_like_formats,
    paid_words,
    part_of,
)
from fokus.ingest.numbers import parse_number
from fokus.ingest.sniff import read_sample
from fokus.ingest.values import ValueKind, value_kind
from fokus.model.vocab import PLATFORMS, PostMetric

_ENGAGEMENT: tuple[tuple[PostMetric, ...], ...] = (
    ("reactions", "likes"), ("comments",), ("shares",), ("saves",), ("replies",),
)  # fmt: skip
_ROWS_LOOKED_AT = 2000


@dataclass
class _Column:
    index: int
    name: str
    values: list[str]
    kind: ValueKind


@dataclass
class _Guess:
    """What the suggestion found so far: a column per field, with the reason."""

    fields: dict[str, tuple[_Column, str]] = field(default_factory=dict)
    metrics: list[tuple[PostMetric, _Column]] = field(default_factory=list)
    account: _Column | None = None
    parts: dict[str, _Column] = field(default_factory=dict)
    taken: set[int] = field(default_factory=set)

    def take(self, name: str, column: _Column, why: str) -> None:
        self.fields[name] = (column, why)
        self.taken.add(column.index)


def suggest_mapping(path: Path, language: Language) -> str:
    """A proposed mapping for the file at ``path``, as commented TOML."""
    sample = read_sample(path)
    sheet_name = None
    if sample.container != "csv":
        sheets = [s for s in sample.sheets if s.rows] or list(sample.sheets)
        best = max(sheets, key=lambda s: len(s.rows) * max(map(len, s.rows), default=0))
        rows, sheet_name = best.rows, best.name
        sheet_names = ", ".join(s.name for s in sample.sheets)
    else:
        rows, sheet_names = csv_rows(sample), ""
    h = _header_index(rows)
    header, data = rows[h] if rows else (), rows[h + 1 : h + 1 + _ROWS_LOOKED_AT]
    columns = [
        _Column(i, name.strip(), values, value_kind([_known(v) for v in values]))
        for i, name in enumerate(header)
        if name.strip()
        for values in [[r[i] if i < len(r) else "" for r in data]]
    ]
    guess = _guess(columns)
    markers = sorted({
        v.strip() for _, column in guess.metrics for v in column.values
        if _known(v).strip() and parse_number(v) is None
    })  # fmt: skip
    out = _Writer(language)
    out.comment("import.mapping.suggest.header", file=path.name)
    out.comment("import.mapping.suggest.usage", file=path.name)
    _write_top(out, path, guess)
    is_csv = sample.container == "csv"
    _write_file(
        out,
        header_index=h,
        delimiter=sample.delimiter if is_csv else None,
        encoding=sample.encoding if is_csv else None,
        sheet=sheet_name,
        sheets=sheet_names,
        columns=columns,
        markers=markers,
    )
    _write_columns(out, guess)
    _write_metrics(out, guess, columns)
    return out.text()


def _header_index(rows: Sequence[Sequence[str]]) -> int:
    """The first row with a name in most columns, most of them not numbers."""
    width = max((len(r) for r in rows[:15]), default=0)
    for index, row in enumerate(rows[:15]):
        filled = [c for c in row if c.strip()]
        numbers = sum(1 for c in filled if parse_number(c) is not None)
        if len(filled) >= max(2, math.ceil(width / 2)) and numbers * 3 <= len(filled):
            return index
    return 0


def _guess(columns: list[_Column]) -> _Guess:
    guess = _Guess()
    for column in columns:
        target = header_target(column.name)
        if target is not None:
            _place(guess, column, target)
    _by_values(guess, columns)
    if "published" not in guess.fields:
        for column in columns:
            part = part_of(column.name)
            if (part and column.index not in guess.taken and part not in guess.parts
                    and fits_part(column.values, part)):  # fmt: skip
                guess.parts[part] = column
                guess.taken.add(column.index)
    return guess


def _place(guess: _Guess, column: _Column, target: tuple[str, str]) -> None:
    kind, name = target
    if column.index in guess.taken:
        return
    if kind == "metric":
        numeric = column.kind in {"number", "empty"} or _mostly_numbers(column.values)
        if numeric and all(m != name for m, _ in guess.metrics):
            guess.metrics.append((name, column))  # type: ignore[arg-type]
            guess.taken.add(column.index)
        return
    if kind == "account":
        if guess.account is None and column.kind in {"text", "id"}:
            guess.account = column
            guess.taken.add(column.index)
        return
    if name in guess.fields:
        return
    fits = {
        "published": column.kind == "date",
        "permalink": column.kind in {"url", "empty"},
        "post_id": column.kind in {"id", "number", "text"},
        "format": looks_like_formats(column.values),
        "paid": paid_words(column.values) is not None or column.kind == "number",
    }.get(name, True)
    if name == "format" and not fits and paid_words(column.values) is not None:
        name, fits = "paid", "paid" not in guess.fields  # "Post type" on LinkedIn
    if fits:
        guess.take(name, column, "import.mapping.suggest.why.header")


def _by_values(guess: _Guess, columns: list[_Column]) -> None:
    free = [c for c in columns if c.index not in guess.taken]
    for name, kind in (("published", "date"), ("permalink", "url"), ("post_id", "id")):
        if name in guess.fields:
            continue
        for column in free:
            filled = [v for v in column.values if v.strip()]
            unique = len(set(filled)) == len(filled)
            if (
                column.index not in guess.taken
                and column.kind == kind
                and (name != "post_id" or unique)
            ):
                guess.take(name, column, f"import.mapping.suggest.why.{kind}")
                break
    if "format" not in guess.fields:
        for column in free:
            if column.index not in guess.taken and looks_like_formats(column.values):
                guess.take("format", column, "import.mapping.suggest.why.formats")
                break
    if "text" not in guess.fields:
        texts = [c for c in free if c.kind == "text" and c.index not in guess.taken]
        longest = max(texts, key=lambda c: _mean_length(c.values), default=None)
        if longest is not None and _mean_length(longest.values) >= 20:
            guess.take("text", longest, "import.mapping.suggest.why.text")


def _known(value: str) -> str:
    """The value, or blank when it is one of the words that always mean none."""
    return "" if value.strip().casefold() in MISSING_WORDS else value


def _mostly_numbers(values: list[str]) -> bool:
    """Numbers with a few placeholders (an en dash, "not measured") among them."""
    filled = [v for v in values if _known(v).strip()]
    numbers = sum(1 for v in filled if parse_number(v) is not None)
    return bool(filled) and numbers * 2 >= len(filled)


def _mean_length(values: list[str]) -> float:
    filled = [v for v in values if v.strip()]
    return sum(map(len, filled)) / len(filled) if filled else 0.0


class _Writer:
    """TOML lines with translated comments wrapped to a readable width."""

    def __init__(self, language: Language) -> None:
        self.language = language
        self.lines: list[str] = []

    def comment(self, key: str, **params: object) -> None:
        text = translate(key, self.language, **params)
        for paragraph in text.split("\n"):
            self.lines += textwrap.wrap(
                paragraph, 86, initial_indent="# ", subsequent_indent="# "
            ) or ["#"]

    def line(self, text: str = "") -> None:
        self.lines.append(text)

    def text(self) -> str:
        return "\n".join(self.lines).rstrip() + "\n"


def _q(text: str) -> str:
    """A TOML basic string (JSON's escapes are TOML's)."""
    return json.dumps(text, ensure_ascii=False)


def _write_top(out: _Writer, path: Path, guess: _Guess) -> None:
    out.line()
    # "meta" (Facebook or Instagram, unknown which) is no place for posts.
    platforms = ", ".join(p for p in PLATFORMS if p != "meta")
    out.comment("import.mapping.suggest.platform", platforms=platforms)
    out.line('platform = "other"')
    out.comment("import.mapping.suggest.source")
    out.line(f"source = {_q(path.stem)}")
    if guess.account is not None:
        out.comment("import.mapping.suggest.account_column", column=guess.account.name)
        out.line(f"account = {{ column = {_q(guess.account.name)} }}")
    else:
        out.comment(
            "import.mapping.suggest.account", example='account = { column = "…" }'
        )
        out.line(f"account = {_q(path.stem)}")


def _write_file(
    out: _Writer,
    *,
    header_index: int,
    delimiter: str | None,
    encoding: str | None,
    sheet: str | None,
    sheets: str,
    columns: list[_Column],
    markers: list[str],
) -> None:
    out.line()
    out.line("[file]")
    out.comment("import.mapping.suggest.header_row", row=str(header_index + 1))
    out.line(f"header_row = {header_index + 1}")
    if sheet is not None:
        out.comment("import.mapping.suggest.sheet", sheets=sheets)
        out.line(f"sheet = {_q(sheet)}")
    if delimiter is not None and encoding is not None:
        out.comment("import.mapping.suggest.delimiter")
        out.line(f"delimiter = {_q(delimiter)}")
        out.line(f"encoding = {_q(encoding)}")
    mark, example = _decimal(columns, delimiter)
    if example:
        out.comment("import.mapping.suggest.decimal", mark=mark, example=example)
    else:
        out.comment("import.mapping.suggest.no_decimals", mark=mark)
    out.line(f"decimal = {_q(mark)}")
    out.comment("import.mapping.suggest.missing")
    if markers:
        shown = ", ".join(f'"{m}"' for m in markers)
        out.comment("import.mapping.suggest.missing_found", values=shown)
    out.line(f"missing = [{', '.join(_q(m) for m in markers)}]")


def _decimal(columns: list[_Column], delimiter: str | None) -> tuple[str, str]:
    """The decimal mark the numbers show, and a value that shows it."""
    for column in columns:
        if column.kind != "number":
            continue
        for value in column.values:
            text = value.strip().rstrip("%").strip()
            head, sep, tail = text.rpartition(",")
            if (
                sep
                and head.replace(" ", "").lstrip("-").isdigit()
                and len(tail) in {1, 2}
            ):
                return ",", value.strip()
            head, sep, tail = text.rpartition(".")
            if sep and head.replace(",", "").lstrip("-").isdigit() and tail.isdigit():
                return ".", value.strip()
    return ("," if delimiter == ";" else "."), ""


def _write_columns(out: _Writer, guess: _Guess) -> None:
    out.line()
    out.line("[columns]")
    if "post_id" in guess.fields:
        column, why = guess.fields["post_id"]
        out.comment("import.mapping.suggest.post_id", column=column.name,
                    why=translate(why, out.language))  # fmt: skip
        out.line(f"post_id = {_q(column.name)}")
    else:
        out.comment(
            "import.mapping.suggest.row_ids", example='post_id = { hash = ["…", "…"] }'
        )
        out.line("post_id = { row_number = true }")
    published = guess.fields.get("published")
    if published is not None:
        column, why = published
        out.comment("import.mapping.suggest.published", column=column.name,
                    why=translate(why, out.language))  # fmt: skip
        out.line(f"published = {_q(column.name)}")
    for name in ("text", "permalink", "format", "labels", "paid"):
        if name in guess.fields:
            column, why = guess.fields[name]
            out.comment(f"import.mapping.suggest.field.{name}", column=column.name,
                        why=translate(why, out.language))  # fmt: skip
            out.line(f"{name} = {_q(column.name)}")
        elif name == "text":
            out.comment("import.mapping.suggest.no_text")
    if published is None:
        _write_parts(out, guess)
    else:
        _write_dates(out, published[0])


def _write_parts(out: _Writer, guess: _Guess) -> None:
    out.line()
    out.line("[columns.published]")
    out.comment("import.mapping.suggest.parts")
    year = guess.parts.get("year")
    if year is None:
        out.comment("import.mapping.suggest.no_year")
        out.line("# year = YYYY")
    else:
        out.line(f"year = {_q(year.name)}")
    for part in ("month", "day", "hour", "minute"):
        if part in guess.parts:
            out.line(f"{part} = {_q(guess.parts[part].name)}")
    if "month" not in guess.parts:
        out.comment("import.mapping.suggest.no_month")
        out.line("# month = MONTH")
    gap = next((p for p in ("month", "day", "hour") if p not in guess.parts), None)
    after = [c.name for p, c in guess.parts.items() if gap and _after(p, gap)]
    if after:
        out.comment("import.mapping.suggest.parts_gap",
                    columns=", ".join(f'"{n}"' for n in after))  # fmt: skip
    out.line()
    out.line("[dates]")
    out.comment("import.mapping.suggest.timezone")
    out.line('# timezone = "Europe/Oslo"')


def _after(part: str, gap: str) -> bool:
    order = ("year", "month", "day", "hour", "minute")
    return order.index(part) > order.index(gap)


def _write_dates(out: _Writer, column: _Column) -> None:
    fitting = date_formats_fitting(column.values)
    example = next((v for v in column.values if v.strip()), "")
    out.line()
    out.line("[dates]")
    if not fitting:
        out.comment("import.mapping.suggest.no_date_format", value=example)
        out.line('formats = ["%Y-%m-%d %H:%M"]')
    else:
        swapped = fitting[0].replace("%d", "\0").replace("%m", "%d").replace("\0", "%m")
        if swapped != fitting[0] and swapped in fitting:
            out.comment("import.mapping.suggest.date_ambiguous",
                        format=fitting[0], other=swapped, value=example)  # fmt: skip
        else:
            out.comment("import.mapping.suggest.date_format", value=example)
        out.line(f"formats = [{_q(fitting[0])}]")
    out.comment("import.mapping.suggest.timezone")
    out.line('# timezone = "Europe/Oslo"')


def _write_metrics(out: _Writer, guess: _Guess, columns: list[_Column]) -> None:
    out.line()
    out.line("[metrics]")
    if guess.metrics:
        out.comment("import.mapping.suggest.metrics")
    for metric, column in sorted(guess.metrics, key=lambda m: m[1].index):
        out.line(f"{metric} = {_q(column.name)}")
    if "format" in guess.fields:
        column = guess.fields["format"][0]
        out.line()
        out.line("[formats]")
        out.comment("import.mapping.suggest.formats", column=column.name)
        for value, canonical in format_values(column.values):
            if canonical is None:
                out.comment("import.mapping.suggest.format_unknown", value=value)
            out.line(f"{_q(value)} = {_q(canonical or 'other')}")
    if "paid" in guess.fields:
        _write_paid(out, guess.fields["paid"][0])
    mapped = {m for m, _ in guess.metrics}
    components = [next(m for m in group if m in mapped)
                  for group in _ENGAGEMENT if set(group) & mapped]  # fmt: skip
    out.line()
    out.line("[engagement]")
    if components:
        out.comment("import.mapping.suggest.engagement")
        out.line(f"components = [{', '.join(_q(c) for c in components)}]")
    else:
        out.comment("import.mapping.suggest.no_engagement")
    _write_unmapped(out, guess, columns)


def _write_paid(out: _Writer, column: _Column) -> None:
    out.line()
    out.line("[paid]")
    words = paid_words(column.values)
    if words is None:
        out.comment("import.mapping.suggest.paid_numeric", column=column.name)
        out.line("numeric = true")
    else:
        out.comment("import.mapping.suggest.paid_words", column=column.name)
        out.line(f"paid = [{', '.join(_q(w) for w in words[0])}]")
        out.line(f"organic = [{', '.join(_q(w) for w in words[1])}]")
    out.line('missing = "unknown"')


def _write_unmapped(out: _Writer, guess: _Guess, columns: list[_Column]) -> None:
    rest = [c for c in columns if c.index not in guess.taken]
    numbers = [f'"{c.name}"' for c in rest if c.kind == "number"]
    other = [f'"{c.name}"' for c in rest if c.kind != "number"]
    if numbers:
        out.line()
        out.comment("import.mapping.suggest.unmapped_numbers", names=", ".join(numbers))
    if other:
        out.line()
        out.comment("import.mapping.suggest.unmapped", names=", ".join(other))
