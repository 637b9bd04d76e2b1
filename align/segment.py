"""Document -> Passages: Norwegian sentences grouped within a section, with page span and headings.

Sentences come from spaCy's Norwegian tokenizer with our own boundary rule, because the
stock sentencizer splits after every abbreviation ("jf. kap. 3", "2,5 mill. kr") that
municipal documents are full of. A passage never crosses a heading, so the heading path
it carries is always the one it sits under.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from align.language import detect_language
from align.model import BlockKind, Document, Passage

# Abbreviations after which a sentence does not end, whatever follows.
NEVER_END = frozenset(
    """f.eks. bl.a. jf. jfr. ca. kap. nr. mill. mrd. avd. pr. iht. ift. evt. inkl. ekskl. dvs.
    mht. vha. ang. bla. adm. tlf. t.o.m. f.o.m. o.l. m.fl. pkt. jmf. vedr. ref. stk. st. s. ev.
    t.d. m.a. høvesvis""".split()
)
# Abbreviations that often close a sentence: end only when a capitalised word follows.
MAY_END = frozenset("kr. mv. m.m. osv. o.a. etc. mnd. år. stk. m.v.".split())
_TERMINALS = frozenset({".", "!", "?", "…", "..."})

MAX_WORDS = 90  # the embedding model reads ~512 tokens, but shorter passages quote better
MIN_WORDS = 12  # a lone short sentence is merged with its neighbour in the same block group


@Language.component("align_sentences")
def _align_sentences(doc: Doc) -> Doc:
    """Mark sentence starts, respecting Norwegian abbreviations and ordinals."""
    for i, tok in enumerate(doc):
        if i == 0:
            tok.is_sent_start = True
            continue
        prev = doc[i - 1]
        starts_upper = tok.text[:1].isupper() or tok.text[:1] in "«\"“(–-•"
        p = prev.lower_
        if p == "." and i >= 2 and not doc[i - 2].whitespace_:
            p = doc[i - 2].lower_ + "."  # the tokenizer split "kap." into "kap" + "."
        if p in _TERMINALS:
            end = starts_upper or tok.text[:1].isdigit()
        elif p.endswith(".") and len(p) > 1:
            if p in NEVER_END:
                end = False
            elif p in MAY_END or p[:-1].replace(".", "").isdigit():
                end = starts_upper
            else:
                end = starts_upper
        else:
            end = False
        tok.is_sent_start = end
    return doc


@lru_cache(maxsize=1)
def nlp() -> Language:
    """The Norwegian pipeline, built once per process (tokenizer + our sentence rule)."""
    pipe = spacy.blank("nb")
    pipe.add_pipe("align_sentences")
    return pipe


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences in `text`."""
    if not text.strip():
        return []
    doc = nlp()(text)
    spans = []
    for sent in doc.sents:
        start, end = sent.start_char, sent.end_char
        if text[start:end].strip():
            spans.append((start, end))
    return spans


@dataclass(frozen=True, slots=True)
class _Sentence:
    page: int
    start: int  # offset in that page's text
    end: int
    text: str
    kind: BlockKind
    block_key: tuple[int, int]  # (page, block start): sentences of one block stay together if they can


def _section_runs(document: Document) -> Iterator[tuple[tuple[str, ...], list[_Sentence]]]:
    """Yield (heading path, sentences) for each run of text between two headings."""
    path: list[tuple[int, str]] = []
    run: list[_Sentence] = []
    for page in document.pages:
        for block in page.blocks:
            if block.kind is BlockKind.HEADING:
                if run:
                    yield tuple(t for _, t in path), run
                    run = []
                level = block.heading_level or 1
                path = [(lv, t) for lv, t in path if lv < level]
                path.append((level, " ".join(block.text.split())))
                continue
            if block.kind in (BlockKind.LIST_ITEM, BlockKind.TABLE_ROW):
                spans = [(0, len(block.text))]  # an item or a row is one unit
            else:
                spans = split_sentences(block.text)
            for s, e in spans:
                raw = block.text[s:e]
                lead = len(raw) - len(raw.lstrip())
                trail = len(raw.rstrip())
                run.append(
                    _Sentence(
                        page=page.index,
                        start=block.start + s + lead,
                        end=block.start + s + trail,
                        text=" ".join(raw.split()),
                        kind=block.kind,
                        block_key=(page.index, block.start),
                    )
                )
    if run:
        yield tuple(t for _, t in path), run


def _group(sentences: Sequence[_Sentence]) -> list[list[_Sentence]]:
    """Greedy grouping into passages of at most MAX_WORDS words.

    Table rows stay single (a row is a measure of its own). A paragraph's sentences are kept
    together where they fit, and a list's lead-in sentence stays with its first items.
    """
    groups: list[list[_Sentence]] = []
    cur: list[_Sentence] = []
    words = 0
    for s in sentences:
        n = len(s.text.split())
        if s.kind is BlockKind.TABLE_ROW:
            if cur:
                groups.append(cur)
            groups.append([s])
            cur, words = [], 0
            continue
        new_block = bool(cur) and s.block_key != cur[-1].block_key
        list_continues = s.kind is BlockKind.LIST_ITEM and cur and cur[-1].kind is BlockKind.LIST_ITEM
        lead_in = s.kind is BlockKind.LIST_ITEM and cur and cur[-1].text.endswith(":")
        too_big = words + n > MAX_WORDS
        if cur and (too_big or (new_block and words >= MIN_WORDS and not (list_continues or lead_in))):
            groups.append(cur)
            cur, words = [], 0
        cur.append(s)
        words += n
    if cur:
        groups.append(cur)
    return groups


def passage_id(sha256: str, page: int, start: int, end_page: int, end: int) -> str:
    """Stable id from the file's hash and the passage's place in it."""
    key = f"{sha256}:{page}:{start}:{end_page}:{end}".encode()
    return hashlib.sha256(key).hexdigest()[:16]


def segment(document: Document) -> tuple[Passage, ...]:
    """Split a document into passages for embedding and scoring, in reading order."""
    out: list[Passage] = []
    for path, run in _section_runs(document):
        for group in _group(run):
            first, last = group[0], group[-1]
            text = " ".join(s.text for s in group)
            kind = first.kind if all(s.kind is first.kind for s in group) else BlockKind.PARAGRAPH
            out.append(
                Passage(
                    id=passage_id(document.sha256, first.page, first.start, last.page, last.end),
                    text=text,
                    page_start=first.page,
                    page_end=last.page,
                    heading_path=path,
                    char_start=first.start,
                    char_end=last.end,
                    language=detect_language(text),
                    kind=kind,
                )
            )
    return tuple(out)
