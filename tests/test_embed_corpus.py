"""Norwegian municipal-plan passages for embedding tests and benchmarks, and their tests.

All text is our own: passages are composed from sentence parts written for this file, in
bokmål and nynorsk, so the validation set is large and varied without copying any plan.
`passages(n)` is deterministic. `PARAPHRASES` pairs a plan sentence with a differently
worded query in the other written standard, for retrieval checks. `benchmarks/embed.py`
imports this module too.
"""

from __future__ import annotations

import random

# Each slot holds (bokmål, nynorsk) variants, so the same composition exists in both.
_ACTORS = [
    ("Kommunen", "Kommunen"),
    ("Kommunedirektøren", "Kommunedirektøren"),
    ("IKT-avdelingen", "IKT-avdelinga"),
    ("Helse- og omsorgstjenesten", "Helse- og omsorgstenesta"),
    ("Oppvekstsektoren", "Oppvekstsektoren"),
    ("Det interkommunale IKT-samarbeidet", "Det interkommunale IKT-samarbeidet"),
    ("Plan- og byggesaksavdelingen", "Plan- og byggjesaksavdelinga"),
    ("Servicetorget", "Servicetorget"),
    ("Økonomiavdelingen", "Økonomiavdelinga"),
    ("Arkivtjenesten", "Arkivtenesta"),
]
_MODALS = [("skal", "skal"), ("vil", "vil"), ("bør", "bør"), ("har som mål å", "har som mål å"),
           ("planlegger å", "planlegg å")]
_ACTIONS = [
    ("innføre", "innføre"), ("etablere", "etablere"), ("styrke", "styrkje"),
    ("videreutvikle", "vidareutvikle"), ("ta i bruk", "ta i bruk"), ("utrede", "greie ut"),
    ("kartlegge behovet for", "kartleggje behovet for"), ("prioritere", "prioritere"),
]
_OBJECTS = [
    ("digitale innbyggertjenester som er enkle å bruke", "digitale innbyggjartenester som er enkle å bruke"),
    ("en felles plattform for deling av data mellom virksomhetene",
     "ei felles plattform for deling av data mellom verksemdene"),
    ("velferdsteknologi i hjemmetjenesten", "velferdsteknologi i heimetenesta"),
    ("faste rutiner for informasjonssikkerhet og personvern",
     "faste rutinar for informasjonstryggleik og personvern"),
    ("opplæring i digitale ferdigheter for alle ansatte",
     "opplæring i digitale ferdigheiter for alle tilsette"),
    ("bredbånd med høy kapasitet i hele kommunen", "breiband med høg kapasitet i heile kommunen"),
    ("en plan for gevinstrealisering i digitaliseringsprosjektene",
     "ein plan for gevinstrealisering i digitaliseringsprosjekta"),
    ("elektronisk arkivering etter Noark-standarden", "elektronisk arkivering etter Noark-standarden"),
    ("digital byggesaksbehandling", "digital byggjesakshandsaming"),
    ("kunstig intelligens i saksbehandlingen", "kunstig intelligens i sakshandsaminga"),
    ("sikker kommunikasjon med sykehuset og fastlegene",
     "sikker kommunikasjon med sjukehuset og fastlegane"),
    ("åpne data om kommunens tjenester", "opne data om tenestene til kommunen"),
    ("tiltak mot digitalt utenforskap blant eldre", "tiltak mot digitalt utanforskap blant eldre"),
    ("skytjenester som oppfyller kravene i arkivloven", "skytenester som oppfyller krava i arkivlova"),
    ("en oversikt over alle fagsystemer og avtaler", "ei oversikt over alle fagsystem og avtalar"),
    ("digital læringsplattform i grunnskolen", "digital læringsplattform i grunnskulen"),
    ("beredskapsplaner for bortfall av IKT-systemer", "beredskapsplanar for bortfall av IKT-system"),
    ("universell utforming av nettsidene", "universell utforming av nettsidene"),
]
_WHEN = [
    ("innen utgangen av {year}", "innan utgangen av {year}"),
    ("i løpet av planperioden", "i løpet av planperioden"),
    ("fra {year}", "frå {year}"),
    ("innen {year}", "innan {year}"),
    ("som et prioritert tiltak i {year}", "som eit prioritert tiltak i {year}"),
]
_REASONS = [
    ("Målet er å gi innbyggerne bedre og raskere tjenester.",
     "Målet er å gje innbyggjarane betre og raskare tenester."),
    ("Dette skal frigjøre tid til direkte brukerrettet arbeid.",
     "Dette skal frigjere tid til direkte brukarretta arbeid."),
    ("Tiltaket følger opp den nasjonale digitaliseringsstrategien.",
     "Tiltaket følgjer opp den nasjonale digitaliseringsstrategien."),
    ("Erfaringer fra nabokommunene viser at gevinstene kan bli store.",
     "Erfaringar frå nabokommunane viser at vinstane kan bli store."),
    ("Brukerne skal involveres tidlig gjennom tjenestedesign.",
     "Brukarane skal involverast tidleg gjennom tenestedesign."),
    ("Samtidig må personvernet til innbyggerne ivaretas.",
     "Samstundes må personvernet til innbyggjarane takast vare på."),
]
_FOLLOW_UP = [
    ("Det er satt av {money} millioner kroner i økonomiplanen.",
     "Det er sett av {money} millionar kroner i økonomiplanen."),
    ("Andelen digitale søknader skal måles hvert år.", "Delen digitale søknader skal målast kvart år."),
    ("Arbeidet rapporteres i årsmeldingen.", "Arbeidet vert rapportert i årsmeldinga."),
    ("Ansvaret ligger hos {owner}.", "Ansvaret ligg hos {owner}."),
    ("Tiltaket finansieres innenfor eksisterende rammer.", "Tiltaket vert finansiert innanfor eksisterande rammer."),
    ("Status skal legges fram for kommunestyret i {year}.", "Status skal leggjast fram for kommunestyret i {year}."),
]
_CONTEXT = [
    ("{place} kommune har om lag {people} innbyggere, og andelen eldre øker.",
     "{place} kommune har om lag {people} innbyggjarar, og delen eldre aukar."),
    ("Kommunen har store avstander og spredt bosetting.", "Kommunen har store avstandar og spreidd busetnad."),
    ("Det skal bygges ny gang- og sykkelvei langs fylkesveien.",
     "Det skal byggjast ny gang- og sykkelveg langs fylkesvegen."),
    ("Idrettshallen ved skolen skal rehabiliteres.", "Idrettshallen ved skulen skal rehabiliterast."),
    ("Mange innbyggere pendler til nabokommunen.", "Mange innbyggjarar pendlar til nabokommunen."),
    ("Kulturskolen tilbyr undervisning i musikk og dans.", "Kulturskulen tilbyr undervisning i musikk og dans."),
    ("Vann- og avløpsnettet trenger betydelige investeringer.",
     "Vass- og avløpsnettet treng store investeringar."),
]
_PLACES = ["Solvik", "Fjellstad", "Nordvåg", "Elvdal", "Strandnes", "Haugvik", "Brekke", "Lia"]
_OWNERS = [("kommunedirektøren", "kommunedirektøren"), ("IKT-leder", "IKT-leiaren"),
           ("digitaliseringsrådgiveren", "digitaliseringsrådgjevaren"), ("kommunalsjef for helse", "kommunalsjef for helse")]


def _cap(text: str) -> str:
    return text[0].upper() + text[1:]


def _passage(rng: random.Random, lang: int) -> str:
    year = rng.randint(2025, 2031)
    fill = {"year": year, "money": f"{rng.randint(1, 40) / 2:.1f}".replace(".", ","),
            "place": rng.choice(_PLACES), "people": f"{rng.randint(2, 60) * 1000:,}".replace(",", " "),
            "owner": rng.choice(_OWNERS)[lang]}
    parts = []
    if rng.random() < 0.4:
        parts.append(rng.choice(_CONTEXT)[lang].format(**fill))
    for _ in range(rng.randint(1, 3)):
        actor, modal, action, obj, when = (rng.choice(x)[lang] for x in (_ACTORS, _MODALS, _ACTIONS, _OBJECTS, _WHEN))
        when = when.format(**fill)
        if rng.random() < 0.5:
            parts.append(f"{actor} {modal} {action} {obj} {when}.")
        else:
            parts.append(f"{_cap(when)} {modal.split()[0]} {actor.lower() if actor != 'Kommunen' else 'kommunen'} "
                         f"{' '.join(modal.split()[1:]) + ' ' if len(modal.split()) > 1 else ''}{action} {obj}.")
        if rng.random() < 0.6:
            parts.append(rng.choice(_REASONS)[lang])
        if rng.random() < 0.5:
            parts.append(rng.choice(_FOLLOW_UP)[lang].format(**fill))
    return " ".join(parts)


def passages(n: int, seed: int = 2024, min_words: int = 20, max_words: int = 80) -> list[str]:
    """`n` distinct passages of `min_words`..`max_words` words; about a third in nynorsk."""
    rng = random.Random(seed)
    out: list[str] = []
    seen: set[str] = set()
    while len(out) < n:
        text = _passage(rng, 1 if rng.random() < 0.35 else 0)
        words = len(text.split())
        if min_words <= words <= max_words and text not in seen:
            seen.add(text)
            out.append(text)
    return out


def parallel_passages(n: int, seed: int = 99) -> list[tuple[str, str]]:
    """`n` passages composed the same way in bokmål and in nynorsk: (bokmål, nynorsk)."""
    rng = random.Random(seed)
    out: list[tuple[str, str]] = []
    while len(out) < n:
        state = rng.getstate()
        bokmal = _passage(rng, 0)
        rng.setstate(state)
        nynorsk = _passage(rng, 1)
        if bokmal != nynorsk and 20 <= len(bokmal.split()) <= 80:
            out.append((bokmal, nynorsk))
    return out


# (passage as in a plan, query saying the same in other words; mixed bokmål/nynorsk)
PARAPHRASES: list[tuple[str, str]] = [
    ("Kommunen skal tilby velferdsteknologi som gjør at eldre kan bo hjemme lenger.",
     "Eldre skal kunne bu lenger i eigen heim ved hjelp av teknologi."),
    ("Alle ansatte skal gjennomføre opplæring i informasjonssikkerhet hvert år.",
     "Dei tilsette må ta årleg kurs i informasjonstryggleik."),
    ("Vi vil bygge ut fiber slik at alle husstander får raskt internett.",
     "Alle heimar skal få breiband med høg fart."),
    ("Byggesøknader skal kunne sendes og behandles digitalt.",
     "Søknader om å byggje skal handsamast elektronisk."),
    ("Kommunen skal dele data med andre offentlige virksomheter gjennom sikre løsninger.",
     "Data skal delast trygt med andre offentlege etatar."),
    ("Det skal lages en plan for å hente ut gevinster av digitaliseringsprosjektene.",
     "Kva vinstar digitaliseringa gjev, skal planleggjast og følgjast opp."),
    ("Innbyggere som ikke behersker digitale verktøy, skal få hjelp på servicetorget.",
     "Dei som slit med det digitale, skal få rettleiing ved skranken på rådhuset."),
    ("Skolene skal bruke læringsplattformer som ivaretar elevenes personvern.",
     "Personvernet til elevane må sikrast når skulane brukar digitale læringsverktøy."),
    ("Kommunen vil vurdere bruk av kunstig intelligens i saksbehandlingen.",
     "Me skal greie ut om KI kan nyttast i sakshandsaminga."),
    ("Arkivet skal overføres til en elektronisk løsning etter gjeldende standard.",
     "Dokumentasjonen skal lagrast digitalt i eit godkjent arkivsystem."),
    ("Ved bortfall av IKT-systemer skal det finnes reserveløsninger og beredskapsplaner.",
     "Det må finnast planar for kva me gjer når datasystema går ned."),
    ("Nettsidene skal være universelt utformet og oppfylle WCAG-kravene.",
     "Heimesidene skal vere tilgjengelege for alle, også folk med funksjonsnedsetjing."),
    ("Legevakten og sykehuset skal kunne utveksle pasientopplysninger elektronisk.",
     "Helseopplysningar skal sendast digitalt mellom legevakta og sjukehuset."),
    ("Kommunen skal publisere åpne data om tjenestene sine.",
     "Opplysningar om tenestene skal gjerast fritt tilgjengelege som opne data."),
    ("Det er satt av tre millioner kroner til digitalisering i økonomiplanen.",
     "Økonomiplanen har ei løyving på 3 mill. kr til digitale tiltak."),
    ("Innbyggerne skal kunne bestille time hos helsestasjonen på nett.",
     "Timebestilling på helsestasjonen skal kunne gjerast digitalt."),
    ("Kommunen vil samarbeide med nabokommunene om felles IKT-drift.",
     "Drifta av datasystema skal skje i lag med kommunane rundt oss."),
    ("Ny gang- og sykkelvei skal bygges langs fylkesveien.",
     "Det skal byggjast sykkelveg ved sida av fylkesvegen."),
    ("Kulturskolen skal gi flere barn tilbud om musikkundervisning.",
     "Fleire born skal få gå i kulturskulen og lære musikk."),
    ("Alle nye fagsystemer skal vurderes for risiko før de tas i bruk.",
     "Før eit nytt system vert teke i bruk, skal det gjerast ei risikovurdering."),
    ("Tjenestene skal utvikles sammen med brukerne gjennom tjenestedesign.",
     "Brukarane skal vere med og forme tenestene."),
    ("Kommunen skal ha oversikt over alle avtaler med leverandører av programvare.",
     "Me treng ei liste over kontraktane med programvareleverandørane."),
]


def test_passages_are_deterministic_and_distinct():
    first = passages(300)
    assert first == passages(300)
    assert len(set(first)) == 300
    assert first != passages(300, seed=7)


def test_passages_respect_word_limits_and_mix_written_standards():
    texts = passages(500)
    counts = [len(t.split()) for t in texts]
    assert min(counts) >= 20 and max(counts) <= 80
    nynorsk = sum(1 for t in texts if any(w in t for w in (" ikkje ", "tilsette", "innan", "frå ", "vert ", "heile")))
    assert 0.15 * len(texts) < nynorsk < 0.6 * len(texts)


def test_parallel_passages_differ_only_in_written_standard():
    pairs = parallel_passages(50)
    assert all(nb != nn for nb, nn in pairs)
    ratio = [abs(len(nb.split()) - len(nn.split())) for nb, nn in pairs]
    assert max(ratio) <= 10


def test_paraphrase_set_has_unique_entries():
    assert len({p for p, _ in PARAPHRASES}) == len(PARAPHRASES)
    assert len({q for _, q in PARAPHRASES}) == len(PARAPHRASES)
