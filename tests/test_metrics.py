"""Metrics checked against confusion matrices worked out by hand."""

from __future__ import annotations

import pytest

from align.metrics import ConfusionMatrix, accuracy, macro


def test_hand_worked_matrix() -> None:
    # gold:  T T T F F F ; pred: T T F T F F -> tp 2, fn 1, fp 1, tn 2
    cm = ConfusionMatrix.from_pairs(zip([1, 1, 1, 0, 0, 0], [1, 1, 0, 1, 0, 0]))
    assert (cm.tp, cm.fp, cm.fn, cm.tn) == (2, 1, 1, 2)
    assert cm.precision == pytest.approx(2 / 3)
    assert cm.recall == pytest.approx(2 / 3)
    assert cm.f1 == pytest.approx(2 / 3)


def test_all_negative_is_undefined_not_zero() -> None:
    cm = ConfusionMatrix.from_pairs([(False, False)] * 4)
    assert cm.precision is None and cm.recall is None and cm.f1 is None


def test_only_false_positives() -> None:
    cm = ConfusionMatrix.from_pairs([(False, True), (False, False)])
    assert cm.precision == 0.0 and cm.recall is None and cm.f1 == 0.0


def test_matrices_add() -> None:
    a = ConfusionMatrix(1, 2, 3, 4) + ConfusionMatrix(4, 3, 2, 1)
    assert a == ConfusionMatrix(5, 5, 5, 5)


def test_macro_skips_undefined_and_accuracy() -> None:
    assert macro([1.0, None, 0.5]) == pytest.approx(0.75)
    assert macro([None]) is None
    assert accuracy([(0, 0), (1, 2), (2, 2)]) == pytest.approx(2 / 3)
    assert accuracy([]) is None
