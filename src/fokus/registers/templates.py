"""The five registers a team keeps by hand, and the CSV templates ``fokus init`` writes.

A template is a header row and one example row, written so that a double click opens
it in Norwegian Excel with the columns split and æøå intact: ``;`` between fields, a
byte order mark (without it Excel reads UTF-8 as Windows-1252), decimal commas and
``25.03.2026`` dates. The English template keeps the BOM for the same reason, with
``,``, decimal points and ISO dates. A register has one file name in both languages,
so a workspace can change language without renaming files. They are read by
:mod:`fokus.registers.reader`; this module says what they contain (docs/registers.md).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, get_args

from fokus.errors import ExitCode, FokusError
from fokus.files import write_atomically
from fokus.i18n import Language

RegisterKey = Literal["access", "ai_tools", "time_use", "profiles", "experiments"]
REGISTER_KEYS: tuple[RegisterKey, ...] = get_args(RegisterKey)


@dataclass(frozen=True, slots=True)
class RegisterColumn:
    """One column: a stable key, its header and an example value in each language.

    ``help_key`` names the catalog text that explains what to write in the column.
    """

    key: str
    header_nb: str
    header_en: str
    example_nb: str
    example_en: str
    help_key: str

    def header(self, language: Language) -> str:
        return self.header_nb if language == "nb" else self.header_en

    def example(self, language: Language) -> str:
        return self.example_nb if language == "nb" else self.example_en


@dataclass(frozen=True, slots=True)
class RegisterTemplate:
    """One register: its key, its file name in ``registers/``, its columns, and the
    columns without which none of its rows can be read."""

    key: RegisterKey
    filename: str
    columns: tuple[RegisterColumn, ...]
    required: tuple[str, ...]


def _register(
    key: RegisterKey, required: tuple[str, ...], *rows: tuple[str, str, str, str, str]
) -> RegisterTemplate:
    """A register from rows of (column key, header nb, header en, example nb, en)."""
    return RegisterTemplate(
        key=key,
        filename=f"{key}.csv",
        columns=tuple(
            RegisterColumn(
                column, head_nb, head_en, ex_nb, ex_en, f"register.{key}.{column}.help"
            )
            for column, head_nb, head_en, ex_nb, ex_en in rows
        ),
        required=required,
    )


REGISTERS: tuple[RegisterTemplate, ...] = (
    _register(
        "access",
        ("person", "platform", "asset", "role"),
        ("person", "Person", "Person", "Kari Nordmann", "Kari Nordmann"),
        (
            "email_domain",
            "E-postdomene",
            "Email domain",
            "eksempel.kommune.no",
            "example-council.org",
        ),
        ("relation", "Tilknytning", "Relation", "ansatt", "staff"),
        ("platform", "Plattform", "Platform", "Facebook", "Facebook"),
        (
            "asset",
            "Konto eller side",
            "Account or page",
            "Eksempel kommune",
            "Example Council",
        ),
        ("asset_type", "Type", "Asset type", "side", "page"),
        ("role", "Rolle", "Role", "full kontroll", "full control"),
        (
            "two_factor_account",
            "Tofaktor på kontoen",
            "Two-factor on account",
            "ja",
            "yes",
        ),
        (
            "two_factor_profile",
            "Tofaktor på personlig profil",
            "Two-factor on personal profile",
            "ja",
            "yes",
        ),
        ("last_active", "Sist aktiv", "Last active", "25.03.2026", "2026-03-25"),
        ("end_date", "Sluttdato", "End date", "", ""),
    ),
    _register(
        "ai_tools",
        ("tool",),
        ("tool", "Verktøy", "Tool", "ChatGPT", "ChatGPT"),
        ("category", "Formål", "Purpose category", "tekst", "text"),
        (
            "used_for",
            "Brukes til",
            "Used for",
            "Utkast til innleggstekster",
            "Drafting post copy",
        ),
        ("owner", "Ansvarlig", "Owner", "Kari Nordmann", "Kari Nordmann"),
        ("users", "Antall brukere", "Number of users", "3", "3"),
        (
            "cost_per_month",
            "Kostnad per måned (kr)",
            "Cost per month (NOK)",
            "312,50",
            "312.50",
        ),
        (
            "hours_saved_per_month",
            "Timer spart per måned",
            "Hours saved per month",
            "6,5",
            "6.5",
        ),
        ("in_use_since", "I bruk siden", "In use since", "01.09.2025", "2025-09-01"),
        ("frequency", "Hvor ofte brukt", "How often used", "ukentlig", "weekly"),
        (
            "personal_data",
            "Behandler personopplysninger",
            "Processes personal data",
            "nei",
            "no",
        ),
        (
            "data_processing_agreement",
            "Databehandleravtale",
            "Data processing agreement",
            "vet ikke",
            "unknown",
        ),
    ),
    _register(
        "time_use",
        ("task", "hours_saved_per_month"),
        (
            "task",
            "Oppgave",
            "Task",
            "Utkast til tekster med KI",
            "Drafting copy with AI",
        ),
        (
            "hours_saved_per_month",
            "Timer spart per måned",
            "Hours saved per month",
            "8",
            "8",
        ),
        ("analysis", "Analyse", "Analysis", "2", "2"),
        ("creative", "Kreativt arbeid", "Creative work", "1,5", "1.5"),
        ("prioritisation", "Prioritering", "Prioritisation", "0", "0"),
        ("relationships", "Relasjoner", "Relationships", "1", "1"),
        ("human_content", "Menneskelig innhold", "Human content", "2", "2"),
        ("dialogue", "Dialog", "Dialogue", "1,5", "1.5"),
        ("reuse", "Gjenbruk", "Reuse of what works", "0", "0"),
    ),
    _register(
        "profiles",
        ("platform", "field", "text"),
        ("platform", "Plattform", "Platform", "Instagram", "Instagram"),
        ("account", "Konto", "Account", "@eksempelkommune", "@examplecouncil"),
        ("field", "Felt", "Field", "bio", "bio"),
        (
            "text",
            "Tekst",
            "Text",
            "Nyheter, arrangementer og tjenester fra Eksempel kommune. "
            "Spør oss gjerne her – vi svarer på hverdager.",
            "News, events and services from Example Council. "
            "Ask us here – we reply on weekdays.",
        ),
        ("last_updated", "Sist oppdatert", "Last updated", "12.01.2026", "2026-01-12"),
    ),
    _register(
        "experiments",
        ("name", "platform", "variant_b", "start"),
        ("name", "Navn", "Name", "Ansatte i reels", "Staff in reels"),
        (
            "hypothesis",
            "Hypotese",
            "Hypothesis",
            "Reels der en ansatt snakker rett til kamera, gir mer engasjement "
            "enn reels med bare tekst og musikk",
            "Reels with a staff member talking to camera get more engagement "
            "than reels with only text and music",
        ),
        ("metric", "Måltall", "Metric", "engasjementsrate", "engagement rate"),
        ("platform", "Plattform", "Platform", "Instagram", "Instagram"),
        ("variant_a", "Variant A", "Variant A", "Tekst og musikk", "Text and music"),
        (
            "variant_b",
            "Variant B",
            "Variant B",
            "Ansatt snakker til kamera",
            "Staff member talking to camera",
        ),
        ("start", "Start", "Start", "02.03.2026", "2026-03-02"),
        ("end", "Slutt", "End", "26.04.2026", "2026-04-26"),
        (
            "decision",
            "Beslutning",
            "Decision",
            "Lag flere reels med ansatte",
            "Make more reels with staff",
        ),
    ),
)
"""Every register, in the order the review uses them."""


def render_register(
    register: RegisterTemplate,
    rows: Iterable[Mapping[str, str]],
    language: Language,
) -> bytes:
    """A register file's bytes: BOM, header row, one line per row, CRLF line ends.

    Each row maps every column key of the register to its cell, already written the
    language's way (decimal mark, date form); raises ``ValueError`` if a row's keys
    are not exactly the register's columns.
    """
    keys = [column.key for column in register.columns]
    buffer = io.StringIO(newline="")
    # Excel writes and expects CRLF; ";" because "," is the Norwegian decimal mark.
    writer = csv.writer(
        buffer, delimiter=";" if language == "nb" else ",", lineterminator="\r\n"
    )
    writer.writerow(column.header(language) for column in register.columns)
    for row in rows:
        if sorted(row) != sorted(keys):
            raise ValueError(f"{register.key}: row keys {sorted(row)} != {keys}")
        writer.writerow(row[key] for key in keys)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def render_register_template(register: RegisterTemplate, language: Language) -> bytes:
    """The template file's bytes: BOM, header row, one example row, CRLF line ends."""
    example = {column.key: column.example(language) for column in register.columns}
    return render_register(register, (example,), language)


def write_register_template(
    register: RegisterTemplate, folder: Path, language: Language
) -> Path:
    """Write ``folder/<register>.csv`` and return its path; never overwrite a file.

    Raises ``FokusError`` if the file exists (it may hold the team's own rows) and
    ``OSError`` if the folder cannot be written to.
    """
    path = folder / register.filename
    if path.exists():
        raise FokusError(
            "register.template_exists",
            "register.template_exists.hint",
            ExitCode.BAD_INPUT,
            path=str(path),
        )
    write_atomically(path, render_register_template(register, language))
    return path
