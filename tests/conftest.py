"""Shared test fixtures. Keep this small: fixtures used by one module live in that module."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent / "fixtures"
# The fixture generator (make_pdfs.py) is imported as a plain module by the tests, so there is
# one copy of it and its element classes compare equal.
if str(FIXTURES) not in sys.path:
    sys.path.insert(0, str(FIXTURES))


@pytest.fixture(scope="session")
def pdf_dir() -> Path:
    """tests/fixtures/pdfs: the committed test PDFs and their ground truth."""
    return FIXTURES / "pdfs"
