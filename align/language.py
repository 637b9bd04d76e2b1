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
        sikre sikkerhet kunnskap mulig muligheter innenfor utenfor""".split()
    ),
    "nn": frozenset(
        """ikkje eg ho kva korleis kvifor kva for frå vere vore berre meir mykje noko nokre nokon
        sjølv tenester tenestene tilsette innbyggjarar innbyggjarane fleire gjere gjerast auka saman
        difor kvar anna òg no vert vart verte blitt mellom gjennom kjem dersom etter dei deira våre
        vår sine skulen barnehagen mange gode godt skal vere viktig digitale løysingar
        teneste tiltaka arbeidet utviklinga behov framtida betre enkelt enklare
        sikre tryggleik kunnskap mogleg moglegheiter innanfor utanfor eit ein ei heile
        særleg medan hjå då""".split()
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
        fremtiden bedre mulighed muligheder""".split()
    ),
    "en": frozenset(
        """the and of to is in for with will be are this that these those municipality municipal
        digital services service our their we they it by from as an on at which has have been
        should would can must also more""".split()
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


def language_scores(text: str) -> dict[str, int]:
    """How many distinctive words of each language the text has."""
    counts: Counter[str] = Counter()
    for w in _WORD.findall(text.lower()):
        for lang in LANGUAGES:
            if w in _DISTINCT[lang]:
                counts[lang] += 1
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
    if marked >= 5 and min(per_passage["nb"], per_passage["nn"]) >= 0.2 * marked:
        return "mixed"
    return "nn" if totals["nn"] > totals["nb"] else "nb"
