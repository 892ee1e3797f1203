"""Meta Business Suite overview exports: one daily account-level series per file.

``sep=,`` / a title line (``"Facebook reach"``) / ``"Date","Primary"`` / one row per
day. The time of day in the date is a Pacific-time artefact, so only the first ten
characters are the calendar day.
"""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from fokus.ingest.base import ImportContext, Recognition, Stored, file_identity
from fokus.ingest.headers import normalise
from fokus.ingest.numbers import parse_number
from fokus.ingest.sniff import TextSample, all_records
from fokus.model.staging import DailyRow, RowSkip, SeriesParts
from fokus.model.vocab import Platform
from fokus.store.database import Store

_DATE_WORDS = frozenset({"date", "dato", "data", "datum", "fecha"})
_VALUE_WORDS = frozenset({"primary"})

# Titles as Meta writes them (en, nb, pt-BR), without the platform prefix.
_METRICS = {
    "reach": "reach",
    "rekkevidde": "reach",
    "alcance": "reach",
    "views": "views",
    "visninger": "views",
    "visualizações": "views",
    "viewers": "viewers",
    "seere": "viewers",
    "visits": "visits",
    "besøk": "visits",
    "visitas": "visits",
    "profile visits": "profile_visits",
    "profilbesøk": "profile_visits",
    "visitas ao perfil do": "profile_visits",
    "follows": "follows",
    "følger": "follows",
    "seguidores no": "follows",
    "content interactions": "interactions",
    "innholdsinteraksjoner": "interactions",
    "interações com o conteúdo": "interactions",
    "link clicks": "link_clicks",
    "lenkeklikk": "link_clicks",
    "cliques no link do": "link_clicks",
}


def title_and_header(records: list[tuple[str, ...]]) -> int | None:
    """Index of the ``Date, Primary`` header, right after a one-field title line."""
    for index, record in enumerate(records[:4]):
        cells = [normalise(c) for c in record if c.strip()]
        if (
            len(cells) >= 2
            and cells[0] in _DATE_WORDS
            and cells[1] in _VALUE_WORDS
            and index >= 1
            and len([c for c in records[index - 1] if c.strip()]) == 1
        ):
            return index
    return None


def metric_of(title: str) -> tuple[Platform, str]:
    """``Facebook reach`` → (facebook, reach); ``Visitas ao perfil do Instagram`` → …"""
    words = normalise(title)
    platform: Platform = "meta"
    for name in ("facebook", "instagram"):
        if words.startswith(name + " ") or words.endswith(" " + name):
            platform = "facebook" if name == "facebook" else "instagram"
            words = words.removeprefix(name + " ").removesuffix(" " + name).strip()
    return platform, _METRICS.get(words, words.replace(" ", "_"))


class MetaDailySeries:
    """One metric per day for a Page or an account."""

    kind: ClassVar[str] = "meta_daily_series"
    platform: ClassVar[Platform] = "meta"

    def recognise(self, sample: TextSample) -> Recognition:
        """A title line, then a ``Date,Primary`` header."""
        records = list(sample.records)
        index = title_and_header(records)
        found = {
            "feature.title_line": index is not None,
            "feature.date_primary": index is not None
            or any(
                [normalise(c) for c in r[:2]] == ["date", "primary"]
                for r in records[:4]
            ),
        }
        return Recognition.of(self.kind, found)

    def store(self, sample: TextSample, context: ImportContext, store: Store) -> Stored:
        """Parse every day in Python (a year is 366 rows) and store them."""
        records = all_records(sample)
        index = title_and_header(records)
        assert index is not None  # recognise() said so
        title = next(c for c in records[index - 1] if c.strip())
        platform, metric = metric_of(title)
        if platform == "meta" and context.folder_hint in {"facebook", "instagram"}:
            platform = "facebook" if context.folder_hint == "facebook" else "instagram"
        account = context.folder_hint or platform
        decimal = "," if sample.delimiter == ";" else "."
        rows: list[DailyRow] = []
        skips: list[RowSkip] = []
        read = 0
        first_row = index + 2
        for offset, record in enumerate(records[index + 1 :]):
            if not any(c.strip() for c in record):
                continue
            read += 1
            row = first_row + offset
            day = _day(record[0])
            value = parse_number(record[1], decimal) if len(record) > 1 else None
            if day is None:
                skips.append(RowSkip(row, "import.skip.bad_date", record[0][:40]))
            elif value is None:
                skips.append(RowSkip(row, "import.skip.no_value", record[0][:10]))
            else:
                rows.append(DailyRow(account, metric, day, value, row))
        last_day = max((r.day for r in rows), default=None)
        identity = file_identity(
            sample,
            context,
            self.kind,
            platform,
            (title, *records[index]),
            content_date=last_day,
        )
        counts = store.import_series(
            identity, SeriesParts(daily=tuple(rows), skips=tuple(skips), rows_read=read)
        )
        notes: tuple[tuple[str, dict[str, str]], ...] = ()
        if platform == "meta":
            notes = (("import.note.platform_unknown", {"title": title}),)
        return Stored(counts, identity.as_of, notes)


def _day(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text.strip()[:10])
    except ValueError:
        return None
