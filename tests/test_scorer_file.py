"""The shipped scorer file: loads, round-trips byte for byte, and matches the shipped frameworks."""

from __future__ import annotations

import numpy as np
import pytest

from align.canonical import ALL_CANONICAL
from align.frameworks import load_frameworks
from align.score.heads import CONTEXT_FEATURES, NO_NEIGHBOUR, context_inputs, default_scorer_path, load_scorer


def test_scorer_round_trips_and_covers_every_canonical_theme() -> None:
    text = default_scorer_path().read_text("utf-8")
    scorer = load_scorer()
    assert scorer.to_json() == text
    assert set(ALL_CANONICAL) <= set(scorer.heads)
    assert scorer.profile_themes == tuple(t.id for f in load_frameworks() for t in f.themes)
    assert all(0 < h.threshold < 1 for h in scorer.heads.values())
    assert scorer.model_id == "intfloat/multilingual-e5-small"
    assert set(scorer.metadata["frameworks"].values()) == {f.sha256 for f in load_frameworks()}


def test_context_inputs_read_the_passage_and_its_better_neighbour() -> None:
    p = np.array([0.5, 0.9, 0.1, 0.5])
    x = context_inputs(p)
    assert x.shape == (4, len(CONTEXT_FEATURES))
    assert x[0, 0] == pytest.approx(0.0)  # logit(0.5)
    assert x[0, 1] == pytest.approx(np.log(9))  # its only neighbour is 0.9
    assert x[2, 1] == pytest.approx(np.log(9))  # the better of 0.9 and 0.5
    assert x[3, 1] == pytest.approx(np.log(1 / 9))  # last passage: only the one before it
    assert context_inputs(np.array([0.8]))[0, 1] == NO_NEIGHBOUR
    assert context_inputs(np.zeros(0)).shape == (0, len(CONTEXT_FEATURES))


def test_digital_gate_keeps_a_lone_clear_digital_passage_and_drops_a_doubtful_one() -> None:
    """The one digital paragraph of a long plan about other things must survive the gate;
    a doubtful passage among non-digital ones must not (the trained, shipped gate)."""
    scorer = load_scorer()
    lone = np.array([0.02, 0.02, 0.98, 0.02, 0.02])
    doubtful = np.array([0.02, 0.02, scorer.relevance_threshold + 0.02, 0.02, 0.02])
    assert scorer.context.probability(context_inputs(lone))[2] >= scorer.context_threshold
    assert scorer.context.probability(context_inputs(doubtful))[2] < scorer.context_threshold
    # and neighbours only ever help: the same doubtful passage among digital ones scores higher
    among = np.array([0.9, 0.9, scorer.relevance_threshold + 0.02, 0.9, 0.9])
    assert scorer.context.probability(context_inputs(among))[2] > scorer.context.probability(context_inputs(doubtful))[2]
