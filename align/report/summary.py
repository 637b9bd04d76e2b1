"""A short summary for the terminal, in the report's language."""

from __future__ import annotations

from align.model import Assessment, Level

_WORDS = {
    "nb": {"plan": "Plan", "pages": "sider", "lang": "språk", "fw": "Rammeverk", "score": "poeng", "gaps": "Største mangler"},
    "nn": {"plan": "Plan", "pages": "sider", "lang": "språk", "fw": "Rammeverk", "score": "poeng", "gaps": "Største manglar"},
    "en": {"plan": "Plan", "pages": "pages", "lang": "language", "fw": "Framework", "score": "score", "gaps": "Largest gaps"},
}
_LEVELS = {
    "nb": {"dekket": "dekket", "nevnt": "nevnt", "mangler": "mangler", "delegert": "delegert", "usikker": "usikker"},
    "nn": {"dekket": "dekt", "nevnt": "nemnt", "mangler": "manglar", "delegert": "delegert", "usikker": "usikker"},
    "en": {"dekket": "covered", "nevnt": "mentioned", "mangler": "missing", "delegert": "delegated", "usikker": "uncertain"},
}


def terminal_summary(a: Assessment, *, lang: str = "nb") -> str:
    w, lv = _WORDS[lang], _LEVELS[lang]
    d = a.document
    lines = [f"{w['plan']}: {d.title or d.path} ({d.pages} {w['pages']}, {w['lang']}: {d.language})", ""]
    for f in a.frameworks:
        counts = {level.value: sum(t.level is level for t in f.themes) for level in Level}
        parts = ", ".join(f"{n} {lv[k]}" for k, n in counts.items() if n)
        lines.append(f"{f.title} — {f.score}/100 ({parts})")
        for t in f.themes:
            page = f" s. {t.evidence[0].page_label or t.evidence[0].page}" if t.evidence else ""
            lines.append(f"  {lv[t.level.value]:<9} {t.score:>3}  {t.title}{page}")
        lines.append("")
    if a.summary and a.summary.top_gaps:
        titles = {t.id: t.title for f in a.frameworks for t in f.themes}
        lines.append(f"{w['gaps']}: " + "; ".join(titles[g] for g in a.summary.top_gaps))
    return "\n".join(lines).rstrip() + "\n"
