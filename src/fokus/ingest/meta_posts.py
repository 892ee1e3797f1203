"""Meta Business Suite content exports: Facebook posts and Instagram posts/stories."""

from __future__ import annotations

import re
from functools import partial
from typing import ClassVar, Literal

from fokus.ingest.base import ImportContext, Recognition, Stored, file_identity
from fokus.ingest.export_date import export_date
from fokus.ingest.headers import LIFETIME_WORDS, PostColumns, normalise
from fokus.ingest.sniff import TextSample, utf8_copy
from fokus.model.staging import (
    DATE_FORMATS,
    AccountColumns,
    CsvSource,
    DateOrder,
    PaidRule,
    PostPlan,
)
from fokus.model.vocab import Format, Platform
from fokus.store.database import Store

_FACEBOOK_FORMATS: tuple[tuple[str, Format], ...] = (
    ("photos", "image"),
    ("photo", "image"),
    ("bilder", "image"),
    ("bilde", "image"),
    ("fotos", "image"),
    ("foto", "image"),
    ("videos", "video"),
    ("video", "video"),
    ("videoer", "video"),
    ("vídeos", "video"),
    ("reels", "reel"),
    ("reel", "reel"),
    ("links", "link"),
    ("link", "link"),
    ("lenker", "link"),
    ("lenke", "link"),
    ("text", "text"),
    ("status", "text"),
    ("tekst", "text"),
    ("texto", "text"),
    ("live", "live"),
    ("albums", "carousel"),
    ("album", "carousel"),
    ("multi-photo", "carousel"),
    ("stories", "story"),
    ("story", "story"),
)
_INSTAGRAM_FORMATS: tuple[tuple[str, Format], ...] = (
    ("ig image", "image"),
    ("ig imagem", "image"),
    ("ig-bilde", "image"),
    ("ig bilde", "image"),
    ("ig bild", "image"),
    ("ig carousel", "carousel"),
    ("ig carrossel", "carousel"),
    ("ig-karusell", "carousel"),
    ("ig karusell", "carousel"),
    ("ig karussell", "carousel"),
    ("ig reel", "reel"),
    ("ig-reel", "reel"),
    ("ig video", "video"),
    ("ig story", "story"),
    ("ig-historie", "story"),
    ("ig stories", "story"),
)
_ISO = re.compile(r"^\d{4}[-/]\d{1,2}[-/]\d{1,2}")


def _header_index(sample: TextSample) -> int | None:
    for index, record in enumerate(sample.records[:5]):
        columns = PostColumns(record)
        if "post_id" in columns.fields and "publish_time" in columns.fields:
            return index
    return None


def _date_order(values: list[str]) -> DateOrder:
    """US order unless a first part above 12 or a dotted date says otherwise."""
    if any(_ISO.match(v) for v in values):
        return "ymd"
    if any("." in v.split(" ")[0] for v in values):
        return "dmy"
    for value in values:
        first = value.split("/")[0].strip()
        if first.isdigit() and int(first) > 12:
            return "dmy"
    return "mdy"


class _MetaPosts:
    kind: ClassVar[str]
    platform: ClassVar[Platform]
    _account_fields: ClassVar[tuple[str, str, str]]  # id, name, username
    _formats: ClassVar[tuple[tuple[str, Format], ...]]

    def recognise(self, sample: TextSample) -> Recognition:
        """Post id, publish time, this platform's account columns and a metric."""
        index = _header_index(sample)
        record = (
            sample.records[index]
            if index is not None
            else (sample.records[0] if sample.records else ())
        )
        columns = PostColumns(record)
        wanted = {
            "feature.post_id": "post_id" in columns.fields,
            "feature.publish_time": "publish_time" in columns.fields,
            f"feature.account.{self.platform}": any(
                f in columns.fields for f in self._account_fields if f
            ),
            "feature.metrics": bool(columns.metrics),
        }
        return Recognition.of(self.kind, wanted)

    def store(self, sample: TextSample, context: ImportContext, store: Store) -> Stored:
        """Plan the columns, then let the store read the whole file in SQL."""
        index = _header_index(sample) or 0
        header = sample.records[index]
        columns = PostColumns(header)
        data = sample.records[index + 1 :]
        publish = columns.fields["publish_time"]
        times = [r[publish] for r in data if len(r) > publish and r[publish].strip()]
        id_field, name_field, username_field = self._account_fields
        fields = columns.fields
        text_columns = tuple(fields[f] for f in ("title", "description") if f in fields)
        decimal: Literal[".", ","] = "," if sample.delimiter == ";" else "."
        physical_skip = index + 1 + (1 if sample.sep_line and not sample.wrapped else 0)
        plan = PostPlan(
            source=CsvSource(
                path=utf8_copy(sample, context.scratch),
                delimiter=sample.delimiter,
                skip_lines=physical_skip,
                n_columns=max(len(header), max((len(r) for r in data), default=0)),
                first_row=index + 2,
            ),
            platform=self.platform,
            post_id=fields["post_id"],
            published=publish,
            date_formats=DATE_FORMATS[_date_order(times[:50])],
            published_precision="minute",  # Publish time always has the minute
            timezone=context.timezone,
            account=AccountColumns(
                id_column=fields.get(id_field),
                name_column=fields.get(name_field),
                username_column=fields.get(username_field) if username_field else None,
                fallback_id=context.folder_hint or self.platform,
            ),
            text_columns=text_columns,
            permalink=fields.get("permalink"),
            format_column=fields.get("post_type"),
            format_map=self._formats,
            default_format=(
                "video"
                if normalise(header[fields["post_id"]]) == "video asset id"
                else "other"
            ),
            paid=(
                None
                if (paid_reach := columns.metrics.get("reach_paid")) is None
                else PaidRule(paid_reach)
            ),
            decimal=decimal,
            metrics=tuple(sorted(columns.metrics.items(), key=lambda m: m[1])),
            is_share=columns.text_fields.get("is_share"),
            is_crosspost=columns.text_fields.get("is_crosspost"),
            labels=columns.text_fields.get("custom_labels"),
            extra_columns=(
                *sorted(
                    (
                        (name, index)
                        for name, index in columns.text_fields.items()
                        if name not in {"is_share", "is_crosspost", "custom_labels"}
                    ),
                    key=lambda m: m[1],
                ),
                *columns.unknown,
            ),
        )
        counts = store.import_posts(
            partial(
                file_identity, sample, context, self.kind, self.platform,
                tuple(header),
                extra_columns=tuple(name for name, _ in plan.extra_columns),
            ),
            plan,
        )  # fmt: skip
        as_of, _ = export_date(sample.path, context.as_of)
        return Stored(counts, as_of, self._notes(columns, data))

    @staticmethod
    def _notes(
        columns: PostColumns, data: tuple[tuple[str, ...], ...]
    ) -> tuple[tuple[str, dict[str, str]], ...]:
        notes: list[tuple[str, dict[str, str]]] = []
        if columns.unknown:
            names = ", ".join(name for name, _ in columns.unknown[:8])
            more = len(columns.unknown) - 8
            notes.append(
                (
                    "import.note.unknown_columns",
                    {
                        "count": str(len(columns.unknown)),
                        "names": names + (f" (+{more})" if more > 0 else ""),
                    },
                )
            )
        if columns.duplicates:
            notes.append(
                (
                    "import.note.duplicate_columns",
                    {"names": ", ".join(columns.duplicates)},
                )
            )
        date = columns.fields.get("date")
        if date is not None:
            values = {normalise(r[date]) for r in data if len(r) > date and r[date]}
            if values and not values <= LIFETIME_WORDS:
                notes.append(("import.note.not_lifetime", {}))
        return tuple(notes)


class FacebookPosts(_MetaPosts):
    """Meta Business Suite → Content → Export, Facebook Page posts (or videos)."""

    kind: ClassVar[str] = "meta_facebook_posts"
    platform: ClassVar[Platform] = "facebook"
    _account_fields = ("page_id", "page_name", "")
    _formats = _FACEBOOK_FORMATS


class InstagramPosts(_MetaPosts):
    """Meta Business Suite → Content → Export, Instagram posts, reels and stories."""

    kind: ClassVar[str] = "meta_instagram_posts"
    platform: ClassVar[Platform] = "instagram"
    _account_fields = ("account_id", "account_name", "account_username")
    _formats = _INSTAGRAM_FORMATS
