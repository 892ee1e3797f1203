"""The genericness score's parts, the rank correlation beside it, and the topic
finder: exact values from small texts."""

from __future__ import annotations

import math

import pytest

from fokus.analyses.genericness import (
    HISTORY,
    TextPost,
    cliches,
    first_person,
    jaccard,
    names,
    score_posts,
    shingles,
    specific_details,
)
from fokus.analyses.organic_topics import find_topics, stem, topic_count
from fokus.analyses.stats import rank_correlation, ranks

PERSONAL = (
    "Hei! Jeg heter Ingrid, og jeg er lærer her i kommunen.\n\n"
    "Vi feirer med konsert i foajeen onsdag 3. mai kl. 18.00. Hvem tar du med deg?"
)
GENERIC = (
    "Vi i Fjordvik kommune jobber hver dag for å levere innovative, bærekraftige "
    "og fremtidsrettede tjenester til alle våre innbyggere."
)


def test_specific_details_count_names_numbers_and_dates_once_each() -> None:
    # Ingrid (a name inside a sentence), onsdag, 3, mai, 18.00 — "Hei", "Jeg",
    # "Vi" and "Hvem" open sentences and are no names.
    assert specific_details(PERSONAL) == 5
    # Fjordvik is a name, unless it is the brand's own.
    assert specific_details(GENERIC) == 1
    assert specific_details(GENERIC, frozenset({"fjordvik", "kommune"})) == 0
    assert specific_details("Møt @ordfører og #fjordvik i dag") == 1


def test_names_are_mentions_and_capitals_inside_a_sentence() -> None:
    assert names(PERSONAL) == {"ingrid"}
    assert names(GENERIC) == {"fjordvik"}
    assert names(GENERIC, frozenset({"fjordvik", "kommune"})) == frozenset()
    # An @mention names someone; a month or weekday does not, capitalised or not.
    assert names("Møt @ordfører i dag. Vi ses i March og på Fredag") == {"@ordfører"}


def test_first_person_is_singular_and_english_i_is_not_the_norwegian_i() -> None:
    assert first_person(PERSONAL)
    assert not first_person(GENERIC)  # the organisation's "vi" is no person
    assert not first_person("I dag er biblioteket åpent. Vi ses i kveld!")
    assert first_person("I am the new librarian.")
    assert first_person("Today I met the mayor.")


def test_cliches_are_distinct_phrases_at_word_boundaries() -> None:
    assert cliches(GENERIC) == ("innovative", "bærekraftige", "fremtidsrettede")
    assert cliches("Bærekraftighet er ikke bare et ord") == ("ikke bare",)
    assert cliches("Innovative, INNOVATIVE og innovative") == ("innovative",)


def test_shingles_and_jaccard() -> None:
    assert shingles("En to tre fire") == frozenset(
        {("en", "to", "tre"), ("to", "tre", "fire")}
    )
    assert shingles("Kort tekst") == frozenset({("kort", "tekst")})
    a, b = shingles("en to tre fire"), shingles("en to tre fem")
    assert jaccard(a, b) == 1 / 3
    assert jaccard(frozenset(), frozenset()) == 0.0


def test_the_score_is_the_sum_of_four_visible_parts() -> None:
    personal, generic, repeat = score_posts(
        [
            TextPost("p", "fb/a", "2025-01-01", PERSONAL),
            TextPost("g", "fb/a", "2025-01-02", GENERIC),
            TextPost("r", "fb/a", "2025-01-03", GENERIC),
        ],
        brand_terms=["Fjordvik kommune"],
    )
    assert (personal.specificity_points, personal.voice_points) == (0.0, 0.0)
    assert (personal.cliche_points, personal.repetition_points) == (0.0, 0.0)
    assert personal.score == 0.0
    # No specifics (25), no voice and no question (25), three clichés (25), new.
    assert (generic.specific, generic.score) == (0, 75.0)
    # The same text again: it repeats the account's earlier post entirely.
    assert repeat.similarity == 1.0
    assert repeat.score == 100.0


def test_two_cliches_are_not_a_cluster_and_one_detail_leaves_two_thirds() -> None:
    (post,) = score_posts([TextPost("a", "x", "1", "Innovative og bærekraftige Oslo")])
    assert post.cliches == ("innovative", "bærekraftige")
    assert post.cliche_points == 0.0
    assert post.specificity_points == pytest.approx(25 * 2 / 3)


def test_a_text_is_compared_with_the_accounts_previous_posts_only() -> None:
    same = "samme tekst om og om igjen"
    posts = [TextPost("first", "a", "00", same)]
    posts += [TextPost(f"o{i:02}", "a", f"{i + 1:02}", f"annen tekst nummer {i} her")
              for i in range(HISTORY)]  # fmt: skip
    posts += [TextPost("late", "a", "99", same), TextPost("other", "b", "50", same)]
    scores = {s.key: s for s in score_posts(posts)}
    # The first post is more than HISTORY posts back; account b has no history.
    assert scores["late"].similarity == 0.0
    assert scores["other"].similarity == 0.0
    assert scores["first"].similarity == 0.0
    assert [s.key for s in score_posts([TextPost("e", "a", "1", "  ")])] == []


def test_ranks_average_ties() -> None:
    assert ranks([3, 1, 3, 2]) == [3.5, 1.0, 3.5, 2.0]


def test_rank_correlation_with_its_fisher_z_interval() -> None:
    x = list(range(1, 11))
    y = [2, 1, 4, 3, 6, 5, 8, 7, 10, 9]
    rho = 1 - 6 * 10 / (10 * 99)  # every rank off by one
    z = 1.959963984540054 * math.sqrt(1.06 / 7)
    result = rank_correlation(x, y)
    assert result is not None
    assert result.estimate == pytest.approx(rho)
    assert result.low == pytest.approx(math.tanh(math.atanh(rho) - z))
    assert result.high == pytest.approx(math.tanh(math.atanh(rho) + z))
    assert result.n == 10


def test_rank_correlation_edge_cases() -> None:
    assert rank_correlation([1, 1, 1], [1, 2, 3]) is None  # constant
    short = rank_correlation([1, 2, 3, 4], [4, 3, 2, 1])
    assert short is not None
    assert (short.estimate, short.low, short.high) == (-1.0, None, None)
    with pytest.raises(ValueError, match="pairs"):
        rank_correlation([1, 2], [1])


def test_stems_cut_common_endings_but_keep_three_letters() -> None:
    assert [stem(w) for w in ("turen", "konserter", "concerts", "tur", "året")] == [
        "tur", "konsert", "concert", "tur", "året",
    ]  # fmt: skip


def test_topic_count_grows_with_the_posts_within_bounds() -> None:
    assert [topic_count(n) for n in (10, 80, 200, 5000)] == [2, 2, 5, 8]


def test_topics_are_found_deterministically_and_named_by_their_words() -> None:
    themes = (
        ("Konserten i kulturhuset var fantastisk, takk til korpset",
         "Konserter med korpset i kulturhuset hele helgen"),
        ("Brøytingen av veiene i sentrum starter i natt",
         "Veiene brøytes, og brøytingen tar tid i sentrum"),
        ("Biblioteket har nye bøker til barna",
         "Nye bøker for barna på biblioteket"),
        ("Badevannet er testet og badeplassen er åpen",
         "Badeplassen har godt badevann i sommer"),
    )  # fmt: skip
    texts = [theme[i % 2] for theme in themes for i in range(10)] + ["", "ok"]
    topics = find_topics(texts, k=4)
    assert topics is not None
    assert find_topics(texts, k=4) == topics  # same input, same topics
    found = [set(topics.assignment[i * 10 : i * 10 + 10]) for i in range(4)]
    assert all(len(f) == 1 for f in found)  # each theme is one topic …
    assert len(set.union(*found)) == 4  # … and each its own
    assert topics.assignment[40:] == (None, None)  # no terms: no topic
    music = next(iter(found[0]))
    assert music is not None
    assert "korpset" in topics.labels[music]


def test_too_few_terms_find_no_topics() -> None:
    assert find_topics(["ja", "nei"] * 5) is None
