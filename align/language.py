"""Which language a text is in: bokmål, nynorsk, or Swedish, Danish, English.

A function-word profile is enough here: the written standards differ most in the small
words (ikke/ikkje, jeg/eg, fra/frå, av/af, och/og), which every passage has. It is
deterministic, needs no model download, and tells bokmål from nynorsk, which general
language detectors often cannot.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

# Words that point to one language more than to its neighbours. Shared words (og, i, på,
# skal, kommunen) are left out on purpose: they say nothing about which language it is.
_MARKERS: dict[str, frozenset[str]] = {
    "nb": frozenset(
        """ikke jeg hun hva hvordan hvorfor hvilke hvilken fra være vært bare mer mye noe noen
        selv tjenester tjenestene ansatte innbyggere innbyggerne flere gjøre gjøres økt økte sammen
        derfor hver annet også nå blir ble bli mellom gjennom kommer hvis etter dem deres våre
        vår vårt sine skolen barnehagen mange gode godt skal være viktig digitale løsninger
        tjeneste tiltakene arbeidet utviklingen behov fremtiden framtiden bedre enkelt enklere
        sikre sikkerhet kunnskap mulig muligheter innenfor utenfor de hele egen eget egne mye
        bruker brukere virksomhet virksomheter ledere lederne ledelse enhet enheten enheter
        systemer løsningene målene årene tjenestene innbyggernes ansattes hvor""".split()
    ),
    "nn": frozenset(
        """ikkje eg ho kva korleis kvifor frå vere vore berre meir mykje noko nokre nokon
        sjølv tenester tenestene tilsette innbyggjarar innbyggjarane fleire gjere gjerast auka saman
        difor kvar anna òg no vert vart verte blitt mellom gjennom kjem dersom etter dei deira våre
        vår sine skulen barnehagen mange gode godt skal vere viktig digitale løysingar
        teneste tiltaka arbeidet utviklinga behov framtida betre enkelt enklare
        sikre tryggleik kunnskap mogleg moglegheiter innanfor utanfor eit ein ei heile
        særleg medan hjå då me heile eigen eige eigne brukar brukarar verksemd verksemder
        leiarar leiarane leiing eining eininga einingar system løysingane måla åra
        innbyggjarane sine tilsette kvar""".split()
    ),
    "sv": frozenset(
        """och att inte är från också ska hur vad inom samt även eller detta denna dessa våra
        sina kommunens invånare medborgare verksamheten verksamhet digitala lösningar tjänster
        arbetet utvecklingen behöver genom mellan efter mycket några någon själv bli blir
        varför vilka vilken kommer kunna finns""".split()
    ),
    "da": frozenset(
        """af ikke hvad hvordan hvorfor gennem mellem vores deres blive bliver efter meget nogle
        nogen selv borgere borgerne borgernes kommunens løsninger digitale også nu være været
        skal samt eller dette disse hvilke kunne findes medarbejdere indsats arbejdet udviklingen
        fremtiden bedre mulighed muligheder have bruger bruge bruges skabe sætter velfærd
        kompetencer medarbejderne hverdag sammenhæng ressourcer arbejde arbejder
        opgaver opgaverne""".split()
    ),
    "en": frozenset(
        """the and of is with will are this that these those municipality municipal services
        service our their they which has have been should would must also more into""".split()
    ),
}

# Words several languages share would blur the profile; keep only what is distinctive
# against the nearest neighbour(s).
_NEIGHBOURS = {"nb": ("nn", "da"), "nn": ("nb",), "sv": ("nb", "da"), "da": ("nb",), "en": ()}
_DISTINCT: dict[str, frozenset[str]] = {
    lang: words - frozenset().union(*(_MARKERS[n] for n in _NEIGHBOURS[lang]))
    for lang, words in _MARKERS.items()
}

_WORD = re.compile(r"[a-zæøåäöéèòóüß]+", re.IGNORECASE)

LANGUAGES = ("nb", "nn", "sv", "da", "en")


# Endings that differ between the written standards (mogleg/mulig, løysingar/løsninger).
_SUFFIX = {
    "nb": re.compile(r"(?:ninger|ningene|ingene|ingen|heten|heter|lig|lige|ligheter|ene)$"),
    "nn": re.compile(r"(?:ingar|ingane|ninga|heita|heit|leg|lege|legheit|ane)$"),
}
_DANISH_SUFFIX = re.compile(r"(?:hed|heder|heden|ede|cer|tion|tioner|ække|ærd)$")


def language_scores(text: str) -> dict[str, int]:
    """How many distinctive words (and, for bokmål/nynorsk, endings) of each language the text has."""
    counts: Counter[str] = Counter()
    for w in _WORD.findall(text.lower()):
        for lang in LANGUAGES:
            if w in _DISTINCT[lang]:
                counts[lang] += 1
        if len(w) >= 6 and w not in _DISTINCT["nb"] and w not in _DISTINCT["nn"]:
            for lang, pat in _SUFFIX.items():
                if pat.search(w):
                    counts[lang] += 1
            if _DANISH_SUFFIX.search(w):
                counts["da"] += 1
    return {lang: counts[lang] for lang in LANGUAGES}


def detect_language(text: str, default: str = "nb") -> str:
    """The most likely language of a passage; `default` when the text has no telling words."""
    scores = language_scores(text)
    best = max(LANGUAGES, key=lambda lang: (scores[lang], lang == default))
    return best if scores[best] > 0 else default


def document_language(texts: Sequence[str]) -> str:
    """nb, nn or mixed for a Norwegian document; otherwise the other language's ISO code.

    `mixed` means both written standards have a real share (each at least a fifth of the
    passages that show either), as in municipalities that write some chapters in each.
    """
    totals: Counter[str] = Counter()
    per_passage: Counter[str] = Counter()
    for t in texts:
        s = language_scores(t)
        totals.update(s)
        if s["nb"] or s["nn"]:
            per_passage["nb" if s["nb"] >= s["nn"] else "nn"] += 1
    if not totals:
        return "nb"
    norwegian = totals["nb"] + totals["nn"]
    other = max(("sv", "da", "en"), key=lambda lang: totals[lang])
    if totals[other] > norwegian:
        return other
    marked = per_passage["nb"] + per_passage["nn"]
    minority_words = min(totals["nb"], totals["nn"]) / max(norwegian, 1)
    if marked >= 5 and min(per_passage["nb"], per_passage["nn"]) >= 0.25 * marked and minority_words >= 0.25:
        return "mixed"
    return "nn" if totals["nn"] > totals["nb"] else "nb"


def norwegian_variant(text: str, default: str = "nb") -> str:
    """nb or nn for a passage of a Norwegian document; `default` (the document's) when unclear.

    Inside a Norwegian document a short passage with a Danish-looking word is still
    Norwegian, so only the two written standards compete here.
    """
    s = language_scores(text)
    if s["nb"] == s["nn"]:
        return default if default in ("nb", "nn") else "nb"
    return "nb" if s["nb"] > s["nn"] else "nn"
