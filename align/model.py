"""The data passed between the pipeline's stages.

Every stage takes and returns these frozen dataclasses, never loose dicts, so a stage
can be tested alone and a result can be traced back to a page of the input. This module
does no I/O and no rendering; JSON lives in `align.report.json_io`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

ThemeId = str
PageNo = int

SCHEMA_VERSION = "1.0"


class BlockKind(str, Enum):
    """What a block of text on a page is, as recovered from the layout."""

    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list_item"
    TABLE_ROW = "table_row"


class Level(str, Enum):
    """How well a plan covers a theme. The values are the product's own Norwegian words."""

    DEKKET = "dekket"  # covered concretely: measure with owner, deadline, money or target
    NEVNT = "nevnt"  # mentioned in general terms
    MANGLER = "mangler"  # gap: nothing in the plan addresses it
    DELEGERT = "delegert"  # handed to another named plan
    USIKKER = "usikker"  # borderline evidence, or the signals disagree


@dataclass(frozen=True, slots=True)
class Block:
    """A run of text on one page: a heading, a paragraph, a list item or a table row.

    `start`/`end` are character offsets into the owning `Page.text`, so that
    `page.text[block.start:block.end] == block.text` always holds.
    """

    kind: BlockKind
    text: str
    page: PageNo
    start: int
    end: int
    heading_level: int | None = None  # 1 = top level; only for headings
    bbox: tuple[float, float, float, float] | None = None  # x0, top, x1, bottom in PDF points

    def __post_init__(self) -> None:
        if self.page < 1:
            raise ValueError(f"Block.page ({self.page}) must be 1 or more")
        if self.end < self.start:
            raise ValueError(f"Block.end ({self.end}) is before start ({self.start})")


@dataclass(frozen=True, slots=True)
class Page:
    """One page in PDF order. `index` is 1-based; `label` is the number printed on it."""

    index: PageNo
    label: str | None
    text: str
    blocks: tuple[Block, ...] = ()
    has_text_layer: bool = True
    ocr: bool = False

    def __post_init__(self) -> None:
        if self.index < 1:
            raise ValueError(f"Page.index ({self.index}) must be 1 or more")


@dataclass(frozen=True, slots=True)
class Section:
    """A heading and everything under it until the next heading of the same or higher level."""

    title: str
    level: int
    page: PageNo
    number: str | None = None  # "3.2" when the heading is numbered
    children: tuple[Section, ...] = ()


@dataclass(frozen=True, slots=True)
class Document:
    """A whole input file after extraction."""

    path: str
    sha256: str
    pages: tuple[Page, ...]
    sections: tuple[Section, ...] = ()
    title: str | None = None
    warnings: tuple[str, ...] = ()
    source_format: str = "pdf"

    @property
    def page_count(self) -> int:
        return len(self.pages)


@dataclass(frozen=True, slots=True)
class Passage:
    """A few consecutive sentences inside one section: the unit that is embedded and scored.

    `char_start`/`char_end` are offsets into `Page.text` of `page_start` (start) and of
    `page_end` (end).
    """

    id: str
    text: str
    page_start: PageNo
    page_end: PageNo
    heading_path: tuple[str, ...]
    char_start: int
    char_end: int
    language: str = "nb"
    kind: BlockKind = BlockKind.PARAGRAPH

    def __post_init__(self) -> None:
        if self.page_end < self.page_start:
            raise ValueError(
                f"Passage.page_end ({self.page_end}) is before page_start ({self.page_start})"
            )


# ---- frameworks -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LocalText:
    """A text a user reads, in the three report languages."""

    nb: str
    nn: str
    en: str

    def get(self, lang: str) -> str:
        return {"nb": self.nb, "nn": self.nn, "en": self.en}.get(lang, self.nb)


@dataclass(frozen=True, slots=True)
class SourceRef:
    """Where a framework element comes from: document, chapter, URL, and whether we confirmed it."""

    ref: str
    title: str
    chapter: str | None
    url: str | None
    status: str  # "confirmed" | "UNCONFIRMED"


@dataclass(frozen=True, slots=True)
class Exemplar:
    text: str
    lang: str  # "nb" | "nn"
    level: int  # 1 general aim, 2 concrete measure


@dataclass(frozen=True, slots=True)
class Expectation:
    id: str
    statement: str
    exemplars: tuple[Exemplar, ...]
    keywords: tuple[str, ...]
    phrases: tuple[str, ...] = ()
    solutions: tuple[str, ...] = ()
    negative_cues: tuple[str, ...] = ()
    source: SourceRef | None = None


@dataclass(frozen=True, slots=True)
class Theme:
    id: ThemeId
    title: LocalText
    description: str
    advice: LocalText
    expectations: tuple[Expectation, ...]
    source: SourceRef | None = None
    canonical: bool = True


@dataclass(frozen=True, slots=True)
class Framework:
    id: str
    title: LocalText
    version: str
    publisher: str
    status: str
    sources: tuple[SourceRef, ...]
    themes: tuple[Theme, ...]
    path: str = ""
    sha256: str = ""

    def theme(self, theme_id: ThemeId) -> Theme:
        for t in self.themes:
            if t.id == theme_id:
                return t
        raise KeyError(theme_id)


# ---- results --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Commitment:
    """Signals in a passage that it is a concrete commitment rather than a general aim."""

    obligation: tuple[str, ...] = ()  # "skal", "vil", "bør" ... as found
    owner: tuple[str, ...] = ()  # "kommunedirektøren", "IKT-avdelingen"
    deadline: tuple[str, ...] = ()  # "innen 2026", "2. kvartal 2025"
    amount: tuple[str, ...] = ()  # "2,5 mill. kr"
    target: tuple[str, ...] = ()  # "80 prosent", "indikator"

    @property
    def concrete(self) -> bool:
        return bool(self.owner or self.deadline or self.amount or self.target)


@dataclass(frozen=True, slots=True)
class Evidence:
    """A passage of the plan quoted as evidence for (or closest to) a theme."""

    passage_id: str
    page: PageNo
    page_label: str | None
    page_end: PageNo
    text: str
    heading: str
    probability: float
    keywords: tuple[str, ...] = ()
    expectation_ids: tuple[str, ...] = ()
    commitment: Commitment = field(default_factory=Commitment)

    def __post_init__(self) -> None:
        if not 0.0 <= self.probability <= 1.0:
            raise ValueError(f"Evidence.probability ({self.probability}) is outside [0, 1]")


@dataclass(frozen=True, slots=True)
class ExpectationResult:
    """Whether the plan meets one expectation of a theme, and the best probability found."""

    id: str
    statement: str
    met: bool
    probability: float
    best_page: PageNo | None = None


@dataclass(frozen=True, slots=True)
class ThemeResult:
    id: ThemeId
    title: str
    level: Level
    score: int  # 0-100, see README "Scores"
    probability: float  # probability the plan addresses the theme at all
    evidence: tuple[Evidence, ...] = ()
    closest: tuple[Evidence, ...] = ()  # for gaps: best passages below the threshold
    delegated_to: str | None = None
    reason: str = ""
    expectations: tuple[ExpectationResult, ...] = ()  # short machine-readable why, e.g. "concrete-evidence", "signals-disagree"


@dataclass(frozen=True, slots=True)
class FrameworkResult:
    id: str
    title: str
    version: str
    score: int
    themes: tuple[ThemeResult, ...]


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    path: str
    sha256: str
    pages: int
    language: str  # nb | nn | mixed | ISO code of another language
    title: str | None = None
    municipality: str | None = None
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class RunInfo:
    """What produced a result, so it can be reproduced and compared."""

    tool_version: str
    model_id: str
    model_precision: str
    model_checksum: str
    scorer: str
    scorer_checksum: str
    frameworks: tuple[tuple[str, str], ...]  # (id, version)


@dataclass(frozen=True, slots=True)
class Assessment:
    schema_version: str
    document: DocumentInfo
    frameworks: tuple[FrameworkResult, ...]
    run: RunInfo
    summary: Summary | None = None


@dataclass(frozen=True, slots=True)
class Summary:
    """Counts per level over all themes, and the most important gaps (theme ids, worst first)."""

    counts: tuple[tuple[str, int], ...]  # (level value, count), in Level order
    top_gaps: tuple[ThemeId, ...]
