"""The int8 encoder: an onnxruntime session over the exported model, with the model
folder's own tokenizer.json, mean pooling and L2 normalisation (what the
sentence-transformers modules of that folder do in float32).

Each text runs through the session alone, with one intra-op thread, while a pool of
`threads` workers runs texts side by side. Measured on a 2-core machine this beats
padded batches (no padding work), and it makes a text's vector independent of the
batch it came in: dynamic quantisation picks one activation scale per tensor, so in a
padded batch the other texts would move it.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np


def usable_cpus() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # pragma: no cover - non-Linux
        return max(1, os.cpu_count() or 1)


class OnnxEncoder:
    """Token ids -> ONNX session -> mean pooling -> unit vectors (float32)."""

    def __init__(self, tokenizer_path: Path, onnx_path: Path, max_length: int = 512,
                 threads: int | None = None) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        self.threads = threads or usable_cpus()
        self._tokenizer = Tokenizer.from_file(str(tokenizer_path))
        self._tokenizer.no_padding()
        self._tokenizer.enable_truncation(max_length=max_length)
        options = ort.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        options.log_severity_level = 3
        self._session = ort.InferenceSession(str(onnx_path), options, providers=["CPUExecutionProvider"])
        self._pool: ThreadPoolExecutor | None = None

    def count_tokens(self, inputs: Sequence[str]) -> list[int]:
        return [len(e.ids) for e in self._tokenizer.encode_batch(list(inputs))]

    def _one(self, ids: list[int]) -> np.ndarray:
        input_ids = np.asarray([ids], dtype=np.int64)
        hidden = self._session.run(
            None, {"input_ids": input_ids, "attention_mask": np.ones_like(input_ids)}
        )[0][0]
        pooled = hidden.mean(axis=0, dtype=np.float64)
        norm = float(np.linalg.norm(pooled))
        return (pooled / max(norm, 1e-12)).astype(np.float32)

    def encode(self, inputs: Sequence[str]) -> np.ndarray:
        """Embed `inputs` (prompts already applied); rows follow the input order."""
        if not inputs:
            raise ValueError("encode() needs at least one text")
        encodings = self._tokenizer.encode_batch(list(inputs))
        ids = [e.ids for e in encodings]
        order = sorted(range(len(ids)), key=lambda i: -len(ids[i]))  # longest first: even load
        if self.threads == 1 or len(ids) == 1:
            rows = [self._one(ids[i]) for i in order]
        else:
            if self._pool is None:
                self._pool = ThreadPoolExecutor(self.threads, thread_name_prefix="align-embed")
            rows = list(self._pool.map(lambda i: self._one(ids[i]), order))
        out = np.empty((len(ids), rows[0].shape[0]), dtype=np.float32)
        for i, row in zip(order, rows):
            out[i] = row
        return out

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True)
            self._pool = None
