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


def test_joint_network_matches_sklearn_and_survives_json() -> None:
    """The stored network computes what the fitted sklearn network computed, after a trip
    through the JSON file format."""
    from sklearn.neural_network import MLPClassifier

    from align.score.heads import JointNet

    rng = np.random.default_rng(0)
    x = rng.normal(size=(120, 7))
    y = np.stack([(x[:, 0] > 0), (x[:, 1] + x[:, 2] > 0.5), (x[:, 3] < -0.2)], axis=1).astype(int)
    net = MLPClassifier(hidden_layer_sizes=(5,), max_iter=3000, random_state=0).fit(x, y)
    mean, scale = np.zeros(7), np.ones(7)
    joint = JointNet(("a", "b", "c"), mean, scale, ((net.coefs_[0], net.intercepts_[0], net.coefs_[1], net.intercepts_[1]),))
    again = JointNet.from_dict(joint.to_dict())
    assert again.themes == ("a", "b", "c")
    np.testing.assert_allclose(again.probability(x), net.predict_proba(x), atol=1e-5)
    # two members average their probabilities
    pair = JointNet(("a", "b", "c"), mean, scale, again.members * 2)
    np.testing.assert_allclose(pair.probability(x), again.probability(x), atol=1e-12)


def test_shipped_scorer_ties_only_themes_the_guidelines_label_together() -> None:
    scorer = load_scorer()
    assert scorer.joint is not None and set(scorer.joint.themes) == set(scorer.heads)
    for tid, group in scorer.ties.items():
        assert tid in group and len(group) > 1
        assert all(scorer.ties[t] == group for t in group)  # ties are symmetric
    # the three security themes of edos, ks and fdn are labelled as one cluster
    assert {"edos.sikkerhet", "ks.personvern-sikkerhet", "fdn.sikkerhet"} <= set(scorer.ties.get("edos.sikkerhet", ()))
