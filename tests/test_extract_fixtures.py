"""The committed fixture PDFs are exactly what tests/fixtures/make_pdfs.py generates."""

from __future__ import annotations

import json



def _generator():
    import make_pdfs  # tests/fixtures is on sys.path (conftest.py)

    return make_pdfs


def test_regenerating_gives_the_committed_files(pdf_dir):
    for name, (data, truth) in _generator().fixtures().items():
        committed = (pdf_dir / name).read_bytes()
        assert committed == data, f"{name} differs: run python tests/fixtures/make_pdfs.py"
        assert len(data) < 200_000
        if truth is not None:
            on_disk = json.loads((pdf_dir / (name[:-4] + ".truth.json")).read_text(encoding="utf-8"))
            assert on_disk == json.loads(json.dumps(truth))
