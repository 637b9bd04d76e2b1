"""Extraction from PDF against the generator's ground truth (tests/fixtures/make_pdfs.py)."""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from pathlib import Path

import pytest

from align.errors import (
    AlignError,
    CorruptPdf,
    EmptyPdf,
    EncryptedPdf,
    FileMissing,
    NoTextLayer,
    NotAPdf,
    UnsupportedFormat,
)
from align.extract import extract
from align.model import BlockKind, Document, Section

CLEAN = ["plan-mixed-layout", "two-column-nynorsk", "scanned-page"]


@pytest.fixture(scope="module")
def docs(pdf_dir: Path) -> dict[str, tuple[Document, dict]]:
    out = {}
    for name in CLEAN:
        truth = json.loads((pdf_dir / f"{name}.truth.json").read_text(encoding="utf-8"))
        out[name] = (extract(pdf_dir / f"{name}.pdf"), truth)
    return out


def _tokens(text: str) -> list[str]:
    return [t for t in text.split() if t != "|"]


def _flat(sections: tuple[Section, ...]) -> list[Section]:
    out: list[Section] = []
    for s in sections:
        out.append(s)
        out.extend(_flat(s.children))
    return out


@pytest.mark.parametrize("name", CLEAN)
def test_word_recall_and_precision_on_clean_pages(docs, name):
    doc, truth = docs[name]
    assert len(doc.pages) == len(truth["pages"])
    for page, tp in zip(doc.pages, truth["pages"]):
        if tp["scanned"]:
            continue
        want, got = Counter(tp["words"]), Counter(_tokens(page.text))
        common = sum((want & got).values())
        recall = common / max(1, sum(want.values()))
        precision = common / max(1, sum(got.values()))
        assert recall >= 0.98, (name, page.index, want - got)
        assert precision >= 0.98, (name, page.index, got - want)


@pytest.mark.parametrize("name", CLEAN)
def test_paragraphs_come_in_reading_order(docs, name):
    doc, truth = docs[name]
    for page, tp in zip(doc.pages, truth["pages"]):
        pos = 0
        for start in tp["starts"]:
            found = page.text.find(start, pos)
            assert found >= 0, (name, page.index, start, page.text[pos : pos + 200])
            pos = found + len(start)


def test_two_column_page_reads_left_column_before_right(docs):
    doc, _ = docs["two-column-nynorsk"]
    text = doc.pages[0].text
    # full-width heading and intro first, then the whole left column, then the right one
    order = ["4 Digital infrastruktur", "Vestbygd skal vere", "Kommunen har i dag fiber",
             "4.1 Sjølvbetening", "Dei som ikkje kan", "4.2 Deling av data"]
    positions = [text.index(s) for s in order]
    assert positions == sorted(positions)
    # a line of the left column is never glued to a line of the right column
    assert "ti Dei som" not in text


@pytest.mark.parametrize("name", CLEAN)
def test_headings_numbers_levels_and_pages(docs, name):
    doc, truth = docs[name]
    got = [(s.number, s.title, s.level, s.page) for s in _flat(doc.sections)]
    want = [(h["number"], h["title"], h["level"], h["page"]) for h in truth["headings"]]
    it = iter(got)
    assert all(w in it for w in want), (want, got)  # in order
    numbered = [g for g in got if g[0] is not None]
    assert numbered == [w for w in want if w[0] is not None]


def test_sections_are_nested_by_level(docs):
    doc, _ = docs["plan-mixed-layout"]
    first = next(s for s in doc.sections if s.number == "1")
    assert [c.number for c in first.children] == ["1.1", "1.2"]
    assert [c.title for c in first.children] == ["Bakgrunn for strategien", "Mål for planperioden"]
    third = next(s for s in doc.sections if s.number == "3")
    assert [(c.number, c.page) for c in third.children] == [("3.1", 6)]


@pytest.mark.parametrize("name", CLEAN)
def test_page_labels_match_printed_numbers(docs, name):
    doc, truth = docs[name]
    assert [p.label for p in doc.pages] == [tp["label"] for tp in truth["pages"]]
    assert [p.index for p in doc.pages] == list(range(1, len(doc.pages) + 1))


def test_roman_front_matter_labels_are_kept(docs):
    doc, _ = docs["plan-mixed-layout"]
    assert [p.label for p in doc.pages[:4]] == [None, "ii", "iii", "1"]


@pytest.mark.parametrize("name", CLEAN)
def test_running_header_and_footer_removed(docs, name):
    doc, truth = docs[name]
    for page in doc.pages:
        if truth["header"]:
            assert truth["header"] not in page.text
        if truth["footer"]:
            assert truth["footer"] not in page.text
        assert not re.search(r"\bSide \d+\b", page.text)
    # page numbers are not left behind as lone blocks
    for page in doc.pages:
        assert all(not re.fullmatch(r"\d+|[ivx]+", b.text) for b in page.blocks)


@pytest.mark.parametrize("name", CLEAN)
def test_hyphenated_words_are_rejoined(docs, name):
    doc, truth = docs[name]
    joined = 0
    for page, tp in zip(doc.pages, truth["pages"]):
        words = set(_tokens(page.text))
        for w in tp["hyphen_joined"] + tp["hyphen_kept"]:
            assert w in words, (page.index, w)
            joined += 1
        assert not re.search(r"\w-\s[a-zæøå]", page.text.replace("helse- og", "")), page.text
    assert joined > 0 or name == "scanned-page"


def test_hyphen_rule_on_hand_broken_lines(docs):
    doc, truth = docs["plan-mixed-layout"]
    text = doc.pages[3].text
    for want in ("IKT-avdelingen", "e-post,", "digitalisert", "helse- og omsorgstjenester", "Nord-Norge"):
        assert want in text
    assert "digitali-" not in text and "IKTavdelingen" not in text


@pytest.mark.parametrize("name", CLEAN)
def test_bullets_are_list_items_without_glyph(docs, name):
    doc, truth = docs[name]
    for page, tp in zip(doc.pages, truth["pages"]):
        items = [b.text for b in page.blocks if b.kind is BlockKind.LIST_ITEM]
        assert items == tp["bullets"]
    assert not any("•" in p.text or "(cid:" in p.text for p in doc.pages)


def test_table_rows_are_blocks_and_not_prose(docs):
    doc, truth = docs["plan-mixed-layout"]
    for page, tp in zip(doc.pages, truth["pages"]):
        rows = [b.text for b in page.blocks if b.kind is BlockKind.TABLE_ROW]
        assert rows == tp["table_rows"]
    page = doc.pages[4]
    assert len(tp_rows := truth["pages"][4]["table_rows"]) == 4 and tp_rows[0] == "Tiltak | Ansvar | Frist"
    prose = " ".join(b.text for b in page.blocks if b.kind is not BlockKind.TABLE_ROW)
    assert "Beredskapskoordinator" not in prose and "Kommunedirektøren" not in prose


@pytest.mark.parametrize("name", CLEAN)
def test_block_offsets_point_into_page_text(docs, name):
    doc, _ = docs[name]
    for page in doc.pages:
        for b in page.blocks:
            assert page.text[b.start : b.end] == b.text
            assert b.page == page.index
        assert page.text == "\n\n".join(b.text for b in page.blocks)


def test_title_and_hash(docs, pdf_dir):
    doc, truth = docs["plan-mixed-layout"]
    assert doc.title == truth["title"]
    assert doc.sha256 == hashlib.sha256((pdf_dir / "plan-mixed-layout.pdf").read_bytes()).hexdigest()
    assert doc.source_format == "pdf"


def test_scanned_page_becomes_a_warning(docs):
    doc, _ = docs["scanned-page"]
    assert [p.has_text_layer for p in doc.pages] == [True, False, True]
    assert doc.pages[1].text == "" and doc.pages[1].blocks == ()
    assert len(doc.warnings) == 1 and "Page 2 " in doc.warnings[0]
    assert "OCR" in doc.warnings[0]


# ---- bad input ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "error", "hint"),
    [
        ("encrypted.pdf", EncryptedPdf, "password"),
        ("truncated.pdf", CorruptPdf, "damaged"),
        ("zero-pages.pdf", EmptyPdf, "no pages"),
        ("not-a-pdf.pdf", NotAPdf, "HTML"),
        ("image-only.pdf", NoTextLayer, "OCR"),
        ("does-not-exist.pdf", FileMissing, "not found"),
    ],
)
def test_bad_input_raises_one_clear_line(pdf_dir, name, error, hint):
    with pytest.raises(error) as info:
        extract(pdf_dir / name)
    msg = str(info.value)
    assert msg.startswith(f"[{error.code}] ")
    assert "\n" not in msg
    assert str(pdf_dir / name) in msg
    assert hint in msg
    assert "try again" in msg


def test_text_renamed_to_pdf_is_not_a_pdf(tmp_path):
    f = tmp_path / "plan.pdf"
    f.write_text("Dette er bare tekst.\n", encoding="utf-8")
    with pytest.raises(NotAPdf, match="no PDF signature"):
        extract(f)


def test_unknown_extension_and_folder(tmp_path):
    f = tmp_path / "plan.docx"
    f.write_bytes(b"PK\x03\x04rest")
    with pytest.raises(UnsupportedFormat, match=r"\.docx"):
        extract(f)
    with pytest.raises(FileMissing, match="folder"):
        extract(tmp_path)


def test_pdf_is_recognised_by_content_whatever_the_name(pdf_dir, tmp_path):
    f = tmp_path / "plan.bin"
    f.write_bytes((pdf_dir / "scanned-page.pdf").read_bytes())
    assert extract(f).page_count == 3


def test_broken_page_inside_good_pdf_is_corrupt(pdf_dir, tmp_path):
    data = (pdf_dir / "two-column-nynorsk.pdf").read_bytes()
    f = tmp_path / "cut.pdf"
    f.write_bytes(data[: len(data) - 900])
    with pytest.raises(AlignError) as info:
        extract(f)
    assert info.value.code in {"A104", "A105"}


def test_workers_must_be_positive(pdf_dir):
    with pytest.raises(ValueError, match="workers"):
        extract(pdf_dir / "scanned-page.pdf", workers=0)
