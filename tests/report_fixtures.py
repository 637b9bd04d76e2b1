"""A realistic sample result for the report tests: a made-up plan for "Solvik kommune".

It covers every level, a delegation, an uncertain theme, evidence with keywords and every kind
of commitment signal, a printed page label that differs from the page index, a passage over two
pages, nynorsk quotes, and hostile text (`<script>`, an `onerror` attribute, `{{ 7*7 }}`) that
must come out escaped. Everything here is invented for the tests.
"""

from __future__ import annotations

import dataclasses
import enum
from typing import Any

from align.model import (
    Assessment,
    Commitment,
    DocumentInfo,
    Evidence,
    Exemplar,
    Expectation,
    ExpectationResult,
    Framework,
    FrameworkResult,
    Level,
    LocalText,
    RunInfo,
    Summary,
    Theme,
    ThemeResult,
)

SCRIPT = "<script>window.__pwned = true; alert(1)</script>"
IMG = '<img src=x onerror="window.__pwned = true">'
TEMPLATE = "{{ 7*7 }}"


# ---- frameworks ---------------------------------------------------------------------------


def _exp(theme_id: str, slug: str, statement: str, keywords: tuple[str, ...]) -> Expectation:
    return Expectation(
        id=f"{theme_id}.{slug}",
        statement=statement,
        exemplars=(
            Exemplar(text=f"Kommunen skal arbeide med {keywords[0]}.", lang="nb", level=1),
            Exemplar(text=f"Kommunen skal arbeide med {keywords[0]}.", lang="nn", level=1),
        ),
        keywords=keywords,
    )


def _theme(
    theme_id: str,
    title: tuple[str, str, str],
    advice: tuple[str, str, str],
    expectations: tuple[tuple[str, str, tuple[str, ...]], ...],
) -> Theme:
    return Theme(
        id=theme_id,
        title=LocalText(*title),
        description=f"Planen beskriver {title[0].lower()}.",
        advice=LocalText(*advice),
        expectations=tuple(_exp(theme_id, slug, st, kw) for slug, st, kw in expectations),
    )


def sample_frameworks() -> tuple[Framework, ...]:
    edos = Framework(
        id="edos",
        title=LocalText(
            "Én digital offentlig sektor – digitaliseringsstrategi for offentlig sektor 2019–2025",
            "Éin digital offentleg sektor – digitaliseringsstrategi for offentleg sektor 2019–2025",
            "One digital public sector – digitalisation strategy for the public sector 2019–2025",
        ),
        version="2019",
        publisher="Kommunal- og moderniseringsdepartementet og KS",
        status="confirmed",
        sources=(),
        themes=(
            _theme(
                "edos.sikkerhet",
                ("Digital sikkerhet", "Digital tryggleik", "Digital security"),
                (
                    "Beskriv styringssystemet for informasjonssikkerhet, hvem som eier det, og når ROS-analysene oppdateres.",
                    "Beskriv styringssystemet for informasjonstryggleik, kven som eig det, og når ROS-analysane blir oppdaterte.",
                    "Describe the information security management system, who owns it, and when risk analyses are updated.",
                ),
                (
                    ("styringssystem", "Kommunen har et styringssystem for informasjonssikkerhet med klart eierskap.", ("informasjonssikkerhet",)),
                    ("ros", "Nye tjenester får en risiko- og sårbarhetsanalyse før de tas i bruk.", ("ros-analyse",)),
                ),
            ),
            _theme(
                "edos.datadeling",
                ("Økt deling av data", "Auka deling av data", "More data sharing"),
                (
                    "Vurder hvilke data kommunen kan dele, og hvordan innbyggerne slipper å oppgi samme opplysning flere ganger.",
                    "Vurder kva data kommunen kan dele, og korleis innbyggjarane slepp å gje same opplysning fleire gonger.",
                    "Consider which data the municipality can share, and how residents avoid giving the same information twice.",
                ),
                (
                    ("kun-en-gang", "Innbyggerne skal bare oppgi samme opplysning én gang.", ("kun én gang",)),
                    ("apne-data", "Kommunen publiserer egnede data som åpne data.", ("åpne data",)),
                    ("deling", "Kommunen deler data trygt med andre virksomheter.", ("datadeling",)),
                ),
            ),
            _theme(
                "edos.felleslosninger",
                ("Felles økosystem og fellesløsninger", "Felles økosystem og fellesløysingar", "Common ecosystem and shared solutions"),
                (
                    "Ta i bruk nasjonale fellesløsninger som ID-porten, Digital postkasse og KS Fiks før dere bygger egne.",
                    "Ta i bruk nasjonale fellesløysingar som ID-porten, Digital postkasse og KS Fiks før de byggjer eigne.",
                    "Use national shared solutions such as ID-porten, Digital postkasse and KS Fiks before building your own.",
                ),
                (
                    ("bruk", "Kommunen bruker nasjonale fellesløsninger der de finnes.", ("fellesløsning",)),
                    ("arkitektur", "Kommunen følger nasjonale arkitekturprinsipper.", ("arkitektur",)),
                ),
            ),
            _theme(
                "edos.gevinstrealisering",
                ("Finansiering og gevinstrealisering", "Finansiering og gevinstrealisering", "Funding and benefit realisation"),
                (
                    "Lag en plan for hvordan gevinstene av hvert digitaliseringsprosjekt skal måles og tas ut, og hvem som har ansvaret.",
                    "Lag ein plan for korleis gevinstane av kvart digitaliseringsprosjekt skal målast og takast ut, og kven som har ansvaret.",
                    "Make a plan for how the benefits of each digitalisation project are measured and realised, and who is responsible.",
                ),
                (
                    ("plan", "Hvert prosjekt har en gevinstrealiseringsplan med ansvar og indikatorer.", ("gevinstrealisering",)),
                    ("finansiering", "Digitaliseringen er finansiert i økonomiplanen.", ("finansiering",)),
                ),
            ),
            _theme(
                "edos.kompetanse",
                ("Digital kompetanse i offentlig sektor", "Digital kompetanse i offentleg sektor", "Digital competence in the public sector"),
                (
                    "Kartlegg den digitale kompetansen hos ledere og ansatte, og lag en plan for å tette gapene.",
                    "Kartlegg den digitale kompetansen hos leiarar og tilsette, og lag ein plan for å tette gapa.",
                    "Map the digital competence of leaders and staff, and plan how to close the gaps.",
                ),
                (
                    ("ledere", "Ledere har kompetanse til å lede digital omstilling.", ("digital kompetanse",)),
                    ("ansatte", "Ansatte får opplæring i digitale arbeidsformer.", ("opplæring",)),
                ),
            ),
            _theme(
                "edos.privat-sektor",
                ("Samarbeid med privat sektor", "Samarbeid med privat sektor", "Cooperation with the private sector"),
                (
                    "Vurder markedsdialog og innovative anskaffelser i de største digitaliseringsprosjektene.",
                    "Vurder marknadsdialog og innovative innkjøp i dei største digitaliseringsprosjekta.",
                    "Consider market dialogue and innovative procurement in the largest digitalisation projects.",
                ),
                (
                    ("dialog", "Kommunen har dialog med markedet før store anskaffelser.", ("markedsdialog",)),
                    ("innovative", "Kommunen bruker innovative anskaffelser.", ("innovative anskaffelser",)),
                ),
            ),
        ),
    )
    ks = Framework(
        id="ks",
        title=LocalText(
            "KS digitaliseringsstrategi for kommuner og fylkeskommuner 2017–2020",
            "KS digitaliseringsstrategi for kommunar og fylkeskommunar 2017–2020",
            "KS digitalisation strategy for municipalities and counties 2017–2020",
        ),
        version="2017",
        publisher="KS",
        status="confirmed",
        sources=(),
        themes=(
            _theme(
                "ks.brukeren-i-sentrum",
                ("Brukeren i sentrum", "Brukaren i sentrum", "The user at the centre"),
                (
                    "Beskriv hvordan innbyggerne involveres når tjenester utvikles.",
                    "Beskriv korleis innbyggjarane blir involverte når tenester blir utvikla.",
                    "Describe how residents are involved when services are developed.",
                ),
                (
                    ("involvering", "Brukerne involveres i utviklingen av tjenestene.", ("brukerinvolvering",)),
                    ("universell", "Tjenestene er universelt utformet.", ("universell utforming",)),
                ),
            ),
            _theme(
                "ks.innovasjon",
                ("IKT for innovasjon og produktivitet", "IKT for innovasjon og produktivitet", "ICT for innovation and productivity"),
                (
                    "Beskriv hvilke teknologier kommunen vil ta i bruk, og i hvilke tjenester.",
                    "Beskriv kva teknologiar kommunen vil ta i bruk, og i kva tenester.",
                    "Describe which technologies the municipality will adopt, and in which services.",
                ),
                (
                    ("velferdsteknologi", "Kommunen tar i bruk velferdsteknologi i helse og omsorg.", ("velferdsteknologi",)),
                    ("laering", "Skolene bruker læringsteknologi.", ("læringsteknologi",)),
                ),
            ),
            _theme(
                "ks.personvern-sikkerhet",
                ("Godt personvern og god informasjonssikkerhet", "Godt personvern og god informasjonstryggleik", "Good privacy and information security"),
                (
                    "Beskriv hvordan kommunen ivaretar personvernet, og hvem som er personvernombud.",
                    "Beskriv korleis kommunen tek vare på personvernet, og kven som er personvernombod.",
                    "Describe how the municipality protects privacy, and who the data protection officer is.",
                ),
                (
                    ("personvern", "Kommunen har rutiner for personvern og et personvernombud.", ("personvern",)),
                    ("dpia", "Kommunen gjør personvernkonsekvensvurderinger.", ("dpia",)),
                ),
            ),
            _theme(
                "ks.samstyring",
                ("Samstyring i kommunal sektor", "Samstyring i kommunal sektor", "Joint governance in the municipal sector"),
                (
                    "Beskriv hvordan kommunen deltar i det regionale digitaliseringsnettverket og i felles prosjekter.",
                    "Beskriv korleis kommunen deltek i det regionale digitaliseringsnettverket og i felles prosjekt.",
                    "Describe how the municipality takes part in the regional digitalisation network and joint projects.",
                ),
                (
                    ("nettverk", "Kommunen deltar i et regionalt digitaliseringsnettverk.", ("digitaliseringsnettverk",)),
                    ("digifin", "Kommunen søker midler fra DigiFin til felles prosjekter.", ("digifin",)),
                ),
            ),
        ),
    )
    ledelse = Framework(
        id="ledelse",
        title=LocalText(
            "Lederspørsmål for kommunens digitaliseringsarbeid",
            "Leiarspørsmål for digitaliseringsarbeidet i kommunen",
            "Leadership questions for the municipality's digitalisation work",
        ),
        version="2024",
        publisher="align",
        status="confirmed",
        sources=(),
        themes=(
            _theme(
                "ledelse.forankring",
                ("Forankring i planverket", "Forankring i planverket", "Anchoring in the formal plans"),
                (
                    "Knytt digitaliseringen til kommuneplanen og økonomiplanen.",
                    "Knyt digitaliseringa til kommuneplanen og økonomiplanen.",
                    "Link digitalisation to the municipal master plan and the financial plan.",
                ),
                (
                    ("kommuneplan", "Digitaliseringen er forankret i kommuneplanens samfunnsdel.", ("kommuneplan",)),
                    ("okonomiplan", "Tiltakene er lagt inn i økonomiplanen.", ("økonomiplan",)),
                ),
            ),
            _theme(
                "ledelse.gevinster",
                ("Gevinster og økonomisk handlingsrom", "Gevinstar og økonomisk handlingsrom", "Benefits and financial room to act"),
                (
                    "Vis hvordan kostnader nå gir gevinster senere, og hvordan gevinstene tas ut i budsjettet.",
                    "Vis korleis kostnader no gjev gevinstar seinare, og korleis gevinstane blir tekne ut i budsjettet.",
                    "Show how costs now lead to benefits later, and how the benefits are taken out in the budget.",
                ),
                (
                    ("uttak", "Gevinstene tas ut og synliggjøres i budsjettet.", ("gevinstuttak",)),
                    ("kostnader", "Planen viser kostnader og gevinster over tid.", ("kostnad",)),
                ),
            ),
        ),
    )
    return (edos, ks, ledelse)


# ---- the result ---------------------------------------------------------------------------


def _ev(
    pid: str,
    page: int,
    text: str,
    heading: str,
    probability: float,
    keywords: tuple[str, ...] = (),
    *,
    page_label: str | None = None,
    page_end: int | None = None,
    expectation_ids: tuple[str, ...] = (),
    commitment: Commitment | None = None,
) -> Evidence:
    return Evidence(
        passage_id=pid,
        page=page,
        page_label=page_label,
        page_end=page_end or page,
        text=text,
        heading=heading,
        probability=probability,
        keywords=keywords,
        expectation_ids=expectation_ids,
        commitment=commitment or Commitment(),
    )


def _er(theme_id: str, slug: str, statement: str, met: bool, p: float, page: int | None = None) -> ExpectationResult:
    return ExpectationResult(id=f"{theme_id}.{slug}", statement=statement, met=met, probability=p, best_page=page)


def sample_assessment() -> Assessment:
    fws = {f.id: f for f in sample_frameworks()}

    def st(theme_id: str, slug: str) -> str:
        fw = fws[theme_id.split(".")[0]]
        return next(e.statement for e in fw.theme(theme_id).expectations if e.id.endswith("." + slug))

    edos_themes = (
        ThemeResult(
            id="edos.sikkerhet",
            title="Digital sikkerhet",
            level=Level.DEKKET,
            score=86,
            probability=0.93,
            evidence=(
                _ev(
                    "p-0141",
                    14,
                    "Kommunen skal innen utgangen av 2025 ha et styringssystem for informasjonssikkerhet. "
                    "IKT-sjefen har ansvaret, og det er satt av 1,2 mill. kr i økonomiplanen.",
                    "5.1 Informasjonssikkerhet og personvern",
                    0.94,
                    ("informasjonssikkerhet", "styringssystem"),
                    page_label="12",
                    expectation_ids=("edos.sikkerhet.styringssystem",),
                    commitment=Commitment(
                        obligation=("skal",),
                        owner=("IKT-sjefen",),
                        deadline=("innen utgangen av 2025",),
                        amount=("1,2 mill. kr",),
                    ),
                ),
                _ev(
                    "p-0152",
                    15,
                    "Alle nye tenester skal ha ein risiko- og sårbarheitsanalyse (ROS-analyse) før dei vert tekne i bruk, "
                    "og minst 90 prosent av dei tilsette skal ha fullført e-læringskurset i informasjonstryggleik.",
                    "5.2 Risiko og sårbarheit",
                    0.88,
                    ("ros-analyse", "informasjonstryggleik"),
                    page_label="13",
                    page_end=16,
                    expectation_ids=("edos.sikkerhet.ros",),
                    commitment=Commitment(obligation=("skal",), target=("90 prosent",)),
                ),
            ),
            reason="concrete-evidence",
            expectations=(
                _er("edos.sikkerhet", "styringssystem", st("edos.sikkerhet", "styringssystem"), True, 0.94, 14),
                _er("edos.sikkerhet", "ros", st("edos.sikkerhet", "ros"), True, 0.88, 15),
            ),
        ),
        ThemeResult(
            id="edos.datadeling",
            title="Økt deling av data",
            level=Level.NEVNT,
            score=48,
            probability=0.61,
            evidence=(
                _ev(
                    "p-0201",
                    20,
                    "Kommunen ønsker å dele data på en trygg måte og bruke data mer aktivt når tjenestene utvikles.",
                    "6 Data som ressurs",
                    0.58,
                    ("data",),
                    page_label="18",
                    expectation_ids=("edos.datadeling.deling",),
                    commitment=Commitment(obligation=("ønsker",)),
                ),
            ),
            reason="general-mention",
            expectations=(
                _er("edos.datadeling", "kun-en-gang", st("edos.datadeling", "kun-en-gang"), False, 0.21),
                _er("edos.datadeling", "apne-data", st("edos.datadeling", "apne-data"), False, 0.12),
                _er("edos.datadeling", "deling", st("edos.datadeling", "deling"), True, 0.58, 20),
            ),
        ),
        ThemeResult(
            id="edos.felleslosninger",
            title="Felles økosystem og fellesløsninger",
            level=Level.DEKKET,
            score=78,
            probability=0.85,
            evidence=(
                _ev(
                    "p-0093",
                    9,
                    "Vi skal ta i bruk KS Fiks-plattformen og SvarUt for all utgående post innen 2024. "
                    "Dokumentsenteret har ansvaret for overgangen.",
                    "3.2 Fellesløsninger",
                    0.86,
                    ("fiks", "svarut", "fellesløsning"),
                    page_label="7",
                    expectation_ids=("edos.felleslosninger.bruk",),
                    commitment=Commitment(obligation=("skal",), owner=("Dokumentsenteret",), deadline=("innen 2024",)),
                ),
            ),
            reason="concrete-evidence",
            expectations=(
                _er("edos.felleslosninger", "bruk", st("edos.felleslosninger", "bruk"), True, 0.86, 9),
                _er("edos.felleslosninger", "arkitektur", st("edos.felleslosninger", "arkitektur"), False, 0.33),
            ),
        ),
        ThemeResult(
            id="edos.gevinstrealisering",
            title="Finansiering og gevinstrealisering",
            level=Level.MANGLER,
            score=9,
            probability=0.11,
            closest=(
                _ev(
                    "p-0310",
                    31,
                    "Prosjektene skal ha en tydelig økonomisk ramme før oppstart. " + SCRIPT,
                    "8 Økonomi " + IMG,
                    0.19,
                    ("økonomisk",),
                    page_label="29",
                ),
            ),
            reason="no-evidence",
            expectations=(
                _er("edos.gevinstrealisering", "plan", st("edos.gevinstrealisering", "plan"), False, 0.14),
                _er("edos.gevinstrealisering", "finansiering", st("edos.gevinstrealisering", "finansiering"), False, 0.19),
            ),
        ),
        ThemeResult(
            id="edos.kompetanse",
            title="Digital kompetanse i offentlig sektor",
            level=Level.USIKKER,
            score=41,
            probability=0.47,
            evidence=(
                _ev(
                    "p-0221",
                    22,
                    "Dei tilsette får tilbod om kurs når nye verktøy vert tekne i bruk.",
                    "7 Organisasjon og kompetanse",
                    0.44,
                    ("kurs",),
                    page_label="20",
                ),
            ),
            reason="signals-disagree",
            expectations=(
                _er("edos.kompetanse", "ledere", st("edos.kompetanse", "ledere"), False, 0.22),
                _er("edos.kompetanse", "ansatte", st("edos.kompetanse", "ansatte"), False, 0.44, 22),
            ),
        ),
        ThemeResult(
            id="edos.privat-sektor",
            title="Samarbeid med privat sektor",
            level=Level.MANGLER,
            score=4,
            probability=0.03,
            reason="no-evidence",
            expectations=(
                _er("edos.privat-sektor", "dialog", st("edos.privat-sektor", "dialog"), False, 0.03),
                _er("edos.privat-sektor", "innovative", st("edos.privat-sektor", "innovative"), False, 0.02),
            ),
        ),
    )
    ks_themes = (
        ThemeResult(
            id="ks.brukeren-i-sentrum",
            title="Brukeren i sentrum",
            level=Level.NEVNT,
            score=55,
            probability=0.66,
            evidence=(
                _ev(
                    "p-0051",
                    5,
                    "Innbyggerne skal møte enkle digitale tjenester. " + SCRIPT + " " + TEMPLATE
                    + " Vi vil <b>involvere</b> brukerne & pårørende.",
                    "2 Visjon " + TEMPLATE,
                    0.63,
                    ("digitale tjenester", "brukerne", "script"),
                    page_label="3",
                    commitment=Commitment(obligation=("skal", "vil")),
                ),
            ),
            reason="general-mention",
            expectations=(
                _er("ks.brukeren-i-sentrum", "involvering", st("ks.brukeren-i-sentrum", "involvering"), True, 0.63, 5),
                _er("ks.brukeren-i-sentrum", "universell", st("ks.brukeren-i-sentrum", "universell"), False, 0.18),
            ),
        ),
        ThemeResult(
            id="ks.innovasjon",
            title="IKT for innovasjon og produktivitet",
            level=Level.DEKKET,
            score=82,
            probability=0.9,
            evidence=(
                _ev(
                    "p-0261",
                    26,
                    "Innen 2026 skal alle hjemmeboende med behov ha tilbud om digitalt tilsyn gjennom "
                    "velferdsteknologiløsninger. Helse og omsorg har ansvaret, og målet er 80 prosent dekning.",
                    "7.3 Velferdsteknologi",
                    0.91,
                    ("velferdsteknologi", "digitalt tilsyn"),
                    page_label="24",
                    expectation_ids=("ks.innovasjon.velferdsteknologi",),
                    commitment=Commitment(
                        obligation=("skal",),
                        owner=("Helse og omsorg",),
                        deadline=("Innen 2026",),
                        target=("80 prosent dekning",),
                    ),
                ),
            ),
            reason="concrete-evidence",
            expectations=(
                _er("ks.innovasjon", "velferdsteknologi", st("ks.innovasjon", "velferdsteknologi"), True, 0.91, 26),
                _er("ks.innovasjon", "laering", st("ks.innovasjon", "laering"), False, 0.31),
            ),
        ),
        ThemeResult(
            id="ks.personvern-sikkerhet",
            title="Godt personvern og god informasjonssikkerhet",
            level=Level.DELEGERT,
            score=60,
            probability=0.7,
            evidence=(
                _ev(
                    "p-0143",
                    14,
                    "Tiltak for personvern er beskrevet i egen plan for informasjonssikkerhet 2023–2026, vedtatt av kommunestyret.",
                    "5.1 Informasjonssikkerhet og personvern",
                    0.72,
                    ("personvern",),
                    page_label="12",
                ),
            ),
            delegated_to="Plan for informasjonssikkerhet 2023–2026",
            reason="delegated",
        ),
        ThemeResult(
            id="ks.samstyring",
            title="Samstyring i kommunal sektor",
            level=Level.MANGLER,
            score=12,
            probability=0.14,
            closest=(
                _ev(
                    "p-0330",
                    33,
                    "Kommunen samarbeider med nabokommunane om innkjøp av fagsystem.",
                    "9 Samarbeid",
                    0.22,
                    ("samarbeid",),
                    page_label="31",
                ),
            ),
            reason="no-evidence",
        ),
    )
    ledelse_themes = (
        ThemeResult(
            id="ledelse.forankring",
            title="Forankring i planverket",
            level=Level.DEKKET,
            score=90,
            probability=0.95,
            evidence=(
                _ev(
                    "p-0031",
                    3,
                    "Digitaliseringsplanen følger opp kommuneplanens samfunnsdel, og tiltakene er lagt inn i økonomiplanen for 2024–2027.",
                    "1 Innledning",
                    0.95,
                    ("kommuneplan", "økonomiplan"),
                    page_label="1",
                    commitment=Commitment(target=("økonomiplanen for 2024–2027",)),
                ),
            ),
            reason="concrete-evidence",
        ),
        ThemeResult(
            id="ledelse.gevinster",
            title="Gevinster og økonomisk handlingsrom",
            level=Level.MANGLER,
            score=6,
            probability=0.05,
            reason="no-evidence",
        ),
    )

    def fr(fid: str, themes: tuple[ThemeResult, ...]) -> FrameworkResult:
        fw = fws[fid]
        return FrameworkResult(
            id=fid,
            title=fw.title.nb,
            version=fw.version,
            score=round(sum(t.score for t in themes) / len(themes)),
            themes=themes,
        )

    frameworks = (fr("edos", edos_themes), fr("ks", ks_themes), fr("ledelse", ledelse_themes))
    all_themes = [t for f in frameworks for t in f.themes]
    counts = tuple((lv.value, sum(t.level is lv for t in all_themes)) for lv in Level)
    return Assessment(
        schema_version="1.0",
        document=DocumentInfo(
            path="planer/solvik-digitaliseringsplan-2024.pdf",
            sha256="3f1c2a9e5b7d4c6e8f0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f6a",
            pages=38,
            language="mixed",
            title="Digitaliseringsplan for Solvik kommune 2024–2027",
            municipality="Solvik",
            warnings=(),
        ),
        frameworks=frameworks,
        run=RunInfo(
            tool_version="0.1.0",
            model_id="NbAiLab/nb-sbert-base",
            model_precision="fp32",
            model_checksum="sha256:9a8b7c6d5e4f",
            scorer="hybrid.v3",
            scorer_checksum="sha256:1a2b3c4d5e6f",
            frameworks=(("edos", "2019"), ("ks", "2017"), ("ledelse", "2024")),
        ),
        summary=Summary(
            counts=counts,
            top_gaps=("edos.privat-sektor", "ledelse.gevinster", "edos.gevinstrealisering", "ks.samstyring"),
        ),
    )


SAMPLE_QUALITY = {
    "passage_macro_f1": 0.83,
    "document_level_accuracy": 0.81,
    "evidence_precision_at_3": 0.92,
    "split": "test",
    "n_documents": 12,
}


# ---- JSON form ----------------------------------------------------------------------------


def _plain(obj: Any) -> Any:
    """Fallback JSON form while align.report.json_io is not there: dataclasses as dicts."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: _plain(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, enum.Enum):
        return obj.value
    if isinstance(obj, (list, tuple)):
        return [_plain(v) for v in obj]
    return obj


def to_json_dict(assessment: Assessment) -> Any:
    """The assessment as `align check` writes it, using the project's serialiser when present."""
    try:
        from align.report.json_io import to_jsonable
    except ImportError:
        return _plain(assessment)
    return to_jsonable(assessment)
