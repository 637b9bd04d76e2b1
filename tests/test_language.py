from __future__ import annotations

import pytest

from align.language import detect_language, document_language


@pytest.mark.parametrize(
    "text, lang",
    [
        ("Kommunen skal ikke gjøre dette alene, men sammen med de andre kommunene.", "nb"),
        ("Kommunen skal ikkje gjere dette åleine, men saman med dei andre kommunane.", "nn"),
        ("Me vil at innbyggjarane skal få betre tenester frå kommunen.", "nn"),
        ("Vi vil at innbyggerne skal få bedre tjenester fra kommunen.", "nb"),
        ("Kommunen ska inte göra detta ensam utan tillsammans med de andra.", "sv"),
        ("Kommunen vil gennem digitale løsninger give borgerne bedre service af høj kvalitet.", "da"),
        ("The municipality will improve its digital services for all residents.", "en"),
    ],
)
def test_detects_language_of_a_sentence(text: str, lang: str) -> None:
    assert detect_language(text) == lang


def test_no_telling_words_gives_default() -> None:
    assert detect_language("SvarUt 2025", default="nn") == "nn"


def test_document_language_mixed_and_other() -> None:
    nb = ["Vi skal gjøre tjenestene bedre for innbyggerne."] * 5
    nn = ["Me skal gjere tenestene betre for innbyggjarane."] * 5
    assert document_language(nb) == "nb"
    assert document_language(nn) == "nn"
    assert document_language(nb + nn) == "mixed"
    assert document_language(["Kommunen ska inte göra detta ensam utan tillsammans med de andra."] * 3) == "sv"
