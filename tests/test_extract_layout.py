"""Layout rules on synthetic words and lines, without a PDF."""

from __future__ import annotations

from align.extract import layout, structure
from align.extract.layout import FULL, LEFT, RIGHT, Line, RawPage
from align.model import BlockKind


def _w(text, x0, top, size=10.0, font="Helvetica"):
    return {"text": text, "x0": x0, "x1": x0 + 6.0 * len(text), "top": top, "bottom": top + size,
            "fontname": font, "size": size}


def _line_words(text, x0, top, **kw):
    out, x = [], x0
    for t in text.split():
        out.append(_w(t, x, top, **kw))
        x += 6.0 * len(t) + 3.0
    return out


def _two_column_page():
    words = _line_words("Overskrift over begge spaltene på denne siden her", 60, 60, size=14, font="Helvetica-Bold")
    for i in range(12):
        words += _line_words(f"venstre{i} aaa bbb ccc ddd", 60, 100 + 14 * i)
        words += _line_words(f"hoyre{i} eee fff ggg hhh", 320, 100 + 14 * i)
    return words


def test_gutter_found_on_two_columns_and_not_on_one():
    assert layout.find_gutter(_two_column_page(), 595) is not None
    one = []
    for i in range(20):
        one += _line_words("en lang linje som går over hele bredden av siden uten opphold her", 60, 100 + 14 * i)
    assert layout.find_gutter(one, 595) is None


def test_full_width_heading_then_left_column_then_right():
    items = layout.order_page(_two_column_page(), [], 595)
    texts = [it.text.split()[0] for it in items]
    assert texts[0] == "Overskrift" and items[0].col == FULL
    assert texts[1:13] == [f"venstre{i}" for i in range(12)]
    assert texts[13:] == [f"hoyre{i}" for i in range(12)]
    assert {it.col for it in items[1:13]} == {LEFT} and {it.col for it in items[13:]} == {RIGHT}


def test_chars_are_grouped_into_words_whatever_the_drawing_order():
    chars = []
    x = 50.0
    for ch in "Til deg":
        chars.append((ch, x, x + 5, 100.0, 110.0, "Helvetica", 10.0))
        x += 5
    chars.reverse()
    words = layout.words_from_chars(chars)
    assert [w["text"] for w in words] == ["Til", "deg"]


def _line(text, top, size=10.0, bold=False, x0=60.0, x1=500.0):
    return Line(text, x0, x1, top, top + size, size, bold)


def test_running_lines_use_the_changing_number_as_label():
    pages = []
    for i in range(1, 6):
        items = (
            _line("Solvik kommune 2025", 30, size=8),
            _line(f"Tekst på side {i} som er ulik på hver side {'q' * i}", 100),
            _line(f"Plan 2025–2028 | side {i + 2}", 800, size=8),
        )
        pages.append(RawPage(i, 595, 842, items))
    drop, labels = layout.find_running_lines(pages)
    assert all(drop[i] == {0, 2} for i in range(1, 6))
    assert labels == {i: str(i + 2) for i in range(1, 6)}


def test_roman_looking_words_inside_a_line_are_not_labels():
    pages = [RawPage(i, 595, 842, (_line(f"Vi i kapittel {'x' * i} skriver", 30, size=8),)) for i in range(1, 5)]
    _, labels = layout.find_running_lines(pages)
    assert labels == {}


def test_body_font_numbered_line_is_a_heading_but_toc_line_is_not():
    st = structure.DocStats(10.0, False, 5.0)
    items = [
        _line("3.2 Informasjonssikkerhet", 100, x1=220),
        _line("Kommunen har et styringssystem for sikkerhet.", 125),
        _line("3.3 Risiko 14", 150, x1=160),
    ]
    blocks = structure.blocks_from_items(1, items, st)
    assert [(b.kind, b.number) for b in blocks] == [
        (BlockKind.HEADING, "3.2"),
        (BlockKind.PARAGRAPH, None),
        (BlockKind.PARAGRAPH, None),
    ]


def test_heading_levels_follow_numbering_and_style():
    st = structure.DocStats(10.0, False, 5.0)
    items = [
        _line("1 Innledning", 100, size=16, bold=True),
        _line("1.1 Bakgrunn", 130, size=13, bold=True),
        _line("Forord", 160, size=16, bold=True),
        _line("Et mellomnivå", 190, size=14, bold=True),
    ]
    blocks = structure.blocks_from_items(1, items, st)
    structure.assign_levels(blocks)
    assert [b.level for b in blocks] == [1, 2, 1, 2]
    sections = structure.build_sections(blocks)
    assert [s.title for s in sections] == ["Innledning", "Forord"]
    assert [c.title for c in sections[0].children] == ["Bakgrunn"]
