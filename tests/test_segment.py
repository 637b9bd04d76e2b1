"""Sentences and passages: abbreviations, lists, headings."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from align.model import Block, BlockKind, Document, Page
from align.segment import MAX_WORDS, NEVER_END, segment, split_sentences


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


def test_abbreviations_do_not_end_sentences() -> None:
    text = (
        "Kommunen skal bl.a. innføre SvarUt, jf. kap. 3. Det koster ca. 2,5 mill. kr. "
        "Dette er nytt. Se f.eks. tiltak nr. 4 i planen! Prosjektet starter 1. januar 2025."
    )
    assert sentences(text) == [
        "Kommunen skal bl.a. innføre SvarUt, jf. kap. 3.",
        "Det koster ca. 2,5 mill. kr.",
        "Dette er nytt.",
        "Se f.eks. tiltak nr. 4 i planen!",
        "Prosjektet starter 1. januar 2025.",
    ]


def test_nynorsk_abbreviations() -> None:
    assert sentences("Me skal t.d. nytte KS Fiks. Det gjeld m.a. barnehage.") == [
        "Me skal t.d. nytte KS Fiks.",
        "Det gjeld m.a. barnehage.",
    ]


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(sorted(NEVER_END)), st.sampled_from(["Kommunen", "IKT", "Servicetorget", "Plan"]))
def test_never_end_abbreviation_keeps_sentence_whole(abbrev: str, next_word: str) -> None:
    text = f"Dette gjelder {abbrev} {next_word} og andre. Ny setning her."
    got = sentences(text)
    assert got[0] == f"Dette gjelder {abbrev} {next_word} og andre."


def _doc(blocks: list[tuple[BlockKind, str, int | None]]) -> Document:
    text = ""
    out = []
    for kind, t, level in blocks:
        if text:
            text += "\n\n"
        start = len(text)
        text += t
        out.append(Block(kind=kind, text=t, page=1, start=start, end=len(text), heading_level=level))
    return Document(path="x.pdf", sha256="0" * 64, pages=(Page(index=1, label="1", text=text, blocks=tuple(out)),))


def test_passages_stay_inside_sections_and_carry_heading_path() -> None:
    doc = _doc(
        [
            (BlockKind.HEADING, "3 Sikkerhet", 1),
            (BlockKind.HEADING, "3.2 Informasjonssikkerhet", 2),
            (BlockKind.PARAGRAPH, "Kommunen skal ha et styringssystem. Det skal revideres årlig.", None),
            (BlockKind.HEADING, "4 Kompetanse", 1),
            (BlockKind.PARAGRAPH, "Alle ansatte skal få opplæring.", None),
        ]
    )
    ps = segment(doc)
    assert [p.heading_path for p in ps] == [("3 Sikkerhet", "3.2 Informasjonssikkerhet"), ("4 Kompetanse",)]
    page_text = doc.pages[0].text
    for p in ps:
        assert page_text[p.char_start : p.char_end].split() == p.text.split()


def test_list_lead_in_stays_with_items_and_table_rows_stand_alone() -> None:
    doc = _doc(
        [
            (BlockKind.PARAGRAPH, "Kommunen skal:", None),
            (BlockKind.LIST_ITEM, "innføre SvarUt", None),
            (BlockKind.LIST_ITEM, "ta i bruk KS Fiks", None),
            (BlockKind.TABLE_ROW, "Tiltak | Ansvar | Frist", None),
            (BlockKind.TABLE_ROW, "ROS-analyse | IKT | 2025", None),
        ]
    )
    ps = segment(doc)
    assert ps[0].text == "Kommunen skal: innføre SvarUt ta i bruk KS Fiks"
    assert [p.text for p in ps[1:]] == ["Tiltak | Ansvar | Frist", "ROS-analyse | IKT | 2025"]


def test_long_paragraph_is_split_below_the_size_limit() -> None:
    para = " ".join(f"Setning nummer {i} handler om digitale tjenester i kommunen." for i in range(40))
    ps = segment(_doc([(BlockKind.PARAGRAPH, para, None)]))
    assert len(ps) > 1
    assert all(len(p.text.split()) <= MAX_WORDS for p in ps)
    assert " ".join(p.text for p in ps).split() == para.split()


def test_passage_ids_are_stable() -> None:
    doc = _doc([(BlockKind.PARAGRAPH, "Kommunen skal ha gode digitale tjenester for alle.", None)])
    assert segment(doc)[0].id == segment(doc)[0].id
    assert len(segment(doc)[0].id) == 16
