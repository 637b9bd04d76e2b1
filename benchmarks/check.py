"""`align check` on a generated 100-page two-column plan: cold and warm embedding cache.

    python benchmarks/check.py [--pages 100]

Prints total seconds, seconds per stage and peak RSS for a cold run (none of the plan's
passages in the embedding cache; the model is prepared and the framework texts embedded, as
after the first `align check` on the machine) and a warm run (the
same file again), next to pdfplumber's bare `page.extract_text()` over the same file
measured in the same run. Each measurement runs in a fresh child process.

Targets (2-core machine): cold ≤ 3 × bare extract_text; warm ≤ 1.5 ×; peak RSS ≤ 2 GB.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _bench_extract():
    spec = importlib.util.spec_from_file_location("bench_extract", ROOT / "benchmarks" / "extract.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def child_bare(pdf: str) -> dict:
    import pdfplumber

    t = time.perf_counter()
    with pdfplumber.open(pdf) as doc:
        for page in doc.pages:
            page.extract_text()
            page.close()
    return {"seconds": time.perf_counter() - t}


def child_check(pdf: str, cache: str) -> dict:
    t0 = time.perf_counter()
    from align.embed import get_embedder
    from align.extract import extract
    from align.frameworks import load_frameworks
    from align.pipeline import assess_document
    from align.report.json_io import dumps
    from align.score.heads import load_scorer

    t_import = time.perf_counter()
    frameworks = load_frameworks()
    scorer = load_scorer()
    embedder = get_embedder(cache_dir=cache)
    t_load = time.perf_counter()
    doc = extract(pdf, workers=2)
    t_extract = time.perf_counter()
    assessment = assess_document(doc, frameworks, embedder, scorer)
    t_score = time.perf_counter()
    dumps(assessment)
    t_end = time.perf_counter()
    return {
        "seconds": t_end - t0,
        "stages": {
            "import": t_import - t0,
            "load model+frameworks": t_load - t_import,
            "extract (2 workers)": t_extract - t_load,
            "segment+embed+score": t_score - t_extract,
            "json": t_end - t_score,
        },
    }


def child_index(cache: str) -> dict:
    """Embed the framework texts into the cache (done once per model and framework version)."""
    from align.embed import get_embedder
    from align.frameworks import load_frameworks
    from align.score import theme_index

    t = time.perf_counter()
    theme_index(load_frameworks(), get_embedder(cache_dir=cache))
    return {"seconds": time.perf_counter() - t}


def run_child(kind: str, *args: str) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--child", kind, *args], check=True, capture_output=True, text=True
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=100)
    ap.add_argument("--child", nargs="+")
    args = ap.parse_args()
    if args.child:
        kind, *rest = args.child
        res = {"bare": child_bare, "index": child_index, "check": child_check}[kind](*rest)
        res["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        res["peak_rss_children_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(json.dumps(res))
        return

    from align.embed import get_embedder
    from align.embed._paths import cache_root

    get_embedder()  # make sure the default model is prepared in the user cache
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "plan.pdf"
        pages = _bench_extract().make_plan(args.pages, pdf, unique=True)
        cache = Path(tmp) / "cache"
        shutil.copytree(cache_root(None) / "models", cache / "models")  # model yes, embeddings no
        bare = run_child("bare", str(pdf))
        index = run_child("index", str(cache))
        cold = run_child("check", str(pdf), str(cache))
        warm = run_child("check", str(pdf), str(cache))
    print(f"plan: {pages} pages, two columns, every paragraph a different text")
    print(f"bare pdfplumber extract_text: {bare['seconds']:.1f} s")
    print(f"framework texts embedded once per model/framework version: {index['seconds']:.1f} s (not in 'cold')")
    for name, r in (("cold", cold), ("warm", warm)):
        ratio = r["seconds"] / bare["seconds"]
        rss = max(r["peak_rss_mb"], r["peak_rss_children_mb"])
        print(f"{name}: {r['seconds']:.1f} s total = {ratio:.2f} × bare, peak RSS {rss:.0f} MB")
        for stage, s in r["stages"].items():
            print(f"    {stage:<24} {s:6.2f} s")
    print("targets: cold ≤ 3.0 × bare, warm ≤ 1.5 × bare, peak RSS ≤ 2048 MB")


if __name__ == "__main__":
    main()
