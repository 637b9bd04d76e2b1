"""check(path) -> Assessment: the only module that wires the stages together."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from align import __version__
from align.errors import NotNorwegian
from align.frameworks import load_frameworks
from align.language import document_language, norwegian_variant
from align.model import (
    SCHEMA_VERSION,
    Assessment,
    Document,
    DocumentInfo,
    Framework,
    FrameworkResult,
    Level,
    RunInfo,
    Summary,
)
from align.score import score_passages
from align.score.heads import Scorer, load_scorer
from align.segment import segment

LANGUAGE_NAMES = {"sv": "svensk", "da": "dansk", "en": "engelsk"}


@dataclass(frozen=True)
class Settings:
    """What a check depends on besides the file; recorded in the result and in batch keys."""

    model: str | None = None
    precision: str | None = None
    cache_dir: str | None = None
    frameworks: tuple[str, ...] = ()
    scorer_path: str | None = None
    lang: str = "nb"
    workers: int = 1


def summarise(frameworks: Sequence[FrameworkResult]) -> Summary:
    counts = {lv.value: 0 for lv in Level}
    gaps = []
    for f in frameworks:
        for t in f.themes:
            counts[t.level.value] += 1
            if t.level is Level.MANGLER:
                gaps.append((t.probability, t.id))
    gaps.sort()
    return Summary(counts=tuple(counts.items()), top_gaps=tuple(t for _, t in gaps[:5]))


def assess_document(
    document: Document,
    frameworks: Sequence[Framework],
    embedder,
    scorer: Scorer,
    *,
    lang: str = "nb",
    municipality: str | None = None,
) -> Assessment:
    """Segment and score an extracted document."""
    passages = segment(document)
    language = document_language([p.text for p in passages])
    if language not in ("nb", "nn", "mixed"):
        raise NotNorwegian(
            f"The document is written in {LANGUAGE_NAMES.get(language, language)} ({language}), not Norwegian: "
            f"{document.path}. align assesses plans in bokmål or nynorsk only."
        )
    passages = tuple(replace(p, language=norwegian_variant(p.text, language)) for p in passages)
    page_labels = {p.index: p.label for p in document.pages}
    scored = score_passages(passages, frameworks, embedder, scorer, page_labels=page_labels, lang=lang)
    info = DocumentInfo(
        path=Path(document.path).name,
        sha256=document.sha256,
        pages=document.page_count,
        language=language,
        title=document.title,
        municipality=municipality,
        warnings=document.warnings,
    )
    run = RunInfo(
        tool_version=__version__,
        model_id=embedder.model_id,
        model_precision=embedder.precision,
        model_checksum=embedder.checksum,
        scorer=scorer.name,
        scorer_checksum=scorer.checksum,
        frameworks=tuple((f.id, f.version) for f in frameworks),
    )
    return Assessment(SCHEMA_VERSION, info, scored.frameworks, run, summarise(scored.frameworks))


def check(
    path: str | Path,
    *,
    settings: Settings | None = None,
    municipality: str | None = None,
) -> Assessment:
    """Run the whole pipeline on one file."""
    from align.embed import get_embedder
    from align.extract import extract

    s = settings or Settings()
    frameworks = load_frameworks(s.frameworks)
    scorer = load_scorer(s.scorer_path)
    document = extract(path, workers=s.workers)
    embedder = get_embedder(s.model, s.precision, s.cache_dir)
    return assess_document(document, frameworks, embedder, scorer, lang=s.lang, municipality=municipality)
