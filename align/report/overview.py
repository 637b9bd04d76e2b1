"""The batch overview (`index.html`) and the peer links between the plans of a batch.

`render_overview(entries, frameworks)` makes one self-contained page: a heatmap of plans ×
themes (level as colour and as a symbol), coverage per theme across the batch, a summary per
municipality linking to its report, and for each theme the strongest concrete passages from
the municipalities in the batch. Without JavaScript everything is readable; the inline
script only adds sorting and filtering by county and document type.

`peer_links(entries)` gives, for each plan and each of its gaps, the two or three other
municipalities that cover that theme best; `align batch` passes them to `render_html`.
All text from the plans is escaped by Jinja2's autoescape.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from align.model import Assessment, Evidence, Framework, Level, ThemeResult
from align.report.html import PeerLink, _env, _short_title
from align.report.i18n import Translator

__all__ = ["OverviewEntry", "peer_examples", "peer_links", "render_overview", "SYMBOLS"]

# One character per level for the heatmap cells, explained in the legend; the cell's colour
# says the same, so neither colour nor symbol is needed alone.
SYMBOLS: Mapping[str, str] = {
    Level.DEKKET.value: "✓",
    Level.NEVNT.value: "◐",
    Level.USIKKER.value: "?",
    Level.DELEGERT.value: "→",
    Level.MANGLER.value: "✗",
}
_CLASS = {Level.DEKKET: "d", Level.NEVNT: "n", Level.USIKKER: "u", Level.DELEGERT: "g", Level.MANGLER: "m"}
_RANK = {Level.MANGLER: 0, Level.USIKKER: 1, Level.NEVNT: 2, Level.DELEGERT: 3, Level.DEKKET: 4}
_QUOTE_CHARS = 320
PEERS_PER_GAP = 3
EXAMPLES_PER_THEME = 3


@dataclass(frozen=True, slots=True)
class OverviewEntry:
    """One plan in a batch: its result, where its report is, and the manifest's metadata."""

    assessment: Assessment
    href: str  # the plan's HTML report, relative to the overview
    label: str  # the municipality's name, else the file name
    peer_id: str  # same value = same municipality (never its own peer)
    kommunenummer: str = ""
    fylke: str = ""
    dokumenttype: str = ""
    year: str = ""


@dataclass(frozen=True, slots=True)
class FailureRow:
    source: str
    code: str
    message: str


def _themes(a: Assessment) -> dict[str, ThemeResult]:
    return {t.id: t for f in a.frameworks for t in f.themes}


def _best(ev: Sequence[Evidence], concrete: bool = False) -> Evidence | None:
    pool = [e for e in ev if e.commitment.concrete] if concrete else list(ev)
    return max(pool, key=lambda e: (e.probability, -e.page), default=None)


def _clip(text: str) -> str:
    text = " ".join(text.split())
    if len(text) <= _QUOTE_CHARS:
        return text
    cut = text[:_QUOTE_CHARS].rsplit(" ", 1)[0]
    return cut + " …"


def peer_links(
    entries: Sequence[OverviewEntry], *, limit: int = PEERS_PER_GAP, gap_levels: Sequence[Level] = (Level.MANGLER,)
) -> list[dict[str, tuple[PeerLink, ...]]]:
    """For each entry (same order): theme id of each gap → the best covering peers.

    A peer is another municipality (different `peer_id`) whose plan covers the theme
    concretely (`dekket`), ranked by the theme's score; each municipality appears once.
    """
    covering: dict[str, list[tuple[int, float, int]]] = defaultdict(list)  # theme -> (score, p, index)
    tables = [_themes(e.assessment) for e in entries]
    for i, themes in enumerate(tables):
        for tid, tr in themes.items():
            if tr.level is Level.DEKKET:
                covering[tid].append((tr.score, tr.probability, i))
    for ranked in covering.values():
        ranked.sort(key=lambda r: (-r[0], -r[1], entries[r[2]].label))
    out: list[dict[str, tuple[PeerLink, ...]]] = []
    for i, themes in enumerate(tables):
        mine: dict[str, tuple[PeerLink, ...]] = {}
        for tid, tr in themes.items():
            if tr.level not in gap_levels:
                continue
            links: list[PeerLink] = []
            used = {entries[i].peer_id}
            for score, _, j in covering.get(tid, ()):
                peer = entries[j]
                if peer.peer_id in used:
                    continue
                used.add(peer.peer_id)
                theirs = tables[j][tid]
                ev = _best(theirs.evidence, concrete=True) or _best(theirs.evidence)
                links.append(
                    PeerLink(
                        municipality=peer.label,
                        href=f"{peer.href}#t-{tid}",
                        level=theirs.level,
                        score=score,
                        page=ev.page if ev else None,
                        quote=_clip(ev.text) if ev else None,
                    )
                )
                if len(links) >= limit:
                    break
            if links:
                mine[tid] = tuple(links)
        out.append(mine)
    return out


@dataclass(frozen=True, slots=True)
class Example:
    municipality: str
    href: str
    page: int
    quote: str
    probability: float


def peer_examples(entries: Sequence[OverviewEntry], *, limit: int = EXAMPLES_PER_THEME) -> dict[str, list[Example]]:
    """Theme id → the strongest concrete passages in the batch, one per municipality."""
    found: dict[str, list[tuple[float, int, Evidence]]] = defaultdict(list)
    for i, e in enumerate(entries):
        for tid, tr in _themes(e.assessment).items():
            if tr.level not in (Level.DEKKET, Level.NEVNT):
                continue
            for ev in tr.evidence:
                if ev.commitment.concrete:
                    found[tid].append((ev.probability, i, ev))
    out: dict[str, list[Example]] = {}
    for tid, rows in found.items():
        rows.sort(key=lambda r: (-r[0], entries[r[1]].label, r[2].page))
        picked: list[Example] = []
        used: set[str] = set()
        for p, i, ev in rows:
            if entries[i].peer_id in used:
                continue
            used.add(entries[i].peer_id)
            picked.append(Example(entries[i].label, f"{entries[i].href}#t-{tid}", ev.page, _clip(ev.text), p))
            if len(picked) >= limit:
                break
        out[tid] = picked
    return out


# ---- view -------------------------------------------------------------------------------------


@dataclass(slots=True)
class ColumnView:
    id: str
    code: str  # short column label, e.g. "E3"
    title: str
    framework: str


@dataclass(slots=True)
class RowView:
    label: str
    href: str
    number: str
    county: str
    doctype: str
    year: str
    pages: int
    mean: int
    scores: list[int | None]  # per framework
    counts: list[int]  # per level, in LEVEL order
    cells: list[tuple[str, str, int]]  # (class, symbol, sort value) per column


@dataclass(slots=True)
class OverviewView:
    lang: str
    t: Translator
    tool_version: str
    generated: str | None
    frameworks: list[tuple[str, str, int]]  # (abbreviation, title, number of columns)
    columns: list[ColumnView]
    rows: list[RowView]
    n_municipalities: int
    coverage: list[dict[str, Any]]
    examples: list[tuple[ColumnView, list[Example]]]
    failures: list[FailureRow]
    levels: list[tuple[str, str, str, str]]  # (level, class, symbol, label)
    counties: list[str]
    doctypes: list[str]
    js: dict[str, Any] = field(default_factory=dict)

    @property
    def heatmap_width(self) -> float:
        """The heatmap's width in rem: a fixed table layout (fast with 400 rows) needs one."""
        return round(13 + 7.5 + 4.2 + 2.6 * len(self.columns), 1)


def _abbr(framework_id: str, index: int) -> str:
    return (framework_id[:1].upper() or "T") + str(index)


def build_overview(
    entries: Sequence[OverviewEntry],
    frameworks: Sequence[Framework],
    *,
    lang: str = "nb",
    failures: Sequence[tuple[str, str, str]] = (),
    generated: str | None = None,
    tool_version: str = "",
) -> OverviewView:
    t = Translator(lang)
    known = {f.id: f for f in frameworks}
    # columns: every theme of every framework that appears in a result, in result order
    order: list[tuple[str, str, str]] = []  # (framework id, theme id, stored title)
    seen: set[str] = set()
    fw_titles: dict[str, str] = {}
    for e in entries:
        for fr in e.assessment.frameworks:
            fw_titles.setdefault(fr.id, fr.title)
            for tr in fr.themes:
                if tr.id not in seen:
                    seen.add(tr.id)
                    order.append((fr.id, tr.id, tr.title))
    columns: list[ColumnView] = []
    fw_cols: dict[str, int] = defaultdict(int)
    fw_order: list[str] = []
    used_codes: set[str] = set()
    for fw_id, tid, stored in order:
        if fw_id not in fw_order:
            fw_order.append(fw_id)
        fw_cols[fw_id] += 1
        code = _abbr(fw_id, fw_cols[fw_id])
        while code in used_codes:
            code = code + "'"
        used_codes.add(code)
        fw = known.get(fw_id)
        title = stored
        if fw is not None:
            try:
                title = fw.theme(tid).title.get(lang)
            except KeyError:
                pass
        columns.append(ColumnView(tid, code, title, fw_id))
    fw_view = []
    for fw_id in fw_order:
        fw = known.get(fw_id)
        title = _short_title(fw.title.get(lang) if fw is not None else fw_titles[fw_id])
        fw_view.append((fw_id.upper() if len(fw_id) <= 6 else fw_id, title, fw_cols[fw_id]))

    levels = list(Level)
    rows: list[RowView] = []
    cover: dict[str, dict[Level, set[str]]] = {c.id: defaultdict(set) for c in columns}
    for e in entries:
        themes = _themes(e.assessment)
        cells = []
        for c in columns:
            tr = themes.get(c.id)
            if tr is None:
                cells.append(("x", "–", -1))
                continue
            cells.append((_CLASS[tr.level], SYMBOLS[tr.level.value], _RANK[tr.level] * 1000 + tr.score))
            cover[c.id][tr.level].add(e.peer_id)
        fscores = {fr.id: fr.score for fr in e.assessment.frameworks}
        present = [fscores[f] for f in fw_order if f in fscores]
        rows.append(
            RowView(
                label=e.label, href=e.href, number=e.kommunenummer, county=e.fylke, doctype=e.dokumenttype,
                year=e.year, pages=e.assessment.document.pages,
                mean=round(sum(present) / len(present)) if present else 0,
                scores=[fscores.get(f) for f in fw_order],
                counts=[sum(tr.level is lv for tr in themes.values()) for lv in levels],
                cells=cells,
            )
        )
    rows.sort(key=lambda r: (r.county.casefold(), r.label.casefold(), r.doctype, r.year))
    municipalities = {e.peer_id for e in entries}
    n = len(municipalities)
    coverage = []
    for c in columns:
        counts = {lv: len(cover[c.id][lv]) for lv in levels}
        coverage.append(
            {
                "col": c,
                "counts": [counts[lv] for lv in levels],
                "covered": counts[Level.DEKKET],
                "share": round(100 * counts[Level.DEKKET] / n) if n else 0,
                "covered_text": t("ov_covered_of", n=counts[Level.DEKKET], total=n),
            }
        )
    examples = peer_examples(entries)
    view = OverviewView(
        lang=lang,
        t=t,
        tool_version=tool_version,
        generated=generated,
        frameworks=fw_view,
        columns=columns,
        rows=rows,
        n_municipalities=n,
        coverage=coverage,
        examples=[(c, examples.get(c.id, [])) for c in columns],
        failures=[FailureRow(*f) for f in failures],
        levels=[(lv.value, _CLASS[lv], SYMBOLS[lv.value], t.level(lv.value)) for lv in levels],
        counties=sorted({e.fylke for e in entries if e.fylke}, key=str.casefold),
        doctypes=sorted({e.dokumenttype for e in entries if e.dokumenttype}, key=str.casefold),
    )
    view.js = {
        "all": t("ov_filter_all"),
        "county": t("ov_filter_county"),
        "doctype": t("ov_filter_doctype"),
        "status": t("ov_filter_status", shown="{shown}", total="{total}"),
        "sort_hint": t("sort_hint"),
        "counties": view.counties,
        "doctypes": view.doctypes,
    }
    return view


def render_overview(
    entries: Sequence[OverviewEntry],
    frameworks: Sequence[Framework],
    *,
    lang: str = "nb",
    failures: Sequence[tuple[str, str, str]] = (),
    generated: str | None = None,
    tool_version: str = "",
) -> str:
    """`index.html` for a batch, in `lang`. `failures`: (file, code, message) of files that failed."""
    view = build_overview(
        entries, frameworks, lang=lang, failures=failures, generated=generated, tool_version=tool_version
    )
    return _env().get_template("overview.html.j2").render(v=view, t=view.t)
