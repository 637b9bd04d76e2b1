"""The process pool of `align batch`: a worker that dies is replaced and the file is retried,
then recorded (A901) if it kills its worker again; no model is needed."""

from __future__ import annotations

import os

from align.batch.executors import run_processes
from align.batch.work import Job, JobResult
from align.pipeline import Settings


def fake_job(job: Job, settings: Settings) -> JobResult:
    """Importable by the workers: 'boom' kills its process, everything else succeeds."""
    if job.name == "boom":
        os._exit(3)
    return JobResult(job.name, '{"ok": true}', pages=1)


def test_a_crashing_file_is_recorded_and_the_rest_complete():
    jobs = [Job(f"plan-{i}", f"/x/{i}.pdf", None) for i in range(5)] + [Job("boom", "/x/boom.pdf", None)]
    results = {r.name: r for r in run_processes(jobs, Settings(), 2, fn=fake_job)}
    assert set(results) == {j.name for j in jobs}
    assert results["boom"].json_text is None and results["boom"].code == "A901"
    assert "boom.pdf" in results["boom"].message
    assert all(results[f"plan-{i}"].json_text == '{"ok": true}' for i in range(5))
