from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from align.lexicon import find_terms, match


def test_keyword_matches_inside_compounds() -> None:
    hits = find_terms("Informasjonssikkerhetsarbeidet styrkes.", ["informasjonssikkerhet"])
    assert [h.term for h in hits] == ["informasjonssikkerhet"]
    assert find_terms("velferdsteknologiløysingane", ["teknologi"])


def test_short_keyword_only_at_word_start() -> None:
    assert not find_terms("prosessen", ["ros"])
    assert find_terms("ROS-analysen er ferdig", ["ros"])


def test_negative_cue_cancels_the_hit() -> None:
    ev = match("Vi styrker trafikksikkerheten ved skolene.", ["sikkerhet"], negative_cues=["trafikksikkerhet"])
    assert ev.n_keywords == 0 and ev.n_negative == 1
    ev = match("Vi styrker informasjonssikkerheten.", ["sikkerhet"], negative_cues=["trafikksikkerhet"])
    assert ev.n_keywords == 1


def test_phrases_and_named_solutions() -> None:
    ev = match("Alle brev sendes via SvarUt og KS  Fiks.", [], phrases=["ks fiks"], solutions=["SvarUt"])
    assert ev.n_phrases == 1 and ev.n_solutions == 1
    assert set(ev.keywords) == {"ks fiks", "SvarUt"}


@given(st.text(alphabet="abcæøå ", min_size=0, max_size=40))
def test_a_term_is_found_wherever_it_is_inserted(prefix: str) -> None:
    text = prefix + " datadeling mellom etater"
    assert find_terms(text, ["datadeling"])
