"""LinkedIn Page → Analytics → Competitors → Export: benchmark figures of other pages.

Sheet ``COMPETITORS``: row 1 the period (``11/29/2025``, ``12/28/2025``), row 2 the
header ``Page, Total Followers, New Followers, Total post engagements, Total posts``,
then one row per page. These are stored as benchmarks (``peer_benchmarks``), never
as the organisation's own posts or accounts.

The file does not mark which row is the organisation's own page. LinkedIn names the
file after that page (``<page name>_competitor_analytics_<epoch ms>.xlsx``), so the
row whose page name matches the file name's is marked ``own`` (compared without
spaces or case; a name written ``<name> - <name>`` also matches either half). When
no row or more than one row matches, none is marked and the import says so.

Bokmål names are LinkedIn's likely wording, UNVERIFIED (export-formats.md §8).
"""

from __future__ import annotations

from typing import ClassVar

from fokus.ingest.base import ImportContext, Recognition, Stored, file_identity
from fokus.ingest.headers import normalise
from fokus.ingest.linkedin_sheets import (
    Note,
    Page,
    bad_number,
    column_names,
    data_rows,
    page_of,
    parse_day,
    refuse_header_only,
    slug,
    squash,
)
from fokus.ingest.numbers import parse_number
from fokus.ingest.sniff import TextSample
from fokus.ingest.workbook import Sheet
from fokus.model.staging import PeerRow, RowSkip, SeriesParts
from fokus.model.vocab import Platform
from fokus.store.database import Store

_PAGE_WORDS = frozenset({"page", "side"})
_METRICS = {
    "total followers": "followers",
    "følgere totalt": "followers",
    "totalt antall følgere": "followers",
    "new followers": "new_followers",
    "nye følgere": "new_followers",
    "total post engagements": "post_engagements",
    "innleggsengasjement totalt": "post_engagements",
    "totalt innleggsengasjement": "post_engagements",
    "total posts": "posts",
    "innlegg totalt": "posts",
    "totalt antall innlegg": "posts",
}


def _header_index(sheet: Sheet) -> int | None:
    for index, row in enumerate(sheet.rows[:3]):
        cells = [normalise(cell) for cell in row]
        if cells and cells[0] in _PAGE_WORDS and any(c in _METRICS for c in cells[1:]):
            return index
    return None


def _own_row(pages: list[tuple[int, str]], page: Page) -> int | None:
    """The row of the organisation's own page, if exactly one row matches."""
    if page.source == "unknown":
        return None
    full = squash(page.name)
    halves = {squash(half) for half in page.name.split(" - ")} - {""}
    for candidates in ({full}, halves):
        found = [row for row, name in pages if squash(name) in candidates]
        if len(found) == 1:
            return found[0]
    return None


class LinkedInCompetitors:
    """The competitors file: followers, new followers, engagements, posts per page."""

    kind: ClassVar[str] = "linkedin_competitors"
    platform: ClassVar[Platform] = "linkedin"

    def recognise(self, sample: TextSample) -> Recognition:
        """A ``Page`` column beside LinkedIn's competitor figures."""
        ok = any(_header_index(sheet) is not None for sheet in sample.sheets)
        feature = "feature.linkedin.competitors"
        return Recognition(
            self.kind, (feature,) if ok else (), () if ok else (feature,)
        )

    def store(self, sample: TextSample, context: ImportContext, store: Store) -> Stored:
        """One PeerRow per page and figure, for the period in the row above."""
        sheet, index = next(
            (s, i) for s in sample.sheets if (i := _header_index(s)) is not None
        )
        header = sheet.rows[index]
        period = [
            day
            for cell in (sheet.rows[index - 1] if index else ())
            if (day := parse_day(cell)) is not None
        ]
        start, end = (period[0], period[-1]) if len(period) >= 2 else (None, None)
        columns = [
            (column, _METRICS.get(normalise(name), slug(name)))
            for column, name in enumerate(header[1:], start=1)
            if name.strip()
        ]
        raw = [name.strip() for name in header[1:] if name.strip()]
        raw = [name for name in raw if normalise(name) not in _METRICS]
        content = data_rows(sheet, index)
        refuse_header_only(len(content))
        page = page_of(context.display_name)
        own = _own_row([(row, cells[0]) for row, cells in content], page)
        peers: list[PeerRow] = []
        skips: list[RowSkip] = []
        for row, cells in content:
            for column, metric in columns:
                text = cells[column] if column < len(cells) else ""
                value = parse_number(text)
                if value is None:
                    if bad_number(text):
                        skips.append(
                            RowSkip(row, "import.skip.not_a_number", text[:40])
                        )
                    continue
                peers.append(
                    PeerRow(
                        cells[0].strip(), metric, value, start, end, row == own, row
                    )
                )
        identity = file_identity(
            sample, context, self.kind, self.platform, column_names([(sheet, index)]),
            content_date=end,
        )  # fmt: skip
        parts = SeriesParts(
            peers=tuple(peers), skips=tuple(skips), rows_read=len(content)
        )
        counts = store.import_series(identity, parts)
        notes: list[Note] = []
        if own is None:
            notes.append(("import.note.linkedin.own_page_unknown", {}))
        if start is None:
            notes.append(("import.note.linkedin.no_period", {}))
        if raw:
            notes.append(
                ("import.note.linkedin.raw_metric_names", {"names": ", ".join(raw)})
            )
        return Stored(counts, identity.as_of, tuple(notes))
