"""Shared test fixtures. Keep this small: fixtures used by one module live in that module."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def pdf_dir() -> Path:
    """tests/fixtures/pdfs: the committed test PDFs and their ground truth."""
    return FIXTURES / "pdfs"
