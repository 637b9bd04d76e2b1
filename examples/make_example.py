"""Builds examples/solvik-digitaliseringsplan.pdf, a fictional municipal digitalisation plan.

    python examples/make_example.py [OUT.pdf]

Solvik kommune does not exist; every sentence is written for this project. The plan is
meant to be realistic input for `align check`: it treats digital services, information
security, welfare technology, competence, regional cooperation and governance concretely,
data sharing and school only in general terms, and says nothing about artificial
intelligence and hardly anything about the legal framework, so a gap report has real gaps.

The layout code is the test-fixture generator (tests/fixtures/make_pdfs.py), loaded by path.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = Path(__file__).resolve().parent / "solvik-digitaliseringsplan.pdf"


def _generator():
    spec = importlib.util.spec_from_file_location("make_pdfs", ROOT / "tests" / "fixtures" / "make_pdfs.py")
    if "make_pdfs" in sys.modules:  # one copy, so element classes compare equal
        return sys.modules["make_pdfs"]
    mod = importlib.util.module_from_spec(spec)
    sys.modules["make_pdfs"] = mod
    spec.loader.exec_module(mod)
    return mod


g = _generator()
H, P, Bullets, Table, Columns = g.H, g.P, g.Bullets, g.Table, g.Columns
BREAK, COLBREAK = g.PAGEBREAK, g.COLBREAK

TITLE = "Digitaliseringsplan for Solvik kommune 2025–2028"

FRONT = [
    g.Cover(
        ["Digitaliseringsplan for", "Solvik kommune 2025–2028"],
        "Vedtatt av kommunestyret 19. juni 2025, sak 41/25",
        ["Solvik kommune", "Kommunedirektørens stab, seksjon for digitalisering og IKT", "Postboks 100, 9990 Solvik"],
    ),
    g.Numbering("roman", 2),
    g.Toc(
        [
            ("Forord", "iii"),
            ("1 Innledning", "1"),
            ("2 Status og digital modenhet", "2"),
            ("3 Mål for planperioden", "4"),
            ("4 Digitale tjenester for innbyggere og næringsliv", "5"),
            ("5 Informasjonsforvaltning og deling av data", "6"),
            ("6 Informasjonssikkerhet og personvern", "7"),
            ("7 Velferdsteknologi", "8"),
            ("8 Digital kompetanse", "9"),
            ("9 Samarbeid i Nordkyst digitaliseringsnettverk", "10"),
            ("10 Styring og gevinstrealisering", "11"),
            ("11 Handlingsplan", "12"),
        ]
    ),
    H(None, "Forord", 1),
    P(
        "Solvik er en kystkommune med litt over 9 000 innbyggere, spredt bosetting og en "
        "befolkning som blir eldre raskere enn landsgjennomsnittet. Samtidig forventer "
        "innbyggerne at kommunen er like tilgjengelig på mobilen som banken og nettbutikken. "
        "Denne planen handler om hvordan vi skal møte begge deler."
    ),
    P(
        "Planen er resultatet av et halvt års arbeid med workshops i alle kommuneområdene, "
        "en spørreundersøkelse blant ansatte og møter med eldrerådet, ungdomsrådet og "
        "næringsforeningen. Mange har brukt tid på å fortelle oss hva som fungerer dårlig i "
        "dag. Det har vært nyttig, og ikke alltid hyggelig å høre."
    ),
    P(
        "Vi har prøvd å være ærlige om hva kommunen faktisk har kapasitet til. Derfor er "
        "handlingsplanen kortere enn ønskelisten, og noen gode ideer er bevisst utsatt til neste "
        "rullering."
    ),
    P("Solvik, juni 2025. Kari Nygård Strand, kommunedirektør"),
    g.Numbering("arabic", 1),
]

CHAPTERS = [
    H("1", "Innledning", 1),
    P(
        "Digitaliseringsplanen er kommunens overordnede styringsdokument for digital "
        "utvikling i perioden 2025–2028. Den bygger på samfunnsdelen av kommuneplanen, der "
        "et av hovedmålene er at Solvik skal være en attraktiv kommune å bo og arbeide i, og "
        "på økonomiplanen, som forutsetter at driften effektiviseres med om lag én prosent i "
        "året."
    ),
    P(
        "Planen gjelder for hele kommuneorganisasjonen, inkludert de kommunale foretakene. "
        "Den skal leses sammen med IKT-strategien fra 2021, som fortsatt gjelder for "
        "teknisk infrastruktur, og med den regionale planen for Nordkyst digitaliserings"
        "\u00adnettverk."
    ),
    H("1.1", "Hvorfor en egen plan", 2),
    P(
        "Kommunen har digitalisert mye de siste årene, men ofte én løsning av gangen og uten "
        "at gevinstene er fulgt opp. Revisjonen pekte i 2023 på at kommunen mangler oversikt "
        "over hvilke systemer som finnes, hva de koster og hvem som eier dem. En samlet plan "
        "skal gi politikerne et bedre grunnlag for å prioritere, og gi virksomhetene en "
        "felles retning."
    ),
    P(
        "Planen er også et svar på de nasjonale forventningene til kommunesektoren. Regjeringen "
        "og KS har gjennom den felles digitaliseringsstrategien pekt på at innbyggerne skal "
        "møte en sammenhengende offentlig sektor. Det krever at kommunen kan samhandle "
        "digitalt med staten, fylkeskommunen og nabokommunene."
    ),
    H("1.2", "Hvordan planen er laget", 2),
    P(
        "Arbeidet ble ledet av en prosjektgruppe med representanter fra helse og omsorg, "
        "oppvekst, teknisk drift, økonomi og HR. Hovedtillitsvalgte og verneombud har vært "
        "med fra starten. Innspillene fra innbyggerne ble samlet inn gjennom en digital "
        "spørreundersøkelse og to åpne møter, ett i Solvik sentrum og ett på Nordøya."
    ),
    BREAK,
    H("2", "Status og digital modenhet", 1),
    P(
        "Høsten 2024 kartla kommunen sin digitale modenhet ved hjelp av KS sitt verktøy for "
        "egenvurdering. Resultatet viser en organisasjon som har kommet et stykke på vei, men "
        "der forskjellene mellom enhetene er store."
    ),
    H("2.1", "Hva vi har fått til", 2),
    Bullets(
        [
            "Byggesøknader, søknader om barnehageplass og SFO tas imot digitalt, og de fleste "
            "vedtak sendes til innbyggernes digitale postkasse.",
            "Alle ansatte i hjemmetjenesten har mobile enheter med tilgang til journalsystemet.",
            "Politiske møter er papirløse, og møtene strømmes på kommunens nettside.",
            "Kommunen har tatt i bruk de nasjonale felleskomponentene for innlogging og "
            "digital post.",
        ]
    ),
    H("2.2", "Hvor skoen trykker", 2),
    P(
        "Kommunen har i dag 74 fagsystemer. Mange av dem snakker ikke sammen, og saksbehandlere "
        "må ofte skrive de samme opplysningene inn to eller tre ganger. Bare en tredel av "
        "systemene har en navngitt systemeier, og flere avtaler er fornyet automatisk uten at "
        "noen har vurdert om løsningen fortsatt er den riktige."
    ),
    P(
        "Modenhetsmålingen viste svakest resultat på informasjonsforvaltning og på "
        "gevinstrealisering. Ledere oppgir at de sjelden har tid til å følge opp om nye "
        "løsninger faktisk gir den effekten som ble lovet. Mange ansatte sier også at de får "
        "for lite opplæring når nye systemer innføres."
    ),
    P(
        "Bredbåndsdekningen er god i sentrum, men rundt 300 husstander på øyene og i indre "
        "del av kommunen har fortsatt ikke tilbud om høyhastighetsnett. Det begrenser både "
        "hjemmekontor, næringsutvikling og bruk av velferdsteknologi i hjemmene."
    ),
    Table(
        [
            ["Område", "Nivå 2022", "Nivå 2024"],
            ["Ledelse og strategi", "2,1", "2,8"],
            ["Digitale tjenester", "2,6", "3,2"],
            ["Informasjonsforvaltning", "1,5", "1,7"],
            ["Informasjonssikkerhet", "2,4", "2,9"],
            ["Kompetanse og kultur", "2,0", "2,4"],
            ["Gevinstrealisering", "1,3", "1,6"],
        ],
        [0.5, 0.25, 0.25],
    ),
    P("Skalaen går fra 1 (lite utviklet) til 5 (helt integrert i driften)."),
    BREAK,
    H("3", "Mål for planperioden", 1),
    P(
        "Kommunestyret har vedtatt en visjon om at Solvik skal være «nær og digital». Det "
        "betyr at digitale løsninger skal gjøre kommunen mer tilgjengelig, ikke mer fjern. "
        "Innbyggere som ikke kan eller vil bruke digitale kanaler, skal fortsatt få god "
        "service."
    ),
    P("Fram mot 2028 har vi satt fire hovedmål:"),
    Bullets(
        [
            "Innbyggere og næringsliv opplever at det er enkelt å bruke kommunens tjenester, "
            "og minst 80 prosent av søknadene kommer inn digitalt innen 2027.",
            "Kommunen bruker ressursene bedre: digitalisering skal frigjøre minst 15 årsverk "
            "til tjenesteproduksjon innen utgangen av planperioden.",
            "Kommunens informasjon er sikker, og vi vet hvilke data vi har, hvor de er og "
            "hvem som har ansvar for dem.",
            "Ansatte har kompetansen som trengs for å bruke og videreutvikle digitale løsninger.",
        ]
    ),
    P(
        "Målene konkretiseres med indikatorer i kapittel 12, og tiltakene står i "
        "handlingsplanen i kapittel 13. Hvert år legger kommunedirektøren fram en status for "
        "formannskapet."
    ),
    BREAK,
    H("4", "Digitale tjenester for innbyggere og næringsliv", 1),
    P(
        "Innbyggerne skal kunne ordne det meste med kommunen når det passer dem, uten å "
        "måtte ringe eller møte opp. Vi starter med de tjenestene som har flest henvendelser: "
        "eiendomsskatt, renovasjon, byggesak, helse- og omsorgstjenester og skolefritidsordning."
    ),
    H("4.1", "Selvbetjening og sammenhengende tjenester", 2),
    P(
        "Kommunen skal ta i bruk en ny innbyggerportal i 2026, der innbyggerne kan se status i "
        "egne saker, endre avtaler og betale faktura. Portalen skal bruke nasjonale løsninger "
        "for innlogging, og data skal hentes fra folkeregisteret og matrikkelen i stedet for "
        "at innbyggerne fyller dem inn selv. Arbeidet følger prinsippet om at "
        "opplysninger bare skal oppgis én gang."
    ),
    P(
        "Vi vil også delta i de nasjonale arbeidene med livshendelser. For Solvik er «å få "
        "barn» og «å bli pårørende» de to livshendelsene der vi mener kommunen kan gjøre mest, "
        "fordi mange tjenester fra helsestasjon, barnehage, NAV og omsorgstjenester må henge "
        "sammen."
    ),
    H("4.2", "Brukerinvolvering og universell utforming", 2),
    P(
        "Nye tjenester skal utvikles sammen med dem som skal bruke dem. Det betyr testing med "
        "ekte brukere før lansering, og at tjenestene skal oppfylle kravene til universell "
        "utforming. Servicetorget får en veilederrolle for innbyggere som trenger hjelp, og "
        "biblioteket fortsetter med digitalhjelp hver torsdag."
    ),
    P(
        "For næringslivet er raskere byggesaksbehandling det viktigste. Kommunen vil innføre "
        "digital dialog i byggesaker og tilby digitale forhåndskonferanser."
    ),
    BREAK,
    H("5", "Informasjonsforvaltning og deling av data", 1),
    P(
        "Data er en viktig ressurs for kommunen, og det er et mål å bli bedre til å bruke og "
        "dele dem. Kommunen ønsker på sikt å gjøre flere data tilgjengelige for innbyggere, "
        "forskere og næringsliv, og vil se nærmere på hvordan dette kan gjøres på en god måte."
    ),
    P(
        "Et første skritt er å få bedre oversikt over hvilke data vi har. Kommunen vil "
        "vurdere å etablere en informasjonsforvaltningsfunksjon, og vil følge med på det "
        "nasjonale arbeidet med felles begreper og datakataloger. Det er også aktuelt å se "
        "på mulighetene for å dele data med nabokommunene gjennom nettverket."
    ),
    P(
        "Kartdata og planer er allerede tilgjengelige i kommunens kartløsning. Andre "
        "datasett kan bli aktuelle når kommunen har fått bedre oversikt og rutiner på plass."
    ),
    BREAK,
    H("6", "Informasjonssikkerhet og personvern", 1),
    P(
        "Kommunen forvalter opplysninger om innbyggernes helse, økonomi og familieforhold. "
        "Tilliten til kommunen avhenger av at disse opplysningene er trygge. Samtidig har "
        "angrepene mot norske kommuner blitt flere og mer alvorlige, og en lengre driftsstans "
        "ville rammet både helsetjenester og skole."
    ),
    H("6.1", "Styringssystem og risikostyring", 2),
    P(
        "Kommunen skal innen utgangen av 2025 ha et oppdatert styringssystem for "
        "informasjonssikkerhet basert på ISO 27001. Kommunedirektøren er ansvarlig, og en "
        "informasjonssikkerhetsleder i 50 prosent stilling ansettes i samarbeid med "
        "nabokommunene. Alle nye løsninger skal ha en risikovurdering og, der det behandles "
        "personopplysninger, en vurdering av personvernkonsekvenser før de tas i bruk."
    ),
    H("6.2", "Beredskap og kontinuitet", 2),
    P(
        "IKT-driften skal ha sikkerhetskopier som er adskilt fra det ordinære nettverket, og "
        "gjenoppretting skal testes to ganger i året. Kommunen skal gjennomføre minst én "
        "beredskapsøvelse i året der et dataangrep er scenarioet, og tjenestene som er "
        "viktigst for liv og helse skal ha skriftlige reserverutiner."
    ),
    P(
        "Alle ansatte skal gjennomføre årlig e-læring i informasjonssikkerhet, og ledere får "
        "egen opplæring i håndtering av avvik. Personvernombudet rapporterer direkte til "
        "kommunedirektøren."
    ),
    BREAK,
    H("7", "Velferdsteknologi i helse og omsorg", 1),
    P(
        "Solvik vil ha flere eldre og færre i arbeidsfør alder i årene som kommer. "
        "Velferdsteknologi er et av de viktigste virkemidlene for at flere skal kunne bo "
        "trygt hjemme lenger, og for at de ansatte skal få brukt tiden sin der den trengs mest."
    ),
    Columns(
        [
            H("7.1", "Trygghetsskapende teknologi", 2),
            P(
                "Alle trygghetsalarmer i kommunen er nå digitale, og alarmene tas imot av "
                "en felles responssentral for regionen. I planperioden skal kommunen tilby "
                "digitalt tilsyn, lokaliseringsteknologi for personer med demens og "
                "elektroniske medisindispensere til alle hjemmeboende som kan ha nytte av det."
            ),
            P(
                "Målet er at 250 innbyggere bruker medisindispenser innen 2027. Erfaringene "
                "fra utprøvingen i 2024 viser at hvert besøk som faller bort sparer "
                "hjemmetjenesten for rundt 20 minutter."
            ),
            H("7.2", "Digital hjemmeoppfølging", 2),
            P(
                "Kommunen vil sammen med helseforetaket prøve ut digital hjemmeoppfølging for "
                "pasienter med kols, diabetes og hjertesvikt. Pasientene måler selv verdier "
                "hjemme, og en sykepleier følger opp fra et oppfølgingssenter."
            ),
            COLBREAK,
            H("7.3", "Innføring og tjenesteendring", 2),
            P(
                "Erfaringen er at teknologien sjelden er det vanskeligste. Det krevende er å "
                "endre arbeidsprosesser og vedtakspraksis. Kommunen vil derfor følge den "
                "nasjonale veikartmodellen for innføring av velferdsteknologi, og "
                "tildelingskontoret skal alltid vurdere teknologiske løsninger før det "
                "tildeles tradisjonelle tjenester."
            ),
            P(
                "Det opprettes et velferdsteknologisk team med ergoterapeut, sykepleier og en "
                "IKT-rådgiver. Teamet har ansvar for kartlegging, opplæring av brukere og "
                "pårørende og oppfølging av utstyret."
            ),
            P(
                "Budsjettet for velferdsteknologi økes med 1,2 millioner kroner per år fra "
                "2026. Økningen skal finansieres av reduserte kostnader til hjemmebesøk og "
                "institusjonsplasser."
            ),
        ]
    ),
    H("8", "Digital kompetanse", 1),
    P(
        "Ny teknologi gir lite gevinst hvis ansatte og ledere ikke vet hvordan den skal "
        "brukes. Spørreundersøkelsen viste at halvparten av de ansatte i helse og omsorg "
        "føler seg usikre på de digitale verktøyene de bruker til daglig."
    ),
    Bullets(
        [
            "Alle ansatte skal ha gjennomført et grunnkurs i digitale ferdigheter innen "
            "utgangen av 2026. HR-avdelingen har ansvar for kurset.",
            "Hver enhet skal ha minst én digital veileder som får fire timer i måneden til "
            "å hjelpe kolleger.",
            "Ledere skal få opplæring i tjenestedesign, gevinstarbeid og endringsledelse.",
            "Nyansatte får en digital introduksjon som del av onboardingen.",
        ]
    ),
    P(
        "I skolen skal elevenes digitale kompetanse styrkes i tråd med læreplanen, og "
        "lærerne skal få tilbud om etterutdanning. Dette følges opp i kvalitetsplanen for "
        "skolen."
    ),
    BREAK,
    H("9", "Samarbeid i Nordkyst digitaliseringsnettverk", 1),
    P(
        "Solvik er med i Nordkyst digitaliseringsnettverk sammen med fem andre kommuner. "
        "Nettverket ble etablert i 2020 og har en felles koordinator finansiert med "
        "skjønnsmidler fra statsforvalteren og egenandeler fra kommunene."
    ),
    P(
        "Kommunene i nettverket har forpliktet seg til å vurdere felles anskaffelser av "
        "fagsystemer, og til å dele erfaringer og maler for risikovurderinger, "
        "databehandleravtaler og gevinstplaner. Felles anskaffelse av nytt sak- og "
        "arkivsystem skal være gjennomført innen 2026."
    ),
    P(
        "Solvik skal lede nettverkets arbeid med velferdsteknologi i perioden, mens "
        "Havvik kommune leder arbeidet med informasjonssikkerhet. Nettverket deltar også i "
        "DigiNord, det regionale samarbeidet mellom fylkeskommunen og kommunene, der KS er "
        "sekretariat."
    ),
    P(
        "Kommunen vil samarbeide med Nordkyst næringshage og den videregående skolen om "
        "praksisplasser for IT-lærlinger, slik at vi får rekruttert flere med teknisk "
        "kompetanse til regionen."
    ),
    BREAK,
    H("10", "Digital infrastruktur og drift", 1),
    P(
        "God digital infrastruktur er en forutsetning for alt det andre i denne planen. "
        "Kommunen eier fibernettet mellom de kommunale byggene, mens driften av servere og "
        "nettverk er satt ut til en regional driftsleverandør gjennom en avtale som løper "
        "til 2027."
    ),
    P(
        "Før avtalen fornyes skal kommunen vurdere om flere tjenester bør flyttes til "
        "skyløsninger, og hva det betyr for kostnader, sikkerhet og beredskap. Vurderingen "
        "gjøres sammen med nettverkskommunene, slik at vi kan stille felles krav til "
        "leverandørene."
    ),
    P(
        "Kommunen har som mål at alle husstander og virksomheter skal ha tilbud om "
        "høyhastighetsbredbånd innen 2028. Det gjenstår rundt 300 adresser, de fleste på "
        "Nordøya og i Indre Solvik. Kommunen vil søke om statlige bredbåndsmidler hvert år "
        "og bidra med egenandel der det trengs for at utbyggingen skal bli lønnsom for "
        "tilbyderne."
    ),
    H("10.1", "Mobildekning og tilkobling i byggene", 2),
    P(
        "Mobildekningen er svak flere steder langs fylkesvei 860 og i deler av "
        "fjellområdene. Det er et problem for hjemmetjenesten og for trygghetsalarmer som "
        "bruker mobilnettet. Kommunen vil kartlegge hullene sammen med fylkeskommunen og "
        "melde dem inn til myndighetene."
    ),
    P(
        "Alle skoler, barnehager og sykehjem skal ha trådløst nett som tåler at mange "
        "brukere er koblet til samtidig. Utskiftingen av gammelt nettverksutstyr fortsetter "
        "etter plan, og den eldste delen av utstyret skal være byttet ut innen 2026."
    ),
    H("10.2", "Miljø og gjenbruk", 2),
    P(
        "Kommunen ønsker å ta miljøhensyn også i digitaliseringsarbeidet, for eksempel ved "
        "at datautstyr brukes lenger og leveres til gjenbruk. Dette vil bli vurdert nærmere "
        "i forbindelse med nye innkjøp."
    ),
    BREAK,
    H("11", "Digitalisering i skole og barnehage", 1),
    P(
        "Skolene i Solvik har hatt egne nettbrett eller datamaskiner til alle elever siden "
        "2019. Det har gitt nye muligheter i undervisningen, men også spørsmål om skjermbruk, "
        "personvern og hvordan digitale læremidler velges ut. Kommunen vil videreføre "
        "satsingen og legge vekt på god pedagogisk bruk."
    ),
    P(
        "Skoleeier skal sørge for at digitale læremidler og verktøy vurderes opp mot "
        "personvern og universell utforming før de tas i bruk. Kommunen vil også se på "
        "hvordan kommunikasjonen mellom skole og hjem kan samles i færre kanaler, slik at "
        "foreldre ikke må følge med på mange ulike apper."
    ),
    P(
        "I barnehagene er digitalisering først og fremst et verktøy for de ansatte, for "
        "eksempel til dokumentasjon og kontakt med foreldre. Nærmere mål for skole og "
        "barnehage følger av kvalitetsplanen for oppvekst."
    ),
    BREAK,
    H("12", "Styring og gevinstrealisering", 1),
    P(
        "Digitalisering skal styres som en del av den ordinære virksomhetsstyringen, ikke som "
        "et eget spor ved siden av. Kommunedirektørens ledergruppe er porteføljestyre og "
        "prioriterer nye prosjekter to ganger i året, i forbindelse med budsjettarbeidet og "
        "tertialrapporteringen."
    ),
    H("12.1", "Porteføljestyring", 2),
    P(
        "Alle forslag til nye digitaliseringsprosjekter over 200 000 kroner skal ha en "
        "enkel gevinstplan før de kan prioriteres. Planen skal beskrive hvilke gevinster som "
        "forventes, hvem som har ansvar for å ta dem ut, og hvordan de skal måles. "
        "Systemeierne skal gå gjennom sine systemer hvert år og vurdere om de fortsatt "
        "dekker behovet."
    ),
    H("12.2", "Indikatorer", 2),
    Table(
        [
            ["Indikator", "Utgangspunkt 2024", "Mål 2028"],
            ["Andel søknader som kommer inn digitalt", "55 %", "80 %"],
            ["Årsverk frigjort gjennom digitalisering", "0", "15"],
            ["Fagsystemer med navngitt systemeier", "33 %", "100 %"],
            ["Ansatte med gjennomført grunnkurs", "12 %", "95 %"],
            ["Brukere av medisindispenser", "60", "250"],
        ],
        [0.5, 0.25, 0.25],
    ),
    P(
        "Resultatene rapporteres i årsmeldingen. Gevinster som er tatt ut som reduserte "
        "kostnader, skal synliggjøres i budsjettet for den enheten der de oppstår."
    ),
    BREAK,
    H("13", "Handlingsplan", 1),
    P(
        "Tabellen viser de prioriterte tiltakene i planperioden. Handlingsplanen rulleres "
        "hvert år sammen med økonomiplanen. Kostnadene er anslag og må vedtas i de årlige "
        "budsjettene."
    ),
    Table(
        [
            ["Tiltak", "Ansvar", "Frist", "Kostnad"],
            ["Ny innbyggerportal med innsyn i egne saker", "Servicetorget", "2026", "1,8 mill. kr"],
            ["Digital dialog og forhåndskonferanse i byggesak", "Plan og bygg", "2025", "350 000 kr"],
            ["Oversikt over fagsystemer og systemeiere", "IKT-sjef", "2025", "Innenfor ramme"],
            ["Styringssystem for informasjonssikkerhet", "Kommunedirektør", "2025", "400 000 kr"],
            ["Felles informasjonssikkerhetsleder med nabokommuner", "Kommunedirektør", "2025", "450 000 kr per år"],
            ["Årlig beredskapsøvelse med dataangrep", "Beredskapskoordinator", "Årlig", "Innenfor ramme"],
            ["Medisindispensere og digitalt tilsyn", "Helse og omsorg", "2027", "1,2 mill. kr per år"],
            ["Digital hjemmeoppfølging sammen med helseforetaket", "Helse og omsorg", "2026", "600 000 kr"],
            ["Velferdsteknologisk team", "Helse og omsorg", "2025", "Omdisponering"],
            ["Grunnkurs i digitale ferdigheter for alle ansatte", "HR-sjef", "2026", "250 000 kr"],
            ["Digitale veiledere i alle enheter", "Enhetsledere", "2025", "Innenfor ramme"],
            ["Felles anskaffelse av sak- og arkivsystem", "Nordkyst-nettverket", "2026", "2,5 mill. kr"],
            ["Gevinstplan for alle prosjekter over 200 000 kr", "Ledergruppen", "2025", "Innenfor ramme"],
            ["Bredbånd til de siste 300 husstandene", "Næringssjef", "2028", "Søkes tilskudd"],
        ],
        [0.45, 0.22, 0.1, 0.23],
    ),
    P(
        "Tiltak som ikke er med i tabellen, men som har kommet fram i arbeidet, samles i en "
        "idébank. Idébanken vurderes ved neste rullering av planen."
    ),
    BREAK,
    H(None, "Vedlegg: Ord og uttrykk", 1),
    Bullets(
        [
            "Felleskomponenter: nasjonale løsninger som mange virksomheter bruker, for "
            "eksempel for innlogging, digital post og registre over personer og eiendommer.",
            "Gevinstrealisering: arbeidet med å sikre at et tiltak faktisk gir den nytten "
            "som var planlagt, enten som spart tid, lavere kostnader eller bedre kvalitet.",
            "Livshendelse: en situasjon i livet der innbyggeren trenger tjenester fra flere "
            "offentlige virksomheter samtidig, for eksempel å få barn eller å miste en av sine "
            "nærmeste.",
            "Systemeier: lederen som har ansvar for at et fagsystem dekker behovet, er sikkert "
            "og har en gyldig avtale.",
            "Tjenestedesign: en metode for å utvikle tjenester sammen med brukerne, med vekt på "
            "behov, testing og forbedring i små steg.",
            "Velferdsteknologi: teknologi som gir trygghet, sikkerhet og mestring i hverdagen, "
            "som trygghetsalarm, medisindispenser og digitalt tilsyn.",
        ]
    ),
    P(
        "Planen er tilgjengelig på solvik.kommune.no. Spørsmål om planen kan rettes til "
        "seksjon for digitalisering og IKT."
    ),
]

SPEC = g.Spec(
    name="solvik-digitaliseringsplan",
    header="Solvik kommune – Digitaliseringsplan 2025–2028",
    footer="Solvik kommune | Vedtatt 19.06.2025",
    title=TITLE,
    author="Solvik kommune (fiktiv)",
    body_style=("Helvetica", 11.0, 16.5),
    para_space=9.0,
    body=[*FRONT, *CHAPTERS],
)


def _with_toc(spec, headings: list[dict], labels: dict[int, str]):
    entries = [
        (f"{h['number']} {h['title']}" if h["number"] else h["title"], labels.get(h["page"], ""))
        for h in headings
        if h["level"] == 1 and h["title"] != "Innhold"
    ]
    body = [g.Toc(entries) if isinstance(el, g.Toc) else el for el in spec.body]
    return g.Spec(**{**spec.__dict__, "body": body})


def build() -> tuple[bytes, dict]:
    """Render twice: the first pass tells which page each chapter lands on, for the contents."""
    _, truth = g.render(SPEC)
    labels = {p["index"]: p["label"] for p in truth["pages"] if p["label"]}
    return g.render(_with_toc(SPEC, truth["headings"], labels))


if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    data, truth = build()
    out.write_bytes(data)
    print(f"{out}: {len(truth['pages'])} pages, {len(data)} bytes")
