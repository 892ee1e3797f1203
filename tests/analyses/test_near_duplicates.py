"""Near duplicates: MinHash candidates, checked exactly; fast at 100,000 texts."""

from __future__ import annotations

import random
import string
import time

import numpy as np
import pytest

from fokus.analyses.genericness import words
from fokus.analyses.near_duplicates import (
    BANDS,
    ROWS,
    earlier_near_duplicates,
    shingle_set,
    signatures,
)

DAY = 86_400.0
BASE = words("Vi åpner den nye badeplassen ved fjorden på lørdag klokka tolv i år")


def _find(
    texts: list[tuple[str, ...]],
    times: list[float],
    sources: list[bool] | None = None,
    targets: list[bool] | None = None,
    gap: float = 7 * DAY,
) -> dict[int, int]:
    return earlier_near_duplicates(
        texts,
        times,
        sources if sources is not None else [True] * len(texts),
        targets if targets is not None else [True] * len(texts),
        gap=gap,
        threshold=0.5,
    )


def test_shingles_are_runs_of_three_words() -> None:
    assert shingle_set(("a", "b", "c", "d")) == {("a", "b", "c"), ("b", "c", "d")}
    assert shingle_set(("a", "b")) == frozenset()


def test_a_copy_a_week_later_is_found_and_a_copy_too_soon_is_not() -> None:
    texts = [BASE, BASE, BASE]
    assert _find(texts, [0.0, 3 * DAY, 10 * DAY]) == {2: 0}


def test_a_close_rewording_is_found_and_a_different_text_is_not() -> None:
    reworded = (*BASE, "og", "vi", "gleder", "oss")  # 11 of 15 shingles shared
    other = words("Husk å sortere plasten riktig før tømmedagen neste uke")
    half = (*BASE[:7], *words("helt andre ord som ikke har noe med saken"))
    found = _find([BASE, reworded, other, half], [0.0, 8 * DAY, 9 * DAY, 9 * DAY])
    assert found == {1: 0}


def test_only_sources_are_matched_and_only_targets_looked_up() -> None:
    texts = [BASE, BASE, BASE]
    times = [0.0, 8 * DAY, 16 * DAY]
    assert _find(texts, times, sources=[False, True, True]) == {2: 1}
    assert _find(texts, times, targets=[False, True, False]) == {1: 0}
    assert _find(texts, times, sources=[False] * 3) == {}


def test_texts_without_shingles_never_match() -> None:
    short = ("to", "ord")
    assert _find([short, short], [0.0, 8 * DAY]) == {}
    assert (signatures([short])[0] == np.iinfo(np.uint64).max).all()


def test_signatures_are_fixed() -> None:
    first = signatures([BASE, BASE[1:]])
    assert first.shape == (2, BANDS * ROWS)
    assert (first == signatures([BASE, BASE[1:]])).all()
    assert (first[0] == signatures([BASE])[0]).all()  # one text, same signature
    # Near texts agree on most MinHash values (10 of 11 shingles shared).
    assert 0.6 < (first[0] == first[1]).mean() <= 1.0


@pytest.mark.slow
def test_100_000_texts_take_seconds_not_hours() -> None:
    rng = random.Random(7)  # noqa: S311 (test data, not secrets)
    vocabulary = [
        "".join(rng.choices(string.ascii_lowercase, k=6)) for _ in range(5000)
    ]
    texts = [tuple(rng.choices(vocabulary, k=30)) for _ in range(100_000)]
    for i in range(1000, len(texts), 1000):
        texts[i] = (*texts[i - 500], "ekstra", "ord", "her")
    started = time.perf_counter()
    found = _find(texts, [i * 3600.0 for i in range(len(texts))],
                  sources=[i % 5 == 0 for i in range(len(texts))])  # fmt: skip
    elapsed = time.perf_counter() - started
    assert found == {i: i - 500 for i in range(1000, len(texts), 1000)}
    assert elapsed < 60  # all pairs would be 5 × 10⁹ comparisons
