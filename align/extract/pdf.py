"""PDF input: open safely, read pages in ranges (optionally in worker processes), build the
Document.

Memory stays bounded: pages are read in ranges of at most `_RANGE` pages, each range opens
the file itself and closes it after, and every page's pdfplumber caches are flushed as
soon as its words are out. Only the small `RawPage` records (lines and table rows) are
kept until the end, where the cross-page decisions (running headers, body size, heading
levels) are taken. Serial and parallel runs share exactly this code, so they give the
same Document.
"""

from __future__ import annotations

import math
import multiprocessing
import multiprocessing.context
import threading
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import pdfplumber
from pdfminer.layout import LTChar, LTContainer, LTCurve, LTFigure, LTImage, LTLine, LTRect
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfplumber.utils.exceptions import PdfminerException

from align.errors import AlignError, CorruptPdf, EmptyPdf, EncryptedPdf, NoTextLayer, NotAPdf
from align.extract import rules, structure
from align.extract.layout import (
    Char,
    Line,
    RawPage,
    TableItem,
    find_running_lines,
    order_page,
    words_from_chars,
)
from align.model import Document

_RANGE = 100  # pages per pdfplumber.open(); bounds what pdfminer caches between flushes
_MIN_PAGES_PER_WORKER = 4
_OCR_HINT = "Run OCR on it first (for example `ocrmypdf -l nor in.pdf out.pdf`) and try again."


def check_pdf_header(path: Path, head: bytes) -> None:
    """Raise NotAPdf unless the first KiB holds the PDF signature."""
    if b"%PDF-" in head[:1024]:
        return
    sniff = head[:512].lstrip().lower()
    if sniff.startswith((b"<!doctype html", b"<html")) or b"<html" in sniff:
        what = "it is an HTML web page"
    elif head.startswith(b"PK\x03\x04"):
        what = "it is a ZIP file, perhaps a Word document"
    elif not head:
        what = "it is empty (0 bytes)"
    else:
        what = "it has no PDF signature"
    raise NotAPdf(
        f"The file is not a PDF ({what}): {path}. "
        "Open the plan in its own program, export or save it as PDF, and try again."
    )


def _open(path: Path) -> Any:
    try:
        return pdfplumber.open(path)
    except PdfminerException as err:
        inner = err.args[0] if err.args else err
        if isinstance(inner, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise EncryptedPdf(
                f"The PDF is password-protected: {path}. Remove the password (open it with "
                "the password and save an unprotected copy) and try again."
            ) from err
        raise _corrupt(path, inner) from err
    except Exception as err:  # pdfminer raises many kinds on broken files
        raise _corrupt(path, err) from err


def _corrupt(path: Path, err: BaseException, page: int | None = None) -> CorruptPdf:
    detail = str(err).strip() or type(err).__name__
    where = f" (page {page})" if page is not None else ""
    return CorruptPdf(
        f"The PDF is damaged or incomplete{where}: {path} ({detail}). "
        "Download or export it again and try again."
    )


def _tables(page: Any) -> list[TableItem]:
    out = []
    for t in page.find_tables():
        rows = []
        for cells in t.extract():
            texts = [rules.join_lines((c or "").splitlines()) for c in cells]
            if any(texts):
                rows.append(" | ".join(texts))
        if len(rows) < 2 and all(" | " not in r for r in rows):
            continue  # a framed box, not a table: its text stays prose
        x0, top, x1, bottom = t.bbox
        out.append(TableItem(tuple(rows), x0, x1, top, bottom))
    return out


def _scan_layout(page: Any) -> tuple[list[Char], bool, bool]:
    """Glyphs of the page straight from pdfminer's layout tree (pdfplumber's `page.layout`),
    plus whether it has ruling lines that could make a table, and whether it has images.

    This skips pdfplumber's conversion of every object into a dict, which is most of the
    cost of `page.chars`; pdfplumber's own objects are built only on pages with ruling
    lines, for its table finder.
    """
    height = float(page.height)
    mb_x0, mb_top = float(page.mediabox[0]), float(page.mediabox[1])
    chars: list[Char] = []
    h = v = rects = 0
    images = False
    stack = [iter(page.layout)]
    while stack:
        for obj in stack[-1]:
            if isinstance(obj, LTChar):
                chars.append(
                    (
                        obj.get_text(),
                        obj.x0 + mb_x0,
                        obj.x1 + mb_x0,
                        height - obj.y1 + mb_top,
                        height - obj.y0 + mb_top,
                        obj.fontname if isinstance(obj.fontname, str) else str(obj.fontname),
                        obj.size,
                    )
                )
            elif isinstance(obj, LTContainer):
                if isinstance(obj, LTFigure):
                    images = True
                stack.append(iter(obj))
                break
            elif isinstance(obj, LTImage):
                images = True
            elif isinstance(obj, LTRect):
                rects += 1
            elif isinstance(obj, (LTLine, LTCurve)):
                if abs(obj.y0 - obj.y1) < 1:
                    h += 1
                elif abs(obj.x0 - obj.x1) < 1:
                    v += 1
        else:
            stack.pop()
    ruling = h + 2 * rects >= 2 and v + 2 * rects >= 2
    return chars, ruling, images


def _raw_page(page: Any, index: int) -> RawPage:
    width, height = float(page.width), float(page.height)
    chars, ruling, images = _scan_layout(page)
    words = words_from_chars(chars)
    tables = _tables(page) if words and ruling else []
    if tables:
        boxes = [(t.x0, t.top, t.x1, t.bottom) for t in tables]
        words = [
            w
            for w in words
            if not any(
                b[0] <= (w["x0"] + w["x1"]) / 2 <= b[2] and b[1] <= (w["top"] + w["bottom"]) / 2 <= b[3]
                for b in boxes
            )
        ]
    if not words and not tables:
        return RawPage(index, width, height, (), has_text_layer=not images)
    return RawPage(index, width, height, order_page(words, tables, width))


def read_range(path: str, first: int, last: int) -> list[RawPage]:
    """Read pages first..last (1-based, inclusive). Runs in a worker; opens the file itself."""
    p = Path(path)
    out: list[RawPage] = []
    with _open(p) as pdf:
        pages = pdf.pages
        for index in range(first, last + 1):
            page = pages[index - 1]
            try:
                out.append(_raw_page(page, index))
            except PdfminerException as err:
                raise _corrupt(p, err.args[0] if err.args else err, index) from err
            except (AlignError, MemoryError, KeyboardInterrupt):
                raise
            except Exception as err:  # broken content streams raise many kinds
                raise _corrupt(p, err, index) from err
            finally:
                page.close()
        pdf.flush_cache()
    return out


def _ranges(n: int, workers: int) -> list[tuple[int, int]]:
    parts = max(workers, math.ceil(n / _RANGE)) if workers > 1 else math.ceil(n / _RANGE)
    size = math.ceil(n / max(parts, 1))
    return [(a, min(a + size - 1, n)) for a in range(1, n + 1, size)]


def read_pages(path: Path, workers: int = 1) -> list[RawPage]:
    """All pages as RawPage, in PDF order."""
    with _open(path) as pdf:
        try:
            n = len(pdf.pages)
        except PdfminerException as err:
            raise _corrupt(path, err.args[0] if err.args else err) from err
        except Exception as err:  # a broken page tree
            raise _corrupt(path, err) from err
    if n == 0:
        raise EmptyPdf(
            f"The PDF has no pages: {path}. "
            "Export the plan to PDF again, check that it shows its pages, and try again."
        )
    workers = max(1, min(workers, n // _MIN_PAGES_PER_WORKER or 1))
    ranges = _ranges(n, workers)
    if workers == 1:
        out: list[RawPage] = []
        for a, b in ranges:
            out.extend(read_range(str(path), a, b))
        return out
    ctx = _mp_context()
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
        results = pool.map(read_range, [str(path)] * len(ranges), *zip(*ranges))
        return [p for chunk in results for p in chunk]


def _mp_context() -> multiprocessing.context.BaseContext:
    """fork when this process runs no other threads (fast: nothing is imported again);
    otherwise forkserver, since forking a threaded process can deadlock the child."""
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    if "forkserver" in methods:
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["align.extract.pdf"])
        return ctx
    return multiprocessing.get_context("spawn")


def extract_pdf(path: Path, sha256: str, workers: int = 1) -> Document:
    raw = read_pages(path, workers)
    return build_document(path, sha256, raw)


def build_document(path: Path, sha256: str, raw: Sequence[RawPage]) -> Document:
    """The cross-page pass: drop running lines, find labels, build blocks and sections."""
    if not any(p.items for p in raw):
        if any(not p.has_text_layer for p in raw):
            raise NoTextLayer(
                f"The PDF has no text layer, it looks scanned: {path}. {_OCR_HINT}"
            )
        raise NoTextLayer(f"The PDF contains no text: {path}. {_OCR_HINT}")
    drop, labels = find_running_lines(raw)
    kept_items: dict[int, list[Line | TableItem]] = {}
    kept_lines: dict[int, list[Line]] = {}
    for p in raw:
        skip = drop.get(p.index, set())
        items = [it for i, it in enumerate(p.items) if i not in skip]
        kept_items[p.index] = items
        kept_lines[p.index] = [it for it in items if isinstance(it, Line)]
    st = structure.doc_stats([kept_lines[p.index] for p in raw])
    per_page = {p.index: structure.blocks_from_items(p.index, kept_items[p.index], st) for p in raw}
    all_blocks = [b for p in raw for b in per_page[p.index]]
    structure.assign_levels(all_blocks)
    pages = tuple(
        structure.build_page(p.index, labels.get(p.index), per_page[p.index], p.has_text_layer)
        for p in raw
    )
    warnings: list[str] = []
    scanned = [p.index for p in raw if not p.has_text_layer]
    if scanned:
        listed = ", ".join(str(i) for i in scanned)
        which = f"Page {listed} has" if len(scanned) == 1 else f"Pages {listed} have"
        warnings.append(
            f"{which} no text layer (scanned?) in {path}; that text is missing. {_OCR_HINT}"
        )
    return Document(
        path=str(path),
        sha256=sha256,
        pages=pages,
        sections=structure.build_sections(all_blocks),
        title=structure.title_from_first_page(raw, kept_lines, st),
        warnings=tuple(warnings),
        source_format="pdf",
    )
