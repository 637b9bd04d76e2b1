"""The bootstrap interval `align eval` prints for passage macro-F1."""

from __future__ import annotations

import numpy as np

from align.evaluation import _macro_f1_of_counts, passage_f1_interval


def test_macro_f1_of_counts_leaves_out_themes_with_nothing_to_be_right_about() -> None:
    counts = np.array([[3, 1, 0], [0, 0, 0], [0, 2, 0]])  # F1 6/7, undefined, 0
    assert _macro_f1_of_counts(counts) == (6 / 7 + 0.0) / 2


def test_interval_is_seeded_contains_the_point_and_narrows_with_agreeing_documents() -> None:
    rng = np.random.default_rng(1)
    varied = rng.integers(0, 6, size=(17, 5, 3))
    lo, hi = passage_f1_interval(varied)
    assert (lo, hi) == passage_f1_interval(varied)  # deterministic
    point = _macro_f1_of_counts(varied.sum(axis=0))
    assert lo <= point <= hi and hi - lo > 0.02
    same = np.repeat(varied[:1], 17, axis=0)  # 17 identical documents: nothing to resample
    lo2, hi2 = passage_f1_interval(same)
    assert hi2 - lo2 < 1e-9
    assert passage_f1_interval(np.zeros((0, 5, 3))) == (0.0, 0.0)
