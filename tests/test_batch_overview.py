"""The batch overview (index.html) and the peer links, on synthetic results (no model needed)."""

from __future__ import annotations

import random
import re
from html.parser import HTMLParser

import pytest

from align.frameworks import load_frameworks
from align.model import (
    SCHEMA_VERSION,
    Assessment,
    Commitment,
    DocumentInfo,
    Evidence,
    FrameworkResult,
    Level,
    RunInfo,
    ThemeResult,
)
from align.report.html import PeerLink, render_html
from align.report.overview import SYMBOLS, OverviewEntry, peer_examples, peer_links, render_overview

COUNTIES = ("Vestland", "Nordland", "Innlandet", "Agder", "Troms")
DOCTYPES = ("kommuneplan", "digitaliseringsplan", "økonomiplan")


def synthetic_assessment(i: int, rng: random.Random, frameworks) -> Assessment:
    fws = []
    for f in frameworks:
        themes = []
        for t in f.themes:
            level = rng.choice(list(Level))
            score = {"dekket": 80, "nevnt": 50, "usikker": 35, "delegert": 40, "mangler": 5}[level.value] + rng.randint(0, 15)
            ev = ()
            if level in (Level.DEKKET, Level.NEVNT):
                ev = (
                    Evidence(
                        passage_id=f"p{i}-{t.id}", page=rng.randint(1, 40), page_label=None, page_end=1,
                        text=f"Kommune {i} skal innen 2026 innføre {t.id} med ansvar hos IKT-sjefen <script>x</script>.",
                        heading="Tiltak", probability=round(rng.uniform(0.5, 0.99), 3),
                        commitment=Commitment(deadline=("innen 2026",)) if level is Level.DEKKET else Commitment(),
                    ),
                )
                ev = (Evidence(**{**{k: getattr(ev[0], k) for k in ev[0].__slots__}, "page_end": ev[0].page}),)
            themes.append(ThemeResult(id=t.id, title=t.title.nb, level=level, score=min(score, 100), probability=score / 100, evidence=ev))
        fws.append(FrameworkResult(f.id, f.title.nb, f.version, sum(t.score for t in themes) // len(themes), tuple(themes)))
    doc = DocumentInfo(path=f"plan-{i}.pdf", sha256=f"{i:064x}", pages=rng.randint(10, 80), language="nb", municipality=f"Kommune {i}")
    run = RunInfo("0.1.0", "m", "int8", "c", "hybrid.v3", "s", tuple((f.id, f.version) for f in frameworks))
    return Assessment(SCHEMA_VERSION, doc, tuple(fws), run)


def synthetic_entries(n: int, seed: int = 7) -> list[OverviewEntry]:
    rng = random.Random(seed)
    frameworks = load_frameworks()
    return [
        OverviewEntry(
            assessment=synthetic_assessment(i, rng, frameworks), href=f"k{i:04d}-abc.align.html",
            label=f"Kommune {i} <b>", peer_id=f"{i:04d}", kommunenummer=f"{i:04d}",
            fylke=COUNTIES[i % len(COUNTIES)], dokumenttype=DOCTYPES[i % len(DOCTYPES)], year=str(2020 + i % 5),
        )
        for i in range(n)
    ]


class _Cells(HTMLParser):
    """Collects the heatmap rows: (report link, [cell classes]) per row."""

    def __init__(self) -> None:
        super().__init__()
        self.in_hm = False
        self.rows: list[tuple[str, list[str]]] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "table":
            self.in_hm = a.get("id") == "hm"
        elif self.in_hm and tag == "tr" and "data-c" in a:
            self.rows.append(("", []))
        elif self.in_hm and tag == "a" and self.rows and not self.rows[-1][0]:
            self.rows[-1] = (a["href"], self.rows[-1][1])
        elif self.in_hm and tag == "td" and self.rows and "data-v" in a:
            self.rows[-1][1].append(a["class"])

    def handle_endtag(self, tag):
        if tag == "table":
            self.in_hm = False


def test_overview_heatmap_matches_results_and_escapes_text():
    entries = synthetic_entries(12)
    html = render_overview(entries, load_frameworks(), lang="nb", generated="2025-01-01", tool_version="0.1.0",
                           failures=[("bad.pdf", "A104", "Corrupt <script>")])
    assert "<script>x</script>" not in html and "Kommune 3 &lt;b&gt;" in html and "Corrupt &lt;script&gt;" in html
    parser = _Cells()
    parser.feed(html)
    assert len(parser.rows) == 12
    cls = {"dekket": "d", "nevnt": "n", "usikker": "u", "delegert": "g", "mangler": "m"}
    by_href = {e.href: e for e in entries}
    for href, cells in parser.rows:
        a = by_href[href].assessment
        assert cells == [cls[t.level.value] for f in a.frameworks for t in f.themes]
    for sym in SYMBOLS.values():
        assert sym in html  # level as a symbol, not only a colour


def test_overview_coverage_counts_municipalities_that_cover_concretely():
    entries = synthetic_entries(20)
    theme = entries[0].assessment.frameworks[0].themes[0].id
    expected = sum(
        1 for e in entries for t in e.assessment.frameworks[0].themes if t.id == theme and t.level is Level.DEKKET
    )
    html = render_overview(entries, load_frameworks(), lang="en")
    row = re.search(r'<th scope="row" data-sort-value="[^"]*"><span class="code">E1</span>.*?</tr>', html, re.S).group(0)
    assert f"{expected} of 20" in row


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_overview_renders_in_every_language(lang):
    html = render_overview(synthetic_entries(3), load_frameworks(), lang=lang)
    assert f'<html lang="{lang}">' in html


def test_peer_links_point_to_other_municipalities_that_cover_the_gap():
    entries = synthetic_entries(30)
    links = peer_links(entries)
    checked = 0
    for e, mine in zip(entries, links):
        themes = {t.id: t for f in e.assessment.frameworks for t in f.themes}
        for tid, peers in mine.items():
            assert themes[tid].level is Level.MANGLER
            assert len(peers) >= 1 and len(peers) <= 3
            scores = [p.score for p in peers]
            assert scores == sorted(scores, reverse=True)
            for p in peers:
                assert p.level is Level.DEKKET and not p.href.startswith(e.href)
                assert p.href.endswith(f"#t-{tid}")
            checked += 1
    assert checked > 10


def test_peer_examples_are_concrete_and_one_per_municipality():
    examples = peer_examples(synthetic_entries(30))
    assert examples
    for items in examples.values():
        assert len({x.municipality for x in items}) == len(items) <= 3
        assert [x.probability for x in items] == sorted((x.probability for x in items), reverse=True)


def test_report_shows_peer_block_only_when_given():
    e = synthetic_entries(1)[0]
    fws = load_frameworks()
    gap = next(t for f in e.assessment.frameworks for t in f.themes)
    plain = render_html(e.assessment, fws)
    assert 'class="peers"' not in plain
    link = PeerLink(municipality="Nabo <i>", href="n-1.align.html#t-x", level=Level.DEKKET, score=88, page=4, quote="Vi skal <b>")
    html = render_html(e.assessment, fws, peers={gap.id: [link]})
    assert html.count('class="peers"') == 1
    assert 'href="n-1.align.html#t-x"' in html and "Nabo &lt;i&gt;" in html and "Vi skal &lt;b&gt;" in html


def test_overview_for_400_plans_stays_small():
    html = render_overview(synthetic_entries(400), load_frameworks(), lang="nb")
    assert len(html.encode()) < 1_500_000
