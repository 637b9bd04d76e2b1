"""Many plans at once: `check_many(input, out)` → one report per plan, tables and an overview.

    from align.batch import check_many
    from align.pipeline import Settings
    summary = check_many("plans/", "results/", settings=Settings(lang="nb"), workers=4)

The input is a folder (searched recursively for .pdf, .txt and .md) or a manifest CSV
(`path,kommune,kommunenummer[,fylke,dokumenttype,år]`). Files run in parallel in a process
pool (or on a Dask cluster); every result is keyed by the file's sha256, the settings
(`settings_key`) and the municipality, and named `<kommunenummer or stem>-<key>.align.json`,
so a re-run skips what is done and redoes what changed. A bad file is recorded in
`failures.csv` and the batch goes on. After the files, the batch writes each plan's HTML
report (with links to peers that cover its gaps), `results.csv`, `results.parquet` and
`index.html`. The library never prints: progress goes to the `progress` callback.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass, fields
from pathlib import Path

from align import __version__
from align.batch.inputs import BatchItem, discover, file_sha256, slug
from align.batch.work import Job, JobResult
from align.errors import AlignError, FileMissing, FrameworkNotFound, ManifestInvalid, OutputError
from align.model import SCHEMA_VERSION
from align.pipeline import Settings
from align.report.files import write_atomic
from align.report.i18n import check_lang

__all__ = [
    "BatchFailure",
    "BatchItem",
    "BatchProgress",
    "BatchSummary",
    "check_many",
    "discover",
    "result_name",
    "settings_key",
]

log = logging.getLogger(__name__)

RESULT_SUFFIX = ".align.json"
# Files that failed for a reason in their content (A102-A108: not a PDF, encrypted, corrupt,
# empty, scanned, unsupported, not Norwegian) fail the same way again: a re-run records them
# from this file instead of reading them again. Missing files, crashed workers and bugs are retried.
FAILURE_STATE = ".align-batch-failures.json"
_PERMANENT = frozenset(f"A10{i}" for i in range(2, 9))
# Settings fields that do not change a result: where the model cache lives, extraction processes.
_NOT_IN_KEY = frozenset({"cache_dir", "workers"})
# Failures that are not about one file: the batch stops instead of failing every file.
_SYSTEMIC = ("A2", "A3")


@dataclass(frozen=True, slots=True)
class BatchFailure:
    """A file that could not be assessed, with the error's code and one-line message."""

    source: str
    path: str
    kommune: str
    kommunenummer: str
    code: str
    message: str
    result: str = ""  # the result name (file, settings and municipality key); "" if unknown


@dataclass(frozen=True, slots=True)
class BatchProgress:
    """Where a batch stands; sent to the `progress` callback after each file and phase."""

    total: int  # documents in the batch
    todo: int  # documents this run has to compute (not already done)
    done: int  # computed in this run
    skipped: int  # already done by an earlier run
    failed: int
    pages: int  # pages computed in this run
    elapsed: float  # seconds since the batch started
    event: str  # "start" | "file" | "finishing" | "finished"
    source: str = ""  # the file just finished
    ok: bool = True
    message: str = ""  # the error, when a file failed


@dataclass(frozen=True, slots=True)
class BatchSummary:
    total: int
    done: int
    skipped: int
    failed: int
    pages: int
    seconds: float
    out: str
    computed: tuple[str, ...]  # result names computed in this run
    failures: tuple[BatchFailure, ...]

    @property
    def ok(self) -> bool:
        return self.failed == 0


def settings_key(settings: Settings) -> str:
    """sha256 of what a result depends on besides the file: the settings, the tool version, the
    scorer (name and checksum) and the framework files (sha256 of each, shipped and own)."""
    from align.frameworks import shipped_framework_paths
    from align.score.heads import load_scorer

    scorer = load_scorer(settings.scorer_path)
    framework_files = [*shipped_framework_paths(), *map(Path, settings.frameworks)]
    for path in framework_files:
        if not path.is_file():
            raise FrameworkNotFound(f"Framework file not found: {path}. Check the path given with --framework.")
    payload = {
        "settings": {f.name: getattr(settings, f.name) for f in fields(settings) if f.name not in _NOT_IN_KEY},
        "tool_version": __version__,
        "schema_version": SCHEMA_VERSION,
        "scorer": [scorer.name, scorer.checksum],
        # the files' bytes, not the parsed frameworks: parsing YAML takes seconds, hashing does not
        "frameworks": [file_sha256(p) for p in framework_files],
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True, default=list).encode()).hexdigest()


def result_name(item: BatchItem, file_sha: str, key: str) -> str:
    """`<kommunenummer or stem>-<10 hex>`: unique per (file content, settings, municipality)."""
    digest = hashlib.sha256(f"{file_sha}\0{key}\0{item.kommune}".encode()).hexdigest()[:10]
    return f"{slug(item.kommunenummer or Path(item.source).stem)}-{digest}"


def check_many(
    input_path: str | Path,
    out: str | Path,
    *,
    settings: Settings | None = None,
    workers: int | None = None,
    executor: str = "process",
    scheduler: str | None = None,
    dask_processes: bool = True,
    ship_files: bool = False,
    force: bool = False,
    progress: Callable[[BatchProgress], None] | None = None,
) -> BatchSummary:
    """Assess every plan in `input_path` (a folder or a manifest CSV) into the folder `out`.

    `workers`: processes (default: all cores); `executor`: "process", "dask" (`scheduler`
    tcp://HOST:PORT, or a LocalCluster) or "serial"; `force` recomputes finished files.
    Raises AlignError for problems with the batch as a whole (no input, an unreadable
    manifest, a missing model or scorer); problems with single files are in the summary.
    """
    from align.batch.executors import EXECUTORS, default_workers, run_dask, run_processes, run_serial
    from align.batch.finish import finish_batch

    s = settings or Settings()
    check_lang(s.lang)
    if executor not in EXECUTORS:
        raise ValueError(f"executor {executor!r} is not one of {', '.join(EXECUTORS)}")
    n_workers = workers or default_workers()
    if n_workers < 1:
        raise ValueError(f"workers ({n_workers}) must be 1 or more")
    start = time.perf_counter()
    folder = Path(out)
    _prepare_out(folder)
    items = discover(input_path)
    if not items:
        raise ManifestInvalid(f"No plans (.pdf, .txt, .md) found in {input_path}.")
    key = settings_key(s)  # loads frameworks and scorer here: a missing scorer stops the batch now

    failures: list[BatchFailure] = []
    known_failures = {} if force else _read_failure_state(folder)
    entries: list[tuple[BatchItem, str]] = []  # (item, result name), in input order
    jobs: list[Job] = []
    seen: set[str] = set()
    skipped = 0
    for item in items:
        path = Path(item.path)
        if not path.is_file():
            err = FileMissing(f"File not found: {item.source}. Check the path in the manifest.")
            failures.append(_failure(item, err.code, err.message))
            continue
        name = result_name(item, file_sha256(path), key)
        if name in seen:
            log.warning("%s is the same file as an earlier entry with the same municipality; assessed once", item.source)
            continue
        seen.add(name)
        entries.append((item, name))
        old = known_failures.get(name)
        if old and old.get("code") in _PERMANENT and not (folder / f"{name}{RESULT_SUFFIX}").exists():
            failures.append(_failure(item, old["code"], old.get("message", ""), name))
            continue
        if force or not (folder / f"{name}{RESULT_SUFFIX}").exists():
            jobs.append(Job(name, str(path), item.kommune or None, path.stat().st_size))
        else:
            skipped += 1
    jobs.sort(key=lambda j: -j.size)  # largest first: fewer stragglers at the end
    by_name = {name: item for item, name in entries}
    total = len(entries) + sum(1 for f in failures if not f.result)  # + files that are missing
    done = pages = 0
    computed: list[str] = []

    def report(event: str, **kw: object) -> None:
        if progress is not None:
            progress(
                BatchProgress(
                    total=total, todo=len(jobs), done=done, skipped=skipped, failed=len(failures),
                    pages=pages, elapsed=time.perf_counter() - start, event=event, **kw,  # type: ignore[arg-type]
                )
            )

    report("start")
    if jobs:
        worker_settings = Settings(**{**{f.name: getattr(s, f.name) for f in fields(s)}, "workers": 1})
        if executor == "dask":
            results = run_dask(jobs, worker_settings, scheduler=scheduler, workers=workers,
                               processes=dask_processes, ship_files=ship_files)
        elif executor == "serial" or n_workers == 1:
            results = run_serial(jobs, worker_settings)
        else:
            results = run_processes(jobs, worker_settings, n_workers)
        with closing(results):
            for res in results:
                item = by_name[res.name]
                if res.json_text is not None:
                    write_atomic(folder / f"{res.name}{RESULT_SUFFIX}", res.json_text)
                    done += 1
                    pages += res.pages
                    computed.append(res.name)
                    report("file", source=item.source)
                    continue
                if res.code.startswith(_SYSTEMIC):
                    raise _systemic(res)
                if res.traceback:
                    log.debug("%s failed:\n%s", item.source, res.traceback)
                failures.append(_failure(item, res.code, res.message, res.name))
                report("file", source=item.source, ok=False, message=f"[{res.code}] {res.message}")

    report("finishing")
    failures.sort(key=lambda f: (f.source, f.path))
    _write_failure_state(folder, failures)
    finish_batch(folder, entries, failures, settings=s)
    report("finished")
    return BatchSummary(
        total=total, done=done, skipped=skipped, failed=len(failures), pages=pages,
        seconds=time.perf_counter() - start, out=str(folder), computed=tuple(computed),
        failures=tuple(failures),
    )


def _failure(item: BatchItem, code: str, message: str, name: str = "") -> BatchFailure:
    return BatchFailure(
        item.source, item.path, item.kommune, item.kommunenummer, code, " ".join(message.split()), name
    )


def _read_failure_state(folder: Path) -> dict[str, dict[str, str]]:
    try:
        data = json.loads((folder / FAILURE_STATE).read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _write_failure_state(folder: Path, failures: list[BatchFailure]) -> None:
    state = {f.result: {"code": f.code, "message": f.message} for f in failures if f.result}
    write_atomic(folder / FAILURE_STATE, json.dumps(state, sort_keys=True, ensure_ascii=False, indent=1))


def _systemic(res: JobResult) -> AlignError:
    err = AlignError(res.message)
    err.code = res.code  # keep the worker's code (A2xx framework data, A3xx model)
    return err


def _prepare_out(folder: Path) -> None:
    """Create the output folder and remove temporary files an interrupted run left behind."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise OutputError(f"Cannot create the output folder {folder}: {err.strerror}. Choose another --out.") from err
    for tmp in folder.glob(".*.tmp"):
        tmp.unlink(missing_ok=True)
