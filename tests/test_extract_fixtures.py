"""The committed fixture PDFs are exactly what tests/fixtures/make_pdfs.py generates."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def _generator():
    spec = importlib.util.spec_from_file_location("make_pdfs", FIXTURES / "make_pdfs.py")
    if "make_pdfs" in sys.modules:  # one copy, so element classes compare equal
        return sys.modules["make_pdfs"]
    mod = importlib.util.module_from_spec(spec)
    sys.modules["make_pdfs"] = mod
    spec.loader.exec_module(mod)
    return mod


def test_regenerating_gives_the_committed_files(pdf_dir):
    for name, (data, truth) in _generator().fixtures().items():
        committed = (pdf_dir / name).read_bytes()
        assert committed == data, f"{name} differs: run python tests/fixtures/make_pdfs.py"
        assert len(data) < 200_000
        if truth is not None:
            on_disk = json.loads((pdf_dir / (name[:-4] + ".truth.json")).read_text(encoding="utf-8"))
            assert on_disk == json.loads(json.dumps(truth))
