"""Reading pages in worker processes gives exactly the serial result."""

from __future__ import annotations

from pathlib import Path

import pytest

from align.extract import extract



def _generator():
    import make_pdfs  # tests/fixtures is on sys.path (conftest.py)

    return make_pdfs


@pytest.fixture(scope="module")
def long_pdf(tmp_path_factory) -> Path:
    """Twelve pages: the mixed-layout fixture's chapters three times, with a running header."""
    g = _generator()
    chapters = g.MIXED.body[g.MIXED.body.index(g.Numbering("arabic", 1)) + 1 :]
    body = [g.Numbering("arabic", 1)] + [*chapters, g.PAGEBREAK] * 3
    data, _ = g.render(g.Spec("long", body, header=g.FJORDVIK_HEADER, footer=g.FJORDVIK_FOOTER))
    path = tmp_path_factory.mktemp("pdf") / "long.pdf"
    path.write_bytes(data)
    return path


def test_parallel_output_is_identical_to_serial(long_pdf):
    serial = extract(long_pdf, workers=1)
    parallel = extract(long_pdf, workers=3)
    assert serial.page_count == 9
    assert parallel == serial
    assert [p.label for p in serial.pages] == [str(i) for i in range(1, 10)]
    assert all("Fjordvik kommune – digitaliseringsstrategien" not in p.text for p in serial.pages)
