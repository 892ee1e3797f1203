"""Which texts repeat an earlier text: near duplicates found fast, then checked.

Two texts are **near duplicates** when the Jaccard similarity of their sets of
word shingles (runs of ``SHINGLE`` = 3 words, as in
:func:`fokus.analyses.genericness.shingles`) is at least a threshold. Comparing
every post with every earlier one is quadratic (5 × 10⁹ pairs at 100,000 posts), so
candidates are found first with **MinHash and locality-sensitive hashing** (Broder
1997; Leskovec, Rajaraman and Ullman, *Mining of Massive Datasets*, ch. 3), and
every candidate is then checked with the exact Jaccard similarity, so a pair is
never reported on the sketch alone:

1. Words get integer ids; each shingle is hashed to 32 bits from its three ids.
   A text's ``BANDS × ROWS`` MinHash values are the minima over its shingles of as
   many fixed multiply-add-shift hash functions (Dietzfelbinger 1996), computed
   with numpy for all texts at once.
2. The signature is cut into ``BANDS`` bands of ``ROWS`` values; texts that agree
   on all values of any band are candidates. Two texts with similarity *s* become
   candidates with probability ``1 − (1 − s^ROWS)^BANDS``: 93 % at 0.5, 99 % at
   0.6, and always for identical texts (20 bands of 3: the curve's midpoint is
   near 0.37, well below the 0.5 the reuse rule asks for).
3. A candidate whose signature agrees with the text's on too few values (the
   share that agree estimates the similarity) is dropped; the rest are checked
   exactly, the closest first. Texts with the same words are split and compared
   once, so a template repeated a thousand times costs one check per pair.

The hash functions come from a fixed seed, so the same texts always give the same
answer. 100,000 posts take a few seconds on a laptop.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import chain

import numpy as np
import pyarrow as pa

from fokus.analyses.genericness import SHINGLE, jaccard

Words = tuple[str, ...]
Shingles = frozenset[Words]

BANDS = 20
ROWS = 3
ESTIMATE_MARGIN = 0.2
"""Candidates whose MinHash values agree on fewer than ``threshold − 0.2`` of 60
are not checked: the share that agree estimates the similarity with a standard
error of at most 0.065, so a pair at the threshold falls that far below it about
once in a thousand."""
_SEED = 20_260_301
_MASK = (1 << 64) - 1


def _splitmix64(seed: int, n: int) -> np.ndarray:
    """``n`` 64-bit numbers from SplitMix64 (Steele, Lea and Flood 2014): fixed
    constants that no library version can change."""
    out = []
    state = seed
    for _ in range(n):
        state = (state + 0x9E3779B97F4A7C15) & _MASK
        z = state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK
        out.append(z ^ (z >> 31))
    return np.array(out, dtype=np.uint64)


_A = _splitmix64(_SEED, BANDS * ROWS) | np.uint64(1)
_B = _splitmix64(_SEED + 1, BANDS * ROWS)
_MIX = _splitmix64(_SEED + 2, SHINGLE + ROWS) | np.uint64(1)
_BITS = np.iinfo(np.uint64).max
_SHIFT = np.uint64(32)


def shingle_set(words: Words) -> Shingles:
    """The text's runs of ``SHINGLE`` words; a shorter text has none."""
    return frozenset(words[i : i + SHINGLE] for i in range(len(words) - SHINGLE + 1))


def _shingle_hashes(texts: Sequence[Words]) -> tuple[np.ndarray, np.ndarray]:
    """Every text's shingle hashes, concatenated, and how many each text has."""
    lengths = np.array([len(t) for t in texts], dtype=np.int64)
    every = pa.array(list(chain.from_iterable(texts)), type=pa.string())
    ids = every.dictionary_encode().indices.to_numpy(zero_copy_only=False)
    flat = ids.astype(np.uint64) + np.uint64(1)
    counts = np.maximum(lengths - (SHINGLE - 1), 0)
    if not counts.sum():
        return np.zeros(0, dtype=np.uint64), counts
    # Positions whose run of SHINGLE words stays inside their own text.
    text_of = np.repeat(np.arange(len(texts)), lengths)
    offset = np.arange(len(flat)) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    starts = np.flatnonzero(offset <= (lengths[text_of] - SHINGLE))
    mixed = np.zeros(len(starts), dtype=np.uint64)
    for k in range(SHINGLE):
        mixed ^= flat[starts + k] * _MIX[k]
    return mixed >> _SHIFT, counts


def signatures(texts: Sequence[Words]) -> np.ndarray:
    """The MinHash signature of every text, one row each; a text without shingles
    gets the largest value everywhere."""
    hashes, counts = _shingle_hashes(texts)
    out = np.full((len(texts), BANDS * ROWS), _BITS, dtype=np.uint64)
    filled = np.flatnonzero(counts)
    if not len(filled):
        return out
    starts = (np.cumsum(counts) - counts)[filled]
    for k in range(BANDS * ROWS):
        values = (_A[k] * hashes + _B[k]) >> _SHIFT
        out[filled, k] = np.minimum.reduceat(values, starts)
    return out


def _band_keys(signature: np.ndarray) -> np.ndarray:
    """One 64-bit key per text and band (a wrapping multiply-xor of its rows); a
    rare collision only adds a candidate that the exact check then rejects."""
    keys = np.zeros((signature.shape[0], BANDS), dtype=np.uint64)
    for band in range(BANDS):
        for row in range(ROWS):
            keys[:, band] ^= signature[:, band * ROWS + row] * _MIX[SHINGLE + row]
    return keys


def earlier_near_duplicates(
    texts: Sequence[Words],
    times: Sequence[float],
    sources: Sequence[bool],
    targets: Sequence[bool],
    *,
    gap: float,
    threshold: float,
) -> dict[int, int]:
    """For each target text (its words), an earlier source text it nearly
    duplicates: target index → source index, for the targets that have one.

    ``times`` orders the texts (seconds); a source counts for a target only when it
    is at least ``gap`` seconds older. Of a target's candidates, those whose
    signatures agree on at least ``threshold − ESTIMATE_MARGIN`` of their values
    are checked exactly, the closest estimate first (then the oldest); the first
    that passes is returned. Sources with the same words are one candidate, the
    oldest of them, and each pair of distinct texts is checked once.
    """
    when = np.asarray(times, dtype=np.float64)
    same: dict[Words, int] = {}
    text_id = np.array([same.setdefault(t, len(same)) for t in texts], dtype=np.int64)
    source_ix = _oldest_per_text(np.asarray(sources, dtype=bool), text_id, when)
    target_ix = np.flatnonzero(np.asarray(targets, dtype=bool))
    if not len(source_ix) or not len(target_ix):
        return {}
    signature = signatures(texts)
    keys = _band_keys(signature)
    # Per band: the sources sorted by key, then time; each target's range in it.
    ranges = []
    for band in range(BANDS):
        order = source_ix[np.lexsort((when[source_ix], keys[source_ix, band]))]
        ordered = keys[order, band]
        wanted = keys[target_ix, band]
        left = np.searchsorted(ordered, wanted, "left")
        right = np.searchsorted(ordered, wanted, "right")
        ranges.append((order, left, right))
    # A target that is a source finds itself in every band: it has a candidate
    # only where its range holds another text too.
    own = np.isin(target_ix, source_ix).astype(np.int64)
    hit = np.zeros(len(target_ix), dtype=bool)
    for _order, left, right in ranges:
        hit |= (right - left) > own
    check = _Checker(texts, text_id, threshold)
    found: dict[int, int] = {}
    for position in np.flatnonzero(hit).tolist():
        index = int(target_ix[position])
        candidates = np.unique(
            np.concatenate(
                [
                    order[left[position] : right[position]]
                    for order, left, right in ranges
                ]
            )
        )
        candidates = candidates[(when[candidates] <= when[index] - gap)
                                & (candidates != index)]  # fmt: skip
        if not len(candidates):
            continue
        estimate = (signature[candidates] == signature[index]).mean(axis=1)
        likely = estimate >= threshold - ESTIMATE_MARGIN
        candidates, estimate = candidates[likely], estimate[likely]
        for source in candidates[np.lexsort((when[candidates], -estimate))].tolist():
            if check(index, source):
                found[index] = int(source)
                break
    return found


def _oldest_per_text(
    sources: np.ndarray, text_id: np.ndarray, when: np.ndarray
) -> np.ndarray:
    """Of the sources that share their words, the oldest (then the first)."""
    chosen = np.flatnonzero(sources)
    if not len(chosen):
        return chosen
    chosen = chosen[np.lexsort((chosen, when[chosen], text_id[chosen]))]
    first = np.ones(len(chosen), dtype=bool)
    first[1:] = text_id[chosen][1:] != text_id[chosen][:-1]
    return np.sort(chosen[first])


class _Checker:
    """The exact check, once per pair of distinct texts."""

    def __init__(
        self, texts: Sequence[Words], text_id: np.ndarray, threshold: float
    ) -> None:
        self._texts = texts
        self._ids = text_id.tolist()
        self._threshold = threshold
        self._sets: dict[int, Shingles] = {}
        self._done: dict[tuple[int, int], bool] = {}

    def _set(self, index: int) -> Shingles:
        key = self._ids[index]
        if key not in self._sets:
            self._sets[key] = shingle_set(self._texts[index])
        return self._sets[key]

    def __call__(self, target: int, source: int) -> bool:
        pair = (self._ids[target], self._ids[source])
        if pair not in self._done:
            own = self._set(target)
            self._done[pair] = bool(own) and (
                jaccard(own, self._set(source)) >= self._threshold
            )
        return self._done[pair]
