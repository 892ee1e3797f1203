"""Read a posts export with DuckDB and merge it into the store, all in SQL.

The importer decided what each column means (a ``PostPlan``); this module turns the
raw text into typed rows without a Python loop over rows, so a million posts import
in seconds.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import duckdb
import pyarrow as pa
import pyarrow.compute as pc
from duckdb.func import ARROW

from fokus.errors import ExitCode, FokusError
from fokus.model.staging import PostPlan, RowSkip

if TYPE_CHECKING:
    from fokus.store.database import StagedCounts

_DATE_FORMATS = {
    "mdy": ["%m/%d/%Y %H:%M", "%m/%d/%Y %H:%M:%S", "%m/%d/%Y"],
    "dmy": [
        "%d.%m.%Y %H:%M",
        "%d/%m/%Y %H:%M",
        "%d.%m.%Y %H:%M:%S",
        "%d.%m.%Y",
        "%d/%m/%Y",
    ],
    "ymd": [
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%d",
        "%Y/%m/%d %H:%M:%S",
        "%Y/%m/%d",
    ],
}
_MISSING = "('', '-', '--', 'n/a', 'na', 'nan', 'undefined', 'null', 'none')"
_MAX_SKIPS_KEPT = 10_000  # per file; the count is always exact
# The record's position in the file. rowid is no use here: inside a transaction
# DuckDB numbers new rows from 2**55. An empty OVER () follows the scan order, which
# DuckDB keeps (preserve_insertion_order); a test pins this on a 2-million-row file.
_NUMBERED = "SELECT row_number() OVER () - 1 AS record, * FROM"


def _nfkc(values: pa.Array) -> pa.Array:
    return pc.utf8_normalize(values, "NFKC")


def install_functions(con: duckdb.DuckDBPyConnection) -> None:
    """Macros for the number rules of every export, and NFKC through Arrow.

    Called once per connection: DuckDB cannot replace a Python function.
    """
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
    con.create_function("fokus_nfkc", _nfkc, ["varchar"], "varchar", type=ARROW)


def read_raw(con: duckdb.DuckDBPyConnection, plan: PostPlan) -> None:
    source = plan.source
    columns = ", ".join(f"'c{i}': 'VARCHAR'" for i in range(source.n_columns))
    base = (
        f"read_csv(?, header = false, skip = {source.skip_lines}, auto_detect = false, "
        f"delim = ?, quote = '\"', escape = '\"', columns = {{{columns}}}, "
        "encoding = 'utf-8', max_line_size = 33554432"
    )
    try:
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE raw_rows AS {_NUMBERED} {base})",
            [str(source.path), source.delimiter],
        )
        return
    except duckdb.InvalidInputException:
        pass  # rows of uneven length: read again, slower, padding the short rows
    try:
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE raw_rows AS {_NUMBERED} {base}, "
            "null_padding = true, parallel = false, strict_mode = false)",
            [str(source.path), source.delimiter],
        )
    except duckdb.Error as error:
        raise FokusError(
            "import.unreadable_csv",
            "import.unreadable_csv.hint",
            ExitCode.BAD_INPUT,
            error=str(error).splitlines()[0],
        ) from error


def _longest(columns: tuple[int, ...]) -> str:
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


def _col(index: int | None) -> str:
    return f"nullif(trim(c{index}), '')" if index is not None else "NULL"


def _stage(con: duckdb.DuckDBPyConnection, plan: PostPlan) -> None:
    formats = ", ".join(f"'{f}'" for f in _DATE_FORMATS[plan.date_order])
    account = plan.account
    account_id = (
        f"coalesce({_col(account.id_column)}, {_col(account.name_column)}, "
        f"{_col(account.username_column)}, ?)"
    )
    format_cases = " ".join(
        f"WHEN '{raw}' THEN '{canonical}'" for raw, canonical in plan.format_map
    )
    format_expr = (
        f"CASE lower(trim(c{plan.format_column})) {format_cases} ELSE 'other' END"
        if plan.format_column is not None and plan.format_map
        else _quote(plan.default_format)
    )
    paid_expr = (
        "'unknown'"
        if plan.paid_reach is None
        else f"""CASE WHEN fokus_number(c{plan.paid_reach}, '{plan.decimal}') > 0
                      THEN 'paid'
                      WHEN fokus_number(c{plan.paid_reach}, '{plan.decimal}') = 0
                      THEN 'organic' ELSE 'unknown' END"""
    )
    con.execute(
        f"""CREATE OR REPLACE TEMP TABLE staged AS
        SELECT record + {plan.source.first_row} AS source_row,
               {_col(plan.post_id)} AS post_id,
               trim(c{plan.published}) AS published_raw,
               try_strptime(trim(c{plan.published}), [{formats}]) AS published_local,
               {account_id} AS account_id,
               {_col(account.name_column)} AS account_name,
               {_col(account.username_column)} AS account_username,
               {format_expr} AS format,
               {_col(plan.format_column)} AS format_raw,
               {_longest(plan.text_columns)} AS text_raw,
               {_col(plan.permalink)} AS permalink,
               {paid_expr} AS paid,
               row_number() OVER (PARTITION BY {_col(plan.post_id)}, {account_id}
                                  ORDER BY record) AS occurrence,
               record
        FROM raw_rows""",
        [account.fallback_id, account.fallback_id],
    )


def _skips(con: duckdb.DuckDBPyConnection) -> tuple[int, tuple[RowSkip, ...]]:
    reason = """CASE WHEN post_id IS NULL THEN 'import.skip.no_post_id'
                     WHEN published_local IS NULL THEN 'import.skip.bad_date'
                     WHEN occurrence > 1 THEN 'import.skip.duplicate_post' END"""
    con.execute(
        f"""CREATE OR REPLACE TEMP TABLE skipped AS
        SELECT source_row, {reason} AS reason,
               CASE WHEN post_id IS NULL THEN '' WHEN published_local IS NULL
                    THEN coalesce(published_raw, '') ELSE post_id END AS detail
        FROM staged WHERE {reason} IS NOT NULL"""
    )
    total = int(con.execute("SELECT count(*) FROM skipped").fetchall()[0][0])
    rows = con.execute(
        f"SELECT source_row, reason, detail FROM skipped ORDER BY source_row "
        f"LIMIT {_MAX_SKIPS_KEPT}"
    ).fetchall()
    return total, tuple(RowSkip(int(r[0]), str(r[1]), str(r[2])) for r in rows)


def _classify_extras(
    con: duckdb.DuckDBPyConnection, plan: PostPlan
) -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
    """Split unknown columns into numeric ones (metrics) and text ones (fields)."""
    if not plan.extra_columns:
        return [], []
    probes = ", ".join(
        f"count(fokus_clean(c{i})) - count(fokus_number(c{i}, '{plan.decimal}'))"
        for _, i in plan.extra_columns
    )
    non_numbers = con.execute(f"SELECT {probes} FROM good").fetchall()[0]
    numeric = [
        c for c, bad in zip(plan.extra_columns, non_numbers, strict=True) if not bad
    ]
    text = [c for c, bad in zip(plan.extra_columns, non_numbers, strict=True) if bad]
    return numeric, text


def _insert_long(
    con: duckdb.DuckDBPyConnection,
    table: str,
    plan: PostPlan,
    columns: tuple[tuple[str, int], ...],
    import_id: int,
    *,
    value: str,
    as_of: dt.date | None = None,
) -> None:
    """Turn wide columns into (name, value) rows with one UNPIVOT scan.

    Columns are aliased ``m0, m1 …`` and named afterwards, so header text never
    becomes an SQL identifier. UNPIVOT drops NULLs, and blank cells are NULL or
    become NULL in ``value``: blank is missing, never zero.
    """
    if not columns:
        return
    aliases = ", ".join(f"c{index} AS m{n}" for n, (_, index) in enumerate(columns))
    names = " ".join(
        f"WHEN 'm{n}' THEN {_quote(name)}" for n, (name, _) in enumerate(columns)
    )
    snapshot = "?::DATE, " if as_of is not None else ""
    con.execute(
        f"""INSERT INTO {table}
        SELECT {_quote(plan.platform)}, account_id, post_id, CASE name {names} END,
               value, {snapshot}{import_id}, source_row
        FROM (SELECT account_id, post_id, source_row, name, {value} AS value
              FROM (UNPIVOT (SELECT account_id, post_id, source_row, {aliases}
                             FROM good)
                    ON COLUMNS('^m[0-9]+$') INTO NAME name VALUE raw))
        WHERE value IS NOT NULL AND {"isfinite(value)" if as_of else "trim(value) <> ''"}""",
        [as_of] if as_of is not None else [],
    )


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def store_posts(
    con: duckdb.DuckDBPyConnection, plan: PostPlan, import_id: int, as_of: dt.date
) -> StagedCounts:
    """Check and merge one posts export (read by ``read_raw``) in the caller's
    transaction."""
    from fokus.store.database import StagedCounts  # noqa: PLC0415 (import cycle)

    _stage(con, plan)
    rows_read = int(con.execute("SELECT count(*) FROM staged").fetchall()[0][0])
    skipped_total, skips = _skips(con)
    # The raw text columns are joined back once, here, rather than copied through
    # every step: copying a wide table is what costs time at a million rows.
    con.execute(
        "CREATE OR REPLACE TEMP TABLE good AS SELECT s.*, r.* EXCLUDE (record) "
        "FROM staged s JOIN raw_rows r USING (record) "
        "WHERE post_id IS NOT NULL AND published_local IS NOT NULL AND occurrence = 1"
    )
    platform = _quote(plan.platform)
    key = "p.platform = s.platform AND p.account_id = s.account_id AND p.post_id = s.post_id"
    con.execute(
        f"""CREATE OR REPLACE TEMP TABLE new_posts AS
        SELECT {platform} AS platform, account_id, post_id,
               timezone({_quote(plan.timezone)}, published_local) AS published_at,
               published_local::DATE AS published_day, format, format_raw, text_raw,
               fokus_nfkc(text_raw) AS text_nfkc, permalink, paid,
               ?::DATE AS as_of, {import_id} AS import_id, source_row
        FROM good""",
        [as_of],
    )
    # A newer export replaces the description; an older one never hides a newer.
    con.execute(
        f"DELETE FROM posts p USING new_posts s WHERE {key} AND p.as_of <= s.as_of"
    )
    con.execute(
        f"INSERT INTO posts SELECT s.* FROM new_posts s "
        f"WHERE NOT EXISTS (SELECT 1 FROM posts p WHERE {key})"
    )
    numeric, text = _classify_extras(con, plan)
    _insert_long(con, "post_metrics", plan, (*plan.metrics, *numeric), import_id,
                 value=f"fokus_number(raw, '{plan.decimal}')", as_of=as_of)
    _insert_long(con, "post_fields", plan, (*plan.text_fields, *text), import_id,
                 value="raw")
    con.execute(
        f"""INSERT INTO accounts
        SELECT {platform}, account_id, any_value(account_name),
               any_value(account_username), {import_id}
        FROM good g
        WHERE NOT EXISTS (SELECT 1 FROM accounts a
                          WHERE a.platform = {platform} AND a.account_id = g.account_id)
        GROUP BY account_id"""
    )
    imported = int(con.execute("SELECT count(*) FROM good").fetchall()[0][0])
    for table in ("raw_rows", "staged", "skipped", "good", "new_posts"):
        con.execute(f"DROP TABLE IF EXISTS {table}")
    return StagedCounts(rows_read, imported, skipped_total, skips)
