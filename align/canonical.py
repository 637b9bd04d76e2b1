"""The canonical theme ids (shared/THEMES.md). Results stay comparable across versions and
with external evaluation data only if these exist with exactly these ids."""

from __future__ import annotations

CANONICAL_THEMES: dict[str, tuple[str, ...]] = {
    "edos": (
        "edos.brukeren-i-sentrum",
        "edos.livshendelser",
        "edos.datadeling",
        "edos.regelverk",
        "edos.felleslosninger",
        "edos.styring-samordning",
        "edos.gevinstrealisering",
        "edos.privat-sektor",
        "edos.kompetanse",
        "edos.sikkerhet",
    ),
    "ks": (
        "ks.brukeren-i-sentrum",
        "ks.innovasjon",
        "ks.kompetanse-deltakelse",
        "ks.effektiv-digitalisering",
        "ks.personvern-sikkerhet",
        "ks.samstyring",
    ),
    "fdn": (
        "fdn.styring-samordning",
        "fdn.infrastruktur",
        "fdn.sikkerhet",
        "fdn.kompetanse-inkludering",
        "fdn.datadeling",
        "fdn.kunstig-intelligens",
    ),
    "ledelse": (
        "ledelse.tjenester-prosesser",
        "ledelse.modenhet",
        "ledelse.portefolje",
        "ledelse.interkommunalt",
        "ledelse.samarbeid-aktorer",
        "ledelse.gevinster",
        "ledelse.forankring",
        "ledelse.kompetanse",
        "ledelse.eierskap",
    ),
}

ALL_CANONICAL: tuple[str, ...] = tuple(t for ids in CANONICAL_THEMES.values() for t in ids)
