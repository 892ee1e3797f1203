"""Column names as the platforms write them, in every UI language we have seen.

Headers are matched case-insensitively after trimming and collapsing spaces. English
and Brazilian Portuguese names are verified in real exports; bokmål and German names
are the platforms' likely wording and are kept here until pilot users send real files
(see docs/importing.md).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import TypeVar

from fokus.model.vocab import PostMetric

_SPACES = re.compile(r"\s+")
K = TypeVar("K", bound=str)

# canonical name -> accepted header names (en, nb, pt-BR, de)
POST_FIELDS: Mapping[str, tuple[str, ...]] = {
    "post_id": (
        "post id",
        "video asset id",
        "innleggs-id",
        "id for innlegg",
        "identificação do post",
        "beitrags-id",
    ),
    "page_id": ("page id", "side-id", "identificação da página", "seiten-id"),
    "page_name": (
        "page name",
        "sidenavn",
        "navn på side",
        "nome da página",
        "seitenname",
    ),
    "account_id": ("account id", "konto-id", "identificação da conta", "konto-id"),
    "account_username": (
        "account username",
        "brukernavn for konto",
        "kontobrukernavn",
        "nome de usuário da conta",
        "konto-benutzername",
    ),
    "account_name": ("account name", "kontonavn", "nome da conta", "kontoname"),
    "title": ("title", "tittel", "título", "titel"),
    "description": ("description", "beskrivelse", "descrição", "beschreibung"),
    "publish_time": (
        "publish time",
        "publiseringstidspunkt",
        "publiseringstid",
        "horário de publicação",
        "veröffentlichungszeitpunkt",
    ),
    "permalink": ("permalink", "permanent lenke", "permalenke", "link permanente"),
    "post_type": (
        "post type",
        "innleggstype",
        "type innlegg",
        "tipo de post",
        "beitragstyp",
    ),
    "date": ("date", "dato", "data", "datum"),
}

# Descriptive columns kept as text under these names.
POST_TEXT_FIELDS: Mapping[str, tuple[str, ...]] = {
    "caption_type": ("caption type", "teksttype", "tipo de legenda"),
    "is_crosspost": ("is crosspost", "er krysspublisering", "é publicação cruzada"),
    "is_share": ("is share", "er deling", "é compartilhamento"),
    "languages": ("languages", "språk", "idiomas", "sprachen"),
    "custom_labels": (
        "custom labels",
        "egendefinerte etiketter",
        "etiquetas personalizadas",
    ),
    "funded_content_status": ("funded content status", "status for finansiert innhold"),
    "data_comment": (
        "data comment",
        "datakommentar",
        "comentário sobre os dados",
        "datenkommentar",
    ),
}

POST_METRICS: Mapping[PostMetric, tuple[str, ...]] = {
    "views": ("views", "visninger", "visualizações", "aufrufe"),
    "impressions": ("impressions", "eksponeringer", "impressões", "impressionen"),
    "plays": ("plays", "avspillinger", "reproduções"),
    "reach": ("reach", "rekkevidde", "alcance", "reichweite"),
    "interactions": (
        "reactions, comments and shares",
        "reaksjoner, kommentarer og delinger",
        "reações, comentários e compartilhamentos",
    ),
    "reactions": ("reactions", "reaksjoner", "reações", "reaktionen"),
    "likes": (
        "likes",
        "liker",
        "likerklikk",
        "curtidas",
        "„gefällt mir“-angaben",
        '"gefällt mir"-angaben',
    ),
    "comments": ("comments", "kommentarer", "comentários", "kommentare"),
    "shares": ("shares", "delinger", "compartilhamentos", "geteilte inhalte"),
    "saves": ("saves", "lagringer", "salvamentos", "gespeicherte beiträge"),
    "follows": ("follows", "nye følgere", "seguimentos"),
    "total_clicks": (
        "total clicks",
        "klikk totalt",
        "totalt antall klikk",
        "total de cliques",
    ),
    "link_clicks": ("link clicks", "lenkeklikk", "klikk på lenke", "cliques no link"),
    "other_clicks": ("other clicks", "andre klikk", "outros cliques"),
    "photo_clicks": ("matched audience targeting consumption (photo click)",),
    "reach_organic": ("reach from organic posts", "rekkevidde fra organiske innlegg"),
    "reach_paid": ("reach from boosted posts", "rekkevidde fra forsterkede innlegg"),
    "views_organic": ("views from organic posts", "visninger fra organiske innlegg"),
    "views_paid": ("views from boosted posts", "visninger fra forsterkede innlegg"),
    "duration_sec": (
        "duration (sec)",
        "varighet (sek)",
        "varighet (sek.)",
        "duração (s)",
        "dauer (sek.)",
    ),
    "seconds_viewed": ("seconds viewed", "sekunder sett"),
    "avg_seconds_viewed": (
        "average seconds viewed",
        "gjennomsnittlig antall sekunder sett",
    ),
    "video_views_3s": ("3-second video views", "3-sekunders videovisninger"),
    "video_views_1min": ("1-minute video views", "1-minutts videovisninger"),
    "viewers_3s": ("3-second viewers",),
    "viewers_1min": ("1-minute viewers",),
    "negative_feedback": ("negative feedback from users",),
    "negative_feedback_unique": ("unique negative feedback from users",),
    "profile_visits": ("profile visits", "profilbesøk", "visitas ao perfil"),
    "replies": ("replies", "svar", "respostas"),
    "navigation": ("navigation", "navigering", "navegação"),
    "sticker_taps": ("sticker taps", "trykk på klistremerker", "toques em figurinhas"),
    "estimated_earnings_usd": ("estimated earnings (usd)",),
    "ad_impressions": ("ad impressions",),
}

LIFETIME_WORDS = frozenset(
    {"lifetime", "levetid", "hele levetiden", "vitalício", "gesamte laufzeit"}
)


def normalise(header: str) -> str:
    """Trimmed, lower-case, single-spaced; a trailing space in a header is a typo."""
    return _SPACES.sub(" ", header.replace("\ufeff", "").strip()).casefold()


def _lookup(table: Mapping[K, tuple[str, ...]]) -> dict[str, K]:
    return {normalise(name): key for key, names in table.items() for name in names}


_POST_FIELDS = _lookup(POST_FIELDS)
_POST_TEXT = _lookup(POST_TEXT_FIELDS)
_POST_METRICS = _lookup(POST_METRICS)


def unique_names(headers: Sequence[str]) -> tuple[str, ...]:
    """Header names made unique: a second ``Views`` becomes ``Views (2)``."""
    seen: dict[str, int] = {}
    out = []
    for header in headers:
        name = header.replace("\ufeff", "").strip()
        count = seen.get(normalise(name), 0) + 1
        seen[normalise(name)] = count
        out.append(name if count == 1 else f"{name} ({count})")
    return tuple(out)


class PostColumns:
    """Which column holds which field in a posts export (first occurrence wins)."""

    def __init__(self, headers: Sequence[str]) -> None:
        self.names = unique_names(headers)
        self.fields: dict[str, int] = {}
        self.text_fields: dict[str, int] = {}
        self.metrics: dict[PostMetric, int] = {}
        self.unknown: list[tuple[str, int]] = []
        self.duplicates: list[str] = []
        for index, header in enumerate(headers):
            key = normalise(header)
            placed = (
                self._place(_POST_FIELDS, self.fields, key, index)
                or self._place(_POST_TEXT, self.text_fields, key, index)
                or self._place(_POST_METRICS, self.metrics, key, index)
            )
            if not placed and key:
                self.unknown.append((self.names[index], index))

    def _place(
        self, table: Mapping[str, K], found: dict[K, int], key: str, index: int
    ) -> bool:
        """Record ``index`` under its field; a second column of a field is noted."""
        if key not in table:
            return False
        if table[key] in found:
            self.duplicates.append(self.names[index])
        else:
            found[table[key]] = index
        return True
