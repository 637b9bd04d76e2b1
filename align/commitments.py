"""Commitment signals: does a passage promise something concrete?

A theme is only `dekket` when the plan commits to something: an owner, a deadline, money
or a measurable target. These are found with spaCy token patterns on the Norwegian
tokenizer, written for both bokmål and nynorsk.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.matcher import Matcher

from align.model import Commitment
from align.segment import nlp

_OBLIGATION = ["skal", "vil", "bør", "må", "lyt", "skulle", "forplikter", "forpliktar"]
_OWNER_PREFIX = (
    r"^(kommunedirektør|rådmann|rådmenn|kommunalsjef|kommunalområde|ikt-|it-|personvernombu|"
    r"personvernombod|digitaliseringsled|digitaliseringsleiar|digitaliseringsrådgiv|servicetorg|"
    r"fagled|fagleiar|enhetsled|einingsleiar|prosjektled|prosjektleiar|styringsgrupp|kommunestyr|"
    r"formannskap|økonomisjef|personalsjef|hr-|tenesteområd|tjenesteområd|virksomhetsled|"
    r"verksemdsleiar|sikkerhetsled|tryggleiksleiar|informasjonssikkerhetsled|stab|"
    r"bibliotek|helse- og omsorgs|oppvekstsjef|helsesjef|teknisk sjef|porteføljeråd|digitaliseringsråd)"
)
_OWNER_SUFFIX = (
    r"(avdelingen|avdelinga|enheten|eininga|tjenesten|tenesta|kontoret|seksjonen|staben|sektoren|"
    r"etaten|etaten|området|tenesteområdet|tjenesteområdet|rådet|utvalet|utvalget|gruppa|gruppen)$"
)
_YEAR = r"^20[2-4]\d$"
_MONTHS = (
    "januar|februar|mars|april|mai|juni|juli|august|september|oktober|november|desember|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|okt|nov|des"
)


@lru_cache(maxsize=1)
def _matcher() -> Matcher:
    m = Matcher(nlp().vocab)
    m.add("obligation", [[{"LOWER": {"IN": _OBLIGATION}}]])
    m.add(
        "owner",
        [
            [{"LOWER": {"REGEX": _OWNER_PREFIX}}],
            [{"LOWER": {"REGEX": _OWNER_SUFFIX}, "IS_TITLE": True}],
            [{"LOWER": {"REGEX": r"^[a-zæøå-]{3,}" + _OWNER_SUFFIX}}],
            [{"LOWER": {"IN": ["ansvar", "ansvarlig", "ansvarleg", "eier", "eigar"]}}, {"ORTH": ":"}, {"IS_ALPHA": True}],
        ],
    )
    m.add(
        "deadline",
        [
            [{"LOWER": {"IN": ["innen", "innan", "før", "fra", "frå", "i", "per", "pr.", "til", "høsten", "hausten", "våren", "sommaren", "sommeren"]}}, {"TEXT": {"REGEX": _YEAR}}],
            [{"LOWER": {"IN": ["innen", "innan", "frist", "tidsfrist"]}}, {"IS_PUNCT": True, "OP": "?"}, {"LOWER": {"REGEX": "^(utgangen|utgongen|slutten|enden)$"}, "OP": "?"}, {"LOWER": "av", "OP": "?"}, {"TEXT": {"REGEX": r"^(\d{1,2}\.|20[2-4]\d|" + _MONTHS + ")$"}}],
            [{"TEXT": {"REGEX": r"^[1-4]\.$"}}, {"LOWER": {"IN": ["kvartal", "tertial", "halvår", "halvår"]}}],
            [{"TEXT": {"REGEX": r"^[1-3]?\d\.$"}}, {"LOWER": {"REGEX": "^(" + _MONTHS + ")$"}}, {"TEXT": {"REGEX": _YEAR}, "OP": "?"}],
            [{"LOWER": {"REGEX": r"^(q[1-4]|t[1-3])$"}}, {"TEXT": {"REGEX": _YEAR}, "OP": "?"}],
            [{"LOWER": {"IN": ["frist", "tidsfrist", "tidspunkt", "ferdig"]}}, {"ORTH": ":"}, {"IS_ASCII": True}],
            [{"TEXT": {"REGEX": r"^20[2-4]\d[–-]20[2-4]\d$"}}],
        ],
    )
    m.add(
        "amount",
        [
            [{"LIKE_NUM": True}, {"LIKE_NUM": True, "OP": "?"}, {"LOWER": {"REGEX": r"^(kr\.?|kroner|nok|mill\.?|millioner|mnok|mrd\.?|milliarder|tusen|tkr|kroner,-)$"}}],
            [{"LOWER": {"REGEX": r"^kr\.?$"}}, {"LIKE_NUM": True}],
            [{"TEXT": {"REGEX": r"^\d[\d ]*,-$"}}],
            [{"LOWER": {"IN": ["budsjett", "kostnad", "kostnader", "investering", "ramme", "tilskudd", "tilskot", "løyving", "bevilgning"]}}, {"ORTH": ":"}, {"LIKE_NUM": True}],
        ],
    )
    m.add(
        "target",
        [
            [{"LIKE_NUM": True}, {"LOWER": {"IN": ["prosent", "%", "pst", "pst."]}}],
            [{"TEXT": {"REGEX": r"^\d+(,\d+)?%$"}}],
            [{"LOWER": {"REGEX": r"^(indikator|måltal|måltall|resultatmål|kpi|målepunkt|målt|måling|målinga|målingen)"}}],
            [{"LOWER": {"IN": ["minst", "maks", "maksimalt", "halvere", "halvera", "doble", "dobla"]}}, {"LIKE_NUM": True}],
            [{"LOWER": {"IN": ["målet", "målsetjinga", "målsettingen"]}}, {"LOWER": {"IN": ["er", "skal"]}}],
        ],
    )
    return m


def commitments(text: str) -> Commitment:
    """The commitment signals found in one passage, each as the words that showed it."""
    doc = nlp()(text)
    found: dict[str, list[str]] = {k: [] for k in ("obligation", "owner", "deadline", "amount", "target")}
    for match_id, start, end in _matcher()(doc):
        label = nlp().vocab.strings[match_id]
        span = doc[start:end].text
        if span not in found[label]:
            found[label].append(span)
    # keep the longest matches only, in text order (a deadline "innen 2026" absorbs "2026")
    def tidy(items: list[str]) -> tuple[str, ...]:
        keep = [s for s in items if not any(s != o and s in o for o in items)]
        return tuple(keep[:4])

    return Commitment(
        obligation=tidy([s.lower() for s in found["obligation"]]),
        owner=tidy(found["owner"]),
        deadline=tidy(found["deadline"]),
        amount=tidy(found["amount"]),
        target=tidy(found["target"]),
    )
