"""Extraction: a plan file (PDF, .txt, .md) → `Document` (pages, blocks, sections).

    >>> from align.extract import extract
    >>> doc = extract("examples/solvik-digitaliseringsplan.pdf")
    >>> doc.pages[2].label, doc.sections[0].title

Files are recognised by content first (a PDF signature makes a PDF whatever its name),
then by extension. Problems raise an `AlignError` with a one-line message (A101–A107).
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from align.errors import FileMissing, UnsupportedFormat
from align.model import Document

__all__ = ["extract", "SUPPORTED_SUFFIXES"]

SUPPORTED_SUFFIXES = (".pdf", ".txt", ".md", ".markdown")


def extract(path: str | os.PathLike[str], *, workers: int = 1) -> Document:
    """Read a plan into a `Document`.

    `workers` > 1 reads PDF pages in that many processes; the result is identical to a
    serial run. Raises FileMissing, NotAPdf, EncryptedPdf, CorruptPdf, EmptyPdf,
    NoTextLayer or UnsupportedFormat.
    """
    if workers < 1:
        raise ValueError(f"workers ({workers}) must be 1 or more")
    p = Path(path)
    if not p.exists():
        raise FileMissing(f"File not found: {p}. Check the path and try again.")
    if p.is_dir():
        raise FileMissing(f"{p} is a folder, not a file. Give the path to one plan file.")
    suffix = p.suffix.lower()
    with open(p, "rb") as fh:
        head = fh.read(1024)
    if suffix == ".pdf" or (head.lstrip()[:5] == b"%PDF-" and suffix not in (".txt", ".md")):
        from align.extract import pdf  # pdfplumber is imported only when needed

        pdf.check_pdf_header(p, head)
        return pdf.extract_pdf(p, _sha256(p), workers)
    if suffix in (".txt", ".md", ".markdown"):
        from align.extract import text

        data = p.read_bytes()
        return text.extract_text_file(p, data, hashlib.sha256(data).hexdigest(), "txt" if suffix == ".txt" else "md")
    shown = suffix or "no extension"
    raise UnsupportedFormat(
        f"Unsupported file type ({shown}): {p}. Give a PDF, .txt or .md file "
        "(save Word documents as PDF first)."
    )


def _sha256(p: Path) -> str:
    h = hashlib.sha256()
    with open(p, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()
