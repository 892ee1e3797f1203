"""Caption building blocks in bokmål, and how a caption is put together.

Written the way a municipality's communication team writes: multi-line posts,
commas, "quotes", emoji and æøå, so the demo exercises the CSV quoting and the
text analyses for real. Slots in braces are filled per post.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from fokus.demo.organisation import BASE_HASHTAGS, Pillar, Voice


@dataclass(frozen=True, slots=True)
class Topic:
    """A post idea within a pillar; ``months`` (1–12) limits when it is used."""

    pillar: str
    text: str
    months: tuple[int, ...] = ()


_WINTER = (1, 2, 3, 10, 11, 12)

TOPICS: tuple[Topic, ...] = (
    # Natur og friluft
    Topic("natur", "Morgenstemning over {sted} i dag 😍\n\nTakk til {person} for "
          "bildet!"),
    Topic("natur", "🥾 Turstien til Storvarden er ferdig merket!\n\nTuren tar rundt to "
          "timer tur-retur, og utsikten over fjorden er verdt hver eneste bakke."),
    Topic("natur", "Nå er lysløypa på {sted} kjørt opp ⛷️ God tur!", (12, 1, 2, 3)),
    Topic("natur", "Vil du være med på strandrydding? 🌊\nVi møtes på {sted} {dag} "
          "{klokke}. Sekker og hansker får du av oss, og det blir kaffe og vafler "
          "etterpå.", (4, 5, 6, 8, 9)),
    Topic("natur", "Nordlyset danset over Fjordvik i går kveld 💚", _WINTER),
    Topic("natur", "Badevannet på {sted} er testet, og kvaliteten er god 🏊\nVi tar "
          "nye prøver hver fjortende dag gjennom hele sommeren.", (6, 7, 8)),
    Topic("natur", "Turkassen på toppen av Kvitfjellet har fått ny bok 📖 Skriv deg "
          "inn neste gang du er på tur, så er du med i trekningen av et gavekort."),
    # Kultur
    Topic("kultur", "🎭 Kulturhuset fyller 25 år!\n\nVi feirer med gratis konsert, "
          "kake og utstilling i foajeen {dag} {klokke}. Ta med hele familien!"),
    Topic("kultur", "📚 Nå starter \"Sommerles\"!\nBarn mellom 6 og 13 år kan "
          "registrere bøkene de leser, og samle poeng og premier hele sommeren.",
          (5, 6)),
    Topic("kultur", "🎄 Julegrantenning på torget {dag} {klokke}!\n\nSkolekorpset "
          "spiller, ordføreren tenner treet, og nissen kommer innom med godteposer.",
          (11, 12)),
    Topic("kultur", "🇳🇴 Hipp hurra!\nSlik blir 17. mai i Fjordvik:\n– 09.00 "
          "Flaggheising ved rådhuset\n– 10.30 Barnetoget går fra {sted} skole\n"
          "– 13.00 Leker, is og kaker i parken", (5,)),
    Topic("kultur", "Utstillingen \"Fjordvik før og nå\" åpner på biblioteket {dag}. "
          "Gamle bilder fra fiskebruket, dampskipskaia og skolen på {sted} – kanskje "
          "du kjenner igjen noen?"),
    Topic("kultur", "🎶 Kulturskolen har konsert i kulturhuset {dag} {klokke}.\n"
          "Elevene har øvd i hele høst, og gleder seg til å vise hva de har lært. "
          "Gratis inngang!", (11, 12)),
    Topic("kultur", "Fritidskortet er her! Alle mellom 6 og 18 år kan få inntil "
          "2 000 kroner i året til fritidsaktiviteter.\nSøk på "
          "fjordvik.kommune.no/fritidskort"),
    Topic("kultur", "Årets kulturpris går til {person}! 👏\nI mange år har hen drevet "
          "ungdomsklubben på {sted}, og betyr enormt mye for mange. Gratulerer!"),
    # Beredskap
    Topic("beredskap", "⚠️ Oransje farevarsel for kraftig vind i natt.\n\nSikre løse "
          "gjenstander, hold deg oppdatert, og unngå unødvendig ferdsel langs "
          "sjøen.", _WINTER),
    Topic("beredskap", "💧 Kokevarsel for {sted}\nPå grunn av brudd på vannledningen "
          "må du koke vannet før du drikker det. Vi gir beskjed her når varselet er "
          "opphevet."),
    Topic("beredskap", "Er du forberedt? 🔦\nAlle husstander bør ha nok mat, vann "
          "og medisiner til å klare seg selv i en uke. Her er sjekklisten vår: "
          "fjordvik.kommune.no/egenberedskap"),
    Topic("beredskap", "Veien mellom {sted} og sentrum er stengt på grunn av et ras. "
          "Omkjøring via fylkesveien. Følg med her for oppdateringer."),
    Topic("beredskap", "Strømbrudd på {sted} ⚡ Nettselskapet leter etter feilen. "
          "Vi har åpnet et varmested i flerbrukshallen for dem som trenger det.",
          _WINTER),
    Topic("beredskap", "Brannfaren er stor 🔥\nHusk at det er forbudt å gjøre opp "
          "ild i eller nær skog og annen utmark fra 15. april til 15. september.",
          (4, 5, 6, 7, 8, 9)),
    Topic("beredskap", "Test av tyfonene \"Viktig melding – lytt på radio\" onsdag "
          "kl. 12.00. Dette er bare en test, og du trenger ikke gjøre noe.", (1, 6)),
    # Jobb i kommunen
    Topic("jobb", "Vi søker sommervikarer i helse og omsorg! ☀️\nHar du lyst på en "
          "meningsfull sommerjobb med gode kolleger? Søknadsfrist {dato}.",
          (1, 2, 3, 4)),
    Topic("jobb", "Ledig stilling: Vi søker en engasjert rådgiver innen klima og "
          "miljø. Les mer og søk på fjordvik.kommune.no/jobb"),
    Topic("jobb", "En dag på jobben i hjemmetjenesten 🚗\nRundt 80 kilometer hver "
          "dag, og møter med alt fra nyfødte til 100-åringer."),
    Topic("jobb", "🎓 Velkommen til 12 nye lærlinger!\nI år tar de fagbrev innen "
          "helsearbeiderfaget, barne- og ungdomsarbeiderfaget og IKT.", (8, 9)),
    Topic("jobb", "Vi trenger flere tilkallingsvikarer i barnehagene våre. Passer "
          "det for deg? Meld interesse på nettsiden vår."),
    Topic("jobb", "Hva gjør egentlig en {yrke}? Vi tok en prat med {person} om "
          "hverdagen, de fine øyeblikkene og de tøffe dagene."),
    # Politikk og høringer
    Topic("politikk", "Kommunestyret har møte {dag} {klokke}. Møtet strømmes på "
          "nettsiden vår, og sakspapirene finner du i innsynsløsningen."),
    Topic("politikk", "Høring: Forslag til ny kommuneplan, samfunnsdelen, er ute på "
          "høring.\nHar du innspill? Fristen er {dato}."),
    Topic("politikk", "Budsjettforslaget for neste år er lagt fram. Kommunedirektøren "
          "foreslår blant annet å prioritere skole, helse og vedlikehold av "
          "kommunale veier.", (10, 11)),
    Topic("politikk", "Innbyggermøte om ny skolestruktur på {sted} {dag} {klokke}. "
          "Vi vil gjerne høre hva du mener!"),
    Topic("politikk", "Planprogrammet for sentrumsplanen er vedtatt. Les vedtaket og "
          "se kartet på nettsiden vår."),
    Topic("politikk", "Ungdomsrådet har valgt ny leder 🙌\nGratulerer til {person} "
          "(17), som skal lede rådet det neste året."),
    # Tjenester og informasjon
    Topic("tjenester", "♻️ Tømmeplanen for avfall er endret i uke {uke}. Sjekk når du "
          "får tømt på fjordvik.kommune.no/avfall"),
    Topic("tjenester", "Rådhuset holder stengt {dag} på grunn av personalseminar. Ved "
          "akutte behov, ring legevakten på 116 117."),
    Topic("tjenester", "Eiendomsskatten for 2. termin forfaller {dato}. Har du "
          "spørsmål om fakturaen, ta kontakt med servicetorget."),
    Topic("tjenester", "🎄 Åpningstider i jula\n\nServicetorget: 27. og 28. desember "
          "10–14\nBiblioteket: stengt 24.–26. desember\nGjenvinningsstasjonen: åpen "
          "som vanlig 27. desember", (12,)),
    Topic("tjenester", "Nå kan du søke om barnehageplass. Hovedopptaket har "
          "søknadsfrist 1. mars.", (1, 2)),
    Topic("tjenester", "Veiarbeid i {gate} fra {dag} 🚧 Det blir innsnevring til ett "
          "felt, og vi ber om forståelse for ulempene."),
    Topic("tjenester", "Sommerstengt ☀️ Servicetorget har kortere åpningstid i "
          "fellesferien, fra 10 til 14. Mange tjenester finner du døgnet rundt på "
          "nettsiden vår.", (6, 7)),
    Topic("tjenester", "💉 Influensavaksinen er her! Vaksinering starter {dag}, og du "
          "trenger ikke time – bare møt opp på helsestasjonen.", (10, 11)),
)  # fmt: skip

NAMES = ("Ingrid", "Ola", "Sigrid", "Magnus", "Kari", "Jonas", "Aisha", "Emma",
         "Henrik", "Nora", "Sindre", "Marte", "Øyvind", "Åse", "Bjørn", "Solveig",
         "Tor", "Amir")  # fmt: skip
ROLES = ("helsesykepleier", "lærer", "brannkonstabel", "bibliotekar", "ingeniør",
         "sykepleier i hjemmetjenesten", "barnehagelærer", "saksbehandler",
         "kulturskolelærer", "vaktmester", "beredskapskoordinator")  # fmt: skip
PLACES = ("Sjøvik", "Nordstrand", "Lyngstø", "Håmyra", "Vågsbotn", "Solheim", "Åsen",
          "Kvitbergsmoen")  # fmt: skip
STREETS = ("Storgata", "Fjordveien", "Skolebakken", "Kirkegata", "Havnegata")
TIMES = ("kl. 11.00", "kl. 12.00", "kl. 17.30", "kl. 18.00", "kl. 19.00")

PERSONAL_OPENERS = (
    "Hei! Jeg heter {navn}, og jeg er {rolle} her i kommunen 👋",
    "Hei fra {navn}, {rolle} i Fjordvik kommune!",
    "«Det beste med jobben er menneskene», sier {navn}, som er {rolle} hos oss.",
    "Jeg heter {navn}, og i dag tar jeg over kontoen vår 😊",
)
PERSONAL_CLOSERS = (
    "Jeg gleder meg til å se dere! – {navn}",
    "Spør meg gjerne i kommentarfeltet, så svarer jeg så godt jeg kan. – {navn}",
    "Vi ses! 🙋 {navn}",
)
GENERIC_LINES = (
    "Vi i Fjordvik kommune jobber hver dag for å levere innovative, bærekraftige og "
    "fremtidsrettede tjenester til alle våre innbyggere. ✨",
    "Sammen skaper vi en attraktiv og inkluderende kommune – for deg, for oss, for "
    "fremtiden. 🚀",
    "Vi er stolte av å kunne tilby et bredt og spennende tilbud av høy kvalitet!",
    "Fjordvik – et godt sted å bo, jobbe og leve. 💙",
    "Bli med på reisen mot en grønnere og smartere kommune! 🌱",
    "Vi gleder oss til å skape verdifulle opplevelser sammen med deg. 🌟",
)
QUESTIONS: dict[str, tuple[str, ...]] = {
    "natur": ("Hvor er din favoritt-tur i Fjordvik?", "Har du vært der?",
              "Hvem tar du med deg på tur i helgen?"),
    "kultur": ("Hvem tar du med deg?", "Kjenner du igjen noen på bildene?",
               "Hva vil du se mer av i kulturhuset?"),
    "beredskap": ("Har du sjekket beredskapslageret ditt?", "Visste du dette fra før?"),
    "jobb": ("Kjenner du noen som passer? Tagg dem!",
             "Hva er det beste med jobben din?"),
    "politikk": ("Hva bør vi prioritere, tror du?", "Hva mener du?"),
    "tjenester": ("Visste du dette fra før?",
                  "Har du spørsmål? Skriv i kommentarfeltet, så svarer vi."),
}  # fmt: skip
"""Questions that invite comments, per pillar."""

_WEEKDAYS = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")
_MONTHS = ("januar", "februar", "mars", "april", "mai", "juni", "juli", "august",
           "september", "oktober", "november", "desember")  # fmt: skip


def topics_for(pillar: Pillar, month: int) -> tuple[Topic, ...]:
    """The topics of a pillar that fit the month (seasonal topics only in season)."""
    return tuple(
        t
        for t in TOPICS
        if t.pillar == pillar.key and (not t.months or month in t.months)
    )


def _day_text(day: dt.date) -> str:
    return f"{_WEEKDAYS[day.weekday()]} {day.day}. {_MONTHS[day.month - 1]}"


def compose_caption(
    rng: random.Random,
    pillar: Pillar,
    voice: Voice,
    published: dt.datetime,
    *,
    question: bool,
    hashtags: int,
    link: bool = False,
) -> str:
    """One caption: (opener) + topic + (link) + (marketing line / closer) +
    (question) + (hashtags), in paragraphs."""
    day = published.date()
    slots = {
        "sted": rng.choice(PLACES),
        "navn": rng.choice(NAMES),
        "person": rng.choice(NAMES),
        "yrke": rng.choice(ROLES),
        "rolle": rng.choice(ROLES),
        "gate": rng.choice(STREETS),
        "klokke": rng.choice(TIMES),
        "dag": _day_text(day + dt.timedelta(days=rng.randint(2, 10))),
        "dato": f"{(d := day + dt.timedelta(days=rng.randint(14, 30))).day}. "
        f"{_MONTHS[d.month - 1]}",
        "uke": str((day + dt.timedelta(days=7)).isocalendar()[1]),
    }
    body = rng.choice(topics_for(pillar, day.month)).text
    parts: list[str] = []
    if voice == "personal":
        parts.append(rng.choice(PERSONAL_OPENERS))
    parts.append(body)
    if link and "fjordvik.kommune.no" not in body:
        parts.append("👉 Les mer på fjordvik.kommune.no")
    if voice == "personal":
        parts.append(rng.choice(PERSONAL_CLOSERS))
    elif voice == "generic":
        parts.append(rng.choice(GENERIC_LINES))
    if question:
        parts.append(rng.choice(QUESTIONS[pillar.key]))
    if hashtags:
        tags = list(BASE_HASHTAGS + pillar.hashtags)
        parts.append(" ".join(tags[:hashtags]))
    return "\n\n".join(parts).format_map(slots)
