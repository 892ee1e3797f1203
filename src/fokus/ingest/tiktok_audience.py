"""TikTok Studio's follower breakdowns: FollowerGender and FollowerTopTerritories.

Two columns, a category and its ``Distribution``. TikTok writes shares as fractions
(``0.59``); fokus stores percent (``59``) like every other audience breakdown, and
says so. A file already in percent (values summing to about 100, or with ``%``) is
kept as it is.
"""

from __future__ import annotations

from typing import ClassVar

from fokus.ingest.base import ImportContext, Stored
from fokus.ingest.numbers import parse_number
from fokus.ingest.sniff import TextSample, all_records
from fokus.ingest.tiktok_base import (
    Note,
    TikTokAdapter,
    account_of,
    identity,
    missing_note,
    split_header,
)
from fokus.ingest.tiktok_columns import AUDIENCE_BLOCKS, DISTRIBUTION, index_of, lookup
from fokus.ingest.tiktok_dates import export_day
from fokus.ingest.tiktok_series import cell, is_missing
from fokus.model.staging import AudienceRow, RowSkip, SeriesParts
from fokus.store.database import Store

_FRACTIONS_UP_TO = 1.5
"""Shares summing to at most this are fractions of 1 (rounding may pass 1.0)."""


class TikTokAudience(TikTokAdapter):
    """Gender or top territories of the followers, in percent."""

    kind: ClassVar[str] = "tiktok_audience"

    def store(self, sample: TextSample, context: ImportContext, store: Store) -> Stored:
        """One audience row per category; fractions become percent."""
        header_index, header, data = split_header(all_records(sample))
        share = index_of(DISTRIBUTION, header)
        block, category = next(iter(lookup(AUDIENCE_BLOCKS, header).items()))
        assert share is not None  # recognise() said so
        account = account_of(context)
        parsed: list[tuple[int, str, float]] = []
        skips: list[RowSkip] = []
        missing = 0
        read = 0
        percent_sign = False
        for offset, record in enumerate(data):
            if not any(c.strip() for c in record):
                continue
            read += 1
            row = header_index + 2 + offset
            text = cell(record, share)
            percent_sign = percent_sign or "%" in text
            if is_missing(text):
                missing += 1
            elif (value := parse_number(text)) is None:
                skips.append(RowSkip(row, "import.skip.not_a_number", text[:40]))
            else:
                parsed.append((row, cell(record, category).strip(), value))
        fractions = not percent_sign and sum(v for *_, v in parsed) <= _FRACTIONS_UP_TO
        rows = tuple(
            AudienceRow(
                account, block, "", name, round(value * 100, 9) if fractions else value,
                "percent", row,
            )
            for row, name, value in parsed
        )  # fmt: skip
        as_of = export_day(sample.path, context.as_of)
        file = identity(sample, context, self.kind, header, as_of)
        parts = SeriesParts(audience=rows, skips=tuple(skips), rows_read=read)
        notes: list[Note] = [("import.note.tiktok.fractions", {})] if fractions else []
        notes += missing_note({header[share]: missing})
        return Stored(store.import_series(file, parts), file.as_of, tuple(notes))
