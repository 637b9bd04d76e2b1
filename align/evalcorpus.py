"""The labelled evaluation documents in corpora/eval: loading, gold levels, the fixed split.

Documents, not passages, are the unit of the split, so no test document shares text with
training; the split file also holds out whole writers (styles), so `align eval` can say how
much worse we do on a style we never trained on.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path


from align.canonical import ALL_CANONICAL
from align.errors import InputError
from align.frameworks import parse_yaml


@dataclass(frozen=True, slots=True)
class LabelledPassage:
    text: str
    labels: tuple[tuple[str, int], ...]  # (theme id, level 1|2)
    delegates: tuple[tuple[str, str], ...]  # (theme id, name of the plan it points to)
    heading: tuple[str, ...]
    doc_id: str
    index: int  # position in the document

    @property
    def themes(self) -> frozenset[str]:
        return frozenset(t for t, _ in self.labels)

    def level(self, theme: str) -> int:
        return dict(self.labels).get(theme, 0)


@dataclass(frozen=True, slots=True)
class LabelledDocument:
    id: str
    title: str
    municipality: str
    doc_type: str
    language: str
    author: str
    passages: tuple[LabelledPassage, ...]
    split: str  # dev | test
    style: str  # seen | unseen (test documents only: was the writer in dev?)

    @property
    def norwegian(self) -> bool:
        return self.language in ("nb", "nn")

    def gold(self, theme: str) -> int | str:
        """0 gap, 1 mentioned, 2 concrete, or 'delegert' (see GUIDELINES.md)."""
        levels = [p.level(theme) for p in self.passages if p.level(theme)]
        if not levels:
            return 0
        delegated = [theme in dict(p.delegates) for p in self.passages if p.level(theme)]
        if all(delegated):
            return "delegert"
        return max(levels)


def eval_dir() -> Path:
    return Path(str(resources.files("align_corpora") / "eval"))


@lru_cache(maxsize=2)
def load_split(folder: str | None = None) -> dict[str, object]:
    path = Path(folder or eval_dir()) / "split.yaml"
    return parse_yaml(path.read_text("utf-8"))


def _load_doc(path: Path, split: dict[str, object]) -> LabelledDocument:
    data = parse_yaml(path.read_text("utf-8"))
    passages: list[LabelledPassage] = []
    for sec in data["sections"]:
        heading = (str(sec.get("heading", "")),)
        for p in sec.get("passages") or []:
            labels = p.get("labels") or {}
            for t, lv in labels.items():
                if t not in ALL_CANONICAL or lv not in (1, 2):
                    raise InputError(f"{path.name}: passage {len(passages)}: bad label {t}: {lv}")
            passages.append(
                LabelledPassage(
                    text=" ".join(str(p["text"]).split()),
                    labels=tuple(sorted(labels.items())),
                    delegates=tuple(sorted((p.get("delegates") or {}).items())),
                    heading=heading,
                    doc_id=data["id"],
                    index=len(passages),
                )
            )
    test_ids = set(split.get("test", []))  # type: ignore[arg-type]
    unseen = set(split.get("unseen_authors", []))  # type: ignore[arg-type]
    return LabelledDocument(
        id=data["id"],
        title=data.get("title", data["id"]),
        municipality=data.get("municipality", ""),
        doc_type=data.get("doc_type", ""),
        language=data.get("language", "nb"),
        author=data.get("author", ""),
        passages=tuple(passages),
        split="test" if data["id"] in test_ids or data.get("author") in unseen else "dev",
        style="unseen" if data.get("author") in unseen else "seen",
    )


@lru_cache(maxsize=2)
def load_documents(folder: str | None = None) -> tuple[LabelledDocument, ...]:
    """All labelled documents, sorted by id."""
    root = Path(folder or eval_dir())
    split = load_split(str(root))
    return tuple(_load_doc(p, split) for p in sorted((root / "docs").glob("*.yaml")))


def select(docs: Sequence[LabelledDocument], split: str) -> tuple[LabelledDocument, ...]:
    if split == "all":
        return tuple(docs)
    return tuple(d for d in docs if d.split == split)
