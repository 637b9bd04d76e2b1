"""The translation table: every label in nb, nn and en, with the same placeholders."""

from __future__ import annotations

import pytest

from align.errors import UnsupportedReportLanguage
from align.model import Level
from align.report.i18n import LANGS, TEXTS, Translator, check_lang, placeholders


def test_every_label_has_all_three_languages_and_none_is_empty():
    for key, by_lang in TEXTS.items():
        assert set(by_lang) == set(LANGS), key
        for lang, text in by_lang.items():
            assert text.strip(), f"{key}[{lang}] is empty"


def test_translations_use_the_same_placeholders():
    for key, by_lang in TEXTS.items():
        names = {lang: placeholders(text) for lang, text in by_lang.items()}
        assert names["nb"] == names["nn"] == names["en"], (key, names)


def test_every_level_has_a_label_and_an_explanation():
    for level in Level:
        assert f"level_{level.value}" in TEXTS
        assert f"levdesc_{level.value}" in TEXTS


def test_nynorsk_is_not_a_copy_of_bokmaal():
    differs = sum(by["nb"] != by["nn"] for by in TEXTS.values())
    assert differs > len(TEXTS) // 3


def test_unknown_language_is_refused_with_a_code():
    with pytest.raises(UnsupportedReportLanguage) as err:
        check_lang("de")
    assert "[A403]" in str(err.value) and "nb, nn, en" in str(err.value)


def test_numbers_use_the_languages_decimal_mark():
    assert Translator("nb").number(0.834) == "0,83"
    assert Translator("en").number(0.834) == "0.83"
    assert Translator("nn").percent(0.815) == "82\u00a0%"
    assert Translator("en").percent(0.5) == "50%"
    assert Translator("nb")("score_of", score=72) == "72 av 100"


def test_language_names():
    assert Translator("nb").language_name("nn") == "nynorsk"
    assert Translator("en").language_name("mixed") == "Bokmål and Nynorsk"
    assert Translator("nb").language_name("fi") == "ukjent (fi)"
