"""What a batch runs on: every plan file under a folder, or the rows of a manifest CSV.

A manifest has the columns `path,kommune,kommunenummer` and optionally `fylke`,
`dokumenttype` and `år` (`aar` is accepted too); paths are relative to the CSV. Extra
columns are ignored. A manifest row whose file does not exist is kept: the batch records it
as a failure (A101) and goes on, like any other bad file.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from align.errors import FileMissing, ManifestInvalid

__all__ = ["BatchItem", "PLAN_SUFFIXES", "discover", "read_manifest", "slug"]

PLAN_SUFFIXES: tuple[str, ...] = (".pdf", ".txt", ".md")
REQUIRED_COLUMNS: tuple[str, ...] = ("path", "kommune", "kommunenummer")
OPTIONAL_COLUMNS: tuple[str, ...] = ("fylke", "dokumenttype", "år")
_ALIASES = {"aar": "år", "ar": "år", "year": "år"}


@dataclass(frozen=True, slots=True)
class BatchItem:
    """One input file and what the manifest says about it (empty strings when unknown)."""

    path: str  # absolute path to the file
    source: str  # the path as shown to the user: relative to the folder or the manifest
    kommune: str = ""
    kommunenummer: str = ""
    fylke: str = ""
    dokumenttype: str = ""
    year: str = ""  # the manifest's `år`

    @property
    def label(self) -> str:
        """The municipality's name, else the file name without extension."""
        return self.kommune or Path(self.source).stem

    @property
    def peer_id(self) -> str:
        """Who the document belongs to, for "other municipalities": number, name, or the file."""
        return self.kommunenummer or self.kommune.casefold() or self.source


def slug(text: str, limit: int = 40) -> str:
    """A file-name-safe, lower-case ASCII form: "Ålesund kommune" → "alesund-kommune"."""
    text = text.replace("æ", "ae").replace("Æ", "ae").replace("ø", "o").replace("Ø", "o")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return text[:limit].strip("-") or "plan"


def discover(input_path: str | Path) -> tuple[BatchItem, ...]:
    """The items of a batch: a folder (searched recursively) or a manifest CSV."""
    p = Path(input_path)
    if not p.exists():
        raise FileMissing(f"Batch input not found: {p}. Give a folder of plans or a manifest CSV.")
    if p.is_dir():
        return _folder(p)
    if p.suffix.lower() == ".csv":
        return read_manifest(p)
    raise ManifestInvalid(
        f"Batch input {p} is neither a folder nor a .csv manifest. "
        "Give a folder of plans, or a CSV with the columns path,kommune,kommunenummer."
    )


def _folder(root: Path) -> tuple[BatchItem, ...]:
    found = []
    for f in sorted(root.rglob("*")):
        rel = f.relative_to(root)
        if any(part.startswith(".") for part in rel.parts):
            continue  # hidden files and folders, and our own temporary files
        if f.is_file() and f.suffix.lower() in PLAN_SUFFIXES:
            found.append(BatchItem(path=str(f.resolve()), source=rel.as_posix()))
    return tuple(found)


def read_manifest(csv_path: str | Path) -> tuple[BatchItem, ...]:
    """Rows of a manifest CSV (UTF-8, with or without BOM; comma or semicolon separated)."""
    p = Path(csv_path)
    try:
        text = p.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ManifestInvalid(f"The manifest {p} is not UTF-8 text. Save it as CSV (UTF-8).") from None
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    header = [_column(h) for h in (reader.fieldnames or [])]
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        raise ManifestInvalid(
            f"The manifest {p} lacks the column(s) {', '.join(missing)} (found: {', '.join(header) or 'none'}). "
            "The first line must name at least path,kommune,kommunenummer."
        )
    reader.fieldnames = header
    base = p.resolve().parent
    items: list[BatchItem] = []
    for line, row in enumerate(reader, start=2):
        values = {k: (v or "").strip() for k, v in row.items() if k}
        if not any(values.values()):
            continue
        rel = values.get("path", "")
        if not rel:
            raise ManifestInvalid(f"{p}, line {line}: the path is empty. Give each plan's file path, relative to the CSV.")
        items.append(
            BatchItem(
                path=str((base / rel).resolve()),
                source=rel,
                kommune=values.get("kommune", ""),
                kommunenummer=values.get("kommunenummer", ""),
                fylke=values.get("fylke", ""),
                dokumenttype=values.get("dokumenttype", ""),
                year=values.get("år", ""),
            )
        )
    return tuple(items)


def _column(name: str | None) -> str:
    key = (name or "").strip().lower()
    return _ALIASES.get(key, key)


def file_sha256(path: str | Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()
