"""Batch throughput: plans/hour and pages/s for `align batch` with 1 and 2 worker processes,
CPU utilisation, the speed-up of a second (cached) run, the same files through `align check`
one after another, and whether a shared embedding stage would pay.

    python benchmarks/batch.py                          # quick: 8 plans of 4-10 pages
    python benchmarks/batch.py --plans 40 --min-pages 20 --max-pages 60
    python benchmarks/batch.py --scorer /path/scorer-hybrid.v3.json --json out.json

Plans are generated with the test-fixture PDF renderer (tests/fixtures/make_pdfs.py) from
the example plan's paragraphs; every paragraph gets the plan's own municipality name and
number, so no passage repeats between plans and the embedding cache cannot flatter a run.
Each configuration runs as its own `align batch` process with an empty embedding cache
(the converted model is shared by a symlink). CPU time is summed over the batch process and
all its descendants (sampled with psutil every 0.2 s).

Targets on a 2-core machine: >= 85 % average utilisation of 2 cores with 2 workers; batch
(2 workers) >= 1.3 x faster than `align check` file by file; second run >= 20 x faster.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
NAMES = ("Nordvik", "Sørli", "Bjørkås", "Havøy", "Lien", "Elvebakk", "Fjellstad", "Åsen", "Dalsbygd", "Vika",
         "Holmen", "Strand", "Nesøy", "Berg", "Furuli", "Moen", "Kvam", "Lund", "Skog", "Tangen")


def _load(name: str, path: Path):
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod
    spec.loader.exec_module(mod)
    return mod


def make_plans(folder: Path, n: int, min_pages: int, max_pages: int, seed: int) -> list[tuple[Path, int]]:
    """`n` PDF plans with a random page count in [min_pages, max_pages]; (path, pages) each."""
    g = _load("make_pdfs", ROOT / "tests" / "fixtures" / "make_pdfs.py")
    ex = _load("make_example", ROOT / "examples" / "make_example.py")
    paras = [el.text for el in ex.CHAPTERS if isinstance(el, g.P) and len(el.text) > 200]
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    plans = []
    for i in range(n):
        name = f"{NAMES[i % len(NAMES)]}{'' if i < len(NAMES) else i // len(NAMES) + 1}"
        pages = rng.randint(min_pages, max_pages)
        k = rng.randrange(len(paras))
        body: list = [g.Numbering("arabic", 1)]
        for page in range(1, pages + 1):
            body.append(g.H(str(page), f"Kapittel {page} i planen for {name} kommune", 1))
            for j in range(3):
                text = paras[(k + j) % len(paras)].replace("Solvik", name)
                body.append(g.P(f"{text} ({name} kommune, kommunenummer {4600 + i}, punkt {page}.{j + 1}.)"))
            k += 3
            body.append(g.PAGEBREAK)
        spec = g.Spec(f"plan-{i}", body[:-1], header=f"{name} kommune – Digitaliseringsplan", footer=f"{name} | side")
        data, truth = g.render(spec)
        path = folder / f"{i:03d}-{name.lower()}.pdf"
        path.write_bytes(data)
        plans.append((path, len(truth["pages"])))
    return plans


def fresh_cache(base: Path, real: Path) -> Path:
    """An empty embedding cache that shares the converted model with the real cache."""
    base.mkdir(parents=True)
    if (real / "models").exists():
        os.symlink(real / "models", base / "models")
    return base


class TreeCpu:
    """CPU seconds of a process and all its descendants, sampled in a thread."""

    def __init__(self, pid: int) -> None:
        self.root = psutil.Process(pid)
        self.seen: dict[int, float] = {}
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.system: list[float] = []
        psutil.cpu_percent(None)

    def _sample(self) -> None:
        try:
            procs = [self.root, *self.root.children(recursive=True)]
        except psutil.Error:
            return
        for p in procs:
            try:
                t = p.cpu_times()
                self.seen[p.pid] = t.user + t.system
            except psutil.Error:
                pass

    def _run(self) -> None:
        while not self.stop.wait(0.2):
            self._sample()
            self.system.append(psutil.cpu_percent(None))

    def __enter__(self) -> TreeCpu:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join()

    @property
    def seconds(self) -> float:
        return sum(self.seen.values())


def run_cmd(cmd: list[str], env: dict[str, str]) -> tuple[float, float, float, str]:
    """(wall seconds, CPU seconds of the tree, mean system CPU %, stderr) of one command."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)
    with TreeCpu(proc.pid) as cpu:
        _, err = proc.communicate()
        cpu._sample()
    wall = time.perf_counter() - start
    if proc.returncode not in (0,):
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{err[-2000:]}")
    mean_sys = sum(cpu.system) / len(cpu.system) if cpu.system else 0.0
    return wall, cpu.seconds, mean_sys, err


def batch_cmd(src: Path, out: Path, workers: int, cache: Path, scorer: str | None) -> list[str]:
    cmd = [sys.executable, "-m", "align", "batch", str(src), "--out", str(out), "--workers", str(workers),
           "--cache-dir", str(cache)]
    return cmd + (["--scorer", scorer] if scorer else [])


_CHECK_ONE = """
import sys
from align.pipeline import Settings, check
from align.report.outputs import write_outputs
s = Settings(cache_dir=sys.argv[3], scorer_path=sys.argv[4] or None)
write_outputs(check(sys.argv[1], settings=s), sys.argv[1], out=sys.argv[2])
"""


def check_cmd(path: Path, out: Path, cache: Path, scorer: str | None) -> list[str]:
    """`align check FILE --out OUT`; with --scorer (which `align check` has no option for) the
    same library calls as the command, in a fresh process like the command."""
    if scorer is None:
        return [sys.executable, "-m", "align", "check", str(path), "--out", str(out), "--cache-dir", str(cache)]
    return [sys.executable, "-c", _CHECK_ONE, str(path), str(out), str(cache), scorer]


def embedding_stage(plans: list[tuple[Path, int]], cache: Path, scorer: str | None) -> dict:
    """Time per stage in one process, and embedding throughput of one process encoding all the
    passages against two processes encoding half each (no cache): would a shared stage pay?"""
    script = r"""
import json, sys, time
from align.embed import get_embedder
from align.extract import extract
from align.segment import segment
paths = json.loads(sys.argv[1]); part = int(sys.argv[2]); parts = int(sys.argv[3])
t0 = time.perf_counter(); texts = []
for p in paths:
    texts += [x.text for x in segment(extract(p))]
t1 = time.perf_counter()
emb = get_embedder(None, None, sys.argv[4], use_cache=False)
emb.encode_passages(["oppvarming"])
texts = texts[part::parts]
t2 = time.perf_counter(); emb.encode_passages(texts); t3 = time.perf_counter()
print(json.dumps({"extract_segment_s": t1 - t0, "passages": len(texts), "embed_s": t3 - t2}))
"""
    paths = json.dumps([str(p) for p, _ in plans])

    def run(parts: int) -> tuple[float, list[dict]]:
        start = time.perf_counter()
        procs = [subprocess.Popen([sys.executable, "-c", script, paths, str(i), str(parts), str(cache)],
                                  stdout=subprocess.PIPE, text=True) for i in range(parts)]
        outs = [json.loads(p.communicate()[0]) for p in procs]
        return time.perf_counter() - start, outs

    _, one = run(1)
    _, two = run(2)
    one_rate = one[0]["passages"] / one[0]["embed_s"]
    two_rate = sum(o["passages"] for o in two) / max(o["embed_s"] for o in two)
    return {
        "passages": one[0]["passages"],
        "extract_segment_s": one[0]["extract_segment_s"],
        "embed_s_one_process": one[0]["embed_s"],
        "passages_per_s_one_process": one_rate,
        "passages_per_s_two_processes": two_rate,
    }


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--plans", type=int, default=8)
    ap.add_argument("--min-pages", type=int, default=4)
    ap.add_argument("--max-pages", type=int, default=10)
    ap.add_argument("--workers", default="1,2", help="comma-separated worker counts to measure")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--scorer", default=None, help="scorer file (default: the shipped one)")
    ap.add_argument("--skip-check", action="store_true", help="do not run `align check` file by file")
    ap.add_argument("--skip-embedding", action="store_true", help="do not measure the shared-embedding question")
    ap.add_argument("--json", default=None, help="also write the figures to this file")
    args = ap.parse_args(argv)

    from align.embed._paths import cache_root

    real_cache = cache_root()
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    work = Path(tempfile.mkdtemp(prefix="align-bench-batch-"))
    results: dict = {"cores": len(os.sched_getaffinity(0)), "plans": args.plans}
    try:
        t = time.perf_counter()
        plans = make_plans(work / "plans", args.plans, args.min_pages, args.max_pages, args.seed)
        pages = sum(n for _, n in plans)
        results["pages"] = pages
        print(f"{len(plans)} plans, {pages} pages (generated in {time.perf_counter() - t:.1f}s); "
              f"{results['cores']} cores", flush=True)

        def line(label: str, wall: float, cpu: float, cores: int, sysp: float) -> dict:
            r = {"seconds": wall, "plans_per_hour": len(plans) / wall * 3600, "pages_per_s": pages / wall,
                 "cpu_seconds": cpu, "utilisation": cpu / (wall * cores), "system_cpu_percent": sysp}
            print(f"{label:<34} {wall:7.1f} s  {r['plans_per_hour']:7.0f} plans/h  {r['pages_per_s']:5.2f} pages/s  "
                  f"CPU {cpu:6.1f} s = {100 * r['utilisation']:3.0f} % of {cores} core(s)  "
                  f"(machine {sysp:3.0f} %)", flush=True)
            return r

        for w in [int(x) for x in args.workers.split(",")]:
            cache = fresh_cache(work / f"cache-w{w}", real_cache)
            out = work / f"out-w{w}"
            wall, cpu, sysp, _ = run_cmd(batch_cmd(work / "plans", out, w, cache, args.scorer), env)
            cores = min(w, results["cores"])
            results[f"batch_{w}"] = line(f"align batch --workers {w}", wall, cpu, cores, sysp)
            if w == max(int(x) for x in args.workers.split(",")):
                wall2, cpu2, sysp2, _ = run_cmd(batch_cmd(work / "plans", out, w, cache, args.scorer), env)
                results["second_run"] = line(f"  second run (all done)", wall2, cpu2, cores, sysp2)
                results["second_run"]["speedup"] = wall / wall2
                print(f"  second run is {wall / wall2:.1f} x faster", flush=True)
                results["best_batch"] = f"batch_{w}"

        if not args.skip_check:
            cache = fresh_cache(work / "cache-check", real_cache)
            out = work / "out-check"
            start = time.perf_counter()
            cpu = sysp = 0.0
            for path, _ in plans:
                _, c, s, _ = run_cmd(check_cmd(path, out, cache, args.scorer), env)
                cpu += c
                sysp += s
            wall = time.perf_counter() - start
            results["check_sequential"] = line("align check, file by file", wall, cpu, 1, sysp / len(plans))
            best = results[results["best_batch"]]
            results["batch_vs_check"] = wall / best["seconds"]
            print(f"batch ({results['best_batch']}) is {results['batch_vs_check']:.2f} x faster than align check "
                  "file by file", flush=True)

        if not args.skip_embedding:
            cache = fresh_cache(work / "cache-emb", real_cache)
            e = embedding_stage(plans, cache, args.scorer)
            results["embedding"] = e
            print(f"embedding: {e['passages']} passages; one process {e['passages_per_s_one_process']:.0f}/s, "
                  f"two processes together {e['passages_per_s_two_processes']:.0f}/s; "
                  f"extract+segment {e['extract_segment_s']:.1f} s vs embed {e['embed_s_one_process']:.1f} s "
                  "in one process", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2), "utf-8")
    return results


if __name__ == "__main__":
    main()
