"""The CSV export: one row per theme, for Excel and for comparing plans.

Columns (header in the report language): framework, theme id, title, level, score,
evidence count, best page. UTF-8; `bom=True` adds a byte order mark so that Excel opens the
Norwegian letters correctly.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from contextlib import ExitStack
from pathlib import Path
from typing import IO

from align.errors import OutputError
from align.model import Assessment, Framework
from align.report.i18n import Translator

__all__ = ["COLUMNS", "csv_rows", "render_csv", "write_csv"]

COLUMNS: tuple[str, ...] = ("framework", "theme_id", "title", "level", "score", "evidence_count", "best_page")


def csv_rows(
    assessment: Assessment, *, lang: str = "nb", frameworks: Sequence[Framework] = ()
) -> list[list[str | int]]:
    """The header and one row per theme, in the result's order.

    `level` is the level's name in `lang` (nb: dekket, nevnt, ...); `best_page` is the page
    index of the strongest evidence (empty when there is none); titles come from `frameworks`
    in `lang` when given, else from the result.
    """
    t = Translator(lang)
    known = {f.id: f for f in frameworks}
    rows: list[list[str | int]] = [[t(f"csv_{c}") for c in COLUMNS]]
    for fr in assessment.frameworks:
        fw = known.get(fr.id)
        for th in fr.themes:
            title = th.title
            if fw is not None:
                try:
                    title = fw.theme(th.id).title.get(lang)
                except KeyError:
                    pass
            best = max(th.evidence, key=lambda e: (e.probability, -e.page), default=None)
            rows.append(
                [
                    fr.id,
                    th.id,
                    title,
                    t.level(th.level.value).lower(),
                    th.score,
                    len(th.evidence),
                    best.page if best is not None else "",
                ]
            )
    return rows


def _write(handle: IO[str], rows: list[list[str | int]], bom: bool) -> None:
    if bom:
        handle.write("\ufeff")
    csv.writer(handle, lineterminator="\r\n").writerows(rows)


def render_csv(
    assessment: Assessment, *, lang: str = "nb", bom: bool = False, frameworks: Sequence[Framework] = ()
) -> str:
    """The CSV as a string."""
    buf = io.StringIO()
    _write(buf, csv_rows(assessment, lang=lang, frameworks=frameworks), bom)
    return buf.getvalue()


def write_csv(
    assessment: Assessment,
    path_or_file: str | Path | IO[str],
    *,
    lang: str = "nb",
    bom: bool = False,
    frameworks: Sequence[Framework] = (),
) -> None:
    """Write the CSV to a path (UTF-8) or to an open text file, which is left open."""
    rows = csv_rows(assessment, lang=lang, frameworks=frameworks)
    if not isinstance(path_or_file, (str, Path)):
        _write(path_or_file, rows, bom)
        return
    with ExitStack() as stack:
        try:
            handle = stack.enter_context(open(path_or_file, "w", encoding="utf-8", newline=""))
        except OSError as err:
            raise OutputError(f"Cannot write {path_or_file}: {err.strerror or type(err).__name__}. Check the folder exists and is writable.") from None
        _write(handle, rows, bom)
