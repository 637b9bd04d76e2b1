"""Every label a report reader sees, in bokmål (`nb`), nynorsk (`nn`) and English (`en`).

The HTML, Markdown and CSV renderers take all their words from `TEXTS`, so that a report is
in one language from top to bottom. Theme titles and advice come from the framework data in
the chosen language; text quoted from the plan stays as written.

To change a wording, change it here for all three languages; a test checks that every key has
all three, none empty, with the same `{placeholders}`.
"""

from __future__ import annotations

import math
import string
from collections.abc import Mapping

from align.errors import UnsupportedReportLanguage

LANGS: tuple[str, ...] = ("nb", "nn", "en")
DEFAULT_LANG = "nb"

# key -> (nb, nn, en)
_TABLE: dict[str, tuple[str, str, str]] = {
    # ---- page frame ----------------------------------------------------------------------
    "doc_title": (
        "Digitaliseringsrapport: {plan}",
        "Digitaliseringsrapport: {plan}",
        "Digitalisation report: {plan}",
    ),
    "report_kicker": ("Digitaliseringsrapport", "Digitaliseringsrapport", "Digitalisation report"),
    "report_heading": (
        "Hvordan planen svarer på de nasjonale digitaliseringsstrategiene",
        "Korleis planen svarar på dei nasjonale digitaliseringsstrategiane",
        "How the plan meets the national digitalisation strategies",
    ),
    "skip_link": ("Hopp til hovedinnholdet", "Hopp til hovudinnhaldet", "Skip to main content"),
    "nav_label": ("Innhold", "Innhald", "Contents"),
    "about_plan_label": ("Om planen og kjøringen", "Om planen og køyringa", "About the plan and the run"),
    "label_file": ("Fil", "Fil", "File"),
    "label_title": ("Tittel", "Tittel", "Title"),
    "label_pages": ("Sider", "Sider", "Pages"),
    "label_language": ("Språk i planen", "Språk i planen", "Language of the plan"),
    "label_municipality": ("Kommune", "Kommune", "Municipality"),
    "label_generated": ("Dato", "Dato", "Date"),
    "label_tool": ("Verktøy", "Verktøy", "Tool"),
    "label_model": ("Språkmodell", "Språkmodell", "Language model"),
    "label_scorer": ("Vurderingsmetode", "Vurderingsmetode", "Scoring method"),
    "label_frameworks": ("Rammeverk", "Rammeverk", "Frameworks"),
    "version_fmt": ("versjon {version}", "versjon {version}", "version {version}"),
    "framework_version_fmt": ("{title} (versjon {version})", "{title} (versjon {version})", "{title} (version {version})"),
    "tool_fmt": ("align {version}", "align {version}", "align {version}"),
    "footer": (
        "Laget med align {version}. Rapporten er laget maskinelt og bør leses sammen med planen.",
        "Laga med align {version}. Rapporten er laga maskinelt og bør lesast saman med planen.",
        "Made with align {version}. The report is machine-made and should be read together with the plan.",
    ),
    # ---- languages of the plan -----------------------------------------------------------
    "lang_nb": ("bokmål", "bokmål", "Norwegian Bokmål"),
    "lang_nn": ("nynorsk", "nynorsk", "Norwegian Nynorsk"),
    "lang_mixed": ("bokmål og nynorsk", "bokmål og nynorsk", "Bokmål and Nynorsk"),
    "lang_no": ("norsk", "norsk", "Norwegian"),
    "lang_sv": ("svensk", "svensk", "Swedish"),
    "lang_da": ("dansk", "dansk", "Danish"),
    "lang_en": ("engelsk", "engelsk", "English"),
    "lang_unknown": ("ukjent ({code})", "ukjend ({code})", "unknown ({code})"),
    # ---- summary -------------------------------------------------------------------------
    "summary_heading": ("Sammendrag", "Samandrag", "Summary"),
    "coverage_heading": ("Dekning per rammeverk", "Dekning per rammeverk", "Coverage per framework"),
    "coverage_note": (
        "Poeng fra 0 til 100. Høyere er bedre.",
        "Poeng frå 0 til 100. Høgare er betre.",
        "Score from 0 to 100. Higher is better.",
    ),
    "score_of": ("{score} av 100", "{score} av 100", "{score} of 100"),
    "counts_heading": ("Temaer etter nivå", "Tema etter nivå", "Themes by level"),
    "counts_total": ("{n} temaer vurdert", "{n} tema vurderte", "{n} themes assessed"),
    "gaps_heading": ("De viktigste manglene", "Dei viktigaste manglane", "The most important gaps"),
    "gaps_none": (
        "Vi fant ingen tydelige mangler mot rammeverkene.",
        "Vi fann ingen tydelege manglar mot rammeverka.",
        "We found no clear gaps against the frameworks.",
    ),
    "gap_in": ("i {framework}", "i {framework}", "in {framework}"),
    # ---- levels --------------------------------------------------------------------------
    "level_dekket": ("Dekket", "Dekt", "Covered"),
    "level_nevnt": ("Nevnt", "Nemnt", "Mentioned"),
    "level_mangler": ("Mangler", "Manglar", "Missing"),
    "level_delegert": ("Delegert", "Delegert", "Delegated"),
    "level_usikker": ("Usikker", "Usikker", "Uncertain"),
    "levdesc_dekket": (
        "Planen tar opp temaet konkret: med tiltak, ansvar, frist, beløp eller mål.",
        "Planen tek opp temaet konkret: med tiltak, ansvar, frist, beløp eller mål.",
        "The plan addresses the theme concretely: with measures, an owner, a deadline, an amount or a target.",
    ),
    "levdesc_nevnt": (
        "Planen nevner temaet, men bare i generelle vendinger, uten konkrete tiltak.",
        "Planen nemner temaet, men berre i generelle vendingar, utan konkrete tiltak.",
        "The plan mentions the theme, but only in general terms, without concrete measures.",
    ),
    "levdesc_mangler": (
        "Vi fant ingen tekst i planen som tar opp temaet.",
        "Vi fann ingen tekst i planen som tek opp temaet.",
        "We found no text in the plan that addresses the theme.",
    ),
    "levdesc_delegert": (
        "Planen viser til en annen, navngitt plan for dette temaet. Det regnes ikke som en mangel.",
        "Planen viser til ein annan, namngitt plan for dette temaet. Det blir ikkje rekna som ein mangel.",
        "The plan refers this theme to another, named plan. That is not counted as a gap.",
    ),
    "levdesc_usikker": (
        "Funnene er svake eller peker i ulike retninger. Les sitatene og vurder selv.",
        "Funna er svake eller peikar i ulike retningar. Les sitata og vurder sjølv.",
        "The evidence is weak or points in different directions. Read the quotes and judge for yourself.",
    ),
    # ---- why a theme got its level (ThemeResult.reason) -----------------------------------
    "reason_concrete-evidence": (
        "Funn med konkrete tiltak.",
        "Funn med konkrete tiltak.",
        "Evidence with concrete measures.",
    ),
    "reason_general-mention": ("Bare generell omtale.", "Berre generell omtale.", "General mention only."),
    "reason_no-evidence": (
        "Ingen funn over terskelen.",
        "Ingen funn over terskelen.",
        "No evidence above the threshold.",
    ),
    "reason_weak-evidence": ("Svake funn.", "Svake funn.", "Weak evidence."),
    "reason_signals-disagree": (
        "Signalene peker i ulike retninger.",
        "Signala peikar i ulike retningar.",
        "The signals disagree.",
    ),
    "reason_delegated": ("Viser til en annen plan.", "Viser til ein annan plan.", "Refers to another plan."),
    # ---- overview table ------------------------------------------------------------------
    "overview_heading": ("Oversikt over alle temaer", "Oversikt over alle tema", "Overview of all themes"),
    "overview_caption": (
        "Alle temaer, sortert etter rammeverk og deretter med de svakeste først.",
        "Alle tema, sorterte etter rammeverk og deretter med dei svakaste først.",
        "All themes, sorted by framework, then weakest first.",
    ),
    "col_framework": ("Rammeverk", "Rammeverk", "Framework"),
    "col_theme": ("Tema", "Tema", "Theme"),
    "col_level": ("Nivå", "Nivå", "Level"),
    "col_score": ("Poeng", "Poeng", "Score"),
    "col_evidence": ("Funn", "Funn", "Evidence"),
    "col_page": ("Beste side", "Beste side", "Best page"),
    # ---- controls added by the optional script -------------------------------------------
    "filter_legend": ("Vis temaer med nivå", "Vis tema med nivå", "Show themes with level"),
    "filter_status": ("Viser {shown} av {total} temaer.", "Viser {shown} av {total} tema.", "Showing {shown} of {total} themes."),
    "sort_hint": (
        "Velg en kolonneoverskrift for å sortere tabellen.",
        "Vel ei kolonneoverskrift for å sortere tabellen.",
        "Select a column heading to sort the table.",
    ),
    # ---- framework sections and theme cards ----------------------------------------------
    "fw_score": ("Samlet poeng: {score} av 100", "Samla poeng: {score} av 100", "Overall score: {score} of 100"),
    "fw_publisher": ("Utgiver: {publisher}", "Utgjevar: {publisher}", "Publisher: {publisher}"),
    "score_label": ("Poeng", "Poeng", "Score"),
    "evidence_heading": ("Funn i planen", "Funn i planen", "Evidence in the plan"),
    "closest_heading": ("Nærmeste tekst i planen", "Nærmaste tekst i planen", "Closest passages in the plan"),
    "closest_note": (
        "Disse avsnittene lå nærmest, men holdt ikke til å regne temaet som omtalt.",
        "Desse avsnitta låg nærmast, men heldt ikkje til å rekne temaet som omtalt.",
        "These passages came closest, but were not enough to count the theme as addressed.",
    ),
    "no_closest": (
        "Vi fant ingen avsnitt i nærheten av temaet.",
        "Vi fann ingen avsnitt i nærleiken av temaet.",
        "We found no passages close to the theme.",
    ),
    "expectations_heading": ("Forventninger", "Forventingar", "Expectations"),
    "expects_heading": (
        "Dette forventer den nasjonale strategien",
        "Dette forventar den nasjonale strategien",
        "What the national strategy expects",
    ),
    "exp_met": ("Oppfylt", "Oppfylt", "Met"),
    "exp_not_met": ("Ikke oppfylt", "Ikkje oppfylt", "Not met"),
    "advice_heading": ("Råd", "Råd", "Advice"),
    "delegated_to": ("Delegert til: {target}", "Delegert til: {target}", "Delegated to: {target}"),
    "delegated_note": (
        "Planen viser til en egen plan for dette temaet. Sjekk at den planen finnes og er oppdatert.",
        "Planen viser til ein eigen plan for dette temaet. Sjekk at den planen finst og er oppdatert.",
        "The plan refers this theme to a separate plan. Check that the plan exists and is up to date.",
    ),
    "page_fmt": ("side {page}", "side {page}", "page {page}"),
    "pages_fmt": ("side {start}–{end}", "side {start}–{end}", "pages {start}–{end}"),
    "open_pdf_hint": ("(åpner planen)", "(opnar planen)", "(opens the plan)"),
    "probability_fmt": ("sannsynlighet {p}", "sannsyn {p}", "probability {p}"),
    "keywords_label": ("Nøkkelord", "Nøkkelord", "Keywords"),
    "signals_label": ("Konkrete signaler", "Konkrete signal", "Concrete signals"),
    "commit_obligation": ("Forpliktelse", "Forplikting", "Commitment"),
    "commit_owner": ("Ansvar", "Ansvar", "Owner"),
    "commit_deadline": ("Frist", "Frist", "Deadline"),
    "commit_amount": ("Beløp", "Beløp", "Amount"),
    "commit_target": ("Mål", "Mål", "Target"),
    "no_heading": ("(uten overskrift)", "(utan overskrift)", "(no heading)"),
    "statements_in_nb": (
        "Forventningene er gjengitt på bokmål.",
        "Forventingane er gjevne att på bokmål.",
        "The expectations are quoted in Norwegian Bokmål.",
    ),
    # ---- how to read ---------------------------------------------------------------------
    "howto_heading": ("Slik leser du rapporten", "Slik les du rapporten", "How to read this report"),
    "howto_levels_heading": ("Nivåene", "Nivåa", "The levels"),
    "howto_scores_heading": ("Poengene", "Poenga", "The scores"),
    "howto_theme_score": (
        "Poengene for et tema (0–100) følger nivået: 0–29 mangler, 30–69 nevnt (eller delegert), "
        "70–100 dekket. Innenfor hvert intervall stiger poengene med hvor sikkert det beste avsnittet "
        "er over temaets terskel; for en mangel viser de hvor nær det beste avsnittet kom terskelen.",
        "Poenga for eit tema (0–100) følgjer nivået: 0–29 manglar, 30–69 nemnt (eller delegert), "
        "70–100 dekt. Innanfor kvart intervall stig poenga med kor sikkert det beste avsnittet er "
        "over terskelen for temaet; for ein mangel viser dei kor nær det beste avsnittet kom terskelen.",
        "A theme's score (0–100) follows its level: 0–29 missing, 30–69 mentioned (or delegated), "
        "70–100 covered. Within each band the score rises with how clearly the best passage is above "
        "the theme's threshold; for a gap it shows how close the best passage came to the threshold.",
    ),
    "howto_fw_score": (
        "Poengene for et rammeverk er gjennomsnittet av poengene for temaene i det.",
        "Poenga for eit rammeverk er gjennomsnittet av poenga for temaa i det.",
        "A framework's score is the mean of its theme scores.",
    ),
    "howto_calibration_heading": ("Kalibrering", "Kalibrering", "Calibration"),
    "howto_calibration": (
        "Sannsynlighetene kommer fra modeller som er trent på avsnitt fra kommunale planer der hvert "
        "avsnitt er merket med temaene det handler om. Planene er fiktive og skrevet for formålet, i "
        "bokmål og nynorsk. Terskelen for hvert tema er valgt ved kryssvalidering på en egen del av "
        "dataene, og treffsikkerheten er målt på planer som ikke ble brukt i treningen. Bare avsnitt som "
        "handler om digitalisering, teller som funn: et eget filter vurderer hvert avsnitt sammen med "
        "avsnittene rett før og etter.",
        "Sannsyna kjem frå modellar som er trente på avsnitt frå kommunale planar der kvart avsnitt er "
        "merkt med temaa det handlar om. Planane er fiktive og skrivne for føremålet, på bokmål og "
        "nynorsk. Terskelen for kvart tema er vald ved kryssvalidering på ein eigen del av dataa, og "
        "treffsikkerheita er målt på planar som ikkje vart brukte i treninga. Berre avsnitt som handlar "
        "om digitalisering, tel som funn: eit eige filter vurderer kvart avsnitt saman med avsnitta rett "
        "før og etter.",
        "The probabilities come from models trained on passages of municipal plans in which each "
        "passage is labelled with the themes it addresses. The plans are fictional, written for the "
        "purpose, in Bokmål and Nynorsk. Each theme's threshold was chosen by cross-validation on one "
        "part of the data, and the accuracy was measured on plans not used in training. Only passages "
        "about digitalisation count as evidence: a separate filter judges each passage together with "
        "the passages just before and after it.",
    ),
    "howto_accuracy_heading": ("Målt treffsikkerhet", "Målt treffsikkerheit", "Measured accuracy"),
    "accuracy_intro": (
        "Målt med «align eval» på merkede testplaner som ikke ble brukt i treningen:",
        "Målt med «align eval» på merkte testplanar som ikkje vart brukte i treninga:",
        "Measured with “align eval” on labelled test plans not used in training:",
    ),
    "accuracy_none": (
        "Treffsikkerheten er ikke målt for denne versjonen. Les funnene med det i tankene.",
        "Treffsikkerheita er ikkje målt for denne versjonen. Les funna med det i tankane.",
        "Accuracy has not been measured for this version. Read the findings with that in mind.",
    ),
    "howto_limits_heading": ("Kjente begrensninger", "Kjende avgrensingar", "Known limits"),
    "limit_quality": (
        "Verktøyet finner tekst som tar opp et tema. Det vurderer ikke om tiltakene er gode eller realistiske.",
        "Verktøyet finn tekst som tek opp eit tema. Det vurderer ikkje om tiltaka er gode eller realistiske.",
        "The tool finds text that addresses a theme. It does not judge whether the measures are good or realistic.",
    ),
    "limit_read_quotes": (
        "Les sitatene før du bruker et resultat. Et tema kan være omtalt med ord verktøyet ikke kjenner igjen.",
        "Les sitata før du brukar eit resultat. Eit tema kan vere omtalt med ord verktøyet ikkje kjenner att.",
        "Read the quotes before you use a result. A theme can be covered in words the tool does not recognise.",
    ),
    "limit_layout": (
        "Tabeller, figurer og skannede sider kan bli lest ufullstendig.",
        "Tabellar, figurar og skanna sider kan bli lesne ufullstendig.",
        "Tables, figures and scanned pages may be read incompletely.",
    ),
    "limit_summary": (
        "Temaene og forventningene er vår oppsummering av de nasjonale strategiene, ikke den offisielle teksten.",
        "Temaa og forventingane er vårt samandrag av dei nasjonale strategiane, ikkje den offisielle teksten.",
        "The themes and expectations are our summary of the national strategies, not their official text.",
    ),
    "limit_delegation": (
        "Når planen viser til en annen plan, leser ikke verktøyet den andre planen.",
        "Når planen viser til ein annan plan, les ikkje verktøyet den andre planen.",
        "When the plan refers to another plan, the tool does not read that other plan.",
    ),
    # ---- measured accuracy (keys of the `quality` mapping from `align eval`) ---------------
    "q_passage_macro_f1": (
        "Avsnitt riktig knyttet til tema (makro-F1)",
        "Avsnitt rett knytte til tema (makro-F1)",
        "Passages correctly linked to themes (macro F1)",
    ),
    "q_passage_macro_precision": (
        "Presisjon på avsnittsnivå",
        "Presisjon på avsnittsnivå",
        "Passage-level precision",
    ),
    "q_passage_macro_recall": ("Dekning på avsnittsnivå", "Dekning på avsnittsnivå", "Passage-level recall"),
    "q_document_level_accuracy": (
        "Riktig nivå per tema og plan",
        "Rett nivå per tema og plan",
        "Correct level per theme and plan",
    ),
    "q_document_macro_f1": (
        "Tema riktig funnet per plan (makro-F1)",
        "Tema rett funne per plan (makro-F1)",
        "Themes correctly found per plan (macro F1)",
    ),
    "q_evidence_precision_at_3": (
        "Relevante sitater blant de tre beste",
        "Relevante sitat blant dei tre beste",
        "Relevant quotes among the top three",
    ),
    "q_split": ("Datasett", "Datasett", "Data set"),
    "q_n_documents": ("Antall planer", "Talet på planar", "Number of plans"),
    "q_n_passages": ("Antall avsnitt", "Talet på avsnitt", "Number of passages"),
    "q_model_id": ("Språkmodell", "Språkmodell", "Language model"),
    "q_scorer": ("Vurderingsmetode", "Vurderingsmetode", "Scoring method"),
    "split_test": (
        "testsett (holdt utenfor opplæringen)",
        "testsett (halde utanfor opplæringa)",
        "test set (held out from training)",
    ),
    "split_dev": ("utviklingssett", "utviklingssett", "development set"),
    "split_train": ("treningssett", "treningssett", "training set"),
    "split_all": ("alle merkede planer", "alle merkte planar", "all labelled plans"),
    # ---- technical details ---------------------------------------------------------------
    "tech_heading": ("Teknisk informasjon", "Teknisk informasjon", "Technical details"),
    "label_sha256": ("Filens SHA-256", "SHA-256 for fila", "File SHA-256"),
    "label_schema": ("Skjemaversjon", "Skjemaversjon", "Schema version"),
    "label_model_precision": ("Tallpresisjon", "Talpresisjon", "Numeric precision"),
    "label_model_checksum": ("Modellens sjekksum", "Sjekksum for modellen", "Model checksum"),
    "label_scorer_checksum": (
        "Sjekksum for vurderingsmetoden",
        "Sjekksum for vurderingsmetoden",
        "Scoring method checksum",
    ),
    "label_warnings": ("Merknader fra innlesingen", "Merknader frå innlesinga", "Notes from reading the file"),
    # ---- CSV column headers --------------------------------------------------------------
    "csv_framework": ("rammeverk", "rammeverk", "framework"),
    "csv_theme_id": ("tema_id", "tema_id", "theme_id"),
    "csv_title": ("tittel", "tittel", "title"),
    "csv_level": ("nivå", "nivå", "level"),
    "csv_score": ("poeng", "poeng", "score"),
    "csv_evidence_count": ("antall_funn", "tal_funn", "evidence_count"),
    "csv_best_page": ("beste_side", "beste_side", "best_page"),
    # ---- batch: peers in a plan's own report (align batch) -------------------------------
    "peers_heading": (
        "Andre kommuner som dekker temaet",
        "Andre kommunar som dekkjer temaet",
        "Other municipalities that cover this theme",
    ),
    "peers_note": (
        "Fra samme sammenligning: kommuner som tar opp temaet konkret. Se hvordan de har gjort det.",
        "Frå same samanlikning: kommunar som tek opp temaet konkret. Sjå korleis dei har gjort det.",
        "From the same comparison: municipalities that address the theme concretely. See how they did it.",
    ),
    # ---- batch overview (index.html) -------------------------------------------------------
    "ov_doc_title": ("Sammenligning av {n} planer", "Samanlikning av {n} planar", "Comparison of {n} plans"),
    "ov_kicker": ("Digitaliseringsrapport – sammenligning", "Digitaliseringsrapport – samanlikning", "Digitalisation report – comparison"),
    "ov_heading": (
        "Hvordan kommunenes planer svarer på de nasjonale digitaliseringsstrategiene",
        "Korleis planane til kommunane svarar på dei nasjonale digitaliseringsstrategiane",
        "How the municipalities' plans meet the national digitalisation strategies",
    ),
    "ov_label_plans": ("Planer", "Planar", "Plans"),
    "ov_label_municipalities": ("Kommuner", "Kommunar", "Municipalities"),
    "ov_label_failed": ("Filer som ikke kunne leses", "Filer som ikkje kunne lesast", "Files that could not be read"),
    "ov_heatmap_heading": ("Kommuner og temaer", "Kommunar og tema", "Municipalities and themes"),
    "ov_heatmap_caption": (
        "Nivå per plan og tema. Symbolene er forklart under tabellen. Velg kommunen for å åpne rapporten.",
        "Nivå per plan og tema. Symbola er forklarte under tabellen. Vel kommunen for å opne rapporten.",
        "Level per plan and theme. The symbols are explained below the table. Select a municipality to open its report.",
    ),
    "ov_legend": ("Symboler", "Symbol", "Symbols"),
    "ov_theme_key": ("Temaene i kolonnene", "Tema i kolonnane", "The themes in the columns"),
    "ov_col_municipality": ("Kommune", "Kommune", "Municipality"),
    "ov_col_number": ("Nr.", "Nr.", "No."),
    "ov_col_county": ("Fylke", "Fylke", "County"),
    "ov_col_doctype": ("Dokument", "Dokument", "Document"),
    "ov_col_year": ("År", "År", "Year"),
    "ov_col_pages": ("Sider", "Sider", "Pages"),
    "ov_col_total": ("Snitt", "Snitt", "Mean"),
    "ov_col_theme": ("Tema", "Tema", "Theme"),
    "ov_col_covered": ("Kommuner som dekker", "Kommunar som dekkjer", "Municipalities covering"),
    "ov_filter_county": ("Fylke", "Fylke", "County"),
    "ov_filter_doctype": ("Dokumenttype", "Dokumenttype", "Document type"),
    "ov_filter_all": ("Alle", "Alle", "All"),
    "ov_filter_status": ("Viser {shown} av {total} planer.", "Viser {shown} av {total} planar.", "Showing {shown} of {total} plans."),
    "ov_coverage_heading": ("Dekning per tema", "Dekning per tema", "Coverage per theme"),
    "ov_coverage_caption": (
        "Hvor mange kommuner som tar opp hvert tema konkret (dekket), generelt (nevnt) eller ikke.",
        "Kor mange kommunar som tek opp kvart tema konkret (dekt), generelt (nemnt) eller ikkje.",
        "How many municipalities address each theme concretely (covered), in general terms (mentioned) or not.",
    ),
    "ov_covered_of": ("{n} av {total}", "{n} av {total}", "{n} of {total}"),
    "ov_municipalities_heading": ("Sammendrag per kommune", "Samandrag per kommune", "Summary per municipality"),
    "ov_municipalities_caption": (
        "Poeng per rammeverk (0–100) og antall temaer per nivå. Velg kommunen for å åpne rapporten.",
        "Poeng per rammeverk (0–100) og talet på tema per nivå. Vel kommunen for å opne rapporten.",
        "Score per framework (0–100) and number of themes per level. Select a municipality to open its report.",
    ),
    "ov_municipalities_show": (
        "Tabell med {n} planer: poeng per rammeverk og antall temaer per nivå",
        "Tabell med {n} planar: poeng per rammeverk og talet på tema per nivå",
        "Table of {n} plans: score per framework and number of themes per level",
    ),
    "ov_examples_heading": ("Hvem har allerede løst det?", "Kven har alt løyst det?", "Who has already solved this?"),
    "ov_examples_intro": (
        "For hvert tema: de sterkeste konkrete avsnittene fra kommunene i sammenligningen.",
        "For kvart tema: dei sterkaste konkrete avsnitta frå kommunane i samanlikninga.",
        "For each theme: the strongest concrete passages from the municipalities in the comparison.",
    ),
    "ov_examples_count": ("{n} eksempler", "{n} døme", "{n} examples"),
    "ov_examples_none": (
        "Ingen kommune i sammenligningen tar opp dette temaet konkret.",
        "Ingen kommune i samanlikninga tek opp dette temaet konkret.",
        "No municipality in the comparison addresses this theme concretely.",
    ),
    "ov_failures_heading": ("Filer som ikke kunne leses", "Filer som ikkje kunne lesast", "Files that could not be read"),
    "ov_failures_intro": (
        "Disse filene er ikke med i sammenligningen. Feilkoden og meldingen sier hva som gikk galt.",
        "Desse filene er ikkje med i samanlikninga. Feilkoden og meldinga seier kva som gjekk gale.",
        "These files are not in the comparison. The error code and message say what went wrong.",
    ),
    "ov_col_file": ("Fil", "Fil", "File"),
    "ov_col_error": ("Feil", "Feil", "Error"),
    "ov_howto_text": (
        "Hver rad er én plan og hver kolonne ett tema fra de nasjonale strategiene. Nivåene er de samme "
        "som i rapporten for hver plan. Les rapporten og sitatene før du bruker et resultat.",
        "Kvar rad er éin plan og kvar kolonne eitt tema frå dei nasjonale strategiane. Nivåa er dei same "
        "som i rapporten for kvar plan. Les rapporten og sitata før du brukar eit resultat.",
        "Each row is one plan and each column one theme from the national strategies. The levels are the same "
        "as in each plan's report. Read the report and the quotes before you use a result.",
    ),
    "ov_footer": (
        "Laget med align {version}. Sammenligningen er laget maskinelt og bør leses sammen med planene.",
        "Laga med align {version}. Samanlikninga er laga maskinelt og bør lesast saman med planane.",
        "Made with align {version}. The comparison is machine-made and should be read together with the plans.",
    ),
}

TEXTS: Mapping[str, Mapping[str, str]] = {
    key: dict(zip(LANGS, values, strict=True)) for key, values in _TABLE.items()
}


def check_lang(lang: str) -> str:
    """Return `lang` if a report can be written in it, else raise UnsupportedReportLanguage."""
    if lang not in LANGS:
        raise UnsupportedReportLanguage(
            f"Unknown report language {lang!r}. Use one of: {', '.join(LANGS)}."
        )
    return lang


def placeholders(text: str) -> set[str]:
    """The `{names}` used in a label, for checking that all translations agree."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


class Translator:
    """Labels in one language: `tr("score_of", score=72)` → "72 av 100"."""

    def __init__(self, lang: str = DEFAULT_LANG) -> None:
        self.lang = check_lang(lang)

    def __call__(self, key: str, **values: object) -> str:
        text = TEXTS[key][self.lang]
        return text.format(**values) if values else text

    def has(self, key: str) -> bool:
        return key in TEXTS

    # ---- numbers ----
    def number(self, value: float, digits: int = 2) -> str:
        """A decimal number with the language's decimal mark: 0,83 (nb/nn) or 0.83 (en)."""
        text = f"{value:.{digits}f}"
        return text.replace(".", ",") if self.lang != "en" else text

    def percent(self, value: float) -> str:
        """A share in [0, 1] as a whole percentage: "83 %" (nb/nn, with a no-break space) or "83%"."""
        pct = int(math.floor(value * 100 + 0.5))
        return f"{pct}%" if self.lang == "en" else f"{pct}\u00a0%"

    def language_name(self, code: str) -> str:
        """The name of a document language code (nb, nn, mixed, sv, ...) in the report language."""
        key = f"lang_{code}"
        return self(key) if key in TEXTS else self("lang_unknown", code=code)

    def level(self, level: str) -> str:
        return self(f"level_{level}")
