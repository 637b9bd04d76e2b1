"""`align.batch.check_many`: inputs, keys, failure isolation, resuming, executors, outputs.

The tests that run the real pipeline (embedding model, trained scorer) use a few short text
plans (tests/batch_plans.py), so the whole module takes well under a minute.
"""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path

import psutil
import pyarrow.parquet as pq
import pytest
from batch_plans import BAD, PLANS, more_plans, scorer_or_skip, write_plans

from align.batch import BatchProgress, check_many, discover, result_name, settings_key
from align.batch.finish import RESULT_COLUMNS
from align.batch.inputs import read_manifest
from align.errors import ManifestInvalid
from align.pipeline import Settings, check
from align.report.json_io import assessment_from_dict, dumps


def _read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def _results(out: Path) -> dict[str, Path]:
    return {p.name: p for p in out.glob("*.align.json")}


def _live_workers(me: psutil.Process) -> list[psutil.Process]:
    """Worker processes still alive: children of this process or of multiprocessing's forkserver,
    leaving out its helpers (the forkserver and the resource tracker live as long as we do)."""
    kids = me.children()
    helpers = [c for c in kids if any(k in " ".join(c.cmdline()) for k in ("resource_tracker", "forkserver"))]
    workers = [c for c in kids if c not in helpers] + [g for h in helpers for g in h.children(recursive=True)]
    return [w for w in workers if w.is_running() and w.status() != psutil.STATUS_ZOMBIE]


def _no_temp_files(out: Path) -> bool:
    return not [p for p in out.rglob("*") if p.name.endswith(".tmp")]


@pytest.fixture(scope="module")
def settings() -> Settings:
    return Settings(scorer_path=scorer_or_skip())


@pytest.fixture()
def plans(tmp_path: Path) -> tuple[Path, dict[str, str | None]]:
    folder = tmp_path / "planer"
    folder.mkdir()
    return folder, write_plans(folder)


# ---- inputs (no model) --------------------------------------------------------------------------


def test_folder_is_searched_recursively_for_plan_files(tmp_path):
    write_plans(tmp_path)
    (tmp_path / ".skjult").mkdir()
    (tmp_path / ".skjult" / "x.pdf").write_bytes(b"%PDF-")
    (tmp_path / "notat.docx").write_bytes(b"x")
    (tmp_path / "nordvik.md.align.json").write_text("{}")
    found = sorted(i.source for i in discover(tmp_path))
    assert found == sorted([*PLANS, *BAD])


def test_manifest_paths_are_relative_to_the_csv_and_keep_metadata(tmp_path):
    (tmp_path / "m").mkdir()
    (tmp_path / "m" / "liste.csv").write_text(
        "\ufeffpath;kommune;kommunenummer;fylke;dokumenttype;aar\n"
        "../a.pdf;Ålesund;1508;Møre og Romsdal;kommuneplan;2024\n\n",
        "utf-8",
    )
    (item,) = read_manifest(tmp_path / "m" / "liste.csv")
    assert item.path == str((tmp_path / "a.pdf").resolve())
    assert (item.kommune, item.kommunenummer, item.fylke, item.dokumenttype, item.year) == (
        "Ålesund", "1508", "Møre og Romsdal", "kommuneplan", "2024")


def test_manifest_without_required_columns_is_refused(tmp_path):
    (tmp_path / "liste.csv").write_text("fil,kommune\na.pdf,Bø\n", "utf-8")
    with pytest.raises(ManifestInvalid) as err:
        discover(tmp_path / "liste.csv")
    assert err.value.code == "A109" and "path" in err.value.message and "kommunenummer" in err.value.message


def test_settings_key_changes_with_what_changes_a_result(settings):
    base = settings_key(settings)
    assert settings_key(settings) == base
    assert settings_key(Settings(**{**settings.__dict__, "workers": 4, "cache_dir": "/elsewhere"})) == base
    assert settings_key(Settings(**{**settings.__dict__, "lang": "nn"})) != base
    assert settings_key(Settings(**{**settings.__dict__, "model": "other/model"})) != base


# ---- the real pipeline --------------------------------------------------------------------------


def test_batch_isolates_bad_files_and_resumes_after_interrupt(plans, settings, tmp_path):
    folder, expected = plans
    out = tmp_path / "out"
    seen: list[BatchProgress] = []

    def stop_after_first(p: BatchProgress) -> None:
        seen.append(p)
        if p.event == "file" and p.ok:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        check_many(folder, out, settings=settings, executor="serial", progress=stop_after_first)
    first = _results(out)
    assert len(first) == 1 and _no_temp_files(out)
    assert not (out / "index.html").exists()  # interrupted before the batch-level files
    mtimes = {n: p.stat().st_mtime_ns for n, p in first.items()}

    summary = check_many(folder, out, settings=settings, executor="serial")
    assert summary.skipped == 1 and summary.done == 2 and summary.failed == len(BAD)
    assert not set(f"{n}.align.json" for n in summary.computed) & set(first)  # not redone
    assert {n: p.stat().st_mtime_ns for n, p in first.items()} == mtimes
    failures = _read_csv(out / "failures.csv")
    assert {r["file"]: r["code"] for r in failures} == BAD  # exactly the bad ones, with their codes
    assert all(r["message"] and "\n" not in r["message"] for r in failures)
    assert len(_results(out)) == len(PLANS) and _no_temp_files(out)

    # a third run does nothing: no file computed, no output rewritten, failures remembered
    before = {p.name: p.stat().st_mtime_ns for p in out.iterdir()}
    again = check_many(folder, out, settings=settings, executor="serial")
    assert again.computed == () and again.skipped == len(PLANS) and again.failed == len(BAD)
    after = {p.name: p.stat().st_mtime_ns for p in out.iterdir()}
    assert {k: v for k, v in after.items() if not k.startswith(".")} == {
        k: v for k, v in before.items() if not k.startswith(".")}

    # a changed file is redone, the others are not
    (folder / "nordvik.md").write_text(PLANS["nordvik.md"] + "\nRevidert 2025.\n", "utf-8")
    changed = check_many(folder, out, settings=settings, executor="serial")
    assert changed.done == 1 and changed.skipped == len(PLANS) - 1
    assert changed.computed[0].startswith("nordvik-")


def test_tables_and_overview_agree_with_the_json_results(plans, settings, tmp_path):
    folder, _ = plans
    out = tmp_path / "out"
    check_many(folder, out, settings=settings, executor="serial")
    rows = _read_csv(out / "results.csv")
    assert list(rows[0]) == list(RESULT_COLUMNS)
    table = pq.read_table(out / "results.parquet").to_pylist()
    assert len(table) == len(rows)
    index = (out / "index.html").read_text("utf-8")
    by_report: dict[str, list[dict[str, str]]] = {}
    for r in rows:
        by_report.setdefault(r["report"], []).append(r)
    assert len(by_report) == len(PLANS)
    for report, theirs in by_report.items():
        name = report.removesuffix(".align.html")
        a = assessment_from_dict(json.loads((out / f"{name}.align.json").read_text("utf-8")))
        themes = [t for f in a.frameworks for t in f.themes]
        assert [(r["theme_id"], r["level"], int(r["score"]), int(r["evidence_count"])) for r in theirs] == [
            (t.id, t.level.value, t.score, len(t.evidence)) for t in themes]
        parq = [r for r in table if r["report"] == report]
        assert [(r["theme_id"], r["level"], r["score"]) for r in parq] == [(t.id, t.level.value, t.score) for t in themes]
        assert (out / report).exists() and f'href="{report}"' in index
        # the heatmap row of this plan has one cell per theme, in the same order and level
        row = index.split(f'href="{report}"', 1)[1].split("</tr>", 1)[0]
        cls = {"dekket": "d", "nevnt": "n", "usikker": "u", "delegert": "g", "mangler": "m"}
        cells = [c.split(" ", 1)[0] for c in row.split("<td class=")[1:] if "data-v=" in c]
        assert cells == [cls[t.level.value] for t in themes]


def test_batch_result_is_byte_identical_to_align_check(plans, settings, tmp_path):
    folder, _ = plans
    out = tmp_path / "out"
    check_many(folder, out, settings=settings, executor="serial")
    (path,) = [p for p in _results(out).values() if p.name.startswith("sorvik-")]
    assert path.read_text("utf-8") == dumps(check(folder / "sorvik.txt", settings=settings))


def test_manifest_metadata_flows_into_every_result(tmp_path, settings):
    write_plans(tmp_path, bad=False)
    (tmp_path / "liste.csv").write_text(
        "path,kommune,kommunenummer,fylke,dokumenttype,år\n"
        "nordvik.md,Nordvik,4601,Vestland,digitaliseringsplan,2025\n"
        "sorvik.txt,Sørvik,1804,Nordland,strategi,2024\n"
        "mangler.pdf,Borte,9999,Agder,kommuneplan,2023\n",
        "utf-8",
    )
    out = tmp_path / "out"
    summary = check_many(tmp_path / "liste.csv", out, settings=settings, executor="serial")
    assert summary.done == 2 and [(f.source, f.code) for f in summary.failures] == [("mangler.pdf", "A101")]
    names = sorted(_results(out))
    assert names[0].startswith("1804-") and names[1].startswith("4601-")
    doc = json.loads((out / names[1]).read_text("utf-8"))["document"]
    assert doc["municipality"] == "Nordvik"
    rows = _read_csv(out / "results.csv")
    assert {(r["kommune"], r["kommunenummer"], r["fylke"], r["dokumenttype"], r["år"]) for r in rows} == {
        ("Nordvik", "4601", "Vestland", "digitaliseringsplan", "2025"),
        ("Sørvik", "1804", "Nordland", "strategi", "2024"),
    }
    index = (out / "index.html").read_text("utf-8")
    assert 'data-c="Vestland"' in index and "Sørvik" in index and "mangler.pdf" in index
    # the same file for another municipality is another result
    assert result_name(discover(tmp_path / "liste.csv")[0], "0" * 64, "k") != result_name(
        discover(tmp_path / "liste.csv")[1], "0" * 64, "k")


def test_process_pool_interrupt_stops_workers_and_leaves_no_partial_files(tmp_path, settings):
    folder = tmp_path / "planer"
    write_plans(folder, bad=False)
    more_plans(folder, 5)
    out = tmp_path / "out"
    me = psutil.Process(os.getpid())

    def stop(p: BatchProgress) -> None:
        if p.event == "file":
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        check_many(folder, out, settings=settings, workers=2, progress=stop)
    assert _live_workers(me) == []
    assert len(_results(out)) == 1 and _no_temp_files(out)
    summary = check_many(folder, out, settings=settings, executor="serial")
    assert summary.skipped == 1 and summary.done == 7 and summary.failed == 0


def test_dask_local_cluster_gives_the_same_results(plans, settings, tmp_path):
    folder, _ = plans
    local, dask = tmp_path / "serial", tmp_path / "dask"
    check_many(folder, local, settings=settings, executor="serial")
    summary = check_many(folder, dask, settings=settings, executor="dask", workers=2, dask_processes=False)
    assert summary.done == len(PLANS) and {f.code for f in summary.failures} == set(BAD.values())
    ours, theirs = _results(local), _results(dask)
    assert sorted(ours) == sorted(theirs)
    assert all(ours[n].read_bytes() == theirs[n].read_bytes() for n in ours)
    again = check_many(folder, dask, settings=settings, executor="dask", workers=2, dask_processes=False)
    assert again.computed == () and again.skipped == len(PLANS)
