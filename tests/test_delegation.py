from __future__ import annotations

import pytest

from align.score.delegation import delegation_target


@pytest.mark.parametrize(
    "text, target",
    [
        ("Informasjonssikkerhet følges opp i egen handlingsplan for informasjonssikkerhet 2024–2026.", "Handlingsplan for informasjonssikkerhet 2024–2026"),
        ("Sjå eigen kompetanseplan for tilsette.", "Kompetanseplan for tilsette"),
        ("Detaljerte tiltak kommer i «Digitaliseringsstrategi for Elvdal kommune».", "Digitaliseringsstrategi for Elvdal kommune"),
        ("Arbeidet med personvern vert følgt opp i eigen plan for informasjonstryggleik.", "Plan for informasjonstryggleik"),
    ],
)
def test_hand_over_to_a_named_plan(text: str, target: str) -> None:
    assert delegation_target(text) == target


@pytest.mark.parametrize(
    "text",
    [
        "Tiltaka er i tråd med kommuneplanen.",
        "Kommunen skal ha god informasjonssikkerhet.",
        "Tiltaka følgjer av planen.",
        "Kommunen følger opp tiltakene i budsjettet.",
    ],
)
def test_no_delegation(text: str) -> None:
    assert delegation_target(text) is None
