"""Page geometry: words → lines, column detection, reading order, running headers/footers.

Everything here works on plain numbers and strings (no pdfplumber objects), so it runs
the same in a worker process and in tests. Coordinates are PDF points with the origin at
the top left, as pdfplumber gives them.

Reading order: a page has at most two columns. The gutter is the widest vertical strip in
the middle 40 % of the page that the fewest words cross; it counts only when words on
both sides form real columns (at least three lines each, a common left edge on the right
side, real width). Lines that cross the gutter (a full-width heading or paragraph) cut
the page into bands; each band is read left column first, then right column.

Running headers/footers: lines near the top or bottom edge whose text — with numbers
(also roman) replaced by '#' — repeats at about the same height on several pages. The
number that changes between those pages is the printed page label.
"""

from __future__ import annotations

import re
import statistics
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import accumulate
from typing import Any

from align.extract import rules

FULL, LEFT, RIGHT = 0, 1, 2

HEADER_ZONE = 0.12  # share of the page height at the top that may hold a running header
FOOTER_ZONE = 0.12
_SAME_HEIGHT = 8.0  # points a running header may move between pages
_MIN_GUTTER = 6.0  # points
_BOLD = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Line:
    """One line of text in one column."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    col: int = FULL
    band: int = 0


@dataclass(frozen=True, slots=True)
class TableItem:
    """A ruled table: each row's cells already joined with " | "."""

    rows: tuple[str, ...]
    x0: float
    x1: float
    top: float
    bottom: float
    col: int = FULL
    band: int = 0


Item = Line | TableItem


@dataclass(frozen=True, slots=True)
class RawPage:
    """What a worker sends back for one page: items in reading order, nothing decided yet."""

    index: int
    width: float
    height: float
    items: tuple[Item, ...]
    has_text_layer: bool = True


# ---- chars → words → lines -------------------------------------------------------------------

_LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st"}

# (text, x0, x1, top, bottom, fontname, size) of one glyph
Char = tuple[str, float, float, float, float, str, float]


def words_from_chars(chars: list[Char]) -> list[dict[str, Any]]:
    """Group glyphs into words: same line, no space glyph and no gap wider than ~¼ em between.

    Glyphs are sorted by position first, so the order they were drawn in does not matter.
    A word carries the font and size of its first glyph.
    """
    chars = sorted(chars, key=lambda c: (c[3], c[1]))
    words: list[dict[str, Any]] = []
    i, n = 0, len(chars)
    while i < n:
        # one line: glyphs whose top lies in the upper half of the first glyph's box
        first = chars[i]
        limit = first[3] + 0.5 * (first[4] - first[3])
        j = i + 1
        while j < n and chars[j][3] <= limit:
            j += 1
        line = sorted(chars[i:j], key=lambda c: c[1])
        i = j
        cur: list[Char] = []
        for c in line:
            if c[0].isspace() or not c[0]:
                if cur:
                    words.append(_word(cur))
                    cur = []
                continue
            if cur and c[1] - cur[-1][2] > min(3.0, 0.25 * c[6]):
                words.append(_word(cur))
                cur = []
            cur.append(c)
        if cur:
            words.append(_word(cur))
    return words


def _word(cs: list[Char]) -> dict[str, Any]:
    text = "".join(_LIGATURES.get(c[0], c[0]) for c in cs)
    return {
        "text": text,
        "x0": cs[0][1],
        "x1": max(c[2] for c in cs),
        "top": min(c[3] for c in cs),
        "bottom": max(c[4] for c in cs),
        "fontname": cs[0][5],
        "size": cs[0][6],
    }


# ---- words → lines --------------------------------------------------------------------------

_bold_cache: dict[str, bool] = {}


def _is_bold(fontname: str) -> bool:
    b = _bold_cache.get(fontname)
    if b is None:
        b = _bold_cache[fontname] = bool(_BOLD.search(fontname))
    return b


def _make_line(words: list[dict[str, Any]], col: int) -> Line:
    words.sort(key=lambda w: w["x0"])
    n = 0
    size_w = 0.0
    bold_n = 0
    for w in words:
        k = len(w["text"])
        n += k
        size_w += w["size"] * k
        if _is_bold(w["fontname"]):
            bold_n += k
    return Line(
        text=" ".join(w["text"] for w in words),
        x0=min(w["x0"] for w in words),
        x1=max(w["x1"] for w in words),
        top=min(w["top"] for w in words),
        bottom=max(w["bottom"] for w in words),
        size=round(size_w / n, 2) if n else 0.0,
        bold=bold_n * 2 > n,
        col=col,
    )


def group_lines(words: Iterable[dict[str, Any]], col: int = FULL) -> list[Line]:
    """Group words into lines: a word joins the current line when it starts in its upper half."""
    ws = sorted(words, key=lambda w: (w["top"], w["x0"]))
    lines: list[Line] = []
    cur: list[dict[str, Any]] = []
    limit = 0.0
    for w in ws:
        if cur and w["top"] <= limit:
            cur.append(w)
            continue
        if cur:
            lines.append(_make_line(cur, col))
        cur = [w]
        limit = w["top"] + 0.5 * (w["bottom"] - w["top"])
    if cur:
        lines.append(_make_line(cur, col))
    return lines


# ---- columns --------------------------------------------------------------------------------


def find_gutter(words: Sequence[dict[str, Any]], width: float) -> float | None:
    """The x of the gutter between two columns, or None for a one-column page."""
    if len(words) < 30 or width <= 0:
        return None
    size = int(width) + 2
    diff = [0] * (size + 2)
    for row in _rows(list(words)):
        # one count per row and stretch of text; gaps up to ~0.6 em (word spaces) are bridged
        spans = sorted((w["x0"], w["x1"], max(1.5, 0.3 * w["size"])) for w in row)
        a, b, pad = spans[0]
        for x0, x1, p in spans[1:]:
            if x0 - pad - p <= b:
                b = max(b, x1)
                pad = max(pad, p)
                continue
            diff[max(0, int(a - pad))] += 1
            diff[min(size, int(b + pad) + 1)] -= 1
            a, b, pad = x0, x1, p
        diff[max(0, int(a - pad))] += 1
        diff[min(size, int(b + pad) + 1)] -= 1
    cov = list(accumulate(diff))
    lo, hi = int(width * 0.3), int(width * 0.7)
    m = min(cov[lo:hi])
    best = (0, 0)
    start = None
    for x in range(lo, hi + 1):
        if x < hi and cov[x] == m:
            if start is None:
                start = x
        elif start is not None:
            if x - start > best[1] - best[0]:
                best = (start, x)
            start = None
    if best[1] - best[0] < _MIN_GUTTER:
        return None
    mid = (best[0] + best[1]) / 2
    left, right, _ = split_columns(words, mid)
    n = len(words)
    if len(left) < 0.15 * n or len(right) < 0.15 * n:
        return None
    for side in (left, right):
        if max(w["x1"] for w in side) - min(w["x0"] for w in side) < 0.2 * width:
            return None
    if m > 0.5 * len({round(w["top"]) for w in left}):
        return None
    # a real right column has a common left edge
    starts = [round(min(w["x0"] for w in row)) for row in _rows(right)]
    if len(starts) < 3:
        return None
    common = max(sum(1 for s in starts if abs(s - c) <= 3) for c in set(starts))
    if common < max(3, 0.5 * len(starts)):
        return None
    return mid


def _rows(words: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    rows: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for w in words:
        rows[round(w["bottom"])].append(w)
    return list(rows.values())


def split_columns(
    words: Sequence[dict[str, Any]], gutter: float
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    """(left, right, full-width) words; a word on the same height as one that crosses the
    gutter belongs to that full-width line."""
    left: list[dict[str, Any]] = []
    right: list[dict[str, Any]] = []
    cross: list[dict[str, Any]] = []
    for w in words:
        if w["x1"] <= gutter:
            left.append(w)
        elif w["x0"] >= gutter:
            right.append(w)
        else:
            cross.append(w)
    if not cross:
        return left, right, cross
    merged: list[list[float]] = []
    for t, b in sorted((w["top"], w["bottom"]) for w in cross):
        if merged and t <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([t, b])
    tops = [s[0] for s in merged]
    # the short last line of a full-width paragraph stops before the gutter: it belongs to
    # the full-width line above when it follows at line spacing and nothing is beside it
    for row in sorted(_rows(left), key=lambda r: r[0]["top"]):
        top = min(w["top"] for w in row)
        bottom = max(w["bottom"] for w in row)
        i = bisect_left(tops, top) - 1
        if i < 0 or not 0 <= top - merged[i][1] <= 0.6 * (bottom - top):
            continue
        if any(w["top"] < bottom and w["bottom"] > top for w in right):
            continue
        merged[i][1] = max(merged[i][1], bottom)

    def in_cross(w: dict[str, Any]) -> bool:
        mid = (w["top"] + w["bottom"]) / 2
        i = bisect_left(tops, mid) - 1
        return i >= 0 and merged[i][0] <= mid <= merged[i][1]

    keep_l: list[dict[str, Any]] = []
    keep_r: list[dict[str, Any]] = []
    for side, keep in ((left, keep_l), (right, keep_r)):
        for w in side:
            (cross if in_cross(w) else keep).append(w)
    return keep_l, keep_r, cross


def order_page(
    words: list[dict[str, Any]], tables: list[TableItem], width: float
) -> tuple[Item, ...]:
    """Lines and tables of one page in reading order, each tagged with column and band."""
    gutter = find_gutter(words, width)
    if gutter is None:
        items: list[Item] = [*group_lines(words), *tables]
        items.sort(key=lambda it: (it.top, it.x0))
        return tuple(items)
    left, right, cross = split_columns(words, gutter)
    full: list[Item] = list(group_lines(cross, FULL))
    cols: list[Item] = [*group_lines(left, LEFT), *group_lines(right, RIGHT)]
    for t in tables:
        if t.x1 <= gutter + 2:
            cols.append(_retag(t, LEFT, 0))
        elif t.x0 >= gutter - 2:
            cols.append(_retag(t, RIGHT, 0))
        else:
            full.append(t)
    full.sort(key=lambda it: (it.top, it.x0))
    fw_tops = [it.top for it in full]
    out: list[Item] = []
    bands: dict[int, list[Item]] = defaultdict(list)
    for it in cols:
        bands[bisect_left(fw_tops, it.top)].append(it)
    for b in range(len(full) + 1):
        band_items = sorted(bands.get(b, ()), key=lambda it: (it.col, it.top, it.x0))
        out.extend(_retag(it, it.col, b) for it in band_items)
        if b < len(full):
            out.append(_retag(full[b], FULL, b))
    return tuple(out)


def _retag(it: Item, col: int, band: int) -> Item:
    if it.col == col and it.band == band:
        return it
    if isinstance(it, Line):
        return Line(it.text, it.x0, it.x1, it.top, it.bottom, it.size, it.bold, col, band)
    return TableItem(it.rows, it.x0, it.x1, it.top, it.bottom, col, band)


# ---- running headers and footers ----------------------------------------------------------------


def _zone(line: Line, height: float) -> str | None:
    if line.top < height * HEADER_ZONE:
        return "top"
    if line.bottom > height * (1 - FOOTER_ZONE):
        return "bottom"
    return None


def find_running_lines(
    pages: Sequence[RawPage],
) -> tuple[dict[int, set[int]], dict[int, str]]:
    """Which items are running headers/footers/page numbers, and each page's printed label.

    Returns ({page index: {item positions to drop}}, {page index: label}).
    """
    drop: dict[int, set[int]] = defaultdict(set)
    label: dict[int, str] = {}
    groups: dict[tuple[str, str], list[tuple[int, tuple[int, ...], Line]]] = defaultdict(list)
    text_pages = 0
    for p in pages:
        if p.items:
            text_pages += 1
        for zone, members in _zone_rows(p):
            if len(members) == 1:
                num = rules.page_number_only(members[0][1].text)
                if num is not None:
                    drop[p.index].add(members[0][0])
                    label.setdefault(p.index, num)
                    continue
            # a header/footer split by the column gutter is one row here
            row = Line(
                " ".join(m[1].text for m in members),
                min(m[1].x0 for m in members),
                max(m[1].x1 for m in members),
                min(m[1].top for m in members),
                max(m[1].bottom for m in members),
                members[0][1].size,
                members[0][1].bold,
            )
            positions = tuple(m[0] for m in members)
            groups[(zone, rules.normalise_repeated(row.text))].append((p.index, positions, row))

    need = 2 if text_pages <= 4 else 3
    from_running: dict[int, str] = {}
    for occ in groups.values():
        if len({o[0] for o in occ}) < need:
            continue
        mid = statistics.median(o[2].top for o in occ)
        hits = [o for o in occ if abs(o[2].top - mid) <= _SAME_HEIGHT]
        if len({o[0] for o in hits}) < need:
            continue
        for page_index, positions, _ in hits:
            drop[page_index].update(positions)
        for page_index, tok in _varying_number(hits).items():
            from_running.setdefault(page_index, tok)
    for page_index, tok in from_running.items():
        label.setdefault(page_index, tok)
    return dict(drop), label


def _zone_rows(p: RawPage) -> list[tuple[str, list[tuple[int, Line]]]]:
    """Lines near the top/bottom edge, those at the same height merged into one row."""
    cands: list[tuple[str, int, Line]] = []
    for i, it in enumerate(p.items):
        if isinstance(it, Line):
            zone = _zone(it, p.height)
            if zone is not None:
                cands.append((zone, i, it))
    cands.sort(key=lambda c: (c[2].top, c[2].x0))
    rows: list[tuple[str, list[tuple[int, Line]]]] = []
    for zone, i, ln in cands:
        if rows and rows[-1][0] == zone and abs(rows[-1][1][0][1].top - ln.top) <= 2:
            rows[-1][1].append((i, ln))
        else:
            rows.append((zone, [(i, ln)]))
    for _, members in rows:
        members.sort(key=lambda m: m[1].x0)
    return rows


def _varying_number(hits: list[tuple[int, tuple[int, ...], Line]]) -> dict[int, str]:
    """For a repeated line, the number token that changes from page to page (the page number)."""
    toks = [(o[0], rules.number_tokens(o[2].text)) for o in hits]
    counts = {len(t) for _, t in toks}
    if len(counts) != 1:
        return {}
    n = counts.pop()
    # page numbers sit at the end or the start of a running line
    for pos in sorted({n - 1, 0}, reverse=True) if n else ():
        values = {t[pos] for _, t in toks}
        if len(values) > 1 and _at_edge(hits, pos, n):
            return {page_index: t[pos] for page_index, t in toks}
    return {}


def _at_edge(hits: list[tuple[int, tuple[int, ...], Line]], pos: int, n: int) -> bool:
    """The number token is the first or last word of the line on every page."""
    for o in hits:
        words = o[2].text.split()
        tok = rules.number_tokens(o[2].text)[pos]
        edge = words[-1] if pos == n - 1 else words[0]
        if tok not in rules.number_tokens(edge):
            return False
    return True
