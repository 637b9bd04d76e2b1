"""A per-theme classifier on character n-grams of the passage text.

Why: the embedding model is small and was not trained on Norwegian municipal prose. Character
3–5-grams inside words see what it blurs: parts of compounds in both written standards
("interkommunal", "nabokommun", "portefølj", "tenesteområd") and the names of national
solutions. Out of fold on the dev documents this model alone is about as good as the
embedding heads, and the average of the two is better than either, because they make
different mistakes.

The vectoriser is written here (not pickled from scikit-learn) so the scorer file stays plain
JSON; `tests/test_ngrams.py` checks that it computes exactly what scikit-learn's
`TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True)` computes.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

import numpy as np
from scipy.sparse import csr_matrix

NGRAM_RANGE = (3, 5)
RELEVANCE = "(digital)"  # the extra output column: is the passage about digitalisation at all?
_WHITESPACE = re.compile(r"\s\s+")


def char_ngrams(text: str, lo: int = NGRAM_RANGE[0], hi: int = NGRAM_RANGE[1]) -> list[str]:
    """Character n-grams inside each word padded with one space (scikit-learn's "char_wb")."""
    out: list[str] = []
    for word in _WHITESPACE.sub(" ", text.lower()).split():
        w = f" {word} "
        for n in range(lo, hi + 1):
            out.extend(w[i : i + n] for i in range(max(1, len(w) - n + 1)))
            if len(w) <= n:  # a short word counts once, as itself
                break
    return out


@dataclass(frozen=True)
class NgramModel:
    themes: tuple[str, ...]
    vocabulary: dict[str, int]
    idf: np.ndarray  # (V,)
    coef: np.ndarray  # (V, n_themes)
    intercept: np.ndarray  # (n_themes,)

    def vectors(self, texts: list[str]) -> csr_matrix:
        """Sublinear tf × idf, each row scaled to unit length (scikit-learn's defaults)."""
        rows, cols, vals = [], [], []
        for i, text in enumerate(texts):
            counts = Counter(self.vocabulary[g] for g in char_ngrams(text) if g in self.vocabulary)
            if not counts:
                continue
            idx = np.fromiter(counts.keys(), dtype=np.int64)
            v = (1.0 + np.log(np.fromiter(counts.values(), dtype=np.float64))) * self.idf[idx]
            v /= np.linalg.norm(v)
            rows.extend([i] * len(idx))
            cols.extend(idx.tolist())
            vals.extend(v.tolist())
        return csr_matrix((vals, (rows, cols)), shape=(len(texts), len(self.vocabulary)))

    def probability(self, texts: list[str]) -> np.ndarray:
        """(n_texts, n_themes)."""
        if not texts:
            return np.zeros((0, len(self.themes)))
        z = np.asarray(self.vectors(texts) @ self.coef) + self.intercept
        return 1.0 / (1.0 + np.exp(-np.clip(z, -40, 40)))
