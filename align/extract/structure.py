"""From ordered lines to the model: blocks (headings, paragraphs, list items, table rows),
page text with offsets, heading levels and the section tree.

The decisions that need the whole document (body font size, usual line gap, which heading
style is which level) are taken here, after all pages are in, so that the result does
not depend on how pages were split between worker processes.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from align.extract import rules
from align.extract.layout import FULL, Line, RawPage, TableItem
from align.model import Block, BlockKind, Page, Section

_HEADING_SIZE_RATIO = 1.12
_MAX_HEADING_CHARS = 160
_MAX_PLAIN_NUMBERED_CHARS = 90


@dataclass(slots=True)
class ProtoBlock:
    """A block before its page text and offsets are known (mutable while being built)."""

    kind: BlockKind
    lines: list[str]
    page: int
    bbox: tuple[float, float, float, float] | None = None
    style: tuple[float, bool] | None = None  # (size, bold) for headings
    level: int | None = None
    number: str | None = None
    title: str = ""
    last: Line | None = field(default=None, repr=False)
    indent: float = 0.0  # x where list-item text starts

    @property
    def text(self) -> str:
        if self.kind is BlockKind.TABLE_ROW:
            return self.lines[0]
        return rules.join_lines(self.lines)


@dataclass(frozen=True, slots=True)
class DocStats:
    body_size: float
    body_bold: bool
    para_gap: float  # a vertical gap between lines larger than this starts a new block


def doc_stats(pages: Sequence[Sequence[Line]]) -> DocStats:
    """Body font size/weight and the paragraph-break gap, from all kept lines."""
    sizes: Counter[tuple[float, bool]] = Counter()
    for lines in pages:
        for ln in lines:
            sizes[(round(ln.size * 2) / 2, ln.bold)] += len(ln.text)
    if not sizes:
        return DocStats(10.0, False, 5.0)
    (body_size, body_bold), _ = max(sizes.items(), key=lambda kv: (kv[1], -kv[0][0]))
    gaps: Counter[float] = Counter()
    for lines in pages:
        for a, b in zip(lines, lines[1:]):
            if a.col != b.col or (a.band != b.band and a.col != FULL):
                continue
            if abs(a.size - body_size) > 0.6 or abs(b.size - body_size) > 0.6:
                continue
            g = b.top - a.bottom
            if -1 < g < 3 * body_size:
                gaps[round(g * 2) / 2] += 1
    line_gap = max(gaps.items(), key=lambda kv: (kv[1], -kv[0]))[0] if gaps else 0.25 * body_size
    return DocStats(body_size, body_bold, line_gap + max(1.5, 0.3 * body_size))


def _is_heading_style(ln: Line, st: DocStats) -> bool:
    if len(ln.text) > _MAX_HEADING_CHARS:
        return False
    if ln.size >= st.body_size * _HEADING_SIZE_RATIO:
        return True
    return ln.bold and not st.body_bold and abs(ln.size - st.body_size) < 2.5


def _style(ln: Line) -> tuple[float, bool]:
    return (round(ln.size * 2) / 2, ln.bold)


def _union(
    a: tuple[float, float, float, float] | None, ln: Line | TableItem
) -> tuple[float, float, float, float]:
    if a is None:
        return (ln.x0, ln.top, ln.x1, ln.bottom)
    return (min(a[0], ln.x0), min(a[1], ln.top), max(a[2], ln.x1), max(a[3], ln.bottom))


def blocks_from_items(page: int, items: Sequence[Line | TableItem], st: DocStats) -> list[ProtoBlock]:
    """Group one page's kept items (in reading order) into blocks."""
    out: list[ProtoBlock] = []
    cur: ProtoBlock | None = None
    for it in items:
        if isinstance(it, TableItem):
            for row in it.rows:
                out.append(ProtoBlock(BlockKind.TABLE_ROW, [row], page, _union(None, it)))
            cur = None
            continue
        ln = it
        prev = cur.last if cur is not None else None
        same_flow = prev is not None and prev.col == ln.col and (prev.band == ln.band or ln.col == FULL)
        gap = ln.top - prev.bottom if prev is not None else 0.0
        if _is_heading_style(ln, st):
            numbered = rules.heading_number(ln.text)
            if (
                cur is not None
                and cur.kind is BlockKind.HEADING
                and same_flow
                and cur.style == _style(ln)
                and gap <= 0.8 * ln.size
                and numbered is None
            ):
                cur.lines.append(ln.text)
            else:
                cur = ProtoBlock(BlockKind.HEADING, [ln.text], page, style=_style(ln))
                out.append(cur)
            cur.bbox = _union(cur.bbox, ln)
            cur.last = ln
            continue
        new_block = (
            cur is None
            or cur.kind is BlockKind.HEADING
            or not same_flow
            or gap > st.para_gap
            or gap < -st.body_size  # jumped back up: a new column or band
        )
        item_text = rules.split_bullet(ln.text, allow_dash=new_block or _ends_block(prev))
        if item_text is None and cur is not None and cur.kind is BlockKind.LIST_ITEM and not new_block:
            # a list item's continuation is indented to its text; anything else ends it
            if ln.x0 < cur.indent - 2:
                new_block = True
        if item_text is not None:
            cur = ProtoBlock(BlockKind.LIST_ITEM, [item_text], page, indent=_text_x(ln))
            out.append(cur)
        elif new_block or (prev is not None and _ends_block(prev) and _short(prev, ln)):
            cur = ProtoBlock(BlockKind.PARAGRAPH, [ln.text], page)
            out.append(cur)
        else:
            assert cur is not None
            cur.lines.append(ln.text)
        cur.bbox = _union(cur.bbox, ln)
        cur.last = ln
    for b in out:
        _promote_numbered(b)
    return out


def _text_x(ln: Line) -> float:
    # approximate start of the item text after the bullet glyph
    return ln.x0 + 0.9 * ln.size if ln.text[:1] and not ln.text[0].isalnum() else ln.x0


def _ends_block(prev: Line | None) -> bool:
    return prev is not None and prev.text.rstrip().endswith((".", ":", "!", "?"))


def _short(prev: Line, ln: Line) -> bool:
    """The previous line stops well before the right edge of the text: a paragraph end."""
    return prev.x1 < ln.x1 - 0.25 * max(ln.x1 - ln.x0, 1.0)


def _promote_numbered(b: ProtoBlock) -> None:
    """A one-line paragraph like "3.2 Informasjonssikkerhet" in body font is a heading."""
    if b.kind is BlockKind.PARAGRAPH and len(b.lines) == 1:
        text = b.lines[0]
        hn = rules.heading_number(text)
        if (
            hn is not None
            and len(text) <= _MAX_PLAIN_NUMBERED_CHARS
            and not text.endswith(rules.TERMINAL_PUNCTUATION)
            and not rules.ends_with_page_ref(text)
        ):
            b.kind = BlockKind.HEADING
            b.style = None
    if b.kind is BlockKind.HEADING:
        text = b.text
        hn = rules.heading_number(text)
        if hn is not None:
            b.number, b.title = hn
        else:
            b.title = text


def assign_levels(blocks: Sequence[ProtoBlock]) -> None:
    """Heading levels: the numbering depth when numbered; otherwise from the font style,
    ranked against the styles whose level the numbered headings reveal."""
    heads = [b for b in blocks if b.kind is BlockKind.HEADING]
    by_style: dict[tuple[float, bool], Counter[int]] = defaultdict(Counter)
    for b in heads:
        if b.number is not None and b.style is not None:
            by_style[b.style][rules.number_depth(b.number)] += 1
    known = {s: c.most_common(1)[0][0] for s, c in by_style.items()}
    if not known:
        ranked = sorted({b.style for b in heads if b.style}, key=lambda s: (-s[0], not s[1]))
        known = {s: i + 1 for i, s in enumerate(ranked)}
    for b in heads:
        if b.number is not None:
            b.level = min(rules.number_depth(b.number), 6)
        elif b.style in known:
            b.level = known[b.style]
        elif b.style is None:
            b.level = 1
        else:
            b.level = _level_for(b.style, known)


def _level_for(style: tuple[float, bool], known: dict[tuple[float, bool], int]) -> int:
    size = style[0]
    same = [lvl for s, lvl in known.items() if abs(s[0] - size) <= 0.25]
    if same:
        return min(same)
    larger = [lvl for s, lvl in known.items() if s[0] > size]
    if not larger:
        return 1
    return min(max(larger) + 1, 6)


def build_page(
    index: int, label: str | None, protos: Sequence[ProtoBlock], has_text_layer: bool = True
) -> Page:
    """Join blocks with blank lines and record each block's offsets in the page text."""
    parts: list[str] = []
    blocks: list[Block] = []
    pos = 0
    for b in protos:
        text = b.text
        if not text:
            continue
        if parts:
            pos += 2
        blocks.append(
            Block(
                kind=b.kind,
                text=text,
                page=index,
                start=pos,
                end=pos + len(text),
                heading_level=b.level if b.kind is BlockKind.HEADING else None,
                bbox=tuple(round(v, 2) for v in b.bbox) if b.bbox else None,  # type: ignore[arg-type]
            )
        )
        parts.append(text)
        pos += len(text)
    return Page(
        index=index,
        label=label,
        text="\n\n".join(parts),
        blocks=tuple(blocks),
        has_text_layer=has_text_layer,
    )


@dataclass(slots=True)
class _Node:
    title: str
    level: int
    page: int
    number: str | None
    children: list[_Node] = field(default_factory=list)

    def freeze(self) -> Section:
        return Section(
            title=self.title,
            level=self.level,
            page=self.page,
            number=self.number,
            children=tuple(c.freeze() for c in self.children),
        )


def build_sections(blocks: Sequence[ProtoBlock]) -> tuple[Section, ...]:
    """Nest headings: each heading holds the following headings of a deeper level."""
    roots: list[_Node] = []
    stack: list[_Node] = []
    for b in blocks:
        if b.kind is not BlockKind.HEADING or b.level is None:
            continue
        node = _Node(b.title or b.text, b.level, b.page, b.number)
        while stack and stack[-1].level >= node.level:
            stack.pop()
        (stack[-1].children if stack else roots).append(node)
        stack.append(node)
    return tuple(n.freeze() for n in roots)


def title_from_first_page(raw: Sequence[RawPage], kept: dict[int, list[Line]], st: DocStats) -> str | None:
    """The largest text on the first page with text, when it is larger than body text."""
    for p in raw:
        lines = kept.get(p.index, [])
        if not lines:
            continue
        biggest = max(ln.size for ln in lines)
        if biggest < st.body_size * 1.15:
            return None
        parts: list[str] = []
        started = False
        for ln in lines:
            if abs(ln.size - biggest) <= 0.5:
                parts.append(ln.text)
                started = True
            elif started:
                break
        return rules.join_lines(parts) or None
    return None
