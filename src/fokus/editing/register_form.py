"""What a form for each register holds: its fields, their kind, choices and help.

The labels are the register's own column headers (``registers/templates.py``), the
help texts its ``register.<key>.<column>.help`` catalog entries. A choice's values
are words the register's reader understands, in the form's language; the reader
accepts both languages, so a choice written in English into a bokmål file still
reads.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from fokus.i18n import Language, translate
from fokus.registers.reader import template
from fokus.registers.templates import RegisterKey

FieldKind = Literal["text", "choice", "date", "number", "boolean"]

_PLATFORMS = tuple((p, p) for p in ("Facebook", "Instagram", "LinkedIn", "TikTok",
                                    "YouTube", "X"))  # fmt: skip
_YES_NO_UNKNOWN = (("ja", "yes"), ("nei", "no"), ("vet ikke", "unknown"))
_CHOICES: Mapping[str, tuple[tuple[str, str], ...]] = {
    "platform": _PLATFORMS,
    "relation": (
        ("ansatt", "staff"), ("byrå", "agency"), ("partner", "partner"),
        ("frilanser", "freelancer"), ("tidligere ansatt", "former"),
    ),
    "asset_type": (
        ("side", "page"), ("konto", "account"), ("annonsekonto", "ad account"),
        ("virksomhetsportefølje", "business portfolio"),
        ("betalingsmåte", "payment method"),
    ),
    "two_factor_account": _YES_NO_UNKNOWN,
    "two_factor_profile": _YES_NO_UNKNOWN,
    "data_processing_agreement": _YES_NO_UNKNOWN,
    "category": (
        ("tekst", "text"), ("bilde", "image"), ("video", "video"), ("lyd", "audio"),
        ("teksting", "captions"), ("oversettelse", "translation"),
        ("analyse", "analysis"), ("planlegging", "scheduling"),
        ("kundedialog", "customer dialogue"), ("annet", "other"),
    ),
    "frequency": (
        ("daglig", "daily"), ("ukentlig", "weekly"), ("månedlig", "monthly"),
        ("sjeldnere", "rarely"),
    ),
    "field": (
        ("bio", "bio"), ("om oss", "about"), ("slagord", "tagline"),
        ("beskrivelse", "description"), ("lenke", "link"), ("navn", "name"),
    ),
    "metric": (
        ("engasjementsrate", "engagement rate"), ("engasjement", "engagement"),
        ("rekkevidde", "reach"), ("visninger", "views"),
    ),
}  # fmt: skip
_DATES = frozenset(
    {"last_active", "end_date", "in_use_since", "last_updated", "start", "end"}
)
_NUMBERS = frozenset(
    {"users", "cost_per_month", "hours_saved_per_month", "analysis", "creative",
     "prioritisation", "relationships", "human_content", "dialogue", "reuse"}
)  # fmt: skip
_BOOLEANS: Mapping[str, tuple[str, str]] = {"personal_data": ("ja", "nei")}


@dataclass(frozen=True, slots=True)
class FormField:
    """One column of a register as a form field.

    ``choices`` are the values to offer (for ``choice``; for ``boolean`` the word
    for yes, then no). Dates are given and shown as ``YYYY-MM-DD``, numbers with a
    point or a comma.
    """

    key: str
    label: str
    kind: FieldKind
    required: bool
    help: str
    choices: tuple[str, ...] = ()


def form_fields(register: RegisterKey, language: Language) -> tuple[FormField, ...]:
    """The register's columns as form fields, labelled in ``language``."""
    found = template(register)
    return tuple(
        FormField(
            key=column.key,
            label=column.header(language),
            kind=field_kind(column.key),
            required=column.key in found.required,
            help=translate(column.help_key, language),
            choices=_choices(column.key, language),
        )
        for column in found.columns
    )


def field_kind(column: str) -> FieldKind:
    """How a column is filled in (the same column key means the same in each)."""
    if column in _CHOICES:
        return "choice"
    if column in _DATES:
        return "date"
    if column in _NUMBERS:
        return "number"
    if column in _BOOLEANS:
        return "boolean"
    return "text"


def _choices(column: str, language: Language) -> tuple[str, ...]:
    index = 0 if language == "nb" else 1
    if column in _CHOICES:
        return tuple(pair[index] for pair in _CHOICES[column])
    if column in _BOOLEANS:
        return ("ja", "nei") if language == "nb" else ("yes", "no")
    return ()
