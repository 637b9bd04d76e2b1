"""The unit of work of a batch, run in a worker process (or a Dask worker): one file → JSON text.

A worker loads the frameworks, the scorer and the embedding model once per process (per
settings) and keeps them; the embedder's disk cache is shared by all workers. Workers never
write result files: they return the JSON text and the parent writes it atomically, so an
interrupted or killed worker leaves nothing half-written, and a Dask cluster needs no
shared output folder.
"""

from __future__ import annotations

import os
import signal
import threading
import time
import traceback
from dataclasses import dataclass
from pathlib import Path

from align.errors import AlignError, UnexpectedError
from align.pipeline import Settings

__all__ = ["Job", "JobResult", "init_worker", "run_job"]


@dataclass(frozen=True, slots=True)
class Job:
    """One document to assess: where it is, who it belongs to, and the name of its result."""

    name: str  # result base name: `<name>.align.json`
    path: str
    municipality: str | None
    size: int = 0
    data: bytes | None = None  # the file itself, when the worker cannot read `path` (Dask)


@dataclass(frozen=True, slots=True)
class JobResult:
    name: str
    json_text: str | None  # None when the file failed
    code: str = ""
    message: str = ""
    pages: int = 0
    seconds: float = 0.0
    traceback: str = ""


_LOCK = threading.Lock()
_PARTS: dict[Settings, tuple] = {}
_CALLS = {"load": 0}  # how many times this process loaded the parts (for tests and benchmarks)


def _parts(settings: Settings) -> tuple:
    """(frameworks, scorer, embedder) for `settings`, loaded once per process."""
    with _LOCK:
        parts = _PARTS.get(settings)
        if parts is None:
            from align.embed import get_embedder
            from align.frameworks import load_frameworks
            from align.score.heads import load_scorer

            parts = (
                load_frameworks(settings.frameworks),
                load_scorer(settings.scorer_path),
                get_embedder(settings.model, settings.precision, settings.cache_dir),
            )
            _PARTS[settings] = parts
            _CALLS["load"] += 1
        return parts


def init_worker() -> None:
    """Process-pool initializer: Ctrl-C is handled by the parent only, and SIGTERM unwinds
    (so `finally` blocks and temporary-file cleanup run when the parent stops a worker)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _terminate)


def _terminate(signum: int, frame: object) -> None:  # pragma: no cover - runs in a worker
    raise SystemExit(128 + signum)


def run_job(job: Job, settings: Settings) -> JobResult:
    """Extract, segment and score one file; every failure comes back as a result, never raised."""
    from align.extract import extract
    from align.pipeline import assess_document
    from align.report.json_io import dumps

    start = time.perf_counter()
    tmp_dir = None
    try:
        path = job.path
        if job.data is not None:
            import tempfile

            tmp_dir = tempfile.mkdtemp(prefix="align-batch-")
            path = os.path.join(tmp_dir, Path(job.path).name)
            Path(path).write_bytes(job.data)
        document = extract(path, workers=1)  # first: a bad file fails before the model loads
        frameworks, scorer, embedder = _parts(settings)
        assessment = assess_document(
            document, frameworks, embedder, scorer, lang=settings.lang, municipality=job.municipality
        )
        return JobResult(
            job.name, dumps(assessment), pages=document.page_count, seconds=time.perf_counter() - start
        )
    except AlignError as err:
        return JobResult(job.name, None, err.code, _one_line(err.message), seconds=time.perf_counter() - start)
    except Exception as err:  # a bug or a library failure on one odd file: record it and go on
        text = " ".join(str(err).split()) or type(err).__name__
        wrapped = UnexpectedError(
            f"Unexpected error while reading {Path(job.path).name}: {type(err).__name__}: {text[:200]}. "
            "Please report it with the file if you can."
        )
        return JobResult(
            job.name, None, wrapped.code, wrapped.message,
            seconds=time.perf_counter() - start, traceback=traceback.format_exc(),
        )
    finally:
        if tmp_dir is not None:
            import shutil

            shutil.rmtree(tmp_dir, ignore_errors=True)


def _one_line(text: str) -> str:
    return " ".join(text.split())
