"""The n-gram classifier computes what scikit-learn computed when `align train` fitted it."""

from __future__ import annotations

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from align.score.heads import _ngrams_from_dict, _ngrams_to_dict
from align.score.ngrams import NGRAM_RANGE, NgramModel, char_ngrams

TEXTS = [
    "Kommunen skal ta i bruk KS Fiks og ID-porten innan 2026.",
    "Informasjonssikkerhetsarbeidet blir leia av IKT-avdelinga.",
    "Vi samarbeider med nabokommunane om felles sak- og arkivsystem.",
    "Trafikksikkerhet rundt skolene er prioritert i  2025.",
    "Biblioteket held kurs i BankID og Helsenorge for eldre.",
    "Interkommunalt  samarbeid om brannvesen og renovasjon.",
    "Ø å æ",
]


def test_char_ngrams_match_scikit_learn_char_wb() -> None:
    analyzer = TfidfVectorizer(analyzer="char_wb", ngram_range=NGRAM_RANGE).build_analyzer()
    for text in [*TEXTS, "a ab abc abcd abcde\tIKT", ""]:
        assert char_ngrams(text) == analyzer(text)


def test_vectors_and_probabilities_match_scikit_learn_after_a_json_trip() -> None:
    vec = TfidfVectorizer(analyzer="char_wb", ngram_range=NGRAM_RANGE, sublinear_tf=True)
    x = vec.fit_transform(TEXTS)
    y = np.array([[1, 0], [1, 0], [0, 1], [0, 0], [1, 0], [0, 1], [0, 0]])
    fits = [LogisticRegression(C=4.0).fit(x, y[:, j]) for j in range(2)]
    model = NgramModel(
        ("a", "b"),
        {g: int(i) for g, i in vec.vocabulary_.items()},
        vec.idf_,
        np.stack([m.coef_[0] for m in fits], axis=1),
        np.array([m.intercept_[0] for m in fits]),
    )
    again = _ngrams_from_dict(_ngrams_to_dict(model))
    np.testing.assert_allclose(model.vectors(TEXTS).toarray(), x.toarray(), atol=1e-12)
    expected = np.stack([m.predict_proba(x)[:, 1] for m in fits], axis=1)
    np.testing.assert_allclose(model.probability(TEXTS), expected, atol=1e-9)
    np.testing.assert_allclose(again.probability(TEXTS), expected, atol=2e-3)  # float16 coefficients
    unseen = again.probability(["zzzz qqqq"])  # no known n-gram: the intercept alone
    np.testing.assert_allclose(unseen[0], 1 / (1 + np.exp(-model.intercept)), atol=1e-3)
    assert again.probability([]).shape == (0, 2)
