"""Plain text and Markdown input give the same Document model as PDFs."""

from __future__ import annotations

import hashlib

from align.extract import extract
from align.model import BlockKind

MD = """# Digitaliseringsplan for Solvik kommune

## 1 Innledning

Kommunen skal gi innbyggerne gode digitale
tjenester, og saksbehandlingen skal digitali-
seres fullt ut.

- Alle skjema skal være digitale.
- IKT-avdelingen får ansvar for
  integrasjonene.

| Tiltak | Ansvar | Frist |
|---|---|---|
| Ny nettside | Kommunikasjon | 2026 |

### 1.1 Bakgrunn

Tekst om bakgrunn.
"""

TXT = "3 Informasjonssikkerhet\n\nKommunen har et styringssystem.\n\n3.1 Risiko\n\nRisiko vurderes årlig.\n\fSide to starter her.\n"


def test_markdown_headings_lists_tables(tmp_path):
    f = tmp_path / "plan.md"
    f.write_text(MD, encoding="utf-8")
    doc = extract(f)
    assert doc.source_format == "md"
    assert doc.title == "Digitaliseringsplan for Solvik kommune"
    assert doc.sha256 == hashlib.sha256(f.read_bytes()).hexdigest()
    kinds = [(b.kind, b.text) for b in doc.pages[0].blocks]
    assert (BlockKind.PARAGRAPH, "Kommunen skal gi innbyggerne gode digitale tjenester, og saksbehandlingen skal digitaliseres fullt ut.") in kinds
    assert [t for k, t in kinds if k is BlockKind.LIST_ITEM] == [
        "Alle skjema skal være digitale.",
        "IKT-avdelingen får ansvar for integrasjonene.",
    ]
    assert [t for k, t in kinds if k is BlockKind.TABLE_ROW] == [
        "Tiltak | Ansvar | Frist",
        "Ny nettside | Kommunikasjon | 2026",
    ]
    top = doc.sections[0]
    assert (top.title, top.level) == ("Digitaliseringsplan for Solvik kommune", 1)
    intro = top.children[0]
    assert (intro.number, intro.title, intro.level) == ("1", "Innledning", 2)
    assert [(c.number, c.title, c.level) for c in intro.children] == [("1.1", "Bakgrunn", 3)]
    for b in doc.pages[0].blocks:
        assert doc.pages[0].text[b.start : b.end] == b.text


def test_text_file_numbered_headings_and_form_feed_pages(tmp_path):
    f = tmp_path / "plan.txt"
    f.write_text(TXT, encoding="utf-8")
    doc = extract(f)
    assert doc.source_format == "txt"
    assert [p.index for p in doc.pages] == [1, 2]
    assert [p.label for p in doc.pages] == [None, None]
    assert [(s.number, s.title, s.level) for s in doc.sections] == [("3", "Informasjonssikkerhet", 1)]
    assert [(c.number, c.level, c.page) for c in doc.sections[0].children] == [("3.1", 2, 1)]
    assert doc.pages[1].text == "Side to starter her."


def test_text_file_in_windows_encoding(tmp_path):
    f = tmp_path / "plan.txt"
    f.write_bytes("Tjenester for innbyggere i Bodø og Ålesund.".encode("cp1252"))
    assert "Bodø og Ålesund" in extract(f).pages[0].text
