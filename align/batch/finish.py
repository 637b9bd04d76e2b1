"""The end of a batch: per-plan HTML (with peers), results.csv/.parquet, failures.csv, index.html.

Everything here is rebuilt from the `*.align.json` files in the output folder, the single
source of truth, so the tables and the overview always agree with the per-plan results, and
a re-run that skipped every file still produces the same outputs. Files are written
atomically, and only when their content changed.
"""

from __future__ import annotations

import csv
import hashlib
import datetime as _dt
import io
import json
import logging
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from align import __version__
from align.batch.inputs import BatchItem
from align.errors import AlignError, ResultInvalid
from align.model import Assessment, Framework
from align.pipeline import Settings
from align.report.files import write_atomic
from align.report.json_io import assessment_from_dict

__all__ = ["RESULT_COLUMNS", "FAILURE_COLUMNS", "finish_batch", "result_rows"]

log = logging.getLogger(__name__)

RESULT_COLUMNS: tuple[str, ...] = (
    "kommune", "kommunenummer", "fylke", "dokumenttype", "år", "file", "sha256", "report",
    "language", "pages", "framework", "framework_score", "theme_id", "theme", "level", "score",
    "probability", "evidence_count", "best_page",
)
FAILURE_COLUMNS: tuple[str, ...] = ("file", "kommune", "kommunenummer", "code", "message")
# name -> fingerprint of what its HTML report was rendered from, so that a re-run renders only
# the reports whose result, peers, language, date or templates changed.
HTML_STATE = ".align-batch-html.json"


def result_rows(item: BatchItem, name: str, a: Assessment) -> list[dict[str, Any]]:
    """One row per theme of one plan, with the manifest's metadata; titles as in the result."""
    rows = []
    for fr in a.frameworks:
        for th in fr.themes:
            title = th.title
            best = max(th.evidence, key=lambda e: (e.probability, -e.page), default=None)
            rows.append(
                {
                    "kommune": item.kommune, "kommunenummer": item.kommunenummer, "fylke": item.fylke,
                    "dokumenttype": item.dokumenttype, "år": item.year, "file": item.source,
                    "sha256": a.document.sha256, "report": f"{name}.align.html",
                    "language": a.document.language, "pages": a.document.pages,
                    "framework": fr.id, "framework_score": fr.score, "theme_id": th.id, "theme": title,
                    "level": th.level.value, "score": th.score, "probability": round(th.probability, 4),
                    "evidence_count": len(th.evidence), "best_page": best.page if best else None,
                }
            )
    return rows


def _csv_text(columns: Sequence[str], rows: Sequence[dict[str, Any]]) -> str:
    buf = io.StringIO()
    buf.write("\ufeff")  # so that Excel reads æ, ø, å
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(columns)
    for r in rows:
        w.writerow(["" if r[c] is None else r[c] for c in columns])
    return buf.getvalue()


def _parquet_bytes(rows: Sequence[dict[str, Any]]) -> bytes:
    import pyarrow as pa
    import pyarrow.parquet as pq

    types = {c: pa.string() for c in RESULT_COLUMNS}
    types.update({"pages": pa.int32(), "framework_score": pa.int32(), "score": pa.int32(),
                  "probability": pa.float64(), "evidence_count": pa.int32(), "best_page": pa.int32()})
    schema = pa.schema([(c, types[c]) for c in RESULT_COLUMNS])
    table = pa.Table.from_pylist(list(rows), schema=schema)
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink, compression="zstd")
    return sink.getvalue().to_pybytes()


def _write_if_changed(path: Path, data: str | bytes) -> None:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        if path.read_bytes() == raw:
            return
    except OSError:
        pass
    write_atomic(path, raw)


def _load(path: Path) -> Assessment:
    try:
        return assessment_from_dict(json.loads(path.read_text("utf-8")))
    except AlignError:
        raise
    except (ValueError, KeyError, TypeError) as err:
        raise ResultInvalid(f"Cannot read the result {path.name}: {type(err).__name__}. Delete it and run the batch again.") from err


def finish_batch(
    out: Path,
    entries: Sequence[tuple[BatchItem, str]],
    failures: Sequence[Any],
    *,
    settings: Settings,
) -> None:
    """Write the batch-level files from the results in `out` (see the module docstring)."""
    from align.frameworks import load_frameworks
    from align.report.html import render_html
    from align.report.outputs import measured_quality
    from align.report.overview import OverviewEntry, peer_links, render_overview

    lang = settings.lang
    frameworks: tuple[Framework, ...] | None = None  # parsed only when a report must be rendered
    loaded: list[tuple[BatchItem, str, Assessment]] = []
    failure_rows = [
        {"file": f.source, "kommune": f.kommune, "kommunenummer": f.kommunenummer, "code": f.code, "message": f.message}
        for f in failures
    ]
    for item, name in entries:
        path = out / f"{name}.align.json"
        if not path.exists():
            continue  # failed in this run: already in `failures`
        try:
            loaded.append((item, name, _load(path)))
        except ResultInvalid as err:
            failure_rows.append({"file": item.source, "kommune": item.kommune, "kommunenummer": item.kommunenummer,
                                 "code": err.code, "message": err.message})
    overview_entries = [
        OverviewEntry(
            assessment=a, href=f"{name}.align.html", label=item.label, peer_id=item.peer_id,
            kommunenummer=item.kommunenummer, fylke=item.fylke, dokumenttype=item.dokumenttype, year=item.year,
        )
        for item, name, a in loaded
    ]
    today = _dt.date.today().isoformat()
    quality = measured_quality()
    peers = peer_links(overview_entries)
    state_path = out / HTML_STATE
    try:
        old_state = json.loads(state_path.read_text("utf-8"))
    except (OSError, ValueError):
        old_state = {}
    state: dict[str, str] = {}
    base = _render_basis(lang, today, quality)
    for (item, name, a), mine in zip(loaded, peers):
        href = _relative_href(item.path, out)
        digest = hashlib.sha256(
            (base + a.document.sha256 + (out / f"{name}.align.json").read_text("utf-8") + repr(sorted(mine.items()))
             + repr(href)).encode()
        ).hexdigest()
        state[name] = digest
        if old_state.get(name) == digest and (out / f"{name}.align.html").exists():
            continue
        if frameworks is None:
            frameworks = load_frameworks(settings.frameworks)
        page = render_html(a, frameworks, lang=lang, quality=quality, pdf_href=href, generated=today, peers=mine)
        _write_if_changed(out / f"{name}.align.html", page)
    _write_if_changed(state_path, json.dumps(state, sort_keys=True, indent=1))

    # titles come from the results, which are in `lang` already (the language is part of the key)
    rows = [r for item, name, a in loaded for r in result_rows(item, name, a)]
    _write_if_changed(out / "results.csv", _csv_text(RESULT_COLUMNS, rows))
    _write_if_changed(out / "results.parquet", _parquet_bytes(rows))
    _write_if_changed(out / "failures.csv", _csv_text(FAILURE_COLUMNS, failure_rows))
    html = render_overview(
        overview_entries, (), lang=lang, generated=today, tool_version=__version__,
        failures=[(f["file"], f["code"], f["message"]) for f in failure_rows],
    )
    _write_if_changed(out / "index.html", html)


def _render_basis(lang: str, today: str, quality: Any) -> str:
    """What every report's HTML depends on besides its own result: templates, language, date."""
    from importlib import resources

    h = hashlib.sha256(f"{__version__}\0{lang}\0{today}\0{json.dumps(quality, sort_keys=True)}".encode())
    for f in sorted(resources.files("align.report").joinpath("templates").iterdir(), key=lambda p: p.name):
        h.update(f.name.encode() + b"\0" + f.read_bytes())
    for module in ("html.py", "i18n.py"):
        h.update(resources.files("align.report").joinpath(module).read_bytes())
    return h.hexdigest()


def _relative_href(source: str, out: Path) -> str | None:
    """The plan file relative to the output folder, for "open the PDF at page N" links."""
    if not source.lower().endswith(".pdf"):
        return None
    try:
        return Path(os.path.relpath(source, out.resolve())).as_posix()
    except ValueError:  # another drive on Windows
        return None
