"""The profile-text part of the text section: each text checked, then all together.

Per text (docs/sections/text.md): its length against the platform's limit
(:mod:`profile_limits`), the elements it carries (:mod:`profile_elements`), its
language (:mod:`text_language`), its LIX (:mod:`readability`) and whether it has
gone stale. Across texts: names, handles, brand terms and facts
(:mod:`profile_consistency`), and channels in ``fokus.toml`` with no text at all.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from fokus.analyses.profile_consistency import (
    contradictions,
    handles,
    name_forms,
    term_uses,
)
from fokus.analyses.profile_elements import EXPECTED, Element, elements, old_years
from fokus.analyses.profile_limits import length, limit_for
from fokus.analyses.readability import TOO_HARD, band, lix
from fokus.analyses.text_language import Detected, TextLanguage, detect_language
from fokus.config import WorkspaceConfig
from fokus.i18n import MessageKey
from fokus.model.results import Column, Finding, Param, Table
from fokus.model.vocab import Severity
from fokus.registers.profiles import ProfileText

STALE_DAYS = 365
"""A text not changed for longer than this is due a read-through."""
SEVERITY: Mapping[Element, Severity] = {
    "who": "warning",
    "contact": "warning",
    "what": "notice",
    "where": "notice",
    "cta": "info",
}
"""A text that does not say whose profile it is, or how to get in touch, fails
its reader; one without a place or a call to action is weaker, not wrong."""


@dataclass(frozen=True, slots=True)
class Checked:
    """One profile text and what the checks found."""

    text: ProfileText
    chars: int
    limit: int | None
    found: Mapping[Element, bool]
    language: Detected | None
    lix: float | None


def _where(text: ProfileText) -> dict[str, Param]:
    return {
        "platform": MessageKey(f"platform.{text.platform}"),
        "field": MessageKey(f"section.text.field.{text.field}"),
        "account": text.account or "–",
    }


def check_texts(texts: Sequence[ProfileText], names: Sequence[str]) -> list[Checked]:
    """Every text checked on its own; a link field of the same profile gives the
    other texts of that profile their contact."""
    linked = {(t.platform, t.account.casefold()) for t in texts if t.field == "link"}
    out = []
    for t in texts:
        limit = limit_for(t.platform, t.field)
        is_linked = (t.platform, t.account.casefold()) in linked
        out.append(
            Checked(
                t,
                length(t.text),
                None if limit is None else limit.chars,
                elements(t.text, names, linked=is_linked and t.field != "link"),
                None if t.field in ("name", "link") else detect_language(t.text, names),
                lix(t.text).value if t.field not in ("name", "link") else None,
            )
        )
    return out


def usual_language(
    checked: Sequence[Checked], workspace: TextLanguage
) -> TextLanguage | None:
    """The language most register texts are in; a tie goes to the workspace's."""
    counts = Counter(
        c.language.language
        for c in checked
        if c.language is not None and c.text.source == "register"
    )
    if not counts:
        return None
    top = max(counts.values())
    leaders = sorted(lang for lang, n in counts.items() if n == top)
    return workspace if workspace in leaders else leaders[0]


def text_findings(
    checked: Sequence[Checked], config: WorkspaceConfig, today: dt.date
) -> list[Finding]:
    """What is wrong with each text, in the register's order."""
    usual = usual_language(checked, config.language)
    findings: list[Finding] = []
    for c in checked:
        where = _where(c.text)
        if c.limit is not None and c.chars > c.limit:
            findings.append(
                Finding(
                    "finding.text.over_limit",
                    "warning",
                    where
                    | {"chars": c.chars, "limit": c.limit, "over": c.chars - c.limit},
                )
            )
        if c.text.source == "export":
            continue
        findings.extend(_element_findings(c, where))
        if c.language is not None and usual and c.language.language != usual:
            findings.append(
                Finding(
                    "finding.text.other_language",
                    "notice",
                    where
                    | {
                        "written_in": MessageKey(
                            f"section.text.language.{c.language.language}"
                        ),
                        "usual": MessageKey(f"section.text.language.{usual}"),
                    },
                )
            )
        if c.lix is not None and c.lix >= TOO_HARD:
            findings.append(
                Finding(
                    "finding.text.hard_to_read",
                    "notice",
                    where
                    | {
                        "lix": round(c.lix, 1),
                        "band": MessageKey(f"section.text.lix.{band(c.lix)}"),
                    },
                )
            )
        findings.extend(_stale(c.text, where, today))
    return findings


def _element_findings(c: Checked, where: dict[str, Param]) -> list[Finding]:
    """One finding per element the field should carry and the text lacks."""
    missing = [e for e in EXPECTED[c.text.field] if not c.found[e]]
    if c.text.field == "link":
        return (
            [Finding("finding.text.link_not_address", "notice", where)]
            if missing
            else []
        )
    return [Finding(f"finding.text.no_{e}", SEVERITY[e], where) for e in missing]


def _stale(text: ProfileText, where: dict[str, Param], today: dt.date) -> list[Finding]:
    years = old_years(text.text, today)
    updated = text.last_updated
    if years:
        shown = ", ".join(str(y) for y in years)
        if updated is not None:
            return [
                Finding(
                    "finding.text.old_year_updated",
                    "warning",
                    where | {"years": shown, "updated": updated},
                )
            ]
        return [Finding("finding.text.old_year", "warning", where | {"years": shown})]
    if updated is not None and (today - updated).days > STALE_DAYS:
        return [
            Finding(
                "finding.text.not_updated",
                "notice",
                where | {"updated": updated, "days": (today - updated).days},
            )
        ]
    return []


def consistency_findings(
    texts: Sequence[ProfileText], config: WorkspaceConfig
) -> list[Finding]:
    """Names written differently, handles, unused brand terms, contradictions,
    and planned channels without a profile text."""
    names = _names(config)
    findings: list[Finding] = []
    findings.extend(
        Finding(
            "finding.text.name_variant",
            "warning",
            {
                "form": form.form,
                "reference": form.reference,
                "platform": MessageKey(f"platform.{platform}"),
                "n": sum(t.platform == platform for t in form.places),
            },
        )
        for form in name_forms(names, texts)
        if not form.matches
        for platform in dict.fromkeys(t.platform for t in form.places)
    )
    found = handles(texts)
    if len(found) > 1:
        findings.append(
            Finding(
                "finding.text.handles_differ",
                "info",
                {"handles": ", ".join(found), "n": len(found)},
            )
        )
    register = [t for t in texts if t.source == "register"]
    findings.extend(
        Finding("finding.text.brand_term_unused", "info", {"term": use.term})
        for use in term_uses(config.brand_terms, register)
        if register and not use.texts
    )
    for c in contradictions(register):
        first_value, first = c.values[0]
        for value, other in c.values[1:]:
            if value == first_value:
                continue
            key = (
                "finding.text.contradiction"
                if c.kind == "count"
                else f"finding.text.contacts_differ_{c.kind}"
            )
            findings.append(
                Finding(
                    key,
                    "warning" if c.kind == "count" else "info",
                    {
                        "about": c.about,
                        "value_a": first_value,
                        "platform_a": MessageKey(f"platform.{first.platform}"),
                        "field_a": MessageKey(f"section.text.field.{first.field}"),
                        "value_b": value,
                        "platform_b": MessageKey(f"platform.{other.platform}"),
                        "field_b": MessageKey(f"section.text.field.{other.field}"),
                    },
                )
            )
    covered = {t.platform for t in register}
    for channel in config.channels:
        if channel.role != "shelved" and channel.platform not in covered and register:
            covered.add(channel.platform)
            findings.append(
                Finding(
                    "finding.text.no_profile_text",
                    "notice",
                    {
                        "platform": MessageKey(f"platform.{channel.platform}"),
                        "account": channel.account,
                    },
                )
            )
    return findings


def _names(config: WorkspaceConfig) -> list[str]:
    return list(dict.fromkeys([config.organisation, *config.brand_terms]))


def brand_names(config: WorkspaceConfig) -> list[str]:
    """The organisation's name and brand terms: what "who" looks for."""
    return _names(config)


def _yes(value: bool) -> str:
    return "section.text.yes" if value else "section.text.no"


def profiles_table(checked: Sequence[Checked]) -> Table:
    """One row per text: length and limit, language, LIX, elements, last change."""
    rows: list[tuple[Param, ...]] = []
    for c in checked:
        expected = EXPECTED[c.text.field]
        marks = tuple(
            _yes(c.found[e]) if e in expected else "section.text.not_expected"
            for e in ("who", "what", "where", "contact", "cta")
        )
        rows.append((
            f"platform.{c.text.platform}", c.text.account,
            f"section.text.field.{c.text.field}",
            f"section.text.source.{c.text.source}", c.chars, c.limit,
            None if c.language is None
            else f"section.text.language.{c.language.language}",
            None if c.lix is None else round(c.lix, 1),
            None if c.lix is None else f"section.text.lix.{band(c.lix)}",
            *marks, c.text.last_updated,
        ))  # fmt: skip
    return Table(
        "text.profiles",
        "table.text.profiles",
        (
            Column("platform", "column.platform", "label"),
            Column("account", "column.account"),
            Column("field", "column.text.field", "label"),
            Column("source", "column.text.source", "label"),
            Column("chars", "column.text.chars", "integer"),
            Column("limit", "column.text.limit", "integer"),
            Column("language", "column.text.language", "label"),
            Column("lix", "column.text.lix", "number"),
            Column("lix_band", "column.text.lix_band", "label"),
            Column("who", "column.text.who", "label"),
            Column("what", "column.text.what", "label"),
            Column("where", "column.text.where", "label"),
            Column("contact", "column.text.contact", "label"),
            Column("cta", "column.text.cta", "label"),
            Column("last_updated", "column.text.last_updated", "date"),
        ),
        tuple(rows),
    )


def names_table(texts: Sequence[ProfileText], config: WorkspaceConfig) -> Table:
    """Every place a name is written, and whether it is written as in fokus.toml."""
    rows = tuple(
        (form.reference, form.form, _yes(form.matches), f"platform.{t.platform}",
         f"section.text.field.{t.field}", t.account,
         f"section.text.source.{t.source}")
        for form in name_forms(_names(config), texts)
        for t in form.places
    )  # fmt: skip
    return Table(
        "text.names",
        "table.text.names",
        (
            Column("reference", "column.text.reference"),
            Column("form", "column.text.form"),
            Column("matches", "column.text.matches", "label"),
            Column("platform", "column.platform", "label"),
            Column("field", "column.text.field", "label"),
            Column("account", "column.account"),
            Column("source", "column.text.source", "label"),
        ),
        rows,
    )


def terms_table(texts: Sequence[ProfileText], config: WorkspaceConfig) -> Table:
    register = [t for t in texts if t.source == "register"]
    rows = tuple(
        (use.term, len(use.texts), len(register))
        for use in term_uses(config.brand_terms, register)
    )
    return Table(
        "text.brand_terms",
        "table.text.brand_terms",
        (
            Column("term", "column.text.term"),
            Column("texts", "column.text.texts_with_term", "integer"),
            Column("n", "column.text.texts", "integer"),
        ),
        rows,
    )
