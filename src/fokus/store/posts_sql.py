"""Read a posts export with DuckDB and store it as snapshots, all in SQL.

The importer decided what each column means (a ``PostPlan``); this module turns the
raw text into typed rows without a Python loop over rows, so a million posts import
in seconds. A light first scan reads only ids, dates and accounts to find the rows
to skip; a second scan writes every typed row straight from the CSV, so the file's
raw columns are never copied into a table of their own.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from fokus.errors import ExitCode, FokusError
from fokus.model.staging import (
    DateParts,
    PostIdRule,
    PostPlan,
    RowSkip,
    format_precision,
)

if TYPE_CHECKING:
    from fokus.store.database import StagedCounts

_MISSING = "('', '-', '--', 'n/a', 'na', 'nan', 'undefined', 'null', 'none')"
_MAX_SKIPS_KEPT = 10_000  # per file; the count is always exact

NFKC_STABLE_RANGES: tuple[tuple[int, int], ...] = (
    (0x09, 0x0A), (0x0D, 0x0D), (0x20, 0x7E),  # tab, newlines, printable ASCII
    (0xAB, 0xAB), (0xBB, 0xBB), (0xC0, 0xFF),  # « » and Latin-1 letters (æøå)
    (0x200D, 0x200D), (0x2013, 0x2014), (0x2018, 0x2019), (0x201C, 0x201D),
    (0x2600, 0x27BF), (0xFE0F, 0xFE0F),  # symbols, dingbats, emoji presentation
    (0x1F1E6, 0x1F1FF), (0x1F300, 0x1F64F), (0x1F680, 0x1F6FF),  # flags, emoji
    (0x1F900, 0x1F9FF), (0x1FA70, 0x1FAFF),
)  # fmt: skip
"""Characters NFKC leaves alone (a test checks every one). Text made only of them
needs no normalising, which spares the slow Unicode pass for nearly every post."""
_STABLE = (
    "^[" + "".join(f"\\x{{{a:X}}}-\\x{{{b:X}}}" for a, b in NFKC_STABLE_RANGES) + "]*$"
)


def _normalise_texts(con: duckdb.DuckDBPyConnection, import_id: int) -> None:
    """Fill in text_nfkc for the few texts NFKC changes, in one Arrow call.

    A pattern test in SQL finds the texts with a character outside
    ``NFKC_STABLE_RANGES``; only those leave the database, and only those whose
    normal form differs are written back. Calling Python once per file, not once
    per batch of rows, is what keeps this cheap.
    """
    texts: pa.Table = con.sql(
        f"SELECT source_row, text_raw FROM post_snapshots WHERE import_id = {import_id} "
        f"AND NOT regexp_full_match(text_raw, '{_STABLE}')"
    ).to_arrow_table()
    if texts.num_rows == 0:
        return
    raw = texts.column("text_raw")
    normal = pc.utf8_normalize(raw, "NFKC")
    changed = pa.table({"source_row": texts.column("source_row"), "nfkc": normal})
    changed = changed.filter(pc.not_equal(normal, raw))
    con.register("fokus_nfkc_rows", changed)
    try:
        con.execute(
            "UPDATE post_snapshots s SET text_nfkc = n.nfkc FROM fokus_nfkc_rows n "
            "WHERE s.import_id = ? AND s.source_row = n.source_row",
            [import_id],
        )
    finally:
        con.unregister("fokus_nfkc_rows")


def install_functions(con: duckdb.DuckDBPyConnection) -> None:
    """Macros for the number rules of every export (once per connection)."""
    con.execute(
        f"""CREATE OR REPLACE TEMP MACRO fokus_clean(x) AS
        CASE WHEN x IS NULL OR lower(trim(x)) IN {_MISSING} THEN NULL
             ELSE regexp_replace(trim(x), '[\\s\\x{{00A0}}\\x{{202F}}%]', '', 'g') END"""
    )
    con.execute(
        # Most cells are plain numbers: a direct cast is many times faster than the
        # clean-up, which runs only when the cast fails (or for decimal commas,
        # where "1.234" means 1234).
        """CREATE OR REPLACE TEMP MACRO fokus_number(x, decimal_mark) AS
        CASE WHEN decimal_mark = '.' AND try_cast(x AS DOUBLE) IS NOT NULL
             THEN try_cast(x AS DOUBLE)
             ELSE try_cast(CASE WHEN decimal_mark = ','
                                THEN replace(replace(fokus_clean(x), '.', ''), ',', '.')
                                ELSE replace(fokus_clean(x), ',', '') END AS DOUBLE)
        END"""
    )


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _col(index: int | None) -> str:
    return f"nullif(trim(c{index}), '')" if index is not None else "NULL"


def _longest(columns: tuple[int, ...]) -> str:
    """The longest non-empty candidate: Meta puts the caption in Title or Description."""
    if not columns:
        return "NULL"
    expr = f"nullif(c{columns[0]}, '')"
    for i in columns[1:]:
        other = f"nullif(c{i}, '')"
        expr = (
            f"CASE WHEN {other} IS NOT NULL AND length({other}) > "
            f"coalesce(length({expr}), -1) THEN {other} ELSE {expr} END"
        )
    return expr


def _flag(index: int | None, decimal: str) -> str:
    if index is None:
        return "NULL::BOOLEAN"
    return f"fokus_number(c{index}, '{decimal}') > 0"


def _row_values(plan: PostPlan) -> list[str]:
    """The typed values of a post row, computed while the file is read."""
    format_cases = " ".join(
        f"WHEN {_quote(raw)} THEN '{canonical}'" for raw, canonical in plan.format_map
    )
    format_expr = (
        f"CASE lower(trim(c{plan.format_column})) {format_cases} ELSE 'other' END"
        if plan.format_column is not None and plan.format_map
        else _quote(plan.default_format)
    )
    paid = _paid(plan)
    text = _longest(plan.text_columns)
    # One lambda over the list, not a CASE per column: DuckDB plans a thousand
    # CASE expressions in about a minute (a file with a thousand extra columns).
    extra = (
        "list_transform(["
        + ", ".join(f"c{index}" for _, index in plan.extra_columns)
        + f"], lambda x: CASE WHEN lower(trim(x)) NOT IN {_MISSING} THEN x END)"
    )
    return [
        _quote(plan.platform),
        _account_id(plan),
        _post_id(plan),
        *_published_at_and_day(plan),
        format_expr,
        _col(plan.format_column),
        text,
        "NULL",  # text_nfkc: filled in afterwards by _normalise_texts
        _col(plan.permalink),
        paid,
        _flag(plan.is_share, plan.decimal),
        _flag(plan.is_crosspost, plan.decimal),
        _col(plan.labels),
        *(
            f"CASE WHEN isfinite(fokus_number(c{index}, '{plan.decimal}')) "
            f"THEN fokus_number(c{index}, '{plan.decimal}') END"
            for _, index in plan.metrics
        ),
        extra if plan.extra_columns else "[]::VARCHAR[]",
        _precision(plan),
    ]


def _paid(plan: PostPlan) -> str:
    rule = plan.paid
    if rule is None:
        return "'unknown'"
    cell = f"c{rule.column}"
    missing = f"WHEN {cell} IS NULL OR lower(trim({cell})) IN {_MISSING} THEN {_quote(rule.missing)}"
    if rule.words:
        cases = " ".join(
            f"WHEN {_quote(word)} THEN {_quote(status)}" for word, status in rule.words
        )
        return (
            f"CASE {missing} ELSE CASE lower(trim({cell})) {cases} "
            "ELSE 'unknown' END END"
        )
    number = f"fokus_number({cell}, '{plan.decimal}')"
    return (
        f"CASE {missing} WHEN {number} > 0 THEN 'paid' "
        f"WHEN {number} = 0 THEN 'organic' ELSE 'unknown' END"
    )


def _published(plan: PostPlan) -> str:
    if isinstance(plan.published, DateParts):
        return _composed(plan.published, plan.published_precision or "minute")
    formats = ", ".join(_quote(f) for f in plan.date_formats)
    return f"try_strptime(trim(c{plan.published}), [{formats}])"


def _published_at_and_day(plan: PostPlan) -> tuple[str, str]:
    """The instant of publishing, and its calendar day in the workspace's zone."""
    local = _quote(plan.timezone)
    if plan.published_timezone is None:
        return f"timezone({local}, {_published(plan)})", f"{_published(plan)}::DATE"
    instant = f"timezone({_quote(plan.published_timezone)}, {_published(plan)})"
    return instant, f"timezone({local}, {instant})::DATE"


def _composed(parts: DateParts, precision: str) -> str:
    """A time from separate columns: only the parts down to ``precision`` are used,
    the rest are the start of the period (day 1, 00:00). An impossible date (month
    13, 30 February) gives NULL, and the row is skipped as a bad date."""
    order = ("year", "month", "day", "hour", "minute")
    used = order[: order.index(precision) + 1]

    def number(column: int | None, name: str, default: int) -> str:
        if name not in used:
            return str(default)
        return f"try_cast(trim(c{column}) AS BIGINT)" if column is not None else "NULL"

    year = (
        str(parts.year)
        if parts.year is not None
        else number(parts.year_column, "year", 1)
    )
    values = ", ".join((
        year,
        number(parts.month, "month", 1),
        number(parts.day, "day", 1),
        number(parts.hour, "hour", 0),
        number(parts.minute, "minute", 0),
    ))  # fmt: skip
    return (
        f"try_strptime(printf('%04d-%02d-%02d %02d:%02d', {values}), '%Y-%m-%d %H:%M')"
    )


def _published_raw(plan: PostPlan) -> str:
    """The cell(s) a publish time was read from, for the message of a skipped row."""
    if not isinstance(plan.published, DateParts):
        return f"trim(c{plan.published})"
    parts = plan.published
    columns = (parts.year_column, parts.month, parts.day, parts.hour, parts.minute)
    cells = [_quote(str(parts.year))] if parts.year is not None else []
    cells += [f"coalesce(trim(c{c}), '')" for c in columns if c is not None]
    return f"concat_ws(' ', {', '.join(cells)})"


def _precision(plan: PostPlan) -> str:
    """The stored precision: the plan's, or the one of the format each row matched."""
    if plan.precision_column is not None:
        return f"coalesce({_col(plan.precision_column)}, 'minute')"
    if plan.published_precision is not None or isinstance(plan.published, DateParts):
        return _quote(plan.published_precision or "minute")
    precisions = {format_precision(f) for f in plan.date_formats}
    if len(precisions) == 1:
        return _quote(precisions.pop())
    cases = " ".join(
        f"WHEN try_strptime(trim(c{plan.published}), {_quote(f)}) IS NOT NULL "
        f"THEN {_quote(format_precision(f))}"
        for f in plan.date_formats
    )
    return f"CASE {cases} END"


def _post_id(plan: PostPlan) -> str:
    """The id column, or an id made from the row for a file without one."""
    rule = plan.post_id
    if not isinstance(rule, PostIdRule):
        return _col(rule)
    if rule.kind == "row_number":
        return f"(record + {plan.source.first_row})::VARCHAR"
    cells = ", ".join(f"coalesce(trim(c{i}), '')" for i in rule.columns)
    # All the chosen cells blank: no id (the row is skipped), not one shared id.
    filled = " OR ".join(f"{_col(i)} IS NOT NULL" for i in rule.columns)
    return f"CASE WHEN {filled} THEN left(md5(concat_ws(chr(31), {cells})), 16) END"


def _account_id(plan: PostPlan) -> str:
    account = plan.account
    return (
        f"coalesce({_col(account.id_column)}, {_col(account.name_column)}, "
        f"{_col(account.username_column)}, {_quote(account.fallback_id)})"
    )


_ROW_COLUMNS = (
    "platform, account_id, post_id, published_at, published_day, format, format_raw, "
    "text_raw, text_nfkc, permalink, paid, is_share, is_crosspost, labels"
)


def reader(plan: PostPlan, *, sequential: bool) -> str:
    """A scan of the file, every cell as text in columns ``c0``, ``c1``, …"""
    source = plan.source
    columns = ", ".join(f"'c{i}': 'VARCHAR'" for i in range(source.n_columns))
    options = (
        f"header = false, skip = {source.skip_lines}, auto_detect = false, "
        f"delim = {_quote(source.delimiter)}, quote = '\"', escape = '\"', "
        f"columns = {{{columns}}}, encoding = 'utf-8'"
    )
    if plan.missing_markers:
        # The file's own words for "no value", besides blank (DuckDB's default).
        markers = ", ".join(_quote(m) for m in ("", *plan.missing_markers))
        options += f", nullstr = [{markers}]"
    if sequential:
        # One thread, padding short rows: DuckDB's parallel reader can neither pad
        # rows of uneven length nor always split a file whose quoted fields hold
        # line breaks.
        options += ", null_padding = true, parallel = false, strict_mode = false"
    return f"read_csv({_quote(str(source.path))}, {options})"


def _numbered(reader: str) -> str:
    """The scan with each row's position (from 0) as ``record``.

    An empty OVER () numbers rows in file order: DuckDB keeps the scan order
    (preserve_insertion_order), which a test pins on a large file. rowid cannot
    serve: inside a transaction DuckDB numbers new rows from 2**55. The numbering
    makes DuckDB run the rest of the query on one thread (``insert_rows``).
    """
    return f"(SELECT row_number() OVER () - 1 AS record, * FROM {reader})"


def unreadable(error: duckdb.Error) -> FokusError:
    return FokusError(
        "import.unreadable_csv",
        "import.unreadable_csv.hint",
        ExitCode.BAD_INPUT,
        error=str(error).splitlines()[0],
    )


JOIN_FROM_RECORDS = 240_000
"""From this many rows a file's insert finds each row's number by a join rather
than numbering the rows as they are read. Measured on 2 cores (Facebook posts
exports, docs/performance.md): the join is 6–18 % slower at 100,000–220,000 rows,
and 17–40 % faster at 250,000 and 12 % at 400,000."""


@dataclass(frozen=True, slots=True)
class FileKeys:
    """What the key scan found: rows to skip (with reasons) and the accounts named."""

    skips: tuple[tuple[int, str, str], ...]
    """(record, reason, detail) for every unusable row, in file order."""
    accounts: tuple[tuple[str, str | None, str | None], ...]
    by_key: bool
    """The insert finds each usable row's record by its key in ``usable_keys``
    rather than numbering the rows (``insert_rows``): the file has at least
    ``JOIN_FROM_RECORDS`` rows, no two of which share a post id and account, and
    its ids are not made from the row number."""


def scan_keys(con: duckdb.DuckDBPyConnection, plan: PostPlan, reader: str) -> FileKeys:
    """Read only ids, dates and account columns: which rows to skip, and why.

    Reads little of each row, so it costs a fraction of the insert. Leaves the
    records to skip in the temporary table ``skipped_records`` for ``insert_rows``,
    and for a file read ``by_key`` the key and record of every usable row in
    ``usable_keys``.
    """
    account = plan.account
    keys = f"""SELECT record, {_post_id(plan)} AS post_id,
                      {_published(plan)} AS published,
                      {_published_raw(plan)} AS published_raw,
                      {_col(plan.skip_column)} AS preset_reason,
                      {_account_id(plan)} AS account_id,
                      {_col(account.name_column)} AS account_name,
                      {_col(account.username_column)} AS account_username
               FROM {_numbered(reader)}"""
    con.execute(f"CREATE OR REPLACE TEMP TABLE row_keys AS {keys}")
    con.execute(
        """CREATE OR REPLACE TEMP TABLE skipped_records AS SELECT record, reason,
                  CASE WHEN preset_reason IS NOT NULL THEN coalesce(post_id, '')
                       WHEN post_id IS NULL THEN ''
                       WHEN published IS NULL THEN coalesce(published_raw, '')
                       ELSE post_id END AS detail
           FROM (SELECT *, CASE WHEN preset_reason IS NOT NULL THEN preset_reason
                                WHEN post_id IS NULL THEN 'import.skip.no_post_id'
                                WHEN published IS NULL THEN 'import.skip.bad_date'
                                WHEN row_number() OVER (PARTITION BY post_id, account_id
                                                        ORDER BY record) > 1
                                THEN 'import.skip.duplicate_post' END AS reason
                 FROM row_keys)
           WHERE reason IS NOT NULL"""
    )
    skips = con.execute("SELECT * FROM skipped_records ORDER BY record").fetchall()
    accounts = con.execute(
        """SELECT account_id, any_value(account_name), any_value(account_username)
           FROM row_keys WHERE post_id IS NOT NULL AND published IS NOT NULL
                 AND preset_reason IS NULL
           GROUP BY account_id ORDER BY account_id"""
    ).fetchall()
    records, unique = con.execute(
        """SELECT count(*), count(post_id) = count(DISTINCT (post_id, account_id))
                  FILTER (WHERE post_id IS NOT NULL)
           FROM row_keys"""
    ).fetchall()[0]
    made_from_record = (
        isinstance(plan.post_id, PostIdRule) and plan.post_id.kind == "row_number"
    )
    by_key = unique and not made_from_record and records >= JOIN_FROM_RECORDS
    if by_key:
        con.execute(
            """CREATE OR REPLACE TEMP TABLE usable_keys AS
               SELECT record, post_id, account_id FROM row_keys
               WHERE record NOT IN (SELECT record FROM skipped_records)"""
        )
    con.execute("DROP TABLE row_keys")
    return FileKeys(
        tuple((int(r[0]), str(r[1]), str(r[2])) for r in skips),
        tuple((str(r[0]), r[1], r[2]) for r in accounts),
        by_key=bool(by_key),
    )


def insert_rows(
    con: duckdb.DuckDBPyConnection,
    plan: PostPlan,
    keys: FileKeys,
    reader: str,
    *,
    import_id: int,
    as_of: dt.date,
) -> int:
    """Write every usable row as a snapshot, in one pass over the file.

    The rows are numbered as they are read, and the skipped records filtered
    out. Numbering in file order makes DuckDB run the whole pass on one thread,
    which in a large file costs more than a join: a file read ``by_key`` has each
    row find its record number by its key in ``usable_keys`` instead (the join
    skips the unusable rows too), and the pass runs on every core.
    """
    metrics = "".join(f", {metric}" for metric, _ in plan.metrics)
    values = ",\n".join(_row_values(plan))
    if keys.by_key:
        source = (
            f"{reader} JOIN usable_keys k ON {_post_id(plan)} = k.post_id "
            f"AND {_account_id(plan)} = k.account_id"
        )
        record = "k.record"
    else:
        where = "WHERE record NOT IN (SELECT record FROM skipped_records)"
        source = f"{_numbered(reader)} {where if keys.skips else ''}"
        record = "record"
    inserted = con.execute(
        f"""INSERT INTO post_snapshots
            ({_ROW_COLUMNS}{metrics}, extra, published_precision, as_of, import_id,
             source_row)
        SELECT {values}, ?, {import_id}, {record} + {plan.source.first_row}
        FROM {source}""",
        [as_of],
    ).fetchall()[0][0]
    con.execute("DROP TABLE skipped_records")
    con.execute("DROP TABLE IF EXISTS usable_keys")
    return int(inserted)


def finish(
    con: duckdb.DuckDBPyConnection,
    plan: PostPlan,
    keys: FileKeys,
    import_id: int,
    inserted: int,
) -> StagedCounts:
    """Add the file's new accounts and NFKC texts; count what was done."""
    from fokus.store.database import StagedCounts  # noqa: PLC0415 (import cycle)

    first = plan.source.first_row
    platform = _quote(plan.platform)
    if keys.accounts:  # executemany refuses an empty list
        con.executemany(
            f"""INSERT INTO accounts
        SELECT {platform}, ?, ?, ?, {import_id}
        WHERE NOT EXISTS (SELECT 1 FROM accounts
                          WHERE platform = {platform} AND account_id = ?)""",
            [[a, name, user, a] for a, name, user in keys.accounts],
        )
    _normalise_texts(con, import_id)
    skips = tuple(
        RowSkip(record + first, reason, detail)
        for record, reason, detail in keys.skips[:_MAX_SKIPS_KEPT]
    )
    return StagedCounts(inserted + len(keys.skips), inserted, len(keys.skips), skips)
