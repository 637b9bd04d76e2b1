"""Deterministic JSON for every dataclass in `align.model`.

`to_jsonable` and `dumps` are generic (any dataclass tree), so documents and results are
written the same way: keys sorted, enums as their values, tuples as lists, floats rounded
to 4 decimals, non-ASCII kept. `document_from_dict` reads a Document back, `assessment_from_dict` a result.
"""

from __future__ import annotations

import dataclasses
import json
import math
from collections.abc import Mapping as _Mapping
from enum import Enum
from pathlib import PurePath
from typing import Any

from align.model import (
    Assessment,
    Block,
    BlockKind,
    Commitment,
    Document,
    DocumentInfo,
    Evidence,
    ExpectationResult,
    FrameworkResult,
    Level,
    Page,
    RunInfo,
    Section,
    Summary,
    ThemeResult,
)

FLOAT_DIGITS = 4


def to_jsonable(obj: Any) -> Any:
    """A tree of dicts, lists, str, int, float (rounded), bool and None."""
    if obj is None or isinstance(obj, (bool, int, str)) and not isinstance(obj, Enum):
        return obj
    if isinstance(obj, Enum):
        return to_jsonable(obj.value)
    if isinstance(obj, float):
        if math.isnan(obj) or math.isinf(obj):
            return None
        r = round(obj, FLOAT_DIGITS)
        return 0.0 if r == 0 else r  # no "-0.0"
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_jsonable(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, dict):
        return {str(to_jsonable(k)): to_jsonable(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [to_jsonable(v) for v in obj]
    if isinstance(obj, (set, frozenset)):
        return sorted((to_jsonable(v) for v in obj), key=lambda v: json.dumps(v, sort_keys=True))
    if isinstance(obj, PurePath):
        return str(obj)
    if hasattr(obj, "tolist"):  # numpy scalars and arrays
        return to_jsonable(obj.tolist())
    raise TypeError(f"cannot turn {type(obj).__name__} into JSON")


def dumps(obj: Any) -> str:
    """Deterministic JSON text: the same object gives the same bytes."""
    return json.dumps(to_jsonable(obj), sort_keys=True, ensure_ascii=False, indent=2)


def _section(d: dict[str, Any]) -> Section:
    return Section(
        title=d["title"],
        level=int(d["level"]),
        page=int(d["page"]),
        number=d.get("number"),
        children=tuple(_section(c) for c in d.get("children", ())),
    )


def _block(d: dict[str, Any]) -> Block:
    bbox = d.get("bbox")
    return Block(
        kind=BlockKind(d["kind"]),
        text=d["text"],
        page=int(d["page"]),
        start=int(d["start"]),
        end=int(d["end"]),
        heading_level=d.get("heading_level"),
        bbox=tuple(float(v) for v in bbox) if bbox is not None else None,  # type: ignore[arg-type]
    )


def document_from_dict(d: dict[str, Any]) -> Document:
    """The inverse of `to_jsonable(document)`."""
    pages = tuple(
        Page(
            index=int(p["index"]),
            label=p.get("label"),
            text=p["text"],
            blocks=tuple(_block(b) for b in p.get("blocks", ())),
            has_text_layer=bool(p.get("has_text_layer", True)),
            ocr=bool(p.get("ocr", False)),
        )
        for p in d["pages"]
    )
    return Document(
        path=d["path"],
        sha256=d["sha256"],
        pages=pages,
        sections=tuple(_section(s) for s in d.get("sections", ())),
        title=d.get("title"),
        warnings=tuple(d.get("warnings", ())),
        source_format=d.get("source_format", "pdf"),
    )



# ---- result (Assessment) <- dict; added for `align report`, which re-renders a result ------


def _r_strings(value: Any) -> tuple[str, ...]:
    return tuple(str(v) for v in (value or ()))


def _r_commitment(d: _Mapping[str, Any] | None) -> Commitment:
    d = d or {}
    return Commitment(
        obligation=_r_strings(d.get("obligation")),
        owner=_r_strings(d.get("owner")),
        deadline=_r_strings(d.get("deadline")),
        amount=_r_strings(d.get("amount")),
        target=_r_strings(d.get("target")),
    )


def _r_evidence(d: _Mapping[str, Any]) -> Evidence:
    return Evidence(
        passage_id=d["passage_id"],
        page=int(d["page"]),
        page_label=d.get("page_label"),
        page_end=int(d.get("page_end", d["page"])),
        text=d["text"],
        heading=d.get("heading", ""),
        probability=float(d["probability"]),
        keywords=_r_strings(d.get("keywords")),
        expectation_ids=_r_strings(d.get("expectation_ids")),
        commitment=_r_commitment(d.get("commitment")),
    )


def _r_expectation(d: _Mapping[str, Any]) -> ExpectationResult:
    best = d.get("best_page")
    return ExpectationResult(
        id=d["id"],
        statement=d["statement"],
        met=bool(d["met"]),
        probability=float(d["probability"]),
        best_page=int(best) if best is not None else None,
    )


def _r_theme(d: _Mapping[str, Any]) -> ThemeResult:
    return ThemeResult(
        id=d["id"],
        title=d["title"],
        level=Level(d["level"]),
        score=int(d["score"]),
        probability=float(d["probability"]),
        evidence=tuple(_r_evidence(e) for e in d.get("evidence") or ()),
        closest=tuple(_r_evidence(e) for e in d.get("closest") or ()),
        delegated_to=d.get("delegated_to"),
        reason=d.get("reason", ""),
        expectations=tuple(_r_expectation(e) for e in d.get("expectations") or ()),
    )


def _r_pairs(value: Any, key: str, val: str) -> tuple[tuple[Any, Any], ...]:
    """[[a, b], ...], [{key: a, val: b}, ...] or {a: b, ...} -> ((a, b), ...)."""
    if isinstance(value, _Mapping):
        return tuple((k, v) for k, v in value.items())
    out = []
    for item in value or ():
        if isinstance(item, _Mapping):
            out.append((item[key], item[val]))
        else:
            out.append((item[0], item[1]))
    return tuple(out)


def assessment_from_dict(d: _Mapping[str, Any]) -> Assessment:
    """Rebuild an `Assessment` from the JSON form `align check` writes (after `json.loads`).

    The inverse of `to_jsonable(assessment)`. It does not validate: `align.report.schema.
    load_result` checks a file against the result schema first, so that a bad file fails
    with a message naming the place, not with a KeyError.
    """
    doc = d["document"]
    run = d["run"]
    summary = d.get("summary")
    level_order = [lv.value for lv in Level]
    return Assessment(
        schema_version=d["schema_version"],
        document=DocumentInfo(
            path=doc["path"],
            sha256=doc["sha256"],
            pages=int(doc["pages"]),
            language=doc["language"],
            title=doc.get("title"),
            municipality=doc.get("municipality"),
            warnings=_r_strings(doc.get("warnings")),
        ),
        frameworks=tuple(
            FrameworkResult(
                id=f["id"],
                title=f["title"],
                version=f["version"],
                score=int(f["score"]),
                themes=tuple(_r_theme(t) for t in f["themes"]),
            )
            for f in d["frameworks"]
        ),
        run=RunInfo(
            tool_version=run["tool_version"],
            model_id=run["model_id"],
            model_precision=run.get("model_precision", ""),
            model_checksum=run.get("model_checksum", ""),
            scorer=run["scorer"],
            scorer_checksum=run.get("scorer_checksum", ""),
            frameworks=tuple((str(a), str(b)) for a, b in _r_pairs(run["frameworks"], "id", "version")),
        ),
        summary=(
            Summary(
                counts=tuple(
                    sorted(
                        ((str(k), int(v)) for k, v in _r_pairs(summary["counts"], "level", "count")),
                        key=lambda kv: level_order.index(kv[0]),
                    )
                ),
                top_gaps=_r_strings(summary["top_gaps"]),
            )
            if summary
            else None
        ),
    )
