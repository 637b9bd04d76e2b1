"""Delegation: a plan that hands a theme to another named plan has not left a gap.

"Informasjonssikkerhet følges opp i egen handlingsplan" or "sjå eigen kompetanseplan" means
the municipality has placed the theme elsewhere in its plan system; the report says so and
names the plan, and the reader can check that plan.
"""

from __future__ import annotations

import re

_VERB = (
    r"(følges|følgjast|følgast|blir\s+fulgt|vert\s+følgd|vert\s+følgt|fulgt|følgt|behandles|handsamast|"
    r"omtales|omtalast|er\s+omtalt|er\s+omtala|beskrives|skildrast|er\s+beskrevet|er\s+skildra|"
    r"konkretiseres|konkretiserast|utdypes|utdjupast|er\s+nærmere\s+beskrevet|er\s+nærare\s+skildra|"
    r"ivaretas|varetakast|reguleres|regulerast|ligger|ligg|inngår|inngår|går\s+fram|fremgår|"
    r"er\s+forankret|er\s+forankra|håndteres|handterast|kommer|kjem|følger|følgjer|står|er\s+samlet|er\s+samla)"
)
_PLAN_WORD = r"(?:handlings|tema|kompetanse|sektor|del|strategi|beredskaps)?(?:plan|planen|strategi|strategien|strategiplan)"
_OWN = r"(?:egen|eget|egne|eigen|eige|eigne|separat|særskilt|særskild|en\s+egen|ein\s+eigen|eit\s+eige|et\s+eget)"

_PATTERNS = (
    # "... følges opp i (egen) handlingsplan for informasjonssikkerhet"
    re.compile(rf"\b{_VERB}\b(?:\s+\w+){{0,3}}?\s+(?:opp\s+)?(?:i|av)\s+(?:den\s+|det\s+)?(?:{_OWN}\s+)?(?P<name>[^.;:!?]*?{_PLAN_WORD}[^.;:!?]*)", re.I),
    # "se/sjå egen plan for ..."
    re.compile(rf"\b(?:se|sjå|jf\.?|viser\s+til|visar\s+til)\s+(?:også\s+|òg\s+)?(?:{_OWN}\s+)?(?P<name>[^.;:!?]*?{_PLAN_WORD}[^.;:!?]*)", re.I),
    # "Dette er omtalt i Handlingsplan for ..."
    re.compile(rf"\bi\s+{_OWN}\s+(?P<name>{_PLAN_WORD}[^.;:!?]*)", re.I),
)
_QUOTED = re.compile(r"[«\"“](?P<name>[^»\"”]{4,120})[»\"”]")


def delegation_target(text: str) -> str | None:
    """The name of the plan a passage hands its subject to, or None.

    Only explicit hand-overs count: a plan mentioned in passing ("i tråd med kommuneplanen")
    is not a delegation.
    """
    for pat in _PATTERNS:
        m = pat.search(text)
        if m:
            q = _QUOTED.search(text[m.start():])
            name = q.group("name") if q else m.group("name")
            name = " ".join(name.split()).strip(" ,–-")
            if len(name) > 100:
                name = name[:100].rsplit(" ", 1)[0] + " …"
            if name.lower() in {"planen", "plan", "strategien", "strategi", "handlingsplanen", "denne planen"}:
                continue  # a bare "the plan" names nothing a reader could look up
            if re.search(r"kommuneplan(en)?s?\b(?!\s+for)", name, re.I) and not re.search(_OWN, text, re.I):
                continue  # "i tråd med kommuneplanen" is alignment, not a hand-over
            return name[:1].upper() + name[1:]
    return None
