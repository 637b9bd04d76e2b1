"""Fine-tuning the encoder (align.score.finetune): the pairs it learns from, and a tiny tuning run.

The pair tests need no model. The smoke test loads the real fp32 model and runs two
optimiser steps on four pairs, twice, so it stays well under a minute.
"""

from __future__ import annotations

import numpy as np
import pytest

from align.evalcorpus import LabelledDocument, LabelledPassage
from align.model import Exemplar, Expectation, Framework, Theme
from align.score.context import embedding_text
from align.score.finetune import KINDS, build_pairs, pair_counts

SECURITY = "edos.sikkerhet"
SECURITY_TWIN = "fdn.sikkerhet"  # labelled together with SECURITY: never its negative
SHARED = "edos.felleslosninger"
AI = "fdn.kunstig-intelligens"

LABELLED = [
    ("Alle fagsystemer skal ha oppdatert ROS-analyse innen 2025.", {SECURITY: 2, SECURITY_TWIN: 2}),
    ("Kommunen skal ha god informasjonssikkerhet i alle tjenester.", {SECURITY: 1, SECURITY_TWIN: 1}),
    ("Tilgangsstyring og logging gjennomgås hvert år av IKT-sjefen.", {SECURITY: 2}),
    ("Vi tar i bruk SvarUt og KS Fiks for all utgående post.", {SHARED: 2}),
    ("Innbyggerne skal møte felles nasjonale løsninger som ID-porten.", {SHARED: 1}),
    ("Kommunen vil prøve ut kunstig intelligens i saksbehandlingen.", {AI: 1}),
    ("En pilot med språkmodeller i arkivet startes høsten 2025.", {AI: 2}),
    ("Personvernombudet rapporterer årlig til kommunedirektøren.", {SECURITY_TWIN: 1}),
]
OTHER = [
    "Skolevegen får ny gang- og sykkelveg i 2026.",
    "Kulturhuset holder åpent alle hverdager.",
    "Fartsgrensen ved barnehagen senkes til 30 km/t.",
]


def _doc(doc_id: str, rows: list[tuple[str, dict[str, int]]], other: list[str]) -> LabelledDocument:
    texts = [(f"{doc_id}: {t}", labels) for t, labels in rows] + [(f"{doc_id}: {t}", {}) for t in other]
    passages = tuple(
        LabelledPassage(text=t, labels=tuple(sorted(lab.items())), delegates=(), heading=("Tiltak",),
                        doc_id=doc_id, index=i)
        for i, (t, lab) in enumerate(texts)
    )
    return LabelledDocument(id=doc_id, title=doc_id, municipality="Testvik", doc_type="plan", language="nb",
                            author="w1", passages=passages, split="dev", style="seen")


def _framework() -> Framework:
    def theme(tid: str, exemplars: list[str]) -> Theme:
        ex = tuple(Exemplar(text=x, lang="nb", level=1) for x in exemplars)
        return Theme(id=tid, title={"nb": tid}, description=tid, advice={"nb": ""},
                     expectations=(Expectation(id=f"{tid}.1", statement=tid, exemplars=ex, keywords=()),))

    return Framework(id="test", title={"nb": "Test"}, version="1", publisher="", status="", sources=(), themes=(
        theme(SECURITY, ["Kommunen gjennomfører risiko- og sårbarhetsanalyser.", "Sikkerhetsbrudd meldes straks."]),
        theme(SHARED, ["Kommunen bruker Digipost og Altinn."]),
        theme(AI, ["Kunstig intelligens tas i bruk på en ansvarlig måte."]),
    ))


DOCS = (_doc("a", LABELLED[:4], OTHER[:2]), _doc("b", LABELLED[4:], OTHER[2:]), _doc("c", LABELLED[::2], OTHER))
FRAMEWORKS = (_framework(),)


def _themes_of_text() -> dict[str, frozenset[str]]:
    """What each text the encoder reads is labelled with (exemplars: their theme)."""
    out = {embedding_text(p.text, p.heading): p.themes for d in DOCS for p in d.passages}
    for t in FRAMEWORKS[0].themes:
        for x in t.expectations[0].exemplars:
            out[x.text] = frozenset({t.id})
    return out


def test_pairs_are_deterministic_for_a_seed() -> None:
    first = build_pairs(DOCS, FRAMEWORKS, max_pairs=60, seed=3)
    assert first == build_pairs(DOCS, FRAMEWORKS, max_pairs=60, seed=3)
    assert first != build_pairs(DOCS, FRAMEWORKS, max_pairs=60, seed=4)
    assert 0 < len(first) <= 60


def test_pairs_never_pair_a_text_with_itself_and_have_no_duplicates() -> None:
    pairs = build_pairs(DOCS, FRAMEWORKS, max_pairs=200, seed=0)
    assert all(p.first != p.second for p in pairs)
    keys = [(min(p.first, p.second), max(p.first, p.second), p.label) for p in pairs]
    assert len(keys) == len(set(keys))


def test_positives_share_a_theme_and_negatives_share_none() -> None:
    themes = _themes_of_text()
    pairs = build_pairs(DOCS, FRAMEWORKS, max_pairs=200, seed=1)
    counts = pair_counts(pairs)
    assert set(counts) == set(KINDS) and all(counts[k] > 0 for k in KINDS)
    for p in pairs:
        a, b = themes[p.first], themes[p.second]
        assert a, "anchors are labelled passages"
        if p.label == 1.0:
            assert p.kind in ("passage+", "exemplar+") and a & b
        else:
            assert p.label == 0.0 and not a & b
            if p.kind == "other-":
                assert not b
    # a passage labelled only with the security twin is no negative for a security passage
    for p in pairs:
        if p.label == 0.0 and SECURITY in themes[p.first]:
            assert SECURITY_TWIN not in themes[p.second]


def test_pairs_cap_and_empty_input() -> None:
    assert len(build_pairs(DOCS, FRAMEWORKS, max_pairs=5, seed=0)) == 5
    unlabelled = (_doc("x", [], OTHER),)
    assert build_pairs(unlabelled, FRAMEWORKS, max_pairs=10) == []
    with pytest.raises(ValueError):
        build_pairs(DOCS, FRAMEWORKS, max_pairs=0)


@pytest.mark.slow
def test_tiny_finetune_is_normalised_new_and_reproducible() -> None:
    import torch

    from align.embed import get_embedder
    from align.score.finetune import finetune_encoder

    settings = dict(max_pairs=4, batch_size=2, learning_rate=5e-4, seed=7)
    threads = torch.get_num_threads()
    rng_state = torch.get_rng_state()
    one = finetune_encoder(DOCS[:2], FRAMEWORKS, **settings)
    two = finetune_encoder(DOCS[:2], FRAMEWORKS, **settings)
    assert torch.get_num_threads() == threads and torch.equal(torch.get_rng_state(), rng_state)

    texts = ["Kommunen skal innføre digital post.", "Vi bygger ny barnehage."]
    tuned = one.encode_passages(texts)
    assert tuned.shape == (2, one.dimension) and tuned.dtype == np.float32
    assert np.allclose(np.linalg.norm(tuned, axis=1), 1.0, atol=1e-5)
    assert np.array_equal(tuned, two.encode_passages(texts))
    assert one.checksum == two.checksum

    frozen = get_embedder(None, "fp32", use_cache=False)
    assert one.checksum != frozen.checksum and one.model_id != frozen.model_id
    assert one.precision == "fp32" and not one.use_cache
    assert float(np.min(np.sum(tuned * frozen.encode_passages(texts), axis=1))) < 0.99999
    assert one.info()["finetune"]["steps"] == 2
