"""`align train`: fit the per-theme heads on the dev split and the framework exemplars.

Deterministic: fixed folds (grouped by document, in id order), lbfgs logistic regression
with no randomness, a joint network whose members have fixed seeds, rounded or float32
parameters. Only dev documents are read; test documents are never seen here.
"""

from __future__ import annotations

import hashlib
import logging
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.neural_network import MLPClassifier

from align.evalcorpus import LabelledDocument, load_documents, select
from align.model import Framework
from align.score.context import embedding_text
from align.score.ngrams import NGRAM_RANGE, RELEVANCE, NgramModel
from align.score.features import FEATURE_NAMES, ThemeIndex, build_index, dense_features, feature_tensor, lexical_features
from align.score.heads import (
    SCORER_NAME,
    Head,
    JointNet,
    LinearModel,
    Scorer,
    commitment_of,
    CONTEXT_FEATURES,
    concrete_features,
    context_inputs,
    head_inputs,
    joint_inputs,
    relevance_inputs,
)

log = logging.getLogger(__name__)

C_GRID = (0.01, 0.05)
N_FOLDS = 4
SIBLING_OVERLAP = 0.2  # exemplars of theme A are not negatives for B when they co-occur this often
JOINT_HIDDEN = 64  # units in the joint network's hidden layer (128 was no better out of fold)
JOINT_ALPHA = 1.0  # its L2 penalty (strong: about 2,700 rows against about 44,000 weights)
JOINT_MEMBERS = 5  # networks averaged, seeds 0..4
NGRAM_C = 4.0  # inverse L2 penalty of the n-gram classifiers (4 and 10 were equal out of fold)
NGRAM_MIN_DF = 2  # an n-gram must occur in two training texts to be kept
TIE_OVERLAP = 0.95  # two themes labelled together this often (both ways) in dev share one probability


@dataclass
class TrainingRows:
    texts: list[str]
    embed_texts: list[str]  # what the encoder reads: the text with its section heading
    groups: list[str]  # document id, or "framework" for exemplars
    labels: np.ndarray  # (n, n_themes) level 0/1/2
    use: np.ndarray  # (n, n_themes) bool: row takes part in this theme's head
    exclude: list[int]  # exemplar index each row is (or -1)


def training_rows(index: ThemeIndex, docs: Sequence[LabelledDocument]) -> TrainingRows:
    tid = {t: i for i, t in enumerate(index.theme_ids)}
    n_t = len(index.theme_ids)
    texts, embed_texts, groups, labels, exclude = [], [], [], [], []
    for d in docs:
        for p in d.passages:
            embed_texts.append(embedding_text(p.text, p.heading))
            row = np.zeros(n_t, dtype=np.int8)
            for t, lv in p.labels:
                if t in tid:
                    row[tid[t]] = lv
            texts.append(p.text)
            groups.append(d.id)
            labels.append(row)
            exclude.append(-1)
    n_dev = len(texts)
    dev_labels = np.asarray(labels, dtype=np.int8) if labels else np.zeros((0, n_t), np.int8)
    co = cooccurrence(dev_labels)
    ex_levels = _exemplar_levels(index)
    for j, text in enumerate(index.exemplar_texts):
        row = np.zeros(n_t, dtype=np.int8)
        row[index.exemplar_theme[j]] = ex_levels[j]
        texts.append(text)
        embed_texts.append(text)
        groups.append("framework")
        labels.append(row)
        exclude.append(j)
    labels_arr = np.asarray(labels, dtype=np.int8)
    use = np.ones_like(labels_arr, dtype=bool)
    for j in range(len(index.exemplar_texts)):
        a = index.exemplar_theme[j]
        use[n_dev + j] = co[a] < SIBLING_OVERLAP
        use[n_dev + j, a] = True
    return TrainingRows(texts, embed_texts, groups, labels_arr, use, exclude)


def cooccurrence(labels: np.ndarray) -> np.ndarray:
    """co[a, b]: the share of theme a's labelled passages that also carry theme b."""
    pos = (labels > 0).astype(np.float64)
    return (pos.T @ pos) / np.maximum(pos.sum(axis=0)[:, None], 1)


def _exemplar_levels(index: ThemeIndex) -> list[int]:
    levels = []
    for t in index.themes:
        for e in t.expectations:
            levels.extend(x.level for x in e.exemplars)
    return levels


def _folds(groups: Sequence[str]) -> list[np.ndarray]:
    """Document-grouped folds over dev rows; framework rows are always in training."""
    docs = sorted({g for g in groups if g != "framework"})
    g = np.asarray(groups)
    return [np.isin(g, docs[k::N_FOLDS]) for k in range(N_FOLDS)]


def _fit(x: np.ndarray, y: np.ndarray, c: float) -> LogisticRegression:
    model = LogisticRegression(C=c, max_iter=3000, solver="lbfgs")
    model.fit(x, y)
    return model


def best_threshold(y: np.ndarray, p: np.ndarray) -> tuple[float, float]:
    """The threshold with the highest F1 on (y, p); ties go to the higher threshold."""
    best = (0.5, 0.0)
    for th in np.round(np.arange(0.05, 0.96, 0.01), 2):
        pred = p >= th
        tp = float(np.sum(pred & (y == 1)))
        fp = float(np.sum(pred & (y == 0)))
        fn = float(np.sum(~pred & (y == 1)))
        f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
        if f1 >= best[1]:
            best = (float(th), f1)
    return best


def train(
    frameworks: Sequence[Framework],
    embedder,
    *,
    docs: Sequence[LabelledDocument] | None = None,
    progress: Callable[[str], None] | None = None,
) -> Scorer:
    say = progress or (lambda msg: log.info(msg))
    all_docs = docs if docs is not None else load_documents()
    dev = [d for d in select(all_docs, "dev") if d.norwegian]
    say(f"{len(dev)} dev documents, {sum(len(d.passages) for d in dev)} passages")
    index = build_index(frameworks, embedder)
    rows = training_rows(index, dev)
    say(f"{len(rows.texts)} training rows ({len(index.exemplar_texts)} framework exemplars); embedding …")
    emb = embedder.encode_passages(rows.embed_texts)
    dense = dense_features(emb, index, rows.exclude)
    lex = [lexical_features(t, index.lexicon) for t in rows.texts]
    feats = feature_tensor(dense, lex)
    n_t = len(index.theme_ids)
    folds = _folds(rows.groups)
    is_dev = np.asarray([g != "framework" for g in rows.groups])

    heads: dict[str, Head] = {}
    cv: dict[str, dict[str, float]] = {}
    lr_oof = np.zeros((len(rows.texts), n_t))
    for j, tid in enumerate(index.theme_ids):
        use = rows.use[:, j]
        y_all = (rows.labels[:, j] > 0).astype(np.int8)
        raw = head_inputs(emb, feats[:, :, 0], feats[:, j, :])
        mean = raw[use].mean(axis=0)
        scale = raw[use].std(axis=0) + 1e-6
        x_all = (raw - mean) / scale
        if y_all[use].sum() < 3:
            log.warning("theme %s has fewer than 3 positives; no head trained", tid)
            continue
        best_c, best_f1, best_oof = C_GRID[0], -1.0, None
        for c in C_GRID:
            oof = np.full(len(y_all), np.nan)
            for test_mask in folds:
                train_mask = use & ~test_mask
                if y_all[train_mask].sum() == 0 or y_all[train_mask].min() == y_all[train_mask].max():
                    continue
                m = _fit(x_all[train_mask], y_all[train_mask], c)
                sel = test_mask & is_dev
                if sel.any():
                    oof[sel] = m.predict_proba(x_all[sel])[:, 1]
            ok = ~np.isnan(oof)
            th, f1 = best_threshold(y_all[ok], oof[ok])
            if f1 > best_f1:
                best_c, best_f1, best_oof = c, f1, (th, oof)
        th, oof_best = best_oof
        lr_oof[:, j] = np.nan_to_num(oof_best, nan=0.0)
        model = _fit(x_all[use], y_all[use], best_c)
        heads[tid] = Head(tid, mean.astype(np.float32), scale.astype(np.float32), model.coef_[0], float(model.intercept_[0]), th)
        cv[tid] = {"C": best_c, "oof_f1": round(best_f1, 4), "threshold": th, "positives": int(y_all[use & is_dev].sum())}
        say(f"  {tid:<32} C={best_c:<5} threshold={th:.2f} out-of-fold F1={best_f1:.3f}")

    joint, joint_oof = _train_joint(rows, emb, feats, folds, is_dev, index.theme_ids, say)
    ngrams, ngram_oof = _train_ngrams(rows, folds, is_dev, index.theme_ids, say)
    relevance, r_th, r_cv, r_oof = _train_relevance(rows, emb, feats, folds, is_dev, ngram_oof[:, -1])
    say(f"  relevance, passage alone: threshold={r_th:.2f} (out-of-fold recall {r_cv['recall']:.3f}, precision {r_cv['precision']:.3f})")
    context, x_th, x_cv, gate_oof = _train_context_gate(rows, r_oof, folds, is_dev)
    say(f"  digital gate with context: threshold={x_th:.2f} (out-of-fold recall {x_cv['recall']:.3f}, precision {x_cv['precision']:.3f})")
    ties = _ties(rows, is_dev, index.theme_ids)
    oofs = (lr_oof, joint_oof, ngram_oof[:, : len(index.theme_ids)])
    heads, combined_cv = _combined_thresholds(heads, rows, is_dev, index.theme_ids, oofs, ties, gate_oof >= x_th)
    for tid, c in combined_cv.items():
        cv[tid].update(c)
    say(
        "  out-of-fold macro-F1: heads alone "
        f"{np.mean([c['oof_f1'] for c in cv.values()]):.3f}; heads + joint network + n-grams, behind the gate "
        f"{np.mean([c['combined_oof_f1'] for c in cv.values()]):.3f}"
    )

    concrete, c_th = _train_concrete(rows)
    generic, g_th = _train_generic(rows, feats)
    texts_hash = hashlib.sha256("\n".join(rows.texts).encode("utf-8")).hexdigest()
    metadata = {
        "trained_on": "dev split of corpora/eval + framework exemplars",
        "dev_documents": [d.id for d in dev],
        "training_rows": len(rows.texts),
        "training_text_sha256": texts_hash,
        "frameworks": {f.id: f.sha256 for f in frameworks},
        "cross_validation": cv,
        "relevance_passage_alone": r_cv,
        "digital_gate": x_cv,
        "folds": N_FOLDS,
        "c_grid": list(C_GRID),
        "joint_network": {"hidden": JOINT_HIDDEN, "alpha": JOINT_ALPHA, "members": JOINT_MEMBERS},
        "ngrams": {"range": list(NGRAM_RANGE), "C": NGRAM_C, "min_df": NGRAM_MIN_DF, "vocabulary": len(ngrams.vocabulary)},
        "tie_overlap": TIE_OVERLAP,
    }
    return Scorer(
        name=SCORER_NAME,
        model_id=embedder.model_id,
        model_checksum=embedder.checksum,
        dimension=int(emb.shape[1]),
        feature_names=FEATURE_NAMES,
        heads=heads,
        profile_themes=index.theme_ids,
        concrete=concrete,
        concrete_threshold=c_th,
        generic=generic,
        generic_threshold=g_th,
        relevance=relevance,
        relevance_threshold=r_th,
        context=context,
        context_threshold=x_th,
        metadata=metadata,
        joint=joint,
        ngrams=ngrams,
        ties=ties,
    )


def _ngram_vectorizer() -> TfidfVectorizer:
    return TfidfVectorizer(analyzer="char_wb", ngram_range=NGRAM_RANGE, min_df=NGRAM_MIN_DF, sublinear_tf=True, lowercase=True)


def _train_ngrams(
    rows: TrainingRows, folds: list[np.ndarray], is_dev: np.ndarray, theme_ids: tuple[str, ...], say: Callable[[str], None]
) -> tuple[NgramModel, np.ndarray]:
    """Per-theme logistic regression on character n-grams of the text (see align.score.ngrams).

    The vocabulary and idf are fitted inside each fold too, so the out-of-fold probabilities
    never see a held-out document's words. The last output column is RELEVANCE: "is the
    passage about digitalisation at all", trained on every row, for the digital gate."""
    y = np.concatenate([(rows.labels > 0), (rows.labels.max(axis=1) > 0)[:, None]], axis=1).astype(np.int8)
    use_all = np.concatenate([rows.use, np.ones((len(rows.texts), 1), dtype=bool)], axis=1)
    outputs = (*theme_ids, RELEVANCE)
    texts = np.asarray(rows.texts, dtype=object)
    oof = np.zeros(y.shape)
    for k, test_mask in enumerate(folds):
        sel = test_mask & is_dev
        if not sel.any():
            continue
        say(f"  n-gram classifiers, fold {k + 1}/{len(folds)} …")
        vec = _ngram_vectorizer()
        x_tr = vec.fit_transform(texts[~test_mask])
        x_sel = vec.transform(texts[sel])
        for j in range(len(outputs)):
            use = use_all[~test_mask, j]
            yj = y[~test_mask, j][use]
            if yj.min() != yj.max():
                oof[sel, j] = _fit(x_tr[use], yj, NGRAM_C).predict_proba(x_sel)[:, 1]
    say("  n-gram classifiers, all dev rows …")
    vec = _ngram_vectorizer()
    x = vec.fit_transform(texts)
    coef = np.zeros((x.shape[1], len(outputs)))
    intercept = np.full(len(outputs), -40.0)
    for j in range(len(outputs)):
        use = use_all[:, j]
        if y[use, j].min() != y[use, j].max():
            m = _fit(x[use], y[use, j], NGRAM_C)
            coef[:, j], intercept[j] = m.coef_[0], float(m.intercept_[0])
    vocabulary = {g: int(i) for g, i in vec.vocabulary_.items()}
    return NgramModel(outputs, vocabulary, vec.idf_.astype(np.float64), coef, intercept), oof


def _joint_rows(rows: TrainingRows) -> np.ndarray:
    """Rows the joint network learns from: every dev passage, and the framework exemplars
    whose label is unambiguous for all themes (no close sibling theme left unlabelled)."""
    return rows.use.all(axis=1)


def _fit_joint(x: np.ndarray, y: np.ndarray, seed: int) -> MLPClassifier:
    net = MLPClassifier(
        hidden_layer_sizes=(JOINT_HIDDEN,), alpha=JOINT_ALPHA, max_iter=300, batch_size=64,
        learning_rate_init=1e-3, random_state=seed,
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        return net.fit(x, y)


def _train_joint(
    rows: TrainingRows, emb: np.ndarray, feats: np.ndarray, folds: list[np.ndarray], is_dev: np.ndarray,
    theme_ids: tuple[str, ...], say: Callable[[str], None],
) -> tuple[JointNet, np.ndarray]:
    """One network for all themes at once, averaged with the per-theme heads.

    A linear head sees each theme alone; the network shares a hidden layer across themes, so
    themes with few labels borrow from related ones. Out-of-fold probabilities (same folds
    as the heads) are returned for choosing thresholds on the combined probability.
    """
    raw = joint_inputs(emb, feats)
    keep = _joint_rows(rows)
    mean = raw[keep].mean(axis=0)
    scale = raw[keep].std(axis=0) + 1e-6
    x = (raw - mean) / scale
    y = (rows.labels > 0).astype(np.int8)
    oof = np.zeros(y.shape)
    for k, test_mask in enumerate(folds):
        train_mask = keep & ~test_mask
        sel = test_mask & is_dev
        if not sel.any() or (y[train_mask].sum(axis=0) == 0).any():
            continue
        say(f"  joint network, fold {k + 1}/{len(folds)} …")
        oof[sel] = np.mean([_fit_joint(x[train_mask], y[train_mask], s).predict_proba(x[sel]) for s in range(JOINT_MEMBERS)], axis=0)
    say("  joint network, all dev rows …")
    nets = [_fit_joint(x[keep], y[keep], s) for s in range(JOINT_MEMBERS)]
    members = tuple((n.coefs_[0], n.intercepts_[0], n.coefs_[1], n.intercepts_[1]) for n in nets)
    return JointNet(tuple(theme_ids), mean, scale, members), oof


def _ties(rows: TrainingRows, is_dev: np.ndarray, theme_ids: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """Themes that the labelling guidelines treat as one (labelled together in at least
    TIE_OVERLAP of dev passages, both ways) get one shared probability: the mean of their
    models. Two models of the same thing, averaged, disagree less than either alone."""
    co = cooccurrence(rows.labels[is_dev])
    counts = (rows.labels[is_dev] > 0).sum(axis=0)
    out: dict[str, tuple[str, ...]] = {}
    for j, tid in enumerate(theme_ids):
        group = tuple(theme_ids[k] for k in range(len(theme_ids)) if k == j or (co[j, k] >= TIE_OVERLAP and co[k, j] >= TIE_OVERLAP))
        if len(group) > 1 and counts[j] > 0:
            out[tid] = group
    return out


def _combined_thresholds(
    heads: dict[str, Head], rows: TrainingRows, is_dev: np.ndarray, theme_ids: tuple[str, ...],
    oofs: tuple[np.ndarray, ...], ties: dict[str, tuple[str, ...]], gate: np.ndarray,
) -> tuple[dict[str, Head], dict[str, dict[str, float]]]:
    """Each theme's threshold on the probability `align check` uses (the mean of the heads,
    the network and the n-gram classifiers, then over tied themes), chosen for F1 on
    out-of-fold predictions of the engine as it runs: a passage the digital gate drops
    (`gate`, out of fold) is never a hit, whatever its probability."""
    col = {t: j for j, t in enumerate(theme_ids)}
    mixed = {t: np.mean([o[:, col[t]] for o in oofs], axis=0) for t in heads}
    out: dict[str, Head] = {}
    cv: dict[str, dict[str, float]] = {}
    for tid, head in heads.items():
        group = [t for t in ties.get(tid, (tid,)) if t in mixed]
        p = np.mean([mixed[t] for t in group], axis=0)
        y = (rows.labels[is_dev, col[tid]] > 0).astype(np.int8)
        th, f1 = best_threshold(y, np.where(gate, p, 0.0)[is_dev])
        out[tid] = Head(head.theme_id, head.mean, head.scale, head.coef, head.intercept, th)
        cv[tid] = {"combined_threshold": th, "combined_oof_f1": round(f1, 4)}
    return out, cv


def _train_concrete(rows: TrainingRows) -> tuple[LinearModel, float]:
    """Is a passage that addresses a theme a concrete measure (level 2) or a general aim?"""
    idx = [i for i in range(len(rows.texts)) if rows.labels[i].max() > 0]
    x = np.stack([concrete_features(commitment_of(rows.texts[i]), rows.texts[i]) for i in idx])
    y = np.asarray([int(rows.labels[i].max() == 2) for i in idx])
    mean = x.mean(axis=0)
    scale = x.std(axis=0) + 1e-6
    model = _fit((x - mean) / scale, y, 1.0)
    lm = LinearModel(mean, scale, model.coef_[0], float(model.intercept_[0]))
    th, _ = best_threshold(y, lm.probability(x))
    return lm, th


def _train_generic(rows: TrainingRows, feats: np.ndarray) -> tuple[LinearModel, float]:
    """One head for any theme, on the hand-made features only (no embedding weights).

    It serves themes of user-supplied frameworks, which have no labelled passages.
    """
    n, n_t, k = feats.shape
    x = feats.reshape(n * n_t, k)
    y = (rows.labels.reshape(n * n_t) > 0).astype(np.int8)
    use = rows.use.reshape(n * n_t)
    x, y = x[use], y[use]
    mean = x.mean(axis=0)
    scale = x.std(axis=0) + 1e-6
    model = _fit((x - mean) / scale, y, 1.0)
    lm = LinearModel(mean, scale, model.coef_[0], float(model.intercept_[0]))
    th, _ = best_threshold(y, lm.probability(x))
    return lm, th


RELEVANCE_RECALL = 0.95  # the gate may drop at most 5 % of truly digital dev passages


def _train_relevance(
    rows: TrainingRows, emb: np.ndarray, feats: np.ndarray, folds: list[np.ndarray], is_dev: np.ndarray,
    ngram_oof: np.ndarray,
) -> tuple[LinearModel, float, dict[str, float], np.ndarray]:
    """A gate for "is this passage about digitalisation at all?".

    Non-digital text (roads, water, sport) must never count as evidence, however much it
    talks about "samarbeid" or "sikkerhet". The threshold is the highest that keeps
    RELEVANCE_RECALL of the digital dev passages in cross-validation, so the gate removes
    noise without costing the heads their recall. The probability that counts is the mean
    of this model and the n-gram classifier's relevance output (`ngram_oof`, out of fold):
    together they are more precise at the same recall than either alone.
    """
    raw = relevance_inputs(emb, feats[:, :, 0], feats)
    y = (rows.labels.max(axis=1) > 0).astype(np.int8)
    mean = raw.mean(axis=0)
    scale = raw.std(axis=0) + 1e-6
    x = (raw - mean) / scale
    oof = np.full(len(y), np.nan)
    for test_mask in folds:
        m = _fit(x[~test_mask], y[~test_mask], 0.05)
        sel = test_mask & is_dev
        if sel.any():
            oof[sel] = (m.predict_proba(x[sel])[:, 1] + ngram_oof[sel]) / 2.0
    ok = ~np.isnan(oof)
    th, cv = _recall_threshold(y[ok], oof[ok])
    model = _fit(x, y, 0.05)
    return LinearModel(mean, scale, model.coef_[0], float(model.intercept_[0])), th, cv, oof


def _recall_threshold(y: np.ndarray, p: np.ndarray) -> tuple[float, dict[str, float]]:
    """The highest threshold (in steps of 0.01) that keeps RELEVANCE_RECALL of the positives."""
    pos = np.sort(p[y == 1])
    th = float(np.floor(pos[int((1 - RELEVANCE_RECALL) * len(pos))] * 100) / 100) if len(pos) else 0.5
    pred = p >= th
    tp = float(np.sum(pred & (y == 1)))
    return th, {
        "threshold": th,
        "recall": round(tp / max(1, int(np.sum(y == 1))), 4),
        "precision": round(tp / max(1, int(np.sum(pred))), 4),
    }


def _train_context_gate(
    rows: TrainingRows, r_oof: np.ndarray, folds: list[np.ndarray], is_dev: np.ndarray
) -> tuple[LinearModel, float, dict[str, float], np.ndarray]:
    """The digitalisation gate that also reads the passage's neighbours.

    Its inputs are the passage model's out-of-fold probabilities (never a document's own
    fitted values), grouped per dev document in reading order, so the gate learns how much
    to trust a digital-looking passage that sits among passages about roads or public
    health. Threshold: RELEVANCE_RECALL of the digital dev passages, out of fold.
    """
    dev_idx = np.flatnonzero(is_dev)
    groups = np.asarray(rows.groups)[dev_idx]
    y = (rows.labels[dev_idx].max(axis=1) > 0).astype(np.int8)
    raw = np.zeros((len(dev_idx), len(CONTEXT_FEATURES)))
    for doc in dict.fromkeys(groups):  # first-seen order = reading order within each document
        sel = np.flatnonzero(groups == doc)
        raw[sel] = context_inputs(r_oof[dev_idx[sel]])
    mean = raw.mean(axis=0)
    scale = raw.std(axis=0) + 1e-6
    x = (raw - mean) / scale
    oof = np.zeros(len(y))
    for test_mask in folds:
        tm = test_mask[dev_idx]
        if tm.any() and len(set(y[~tm])) == 2:  # a fold can be empty with fewer documents than folds
            oof[tm] = _fit(x[~tm], y[~tm], 1.0).predict_proba(x[tm])[:, 1]
    th, cv = _recall_threshold(y, oof)
    model = _fit(x, y, 1.0)
    oof_all = np.zeros(len(rows.texts))
    oof_all[dev_idx] = oof
    return LinearModel(mean, scale, model.coef_[0], float(model.intercept_[0])), th, cv, oof_all
