"""Learned per-theme heads: logistic regression on the passage embedding plus the features,
averaged with a small joint neural network over all themes and with a character n-gram
classifier (align.score.ngrams).

One head per theme, because the probe on real plans showed that one global threshold
cannot suit all themes. The joint network reads the same inputs for every theme at once,
so it can use what one theme says about another (a passage about a regional network is
often also about cooperation with neighbours). Each theme's threshold is the one that
maximised F1 on out-of-fold predictions of the combined probability over the dev documents
(grouped by document, so a document never helps predict itself). Everything is stored as
plain JSON (no pickle) under models/.
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import numpy as np

from align.commitments import commitments
from align.errors import ModelError
from align.model import Commitment
from align.score.ngrams import RELEVANCE, NgramModel

SCORER_NAME = "hybrid.v3"
CONCRETE_FEATURES = ("obligation", "owner", "deadline", "amount", "target", "n_signals", "n_numbers")


def head_inputs(emb: np.ndarray, profile: np.ndarray, own: np.ndarray) -> np.ndarray:
    """What a theme's head reads: the passage embedding, the passage's similarity profile
    over the trained themes (so a head can tell its theme from a neighbour), and the
    features for its own theme."""
    return np.concatenate([emb, profile, own], axis=1)


def joint_inputs(emb: np.ndarray, feats: np.ndarray) -> np.ndarray:
    """What the joint network reads: the embedding and every feature of every trained theme."""
    return np.concatenate([emb, feats.reshape(feats.shape[0], -1)], axis=1)


def relevance_inputs(emb: np.ndarray, profile: np.ndarray, feats: np.ndarray) -> np.ndarray:
    """Embedding, best similarity per trained theme, and the count of digital terms."""
    return np.concatenate([emb, profile, feats[:, :1, -1]], axis=1)


NO_NEIGHBOUR = -8.0  # relevance logit used for the missing neighbour of a first or last passage
CONTEXT_FEATURES = ("passage", "neighbours")


def _logit(p: np.ndarray) -> np.ndarray:
    q = np.clip(p, 1e-6, 1 - 1e-6)
    return np.log(q / (1 - q))


def context_inputs(p_relevant: np.ndarray) -> np.ndarray:
    """What the neighbour-aware gate reads for each passage of one document, in reading order.

    A passage about "data from SSB" in a public-health plan looks digital on its own; between
    other digital passages it usually is, between passages about roads and water it usually
    is not. So: the passage's own relevance logit and the higher logit of its two neighbours.
    Nothing about the whole document: a count or share of digital passages would punish the
    one digital paragraph of a long kommuneplan, which is exactly the kind of evidence a
    reader most needs to see.
    """
    n = len(p_relevant)
    if not n:
        return np.zeros((0, len(CONTEXT_FEATURES)))
    z = _logit(np.asarray(p_relevant, dtype=np.float64))
    prev = np.concatenate([[NO_NEIGHBOUR], z[:-1]])
    nxt = np.concatenate([z[1:], [NO_NEIGHBOUR]])
    return np.stack([z, np.maximum(prev, nxt)], axis=1)


@dataclass(frozen=True)
class Head:
    theme_id: str
    mean: np.ndarray  # standardisation of head_inputs
    scale: np.ndarray
    coef: np.ndarray
    intercept: float
    threshold: float

    def probability(self, emb: np.ndarray, profile: np.ndarray, own: np.ndarray) -> np.ndarray:
        x = (head_inputs(emb, profile, own) - self.mean) / self.scale
        z = x @ self.coef + self.intercept
        return 1.0 / (1.0 + np.exp(-np.clip(z, -40, 40)))


@dataclass(frozen=True)
class LinearModel:
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float

    def probability(self, x: np.ndarray) -> np.ndarray:
        z = ((x - self.mean) / self.scale) @ self.coef + self.intercept
        return 1.0 / (1.0 + np.exp(-np.clip(z, -40, 40)))


@dataclass(frozen=True)
class JointNet:
    """An ensemble of one-hidden-layer networks (ReLU, sigmoid outputs), one output per theme.

    The members differ only in their random initialisation; their mean probability is used.
    """

    themes: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    members: tuple[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray], ...]  # (w1, b1, w2, b2)

    def probability(self, x: np.ndarray) -> np.ndarray:
        z0 = ((x - self.mean) / self.scale).astype(np.float64)
        out = np.zeros((x.shape[0], len(self.themes)))
        for w1, b1, w2, b2 in self.members:
            h = np.maximum(z0 @ w1 + b1, 0.0)
            out += 1.0 / (1.0 + np.exp(-np.clip(h @ w2 + b2, -40, 40)))
        return out / max(1, len(self.members))

    def to_dict(self) -> dict:
        return {
            "themes": list(self.themes),
            "mean": _pack(self.mean),
            "scale": _pack(self.scale),
            "members": [{k: _pack(a) for k, a in zip(("w1", "b1", "w2", "b2"), m)} for m in self.members],
        }

    @classmethod
    def from_dict(cls, d: dict) -> JointNet:
        members = tuple(tuple(_unpack(m[k]) for k in ("w1", "b1", "w2", "b2")) for m in d["members"])
        return cls(tuple(d["themes"]), _unpack(d["mean"]), _unpack(d["scale"]), members)


def _pack(a: np.ndarray, kind: str = "f4") -> dict:
    """An array as JSON: shape and little-endian float bytes in base64 (compact, no pickle).

    "f4" (float32, about 1e-7 relative) for the network; "f2" (float16, about 1e-3 relative)
    halves the size of the n-gram coefficients again. Both are far below anything that moves
    a probability (tests/test_ngrams.py bounds the n-gram error)."""
    arr = np.ascontiguousarray(a, dtype=f"<{kind}")
    return {"shape": list(arr.shape), kind: base64.b64encode(arr.tobytes()).decode("ascii")}


def _unpack(d: dict) -> np.ndarray:
    kind = "f2" if "f2" in d else "f4"
    return np.frombuffer(base64.b64decode(d[kind]), dtype=f"<{kind}").reshape(d["shape"]).astype(np.float64)


def _ngrams_to_dict(m: NgramModel) -> dict:
    vocab = sorted(m.vocabulary, key=m.vocabulary.__getitem__)
    return {
        "themes": list(m.themes),
        "vocabulary": vocab,
        "idf": _pack(m.idf),
        "coef": _pack(m.coef, "f2"),
        "intercept": _pack(m.intercept),
    }


def _ngrams_from_dict(d: dict) -> NgramModel:
    return NgramModel(
        tuple(d["themes"]), {g: i for i, g in enumerate(d["vocabulary"])}, _unpack(d["idf"]), _unpack(d["coef"]), _unpack(d["intercept"])
    )


def concrete_features(c: Commitment, text: str) -> np.ndarray:
    n_numbers = sum(ch.isdigit() for ch in text)
    kinds = [bool(c.obligation), bool(c.owner), bool(c.deadline), bool(c.amount), bool(c.target)]
    return np.asarray([*map(float, kinds), float(sum(kinds[1:])), np.log1p(n_numbers)], dtype=np.float32)


@dataclass(frozen=True)
class Scorer:
    """Everything `align check` needs to turn features into probabilities and levels."""

    name: str
    model_id: str
    model_checksum: str
    dimension: int
    feature_names: tuple[str, ...]
    heads: dict[str, Head]
    profile_themes: tuple[str, ...]  # the themes whose similarities form the profile, in order
    concrete: LinearModel
    concrete_threshold: float
    generic: LinearModel  # theme-agnostic head on the features alone, for user frameworks
    generic_threshold: float
    relevance: LinearModel  # is the passage about digitalisation at all? (passage alone)
    relevance_threshold: float  # that model's own 95 %-recall threshold, for information
    context: LinearModel  # the same question, knowing the neighbours and the document
    context_threshold: float  # the gate: passages below it never count as evidence
    metadata: dict
    joint: JointNet | None = None  # averaged with the heads; None in scorers without one
    ngrams: NgramModel | None = None  # character n-gram classifier, averaged in as well
    ties: dict[str, tuple[str, ...]] = field(default_factory=dict)  # themes labelled as one in dev
    checksum: str = ""

    def ngram_probability(self, texts: list[str]) -> np.ndarray | None:
        """The n-gram classifier's outputs for the passages (None for a scorer without one).

        Computed once per document and handed to both theme_probabilities and digital_gate,
        because vectorising the texts is the costly part."""
        return self.ngrams.probability(list(texts)) if self.ngrams is not None else None

    def _ngram_part(self, ngram_prob: np.ndarray | None, n: int) -> np.ndarray | None:
        if self.ngrams is None:
            return None
        if ngram_prob is None or ngram_prob.shape[0] != n:
            raise ValueError("this scorer needs ngram_probability(texts) of the same passages")
        return ngram_prob

    def theme_probabilities(
        self, theme_ids: tuple[str, ...], emb: np.ndarray, feats: np.ndarray, ngram_prob: np.ndarray | None = None
    ) -> np.ndarray:
        """(n_passages, n_themes).

        A trained theme's probability is the mean of its models: the linear head, the joint
        network and the character n-gram classifier (`ngram_prob`, from ngram_probability),
        then averaged over the themes it is tied to. Themes without a head of their own (a
        user's framework) get the generic head.
        """
        out = np.zeros((emb.shape[0], len(theme_ids)), dtype=np.float64)
        if not emb.shape[0]:
            return out
        profile = self.profile(theme_ids, feats)
        pos = {t: j for j, t in enumerate(theme_ids)}
        learned: dict[str, np.ndarray] = {}
        for tid, head in self.heads.items():
            if tid in pos:
                learned[tid] = head.probability(emb, profile, feats[:, pos[tid], :])
        parts = {tid: [p] for tid, p in learned.items()}
        if self.joint is not None:
            trained = feats[:, [pos[t] for t in self.profile_themes], :]
            pj = self.joint.probability(joint_inputs(emb, trained))
            for k, tid in enumerate(self.joint.themes):
                if tid in parts:
                    parts[tid].append(pj[:, k])
        pn = self._ngram_part(ngram_prob, emb.shape[0])
        if pn is not None:
            for k, tid in enumerate(self.ngrams.themes):
                if tid in parts:
                    parts[tid].append(pn[:, k])
        learned = {tid: np.mean(ps, axis=0) for tid, ps in parts.items()}
        for j, tid in enumerate(theme_ids):
            if tid in learned:
                group = [t for t in self.ties.get(tid, (tid,)) if t in learned]
                out[:, j] = np.mean([learned[t] for t in group], axis=0)
            else:
                out[:, j] = self.generic.probability(feats[:, j, :])
        return out

    def profile(self, theme_ids: tuple[str, ...], feats: np.ndarray) -> np.ndarray:
        """Best exemplar similarity for each trained theme (user themes are left out)."""
        pos = {t: j for j, t in enumerate(theme_ids)}
        missing = [t for t in self.profile_themes if t not in pos]
        if missing:
            raise ModelError(
                f"The scorer needs the shipped frameworks, but theme '{missing[0]}' is not loaded."
            )
        return feats[:, [pos[t] for t in self.profile_themes], 0]

    def relevance_probability(
        self, theme_ids: tuple[str, ...], emb: np.ndarray, feats: np.ndarray, ngram_prob: np.ndarray | None = None
    ) -> np.ndarray:
        """P(the passage is about digitalisation): from its embedding and similarity profile,
        averaged with the n-gram classifier's answer when the scorer has one."""
        if not emb.shape[0]:
            return np.zeros(0)
        p = self.relevance.probability(relevance_inputs(emb, self.profile(theme_ids, feats), feats))
        pn = self._ngram_part(ngram_prob, emb.shape[0])
        if pn is not None and RELEVANCE in self.ngrams.themes:
            p = (p + pn[:, self.ngrams.themes.index(RELEVANCE)]) / 2.0
        return p

    def digital_gate(
        self, theme_ids: tuple[str, ...], emb: np.ndarray, feats: np.ndarray, ngram_prob: np.ndarray | None = None
    ) -> np.ndarray:
        """Which passages of one document (in reading order) may count as evidence at all."""
        p = self.relevance_probability(theme_ids, emb, feats, ngram_prob)
        if not len(p):
            return np.zeros(0, dtype=bool)
        return self.context.probability(context_inputs(p)) >= self.context_threshold

    def threshold(self, theme_id: str) -> float:
        head = self.heads.get(theme_id)
        return head.threshold if head else self.generic_threshold

    def concreteness(self, commits: list[Commitment], texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros(0)
        x = np.stack([concrete_features(c, t) for c, t in zip(commits, texts)])
        return self.concrete.probability(x)

    # ---- storage -------------------------------------------------------------------------
    def to_json(self) -> str:
        data = {
            "name": self.name,
            "model_id": self.model_id,
            "model_checksum": self.model_checksum,
            "dimension": self.dimension,
            "feature_names": list(self.feature_names),
            "profile_themes": list(self.profile_themes),
            "concrete_features": list(CONCRETE_FEATURES),
            "concrete": _linear_to_dict(self.concrete, self.concrete_threshold),
            "generic": _linear_to_dict(self.generic, self.generic_threshold),
            "relevance": _linear_to_dict(self.relevance, self.relevance_threshold),
            "context_features": list(CONTEXT_FEATURES),
            "context": _linear_to_dict(self.context, self.context_threshold),
            "heads": {tid: _linear_to_dict(h, h.threshold) for tid, h in sorted(self.heads.items())},
            "joint": self.joint.to_dict() if self.joint is not None else None,
            "ngrams": _ngrams_to_dict(self.ngrams) if self.ngrams is not None else None,
            "ties": {t: list(g) for t, g in sorted(self.ties.items())},
            "metadata": self.metadata,
        }
        return json.dumps(data, sort_keys=True, ensure_ascii=False, indent=1) + "\n"

    @classmethod
    def from_json(cls, text: str) -> Scorer:
        d = json.loads(text)
        heads = {tid: Head(tid, *_linear_from_dict(h), float(h["threshold"])) for tid, h in d["heads"].items()}
        c, g, r, x = d["concrete"], d["generic"], d["relevance"], d["context"]
        return cls(
            name=d["name"],
            model_id=d["model_id"],
            model_checksum=d["model_checksum"],
            dimension=int(d["dimension"]),
            feature_names=tuple(d["feature_names"]),
            heads=heads,
            profile_themes=tuple(d["profile_themes"]),
            concrete=LinearModel(*_linear_from_dict(c)),
            concrete_threshold=float(c["threshold"]),
            generic=LinearModel(*_linear_from_dict(g)),
            generic_threshold=float(g["threshold"]),
            relevance=LinearModel(*_linear_from_dict(r)),
            relevance_threshold=float(r["threshold"]),
            context=LinearModel(*_linear_from_dict(x)),
            context_threshold=float(x["threshold"]),
            metadata=d.get("metadata", {}),
            joint=JointNet.from_dict(d["joint"]) if d.get("joint") else None,
            ngrams=_ngrams_from_dict(d["ngrams"]) if d.get("ngrams") else None,
            ties={t: tuple(g) for t, g in d.get("ties", {}).items()},
            checksum=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        )


def _linear_to_dict(m: Head | LinearModel, threshold: float) -> dict:
    """A linear model as JSON: standardisation, weights, intercept, threshold (rounded)."""
    return {
        "mean": [round(float(v), 6) for v in m.mean],
        "scale": [round(float(v), 6) for v in m.scale],
        "coef": [round(float(v), 6) for v in m.coef],
        "intercept": round(m.intercept, 6),
        "threshold": round(threshold, 4),
    }


def _linear_from_dict(d: dict) -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
    return (
        np.asarray(d["mean"], np.float32),
        np.asarray(d["scale"], np.float32),
        np.asarray(d["coef"], np.float64),
        float(d["intercept"]),
    )


DEFAULT_SCORER_FILE = "scorer-hybrid.v3.json"


def default_scorer_path() -> Path:
    return Path(str(resources.files("align_models") / DEFAULT_SCORER_FILE))


def load_scorer(path: str | Path | None = None) -> Scorer:
    p = Path(path) if path else default_scorer_path()
    if not p.exists():
        raise ModelError(f"The trained scorer file is missing: {p}. Run `align train` to build it.")
    try:
        return Scorer.from_json(p.read_text("utf-8"))
    except (ValueError, KeyError) as err:
        raise ModelError(f"The scorer file {p} is damaged ({type(err).__name__}: {err}). Run `align train`.") from err


def commitment_of(text: str) -> Commitment:
    return commitments(text)
