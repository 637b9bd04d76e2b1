"""The shipped example plan is what examples/make_example.py generates, and reads cleanly."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from align.extract import extract
from align.model import BlockKind

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "solvik-digitaliseringsplan.pdf"


@pytest.fixture(scope="module")
def example():
    spec = importlib.util.spec_from_file_location("make_example", ROOT / "examples" / "make_example.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    data, truth = mod.build()
    return data, truth, extract(EXAMPLE)


def test_example_pdf_is_up_to_date(example):
    data, _, _ = example
    assert EXAMPLE.read_bytes() == data, "run python examples/make_example.py"


def test_example_reads_like_its_source(example):
    _, truth, doc = example
    assert 15 <= doc.page_count <= 25
    assert doc.title == "Digitaliseringsplan for Solvik kommune 2025–2028"
    assert [p.label for p in doc.pages] == [t["label"] for t in truth["pages"]]
    numbered = [s.number for s in doc.sections if s.number]
    assert numbered == [str(i) for i in range(1, 14)]
    rows = [b.text for p in doc.pages for b in p.blocks if b.kind is BlockKind.TABLE_ROW]
    assert "Tiltak | Ansvar | Frist | Kostnad" in rows
    assert all(r.count(" | ") == 3 for r in rows[rows.index("Tiltak | Ansvar | Frist | Kostnad") :])
    for p in doc.pages:
        assert "Digitaliseringsplan 2025–2028" not in p.text or p.index == 1
        assert "Vedtatt 19.06.2025" not in p.text
