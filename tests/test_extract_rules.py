"""The text rules shared by all extractors: hyphen joins, bullets, numbers."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from align.extract import rules

lower = st.text(alphabet="abcdefghijklmnopqrstuvwxyzæøå", min_size=2, max_size=12)


@given(left=lower, right=lower)
def test_line_break_hyphen_inside_a_word_is_removed(left, right):
    assert rules.join_hyphenated(f"ordet {left}-", f"{right} videre") == f"ordet {left}{right} videre"


@given(abbr=st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZÆØÅ0123456789", min_size=1, max_size=5), right=lower)
def test_hyphen_after_capitals_or_digits_is_kept(abbr, right):
    assert rules.join_hyphenated(f"i {abbr}-", right) == f"i {abbr}-{right}"


@given(left=st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=1), right=lower)
def test_hyphen_after_single_letter_is_kept(left, right):
    assert rules.join_hyphenated(f"send {left}-", right) == f"send {left}-{right}"


@given(left=lower, right=st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZÆØÅ", min_size=1, max_size=1), rest=lower)
def test_hyphen_before_capital_is_kept_without_space(left, right, rest):
    assert rules.join_hyphenated(f"{left}-", f"{right}{rest}") == f"{left}-{right}{rest}"


@pytest.mark.parametrize(
    ("left", "right", "joined"),
    [
        ("styrke digitali-", "seringen av tjenestene", "styrke digitaliseringen av tjenestene"),
        ("IKT-", "avdelingen har", "IKT-avdelingen har"),
        ("bruk e-", "post", "bruk e-post"),
        ("helse-", "og omsorgstjenester", "helse- og omsorgstjenester"),
        ("Nord-", "Norge", "Nord-Norge"),
        ("covid-", "19-pandemien", "covid-19-pandemien"),
        ("et tankestrek -", "som her", "et tankestrek - som her"),
        ("slutt.", "Ny setning", "slutt. Ny setning"),
    ],
)
def test_join_examples(left, right, joined):
    assert rules.join_hyphenated(left, right) == joined


def test_join_lines_collapses_whitespace():
    assert rules.join_lines(["  Kommunen  skal ", "digitali-", "sere"]) == "Kommunen skal digitalisere"


@pytest.mark.parametrize(
    ("line", "item"),
    [
        ("• Første punkt", "Første punkt"),
        ("(cid:127) Fra reportlab", "Fra reportlab"),
        ("\uf0b7 Fra Word", "Fra Word"),
        ("– Tankestrek som punkt", "Tankestrek som punkt"),
        ("1) Nummerert", "1) Nummerert"),
        ("Vanlig tekst", None),
        ("-5 grader", None),
    ],
)
def test_split_bullet(line, item):
    assert rules.split_bullet(line) == item


def test_dash_is_not_a_bullet_inside_a_paragraph():
    assert rules.split_bullet("– fortsatt setning", allow_dash=False) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3.2 Informasjonssikkerhet", ("3.2", "Informasjonssikkerhet")),
        ("4. Mål", ("4", "Mål")),
        ("2025 ble et godt år", None),
        ("3 kommuner deltar", None),
    ],
)
def test_heading_number(text, expected):
    assert rules.heading_number(text) == expected


@pytest.mark.parametrize(
    ("line", "number"),
    [("12", "12"), ("Side 3", "3"), ("- iv -", "iv"), ("3 av 20", "3"), ("side 3 av 20", "3"), ("Kommunen", None), ("2 Mål", None)],
)
def test_page_number_only(line, number):
    assert rules.page_number_only(line) == number


def test_normalised_header_ignores_changing_numbers():
    a = rules.normalise_repeated("Fjordvik kommune 2025–2028 | side 3")
    b = rules.normalise_repeated("Fjordvik kommune 2025–2028 | side xii")
    assert a == b
    assert a != rules.normalise_repeated("Vestbygd kommune 2025–2028 | side 3")


def test_table_of_contents_line_ends_with_page_ref():
    assert rules.ends_with_page_ref("3.2 Informasjonssikkerhet 14")
    assert rules.ends_with_page_ref("Forord iii")
    assert not rules.ends_with_page_ref("3.2 Informasjonssikkerhet")
