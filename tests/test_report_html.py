"""The HTML report: escaping, languages, content of each part, self-containment."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from report_fixtures import SAMPLE_QUALITY, sample_assessment, sample_frameworks

from align.errors import UnsupportedReportLanguage
from align.model import Level
from align.report.html import build_view, highlight, render_html
from align.report.i18n import TEXTS

TEMPLATES = Path(__file__).resolve().parents[1] / "align" / "report" / "templates"


@pytest.fixture(scope="module")
def html_nb() -> str:
    return render_html(
        sample_assessment(),
        sample_frameworks(),
        quality=SAMPLE_QUALITY,
        pdf_href="solvik digitaliseringsplan.pdf",
        generated="2025-03-14",
    )


# ---- escaping ------------------------------------------------------------------------------


def test_script_from_the_plan_is_escaped(html_nb):
    assert "<script>window.__pwned" not in html_nb
    assert "&lt;script&gt;window.__pwned = true; alert(1)&lt;/script&gt;" in html_nb
    assert "<img src=x" not in html_nb
    assert "&lt;img src=x onerror=&#34;window.__pwned = true&#34;&gt;" in html_nb
    assert "<b>involvere</b>" not in html_nb
    assert "brukerne</mark> &amp; pårørende" in html_nb


def test_template_syntax_in_the_plan_is_shown_not_evaluated(html_nb):
    assert "{{ 7*7 }}" in html_nb
    assert "49" not in re.sub(r"<[^>]+>", "", html_nb).split("{{ 7*7 }}")[0][-40:]


def test_only_our_own_scripts_are_in_the_page(html_nb):
    scripts = re.findall(r"<script[^>]*>", html_nb)
    assert scripts == ['<script type="application/json" id="align-ui">', "<script>"]


def test_highlight_escapes_each_piece_and_marks_keywords():
    out = highlight("Bruk <b>SvarUt</b> & svarut-løsningen", ["svarut"])
    assert str(out) == "Bruk &lt;b&gt;<mark>SvarUt</mark>&lt;/b&gt; &amp; <mark>svarut</mark>-løsningen"


def test_highlight_never_matches_inside_an_escape_sequence():
    # "lt" and "amp" would match inside &lt; and &amp; if highlighting ran on escaped text
    out = str(highlight("a <b> & c", ["lt", "amp", "gt"]))
    assert out == "a &lt;b&gt; &amp; c"


def test_highlight_merges_overlapping_keywords_and_ignores_tiny_ones():
    out = str(highlight("Velferdsteknologiløsninger", ["velferdsteknologi", "teknologiløsning", "e"]))
    assert out == "<mark>Velferdsteknologiløsning</mark>er"
    assert str(highlight("x < y", [])) == "x &lt; y"


# ---- content -------------------------------------------------------------------------------


def test_top_shows_plan_run_and_framework_versions(html_nb):
    assert "<html lang=\"nb\">" in html_nb
    assert "Digitaliseringsplan for Solvik kommune 2024–2027</span></h1>" in html_nb
    for text in ("solvik-digitaliseringsplan-2024.pdf", "38", "bokmål og nynorsk", "Solvik", "2025-03-14",
                 "align 0.1.0", "NbAiLab/nb-sbert-base", "(versjon 2019)", "(versjon 2017)", "(versjon 2024)"):
        assert text in html_nb, text


def test_summary_has_coverage_counts_and_the_top_gaps_in_order(html_nb):
    summary = html_nb.split('id="summary"')[1].split('id="overview"')[0]
    assert summary.count('class="meter"') == 3
    assert "44 av 100" in summary and "52 av 100" in summary
    for level, n in (("dekket", 4), ("nevnt", 2), ("mangler", 4), ("delegert", 1), ("usikker", 1)):
        assert re.search(rf'lv-{level}"><span class="count-n">{n}</span>', summary), level
    gaps = re.findall(r'<p class="gap-title"><a href="#t-([^"]+)"', summary)
    assert gaps == ["edos.privat-sektor", "ledelse.gevinster", "edos.gevinstrealisering", "ks.samstyring"]
    assert "Vurder markedsdialog og innovative anskaffelser" in summary  # advice in plain words


def test_overview_table_is_sorted_by_framework_then_weakest_first(html_nb):
    table = html_nb.split('id="overview-table"')[1].split("</table>")[0]
    ids = re.findall(r'<a href="#t-([^"]+)">', table)
    assert ids[:6] == ["edos.privat-sektor", "edos.gevinstrealisering", "edos.kompetanse",
                       "edos.datadeling", "edos.felleslosninger", "edos.sikkerhet"]
    assert ids[6].startswith("ks.") and ids[-1].startswith("ledelse.")
    assert table.count('scope="row"') == 12 and table.count('scope="col"') == 6


def test_every_level_is_shown_with_word_and_icon_not_colour_alone(html_nb):
    for level in Level:
        label = TEXTS[f"level_{level.value}"]["nb"]
        assert re.search(
            rf'<span class="badge lv-{level.value}"><svg class="ico" aria-hidden="true" focusable="false">'
            rf'<use href="#i-{level.value}"></use></svg>{label}</span>',
            html_nb,
        ), level


def test_evidence_shows_page_label_heading_link_keywords_and_commitments(html_nb):
    card = html_nb.split('id="t-edos.sikkerhet"')[1].split("</article>")[0]
    assert '<a href="solvik%20digitaliseringsplan.pdf#page=14">side 12' in card  # printed label, index in link
    assert "side 13–14" in card  # a passage over two pages
    assert "5.1 Informasjonssikkerhet og personvern" in card
    assert "<mark>styringssystem</mark> for <mark>informasjonssikkerhet</mark>" in card
    for label, value in (("Forpliktelse", "skal"), ("Ansvar", "IKT-sjefen"), ("Frist", "innen utgangen av 2025"),
                         ("Beløp", "1,2 mill. kr"), ("Mål", "90 prosent")):
        assert f'<span class="tag-k">{label}:</span> <span lang="no">{value}</span>' in card, label
    assert "sannsynlighet 94\u00a0%" in card
    assert "Oppfylt:" in card and "(side 12)" in card  # expectation's best page shown by its label


def test_gap_card_has_expectations_advice_and_closest_passages(html_nb):
    card = html_nb.split('id="t-edos.gevinstrealisering"')[1].split("</article>")[0]
    assert "Dette forventer den nasjonale strategien" in card
    assert "Hvert prosjekt har en gevinstrealiseringsplan med ansvar og indikatorer." in card
    assert "Lag en plan for hvordan gevinstene" in card  # advice
    assert "Nærmeste tekst i planen" in card and "Prosjektene skal ha en tydelig" in card
    empty = html_nb.split('id="t-edos.privat-sektor"')[1].split("</article>")[0]
    assert "Vi fant ingen avsnitt i nærheten av temaet." in empty


def test_delegated_theme_says_where_it_was_delegated(html_nb):
    card = html_nb.split('id="t-ks.personvern-sikkerhet"')[1].split("</article>")[0]
    assert "Plan for informasjonssikkerhet 2023–2026" in card
    assert "Delegert til:" in card
    assert "Dette forventer den nasjonale strategien" not in card


def test_how_to_read_explains_levels_scores_and_measured_accuracy(html_nb):
    howto = html_nb.split('id="howto"')[1]
    for key in ("howto_theme_score", "howto_fw_score", "howto_calibration", "limit_quality"):
        assert TEXTS[key]["nb"] in howto, key
    for label, value in (("Avsnitt riktig knyttet til tema (makro-F1)", "0,83"),
                         ("Riktig nivå per tema og plan", "81\u00a0%"),
                         ("Relevante sitater blant de tre beste", "92\u00a0%"),
                         ("Datasett", "testsett (holdt utenfor opplæringen)"), ("Antall planer", "12")):
        assert f"<dt>{label}</dt><dd>{value}</dd>" in howto, label


def test_without_quality_it_says_accuracy_is_not_measured():
    html = render_html(sample_assessment(), sample_frameworks(), quality=None)
    assert TEXTS["accuracy_none"]["nb"] in html


def test_unknown_quality_keys_are_still_shown():
    html = render_html(sample_assessment(), sample_frameworks(), quality={"level_kappa": 0.71})
    assert "<dt>level kappa</dt><dd>0,71</dd>" in html


# ---- languages -----------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["nn", "en"])
def test_other_languages_use_their_own_labels_and_framework_texts(lang):
    html = render_html(sample_assessment(), sample_frameworks(), lang=lang, quality=SAMPLE_QUALITY)
    assert f'<html lang="{lang}">' in html
    assert TEXTS["howto_heading"][lang] in html
    title = {"nn": "Digital tryggleik", "en": "Digital security"}[lang]
    assert f'<h3 id="t-edos.sikkerhet-h">{title}</h3>' in html
    assert sample_frameworks()[0].theme("edos.gevinstrealisering").advice.get(lang) in html
    # no bokmål label leaks into the page (long labels, to avoid chance matches of short words)
    visible = re.sub(r"<[^>]+>", " ", html)
    for key, by_lang in TEXTS.items():
        nb = by_lang["nb"]
        if "{" in nb or len(nb) < 12 or nb == by_lang[lang] or key.startswith(("csv_", "lang_")):
            continue
        assert nb not in visible, (key, nb)
    # quoted plan text stays as written
    assert "Dei tilsette får tilbod om <mark>kurs</mark>" in html


def test_unknown_language_is_refused():
    with pytest.raises(UnsupportedReportLanguage):
        render_html(sample_assessment(), sample_frameworks(), lang="sv")


# ---- robustness ----------------------------------------------------------------------------


def test_without_framework_data_it_falls_back_to_the_result_titles():
    html = render_html(sample_assessment(), (), lang="en")
    assert "Finansiering og gevinstrealisering" in html  # bokmål title from the result
    assert "Hvert prosjekt har en gevinstrealiseringsplan" in html  # statements from the result
    assert 'class="advice"' not in html


def test_without_summary_counts_and_gaps_are_worked_out():
    a = dataclasses.replace(sample_assessment(), summary=None)
    view = build_view(a, sample_frameworks())
    assert dict((lv, n) for lv, _, n in view.counts) == {"dekket": 4, "nevnt": 2, "mangler": 4, "delegert": 1, "usikker": 1}
    assert [th.id for th, _ in view.gaps] == ["edos.privat-sektor", "ledelse.gevinster", "edos.gevinstrealisering", "ks.samstyring"]


def test_unsafe_pdf_links_are_dropped():
    html = render_html(sample_assessment(), sample_frameworks(), pdf_href="javascript:alert(1)")
    assert "javascript:" not in html and "#page=" not in html
    html = render_html(sample_assessment(), sample_frameworks())
    assert "#page=" not in html


def test_same_input_gives_the_same_page():
    a = render_html(sample_assessment(), sample_frameworks(), generated="2025-03-14")
    b = render_html(sample_assessment(), sample_frameworks(), generated="2025-03-14")
    assert a == b
    assert "<dt>Dato</dt>" in a
    assert "<dt>Dato</dt>" not in render_html(sample_assessment(), sample_frameworks())  # no date unless given


def test_page_is_self_contained(html_nb):
    assert not re.search(r'(?:src|href)="(?:https?:)?//', html_nb)
    assert "<link" not in html_nb and "@import" not in html_nb and "url(" not in html_nb
    assert "<img" not in html_nb and "<iframe" not in html_nb
    assert html_nb.count("<style>") == 1
    assert '@media print' in html_nb


def test_templates_have_no_words_outside_the_translation_table():
    for path in TEMPLATES.glob("*.html.j2"):
        text = path.read_text("utf-8")
        text = re.sub(r"\{#.*?#\}", " ", text, flags=re.S)
        text = re.sub(r"\{%.*?%\}", " ", text, flags=re.S)
        text = re.sub(r"\{\{.*?\}\}", " ", text, flags=re.S)
        text = re.sub(r"<(script|style)\b.*?</\1>", " ", text, flags=re.S)
        text = re.sub(r"<[^>]*>", " ", text)
        words = re.findall(r"[A-Za-zÆØÅæøå]{2,}", text)
        assert words == [], (path.name, words)
