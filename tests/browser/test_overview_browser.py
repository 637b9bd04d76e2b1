"""The batch overview (index.html) in a real browser: fast with 400 plans, readable without
JavaScript, no WCAG 2.1 AA violation found by axe-core, filters and sorting work, and no text
from the plans runs as script.

Runs Debian's headless Chromium through Playwright; skipped with the reason when either is
missing (tests/browser/install.sh installs both).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from browser_support import AXE_JS, why_no_browser  # noqa: E402
from test_batch_overview import synthetic_entries  # noqa: E402

from align.frameworks import load_frameworks  # noqa: E402
from align.report.overview import render_overview  # noqa: E402

_reason = why_no_browser()
pytestmark = pytest.mark.skipif(_reason is not None, reason=_reason or "")
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("overview")
    fws = load_frameworks()
    out = {}
    for key, n, lang in (("big", 400, "nb"), ("nb", 15, "nb"), ("nn", 15, "nn"), ("en", 15, "en")):
        html = render_overview(synthetic_entries(n), fws, lang=lang, generated="2025-03-14", tool_version="0.1.0",
                               failures=[("skadet.pdf", "A104", "The PDF is damaged <script>window.__pwned=1</script>")])
        out[key] = folder / f"index-{key}.html"
        out[key].write_text(html, "utf-8")
    return out


def _open(browser, path: Path, width: int = 1280, **kwargs):
    context = browser.new_context(viewport={"width": width, "height": 900}, **kwargs)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    return context, page, errors


def test_400_plans_render_and_stay_small(browser, pages):
    """The overview for 400 plans stays small and renders every row; load time is measured
    in benchmarks/batch.py, not asserted here (timings do not belong in tests)."""
    size = pages["big"].stat().st_size
    assert size < 1_500_000, size
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(pages["big"].as_uri())
        page.wait_for_load_state("load")
        assert page.evaluate("document.querySelectorAll('#hm tbody tr').length") == 400
        page.click("#hm thead tr:last-child th:nth-child(4) button")
        sort = page.get_attribute("#hm thead tr:last-child th:nth-child(4)", "aria-sort")
        assert sort == "ascending"
        assert page.evaluate("document.querySelectorAll('#hm tbody tr').length") == 400
    finally:
        context.close()


def test_readable_without_javascript(browser, pages):
    context, page, _ = _open(browser, pages["nb"], java_script_enabled=False)
    try:
        assert page.evaluate("document.querySelectorAll('#hm tbody tr').length") == 15
        assert page.is_hidden("#filters")  # the controls need the script; the tables do not
        text = page.inner_text("#hm")
        assert "✓" in text or "✗" in text
        assert page.inner_text("#coverage").count("av 15") >= 1
    finally:
        context.close()


def test_plan_text_never_runs_as_script(browser, pages):
    context, page, errors = _open(browser, pages["nb"])
    try:
        assert page.evaluate("window.__pwned === undefined") and errors == []
        assert "<script>window.__pwned=1</script>" in page.inner_text("#failures")
    finally:
        context.close()


def test_filters_by_county_and_document_type(browser, pages):
    context, page, errors = _open(browser, pages["nb"])
    try:
        assert page.is_visible("#filters")
        page.select_option("#f-county", "Vestland")
        rows = page.evaluate("[...document.querySelectorAll('#hm tbody tr')].filter(r => !r.hidden).map(r => r.dataset.c)")
        assert rows and set(rows) == {"Vestland"}
        page.select_option("#f-doctype", "kommuneplan")
        both = page.evaluate("[...document.querySelectorAll('#mun tbody tr')].filter(r => !r.hidden).map(r => [r.dataset.c, r.dataset.t])")
        assert all(c == "Vestland" and t == "kommuneplan" for c, t in both)
        assert "Viser" in page.inner_text("#filters .filter-status")
        assert errors == []
    finally:
        context.close()


def test_sorting_the_heatmap_by_a_theme(browser, pages):
    context, page, _ = _open(browser, pages["nb"])
    try:
        page.click("#hm thead tr:last-child th:nth-child(4) button")  # first theme column
        values = page.evaluate("[...document.querySelectorAll('#hm tbody tr')].map(r => +r.cells[3].dataset.v)")
        assert values == sorted(values)
        page.click("#hm thead tr:last-child th:nth-child(4) button")
        values = page.evaluate("[...document.querySelectorAll('#hm tbody tr')].map(r => +r.cells[3].dataset.v)")
        assert values == sorted(values, reverse=True)
        assert page.get_attribute("#hm thead tr:last-child th:nth-child(4)", "aria-sort") == "descending"
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_axe_finds_no_wcag21aa_violation(browser, pages, lang):
    context, page, _ = _open(browser, pages[lang])
    try:
        page.add_script_tag(path=str(AXE_JS))
        result = page.evaluate(
            """async (tags) => {
                const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
                return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                    nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
            }""",
            WCAG_TAGS,
        )
        assert result == [], result
    finally:
        context.close()


def test_fits_a_phone_without_page_overflow(browser, pages):
    context, page, _ = _open(browser, pages["nb"], width=390)
    try:
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 1  # the wide tables scroll inside their own region
    finally:
        context.close()
