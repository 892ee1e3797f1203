"""Meta Business Suite breakdown exports made of stacked blocks.

``Audience.csv`` (age × gender, top countries, top cities) and ``Top content
formats.csv`` hold several small tables, each under a one-cell title line, separated
by blank lines. A block is either a matrix (header row, then label + values rows) or
a wide pair (a row of names, then a row of values).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import ClassVar, Literal

from fokus.errors import FokusError
from fokus.ingest.base import ImportContext, Recognition, Stored, file_identity
from fokus.ingest.headers import normalise
from fokus.ingest.meta_series import title_and_header
from fokus.ingest.numbers import parse_number
from fokus.ingest.sniff import TextSample, all_records
from fokus.model.staging import AudienceRow, RowSkip, SeriesParts
from fokus.model.vocab import Platform
from fokus.store.database import Store

Unit = Literal["percent", "count", "score"]
_PERCENT_BLOCKS = (
    "age & gender",
    "top countries",
    "top cities",
    "top towns/cities",
    "alder og kjønn",
    "de viktigste landene",
    "de viktigste byene",
    "toppland",
    "toppbyer",
    "faixa etária e gênero",
    "principais cidades",
    "principais países",
    "seguidores do instagram por",
    "seguidores do instagram pel",
)
_COUNT_BLOCKS = (
    "views",
    "content interactions",
    "published content",
    "visninger",
    "innholdsinteraksjoner",
    "publisert innhold",
    "conteúdo publicado",
    "visualizações",
    "interações com o conteúdo",
    "seguidores do instagram",
)
_SCORE_BLOCKS = ("top pages",)
# Excel turned "3.4" into a date: a number, a dot, then letters ("3.апр", "3.apr").
_EXCEL_DATE = re.compile(r"^\d{1,2}[.\-/ ]?[^\W\d_]{3,}\.?$")

# title, row, content rows, and whether the title line held that one cell only
Block = tuple[str, int, list[tuple[int, tuple[str, ...]]], bool]


def _trimmed(record: Sequence[str]) -> tuple[str, ...]:
    cells = list(record)
    while cells and not cells[-1].strip():
        cells.pop()
    return tuple(cells)


def _blocks(records: list[tuple[str, ...]]) -> list[Block]:
    blocks: list[Block] = []
    current: Block | None = None
    for index, record in enumerate(records):
        cells = _trimmed(record)
        if not cells:
            current = None
            continue
        if current is None:
            lone = len([c for c in cells if c.strip()]) == 1
            current = (cells[0].strip(), index + 1, [], lone)
            blocks.append(current)
        else:
            current[2].append((index + 1, cells))
    return blocks


def _unit(title: str, values: list[str]) -> Unit:
    name = normalise(title)
    if any(name.startswith(b) for b in _SCORE_BLOCKS):
        return "score"
    if any("%" in v for v in values) or any(
        name.startswith(b) for b in _PERCENT_BLOCKS
    ):
        return "percent"
    return "count"


def _known_title(title: str) -> bool:
    name = normalise(title)
    return any(
        name.startswith(b) for b in (*_PERCENT_BLOCKS, *_COUNT_BLOCKS, *_SCORE_BLOCKS)
    )


class MetaAudience:
    """Audience and top-content-format breakdowns."""

    kind: ClassVar[str] = "meta_audience"
    platform: ClassVar[Platform] = "meta"

    def recognise(self, sample: TextSample) -> Recognition:
        """At least one block with a title Meta uses, under a one-cell title line;
        a daily series (``"Views"`` over ``Date, Primary``) is not one."""
        records = [tuple(r) for r in sample.records]
        blocks = _blocks(records)
        series = title_and_header(list(records)) is not None
        found = {
            "feature.block_titles": bool(blocks) and all(b[3] for b in blocks),
            "feature.known_block": not series
            and any(_known_title(b[0]) and b[2] for b in blocks),
        }
        return Recognition.of(self.kind, found)

    def store(self, sample: TextSample, context: ImportContext, store: Store) -> Stored:
        """Turn every block into (block, dimension, category, value) rows."""
        platform: Platform = (
            "facebook"
            if context.folder_hint == "facebook"
            else "instagram"
            if context.folder_hint == "instagram"
            else "meta"
        )
        account = context.folder_hint or platform
        decimal = "," if sample.delimiter == ";" else "."
        rows: list[AudienceRow] = []
        skips: list[RowSkip] = []
        read = 0
        for title, _, content, _ in _blocks(all_records(sample)):
            read += len(content)
            for row, dimension, category, text, unit in _cells(title, content):
                value = parse_number(text, decimal)
                if value is None and _EXCEL_DATE.match(text.strip()):
                    raise FokusError(
                        "import.refused.excel_damaged",
                        "import.refused.excel_damaged.hint",
                        value=text,
                        row=row,
                    )
                if value is None:
                    if text.strip():
                        skips.append(
                            RowSkip(row, "import.skip.not_a_number", text[:40])
                        )
                    continue
                rows.append(
                    AudienceRow(account, title, dimension, category, value, unit, row)
                )
        titles = tuple(block[0] for block in _blocks(all_records(sample)))
        identity = file_identity(sample, context, self.kind, platform, titles)
        parts = SeriesParts(audience=tuple(rows), skips=tuple(skips), rows_read=read)
        return Stored(store.import_series(identity, parts), identity.as_of)


def _cells(
    title: str, content: list[tuple[int, tuple[str, ...]]]
) -> list[tuple[int, str, str, str, Unit]]:
    """(row, dimension, category, raw value, unit) for each value cell of a block
    (none for a title with nothing under it)."""
    if not content:
        return []
    values = [c for _, cells in content for c in cells]
    unit = _unit(title, values)
    if (
        len(content) == 2
        and len(content[0][1]) == len(content[1][1])
        and not any(parse_number(c) is None for c in content[1][1] if c.strip())
        and any(parse_number(c) is None for c in content[0][1])
    ):
        row, names = content[0]
        return [
            (row + 1, "", name.strip(), text, unit)
            for name, text in zip(names, content[1][1], strict=True)
        ]
    if len(content) == 2 and len(content[0][1]) == 1 and len(content[1][1]) == 1:
        return [(content[1][0], "", content[0][1][0].strip(), content[1][1][0], unit)]
    header = content[0][1]
    out: list[tuple[int, str, str, str, Unit]] = []
    for row, cells in content[1:]:
        for column, text in enumerate(cells[1:], start=1):
            dimension = header[column].strip() if column < len(header) else str(column)
            out.append((row, dimension, cells[0].strip(), text, unit))
    return out
