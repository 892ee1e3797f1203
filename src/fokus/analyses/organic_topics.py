"""Topics found in the posts' own words, for teams that label nothing.

A small, deterministic TF-IDF + NMF, in numpy on a few thousand short texts:

1. **Terms.** Words of three letters or more, case-folded, Norwegian and English
   stop words removed (:mod:`fokus.analyses.wordlists`), hashtags kept as words,
   and common bokmål and English endings cut off (``turen`` → ``tur``,
   ``concerts`` → ``concert``) when at least three letters remain: a light stemmer,
   not a dictionary lemmatiser. A term must occur in at least ``MIN_DF`` posts and
   in at most ``MAX_DF_SHARE`` of them (the organisation's name is no topic).
2. **TF-IDF.** ``(1 + log count) × (log((1 + n) / (1 + df)) + 1)``, each post's
   vector scaled to length one.
3. **NMF.** ``X ≈ W H`` with ``k`` topics (``topic_count``), started from the
   NNDSVDa decomposition (no random numbers) and improved by ``ITERATIONS``
   multiplicative updates (Lee and Seung) of the squared error.
4. **Assignment.** Each post goes to the topic with the largest weight in its row
   of ``W``; a post with none of the terms gets no topic. A topic is named by its
   ``LABEL_TERMS`` strongest terms, each shown as the word most often written.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from fokus.analyses.wordlists import STOP_WORDS

MIN_DF = 3
MAX_DF_SHARE = 0.4
MAX_TERMS = 1500
ITERATIONS = 200
SUBSPACE_ITERATIONS = 60
LABEL_TERMS = 3
MIN_TOPICS, MAX_TOPICS, POSTS_PER_TOPIC = 2, 8, 40
_EPSILON = 1e-12

_WORD = re.compile(r"[^\W\d_]{3,}")
# Longest first; an ending is cut only when three letters or more remain.
_ENDINGS = tuple(
    sorted(
        {
            # bokmål
            "hetene", "hetens", "heten", "heter", "endes", "ende", "edes", "enes",
            "ene", "ane", "ens", "ers", "ets", "het", "ert", "en", "ar", "er", "et",
            "a", "e",
            # English
            "ations", "ation", "ings", "ing", "ies", "ed", "es", "s",
        },
        key=len,
        reverse=True,
    )
)  # fmt: skip
_STEM_MIN = 3


@dataclass(frozen=True, slots=True)
class Topics:
    """Topics found in a set of texts, and which topic each text belongs to."""

    labels: tuple[str, ...]
    """One name per topic: its strongest terms, joined by " · "."""
    assignment: tuple[int | None, ...]
    """The topic of each text (an index into ``labels``), in input order."""


def stem(word: str) -> str:
    """A word with its commonest bokmål or English ending cut off."""
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= _STEM_MIN:
            return word[: -len(ending)]
    return word


def terms(text: str) -> list[tuple[str, str]]:
    """(stem, word as written, case-folded) for every content word of a text."""
    found = []
    for match in _WORD.finditer(text.casefold()):
        word = match.group()
        if word not in STOP_WORDS:
            found.append((stem(word), word))
    return found


def topic_count(n_texts: int) -> int:
    """One topic per ``POSTS_PER_TOPIC`` texts, between the bounds."""
    return max(MIN_TOPICS, min(MAX_TOPICS, n_texts // POSTS_PER_TOPIC))


def find_topics(texts: Sequence[str], k: int | None = None) -> Topics | None:
    """Topics in the texts, or None when there are too few terms to find any."""
    documents = [terms(t) for t in texts]
    vocabulary, shown = _vocabulary(documents)
    k = topic_count(len(texts)) if k is None else k
    if len(vocabulary) < k or sum(1 for d in documents if d) < 2 * k:
        return None
    x = _tfidf(documents, vocabulary)
    w, h = _nmf(x, k)
    names = [t for t, _ in sorted(vocabulary.items(), key=lambda item: item[1])]
    labels = tuple(
        " · ".join(
            shown[names[j]] for j in np.argsort(-h[i], kind="stable")[:LABEL_TERMS]
        )
        for i in range(k)
    )
    assignment = tuple(
        int(np.argmax(row)) if row.max() > 0 else None for row in w
    )  # fmt: skip
    return Topics(labels, assignment)


def _vocabulary(
    documents: Sequence[Sequence[tuple[str, str]]],
) -> tuple[dict[str, int], dict[str, str]]:
    """Terms within the document-frequency bounds, with their display word."""
    df: Counter[str] = Counter()
    written: dict[str, Counter[str]] = {}
    for document in documents:
        df.update({s for s, _ in document})
        for s, word in document:
            written.setdefault(s, Counter())[word] += 1
    limit = MAX_DF_SHARE * len(documents)
    kept = sorted(
        (t for t, n in df.items() if MIN_DF <= n <= limit), key=lambda t: (-df[t], t)
    )[:MAX_TERMS]
    vocabulary = {t: i for i, t in enumerate(sorted(kept))}
    # The word most often written for a stem names it (ties: alphabetical).
    shown = {
        t: min(written[t].items(), key=lambda item: (-item[1], item[0]))[0]
        for t in vocabulary
    }
    return vocabulary, shown


@dataclass(frozen=True, slots=True)
class _Sparse:
    """A sparse matrix as (row, column, value) triples: the products below are
    bincounts, which stay fast on a busy machine where BLAS threads would not."""

    rows: np.ndarray
    cols: np.ndarray
    vals: np.ndarray
    shape: tuple[int, int]

    def times(self, right: np.ndarray) -> np.ndarray:
        """X @ right, for right of shape (columns, k)."""
        n, k = self.shape[0], right.shape[1]
        out = np.empty((n, k))
        for j in range(k):
            weights = self.vals * right[self.cols, j]
            out[:, j] = np.bincount(self.rows, weights, minlength=n)
        return out

    def transposed_times(self, right: np.ndarray) -> np.ndarray:
        """X.T @ right, for right of shape (rows, k)."""
        m, k = self.shape[1], right.shape[1]
        out = np.empty((m, k))
        for j in range(k):
            weights = self.vals * right[self.rows, j]
            out[:, j] = np.bincount(self.cols, weights, minlength=m)
        return out


def _tfidf(
    documents: Sequence[Sequence[tuple[str, str]]], vocabulary: dict[str, int]
) -> _Sparse:
    n = len(documents)
    rows, cols, vals = [], [], []
    for row, document in enumerate(documents):
        for s, count in sorted(Counter(s for s, _ in document).items()):
            if s in vocabulary:
                rows.append(row)
                cols.append(vocabulary[s])
                vals.append(1 + math.log(count))
    r, c = np.array(rows, dtype=np.int64), np.array(cols, dtype=np.int64)
    df = np.bincount(c, minlength=len(vocabulary))
    v = np.array(vals) * (np.log((1 + n) / (1 + df)) + 1)[c]
    norms = np.sqrt(np.bincount(r, v * v, minlength=n))
    return _Sparse(r, c, v / norms[r], (n, len(vocabulary)))


def _nmf(x: _Sparse, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Non-negative factors W (posts × k) and H (k × terms), from NNDSVDa, by
    multiplicative updates."""
    w, h = _nndsvda(x, k)
    for _ in range(ITERATIONS):
        h *= x.transposed_times(w).T / ((w.T @ w) @ h + _EPSILON)
        w *= x.times(h.T) / (w @ (h @ h.T) + _EPSILON)
    return w, h


def _leading_singular(x: _Sparse, k: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The k leading singular triples by subspace iteration from a fixed start."""
    m = x.shape[1]
    grid = np.add.outer(np.arange(m), np.arange(k) * 7919) % 101
    v = _orthonormal(1.0 + grid / 101.0 + np.eye(m, k))
    for _ in range(SUBSPACE_ITERATIONS):
        v = _orthonormal(x.transposed_times(x.times(v)))
    b = x.times(v)
    values, vectors = np.linalg.eigh(b.T @ b)  # k × k: small and exact
    order = np.argsort(-values, kind="stable")
    s = np.sqrt(np.maximum(values[order], 0.0))
    right = v @ vectors[:, order]
    left = (b @ vectors[:, order]) / np.where(s > 0, s, 1.0)
    return left, s, right.T


def _orthonormal(a: np.ndarray) -> np.ndarray:
    """Modified Gram-Schmidt on the columns."""
    q = a.copy()
    for j in range(q.shape[1]):
        for i in range(j):
            q[:, j] -= (q[:, i] @ q[:, j]) * q[:, i]
        norm = np.linalg.norm(q[:, j])
        q[:, j] = q[:, j] / norm if norm > 0 else 0.0
    return q


def _nndsvda(x: _Sparse, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Boutsidis and Gallopoulos's start: each singular pair split into its
    positive and negative parts, keeping the larger; zeros filled with the mean."""
    u, s, vt = _leading_singular(x, k)
    w = np.zeros((x.shape[0], k))
    h = np.zeros((k, x.shape[1]))
    for j in range(k):
        a, b = u[:, j], vt[j, :]
        parts = []
        for ua, vb in ((np.maximum(a, 0), np.maximum(b, 0)),
                       (np.maximum(-a, 0), np.maximum(-b, 0))):  # fmt: skip
            na, nb = float(np.linalg.norm(ua)), float(np.linalg.norm(vb))
            parts.append((na * nb, ua / (na or 1.0), vb / (nb or 1.0)))
        sigma, uu, vv = parts[0] if parts[0][0] >= parts[1][0] else parts[1]
        factor = math.sqrt(s[j] * sigma)
        w[:, j] = factor * uu
        h[j, :] = factor * vv
    mean = float(x.vals.sum() / (x.shape[0] * x.shape[1]))
    w[w == 0] = mean
    h[h == 0] = mean
    return w, h
