"""From passage probabilities to a level per theme: dekket, nevnt, mangler, delegert, usikker.

The rules are few and stated here so the report can explain them:
- a theme is addressed when at least one passage reaches the theme's threshold (learned on
  the dev split by cross-validation) and passes the digitalisation gate (a passage about
  roads or sport never counts, whatever its words);
- `dekket` needs concrete evidence: an addressing passage that the concreteness model rates
  as a measure (owner, deadline, money or target);
- `delegert` when every addressing passage hands the theme to another named plan;
- `usikker` when the best passage is within UNSURE_BAND of the threshold and the signals
  disagree (a keyword without enough similarity, or similarity without any keyword);
- otherwise `nevnt` (addressed) or `mangler` (gap).
Evidence quoted: the addressing passages with probability >= 0.5, best first (at least one).
Score 0–100: the level sets the band (gap 0–29, addressed 30–69, concrete 70–100); within the
band the score rises with how far the best passage's probability lies above the theme's
threshold (or, for a gap, how close it came to it). See `theme_score`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from align.model import Commitment, Evidence, ExpectationResult, Level, Passage, Theme, ThemeResult

UNSURE_BAND = 0.10
MAX_EVIDENCE = 5
EVIDENCE_PROBABILITY = 0.5
MAX_CLOSEST = 3


@dataclass(frozen=True, slots=True)
class PassageSignals:
    """Everything known about the passages of one document, per theme where it applies."""

    passages: tuple[Passage, ...]
    page_labels: dict[int, str | None]
    prob: np.ndarray  # (n_passages, n_themes)
    concrete: np.ndarray  # (n_passages,)
    commitments: tuple[Commitment, ...]
    keywords: tuple[tuple[tuple[str, ...], ...], ...]  # [passage][theme] -> matched terms
    delegation: tuple[str | None, ...]
    relevant: np.ndarray  # (n_passages,) bool: passed the digitalisation gate
    expectation_sims: np.ndarray  # (n_passages, n_expectations) best cosine to each expectation


@dataclass(frozen=True, slots=True)
class Judgement:
    result: ThemeResult
    addressed: bool  # the decision behind the level, also for `usikker`
    level_value: int  # 0 gap, 1 mentioned/delegated, 2 concrete (for evaluation)


def theme_score(level_value: int, p_best: float, threshold: float, p_concrete: float) -> int:
    """0–100, consistent with the level: 0–29 gap, 30–69 addressed, 70–100 concrete.

    Inside a band the position is the margin over the threshold, (p - t) / (1 - t), so a
    theme just over its threshold sits at the bottom of its band and a certain one at the top;
    for a gap it is p / t, how close the best passage came.
    """
    def margin(p: float) -> float:
        return min(1.0, max(0.0, (p - threshold) / (1.0 - threshold))) if threshold < 1 else 0.0

    if level_value >= 2:
        value = 70 + 30 * margin(p_concrete)
    elif level_value == 1:
        value = 30 + 39 * margin(p_best)
    else:
        value = 29 * min(1.0, p_best / threshold) if threshold > 0 else 0
    return int(round(value))


def _evidence(s: PassageSignals, i: int, j: int, exp_ids: Sequence[str]) -> Evidence:
    p = s.passages[i]
    return Evidence(
        passage_id=p.id,
        page=p.page_start,
        page_label=s.page_labels.get(p.page_start),
        page_end=p.page_end,
        text=p.text,
        heading=" › ".join(p.heading_path),
        probability=round(float(s.prob[i, j]), 4),
        keywords=s.keywords[i][j],
        expectation_ids=tuple(exp_ids),
        commitment=s.commitments[i],
    )


def judge_theme(
    s: PassageSignals,
    j: int,
    theme: Theme,
    threshold: float,
    concrete_threshold: float,
    exp_index: Sequence[int],  # global expectation indices of this theme, in theme order
    lang: str = "nb",
) -> Judgement:
    n = len(s.passages)
    probs = s.prob[:, j] if n else np.zeros(0)
    order = sorted(range(n), key=lambda i: (-round(float(probs[i]), 6), i))
    above = [i for i in order if probs[i] >= threshold and s.relevant[i]]
    relevant = [i for i in order if s.relevant[i]]
    p_best = float(probs[relevant[0]]) if relevant else 0.0

    def best_expectation(i: int) -> str:
        sims = s.expectation_sims[i, list(exp_index)]
        return theme.expectations[int(np.argmax(sims))].id

    own = [i for i in above if s.delegation[i] is None]
    concrete = [i for i in own if s.concrete[i] >= concrete_threshold and s.commitments[i].concrete]
    if above and not own:
        level, reason = Level.DELEGERT, "delegated"
    elif concrete:
        level, reason = Level.DEKKET, "concrete-evidence"
    elif above:
        level, reason = Level.NEVNT, "general-mention"
    else:
        level, reason = Level.MANGLER, "no-evidence"
    addressed = bool(above)
    level_value = {Level.DEKKET: 2, Level.NEVNT: 1, Level.DELEGERT: 1}.get(level, 0)

    if relevant and abs(p_best - threshold) < UNSURE_BAND:
        best = relevant[0]
        has_kw = bool(s.keywords[best][j])
        if (addressed and not has_kw) or (not addressed and has_kw):
            level, reason = Level.USIKKER, "signals-disagree"

    score = theme_score(level_value if addressed else 0, p_best, threshold,
                        max((float(probs[i]) for i in concrete), default=0.0))

    # Quotes are the passages more likely than not about the theme (the heads' probabilities
    # are calibrated); when none is, the single best passage above the threshold.
    likely = [i for i in above if probs[i] >= EVIDENCE_PROBABILITY] or above[:1]
    evidence_ids = likely[:MAX_EVIDENCE]
    evidence = tuple(_evidence(s, i, j, [best_expectation(i)]) for i in evidence_ids)
    closest = () if addressed else tuple(_evidence(s, i, j, [best_expectation(i)]) for i in order[:MAX_CLOSEST] if probs[i] > 0.01)

    met: dict[str, list[int]] = {}
    for i in above:
        met.setdefault(best_expectation(i), []).append(i)
    expectations = []
    for k, e in enumerate(theme.expectations):
        hits = met.get(e.id, [])
        best_i = max(hits, key=lambda i: probs[i]) if hits else None
        expectations.append(
            ExpectationResult(
                id=e.id,
                statement=e.statement,
                met=bool(hits),
                probability=round(float(probs[best_i]), 4) if best_i is not None else 0.0,
                best_page=s.passages[best_i].page_start if best_i is not None else None,
            )
        )
    delegated_to = s.delegation[above[0]] if level is Level.DELEGERT else None
    result = ThemeResult(
        id=theme.id,
        title=theme.title.get(lang),
        level=level,
        score=max(0, min(100, score)),
        probability=round(p_best, 4),
        evidence=evidence,
        closest=closest,
        delegated_to=delegated_to,
        reason=reason,
        expectations=tuple(expectations),
    )
    return Judgement(result, addressed, level_value)
