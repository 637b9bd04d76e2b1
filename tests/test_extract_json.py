"""JSON of a Document: stable contract, deterministic bytes, lossless round trip."""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import Enum

from align.extract import extract
from align.model import BlockKind
from align.report.json_io import document_from_dict, dumps, to_jsonable


def test_document_round_trips_through_json(pdf_dir):
    doc = extract(pdf_dir / "plan-mixed-layout.pdf")
    text = dumps(doc)
    assert document_from_dict(json.loads(text)) == doc
    assert dumps(extract(pdf_dir / "plan-mixed-layout.pdf")) == text


def test_json_contract_top_level_keys(pdf_dir):
    d = json.loads(dumps(extract(pdf_dir / "scanned-page.pdf")))
    assert {"pages", "sections", "path", "sha256", "title", "warnings"} <= set(d)
    page = d["pages"][0]
    assert {"index", "label", "text", "blocks"} <= set(page)
    assert page["blocks"][0]["kind"] == "heading"
    assert [p["index"] for p in d["pages"]] == [1, 2, 3]


def test_to_jsonable_is_generic():
    class Colour(str, Enum):
        RED = "red"

    @dataclass(frozen=True)
    class Thing:
        score: float
        kind: Colour
        parts: tuple[int, ...]
        nested: dict

    out = to_jsonable(Thing(0.123456789, Colour.RED, (1, 2), {"k": -0.00001, "b": BlockKind.HEADING}))
    assert out == {"score": 0.1235, "kind": "red", "parts": [1, 2], "nested": {"k": 0.0, "b": "heading"}}
    assert dumps({"b": 1, "a": "ø"}) == '{\n  "a": "ø",\n  "b": 1\n}'
