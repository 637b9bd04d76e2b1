"""Where `align` keeps converted models and the embedding cache."""

from __future__ import annotations

import os
from pathlib import Path


def cache_root(cache_dir: str | Path | None = None) -> Path:
    """The cache folder: `cache_dir` if given, else $ALIGN_CACHE_DIR, else
    $XDG_CACHE_HOME/align, else ~/.cache/align. Not created here."""
    if cache_dir is not None and str(cache_dir) != "":
        return Path(cache_dir).expanduser().resolve()
    env = os.environ.get("ALIGN_CACHE_DIR")
    if env:
        return Path(env).expanduser().resolve()
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg:
        return (Path(xdg).expanduser() / "align").resolve()
    return (Path.home() / ".cache" / "align").resolve()


def models_dir(root: Path) -> Path:
    return root / "models"


def vector_cache_path(root: Path) -> Path:
    return root / "embeddings.sqlite3"


def hub_dir(root: Path) -> Path:
    """Where `align models prepare --model NAME` downloads hub models to."""
    return root / "hub"
