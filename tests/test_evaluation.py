"""`align eval` on a tiny labelled corpus: the harness runs end to end and its numbers hang together."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from align.evaluation import evaluate, format_report

pytestmark = pytest.mark.slow

DIGITAL = [
    ("IKT-avdelingen skal innen utgangen av 2025 gjennomføre ROS-analyser av alle fagsystemer.", {"edos.sikkerhet": 2, "ks.personvern-sikkerhet": 2, "fdn.sikkerhet": 2}),
    ("Kommunen skal ha god informasjonssikkerhet og ivareta personvernet til innbyggerne.", {"edos.sikkerhet": 1, "ks.personvern-sikkerhet": 1, "fdn.sikkerhet": 1}),
    ("Vi tar i bruk SvarUt og KS Fiks for all utgående post innen 2026.", {"edos.felleslosninger": 2, "ks.effektiv-digitalisering": 2}),
    ("Kommunen vil prøve ut kunstig intelligens i saksbehandlingen.", {"fdn.kunstig-intelligens": 1}),
]
OTHER = [
    "Skolevegen får ny gang- og sykkelveg i 2026.",
    "Kulturhuset holder åpent alle hverdager.",
    "Fartsgrensen ved barnehagen senkes til 30 km/t.",
]


def _doc(doc_id: str, author: str) -> dict:
    passages = [{"text": t, "labels": lab} for t, lab in DIGITAL] + [{"text": t} for t in OTHER]
    return {
        "id": doc_id,
        "title": f"Plan {doc_id}",
        "municipality": "Testvik",
        "doc_type": "digitaliseringsstrategi",
        "language": "nb",
        "author": author,
        "sections": [{"heading": "1 Tiltak", "level": 1, "passages": passages}],
    }


def test_eval_harness_on_a_tiny_corpus(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    for doc_id, author in (("dev-a", "w1"), ("dev-b", "w1"), ("test-a", "w2")):
        (tmp_path / "docs" / f"{doc_id}.yaml").write_text(yaml.safe_dump(_doc(doc_id, author), allow_unicode=True), "utf-8")
    (tmp_path / "split.yaml").write_text("unseen_authors: [w2]\ntest: []\n", "utf-8")
    rep = evaluate("test", corpus=str(tmp_path))
    assert rep["documents"] == 1 and rep["passages"] == len(DIGITAL) + len(OTHER)
    assert set(rep["methods"]) == {"learned", "keywords", "embedding", "both"}
    learned = rep["methods"]["learned"]
    for key in ("passage_macro_f1", "document_macro_f1", "level_accuracy"):
        assert learned[key] is None or 0.0 <= learned[key] <= 1.0
    sec = rep["themes"]["edos.sikkerhet"]["passage"]["learned"]
    assert sec["support"] == 2
    assert rep["themes"]["ledelse.eierskap"]["passage"]["learned"]["support"] == 0
    assert rep["styles"]["unseen"]["documents"] == 1
    table = format_report(rep)
    assert "edos.sikkerhet" in table and "Overall" in table
    json.dumps(rep)
