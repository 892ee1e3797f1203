"""The posts sheet of a LinkedIn content export, planned for the store.

Three generations of headers (export-formats.md §4.1): ``Update link, Update title,
Update type, …, Video views, …, Shares`` (≤2020), ``Update title, Update link, …,
Views (excluding off-site video views), Off-site views, …, Content Type``
(~2022–2024) and ``Post title, Post link, Post type, …, Views, Offsite Views, …,
Reposts, …, Content Type`` (2025+). ``Post type`` / ``Update type`` says organic or
sponsored, not the format; the format is in ``Content Type`` when there is one.
The post id is the number in the post link (``urn:li:activity:7424839…``).

Bokmål names are LinkedIn's likely wording, UNVERIFIED (no Norwegian LinkedIn
export has been seen, export-formats.md §8).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from fokus.ingest.headers import normalise, unique_names
from fokus.ingest.linkedin_sheets import Note
from fokus.ingest.values import find_column
from fokus.ingest.workbook import Sheet, write_csv
from fokus.model.staging import AccountColumns, PaidRule, PostPlan
from fokus.model.vocab import Format, PaidStatus, PostMetric

POST_FIELDS: Mapping[str, str] = {
    "post title": "title",
    "update title": "title",
    "innleggstittel": "title",
    "tittel på innlegg": "title",
    "post link": "link",
    "update link": "link",
    "innleggslenke": "link",
    "lenke til innlegg": "link",
    "post type": "paid",
    "update type": "paid",
    "innleggstype": "paid",
    "created date": "created",
    "opprettelsesdato": "created",
    "dato opprettet": "created",
    "opprettet": "created",
    "content type": "format",
    "innholdstype": "format",
}

POST_METRICS: Mapping[str, PostMetric] = {
    "impressions": "impressions",
    "visninger": "impressions",
    "views": "views",
    "video views": "views",
    "views (excluding off-site video views)": "views",
    "videovisninger": "views",
    "avspillinger": "views",
    "offsite views": "offsite_views",
    "off-site views": "offsite_views",
    "visninger utenfor linkedin": "offsite_views",
    "clicks": "total_clicks",
    "klikk": "total_clicks",
    # The posts sheet calls every reaction "Likes"; its daily sheet says
    # "Reactions" for the same thing, and the engagement rate counts them all.
    "likes": "reactions",
    "liker": "reactions",
    "likerklikk": "reactions",
    "reactions": "reactions",
    "reaksjoner": "reactions",
    "comments": "comments",
    "kommentarer": "comments",
    "reposts": "shares",
    "shares": "shares",
    "gjenpubliseringer": "shares",
    "delinger": "shares",
    "follows": "follows",
    "følger": "follows",
    "nye følgere": "follows",
}

# Columns kept as text beside each post, known and so not reported as unknown. The
# two rates are ratios of stored counts (clicks / impressions and (clicks +
# reactions + comments + reposts + follows) / impressions), kept as exported.
TEXT_COLUMNS = frozenset(
    {
        "campaign name", "kampanjenavn", "posted by", "publisert av", "lagt ut av",
        "campaign start date", "startdato for kampanje", "campaign end date",
        "sluttdato for kampanje", "audience", "målgruppe",
        "click through rate (ctr)", "klikkfrekvens (ctr)", "engagement rate",
        "engasjementsrate", "engasjementsgrad",
    }
)  # fmt: skip

# Post type words (lower case) -> paid status. "Sponsored" is LinkedIn's word for
# a paid post; boosting arrived in 2023. Others are stored as unknown and named.
PAID_WORDS: tuple[tuple[str, PaidStatus], ...] = (
    ("organic", "organic"),
    ("organisk", "organic"),
    ("sponsored", "paid"),
    ("sponset", "paid"),
    ("boosted", "paid"),
    ("forsterket", "paid"),
)

# Content Type words (lower case) -> canonical format. LinkedIn's API calls a shared
# link an "article", hence article -> link.
FORMATS: tuple[tuple[str, Format], ...] = (
    ("text", "text"),
    ("tekst", "text"),
    ("image", "image"),
    ("bilde", "image"),
    ("images", "carousel"),
    ("multi-image", "carousel"),
    ("multiple images", "carousel"),
    ("flere bilder", "carousel"),
    ("carousel", "carousel"),
    ("karusell", "carousel"),
    ("video", "video"),
    ("document", "document"),
    ("dokument", "document"),
    ("poll", "poll"),
    ("avstemning", "poll"),
    ("article", "link"),
    ("artikkel", "link"),
    ("link", "link"),
    ("lenke", "link"),
    ("live", "live"),
    ("live video", "live"),
    ("linkedin live", "live"),
)

DATE_PATTERNS = (
    "%m/%d/%Y", "%Y-%m-%d", "%Y-%m-%d %H:%M:%S", "%d.%m.%Y", "%m/%d/%Y %H:%M",
)  # fmt: skip
"""LinkedIn writes text ``MM/DD/YYYY``; a re-save may turn it into a real date."""

_URN = re.compile(r"urn:li:(?:activity|share|ugcPost):(\d+)", re.IGNORECASE)
_SLUG_ID = re.compile(r"[-_](?:activity|share|ugcPost)-(\d{12,})", re.IGNORECASE)
_LINK_TEXT = "linkedin.com"


def post_id_of(link: str) -> str:
    """The number of the post's URN; the link itself when it holds none."""
    found = _URN.search(link) or _SLUG_ID.search(link)
    return found[1] if found else link.strip()


def link_column(rows: Sequence[Sequence[str]], width: int) -> int | None:
    """The column of LinkedIn post links, found by its values."""
    return find_column(rows, width, "url", contains=_LINK_TEXT)


@dataclass(frozen=True, slots=True)
class PostColumns:
    """Which column of a posts sheet holds what (0-based)."""

    fields: dict[str, int]
    metrics: dict[PostMetric, int]
    names: tuple[str, ...]
    unknown: tuple[str, ...]
    by_values: tuple[tuple[str, str], ...]
    """(field, header) of columns found by their values, not their name."""


def post_columns(header: Sequence[str], data: Sequence[Sequence[str]]) -> PostColumns:
    """Place each column by its name, then the link and date by their values."""
    fields: dict[str, int] = {}
    metrics: dict[PostMetric, int] = {}
    unknown: list[str] = []
    names = unique_names(header)
    for index, cell in enumerate(header):
        key = normalise(cell)
        if key in POST_FIELDS:
            fields.setdefault(POST_FIELDS[key], index)
        elif key in POST_METRICS:
            metrics.setdefault(POST_METRICS[key], index)
        elif key and key not in TEXT_COLUMNS:
            unknown.append(names[index])
    width = max((len(row) for row in (header, *data)), default=0)
    by_values: list[tuple[str, str]] = []
    if "link" not in fields and (found := link_column(data, width)) is not None:
        fields["link"] = found
        by_values.append(("link", names[found] if found < len(names) else ""))
    if "created" not in fields and data:
        taken = frozenset(fields.values()) | frozenset(metrics.values())
        found = find_column(data, width, "date", taken=taken)
        if found is not None:
            fields["created"] = found
            by_values.append(("created", names[found] if found < len(names) else ""))
    placed = {name for _, name in by_values}
    unknown = [name for name in unknown if name not in placed]
    return PostColumns(fields, metrics, names, tuple(unknown), tuple(by_values))


def is_posts_sheet(sheet: Sheet, index: int) -> bool:
    """A link column by name, or by LinkedIn post links among its first rows."""
    header = sheet.rows[index]
    if any(POST_FIELDS.get(normalise(cell)) == "link" for cell in header):
        return True
    sample = sheet.rows[index + 1 : index + 51]
    width = max((len(row) for row in sample), default=0)
    found = link_column(sample, width)
    return found is not None and any("urn:li:" in row[found] for row in sample)


@dataclass(frozen=True, slots=True)
class PlannedPosts:
    """The plan for the store, what its extra columns are called, and notes."""

    plan: PostPlan
    extra_names: tuple[str, ...]
    notes: tuple[Note, ...]


def plan_posts(
    sheet: Sheet, index: int, account_id: str, scratch: Path
) -> PlannedPosts | None:
    """Write the sheet as CSV with the post id in an added last column, and plan it.

    ``None`` when the sheet has no link or no created date (even by values).
    """
    header = sheet.rows[index]
    data = sheet.rows[index + 1 :]
    columns = post_columns(header, data)
    link = columns.fields.get("link")
    created = columns.fields.get("created")
    if link is None or created is None:
        return None
    width = max((len(row) for row in (header, *data)), default=0)
    ids = [post_id_of(_cell(row, link)) for row in data]
    rows = [
        (*_padded(header, width), "post id"),
        *(
            (*row, post_id) if len(row) == width else (*_padded(row, width), post_id)
            for row, post_id in zip(data, ids, strict=True)
        ),
    ]
    used = {link, created, columns.fields.get("title"), columns.fields.get("format")}
    used |= set(columns.metrics.values())
    extra = tuple(
        (columns.names[i] if _cell(header, i).strip() else f"column {i + 1}", i)
        for i in range(width)
        if i not in used
        and (_cell(header, i).strip() or any(_cell(row, i).strip() for row in data))
    )
    paid = columns.fields.get("paid")
    format_column = columns.fields.get("format")
    plan = PostPlan(
        source=write_csv(rows, scratch, "linkedin_posts.csv", first_row=index + 2),
        platform="linkedin",
        post_id=width,
        published=created,
        date_formats=DATE_PATTERNS,
        timezone="UTC",  # "All dates and times are in UTC" (the description row)
        account=AccountColumns(None, None, None, fallback_id=account_id),
        text_columns=(columns.fields["title"],) if "title" in columns.fields else (),
        permalink=link,
        format_column=format_column,
        format_map=FORMATS,
        default_format="other",
        paid=None if paid is None else PaidRule(paid, words=PAID_WORDS),
        decimal=".",
        metrics=tuple(sorted(columns.metrics.items(), key=lambda m: m[1])),
        is_share=None,
        is_crosspost=None,
        labels=None,
        extra_columns=extra,
    )
    plain = sum(1 for row, post_id in zip(data, ids, strict=True)
                if post_id and post_id == _cell(row, link).strip())  # fmt: skip
    notes = _notes(columns, data, plain, paid, format_column)
    return PlannedPosts(plan, tuple(name for name, _ in extra), notes)


def _cell(row: Sequence[str], column: int) -> str:
    return row[column] if column < len(row) else ""


def _padded(row: Sequence[str], width: int) -> tuple[str, ...]:
    return (*row, *([""] * (width - len(row))))


def _distinct(data: Sequence[Sequence[str]], column: int | None) -> set[str]:
    if column is None:
        return set()
    return {
        row[column].strip() for row in data if column < len(row) and row[column].strip()
    }


def _notes(
    columns: PostColumns,
    data: Sequence[Sequence[str]],
    plain: int,
    paid: int | None,
    format_column: int | None,
) -> tuple[Note, ...]:
    notes: list[Note] = []
    for field, name in columns.by_values:
        notes.append((f"import.note.linkedin.{field}_by_values", {"column": name}))
    if columns.unknown:
        notes.append(
            (
                "import.note.unknown_columns",
                {
                    "count": str(len(columns.unknown)),
                    "names": ", ".join(columns.unknown),
                },
            )
        )
    known_formats = {word for word, _ in FORMATS}
    odd_formats = sorted(
        v for v in _distinct(data, format_column) if v.casefold() not in known_formats
    )
    if odd_formats:
        notes.append(
            ("import.note.linkedin.unknown_formats", {"values": ", ".join(odd_formats)})
        )
    known_words = {word for word, _ in PAID_WORDS}
    odd_words = sorted(
        v for v in _distinct(data, paid) if v.casefold() not in known_words
    )
    if odd_words:
        notes.append(
            (
                "import.note.linkedin.unknown_post_types",
                {"values": ", ".join(odd_words)},
            )
        )
    if plain:
        notes.append(("import.note.linkedin.id_is_link", {"count": str(plain)}))
    return tuple(notes)
