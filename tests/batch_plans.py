"""Small plans for the batch tests and benchmark, written for this project (fictional municipalities).

`write_plans(folder)` writes three short Norwegian plans (.md and .txt) that differ in what
they cover, plus the bad files a real batch meets: a corrupt PDF, an encrypted PDF, a PDF
with no pages and an English plan. Returns {file name: expected error code or None}.
"""

from __future__ import annotations

import shutil
from pathlib import Path

PDFS = Path(__file__).resolve().parent / "fixtures" / "pdfs"

SERVICES = (
    "Kommunen skal innen 2026 tilby alle søknader om barnehageplass, byggesak og startlån som "
    "digitale selvbetjeningsløsninger. Servicetorget har ansvaret, og tiltaket har en ramme på "
    "1,5 millioner kroner i økonomiplanen."
)
SECURITY = (
    "Informasjonssikkerhet og personvern skal styrkes. Kommunedirektøren skal innen utgangen av "
    "2025 etablere et styringssystem for informasjonssikkerhet, og alle ansatte skal gjennomføre "
    "opplæring i sikker bruk av IKT hvert år."
)
DATA = (
    "Kommunen vil dele data med andre offentlige virksomheter slik at innbyggerne bare trenger å "
    "oppgi opplysninger én gang. Vi skal ta i bruk nasjonale felleskomponenter som ID-porten og "
    "Digipost, og publisere åpne data om tjenestene våre."
)
COMPETENCE = (
    "Digital kompetanse hos ledere og ansatte er en forutsetning for å lykkes. HR-avdelingen skal "
    "innen 2027 lage en kompetanseplan for digitalisering med mål om at 80 prosent av de ansatte "
    "har fullført grunnopplæringen."
)
WELFARE = (
    "Velferdsteknologi som digitalt tilsyn og medisindispensere skal tas i bruk i hjemmetjenesten. "
    "Helse og omsorg har ansvaret, og gevinstene skal måles og tas ut i budsjettet for 2026."
)
GENERAL = (
    "Kommunen ønsker å bruke digitalisering for å gi bedre tjenester til innbyggerne og næringslivet. "
    "Arbeidet skal skje i samarbeid med nabokommunene i regionen."
)
NYNORSK = (
    "Kommunen skal innan 2026 gjere dei mest brukte tenestene tilgjengelege digitalt, og "
    "innbyggjarane skal berre trenge å gje opplysningar éin gong. IKT-leiaren har ansvaret for "
    "arbeidet, og det er sett av 800 000 kroner i økonomiplanen."
)
ROADS = (
    "Vegvedlikehald og nye gang- og sykkelvegar er prioriterte i planperioden. Kommunen skal rehabilitere "
    "to bruer og asfaltere fem kilometer kommunal veg innan 2027."
)

PLANS: dict[str, str] = {
    "nordvik.md": "# Digitaliseringsplan for Nordvik kommune\n\n## Digitale tjenester\n\n"
    + SERVICES + "\n\n## Sikkerhet\n\n" + SECURITY + "\n\n## Samarbeid\n\n" + GENERAL + "\n",
    "sorvik.txt": "Digitaliseringsstrategi for Sørvik kommune\n\nDeling av data\n\n" + DATA
    + "\n\nKompetanse\n\n" + COMPETENCE + "\n\nHelse og omsorg\n\n" + WELFARE + "\n",
    "fjellbygd/plan.md": "# Kommuneplan for Fjellbygd kommune\n\n## Digitalisering\n\n" + NYNORSK
    + "\n\n## Samferdsel\n\n" + ROADS + "\n",
}
ENGLISH = (
    "Digital strategy for a municipality\n\nThe municipality will build a new web portal by 2026 and "
    "train every employee in information security. The IT department is responsible for the work, "
    "and the budget is two million kroner.\n"
)
BAD: dict[str, str] = {
    "skadet.pdf": "A104",  # truncated: corrupt
    "kryptert.pdf": "A103",  # password-protected
    "tom.pdf": "A105",  # a PDF without pages
    "english.txt": "A108",  # not Norwegian
}


def write_plans(folder: Path, *, bad: bool = True) -> dict[str, str | None]:
    """Write the plans (and the bad files) under `folder`; file name → expected error code."""
    expected: dict[str, str | None] = {}
    for name, text in PLANS.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
        expected[name] = None
    if bad:
        shutil.copyfile(PDFS / "truncated.pdf", folder / "skadet.pdf")
        shutil.copyfile(PDFS / "encrypted.pdf", folder / "kryptert.pdf")
        shutil.copyfile(PDFS / "zero-pages.pdf", folder / "tom.pdf")
        (folder / "english.txt").write_text(ENGLISH, "utf-8")
        expected.update(BAD)
    return expected


def scorer_or_skip() -> str | None:
    """The scorer for tests that run the real pipeline: $ALIGN_TEST_SCORER when set, else None
    (the shipped models/scorer-hybrid.v3.json); skips the test when there is neither."""
    import os

    import pytest

    from align.score.heads import default_scorer_path

    env = os.environ.get("ALIGN_TEST_SCORER")
    if env and Path(env).exists():
        return env
    if default_scorer_path().exists():
        return None
    pytest.skip("no trained scorer (models/scorer-hybrid.v3.json): run `align train` or set ALIGN_TEST_SCORER")
    return None


def more_plans(folder: Path, n: int) -> list[str]:
    """`n` extra small plans (variations of the three), for tests that need a longer batch."""
    bodies = list(PLANS.values())
    names = []
    for i in range(n):
        name = f"ekstra/plan-{i:02d}.md"
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(bodies[i % len(bodies)] + f"\nVedtatt i kommunestyret sak {i + 10}/2025.\n", "utf-8")
        names.append(name)
    return names
