"""Where the jobs of a batch run: a local process pool, a Dask cluster, or this process.

Each executor is a generator of `JobResult`s in completion order. Closing it early (Ctrl-C,
an error in the caller) stops the work: pending jobs are cancelled and worker processes are
terminated. At most a few jobs are in flight at once, so a stop is quick and a crashed
worker can be pinned on the few files it was working on.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections import Counter, deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from align.batch.work import Job, JobResult, init_worker, run_job
from align.errors import WorkerFailed
from align.pipeline import Settings

__all__ = ["EXECUTORS", "default_workers", "run_dask", "run_processes", "run_serial"]

log = logging.getLogger(__name__)

EXECUTORS: tuple[str, ...] = ("process", "dask", "serial")
MAX_ATTEMPTS = 2  # a file whose worker died this many times is recorded as failed (A901)


def default_workers() -> int:
    """All usable cores."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # pragma: no cover - non-Linux
        return max(1, os.cpu_count() or 1)


def _mp_context() -> multiprocessing.context.BaseContext:
    """forkserver where there is one (Linux): the server imports the pipeline once and every
    worker starts as a cheap fork of it, with nothing inherited from the caller's threads;
    spawn elsewhere."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["align.batch.work", "align.pipeline", "align.extract"])
        return ctx
    return multiprocessing.get_context("spawn")  # pragma: no cover - Windows, macOS without fork


def _worker_died(job: Job, detail: str) -> JobResult:
    err = WorkerFailed(
        f"The worker process stopped while reading {Path(job.path).name} ({detail}), "
        f"{MAX_ATTEMPTS} times. The file may be too large or damaged; check it alone with `align check`."
    )
    return JobResult(job.name, None, err.code, err.message)


def run_serial(jobs: Sequence[Job], settings: Settings) -> Iterator[JobResult]:
    """In this process, one after another (used for one worker and for debugging)."""
    for job in jobs:
        yield run_job(job, settings)


def run_processes(
    jobs: Sequence[Job], settings: Settings, workers: int, *, fn: Callable[[Job, Settings], JobResult] = run_job
) -> Iterator[JobResult]:
    """A pool of `workers` processes (forked from a clean forkserver, or spawned).

    When a worker dies (killed, out of memory) the pool is rebuilt and the files that were in
    flight are tried again; a file that was in flight at two deaths is recorded as failed.
    """
    queue: deque[Job] = deque(jobs)
    attempts: Counter[str] = Counter()
    ctx = _mp_context()
    while queue:
        pool = ProcessPoolExecutor(
            max_workers=max(1, min(workers, len(queue))), mp_context=ctx, initializer=init_worker
        )
        running: dict[Future, Job] = {}
        clean = False
        try:
            broken = False
            while (queue or running) and not broken:
                while queue and len(running) < workers:
                    job = queue.popleft()
                    running[pool.submit(fn, job, settings)] = job
                finished, _ = wait(running, return_when=FIRST_COMPLETED)
                for fut in finished:
                    job = running.pop(fut)
                    try:
                        yield fut.result()
                    except BrokenProcessPool:
                        broken = True
                        attempts[job.name] += 1
                        if attempts[job.name] >= MAX_ATTEMPTS:
                            yield _worker_died(job, "the process was killed")
                        else:
                            queue.appendleft(job)
            if broken:
                for job in running.values():  # in flight when the pool broke: suspects too
                    attempts[job.name] += 1
                    if attempts[job.name] >= MAX_ATTEMPTS:
                        yield _worker_died(job, "the process was killed")
                    else:
                        queue.appendleft(job)
                running.clear()
                log.warning("a worker process died; restarting the pool (%d files left)", len(queue))
            clean = not broken
        finally:
            _stop_pool(pool, kill=not clean)


def _stop_pool(pool: ProcessPoolExecutor, *, kill: bool) -> None:
    if kill:
        processes = list((getattr(pool, "_processes", None) or {}).values())
        for proc in processes:
            if proc.is_alive():
                proc.terminate()
        pool.shutdown(wait=False, cancel_futures=True)
        for proc in processes:
            proc.join(timeout=10)
            if proc.is_alive():  # pragma: no cover - a worker that ignores SIGTERM
                proc.kill()
                proc.join(timeout=5)
    else:
        pool.shutdown(wait=True)


def run_dask(
    jobs: Sequence[Job],
    settings: Settings,
    *,
    scheduler: str | None = None,
    workers: int | None = None,
    processes: bool = True,
    ship_files: bool = False,
) -> Iterator[JobResult]:
    """On a Dask cluster: the scheduler at `scheduler` (tcp://HOST:PORT), or a LocalCluster of
    `workers` single-threaded workers. Workers must have `align` installed; with `ship_files`
    the parent sends each file's bytes, otherwise the workers read the same paths."""
    try:
        from distributed import Client, LocalCluster, as_completed
    except ImportError as err:  # pragma: no cover - distributed is a dependency
        raise WorkerFailed("The Dask executor needs the `distributed` package: pip install distributed.") from err

    cluster = None
    try:
        if scheduler:
            client = Client(scheduler, timeout="30s")
        else:
            cluster = LocalCluster(
                n_workers=workers or default_workers(),
                threads_per_worker=1,
                processes=processes,
                dashboard_address=None,
            )
            client = Client(cluster)
    except OSError as err:
        if cluster is not None:
            cluster.close()
        raise WorkerFailed(
            f"Cannot reach the Dask scheduler {scheduler}: {err}. Start it with `dask scheduler` "
            "and check the address (tcp://HOST:8786)."
        ) from err
    slots = max(2, 2 * sum(client.nthreads().values()) or 2)
    queue: deque[Job] = deque(jobs)
    futures: dict[object, Job] = {}
    done = as_completed()
    try:
        def submit() -> None:
            job = queue.popleft()
            if ship_files and job.data is None:
                job = Job(job.name, job.path, job.municipality, job.size, Path(job.path).read_bytes())
            fut = client.submit(run_job, job, settings, key=f"align-{job.name}", pure=False)
            futures[fut] = job
            done.add(fut)

        while queue and len(futures) < slots:
            submit()
        for fut in done:
            job = futures.pop(fut)
            try:
                result = fut.result()
            except Exception as err:  # KilledWorker, CommClosedError: the worker died on it
                result = _worker_died(job, type(err).__name__)
            fut.release()
            yield result
            while queue and len(futures) < slots:
                submit()
    finally:
        if futures:
            client.cancel(list(futures))
        client.close()
        if cluster is not None:
            cluster.close()
