"""`align eval`: how often align is right, measured on the labelled documents in corpora/eval.

The learned engine is compared in the same run with three zero-shot variants, so a change
can be judged against them: keywords only, embedding similarity only, and both together
(similarity above a threshold AND a keyword). The baselines' single thresholds are chosen
on the dev split, like the engine's; the test split is only read here.

With `compare_finetuned` (`align eval --compare-finetuned`) two more rows measure whether
fine-tuning the encoder itself pays: "learned+retrained" (the frozen encoder at fp32, heads
trained in this run with `align train`'s code) is the control, and "learned+finetuned" (the
encoder tuned SetFit-style on dev pairs, heads trained the same way) the candidate. Both
are trained on the dev split only and measured on the test split.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from align.canonical import ALL_CANONICAL, CANONICAL_THEMES
from align.errors import InputError
from align.evalcorpus import LabelledDocument, load_documents, select
from align.frameworks import load_frameworks
from align.language import detect_language, document_language, norwegian_variant
from align.metrics import ConfusionMatrix, accuracy, macro
from align.model import BlockKind, Level, Passage
from align.score import Scored, score_passages
from align.score.heads import Scorer, load_scorer
from align.segment import passage_id

log = logging.getLogger(__name__)

METHODS = ("learned", "keywords", "embedding", "both")
RETRAINED = "learned+retrained"  # control: frozen fp32 encoder, heads trained in this run
FINETUNED = "learned+finetuned"  # candidate: encoder tuned on dev pairs, heads trained in this run
OPTIMISM_NOTE = (
    "learned+finetuned: the heads' thresholds (and C, and the digital gate) are chosen by "
    "cross-validation on the dev documents the encoder was fine-tuned on, so they are picked "
    "on optimistic out-of-fold scores; the test numbers themselves are on unseen documents."
)
PASSAGES_PER_PAGE = 6  # labelled documents have no pages; this gives evidence a plausible page


@dataclass
class DocRun:
    doc: LabelledDocument
    scored: Scored
    theme_ids: tuple[str, ...]
    thresholds: tuple[float, ...]  # the scorer's threshold per theme


def to_passages(doc: LabelledDocument) -> tuple[Passage, ...]:
    out = []
    for p in doc.passages:
        page = 1 + p.index // PASSAGES_PER_PAGE
        out.append(
            Passage(
                id=passage_id(doc.id, page, p.index, page, p.index),
                text=p.text,
                page_start=page,
                page_end=page,
                heading_path=p.heading,
                char_start=p.index,
                char_end=p.index,
                language=detect_language(p.text, default=doc.language),
                kind=BlockKind.PARAGRAPH,
            )
        )
    return tuple(out)


def _run(docs: Sequence[LabelledDocument], frameworks, embedder, scorer: Scorer) -> list[DocRun]:
    runs = []
    for d in docs:
        scored = score_passages(to_passages(d), frameworks, embedder, scorer, all_commitments=True)
        theme_ids = tuple(t.id for f in frameworks for t in f.themes)
        runs.append(DocRun(d, scored, theme_ids, tuple(scorer.threshold(t) for t in theme_ids)))
    return runs


def _best_threshold(pairs: list[tuple[bool, float]]) -> float:
    best_t, best_f = 0.8, -1.0
    for t in np.round(np.arange(0.70, 0.96, 0.005), 3):
        cm = ConfusionMatrix.from_pairs((g, s >= t) for g, s in pairs)
        f = cm.f1 or 0.0
        if f > best_f:
            best_t, best_f = float(t), f
    return best_t


@dataclass
class Baselines:
    emb_threshold: float
    both_threshold: float


def fit_baselines(dev_runs: Sequence[DocRun]) -> Baselines:
    """The zero-shot variants' one global threshold each, chosen on dev (max pooled F1)."""
    emb_pairs: list[tuple[bool, float]] = []
    both_pairs: list[tuple[bool, float]] = []
    for r in dev_runs:
        feats = r.scored.features
        for j, tid in enumerate(r.theme_ids):
            if tid not in ALL_CANONICAL:
                continue
            for i, p in enumerate(r.doc.passages):
                gold = tid in p.themes
                s = float(feats[i, j, 0])
                emb_pairs.append((gold, s))
                has_kw = bool(r.scored.signals.keywords[i][j])
                both_pairs.append((gold, s if has_kw else 0.0))
    return Baselines(_best_threshold(emb_pairs), _best_threshold(both_pairs))


def _passage_predictions(r: DocRun, j: int, method: str, b: Baselines) -> tuple[np.ndarray, np.ndarray]:
    """(predicted positive, ranking score) per passage for one theme."""
    sig = r.scored.signals
    ex_max = r.scored.features[:, j, 0] if len(sig.passages) else np.zeros(0)
    has_kw = np.asarray([bool(k[j]) for k in sig.keywords], dtype=bool)
    n_kw = np.asarray([len(k[j]) for k in sig.keywords], dtype=float)
    if method == "learned":
        return (sig.prob[:, j] >= r.thresholds[j]) & sig.relevant, sig.prob[:, j]
    if method == "keywords":
        return has_kw, n_kw + ex_max
    if method == "embedding":
        return ex_max >= b.emb_threshold, ex_max
    return (ex_max >= b.both_threshold) & has_kw, ex_max * has_kw


def _doc_prediction(r: DocRun, j: int, method: str, b: Baselines) -> tuple[int, list[int]]:
    """(level 0/1/2, evidence passage indices best first) for one theme in one document."""
    if method == "learned":
        jd = r.scored.judgements[r.theme_ids[j]]
        ids = {p.id: i for i, p in enumerate(r.scored.signals.passages)}
        ev = [ids[e.passage_id] for e in jd.result.evidence]
        return (jd.level_value if jd.addressed else 0), ev
    pred, rank = _passage_predictions(r, j, method, b)
    idx = [i for i in np.argsort(-rank, kind="stable") if pred[i]]
    if not idx:
        return 0, []
    concrete = any(r.scored.signals.commitments[i].concrete for i in idx)
    return (2 if concrete else 1), idx


def _gold_value(g: int | str) -> int:
    return 1 if g == "delegert" else int(g)


def evaluate(
    split: str = "test",
    *,
    model: str | None = None,
    precision: str | None = None,
    cache_dir: str | None = None,
    scorer_path: str | None = None,
    progress: Callable[[str], None] | None = None,
    corpus: str | None = None,
    compare_finetuned: bool = False,
    finetune: Mapping[str, object] | None = None,
) -> dict:
    """Run the engine and the baselines on a split and return every number as a dict.

    `corpus` is a folder laid out like corpora/eval (docs/*.yaml, split.yaml); default: the shipped one.
    `compare_finetuned` adds the rows RETRAINED and FINETUNED (test split only; minutes on a
    CPU); `finetune` passes settings (max_pairs, epochs, seed, ...) to `finetune_encoder`.
    """
    from align.embed import get_embedder

    if compare_finetuned and split != "test":
        raise InputError("--compare-finetuned tunes the encoder on the dev documents, so it can only be measured on --split test.")
    say = progress or (lambda m: log.info(m))
    frameworks = load_frameworks(include_shipped=True)
    frameworks = tuple(f for f in frameworks if f.id in CANONICAL_THEMES)
    scorer = load_scorer(scorer_path)
    embedder = get_embedder(model, precision, cache_dir)
    all_docs = load_documents(corpus)
    dev = [d for d in select(all_docs, "dev") if d.norwegian]
    test = [d for d in select(all_docs, split) if d.norwegian]
    say(f"scoring {len(dev)} dev documents (for the baselines' thresholds) and {len(test)} {split} documents")
    dev_runs = _run(dev, frameworks, embedder, scorer)
    runs = dev_runs if split == "dev" else _run(test, frameworks, embedder, scorer)
    b = fit_baselines(dev_runs)

    report: dict = {
        "split": split,
        "documents": len(runs),
        "passages": sum(len(r.doc.passages) for r in runs),
        "model": {"id": embedder.model_id, "precision": embedder.precision, "checksum": embedder.checksum},
        "scorer": {"name": scorer.name, "checksum": scorer.checksum},
        "baseline_thresholds": {"embedding": b.emb_threshold, "both": b.both_threshold},
        "themes": {},
        "methods": {},
        "frameworks": {},
        "styles": {},
    }
    report.update(_score_runs(runs, b, report["themes"]))
    lo, hi = passage_f1_interval(_passage_counts(runs, b))
    report["methods"]["learned"]["passage_macro_f1_interval"] = {
        "low": lo, "high": hi, "confidence": 0.95, "draws": BOOTSTRAP_DRAWS, "resampled": "documents",
    }
    for fid, ids in CANONICAL_THEMES.items():
        report["frameworks"][fid] = {m: _framework_macro(report["themes"], ids, m) for m in METHODS}
    for style in ("seen", "unseen"):
        sub = [r for r in runs if r.doc.style == style]
        if sub and split != "dev":
            res = _score_runs(sub, b, {})
            report["styles"][style] = {"documents": len(sub), **res["methods"]["learned"]}
    if compare_finetuned:
        report["comparison"] = _compare_encoders(
            report, all_docs, dev, test, frameworks, b, model=model, cache_dir=cache_dir,
            options=dict(finetune or {}), say=say,
        )
    report["language"] = _language_report(select(all_docs, split if split != "dev" else "dev"))
    return report


def _framework_macro(themes: dict, ids: Sequence[str], m: str) -> dict:
    """Macro averages over one framework's canonical themes for method `m`."""
    return {
        "passage_macro_f1": macro(themes[t]["passage"][m]["f1"] for t in ids),
        "document_macro_f1": macro(themes[t]["document"][m]["f1"] for t in ids),
        "level_accuracy": macro(themes[t]["level_accuracy"][m] for t in ids),
    }


BOOTSTRAP_DRAWS = 2000


def _passage_counts(runs: Sequence[DocRun], b: Baselines) -> np.ndarray:
    """(documents, canonical themes, 3): the learned engine's passage-level tp, fp, fn."""
    out = np.zeros((len(runs), len(ALL_CANONICAL), 3), dtype=np.int64)
    for d, r in enumerate(runs):
        for k, tid in enumerate(ALL_CANONICAL):
            pred, _ = _passage_predictions(r, r.theme_ids.index(tid), "learned", b)
            gold = np.asarray([tid in p.themes for p in r.doc.passages], dtype=bool)
            pred = np.asarray(pred, dtype=bool)
            out[d, k] = (int(np.sum(pred & gold)), int(np.sum(pred & ~gold)), int(np.sum(~pred & gold)))
    return out


def _macro_f1_of_counts(counts: np.ndarray) -> float:
    """Macro-F1 over themes from summed (tp, fp, fn); a theme with nothing to be right about
    (no gold and no predicted passage) is left out, as in ConfusionMatrix.f1."""
    return macro(ConfusionMatrix(int(tp), int(fp), int(fn)).f1 for tp, fp, fn in counts) or 0.0


def passage_f1_interval(counts: np.ndarray, draws: int = BOOTSTRAP_DRAWS, seed: int = 0) -> tuple[float, float]:
    """The 95 % interval of passage macro-F1 when the documents are resampled with
    replacement (bootstrap). Passages of one document are not independent, so documents,
    not passages, are the unit: with 17 test documents the interval is wide, and a figure
    a few hundredths above a target is not proof that the target is met. Seeded: the same
    counts always give the same interval."""
    if not len(counts):
        return 0.0, 0.0
    rng = np.random.default_rng(seed)
    values = [_macro_f1_of_counts(counts[rng.integers(0, len(counts), len(counts))].sum(axis=0)) for _ in range(draws)]
    lo, hi = np.percentile(values, [2.5, 97.5])
    return round(float(lo), 4), round(float(hi), 4)


def _score_runs(runs: Sequence[DocRun], b: Baselines, themes_out: dict, methods_to_score: Sequence[str] = METHODS) -> dict:
    methods: dict[str, dict] = {}
    per_method_p3: dict[str, list[float]] = {m: [] for m in methods_to_score}
    level_pairs: dict[str, list[tuple[int, int]]] = {m: [] for m in methods_to_score}
    control_dekket = 0
    usikker = 0
    n_pairs = 0
    for tid in ALL_CANONICAL:
        entry: dict = {"passage": {}, "document": {}, "level_accuracy": {}, "evidence_p_at_3": {}}
        for m in methods_to_score:
            p_cm = ConfusionMatrix()
            d_pairs: list[tuple[bool, bool]] = []
            lv_pairs: list[tuple[int, int]] = []
            p3: list[float] = []
            for r in runs:
                j = r.theme_ids.index(tid)
                pred, _ = _passage_predictions(r, j, m, b)
                gold = [tid in p.themes for p in r.doc.passages]
                p_cm = p_cm + ConfusionMatrix.from_pairs(zip(gold, map(bool, pred)))
                level, ev = _doc_prediction(r, j, m, b)
                g = _gold_value(r.doc.gold(tid))
                d_pairs.append((g > 0, level > 0))
                lv_pairs.append((g, level))
                if ev:
                    top = ev[:3]
                    p3.append(sum(gold[i] for i in top) / len(top))
            d_cm = ConfusionMatrix.from_pairs(d_pairs)
            entry["passage"][m] = {"precision": p_cm.precision, "recall": p_cm.recall, "f1": p_cm.f1, "support": p_cm.support}
            entry["document"][m] = {"precision": d_cm.precision, "recall": d_cm.recall, "f1": d_cm.f1, "support": d_cm.support}
            entry["level_accuracy"][m] = accuracy(lv_pairs)
            entry["evidence_p_at_3"][m] = sum(p3) / len(p3) if p3 else None
            per_method_p3[m].extend(p3)
            level_pairs[m].extend(lv_pairs)
        themes_out[tid] = entry
    for r in runs:
        is_control = not any(p.labels for p in r.doc.passages)
        for tid in ALL_CANONICAL:
            jd = r.scored.judgements[tid]
            n_pairs += 1
            usikker += jd.result.level is Level.USIKKER
            if is_control and jd.result.level is Level.DEKKET:
                control_dekket += 1
    for m in methods_to_score:
        control = 0
        for r in runs:
            if any(p.labels for p in r.doc.passages):
                continue
            for tid in ALL_CANONICAL:
                level, _ = _doc_prediction(r, r.theme_ids.index(tid), m, b)
                control += level == 2
        methods[m] = {
            "passage_macro_f1": macro(themes_out[t]["passage"][m]["f1"] for t in ALL_CANONICAL),
            "document_macro_f1": macro(themes_out[t]["document"][m]["f1"] for t in ALL_CANONICAL),
            "level_accuracy": accuracy(level_pairs[m]),
            "evidence_p_at_3": sum(per_method_p3[m]) / len(per_method_p3[m]) if per_method_p3[m] else None,
            "control_documents_with_concrete": control,
            "worst_theme_document_f1": min(
                (themes_out[t]["document"][m]["f1"] for t in ALL_CANONICAL if themes_out[t]["document"][m]["f1"] is not None),
                default=None,
            ),
        }
    methods["learned"]["usikker_share"] = usikker / n_pairs if n_pairs else None
    return {"methods": methods, "control_dekket": control_dekket}


def _add_method(report: dict, name: str, runs: Sequence[DocRun], b: Baselines) -> dict:
    """Score `runs` as the learned engine and file the numbers under method `name`, next to
    the other methods in report["methods"], ["themes"] and ["frameworks"]. Returns the
    per-style numbers, which only the comparison section carries."""
    themes: dict = {}
    report["methods"][name] = _score_runs(runs, b, themes, ("learned",))["methods"]["learned"]
    for tid, entry in themes.items():
        for part, by_method in entry.items():
            report["themes"][tid][part][name] = by_method["learned"]
    for fid, ids in CANONICAL_THEMES.items():
        report["frameworks"][fid][name] = _framework_macro(report["themes"], ids, name)
    styles = {}
    for style in ("seen", "unseen"):
        sub = [r for r in runs if r.doc.style == style]
        if sub:
            styles[style] = {"documents": len(sub), **_score_runs(sub, b, {}, ("learned",))["methods"]["learned"]}
    return styles


def _retrain_and_run(frameworks, embedder, all_docs: Sequence[LabelledDocument], test: Sequence[LabelledDocument],
                     say: Callable[[str], None]) -> tuple[list[DocRun], dict]:
    """Heads trained on the dev split with `embedder` (exactly as `align train` does, but kept
    in memory: models/ is never written), then the test documents scored with them."""
    from align.score.train import train

    t0 = time.perf_counter()
    scorer = train(frameworks, embedder, docs=all_docs, progress=lambda m: say(f"  {m}"))
    t1 = time.perf_counter()
    runs = _run(test, frameworks, embedder, scorer)
    meta = {
        "encoder": {"id": embedder.model_id, "precision": embedder.precision, "checksum": embedder.checksum},
        "scorer_sha256": hashlib.sha256(scorer.to_json().encode("utf-8")).hexdigest(),
        "training": {k: v for k, v in scorer.metadata.items() if k != "dev_documents"},  # CV thresholds and F1
        "seconds": {"train_heads": round(t1 - t0, 1), "score_test": round(time.perf_counter() - t1, 1)},
    }
    return runs, meta


def _compare_encoders(report: dict, all_docs: Sequence[LabelledDocument], dev: Sequence[LabelledDocument],
                      test: Sequence[LabelledDocument], frameworks, b: Baselines, *, model: str | None,
                      cache_dir: str | None, options: dict, say: Callable[[str], None]) -> dict:
    """Add the RETRAINED (control) and FINETUNED rows to `report`; return what they were.

    The control matters: the shipped scorer was trained at another time, maybe on other
    data, and on int8 vectors. Against the control, the only difference left is the tuning.
    Torch runs on a fixed number of threads throughout, the frozen model too (see
    `torch_threads` for why).
    """
    from align.embed import get_embedder
    from align.score.finetune import DEFAULT_THREADS, finetune_encoder, torch_threads

    t0 = time.perf_counter()
    with torch_threads(int(options.get("threads", DEFAULT_THREADS))):
        frozen = get_embedder(model, "fp32", cache_dir)
        say(f"{RETRAINED}: training heads on the frozen {frozen.model_id} (fp32) …")
        runs, control = _retrain_and_run(frameworks, frozen, all_docs, test, say)
        styles = {RETRAINED: _add_method(report, RETRAINED, runs, b)}

        t1 = time.perf_counter()
        say(f"{FINETUNED}: fine-tuning the encoder on the {len(dev)} dev documents …")
        tuned = finetune_encoder(dev, frameworks, base=model, cache_dir=cache_dir, progress=say, **options)
        seconds = round(time.perf_counter() - t1, 1)
        say(f"{FINETUNED}: training heads on the tuned encoder …")
        runs, candidate = _retrain_and_run(frameworks, tuned, all_docs, test, say)
    candidate["seconds"]["finetune"] = seconds
    candidate["finetune"] = tuned.info().get("finetune")
    styles[FINETUNED] = _add_method(report, FINETUNED, runs, b)
    return {
        "methods": {RETRAINED: control, FINETUNED: candidate},
        "styles": styles,
        "note": OPTIMISM_NOTE,
        "seconds": round(time.perf_counter() - t0, 1),
    }


def _language_report(docs: Sequence[LabelledDocument]) -> dict:
    doc_pairs = []
    pas_pairs = []
    for d in docs:
        detected = document_language([p.text for p in d.passages])
        doc_pairs.append((d.language, detected))
        if d.norwegian:
            for p in d.passages:
                pas_pairs.append((d.language, norwegian_variant(p.text, detected)))
    return {
        "document_accuracy": accuracy(doc_pairs),
        "documents": len(doc_pairs),
        "passage_nb_nn_accuracy": accuracy(pas_pairs),
        "errors": sorted({f"{g}->{p}" for g, p in doc_pairs if g != p}),
    }


def format_report(rep: dict) -> str:
    """The table `align eval` prints."""

    def f(v: float | None) -> str:
        return "  –  " if v is None else f"{v:5.2f}"

    lines = [
        f"align eval — split: {rep['split']}, {rep['documents']} documents, {rep['passages']} passages",
        f"model: {rep['model']['id']} ({rep['model']['precision']}), scorer: {rep['scorer']['name']}",
        "",
        "Per theme (learned engine; F1 of the zero-shot variants for comparison)",
        f"{'theme':<30} {'pass P':>6} {'R':>5} {'F1':>5} | {'kw':>5} {'emb':>5} {'both':>5} | {'doc F1':>6} {'lvl acc':>7} {'P@3':>5} {'n':>4}",
    ]
    for tid, e in rep["themes"].items():
        pl = e["passage"]["learned"]
        lines.append(
            f"{tid:<30} {f(pl['precision']):>6} {f(pl['recall'])} {f(pl['f1'])} | "
            f"{f(e['passage']['keywords']['f1'])} {f(e['passage']['embedding']['f1'])} {f(e['passage']['both']['f1'])} | "
            f"{f(e['document']['learned']['f1']):>6} {f(e['level_accuracy']['learned']):>7} "
            f"{f(e['evidence_p_at_3']['learned'])} {pl['support']:>4}"
        )
    w = max([10, *map(len, rep["methods"])])  # method names: 10 wide unless a comparison row is longer
    lines += ["", "Per framework (macro over its canonical themes)"]
    lines.append(f"{'framework':<10} {'method':<{w}} {'passage F1':>10} {'doc F1':>7} {'level acc':>9}")
    for fid, ms in rep["frameworks"].items():
        for m, v in ms.items():
            lines.append(f"{fid:<10} {m:<{w}} {f(v['passage_macro_f1']):>10} {f(v['document_macro_f1']):>7} {f(v['level_accuracy']):>9}")
    lines += ["", "Overall"]
    lines.append(f"{'method':<{w}} {'passage F1':>10} {'doc F1':>7} {'level acc':>9} {'P@3':>5} {'worst doc F1':>12} {'controls concrete':>17}")
    for m, v in rep["methods"].items():
        lines.append(
            f"{m:<{w}} {f(v['passage_macro_f1']):>10} {f(v['document_macro_f1']):>7} {f(v['level_accuracy']):>9} "
            f"{f(v['evidence_p_at_3'])} {f(v['worst_theme_document_f1']):>12} {v['control_documents_with_concrete']:>17}"
        )
    ci = rep["methods"].get("learned", {}).get("passage_macro_f1_interval")
    if ci:
        lines.append(
            f"learned passage macro-F1, 95 % interval when the {rep['documents']} documents are resampled "
            f"({ci['draws']} bootstrap draws): {ci['low']:.2f}–{ci['high']:.2f}"
        )
    if rep.get("styles"):
        lines += ["", "Seen vs unseen writing style (learned engine)"]
        for style, v in rep["styles"].items():
            lines.append(
                f"{style:<8} {v['documents']:>3} docs  passage F1 {f(v['passage_macro_f1'])}  doc F1 {f(v['document_macro_f1'])}  "
                f"level acc {f(v['level_accuracy'])}  P@3 {f(v['evidence_p_at_3'])}"
            )
    lg = rep["language"]
    lines += [
        "",
        f"Language: document accuracy {f(lg['document_accuracy'])} over {lg['documents']} documents, "
        f"nb/nn passage accuracy {f(lg['passage_nb_nn_accuracy'])}" + (f"; errors: {', '.join(lg['errors'])}" if lg["errors"] else ""),
        f"usikker share (learned): {f(rep['methods']['learned'].get('usikker_share'))}",
    ]
    if rep.get("comparison"):
        lines += _format_comparison(rep, f)
    return "\n".join(lines)


def _format_comparison(rep: dict, f: Callable[[float | None], str]) -> list[str]:
    """The encoder comparison: what each row is, then F1 per theme for the three learned rows."""
    cmp = rep["comparison"]
    control, tuned = cmp["methods"][RETRAINED], cmp["methods"][FINETUNED]
    ft = tuned.get("finetune") or {}
    recipe = ft.get("recipe", {})
    pairs = sum((ft.get("pairs") or {}).values())
    rows = ("learned", RETRAINED, FINETUNED)
    lines = [
        "",
        f"Encoder comparison ({cmp['seconds']:.0f} s; heads of both new rows trained in this run on the dev split)",
        f"  learned            shipped scorer on the {rep['model']['precision']} encoder",
        f"  {RETRAINED}  frozen encoder (fp32), heads retrained: the control",
        f"  {FINETUNED}  encoder fine-tuned on {pairs} dev pairs ({recipe.get('loss')} loss, {recipe.get('epochs')} epoch(s), "
        f"seed {recipe.get('seed')}, {tuned['seconds'].get('finetune', 0):.0f} s), heads retrained",
        "",
        f"{'theme':<30} {'passage F1':>23} | {'document F1':>23}",
        f"{'':<30} {'learned':>7} {'retrain':>7} {'tuned':>7} | {'learned':>7} {'retrain':>7} {'tuned':>7}",
    ]
    for tid, e in rep["themes"].items():
        pas = " ".join(f"{f(e['passage'][m]['f1']):>7}" for m in rows)
        doc = " ".join(f"{f(e['document'][m]['f1']):>7}" for m in rows)
        lines.append(f"{tid:<30} {pas} | {doc}")
    for style in ("seen", "unseen"):
        got = [cmp["styles"].get(m, {}).get(style) for m in (RETRAINED, FINETUNED)]
        if all(got):
            lines.append(f"{style} writers ({got[0]['documents']} docs): passage F1 retrained {f(got[0]['passage_macro_f1'])}, "
                         f"tuned {f(got[1]['passage_macro_f1'])}; doc F1 retrained {f(got[0]['document_macro_f1'])}, "
                         f"tuned {f(got[1]['document_macro_f1'])}")
    lines += ["", f"Note: {cmp['note']}"]
    return lines


def evaluate_pdfs(
    pdf_dir: str,
    split: str = "test",
    *,
    model: str | None = None,
    precision: str | None = None,
    cache_dir: str | None = None,
    scorer_path: str | None = None,
    progress: Callable[[str], None] | None = None,
) -> dict:
    """Document-level accuracy of the whole pipeline, extraction included.

    `pdf_dir` holds `<document id>.pdf` for labelled documents (made by
    tests/fixtures/render_eval_docs.py). Gold levels come from the labelled passages; the
    passages the pipeline finds in the PDF are its own, so only document-level numbers apply.
    """
    from pathlib import Path

    from align.embed import get_embedder
    from align.extract import extract
    from align.pipeline import assess_document

    say = progress or (lambda m: log.info(m))
    frameworks = tuple(f for f in load_frameworks() if f.id in CANONICAL_THEMES)
    scorer = load_scorer(scorer_path)
    embedder = get_embedder(model, precision, cache_dir)
    docs = [d for d in select(load_documents(), split) if d.norwegian and (Path(pdf_dir) / f"{d.id}.pdf").exists()]
    say(f"end to end: {len(docs)} rendered {split} documents in {pdf_dir}")
    pairs: dict[str, list[tuple[int, int]]] = {t: [] for t in ALL_CANONICAL}
    control_concrete = 0
    for d in docs:
        a = assess_document(extract(Path(pdf_dir) / f"{d.id}.pdf"), frameworks, embedder, scorer)
        levels = {t.id: t for f in a.frameworks for t in f.themes}
        for tid in ALL_CANONICAL:
            r = levels[tid]
            pred = {"dekket": 2, "nevnt": 1, "delegert": 1}.get(r.level.value, 0)
            if r.level is Level.USIKKER:
                pred = 1 if r.evidence else 0
            pairs[tid].append((_gold_value(d.gold(tid)), pred))
            if not any(p.labels for p in d.passages) and r.level is Level.DEKKET:
                control_concrete += 1
    per_theme = {
        t: ConfusionMatrix.from_pairs((g > 0, p > 0) for g, p in v).f1 for t, v in pairs.items()
    }
    all_pairs = [x for v in pairs.values() for x in v]
    return {
        "split": split,
        "documents": len(docs),
        "document_macro_f1": macro(per_theme.values()),
        "level_accuracy": accuracy(all_pairs),
        "worst_theme_document_f1": min((v for v in per_theme.values() if v is not None), default=None),
        "control_documents_with_concrete": control_concrete,
        "themes": per_theme,
    }
