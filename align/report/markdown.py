"""The Markdown report (`align report --format md`): the same content as the HTML, as text.

Useful for pasting into a case document, a wiki or an issue. Text from the plan is made
inert: `<`, `>` and `&` become entities (so a viewer that renders HTML shows them as text)
and Markdown's own characters are escaped with a backslash. Matched keywords are **bold**.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from align.model import Assessment, Framework
from align.report.html import EvidenceView, ThemeView, build_view, keyword_spans

__all__ = ["md_escape", "render_markdown"]

_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~])")
_LINE_START = re.compile(r"^(?:([#>+=-])|(\d+)([.)]))")
_ICON = {"dekket": "✓", "nevnt": "◐", "mangler": "✗", "delegert": "→", "usikker": "?"}


def _inline(text: str) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return re.sub(r"\s+", " ", text)  # no line breaks: a quote stays one paragraph


def _line(text: str) -> str:
    """Escape what would start a heading, quote or list if the text began a line."""
    return _LINE_START.sub(lambda m: "\\" + m.group(1) if m.group(1) else m.group(2) + "\\" + m.group(3), text.strip())


def md_escape(text: str) -> str:
    """Text that shows as written in any Markdown viewer and can carry no markup or link."""
    return _line(_inline(text))


def _md_highlight(text: str, keywords: Sequence[str]) -> str:
    out: list[str] = []
    pos = 0
    for start, end in keyword_spans(text, keywords):
        out.append(_inline(text[pos:start]))
        out.append(f"**{_inline(text[start:end])}**")
        pos = end
    out.append(_inline(text[pos:]))
    return _line("".join(out))


def _cell(text: str) -> str:
    return md_escape(text)


def _quote(lines: list[str], ev: EvidenceView, t: Any) -> None:
    lines.append(f"> {_md_highlight(ev.text, ev.keywords)}")
    lines.append(">")
    where = f"{ev.page_text} · {md_escape(ev.heading or t('no_heading'))} · {ev.probability}"
    lines.append(f"> — {where}")
    if ev.tags:
        tags = "; ".join(f"{label}: {md_escape(values)}" for _, label, values in ev.tags)
        lines.append(">")
        lines.append(f"> *{t('signals_label')}:* {tags}")
    lines.append("")


def _theme(lines: list[str], th: ThemeView, t: Any) -> None:
    lines.append(f"### {md_escape(th.title)}")
    lines.append("")
    status = f"**{_ICON[th.level]} {th.level_label}** · {t('score_label')}: {t('score_of', score=th.score)}"
    if th.reason:
        status += f" · {th.reason}"
    lines.append(status)
    lines.append("")
    if th.delegated_to:
        lines.append(f"{t('delegated_to', target=md_escape(th.delegated_to))}. {t('delegated_note')}")
        lines.append("")
    if th.evidence:
        lines.append(f"**{t('evidence_heading')}**")
        lines.append("")
        for ev in th.evidence:
            _quote(lines, ev, t)
    if th.expectations:
        lines.append(f"**{t('expects_heading') if th.is_gap else t('expectations_heading')}**")
        lines.append("")
        for e in th.expectations:
            if e.met is None or (th.is_gap and th.none_met):
                lines.append(f"- {md_escape(e.statement)}")
            elif e.met:
                page = f" ({e.page})" if e.page else ""
                lines.append(f"- ✓ {t('exp_met')}: {md_escape(e.statement)}{page}")
            else:
                lines.append(f"- ✗ {t('exp_not_met')}: {md_escape(e.statement)}")
        lines.append("")
    if th.show_advice and th.advice:
        lines.append(f"**{t('advice_heading')}:** {md_escape(th.advice)}")
        lines.append("")
    if th.is_gap or th.closest:
        lines.append(f"**{t('closest_heading')}**")
        lines.append("")
        if th.closest:
            lines.append(t("closest_note"))
            lines.append("")
            for ev in th.closest:
                _quote(lines, ev, t)
        else:
            lines.append(t("no_closest"))
            lines.append("")


def render_markdown(
    assessment: Assessment,
    frameworks: Sequence[Framework],
    *,
    lang: str = "nb",
    quality: Mapping[str, Any] | None = None,
    generated: str | None = None,
) -> str:
    """The report as Markdown in `lang`; the same sections as the HTML report."""
    v = build_view(assessment, frameworks, lang=lang, quality=quality, generated=generated)
    t = v.t
    lines: list[str] = [f"# {md_escape(v.plan_name)}", "", f"*{t('report_heading')}*", ""]
    meta = []
    if v.doc.municipality:
        meta.append((t("label_municipality"), md_escape(v.doc.municipality)))
    meta += [
        (t("label_file"), md_escape(v.file_name)),
        (t("label_pages"), str(v.doc.pages)),
        (t("label_language"), v.doc_language_name),
    ]
    if v.generated:
        meta.append((t("label_generated"), md_escape(v.generated)))
    meta += [
        (t("label_tool"), t("tool_fmt", version=v.run.tool_version)),
        (t("label_model"), md_escape(v.run.model_id)),
        (t("label_frameworks"), md_escape("; ".join(v.framework_versions))),
    ]
    lines += [f"- **{k}:** {val}" for k, val in meta] + [""]

    lines += [f"## {t('summary_heading')}", "", f"### {t('coverage_heading')}", ""]
    for f in v.frameworks:
        filled = round(f.score / 5)
        lines.append(f"- {md_escape(f.short)}: {t('score_of', score=f.score)} `{'█' * filled}{'░' * (20 - filled)}`")
    lines += ["", t("coverage_note"), "", f"### {t('counts_heading')}", ""]
    lines += [f"- {_ICON[level]} {label}: {n}" for level, label, n in v.counts]
    lines += ["", t("counts_total", n=v.total), "", f"### {t('gaps_heading')}", ""]
    if v.gaps:
        for i, (th, advice) in enumerate(v.gaps, 1):
            text = f"{i}. **{md_escape(th.title)}** ({md_escape(th.framework_abbr)})"
            if advice:
                text += f" – {md_escape(advice)}"
            lines.append(text)
    else:
        lines.append(t("gaps_none"))
    lines += ["", f"## {t('overview_heading')}", "", t("overview_caption"), ""]
    cols = ("col_framework", "col_theme", "col_level", "col_score", "col_evidence", "col_page")
    lines.append("| " + " | ".join(t(c) for c in cols) + " |")
    lines.append("|---|---|---|--:|--:|--:|")
    for th in v.rows:
        lines.append(
            "| "
            + " | ".join(
                [
                    _cell(th.framework_abbr),
                    _cell(th.title),
                    f"{_ICON[th.level]} {th.level_label}",
                    str(th.score),
                    str(len(th.evidence)),
                    th.best_page_text or "–",
                ]
            )
            + " |"
        )
    lines.append("")
    for f in v.frameworks:
        meta_line = t("version_fmt", version=f.version)
        if f.publisher:
            meta_line += f" · {t('fw_publisher', publisher=md_escape(f.publisher))}"
        lines += [f"## {md_escape(f.title)}", "", meta_line, "", f"**{t('fw_score', score=f.score)}**", ""]
        for th in f.themes:
            _theme(lines, th, t)

    lines += [f"## {t('howto_heading')}", "", f"### {t('howto_levels_heading')}", ""]
    lines += [f"- **{_ICON[level]} {label}:** {desc}" for level, label, desc in v.levels_help]
    lines += ["", f"### {t('howto_scores_heading')}", "", t("howto_theme_score"), "", t("howto_fw_score"), ""]
    lines += [f"### {t('howto_calibration_heading')}", "", t("howto_calibration"), ""]
    lines += [f"### {t('howto_accuracy_heading')}", ""]
    if v.quality:
        lines += [t("accuracy_intro"), ""] + [f"- {label}: {md_escape(value)}" for label, value in v.quality]
    else:
        lines.append(t("accuracy_none"))
    lines += ["", f"### {t('howto_limits_heading')}", ""] + [f"- {x}" for x in v.limits]
    if v.lang != "nb":
        lines.append(f"- {t('statements_in_nb')}")
    lines += [
        "",
        f"### {t('tech_heading')}",
        "",
        f"- {t('label_sha256')}: `{v.doc.sha256}`",
        f"- {t('label_schema')}: {md_escape(v.schema_version)}",
        f"- {t('label_scorer')}: {md_escape(v.run.scorer)}",
        "",
        "---",
        "",
        t("footer", version=v.run.tool_version),
        "",
    ]
    return "\n".join(lines)
