"""The HTML report: one self-contained file (inline CSS, SVG and an optional small script).

`render_html(assessment, frameworks)` turns a result into a page a planner or a municipal
director can read on a phone, print, or open from an e-mail. Everything readable is in the
HTML itself; the inline script only adds filtering by level and sorting of the overview table.

All text that comes from the plan is escaped by Jinja2's autoescape; keyword highlighting
escapes each piece of a quote on its own and adds only `<mark>` around the matches.

The view model built here (`build_view`) is shared with the Markdown renderer.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any
from urllib.parse import quote, urlsplit

import jinja2
from markupsafe import Markup, escape

from align.model import Assessment, Evidence, Framework, Level, Theme, ThemeResult
from align.report.i18n import TEXTS, Translator

__all__ = ["PeerLink", "build_view", "highlight", "keyword_spans", "render_html"]

LEVEL_ORDER: tuple[Level, ...] = tuple(Level)
# worst first: used to sort the overview table by level
_LEVEL_RANK = {Level.MANGLER: 0, Level.USIKKER: 1, Level.NEVNT: 2, Level.DELEGERT: 3, Level.DEKKET: 4}
_COMMIT_FIELDS = ("obligation", "owner", "deadline", "amount", "target")
_MAX_GAPS = 5
_MIN_KEYWORD = 2


# ---- highlighting -------------------------------------------------------------------------


def keyword_spans(text: str, keywords: Sequence[str]) -> list[tuple[int, int]]:
    """(start, end) of every case-insensitive keyword occurrence in `text`, overlaps merged."""
    found: list[tuple[int, int]] = []
    for word in {k.strip() for k in keywords if len(k.strip()) >= _MIN_KEYWORD}:
        found += [(m.start(), m.end()) for m in re.finditer(re.escape(word), text, re.IGNORECASE)]
    spans: list[tuple[int, int]] = []
    for start, end in sorted(found):
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(spans[-1][1], end))
        else:
            spans.append((start, end))
    return spans


def highlight(text: str, keywords: Sequence[str]) -> Markup:
    """`text` escaped, with every case-insensitive occurrence of a keyword wrapped in <mark>.

    Matches are found in the raw text and each piece is escaped on its own, so a keyword can
    never match inside an escape sequence (`&lt;`) and no markup from the text survives.
    """
    out: list[str] = []
    pos = 0
    for start, end in keyword_spans(text, keywords):
        out.append(str(escape(text[pos:start])))
        out.append(f"<mark>{escape(text[start:end])}</mark>")
        pos = end
    out.append(str(escape(text[pos:])))
    return Markup("".join(out))


# ---- view model ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PeerLink:
    """Another municipality in the same batch that covers a theme well (for `align batch`)."""

    municipality: str
    href: str  # link to the peer's report, usually at the theme's card
    level: Level
    score: int
    page: int | None = None
    quote: str | None = None


@dataclass(slots=True)
class PeerView:
    municipality: str
    href: str
    level: str
    level_label: str
    score: int
    page_text: str | None
    quote: str | None


@dataclass(slots=True)
class EvidenceView:
    text: str
    html: Markup
    page: int
    page_text: str
    href: str | None
    heading: str
    probability: str
    keywords: tuple[str, ...]
    tags: list[tuple[str, str, str]]  # (kind, label, values)


@dataclass(slots=True)
class ExpectationView:
    statement: str
    met: bool | None  # None when the result does not say
    page: str | None


@dataclass(slots=True)
class ThemeView:
    id: str
    anchor: str
    framework_id: str
    framework_short: str
    framework_abbr: str
    title: str
    level: str
    level_label: str
    level_rank: int
    score: int
    order: int
    reason: str | None
    evidence: list[EvidenceView]
    closest: list[EvidenceView]
    expectations: list[ExpectationView]
    advice: str | None
    delegated_to: str | None
    best_page: int | None
    best_page_text: str | None
    best_page_href: str | None

    @property
    def is_gap(self) -> bool:
        return self.level == Level.MANGLER.value

    @property
    def none_met(self) -> bool:
        return not any(e.met for e in self.expectations)

    @property
    def show_advice(self) -> bool:
        return bool(self.advice) and self.level in (Level.MANGLER.value, Level.NEVNT.value, Level.USIKKER.value)


@dataclass(slots=True)
class FrameworkView:
    id: str
    anchor: str
    title: str
    short: str
    abbr: str
    version: str
    publisher: str | None
    score: int
    themes: list[ThemeView]


@dataclass(slots=True)
class View:
    lang: str
    t: Translator
    plan_name: str
    plan_title: str | None
    file_name: str
    doc: Any
    doc_lang: str
    doc_language_name: str
    generated: str | None
    run: Any
    schema_version: str
    frameworks: list[FrameworkView]
    rows: list[ThemeView]
    counts: list[tuple[str, str, int]]  # (level, label, count)
    total: int
    gaps: list[tuple[ThemeView, str | None]]  # (theme, advice)
    levels_help: list[tuple[str, str, str]]  # (level, label, description)
    quality: list[tuple[str, str]] | None
    limits: list[str]
    framework_versions: list[str]
    js: dict[str, Any] = field(default_factory=dict)
    peers: dict[str, list[PeerView]] = field(default_factory=dict)  # theme id -> peers (batch)


def _short_title(title: str) -> str:
    """The name before a dash or colon: "Én digital offentlig sektor – …" → "Én digital offentlig sektor"."""
    for sep in (" – ", " — ", ": "):
        if sep in title:
            return title.split(sep, 1)[0].strip()
    return title


def _abbreviation(short: str) -> str:
    """A name short enough for a table cell: "KS digitaliseringsstrategi for …" → "KS"."""
    if len(short) <= 32:
        return short
    first = short.split()[0]
    if len(first) >= 2 and first.isupper():
        return first
    if " for " in short:
        return short.split(" for ", 1)[0]
    return short


def _safe_href(pdf_href: str | None) -> str | None:
    """The PDF link without a fragment, percent-encoded; None for schemes other than http(s)/file."""
    if not pdf_href:
        return None
    href = pdf_href.split("#", 1)[0]
    scheme = urlsplit(href).scheme.lower()
    if scheme and len(scheme) > 1 and scheme not in ("http", "https", "file"):
        return None
    return quote(href, safe=":/?&=%~+@,;!$'()*")


def _page_text(t: Translator, ev: Evidence) -> str:
    first = ev.page_label or str(ev.page)
    if ev.page_end > ev.page:
        last = str(ev.page_end - ev.page + int(ev.page_label)) if (ev.page_label or "").isdigit() else str(ev.page_end)
        return t("pages_fmt", start=first, end=last)
    return t("page_fmt", page=first)


def _evidence_view(t: Translator, ev: Evidence, href: str | None) -> EvidenceView:
    tags: list[tuple[str, str, str]] = []
    for kind in _COMMIT_FIELDS:
        values = getattr(ev.commitment, kind)
        if values:
            tags.append((kind, t(f"commit_{kind}"), ", ".join(dict.fromkeys(values))))
    return EvidenceView(
        text=ev.text,
        html=highlight(ev.text, ev.keywords),
        page=ev.page,
        page_text=_page_text(t, ev),
        href=f"{href}#page={ev.page}" if href else None,
        heading=ev.heading,
        probability=t("probability_fmt", p=t.percent(ev.probability)),
        keywords=ev.keywords,
        tags=tags,
    )


def _reason(t: Translator, reason: str) -> str | None:
    key = f"reason_{reason}"
    return t(key) if reason and key in TEXTS else None


def _theme_view(
    t: Translator,
    result: ThemeResult,
    labels: Mapping[int, str],
    theme: Theme | None,
    fw_id: str,
    fw_short: str,
    order: int,
    href: str | None,
) -> ThemeView:
    if result.expectations:
        exps = [
            ExpectationView(
                statement=e.statement,
                met=e.met,
                page=t("page_fmt", page=labels.get(e.best_page, e.best_page)) if (e.met and e.best_page) else None,
            )
            for e in result.expectations
        ]
    elif theme is not None:
        exps = [ExpectationView(statement=e.statement, met=None, page=None) for e in theme.expectations]
    else:
        exps = []
    best = max(result.evidence, key=lambda e: (e.probability, -e.page), default=None)
    return ThemeView(
        id=result.id,
        anchor=f"t-{result.id}",
        framework_id=fw_id,
        framework_short=fw_short,
        framework_abbr=_abbreviation(fw_short),
        title=theme.title.get(t.lang) if theme is not None else result.title,
        level=result.level.value,
        level_label=t.level(result.level.value),
        level_rank=_LEVEL_RANK[result.level],
        score=result.score,
        order=order,
        reason=_reason(t, result.reason),
        evidence=[_evidence_view(t, e, href) for e in result.evidence],
        closest=[_evidence_view(t, e, href) for e in result.closest],
        expectations=exps,
        advice=theme.advice.get(t.lang) if theme is not None else None,
        delegated_to=result.delegated_to,
        best_page=best.page if best else None,
        best_page_text=_page_text(t, best) if best else None,
        best_page_href=f"{href}#page={best.page}" if (best and href) else None,
    )


def _summary_counts(assessment: Assessment, themes: Sequence[ThemeView]) -> dict[str, int]:
    if assessment.summary is not None:
        given = dict(assessment.summary.counts)
        return {lv.value: int(given.get(lv.value, 0)) for lv in LEVEL_ORDER}
    return {lv.value: sum(th.level == lv.value for th in themes) for lv in LEVEL_ORDER}


def _top_gaps(assessment: Assessment, themes: Sequence[ThemeView]) -> list[ThemeView]:
    by_id = {th.id: th for th in themes}
    if assessment.summary is not None:
        ids = [i for i in assessment.summary.top_gaps if i in by_id]
    else:
        gaps = sorted((th for th in themes if th.is_gap), key=lambda th: (th.score, th.id))
        ids = [th.id for th in gaps]
    return [by_id[i] for i in ids[:_MAX_GAPS]]


def _quality_rows(t: Translator, quality: Mapping[str, Any] | None) -> list[tuple[str, str]] | None:
    if quality is None:
        return None
    rows: list[tuple[str, str]] = []
    for key, value in quality.items():
        label = t(f"q_{key}") if f"q_{key}" in TEXTS else key.replace("_", " ")
        if isinstance(value, bool):
            text = str(value)
        elif isinstance(value, int):
            text = str(value)
        elif isinstance(value, float):
            is_share = 0.0 <= value <= 1.0 and any(w in key for w in ("accuracy", "precision", "recall"))
            text = t.percent(value) if is_share else t.number(value)
        elif key == "split" and f"split_{value}" in TEXTS:
            text = t(f"split_{value}")
        else:
            text = str(value)
        rows.append((label, text))
    return rows


def _doc_lang(language: str) -> str:
    """A BCP 47 tag for quoted plan text."""
    if language in ("nb", "nn"):
        return language
    if language in ("mixed", "no", ""):
        return "no"
    return language


def build_view(
    assessment: Assessment,
    frameworks: Sequence[Framework],
    *,
    lang: str = "nb",
    quality: Mapping[str, Any] | None = None,
    pdf_href: str | None = None,
    generated: str | None = None,
    peers: Mapping[str, Sequence[PeerLink]] | None = None,
) -> View:
    """Everything the templates show, already in `lang`: titles and advice from the framework data."""
    t = Translator(lang)
    href = _safe_href(pdf_href)
    known = {f.id: f for f in frameworks}
    labels = {
        ev.page: ev.page_label
        for fr in assessment.frameworks
        for res in fr.themes
        for ev in (*res.evidence, *res.closest)
        if ev.page_label
    }
    fw_views: list[FrameworkView] = []
    order = 0
    for fr in assessment.frameworks:
        fw = known.get(fr.id)
        title = fw.title.get(lang) if fw is not None else fr.title
        short = _short_title(title)
        themes: list[ThemeView] = []
        for res in fr.themes:
            theme = None
            if fw is not None:
                try:
                    theme = fw.theme(res.id)
                except KeyError:
                    theme = None
            themes.append(_theme_view(t, res, labels, theme, fr.id, short, order, href))
            order += 1
        fw_views.append(
            FrameworkView(
                id=fr.id,
                anchor=f"fw-{fr.id}",
                title=title,
                short=short,
                abbr=_abbreviation(short),
                version=fr.version,
                publisher=fw.publisher if fw is not None else None,
                score=fr.score,
                themes=themes,
            )
        )
    all_themes = [th for f in fw_views for th in f.themes]
    rows = sorted(all_themes, key=lambda th: (_fw_index(fw_views, th), th.score, th.level_rank, th.order))
    for i, row in enumerate(rows):
        row.order = i
    counts = _summary_counts(assessment, all_themes)
    doc = assessment.document
    file_name = doc.path.replace("\\", "/").rsplit("/", 1)[-1]
    versions = dict(assessment.run.frameworks)
    view = View(
        lang=lang,
        t=t,
        plan_name=doc.title or file_name,
        plan_title=doc.title,
        file_name=file_name,
        doc=doc,
        doc_lang=_doc_lang(doc.language),
        doc_language_name=t.language_name(doc.language),
        generated=generated,
        run=assessment.run,
        schema_version=assessment.schema_version,
        frameworks=fw_views,
        rows=rows,
        counts=[(lv.value, t.level(lv.value), counts[lv.value]) for lv in LEVEL_ORDER],
        total=len(all_themes),
        gaps=[(th, th.advice) for th in _top_gaps(assessment, all_themes)],
        levels_help=[(lv.value, t.level(lv.value), t(f"levdesc_{lv.value}")) for lv in LEVEL_ORDER],
        quality=_quality_rows(t, quality),
        limits=[t(k) for k in ("limit_quality", "limit_read_quotes", "limit_layout", "limit_summary", "limit_delegation")],
        framework_versions=[
            t("framework_version_fmt", title=f.short, version=versions.get(f.id, f.version)) for f in fw_views
        ],
    )
    for theme_id, links in (peers or {}).items():
        if links:
            view.peers[theme_id] = [
                PeerView(
                    municipality=p.municipality,
                    href=p.href,
                    level=Level(p.level).value,
                    level_label=t.level(Level(p.level).value),
                    score=p.score,
                    page_text=t("page_fmt", page=p.page) if p.page else None,
                    quote=p.quote,
                )
                for p in links
            ]
    present = [lv for lv in LEVEL_ORDER if any(th.level == lv.value for th in all_themes)]
    view.js = {
        "lang": lang,
        "filter_legend": t("filter_legend"),
        "filter_status": t("filter_status", shown="{shown}", total="{total}"),
        "sort_hint": t("sort_hint"),
        "levels": [
            {"value": lv.value, "label": t.level(lv.value), "count": sum(th.level == lv.value for th in all_themes)}
            for lv in present
        ],
    }
    return view


def _fw_index(fw_views: Sequence[FrameworkView], th: ThemeView) -> int:
    for i, f in enumerate(fw_views):
        if f.id == th.framework_id:
            return i
    return len(fw_views)


# ---- rendering ----------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _env() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("align.report", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    return env


def render_html(
    assessment: Assessment,
    frameworks: Sequence[Framework],
    *,
    lang: str = "nb",
    quality: Mapping[str, Any] | None = None,
    pdf_href: str | None = None,
    generated: str | None = None,
    peers: Mapping[str, Sequence[PeerLink]] | None = None,
) -> str:
    """The report as one self-contained HTML page in `lang` (nb, nn or en).

    `frameworks` supplies theme titles, advice and expectations in the chosen language; a
    result whose framework is not among them falls back to the titles stored in the result.
    `quality` is the accuracy measured by `align eval` (shown in "how to read"); `pdf_href`
    links every page reference to `PDF#page=N`; `generated` is the date shown at the top
    (the result JSON has no timestamp, so the report only has one when it is given).
    `peers` (from `align batch`): for a theme id, other municipalities that cover the theme
    well, shown in that theme's card.
    """
    view = build_view(
        assessment, frameworks, lang=lang, quality=quality, pdf_href=pdf_href, generated=generated,
        peers=peers,
    )
    return _env().get_template("report.html.j2").render(v=view, t=view.t)
