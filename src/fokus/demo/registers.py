"""The demo's five registers for Fjordvik kommune, filled in, with planted problems.

The rows are fixed data; every date is counted back from ``today``, so the problems
hold for any demo date. Values are written the way the team would write them in the
workspace language (bokmål or English). Planted problems, for the analyses to find
(cells named in bokmål / English):

access.csv (18 rows)
  * Former employee still admin: Tor Eide, *tidligere ansatt* / *former staff*,
    full control of the Facebook page, ended 300 days before today.
  * Agency with full control and no end date: Fjordlys Reklame AS, *byrå* /
    *agency*, full control of the business portfolio, *Sluttdato* / *End date*
    empty.
  * Without two-factor: Sigrid Lunde (full control of the Facebook page) and Henrik
    Aas (the ad account), on account and profile; Nora Vik's personal profile (her
    editor access to the page); Aisha Rahman on TikTok is *vet ikke* / *unknown*.
  * One asset with a single admin: the ad account (Henrik Aas), who is also the
    only one who can spend on it.
  * Too many with full control: six on the Facebook page.
  * Public email domain: Ola Dahl, *frilanser* / *freelancer*, gmail.com.
  * Inactive: Magnus Hauge on LinkedIn, last active 430 days before today.

ai_tools.csv (8 rows)
  * Three overlapping text tools: ChatGPT Plus, Microsoft Copilot and Gemini, all
    *tekst* / *text* for drafting post copy; Gemini is used monthly for 1 hour.
  * Personal data without a data processing agreement: Svarhjelp suggests replies
    to residents' messages, personal data *ja* / *yes*, agreement *vet ikke* /
    *unknown*.
  * Paid, no value: Opus Clip, 1150 kr a month, 0 hours saved, used rarely.
  * No owner: DeepL Pro, empty *Ansvarlig* / *Owner*.

time_use.csv (4 rows)
  * 41 hours saved a month, 25 planned across the seven areas: 16 unallocated
    (10 of them from drafting copy); nothing planned for prioritisation or
    relationships.

profiles.csv (5 rows; found by the text section, docs/sections/text.md)
  * Instagram bio over 150 characters (@fjordvik_kommune).
  * No place: the Instagram bio ("fra hele kommunen" / "from all over the
    municipality") and the Facebook *om oss* / *about* never say where the
    municipality is; the LinkedIn and TikTok texts do ("på Vestlandet", "i
    Fjordvik").
  * Facebook *om oss* / *about* without contact details (no phone, e-mail or web
    address); the Facebook *beskrivelse* / *description* has none either, and it
    does not name the municipality.
  * Inconsistent name: the LinkedIn page is "Fjordvik Kommune" (capital K), the
    other channels say "Fjordvik kommune".
  * Wrong language: the LinkedIn *om oss* / *about* is in English in the bokmål
    set, in bokmål in the English set.
  * Outdated opening hours: the Facebook description gives summer opening hours
    for ``today.year - 2``, last updated 28 May of that year.
  * Handles differ: @fjordvik_kommune on Instagram, @fjordvik.kommune on TikTok.

experiments.csv (3 rows)
  * "Publisering kl. 07" / "Posting at 7 am" has no metric (empty *Måltall*).
  * "Lenke i kommentar" / "Link in comment" runs on Facebook while the 7 am test
    still runs there (overlapping periods on the same channel).
  * "Ansatte i reels" / "Staff in reels" on Instagram is set up properly: one
    hypothesis, one metric chosen in advance, A/B, eight weeks, a decision, and
    variants fokus can find (reels in odd weeks against reels in even weeks) —
    but eight weeks of reels are too few posts to decide.
  * Variants are written with the markers docs/registers.md describes
    (``format: reel``, ``oddetallsuker`` / ``odd weeks``, ``kl. 07`` / ``7 am``),
    so "do less, but better" can find each arm's posts.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from fokus.files import write_atomically
from fokus.i18n import Language
from fokus.registers.templates import REGISTERS, RegisterKey, render_register

Text = tuple[str, str]
"""A value in (bokmål, English)."""
Row = dict[str, str]

# Short values the team writes in its own language; anything not here is the same
# in both (names, roles in the platforms' own words, platform names).
_EN: dict[str, str] = {
    "ja": "yes", "nei": "no", "vet ikke": "unknown",
    "ansatt": "staff", "byrå": "agency", "tidligere ansatt": "former staff",
    "frilanser": "freelancer",
    "side": "page", "konto": "account", "annonsekonto": "ad account",
    "virksomhetsportefølje": "business portfolio", "betalingsmåte": "payment method",
    "full kontroll": "full control", "redaktør": "editor", "analytiker": "analyst",
    "annonsør": "advertiser",
    "tekst": "text", "bilde": "image", "kundedialog": "customer dialogue",
    "oversettelse": "translation",
    "daglig": "daily", "ukentlig": "weekly", "månedlig": "monthly",
    "sjeldnere": "rarely",
    "om oss": "about", "beskrivelse": "description",
}  # fmt: skip

_FJ, _GMAIL, _AGENCY = "fjordvik.kommune.no", "gmail.com", "fjordlys.no"
_PAGE, _IG, _TT = "Fjordvik kommune", "@fjordvik_kommune", "@fjordvik.kommune"
_BP, _AD = "Fjordvik kommune (Meta)", "Fjordvik kommune – annonser"

# (person, email domain, relation, platform, asset, asset type, role, two-factor on
# the account, on the personal profile, last active days ago, ended days ago)
_ACCESS: tuple[
    tuple[str, str, str, str, str, str, str, str, str, int, int | None], ...
] = (
    ("Ingrid Solberg", _FJ, "ansatt", "Facebook", _PAGE, "side", "full kontroll",
     "ja", "ja", 2, None),
    ("Magnus Hauge", _FJ, "ansatt", "Facebook", _PAGE, "side", "full kontroll",
     "ja", "ja", 20, None),
    ("Sigrid Lunde", _FJ, "ansatt", "Facebook", _PAGE, "side", "full kontroll",
     "nei", "nei", 9, None),
    ("Jonas Berg", _FJ, "ansatt", "Facebook", _PAGE, "side", "full kontroll",
     "ja", "ja", 5, None),
    ("Tor Eide", _FJ, "tidligere ansatt", "Facebook", _PAGE, "side",
     "full kontroll", "ja", "ja", 310, 300),
    ("Aisha Rahman", _FJ, "ansatt", "Facebook", _PAGE, "side", "full kontroll",
     "ja", "ja", 8, None),
    ("Nora Vik", _FJ, "ansatt", "Facebook", _PAGE, "side", "redaktør",
     "ja", "nei", 4, None),
    ("Ingrid Solberg", _FJ, "ansatt", "Instagram", _IG, "konto", "admin",
     "ja", "ja", 2, None),
    ("Aisha Rahman", _FJ, "ansatt", "Instagram", _IG, "konto", "admin",
     "ja", "ja", 8, None),
    ("Ola Dahl", _GMAIL, "frilanser", "Instagram", _IG, "konto", "redaktør",
     "ja", "ja", 40, None),
    ("Ingrid Solberg", _FJ, "ansatt", "Facebook", _BP, "virksomhetsportefølje",
     "full kontroll", "ja", "ja", 30, None),
    ("Fjordlys Reklame AS", _AGENCY, "byrå", "Facebook", _BP,
     "virksomhetsportefølje", "full kontroll", "ja", "ja", 14, None),
    ("Henrik Aas", _FJ, "ansatt", "Facebook", _AD, "annonsekonto", "admin",
     "nei", "nei", 25, None),
    ("Ingrid Solberg", _FJ, "ansatt", "Facebook", _AD, "annonsekonto",
     "analytiker", "ja", "ja", 30, None),
    ("Magnus Hauge", _FJ, "ansatt", "LinkedIn", _PAGE, "side", "superadmin",
     "ja", "ja", 430, None),
    ("Jonas Berg", _FJ, "ansatt", "LinkedIn", _PAGE, "side", "superadmin",
     "ja", "ja", 12, None),
    ("Aisha Rahman", _FJ, "ansatt", "TikTok", _TT, "konto", "admin",
     "vet ikke", "vet ikke", 9, None),
    ("Jonas Berg", _FJ, "ansatt", "TikTok", _TT, "konto", "admin",
     "ja", "ja", 6, None),
)  # fmt: skip

# (tool, category, used for, owner, users, NOK a month, hours saved a month, days in
# use, how often, personal data, data processing agreement)
_AI_TOOLS: tuple[
    tuple[str, str, Text, str, int, int, float, int, str, str, str], ...
] = (
    ("ChatGPT Plus", "tekst", ("Utkast til innleggstekster", "Drafting post copy"),
     "Ingrid Solberg", 4, 920, 12, 640, "daglig", "nei", "ja"),
    ("Microsoft Copilot", "tekst", ("Utkast til innleggstekster og nyhetssaker",
                                    "Drafting post copy and news stories"),
     "Magnus Hauge", 6, 0, 5, 300, "ukentlig", "nei", "ja"),
    ("Gemini", "tekst", ("Forslag til overskrifter og innleggstekster",
                         "Suggesting headlines and post copy"),
     "Sigrid Lunde", 2, 240, 1, 90, "månedlig", "nei", "vet ikke"),
    ("Canva Pro", "bilde", ("Bilder og grafikk til innlegg",
                            "Images and graphics for posts"),
     "Aisha Rahman", 5, 1200, 10, 700, "daglig", "nei", "ja"),
    ("Descript", "video", ("Teksting og klipping av video",
                           "Subtitling and editing video"),
     "Jonas Berg", 2, 480, 6, 420, "ukentlig", "nei", "ja"),
    ("Svarhjelp", "kundedialog",
     ("Svarforslag på meldinger og spørsmål fra innbyggere",
      "Suggested replies to messages and questions from residents"),
     "Sigrid Lunde", 3, 0, 8, 150, "daglig", "ja", "vet ikke"),
    ("Opus Clip", "video", ("Korte klipp fra lange videoer",
                            "Short clips from long videos"),
     "Jonas Berg", 1, 1150, 0, 250, "sjeldnere", "nei", "ja"),
    ("DeepL Pro", "oversettelse", ("Oversetting av innlegg til engelsk",
                                   "Translating posts to English"),
     "", 3, 300, 3, 500, "ukentlig", "nei", "ja"),
)  # fmt: skip

_AREAS = (
    "analysis", "creative", "prioritisation", "relationships", "human_content",
    "dialogue", "reuse",
)  # fmt: skip

# (task, hours saved a month, planned hours for each of _AREAS)
_TIME_USE: tuple[tuple[Text, float, tuple[float, ...]], ...] = (
    (("Utkast til tekster med KI", "Drafting copy with AI"), 17,
     (2, 3, 0, 0, 2, 0, 0)),
    (("Teksting og klipping av video", "Captioning and editing video"), 6,
     (0, 0, 0, 0, 3, 0, 1)),
    (("Bilder og grafikk", "Images and graphics"), 10, (0, 4, 0, 0, 0, 0, 2)),
    (("Svarforslag på meldinger", "Suggested replies to messages"), 8,
     (0, 0, 0, 0, 0, 8, 0)),
)  # fmt: skip

_LINKEDIN_ABOUT: Text = (
    "Fjordvik Kommune er en kommune på Vestlandet med 14 000 innbyggere og 1 200 "
    "ansatte. Vi jobber for et godt liv for alle i Fjordvik. Ledige stillinger: "
    "fjordvik.kommune.no/jobb",
    "Fjordvik Kommune is a municipality on the west coast of Norway with 14,000 "
    "inhabitants and 1,200 employees. We work for a good life for everyone in "
    "Fjordvik. Vacancies: fjordvik.kommune.no/jobb",
)


def _profiles(today: dt.date) -> tuple[tuple[str, str, str, Text, dt.date], ...]:
    """(platform, account, field, text, last updated) for each profile text."""
    old = today.year - 2
    return (
        ("Facebook", "Fjordvik kommune", "om oss", (
            "Offisiell side for Fjordvik kommune. Her finner du nyheter, "
            "arrangementer og viktig informasjon fra kommunen.",
            "The official page of Fjordvik kommune. News, events and important "
            "information from the municipality.",
        ), today - dt.timedelta(days=400)),
        ("Facebook", "Fjordvik kommune", "beskrivelse", (
            "Servicetorget i rådhuset hjelper deg med søknader, byggesaker og "
            "spørsmål om kommunale tjenester. Åpningstider sommeren "
            f"{old}: mandag–fredag 09.00–14.00.",
            "The service centre at the town hall helps with applications, "
            "building permits and questions about municipal services. Opening "
            f"hours summer {old}: Monday–Friday 09:00–14:00.",
        ), dt.date(old, 5, 28)),
        ("Instagram", "@fjordvik_kommune", "bio", (
            "Offisiell Instagram for Fjordvik kommune 🌊 Bilder, nyheter og "
            "arrangementer fra hele kommunen – fra fjorden til fjellet. Tagg oss "
            "med #fjordvik! Spørsmål? Send oss en melding 💬 fjordvik.kommune.no",
            "The official Instagram of Fjordvik kommune 🌊 Photos, news and events "
            "from all over the municipality – from the fjord to the mountains. Tag "
            "us with #fjordvik! Questions? Send us a message 💬 fjordvik.kommune.no",
        ), today - dt.timedelta(days=90)),
        ("LinkedIn", "Fjordvik Kommune", "om oss",
         (_LINKEDIN_ABOUT[1], _LINKEDIN_ABOUT[0]), today - dt.timedelta(days=250)),
        ("TikTok", "@fjordvik.kommune", "bio", (
            "Livet i Fjordvik kommune 🏔️ Jobb, kultur og tur 👇 fjordvik.kommune.no",
            "Life in Fjordvik kommune 🏔️ Jobs, culture, hiking 👇 fjordvik.kommune.no",
        ), today - dt.timedelta(days=200)),
    )  # fmt: skip


# (name, hypothesis, metric, platform, variant A, variant B, start and end days ago,
# decision)
_EXPERIMENTS: tuple[tuple[Text, Text, Text, str, Text, Text, int, int, Text], ...] = (
    (("Ansatte i reels", "Staff in reels"),
     ("Reels der en ansatt snakker rett til kamera, gir mer engasjement enn reels "
      "med bare tekst og musikk",
      "Reels with a staff member talking to camera get more engagement than reels "
      "with only text and music"),
     ("engasjementsrate", "engagement rate"), "Instagram",
     ("Tekst og musikk (format: reel, partallsuker)",
      "Text and music (format: reel, even weeks)"),
     ("Ansatt snakker til kamera (format: reel, oddetallsuker)",
      "Staff member talking to camera (format: reel, odd weeks)"), 250, 195,
     ("Lag flere reels med ansatte", "Make more reels with staff")),
    (("Publisering kl. 07", "Posting at 7 am"),
     ("Innlegg som publiseres tidlig om morgenen, når flere enn innlegg midt på "
      "dagen",
      "Posts published early in the morning reach more people than posts at "
      "midday"),
     ("", ""), "Facebook", ("Publisere kl. 12", "Post at 12 noon"),
     ("Publisere kl. 07", "Post at 7 am"), 150, 95,
     ("Uklart resultat, fortsetter som før", "Unclear result, carry on as before")),
    (("Lenke i kommentar", "Link in comment"),
     ("Innlegg med lenken i første kommentar når flere enn innlegg med lenken i "
      "teksten",
      "Posts with the link in the first comment reach more people than posts "
      "with the link in the text"),
     ("rekkevidde", "reach"), "Facebook", ("Lenke i teksten (partallsuker)", "Link in the text (even weeks)"),
     ("Lenke i første kommentar (oddetallsuker)",
      "Link in the first comment (odd weeks)"), 120, 60,
     ("Legg lenker i første kommentar", "Put links in the first comment")),
)  # fmt: skip


def _word(value: str, language: Language) -> str:
    return _EN.get(value, value) if language == "en" else value


def _text(value: Text, language: Language) -> str:
    return value[0] if language == "nb" else value[1]


def _date(value: dt.date, language: Language) -> str:
    return value.strftime("%d.%m.%Y") if language == "nb" else value.isoformat()


def _number(value: float, language: Language) -> str:
    written = f"{value:g}"
    return written.replace(".", ",") if language == "nb" else written


def demo_register_rows(
    language: Language, today: dt.date
) -> dict[RegisterKey, tuple[Row, ...]]:
    """Every demo register's rows, cells keyed by column and written for language."""

    def ago(days: int) -> str:
        return _date(today - dt.timedelta(days=days), language)

    access = tuple(
        {"person": person, "email_domain": domain,
         "relation": _word(relation, language), "platform": platform,
         "asset": asset, "asset_type": _word(kind, language),
         "role": _word(role, language),
         "two_factor_account": _word(account, language),
         "two_factor_profile": _word(profile, language), "last_active": ago(active),
         "end_date": "" if ended is None else ago(ended)}
        for person, domain, relation, platform, asset, kind, role, account, profile,
        active, ended in _ACCESS
    )  # fmt: skip
    ai_tools = tuple(
        {"tool": tool, "category": _word(category, language),
         "used_for": _text(used_for, language), "owner": owner, "users": str(users),
         "cost_per_month": _number(cost, language),
         "hours_saved_per_month": _number(hours, language), "in_use_since": ago(days),
         "frequency": _word(frequency, language),
         "personal_data": _word(personal, language),
         "data_processing_agreement": _word(agreement, language)}
        for tool, category, used_for, owner, users, cost, hours, days, frequency,
        personal, agreement in _AI_TOOLS
    )  # fmt: skip
    time_use = tuple(
        {"task": _text(task, language),
         "hours_saved_per_month": _number(saved, language),
         **{area: _number(hours, language) for area, hours in zip(
             _AREAS, planned, strict=True)}}
        for task, saved, planned in _TIME_USE
    )  # fmt: skip
    profiles = tuple(
        {"platform": platform, "account": account, "field": _word(field, language),
         "text": _text(text, language), "last_updated": _date(updated, language)}
        for platform, account, field, text, updated in _profiles(today)
    )  # fmt: skip
    experiments = tuple(
        {"name": _text(name, language), "hypothesis": _text(hypothesis, language),
         "metric": _text(metric, language), "platform": platform,
         "variant_a": _text(a, language), "variant_b": _text(b, language),
         "start": ago(start), "end": ago(end), "decision": _text(decision, language)}
        for name, hypothesis, metric, platform, a, b, start, end, decision
        in _EXPERIMENTS
    )  # fmt: skip
    return {
        "access": access,
        "ai_tools": ai_tools,
        "time_use": time_use,
        "profiles": profiles,
        "experiments": experiments,
    }


def write_demo_registers(
    registers_dir: Path, language: Language, *, today: dt.date = dt.date(2026, 11, 20)
) -> tuple[Path, ...]:
    """Write the five registers into registers_dir, overwriting what is there (the
    demo owns its workspace); return their paths in the order of ``REGISTERS``.

    Same language+today → byte-identical files, in the templates' CSV dialect.
    """
    rows = demo_register_rows(language, today)
    paths: list[Path] = []
    for register in REGISTERS:
        path = registers_dir / register.filename
        write_atomically(path, render_register(register, rows[register.key], language))
        paths.append(path)
    return tuple(paths)
