"""The labelled evaluation data: size, balance, split, and separation from the framework exemplars."""

from __future__ import annotations

import re
from collections import Counter

from align.canonical import ALL_CANONICAL
from align.evalcorpus import load_documents, select
from align.frameworks import load_frameworks


def test_corpus_size_languages_and_positives_per_theme() -> None:
    docs = load_documents()
    passages = [p for d in docs if d.norwegian for p in d.passages]
    assert len(passages) >= 1500
    nn = sum(len(d.passages) for d in docs if d.language == "nn")
    assert nn / len(passages) >= 0.2
    positives = Counter(t for p in passages for t in p.themes)
    for theme in ALL_CANONICAL:
        assert positives[theme] >= 25, theme
    assert len([d for d in docs if d.norwegian]) >= 30
    assert {d.language for d in docs} >= {"nb", "nn", "sv", "da", "en"}


def test_every_label_is_canonical_and_every_delegation_is_labelled() -> None:
    for d in load_documents():
        for p in d.passages:
            assert all(t in ALL_CANONICAL and lv in (1, 2) for t, lv in p.labels)
            assert set(dict(p.delegates)) <= p.themes, (d.id, p.index)


def test_split_holds_out_whole_documents_and_a_whole_writer() -> None:
    docs = load_documents()
    dev, test = select(docs, "dev"), select(docs, "test")
    assert dev and test and not ({d.id for d in dev} & {d.id for d in test})
    assert {d.author for d in test if d.style == "unseen"}.isdisjoint({d.author for d in dev})
    assert any(d.style == "seen" for d in test)
    assert any(not any(p.labels for p in d.passages) for d in test if d.norwegian), "a non-digital control in test"


def test_document_gold_levels() -> None:
    docs = {d.id: d for d in load_documents()}
    golds = Counter(d.gold(t) for d in docs.values() if d.norwegian for t in ALL_CANONICAL)
    assert golds[0] and golds[1] and golds[2] and golds["delegert"]
    control = [d for d in docs.values() if d.norwegian and not any(p.labels for p in d.passages)]
    assert control and all(d.gold(t) == 0 for d in control for t in ALL_CANONICAL)


def _shingles(text: str, n: int = 4) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[i : i + n]) for i in range(max(1, len(words) - n + 1))}


def test_exemplars_and_eval_passages_are_kept_apart() -> None:
    """No eval passage repeats or nearly copies a framework exemplar (word 4-gram Jaccard < 0.5)."""
    exemplars = [x.text for f in load_frameworks() for t in f.themes for e in t.expectations for x in e.exemplars]
    index: dict[tuple[str, ...], set[int]] = {}
    ex_sh = [_shingles(x) for x in exemplars]
    for i, sh in enumerate(ex_sh):
        for s in sh:
            index.setdefault(s, set()).add(i)
    worst = 0.0
    for d in load_documents():
        for p in d.passages:
            sh = _shingles(p.text)
            candidates = set().union(*(index.get(s, set()) for s in sh)) if sh else set()
            for i in candidates:
                j = len(sh & ex_sh[i]) / len(sh | ex_sh[i])
                assert j < 0.5, (d.id, p.index, exemplars[i])
                worst = max(worst, j)
    assert worst < 0.5
