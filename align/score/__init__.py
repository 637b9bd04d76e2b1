"""Passages + frameworks -> per-theme results with evidence (the judgement engine)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from align.commitments import commitments
from align.errors import ModelError
from align.model import Commitment, Framework, FrameworkResult, Passage
from align.score.context import embedding_text
from align.score.delegation import delegation_target
from align.score.features import ThemeIndex, build_index, dense_features, feature_tensor, lexical_features
from align.score.heads import Scorer
from align.score.levels import Judgement, PassageSignals, judge_theme

_INDEX_CACHE: dict[tuple, ThemeIndex] = {}


def theme_index(frameworks: Sequence[Framework], embedder) -> ThemeIndex:
    """The embedded framework text, built once per process for a framework set and model."""
    key = (tuple((f.id, f.sha256) for f in frameworks), embedder.model_id, embedder.precision, embedder.checksum)
    if key not in _INDEX_CACHE:
        _INDEX_CACHE[key] = build_index(frameworks, embedder)
    return _INDEX_CACHE[key]


def _expectation_sims(emb: np.ndarray, index: ThemeIndex) -> np.ndarray:
    n_e = len(index.expectation_ids)
    out = np.full((emb.shape[0], n_e), -1.0, dtype=np.float32)
    if not emb.shape[0]:
        return out
    ex = emb @ index.exemplar_vecs.T
    st = emb @ index.statement_vecs.T
    for e in range(n_e):
        cols = ex[:, index.exemplar_expectation == e]
        out[:, e] = np.maximum(cols.max(axis=1) if cols.shape[1] else -1.0, st[:, e])
    return out


@dataclass(frozen=True)
class Scored:
    frameworks: tuple[FrameworkResult, ...]
    judgements: dict[str, Judgement]
    signals: PassageSignals
    features: np.ndarray  # (n_passages, n_themes, n_features), for evaluation and diagnostics


def check_compatible(scorer: Scorer, embedder) -> None:
    if scorer.model_id != embedder.model_id or scorer.dimension != embedder.dimension:
        raise ModelError(
            f"The scorer {scorer.name} was trained with the embedding model '{scorer.model_id}', "
            f"not '{embedder.model_id}'. Run `align train --model {embedder.model_id}` first, "
            "or leave out --model."
        )


def score_passages(
    passages: Sequence[Passage],
    frameworks: Sequence[Framework],
    embedder,
    scorer: Scorer,
    *,
    page_labels: dict[int, str | None] | None = None,
    lang: str = "nb",
    all_commitments: bool = False,
) -> Scored:
    check_compatible(scorer, embedder)
    index = theme_index(frameworks, embedder)
    texts = [p.text for p in passages]
    emb = embedder.encode_passages([embedding_text(p.text, p.heading_path) for p in passages]) if texts else np.zeros((0, scorer.dimension), np.float32)
    dense = dense_features(emb, index) if texts else np.zeros((0, len(index.theme_ids), 5), np.float32)
    lex = [lexical_features(t, index.lexicon) for t in texts]
    feats = feature_tensor(dense, lex) if texts else np.zeros((0, len(index.theme_ids), 9), np.float32)
    ngram_prob = scorer.ngram_probability(texts)
    prob = scorer.theme_probabilities(index.theme_ids, emb, feats, ngram_prob)
    relevant = scorer.digital_gate(index.theme_ids, emb, feats, ngram_prob)
    # Commitment signals matter only for passages that can be evidence; finding them is the
    # slowest per-passage step, so the rest are skipped unless asked for (evaluation).
    floor = min((scorer.threshold(t) for t in index.theme_ids), default=0.0)
    candidate = relevant & (prob.max(axis=1) >= floor) if texts else np.zeros(0, bool)
    commits = tuple(commitments(t) if (all_commitments or candidate[i]) else Commitment() for i, t in enumerate(texts))
    concrete = scorer.concreteness(list(commits), texts)
    signals = PassageSignals(
        passages=tuple(passages),
        page_labels=dict(page_labels or {}),
        prob=prob,
        concrete=concrete,
        commitments=commits,
        keywords=tuple(row.keywords for row in lex),
        delegation=tuple(delegation_target(t) for t in texts),
        expectation_sims=_expectation_sims(emb, index),
        relevant=relevant,
    )
    judgements: dict[str, Judgement] = {}
    results = []
    j = 0
    exp_pos = 0
    for f in frameworks:
        theme_results = []
        for t in f.themes:
            exp_index = list(range(exp_pos, exp_pos + len(t.expectations)))
            exp_pos += len(t.expectations)
            jd = judge_theme(signals, j, t, scorer.threshold(t.id), scorer.concrete_threshold, exp_index, lang)
            judgements[t.id] = jd
            theme_results.append(jd.result)
            j += 1
        fscore = int(round(sum(r.score for r in theme_results) / len(theme_results))) if theme_results else 0
        results.append(FrameworkResult(f.id, f.title.get(lang), f.version, fscore, tuple(theme_results)))
    return Scored(tuple(results), judgements, signals, feats)
