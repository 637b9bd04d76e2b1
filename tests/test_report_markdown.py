"""The Markdown report: same sections as the HTML, plan text made inert."""

from __future__ import annotations

from report_fixtures import SAMPLE_QUALITY, sample_assessment, sample_frameworks

from align.report.i18n import TEXTS
from align.report.markdown import md_escape, render_markdown


def test_markdown_has_every_section_and_theme():
    md = render_markdown(sample_assessment(), sample_frameworks(), quality=SAMPLE_QUALITY, generated="2025-03-14")
    assert md.startswith("# Digitaliseringsplan for Solvik kommune 2024–2027\n")
    for key in ("summary_heading", "overview_heading", "howto_heading", "gaps_heading"):
        assert f"## {TEXTS[key]['nb']}" in md or f"### {TEXTS[key]['nb']}" in md, key
    assert md.count("\n### ") >= 12
    assert "| Én digital offentlig sektor | Samarbeid med privat sektor | ✗ Mangler | 4 | 0 | – |" in md
    assert "**styringssystem** for **informasjonssikkerhet**" in md
    assert "> — side 12 · 5\\.1 Informasjonssikkerhet og personvern · sannsynlighet 94\u00a0%" in md
    assert "Delegert til: Plan for informasjonssikkerhet 2023–2026" in md


def test_plan_text_cannot_inject_html_or_links():
    md = render_markdown(sample_assessment(), sample_frameworks())
    assert "<script" not in md and "<img" not in md and "<b>" not in md
    assert "&lt;script&gt;" in md
    assert md_escape("[klikk](javascript:alert(1))") == "\\[klikk\\](javascript:alert(1))"
    assert md_escape("linje\nto  tre") == "linje to tre"


def test_markdown_in_english():
    md = render_markdown(sample_assessment(), sample_frameworks(), lang="en")
    assert "## How to read this report" in md
    assert "### Digital security" in md
    assert TEXTS["accuracy_none"]["en"] in md
