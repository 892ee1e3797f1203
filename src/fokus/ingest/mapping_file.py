"""Read and check a mapping file (``fokus import --map mapping.toml``).

Every problem is a ``FokusError`` (exit code 3) naming the file and line
(``mapping.toml:14``) and the setting (``columns.publshed``), with a "did you mean"
where a close name exists. What can only be checked against a data file (does the
column exist?) is checked when each file is imported (``fokus.ingest.mapping``).
The format is documented in docs/mapping.md.
"""

from __future__ import annotations

import difflib
import re
import tomllib
import zoneinfo
from collections.abc import Mapping
from pathlib import Path
from typing import TypeVar, cast

from fokus.errors import ExitCode, FokusError
from fokus.i18n import MessageKey
from fokus.model.mapping import (
    CANONICAL_FIELDS,
    FileOptions,
    PaidSpec,
    PostIdSpec,
    PublishedParts,
    SourceMapping,
)
from fokus.model.vocab import (
    FORMATS,
    PAID_STATUSES,
    PLATFORMS,
    POST_METRICS,
    Format,
    PaidStatus,
    PostMetric,
)

_TOP = ("platform", "source", "account", "file", "columns", "dates", "metrics",
        "formats", "paid", "engagement")  # fmt: skip
_FILE = ("header_row", "delimiter", "encoding", "decimal", "sheet", "missing")
_PARTS = ("year", "month", "day", "hour", "minute")
ENCODINGS: Mapping[str, str] = {
    "utf-8": "utf-8", "utf8": "utf-8", "utf-8-sig": "utf-8-sig",
    "utf-16": "utf-16-le", "utf-16-le": "utf-16-le", "utf-16le": "utf-16-le",
    "utf-16-be": "utf-16-be", "utf-16be": "utf-16-be", "cp1252": "cp1252",
    "windows-1252": "cp1252", "latin-1": "cp1252", "latin1": "cp1252",
    "iso-8859-1": "cp1252",
}  # fmt: skip
"""Encodings a mapping may name, and the one fokus reads them as (Windows-1252 is
what Latin-1 files from Excel are, in practice)."""
DELIMITERS = (",", ";", "\t", "|")
# strptime codes that Python (which checks the file's first values) and DuckDB
# (which reads the whole file) both read the same way.
_DATE_CODES = frozenset("aAwdbBmyYHIpMSfzj%")
_CODE = re.compile(r"%(.)")
_TABLE_LINE = re.compile(r"^\s*\[+\s*([^\]]+?)\s*\]+")
_EXAMPLES: Mapping[str, str] = {
    "platform": 'platform = "other"',
    "source": 'source = "threads"',
    "account": 'account = "Fjordvik kommune"',
    "columns.post_id": 'post_id = "Post ID"',
    "columns.published": 'published = "Published"',
    "header_row": "header_row = 1",
    "delimiter": 'delimiter = ";"',
    "encoding": 'encoding = "cp1252"',
    "decimal": 'decimal = ","',
    "sheet": 'sheet = "Posts"',
    "missing": 'missing = ["n/a", "—"]',
    "formats": 'formats = ["%d.%m.%Y %H:%M"]',
    "timezone": 'timezone = "Europe/Oslo"',
    "column": 'likes = "Likes"',
    "columns": '["Text", "Published"]',
    "year": "year = 2014",
    "components": 'components = ["likes", "comments", "shares"]',
    "words": 'paid = ["yes", "1"]',
    "numeric": "numeric = true",
    "value": 'format = { value = "video" }',
}
_ID_EXAMPLES: Mapping[str, str] = {
    "rows_example": "post_id = { row_number = true }",
    "hash_example": 'post_id = { hash = ["Text", "Published"] }',
}
_T = TypeVar("_T", bound=str)


def load_mapping(path: Path) -> SourceMapping:
    """Read and check the mapping file at ``path``."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        reason = (
            error.strerror or str(error) if isinstance(error, OSError) else str(error)
        )
        raise FokusError(
            "import.mapping.unreadable",
            "import.mapping.unreadable.hint",
            source=str(path),
            error=reason,
        ) from None
    return parse_mapping(text, path.name)


def parse_mapping(text: str, name: str) -> SourceMapping:
    """Check the TOML text of a mapping named ``name``."""
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        detail = re.sub(r"\s*\(at .*\)$", "", str(error))
        found = re.search(r"line (\d+)", str(error))
        raise FokusError(
            "import.mapping.syntax",
            "import.mapping.syntax.hint",
            where=f"{name}:{found[1]}" if found else name,
            detail=detail,
        ) from None
    top = _Table(document, "", _TOP, name, text)
    platform = top.choice("platform", PLATFORMS)
    source = top.optional("source")
    if platform == "other" and source is None:
        raise top.fail("import.mapping.no_source", "platform")
    columns = top.table("columns", CANONICAL_FIELDS)
    dates = top.table("dates", ("formats", "timezone"))
    file = top.table("file", _FILE)
    published = _published(columns)
    metrics = _metrics(top.table("metrics", None))
    account, account_column = _account(top)
    format_column, constant_format = _format_column(columns)
    return SourceMapping(
        name=name,
        text=text,
        platform=platform,
        source=source or platform,
        account=account,
        account_column=account_column,
        file=_file_options(file),
        post_id=_post_id(columns),
        published=published,
        date_formats=_date_formats(dates) if isinstance(published, str) else (),
        timezone=_timezone(dates),
        text_columns=columns.names("text") if "text" in columns.raw else (),
        permalink=columns.optional("permalink"),
        format_column=format_column,
        constant_format=constant_format,
        formats=_formats(top.table("formats", None)),
        labels=columns.optional("labels"),
        paid=_paid(top, columns),
        metrics=metrics,
        engagement=_engagement(top.table("engagement", ("components",)), metrics),
    )


def close_match(word: str, options: tuple[str, ...] | list[str]) -> str | None:
    """The option ``word`` was probably meant to be (case and spaces aside)."""
    wanted = " ".join(word.split()).casefold()
    folded = {" ".join(o.split()).casefold(): o for o in options}
    if wanted in folded:
        return folded[wanted]
    found = difflib.get_close_matches(wanted, list(folded), n=1, cutoff=0.6)
    return folded[found[0]] if found else None


def _account(top: _Table) -> tuple[str | None, str | None]:
    if isinstance(top.raw.get("account"), dict):
        table = top.table("account", ("column",))
        return None, table.text("column")
    return top.text("account"), None


def _file_options(table: _Table) -> FileOptions:
    header_row = table.raw.get("header_row", 1)
    if (
        isinstance(header_row, bool)
        or not isinstance(header_row, int)
        or header_row < 1
    ):
        raise table.wrong("import.mapping.bad_header_row", "header_row")
    encoding = table.optional("encoding")
    if encoding is not None and encoding.casefold() not in ENCODINGS:
        raise table.fail(
            "import.mapping.bad_encoding",
            "encoding",
            value=encoding,
            allowed=", ".join(sorted(set(ENCODINGS))),
        )
    delimiter = table.raw.get("delimiter")
    if delimiter is not None and delimiter not in DELIMITERS:
        raise table.wrong("import.mapping.bad_delimiter", "delimiter")
    decimal = table.raw.get("decimal")
    if decimal is not None and decimal not in {".", ","}:
        raise table.wrong("import.mapping.bad_decimal", "decimal")
    return FileOptions(
        header_row=header_row,
        delimiter=delimiter,
        encoding=ENCODINGS[encoding.casefold()] if encoding is not None else None,
        decimal=decimal,
        sheet=table.optional("sheet"),
        missing=table.texts("missing", allow_blank=True),
    )


def _post_id(columns: _Table) -> PostIdSpec:
    value = columns.raw.get("post_id")
    if value is None:
        raise columns.fail("import.mapping.no_post_id", "post_id", **_ID_EXAMPLES)
    if not isinstance(value, dict):
        return PostIdSpec(column=columns.text("post_id"))
    rule = columns.table("post_id", ("row_number", "hash"))
    if rule.raw.get("row_number") is True and "hash" not in rule.raw:
        return PostIdSpec(row_number=True)
    if "hash" in rule.raw and "row_number" not in rule.raw:
        hashed = rule.texts("hash")
        if hashed:
            return PostIdSpec(hash_columns=hashed)
    raise columns.fail("import.mapping.bad_post_id", "post_id", **_ID_EXAMPLES)


def _published(columns: _Table) -> str | PublishedParts:
    if "published" not in columns.raw:
        raise columns.fail(
            "import.mapping.missing",
            "published",
            example=_EXAMPLES["columns.published"],
        )
    if not isinstance(columns.raw["published"], dict):
        return columns.text("published")
    parts = columns.table("published", _PARTS)
    year = parts.raw.get("year")
    if year is None:
        raise parts.fail("import.mapping.no_year", "")
    if isinstance(year, bool) or not isinstance(year, int | str):
        raise parts.wrong("import.mapping.bad_year", "year")
    if isinstance(year, int) and not 1900 <= year <= 2100:
        raise parts.wrong("import.mapping.bad_year", "year")
    if "month" not in parts.raw:
        raise parts.fail("import.mapping.no_month", "")
    return PublishedParts(
        year=year if isinstance(year, int) else None,
        year_column=parts.text("year") if isinstance(year, str) else None,
        month=parts.text("month"),
        day=parts.optional("day"),
        hour=parts.optional("hour"),
        minute=parts.optional("minute"),
    )


def _date_formats(dates: _Table) -> tuple[str, ...]:
    if "formats" not in dates.raw:
        # ISO dates are the one order that cannot be misread.
        return ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d")
    raw = dates.raw["formats"]
    formats = (raw,) if isinstance(raw, str) else dates.texts("formats")
    if not formats:
        raise dates.wrong("import.mapping.not_text_list", "formats")
    for pattern in formats:
        problem = date_format_problem(pattern)
        if problem is not None:
            raise dates.fail(
                "import.mapping.bad_date_format",
                "formats",
                value=pattern,
                problem=MessageKey(problem),
            )
    return formats


def date_format_problem(pattern: str) -> str | None:
    """What is wrong with a strptime pattern, as a message key, or None."""
    codes = _CODE.findall(pattern)
    if pattern.count("%") != len(codes) + pattern.count("%%"):
        return "import.mapping.date_problem.dangling"
    unknown = [c for c in codes if c not in _DATE_CODES]
    if unknown:
        return "import.mapping.date_problem.unknown_code"
    if not {"Y", "y"} & set(codes):
        return "import.mapping.date_problem.no_year"
    if not {"m", "b", "B", "j"} & set(codes):
        return "import.mapping.date_problem.no_month"
    return None


def _timezone(dates: _Table) -> str | None:
    zone = dates.optional("timezone")
    if zone is None:
        return None
    try:
        zoneinfo.ZoneInfo(zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        raise dates.fail(
            "import.mapping.bad_timezone", "timezone", value=zone
        ) from None
    return zone


def _format_column(columns: _Table) -> tuple[str | None, Format | None]:
    if not isinstance(columns.raw.get("format"), dict):
        return columns.optional("format"), None
    constant = columns.table("format", ("value",))
    return None, constant.choice("value", FORMATS)


def _formats(table: _Table) -> tuple[tuple[str, Format], ...]:
    return tuple(
        (" ".join(value.split()).casefold(), table.choice(value, FORMATS))
        for value in table.raw
    )


def _metrics(table: _Table) -> tuple[tuple[PostMetric, str], ...]:
    out: list[tuple[PostMetric, str]] = []
    for key in table.raw:
        if key not in POST_METRICS:
            close = close_match(key, list(POST_METRICS))
            raise table.fail(
                "import.mapping.unknown_metric",
                key,
                hint_close=close,
                suggestion=close or "",
                value=key,
            )
        out.append((key, table.text(key)))
    return tuple(out)


def _paid(top: _Table, columns: _Table) -> PaidSpec | None:
    column = columns.optional("paid")
    if "paid" not in top.raw:
        if column is not None:
            raise top.fail("import.mapping.paid_without_values", "paid")
        return None
    table = top.table("paid", ("paid", "organic", "missing", "numeric"))
    if column is None:
        raise table.fail("import.mapping.paid_without_column", "")
    numeric = table.raw.get("numeric", False)
    if not isinstance(numeric, bool):
        raise table.wrong("import.mapping.not_boolean", "numeric")
    paid = {" ".join(w.split()).casefold() for w in table.texts("paid")}
    organic = {" ".join(w.split()).casefold() for w in table.texts("organic")}
    if both := sorted(paid & organic):
        raise table.fail("import.mapping.paid_both", "organic", value=both[0])
    if numeric == bool(paid or organic):
        raise table.fail("import.mapping.paid_without_values", "")
    words = tuple((w, "paid") for w in sorted(paid)) + tuple(
        (w, "organic") for w in sorted(organic)
    )
    missing = table.choice("missing", PAID_STATUSES, "unknown")
    return PaidSpec(column, cast("tuple[tuple[str, PaidStatus], ...]", words),
                    numeric, missing)  # fmt: skip


def _engagement(
    table: _Table, metrics: tuple[tuple[PostMetric, str], ...]
) -> tuple[PostMetric, ...]:
    mapped = {metric for metric, _ in metrics}
    components = table.texts("components")
    for component in components:
        if component not in POST_METRICS:
            close = close_match(component, list(POST_METRICS))
            raise table.fail(
                "import.mapping.unknown_metric",
                "components",
                hint_close=close,
                suggestion=close or "",
                value=component,
            )
        if component not in mapped:
            raise table.fail(
                "import.mapping.engagement_not_mapped", "components", value=component
            )
    return cast("tuple[PostMetric, ...]", components)


class _Table:
    """One TOML table of a mapping and where it sits, read setting by setting."""

    def __init__(
        self,
        raw: Mapping[str, object],
        path: str,
        known: tuple[str, ...] | None,
        name: str,
        text: str,
    ) -> None:
        self.raw, self.path, self.name, self.text_ = raw, path, name, text
        if known is not None:
            self._check_keys(known)

    def _check_keys(self, known: tuple[str, ...]) -> None:
        for key in self.raw:
            if key in known:
                continue
            close = close_match(key, list(known))
            in_columns = self.path == "columns"
            if in_columns and key in POST_METRICS:
                raise self.fail("import.mapping.metric_in_columns", key)
            raise self.fail(
                "import.mapping.unknown_field"
                if in_columns
                else "import.mapping.unknown_key",
                key,
                hint_close=close,
                suggestion=close or "",
                known=", ".join(known),
            )

    def fail(
        self, key: str, setting: str, *, hint_close: str | None = None, **params: object
    ) -> FokusError:
        """An error at ``setting`` of this table; ``hint_close`` picks the hint
        that names the setting the user probably meant."""
        field = ".".join(p for p in (self.path, setting) if p)
        line = _line_of(self.text_, self.path, setting)
        example = _EXAMPLES.get(field, _EXAMPLES.get(setting, ""))
        return FokusError(
            key,
            key + (".hint_close" if hint_close else ".hint"),
            ExitCode.BAD_INPUT,
            where=f"{self.name}:{line}" if line else self.name,
            field=field or self.name,
            **{"example": example, **params},
        )

    def wrong(self, key: str, setting: str) -> FokusError:
        return self.fail(key, setting, value=_show(self.raw.get(setting)))

    def table(self, key: str, known: tuple[str, ...] | None) -> _Table:
        value = self.raw.get(key, {})
        if not isinstance(value, dict):
            raise self.wrong("import.mapping.not_table", key)
        path = ".".join(p for p in (self.path, key) if p)
        return _Table(value, path, known, self.name, self.text_)

    def text(self, key: str) -> str:
        """A required, non-empty text."""
        if key not in self.raw:
            raise self.fail("import.mapping.missing", key)
        return self._text(key)

    def optional(self, key: str) -> str | None:
        """A non-empty text, or None when the setting is left out."""
        return self._text(key) if key in self.raw else None

    def _text(self, key: str) -> str:
        value = self.raw[key]
        if not isinstance(value, str) or not value.strip():
            raise self.wrong("import.mapping.not_text", key)
        return value.strip()

    def texts(self, key: str, *, allow_blank: bool = False) -> tuple[str, ...]:
        value = self.raw.get(key, [])
        if not isinstance(value, list) or not all(
            isinstance(v, str) and (allow_blank or v.strip()) for v in value
        ):
            raise self.wrong("import.mapping.not_text_list", key)
        return tuple(v.strip() if not allow_blank else v for v in value)

    def names(self, key: str) -> tuple[str, ...]:
        """One column name or a list of them."""
        if isinstance(self.raw.get(key), list):
            names = self.texts(key)
            if names:
                return names
            raise self.wrong("import.mapping.not_text_list", key)
        return (self.text(key),)

    def choice(
        self, key: str, allowed: tuple[_T, ...], default: _T | None = None
    ) -> _T:
        raw = self.text(key) if default is None else (self.optional(key) or default)
        for option in allowed:
            if raw.casefold() == option:
                return option
        close = close_match(raw, list(allowed))
        raise self.fail(
            f"import.mapping.bad_{key if key == 'platform' else 'choice'}",
            key,
            hint_close=close,
            suggestion=close or "",
            value=raw,
            allowed=", ".join(allowed),
        )


def _line_of(text: str, table: str, key: str) -> int | None:
    """The line where ``key`` is set in ``[table]`` (or the table's own line)."""
    current, table_line = "", None
    wanted = re.compile(rf"""^\s*["']?{re.escape(key)}["']?\s*=""") if key else None
    for number, line in enumerate(text.splitlines(), 1):
        if found := _TABLE_LINE.match(line):
            current = found[1].replace(" ", "").replace('"', "")
            if current == table:
                table_line = number
            continue
        if current == table and wanted is not None and wanted.match(line):
            return number
        if (
            wanted is not None
            and table
            and current == ""
            and re.match(rf"^\s*{re.escape(table)}\s*=", line)
        ):
            return number  # an inline table: columns = { … }
    return table_line


def _show(value: object) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    shown = f'"{value}"' if isinstance(value, str) else str(value)
    return shown if len(shown) <= 40 else shown[:39] + "…"
