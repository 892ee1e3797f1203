"""The demo's five registers for Fjordvik kommune, filled in, with planted problems.

The rows are fixed data; every date is counted back from ``today``, so the problems
hold for any demo date. Values are written the way the team would write them in the
workspace language (bokmål or English). Planted problems, for the analyses to find
(cells named in bokmål / English):

access.csv (18 rows)
  * Former employee still admin: Tor Eide, Facebook-siden / Facebook Page, admin,
    *tidligere ansatt* / *former employee*.
  * Two admins without two-factor: Sigrid Lunde (admin of the Facebook page) and
    Henrik Aas (admin of the ad account, *Annonsekontoen* / *Ad account*).
  * Single point of failure on spending: Henrik Aas is the only row with
    *Kan bruke annonsepenger* = ja / yes (and the ad account's only admin).
  * Agency with full admin: Fjordlys Reklame AS, *byrå* / *agency*, admin of
    Meta Business Suite, where an editor or advertiser role would do.
  * Too many admins: six admins on the Facebook page (Ingrid Solberg, Magnus Hauge,
    Sigrid Lunde, Jonas Berg, Tor Eide, Aisha Rahman).
  * Personal profile without 2FA: Nora Vik, *Personlig Facebook-profil* /
    *Personal Facebook profile*, 2FA nei / no (her editor row on the page too).
  * Stale review: Magnus Hauge's LinkedIn row, last reviewed 430 days before today
    (every other row within the last 300 days).
  * Unknown 2FA: Aisha Rahman on TikTok, *vet ikke* / *unknown*.

ai_tools.csv (7 rows)
  * Overlapping writing assistants: ChatGPT Plus and Microsoft Copilot, both used
    for drafting post copy (*Utkast til innleggstekster…* / *Drafting post copy…*).
  * Unclear data handling on citizens' enquiries: Svarhjelp, *uavklart* /
    *unclear*, suggests replies to messages from residents.
  * Paid, no value: Opus Clip, 1150 kr a month, 0 hours saved.
  * No owner: DeepL Pro, empty *Ansvarlig* / *Owner*.

time_use.csv (8 rows: the seven uses of freed time, then one more)
  * "Flere innlegg" / "More posts", not one of the seven, gets 18 of the 30 actual
    hours (planned 0); *dialog* / *dialogue* and *dataanalyse* / *analysis* get 0,5
    hours each against 8 and 6 planned.

profiles.csv (5 rows)
  * Instagram bio over 150 characters (@fjordvik_kommune).
  * Facebook *om oss* / *about* without contact details (no phone, e-mail or web
    address); the Facebook *beskrivelse* / *description* has none either.
  * Inconsistent name: the LinkedIn page is "Fjordvik Kommune" (capital K), the
    other channels say "Fjordvik kommune".
  * Wrong language: the LinkedIn *om oss* / *about* is in English in the bokmål
    set, in bokmål in the English set.
  * Outdated opening hours: the Facebook description gives summer opening hours
    for ``today.year - 2``, last updated 28 May of that year.

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
    "ansatt": "employee", "byrå": "agency", "tidligere ansatt": "former employee",
    "Facebook-siden": "Facebook Page", "Instagram-kontoen": "Instagram account",
    "Annonsekontoen": "Ad account", "LinkedIn-siden": "LinkedIn Page",
    "TikTok-kontoen": "TikTok account",
    "Personlig Facebook-profil": "Personal Facebook profile",
    "redaktør": "editor", "analytiker": "analyst", "eier": "owner",
    "godkjent": "approved", "uavklart": "unclear",
    "om oss": "about", "beskrivelse": "description",
}  # fmt: skip

_FB, _IG, _BS = "Facebook-siden", "Instagram-kontoen", "Meta Business Suite"
_AD, _LI, _TT = "Annonsekontoen", "LinkedIn-siden", "TikTok-kontoen"
_PP = "Personlig Facebook-profil"

# (person, asset, platform, role, relation, two-factor, can spend, reviewed days ago)
_ACCESS: tuple[tuple[str, str, str, str, str, str, str, int], ...] = (
    ("Ingrid Solberg", _FB, "Facebook", "admin", "ansatt", "ja", "nei", 45),
    ("Magnus Hauge", _FB, "Facebook", "admin", "ansatt", "ja", "nei", 45),
    ("Sigrid Lunde", _FB, "Facebook", "admin", "ansatt", "nei", "nei", 45),
    ("Jonas Berg", _FB, "Facebook", "admin", "ansatt", "ja", "nei", 45),
    ("Tor Eide", _FB, "Facebook", "admin", "tidligere ansatt", "ja", "nei", 300),
    ("Aisha Rahman", _FB, "Facebook", "admin", "ansatt", "ja", "nei", 45),
    ("Nora Vik", _FB, "Facebook", "redaktør", "ansatt", "nei", "nei", 45),
    ("Nora Vik", _PP, "Facebook", "eier", "ansatt", "nei", "nei", 45),
    ("Ingrid Solberg", _IG, "Instagram", "admin", "ansatt", "ja", "nei", 45),
    ("Aisha Rahman", _IG, "Instagram", "admin", "ansatt", "ja", "nei", 45),
    ("Ingrid Solberg", _BS, "Facebook", "admin", "ansatt", "ja", "nei", 120),
    ("Fjordlys Reklame AS", _BS, "Facebook", "admin", "byrå", "ja", "nei", 120),
    ("Henrik Aas", _AD, "Facebook", "admin", "ansatt", "nei", "ja", 120),
    ("Ingrid Solberg", _AD, "Facebook", "analytiker", "ansatt", "ja", "nei", 120),
    ("Magnus Hauge", _LI, "LinkedIn", "superadmin", "ansatt", "ja", "nei", 430),
    ("Jonas Berg", _LI, "LinkedIn", "superadmin", "ansatt", "ja", "nei", 200),
    ("Aisha Rahman", _TT, "TikTok", "admin", "ansatt", "vet ikke", "nei", 200),
    ("Jonas Berg", _TT, "TikTok", "admin", "ansatt", "ja", "nei", 200),
)  # fmt: skip

# (tool, purpose, owner, users, NOK a month, hours saved a month, data, days in use)
_AI_TOOLS: tuple[tuple[str, Text, str, int, int, float, str, int], ...] = (
    ("ChatGPT Plus", ("Utkast til innleggstekster", "Drafting post copy"),
     "Ingrid Solberg", 4, 920, 12, "godkjent", 640),
    ("Microsoft Copilot", ("Utkast til innleggstekster og nyhetssaker",
                           "Drafting post copy and news stories"),
     "Magnus Hauge", 6, 0, 5, "godkjent", 300),
    ("Canva Pro", ("Bilder og grafikk til innlegg", "Images and graphics for posts"),
     "Aisha Rahman", 5, 1200, 10, "godkjent", 700),
    ("Descript", ("Teksting og klipping av video", "Subtitling and editing video"),
     "Jonas Berg", 2, 480, 6, "godkjent", 420),
    ("Svarhjelp", ("Svarforslag på meldinger og spørsmål fra innbyggere",
                   "Suggested replies to messages and questions from residents"),
     "Sigrid Lunde", 3, 0, 8, "uavklart", 150),
    ("Opus Clip", ("Korte klipp fra lange videoer", "Short clips from long videos"),
     "Jonas Berg", 1, 1150, 0, "godkjent", 250),
    ("DeepL Pro", ("Oversetting av innlegg til engelsk", "Translating posts to English"),
     "", 3, 300, 3, "godkjent", 500),
)  # fmt: skip

# (activity, planned hours a month, actual hours a month)
_TIME_USE: tuple[tuple[Text, float, float], ...] = (
    (("dataanalyse", "analysis"), 6, 0.5),
    (("kreativt arbeid", "creative work"), 5, 3),
    (("prioritering", "prioritisation"), 3, 1),
    (("relasjonsbygging", "relationships"), 4, 2),
    (("menneskelig innhold", "human content"), 6, 3),
    (("dialog", "dialogue"), 8, 0.5),
    (("gjenbruk", "reuse"), 4, 2),
    (("Flere innlegg", "More posts"), 0, 18),
)

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
        {"person": person, "asset": _word(asset, language), "platform": platform,
         "role": _word(role, language), "relation": _word(relation, language),
         "two_factor": _word(two_factor, language),
         "can_spend": _word(can_spend, language), "last_reviewed": ago(days)}
        for person, asset, platform, role, relation, two_factor, can_spend, days
        in _ACCESS
    )  # fmt: skip
    ai_tools = tuple(
        {"tool": tool, "purpose": _text(purpose, language), "owner": owner,
         "users": str(users), "cost_per_month": _number(cost, language),
         "hours_saved_per_month": _number(hours, language),
         "data_handling": _word(data, language), "in_use_since": ago(days)}
        for tool, purpose, owner, users, cost, hours, data, days in _AI_TOOLS
    )  # fmt: skip
    time_use = tuple(
        {"activity": _text(activity, language),
         "planned_hours_per_month": _number(planned, language),
         "actual_hours_per_month": _number(actual, language)}
        for activity, planned, actual in _TIME_USE
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
