"""Plain-text and Markdown input (.txt, .md) into the same Document model as PDFs.

Pages: a form feed (\\f) starts a new page; otherwise the whole file is page 1 with no
label. Blocks are separated by blank lines. Headings are Markdown `#` lines (level = number
of `#`), Setext headings (a line underlined with === or ---), and one-line blocks that
start with a section number ("3.2 Informasjonssikkerhet", level = depth of the number).
List items start with -, *, •, – or "1)"; Markdown table lines (| a | b |) become table
rows. Lines of one paragraph are joined with the same hyphen rule as PDF lines.
"""

from __future__ import annotations

import re
from pathlib import Path

from align.extract import rules, structure
from align.extract.structure import ProtoBlock
from align.model import BlockKind, Document

_TABLE_SEPARATOR = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?$")
_MD_ORDERED = re.compile(r"^\d{1,3}[.)]\s+\S")
_SETEXT = re.compile(r"^(=+|-+)\s*$")


def decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def extract_text_file(path: Path, data: bytes, sha256: str, fmt: str) -> Document:
    text = decode(data).replace("\r\n", "\n").replace("\r", "\n")
    chunks = text.split("\f")
    markdown = fmt == "md"
    all_blocks: list[ProtoBlock] = []
    pages = []
    for index, chunk in enumerate(chunks, start=1):
        if index == len(chunks) and index > 1 and not chunk.strip():
            break  # a trailing form feed does not make an empty last page
        protos = _blocks(chunk, index, markdown)
        all_blocks.extend(protos)
        pages.append(structure.build_page(index, None, protos))
    title = _title(all_blocks)
    return Document(
        path=str(path),
        sha256=sha256,
        pages=tuple(pages),
        sections=structure.build_sections(all_blocks),
        title=title,
        source_format=fmt,
    )


def _heading(page: int, text: str, level: int | None = None) -> ProtoBlock:
    hn = rules.heading_number(text)
    b = ProtoBlock(BlockKind.HEADING, [text], page)
    if hn is not None:
        b.number, b.title = hn
        b.level = level or min(rules.number_depth(hn[0]), 6)
    else:
        b.title = text
        b.level = level or 1
    return b


def _blocks(chunk: str, page: int, markdown: bool) -> list[ProtoBlock]:
    out: list[ProtoBlock] = []
    for para in re.split(r"\n\s*\n", chunk):
        lines = [ln.rstrip() for ln in para.split("\n") if ln.strip()]
        cur: ProtoBlock | None = None
        for i, raw in enumerate(lines):
            line = raw.strip()
            nxt = lines[i + 1].strip() if i + 1 < len(lines) else ""
            if markdown:
                md = rules.markdown_heading(line)
                if md is not None:
                    out.append(_heading(page, md[1], md[0]))
                    cur = None
                    continue
                if _SETEXT.match(nxt) and cur is None and line and not _SETEXT.match(line):
                    out.append(_heading(page, line, 1 if nxt.startswith("=") else 2))
                    cur = None
                    continue
                if _SETEXT.match(line) and out and out[-1].kind is BlockKind.HEADING:
                    continue
            if line.startswith("|") and line.endswith("|") and len(line) > 1:
                if not _TABLE_SEPARATOR.match(line):
                    cells = [c.strip() for c in line.strip("|").split("|")]
                    out.append(ProtoBlock(BlockKind.TABLE_ROW, [" | ".join(cells)], page))
                cur = None
                continue
            item = rules.split_bullet(line, allow_dash=True)
            if item is None and markdown and _MD_ORDERED.match(line) and len(lines) > 1:
                item = line
            if item is not None:
                cur = ProtoBlock(BlockKind.LIST_ITEM, [item], page)
                out.append(cur)
                continue
            if cur is not None and (cur.kind is BlockKind.PARAGRAPH or raw[:1].isspace()):
                cur.lines.append(line)
                continue
            if len(lines) == 1 and _numbered_heading(line):
                out.append(_heading(page, line))
                continue
            cur = ProtoBlock(BlockKind.PARAGRAPH, [line], page)
            out.append(cur)
    return out


def _numbered_heading(line: str) -> bool:
    return (
        rules.heading_number(line) is not None
        and len(line) <= 90
        and not line.endswith(rules.TERMINAL_PUNCTUATION)
        and not rules.ends_with_page_ref(line)
    )


def _title(blocks: list[ProtoBlock]) -> str | None:
    heads = [b for b in blocks if b.kind is BlockKind.HEADING]
    for b in heads:
        if b.level == 1:
            return b.title or b.text
    if heads:
        return heads[0].title or heads[0].text
    for b in blocks:
        if b.text:
            return b.text[:200]
    return None
