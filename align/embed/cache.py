"""On-disk cache of embedding vectors: one SQLite file, safe to delete at any time.

Rows are keyed by a namespace (sha256 of model id, model checksum and precision) and the
sha256 of the exact model input (prompt + text), and hold the float32 vector (a rowid
table: SQLite's WITHOUT ROWID layout would push every 1.5 KB vector to an overflow page). Several
processes may read and write at once: the database runs in WAL mode, waits for locks
(busy timeout) and retries; the first vector written for a key wins, so every worker
sees the same bytes. A row costs about 1.6 KB for a 384-dimension model (about 17 MB
per 10,000 passages, index included). Growth is bounded: when the file passes
`max_bytes` (default 2 GiB, $ALIGN_EMBED_CACHE_MAX_MB to change) the least recently
used rows are deleted down to 80 % of the cap. A damaged file is moved aside and a new
one started.
"""

from __future__ import annotations

import hashlib
import logging
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TypeVar

import numpy as np

from align.errors import CacheError

log = logging.getLogger(__name__)

SCHEMA_VERSION = 2
DEFAULT_MAX_BYTES = 2 * 1024**3
_CHUNK = 500
_PRUNE_EVERY = 2000  # rows written between size checks
T = TypeVar("T")


def text_key(model_input: str) -> bytes:
    return hashlib.sha256(model_input.encode("utf-8")).digest()


def namespace(model_id: str, checksum: str, precision: str) -> str:
    raw = f"{model_id}\0{checksum}\0{precision}".encode("utf-8")
    return hashlib.sha256(raw).hexdigest()[:32]


def _today() -> int:
    return int(time.time() // 86400)


def _max_bytes_from_env() -> int:
    value = os.environ.get("ALIGN_EMBED_CACHE_MAX_MB")
    if not value:
        return DEFAULT_MAX_BYTES
    try:
        return max(1, int(float(value) * 1024 * 1024))
    except ValueError:
        log.warning("ignoring ALIGN_EMBED_CACHE_MAX_MB=%r (not a number)", value)
        return DEFAULT_MAX_BYTES


class VectorCache:
    """Get and put vectors by (namespace, text key). Thread-safe; one connection per process."""

    def __init__(self, path: Path, max_bytes: int | None = None, timeout: float = 60.0) -> None:
        self.path = Path(path)
        self.max_bytes = max_bytes if max_bytes is not None else _max_bytes_from_env()
        self.timeout = timeout
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None
        self._pid = -1
        self._written = 0

    # ---- connection ---------------------------------------------------------------------
    def _connect(self) -> sqlite3.Connection:
        if self._conn is not None and self._pid == os.getpid():
            return self._conn
        self._conn = None  # a connection inherited through fork is not ours to use
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise CacheError(
                f"Cannot create the embedding cache folder {self.path.parent}: {err}. "
                "Choose another with --cache-dir or $ALIGN_CACHE_DIR."
            ) from err
        for attempt in range(2):
            try:
                conn = sqlite3.connect(self.path, timeout=self.timeout, check_same_thread=False,
                                       isolation_level=None)
                conn.execute(f"PRAGMA busy_timeout = {int(self.timeout * 1000)}")
                conn.execute("PRAGMA page_size = 8192")  # five 1.6 KB rows per page
                conn.execute("PRAGMA auto_vacuum = INCREMENTAL")
                self._retry(lambda: conn.execute("PRAGMA journal_mode = WAL"))
                conn.execute("PRAGMA synchronous = NORMAL")
                self._retry(lambda: conn.executescript(
                    "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
                    "CREATE TABLE IF NOT EXISTS vectors ("
                    " namespace TEXT NOT NULL, key BLOB NOT NULL, vector BLOB NOT NULL,"
                    " last_used INTEGER NOT NULL, PRIMARY KEY (namespace, key));"
                    "CREATE INDEX IF NOT EXISTS vectors_last_used ON vectors (last_used);"
                    f"INSERT OR IGNORE INTO meta VALUES ('schema_version', '{SCHEMA_VERSION}');"
                ))
                row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
                if row is None or row[0] != str(SCHEMA_VERSION):
                    raise sqlite3.DatabaseError(f"unknown schema version {row!r}")
                self._conn, self._pid = conn, os.getpid()
                return conn
            except sqlite3.OperationalError as err:
                if _is_busy(err):
                    raise CacheError(
                        f"The embedding cache {self.path} stayed locked for {self.timeout:.0f} s. "
                        "Retry, or delete the file (it is only a cache)."
                    ) from err
                if attempt:
                    raise CacheError(f"Cannot open the embedding cache {self.path}: {err}. "
                                     "Delete the file; it is only a cache.") from err
                self._set_aside(err)
            except sqlite3.DatabaseError as err:
                if attempt:
                    raise CacheError(f"Cannot open the embedding cache {self.path}: {err}. "
                                     "Delete the file; it is only a cache.") from err
                self._set_aside(err)
        raise AssertionError("unreachable")  # pragma: no cover

    def _set_aside(self, err: Exception) -> None:
        aside = self.path.with_name(f"{self.path.name}.damaged-{os.getpid()}-{time.time_ns()}")
        log.warning("The embedding cache %s is damaged (%s); moving it to %s and starting afresh",
                    self.path, err, aside.name)
        for suffix in ("", "-wal", "-shm"):
            src = Path(str(self.path) + suffix)
            if src.exists():
                try:
                    os.replace(src, Path(str(aside) + suffix))
                except OSError:
                    pass

    def _retry(self, operation: Callable[[], T]) -> T:
        deadline = time.monotonic() + self.timeout
        delay = 0.05
        while True:
            try:
                return operation()
            except sqlite3.OperationalError as err:
                if not _is_busy(err) or time.monotonic() > deadline:
                    raise
                time.sleep(delay)
                delay = min(delay * 2, 1.0)

    def close(self) -> None:
        with self._lock:
            if self._conn is not None and self._pid == os.getpid():
                self._conn.close()
            self._conn = None

    # ---- reads and writes -----------------------------------------------------------------
    def get_many(self, ns: str, keys: Sequence[bytes], dim: int) -> dict[bytes, np.ndarray]:
        """Vectors found for `keys` (missing keys are absent from the result)."""
        found: dict[bytes, np.ndarray] = {}
        if not keys:
            return found
        unique = list(dict.fromkeys(keys))
        with self._lock:
            try:
                conn = self._connect()
                for start in range(0, len(unique), _CHUNK):
                    chunk = unique[start : start + _CHUNK]
                    marks = ",".join("?" * len(chunk))
                    rows = self._retry(lambda: conn.execute(
                        f"SELECT key, vector FROM vectors WHERE namespace = ? AND key IN ({marks})",
                        [ns, *chunk]).fetchall())
                    for key, blob in rows:
                        vec = np.frombuffer(blob, dtype="<f4")
                        if vec.shape[0] == dim:
                            found[bytes(key)] = vec.astype(np.float32)
                self._touch(conn, ns, list(found))
            except sqlite3.DatabaseError as err:
                self._on_error(err)
                return {}
        return found

    def _touch(self, conn: sqlite3.Connection, ns: str, keys: list[bytes]) -> None:
        """Mark rows as used today (best effort: skipped when the database is busy)."""
        if not keys:
            return
        today = _today()
        try:
            conn.execute("BEGIN")
            conn.executemany(
                "UPDATE vectors SET last_used = ? WHERE namespace = ? AND key = ? AND last_used < ?",
                [(today, ns, k, today) for k in keys])
            conn.execute("COMMIT")
        except sqlite3.OperationalError:
            if conn.in_transaction:
                conn.execute("ROLLBACK")

    def put_many(self, ns: str, items: Iterable[tuple[bytes, np.ndarray]]) -> None:
        """Store vectors; an existing row for a key is kept (first writer wins)."""
        today = _today()
        rows = [(ns, k, np.ascontiguousarray(v, dtype="<f4").tobytes(), today) for k, v in items]
        if not rows:
            return
        with self._lock:
            try:
                conn = self._connect()

                def write() -> None:
                    conn.execute("BEGIN IMMEDIATE")
                    try:
                        conn.executemany("INSERT OR IGNORE INTO vectors VALUES (?, ?, ?, ?)", rows)
                        conn.execute("COMMIT")
                    except BaseException:
                        conn.execute("ROLLBACK")
                        raise

                self._retry(write)
                self._written += len(rows)
                if self._written >= _PRUNE_EVERY:
                    self._written = 0
                    self._prune(conn)
            except sqlite3.DatabaseError as err:
                self._on_error(err)

    def _on_error(self, err: sqlite3.DatabaseError) -> None:
        if isinstance(err, sqlite3.OperationalError) and _is_busy(err):
            log.warning("The embedding cache %s is busy; continuing without it for this batch", self.path)
            return
        log.warning("The embedding cache %s failed (%s); it will be started afresh", self.path, err)
        if self._conn is not None:
            try:
                self._conn.close()
            except sqlite3.Error:
                pass
        self._conn = None
        self._set_aside(err)

    # ---- size ---------------------------------------------------------------------------------
    def size_bytes(self) -> int:
        total = 0
        for suffix in ("", "-wal"):
            try:
                total += Path(str(self.path) + suffix).stat().st_size
            except OSError:
                pass
        return total

    def stats(self) -> dict[str, int]:
        """Rows per namespace and the file size (0 rows when there is no cache yet)."""
        if not self.path.exists():
            return {"rows": 0, "bytes": 0}
        with self._lock:
            conn = self._connect()
            (rows,) = conn.execute("SELECT COUNT(*) FROM vectors").fetchone()
        return {"rows": int(rows), "bytes": self.size_bytes()}

    def _prune(self, conn: sqlite3.Connection) -> None:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        free = conn.execute("PRAGMA freelist_count").fetchone()[0]
        used = (pages - free) * page_size
        if used <= self.max_bytes:
            return
        (rows,) = conn.execute("SELECT COUNT(*) FROM vectors").fetchone()
        if rows == 0:
            return
        drop = max(1, int(rows * (1 - 0.8 * self.max_bytes / used)))
        log.info("embedding cache over %d bytes: dropping %d least recently used rows", self.max_bytes, drop)

        def delete() -> None:
            conn.execute("BEGIN IMMEDIATE")
            try:
                conn.execute(
                    "DELETE FROM vectors WHERE (namespace, key) IN "
                    "(SELECT namespace, key FROM vectors ORDER BY last_used LIMIT ?)", (drop,))
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise

        self._retry(delete)
        try:
            conn.execute("PRAGMA incremental_vacuum").fetchall()
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.OperationalError:
            pass

    def prune(self) -> None:
        """Apply the size cap now."""
        with self._lock:
            self._prune(self._connect())


def _is_busy(err: sqlite3.OperationalError) -> bool:
    text = str(err).lower()
    return "locked" in text or "busy" in text
