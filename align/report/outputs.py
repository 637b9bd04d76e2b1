"""Where `align check` writes its files, and in which forms (JSON, HTML)."""

from __future__ import annotations

import datetime as _dt
import json
import sys
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import Any

from align.frameworks import load_frameworks
from align.model import Assessment
from align.report.files import write_atomic
from align.report.html import render_html
from align.report.json_io import dumps

QUALITY_FILE = "eval-test.json"


def measured_quality() -> dict[str, Any] | None:
    """The headline numbers of the shipped `align eval` run on the test split, if present."""
    path = Path(str(resources.files("align_models") / QUALITY_FILE))
    if not path.exists():
        return None
    rep = json.loads(path.read_text("utf-8"))
    m = rep["methods"]["learned"]
    return {
        "passage_macro_f1": m["passage_macro_f1"],
        "document_macro_f1": m["document_macro_f1"],
        "document_level_accuracy": m["level_accuracy"],
        "evidence_precision_at_3": m["evidence_p_at_3"],
        "split": rep["split"],
        "n_documents": rep["documents"],
    }


def write_outputs(
    assessment: Assessment,
    source: str | Path,
    *,
    out: str | Path | None = None,
    json_path: str | None = None,
    lang: str = "nb",
    html: bool = True,
    frameworks: Sequence[str] = (),
) -> list[Path]:
    """Write FILE.align.json and FILE.align.html (next to FILE or into `out`)."""
    src = Path(source)
    folder = Path(out) if out else src.parent
    stem = src.name
    text = dumps(assessment)
    written: list[Path] = []
    if json_path == "-":
        sys.stdout.write(text)
    else:
        written.append(write_atomic(Path(json_path) if json_path else folder / f"{stem}.align.json", text))
    if html:
        pdf_href = None
        if src.suffix.lower() == ".pdf" and (folder.resolve() == src.parent.resolve()):
            pdf_href = src.name
        page = render_html(
            assessment,
            load_frameworks(frameworks),
            lang=lang,
            quality=measured_quality(),
            pdf_href=pdf_href,
            generated=_dt.date.today().isoformat(),
        )
        written.append(write_atomic(folder / f"{stem}.align.html", page))
    return written
