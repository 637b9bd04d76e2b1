"""Keyword evidence that understands Norwegian compounds.

Norwegian writes compounds as one word ("informasjonssikkerhetsarbeidet",
"velferdsteknologiløsningar"), so a keyword must match inside a word, not only whole
tokens. A keyword matches at the start of a word, or inside a word when it is long enough
(LONG) to be a compound part rather than an accident ("ros" must not match "prosess", but
"sikkerhet" matches inside "informasjonssikkerhet"). A negative cue that covers the same
stretch of text ("trafikksikkerhet") cancels the hit.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

LONG = 6  # keywords at least this long may match inside a compound
_LETTER = re.compile(r"[a-zæøåäöéèòóüàâ0-9]", re.IGNORECASE)


def normalise(text: str) -> str:
    """Lower case, unified dashes and quotes, single spaces: what keywords are matched on."""
    text = text.lower().replace("\u00ad", "")
    text = re.sub(r"[‐-―−]", "-", text)
    return " ".join(text.split())


@dataclass(frozen=True, slots=True)
class Hit:
    term: str
    start: int
    end: int


class TermSet:
    """A list of terms compiled into one regular expression, matched compound-aware."""

    def __init__(self, terms: Iterable[str], *, allow_inside: bool = True) -> None:
        self.terms: dict[str, str] = {}
        for term in terms:
            t = normalise(term)
            if t and t not in self.terms:
                self.terms[t] = term
        self.allow_inside = allow_inside
        alts = sorted(self.terms, key=len, reverse=True)  # longest first
        body = "|".join(r"\s+".join(re.escape(w) for w in t.split()) for t in alts)
        self._re = re.compile(f"(?=({body}))") if alts else None

    def find_normalised(self, norm: str) -> list[Hit]:
        if self._re is None:
            return []
        hits = []
        for m in self._re.finditer(norm):
            s, e = m.start(1), m.end(1)
            t = " ".join(m.group(1).split())
            at_start = s == 0 or not _LETTER.match(norm[s - 1])
            if at_start or (self.allow_inside and len(t.replace(" ", "")) >= LONG):
                hits.append(Hit(self.terms[t], s, e))
        return hits

    def find(self, text: str) -> list[Hit]:
        return self.find_normalised(normalise(text))


@lru_cache(maxsize=4096)
def _termset(terms: tuple[str, ...], allow_inside: bool) -> TermSet:
    return TermSet(terms, allow_inside=allow_inside)


def find_terms(text: str, terms: Iterable[str], *, allow_inside: bool = True) -> list[Hit]:
    """Every place a term occurs in the text, compound-aware (see module doc)."""
    return _termset(tuple(terms), allow_inside).find(text)


def _covered(hit: Hit, blockers: Sequence[Hit]) -> bool:
    return any(b.start <= hit.start and hit.end <= b.end + 1 or (b.start < hit.end and hit.start < b.end) for b in blockers)


@dataclass(frozen=True, slots=True)
class LexicalEvidence:
    keywords: tuple[str, ...]  # distinct keywords, phrases and solutions that matched
    n_keywords: int
    n_phrases: int
    n_solutions: int
    n_negative: int


def match(
    text: str,
    keywords: Sequence[str],
    phrases: Sequence[str] = (),
    solutions: Sequence[str] = (),
    negative_cues: Sequence[str] = (),
) -> LexicalEvidence:
    """Lexical evidence of one passage for one expectation or theme."""
    neg = find_terms(text, negative_cues)
    kw = [h for h in find_terms(text, keywords) if not _covered(h, neg)]
    ph = [h for h in find_terms(text, phrases) if not _covered(h, neg)]
    so = find_terms(text, solutions, allow_inside=False)
    found = sorted({h.term for h in (*kw, *ph, *so)})
    return LexicalEvidence(
        keywords=tuple(found),
        n_keywords=len({h.term for h in kw}),
        n_phrases=len({h.term for h in ph}),
        n_solutions=len({h.term for h in so}),
        n_negative=len({h.term for h in neg}),
    )


# Words that say a passage is about digitalisation at all, in either written standard.
DIGITAL_TERMS: tuple[str, ...] = (
    "digital", "digitalis", "ikt", "it-avdeling", "it-tjenest", "it-system", "it-drift",
    "elektronisk", "teknolog", "programvare", "fagsystem", "skytjenest", "skyteneste",
    "nettløsning", "nettside", "internett", "bredbånd", "breiband", "fiber", "mobildekning",
    "datadeling", "informasjonssikkerhet", "personvern", "kunstig intelligens", "maskinlæring",
    "algoritm", "automatiser", "robotis", "svarut", "svarinn", "ks fiks", "id-porten", "altinn",
    "bankid", "helsenorge", "velferdsteknologi", "e-helse", "chatbot", "sensor", "min side",
    "selvbetjening", "sjølvbetjening", "innbyggerportal", "innbyggjarportal", "datasenter",
)
