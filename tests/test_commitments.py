from __future__ import annotations

from align.commitments import commitments


def test_concrete_measure_bokmaal() -> None:
    c = commitments("IKT-avdelingen skal innen utgangen av 2025 gjennomføre ROS-analyse av alle fagsystem. Kostnad: 350 000 kr.")
    assert c.obligation == ("skal",)
    assert "IKT-avdelingen" in c.owner
    assert any("2025" in d for d in c.deadline)
    assert any("350 000 kr" in a for a in c.amount)
    assert c.concrete


def test_concrete_measure_nynorsk_with_target() -> None:
    c = commitments("Kommunen vil arbeide for at 80 prosent av innbyggjarane nyttar digitale tenester innan 2027, og set av 2,5 mill. kr.")
    assert "80 prosent" in c.target
    assert "innan 2027" in c.deadline
    assert c.amount


def test_table_row_owner_and_deadline() -> None:
    c = commitments("Tiltak 4.2: Digital innbyggerdialog | Ansvar: Servicetorget | Frist: 2. kvartal 2025 | Kostnad: 350 000 kr")
    assert c.owner and c.deadline and c.amount


def test_general_aim_is_not_concrete() -> None:
    c = commitments("Kommunen skal ha gode og trygge digitale tjenester.")
    assert c.obligation == ("skal",)
    assert not c.concrete
