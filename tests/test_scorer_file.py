"""The shipped scorer file: loads, round-trips byte for byte, and matches the shipped frameworks."""

from __future__ import annotations

from align.canonical import ALL_CANONICAL
from align.frameworks import load_frameworks
from align.score.heads import default_scorer_path, load_scorer


def test_scorer_round_trips_and_covers_every_canonical_theme() -> None:
    text = default_scorer_path().read_text("utf-8")
    scorer = load_scorer()
    assert scorer.to_json() == text
    assert set(ALL_CANONICAL) <= set(scorer.heads)
    assert scorer.profile_themes == tuple(t.id for f in load_frameworks() for t in f.themes)
    assert all(0 < h.threshold < 1 for h in scorer.heads.values())
    assert scorer.model_id == "intfloat/multilingual-e5-small"
    assert set(scorer.metadata["frameworks"].values()) == {f.sha256 for f in load_frameworks()}
