"""Features for (passage, theme) pairs: dense similarities, compound-aware keywords, relevance.

The probe on real plans showed zero-shot similarity ranks passages only moderately
(ROC-AUC 0.75–0.82 per theme), so these features are inputs to learned per-theme heads
(`heads.py`), not decisions on their own.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from align.lexicon import DIGITAL_TERMS, Hit, TermSet, normalise
from align.model import Framework, Theme

FEATURE_NAMES: tuple[str, ...] = (
    "ex_max",  # highest cosine to one of the theme's exemplar sentences
    "ex_top3",  # mean of the three highest
    "stmt_max",  # highest cosine to an expectation statement
    "desc",  # cosine to the theme description
    "ex_margin",  # ex_max minus the best ex_max of any other theme
    "kw",  # log(1 + distinct keywords matched)
    "phrase",  # phrases or named solutions matched
    "neg",  # negative cues matched
    "digital",  # log(1 + digital terms in the passage)
)


@dataclass(frozen=True)
class ThemeTerms:
    """A theme's keywords, phrases, named solutions and negative cues, compiled once."""

    keywords: TermSet  # keywords and phrases of all its expectations
    solutions: TermSet  # named solutions: whole words only
    negative: TermSet
    phrases: frozenset[str]

    @classmethod
    def of(cls, theme: Theme) -> ThemeTerms:
        kws = [k for e in theme.expectations for k in e.keywords]
        phrases = [p for e in theme.expectations for p in e.phrases]
        return cls(
            keywords=TermSet([*kws, *phrases]),
            solutions=TermSet([s for e in theme.expectations for s in e.solutions], allow_inside=False),
            negative=TermSet([c for e in theme.expectations for c in e.negative_cues]),
            phrases=frozenset(phrases),
        )


def _covered(hit: Hit, blockers: Sequence[Hit]) -> bool:
    return any(b.start < hit.end and hit.start < b.end for b in blockers)


@dataclass(frozen=True)
class ThemeIndex:
    """Embeddings of the framework text, computed once per (framework set, model)."""

    theme_ids: tuple[str, ...]
    themes: tuple[Theme, ...]
    exemplar_vecs: np.ndarray  # (n_exemplars, dim)
    exemplar_theme: np.ndarray  # (n_exemplars,) index into theme_ids
    exemplar_texts: tuple[str, ...]
    exemplar_expectation: np.ndarray  # (n_exemplars,) index into expectation_ids
    expectation_ids: tuple[str, ...]
    expectation_theme: np.ndarray  # (n_expectations,) index into theme_ids
    statement_vecs: np.ndarray  # (n_statements, dim)
    statement_theme: np.ndarray
    description_vecs: np.ndarray  # (n_themes, dim)
    lexicon: tuple[ThemeTerms, ...] = ()  # per theme, compiled once


def build_index(frameworks: Sequence[Framework], embedder) -> ThemeIndex:
    themes = tuple(t for f in frameworks for t in f.themes)
    ex_texts: list[str] = []
    ex_theme: list[int] = []
    st_texts: list[str] = []
    st_theme: list[int] = []
    ex_exp: list[int] = []
    exp_ids: list[str] = []
    for i, t in enumerate(themes):
        for e in t.expectations:
            st_texts.append(e.statement)
            st_theme.append(i)
            for x in e.exemplars:
                ex_texts.append(x.text)
                ex_theme.append(i)
                ex_exp.append(len(exp_ids))
            exp_ids.append(e.id)
    return ThemeIndex(
        theme_ids=tuple(t.id for t in themes),
        themes=themes,
        exemplar_vecs=embedder.encode_passages(ex_texts),
        exemplar_theme=np.asarray(ex_theme, dtype=np.int32),
        exemplar_texts=tuple(ex_texts),
        exemplar_expectation=np.asarray(ex_exp, dtype=np.int32),
        expectation_ids=tuple(exp_ids),
        expectation_theme=np.asarray(st_theme, dtype=np.int32),
        statement_vecs=embedder.encode_queries(st_texts),
        statement_theme=np.asarray(st_theme, dtype=np.int32),
        description_vecs=embedder.encode_queries([t.description for t in themes]),
        lexicon=tuple(ThemeTerms.of(t) for t in themes),
    )


def _group_max(sims: np.ndarray, groups: np.ndarray, n_groups: int) -> np.ndarray:
    out = np.full((sims.shape[0], n_groups), -1.0, dtype=np.float32)
    for g in range(n_groups):
        cols = sims[:, groups == g]
        if cols.shape[1]:
            out[:, g] = cols.max(axis=1)
    return out


def _group_topk_mean(sims: np.ndarray, groups: np.ndarray, n_groups: int, k: int = 3) -> np.ndarray:
    out = np.full((sims.shape[0], n_groups), -1.0, dtype=np.float32)
    for g in range(n_groups):
        cols = sims[:, groups == g]
        if cols.shape[1]:
            kk = min(k, cols.shape[1])
            out[:, g] = -np.sort(-cols, axis=1)[:, :kk].mean(axis=1)
    return out


def dense_features(
    vecs: np.ndarray, index: ThemeIndex, exclude_exemplars: Sequence[int] | None = None
) -> np.ndarray:
    """(n_passages, n_themes, 5) dense features.

    `exclude_exemplars[i]` (when given and >= 0) is an exemplar row that passage i *is*, so
    training on framework exemplars never sees its own similarity of 1.0.
    """
    n_t = len(index.theme_ids)
    ex = vecs @ index.exemplar_vecs.T
    if exclude_exemplars is not None:
        for i, j in enumerate(exclude_exemplars):
            if j >= 0:
                ex[i, j] = -1.0
    ex_max = _group_max(ex, index.exemplar_theme, n_t)
    ex_top3 = _group_topk_mean(ex, index.exemplar_theme, n_t)
    st_max = _group_max(vecs @ index.statement_vecs.T, index.statement_theme, n_t)
    desc = vecs @ index.description_vecs.T
    # margin: how far this theme's best exemplar is above the best of all other themes
    if n_t > 1:
        top2 = -np.sort(-ex_max, axis=1)[:, :2]
        best_other = np.where(ex_max >= top2[:, :1], top2[:, 1:2], top2[:, :1])
    else:
        best_other = np.zeros_like(ex_max)
    margin = ex_max - best_other
    return np.stack([ex_max, ex_top3, st_max, desc, margin], axis=2).astype(np.float32)


@dataclass(frozen=True, slots=True)
class LexicalRow:
    keywords: tuple[tuple[str, ...], ...]  # per theme: the terms that matched
    counts: np.ndarray  # (n_themes, 3): keywords, phrases+solutions, negatives
    digital: int


_DIGITAL = TermSet(DIGITAL_TERMS)


def lexical_features(text: str, lexicon: Sequence[ThemeTerms]) -> LexicalRow:
    """Per theme: distinct keywords, distinct phrases + named solutions, negative cues.

    A keyword or phrase inside a negative cue ("sikkerhet" in "trafikksikkerhet") does not
    count. The text is normalised once; each theme's terms are one compiled expression.
    """
    norm = normalise(text)
    rows = []
    kws = []
    for terms in lexicon:
        neg = terms.negative.find_normalised(norm)
        hits = [h for h in terms.keywords.find_normalised(norm) if not _covered(h, neg)]
        sol = terms.solutions.find_normalised(norm)
        kw = {h.term for h in hits if h.term not in terms.phrases}
        ph = {h.term for h in hits if h.term in terms.phrases} | {h.term for h in sol}
        rows.append((len(kw), len(ph), len({h.term for h in neg})))
        kws.append(tuple(sorted(kw | ph)))
    digital = len({h.term for h in _DIGITAL.find_normalised(norm)})
    return LexicalRow(tuple(kws), np.asarray(rows, dtype=np.float32), digital)


def feature_tensor(dense: np.ndarray, lexical: Sequence[LexicalRow]) -> np.ndarray:
    """(n_passages, n_themes, len(FEATURE_NAMES))."""
    n, n_t, _ = dense.shape
    lex = np.zeros((n, n_t, 4), dtype=np.float32)
    for i, row in enumerate(lexical):
        lex[i, :, 0] = np.log1p(row.counts[:, 0])
        lex[i, :, 1] = np.log1p(row.counts[:, 1])
        lex[i, :, 2] = np.minimum(row.counts[:, 2], 2.0)
        lex[i, :, 3] = math.log1p(row.digital)
    return np.concatenate([dense, lex], axis=2)
