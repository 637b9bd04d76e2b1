"""Framework files: the shipped ones validate, and the validator names every problem precisely."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

from align.canonical import CANONICAL_THEMES
from align.errors import FrameworkError
from align.frameworks import check_data, load_framework, load_frameworks, shipped_framework_paths, validate


def _minimal() -> dict:
    ex = [
        {"lang": "nb", "level": 1, "text": "Fylket skal ha en tydelig plan for digital kompetanse."},
        {"lang": "nn", "level": 2, "text": "Fylket skal kartleggje kompetansen til alle tilsette innan 2026."},
        {"lang": "nb", "level": 2, "text": "HR-avdelingen gjennomfører kurs i Teams for alle ledere i 2025."},
        {"lang": "nn", "level": 1, "text": "Leiarane skal ha god digital forståing."},
        {"lang": "nb", "level": 1, "text": "Ansatte skal få opplæring i nye fagsystemer."},
    ]
    exp = {"statement": "Fylket kartlegger digital kompetanse.", "keywords": ["kompetanse", "opplæring"], "exemplars": ex}
    return {
        "schema_version": 1,
        "id": "fylke",
        "title": {"nb": "Fylkesstrategi", "nn": "Fylkesstrategi", "en": "County strategy"},
        "version": "2025",
        "publisher": "Testfylket",
        "status": "confirmed",
        "sources": [{"ref": "fs", "title": "Digital fylkesstrategi", "status": "confirmed"}],
        "themes": [
            {
                "id": "fylke.kompetanse",
                "title": {"nb": "Kompetanse", "nn": "Kompetanse", "en": "Competence"},
                "description": "Planen sier hvordan fylket bygger digital kompetanse.",
                "advice": {"nb": "Kartlegg.", "nn": "Kartlegg.", "en": "Map it."},
                "source": {"ref": "fs", "chapter": "kap. 2", "status": "confirmed"},
                "expectations": [
                    {**copy.deepcopy(exp), "id": "fylke.kompetanse.kartlegging"},
                    {**copy.deepcopy(exp), "id": "fylke.kompetanse.opplaering"},
                ],
            }
        ],
    }


def test_shipped_frameworks_validate_and_hold_every_canonical_theme() -> None:
    paths = shipped_framework_paths()
    assert {p.stem for p in paths} >= set(CANONICAL_THEMES)
    for p in paths:
        assert validate(p) == [], p
    loaded = {f.id: f for f in load_frameworks()}
    for fid, ids in CANONICAL_THEMES.items():
        have = {t.id for t in loaded[fid].themes}
        assert set(ids) <= have


def test_shipped_frameworks_meet_the_content_rules() -> None:
    for f in load_frameworks():
        for t in f.themes:
            assert 2 <= len(t.expectations) <= 6, t.id
            for e in t.expectations:
                assert 5 <= len(e.exemplars) <= 10, e.id
                assert {x.lang for x in e.exemplars} == {"nb", "nn"}, e.id
                assert all(k == k.lower() for k in e.keywords), e.id


def test_minimal_user_framework_is_valid() -> None:
    assert check_data(_minimal(), "fylke.yaml") == []


@pytest.mark.parametrize(
    "mutate, where, what",
    [
        (lambda d: d["themes"][0]["title"].pop("nn"), "themes[0] (fylke.kompetanse).title", "missing required key(s): nn"),
        (lambda d: d["themes"][0]["expectations"][0].update(exemplars=[]), "themes[0] (fylke.kompetanse).expectations[0] (fylke.kompetanse.kartlegging).exemplars", "empty list"),
        (lambda d: d["themes"][0]["expectations"][0]["exemplars"][0].update(text="  "), "exemplars[0].text", "empty text"),
        (lambda d: d["themes"][0]["expectations"][1].update(id="fylke.kompetanse.kartlegging"), "expectations[1] (fylke.kompetanse.kartlegging).id", "duplicate id"),
        (lambda d: d["themes"][0]["source"].update(ref="nope"), "themes[0] (fylke.kompetanse).source.ref", "unknown source 'nope'"),
        (lambda d: d["themes"][0]["expectations"][0]["keywords"].append("Kompetanse"), "keywords[2]", "must be lower-case"),
        (lambda d: d.update(colour="blue"), "", "unknown key(s): colour"),
        (lambda d: [x.update(lang="nb") for x in d["themes"][0]["expectations"][0]["exemplars"]], "exemplars", "no exemplar in 'nn'"),
        (lambda d: d["themes"][0].update(id="annet.kompetanse"), "themes[0] (annet.kompetanse).id", "must start with 'fylke.'"),
    ],
)
def test_validator_names_place_and_problem(mutate, where: str, what: str) -> None:
    data = _minimal()
    mutate(data)
    problems = check_data(data, "fylke.yaml")
    assert problems, "expected a problem"
    text = "\n".join(str(p) for p in problems)
    assert where in text and what in text, text
    assert all(str(p).startswith("fylke.yaml: ") for p in problems)


def test_validator_reports_every_problem_in_one_run() -> None:
    data = _minimal()
    data["themes"][0]["title"].pop("en")
    data["themes"][0]["advice"]["nb"] = ""
    data["themes"][0]["expectations"][0]["keywords"] = []
    assert len(check_data(data, "fylke.yaml")) == 3


def test_user_framework_loads_alongside_the_shipped_ones(tmp_path: Path) -> None:
    p = tmp_path / "fylke.yaml"
    p.write_text(yaml.safe_dump(_minimal(), allow_unicode=True), "utf-8")
    frameworks = load_frameworks([str(p)])
    assert frameworks[-1].id == "fylke"
    assert frameworks[-1].themes[0].title.en == "Competence"
    assert not frameworks[-1].themes[0].canonical


def test_user_framework_cannot_reuse_a_shipped_id(tmp_path: Path) -> None:
    data = _minimal()
    data["id"] = "edos"
    for t in data["themes"]:
        t["id"] = t["id"].replace("fylke", "edos")
        for e in t["expectations"]:
            e["id"] = e["id"].replace("fylke", "edos")
    p = tmp_path / "edos2.yaml"
    p.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    with pytest.raises(FrameworkError) as err:
        load_frameworks([str(p)])
    assert "edos2.yaml" in str(err.value)


def test_broken_yaml_is_reported_with_its_line(tmp_path: Path) -> None:
    p = tmp_path / "broken.yaml"
    p.write_text("id: x\nthemes: [\n  - a\n", "utf-8")
    problems = validate(p)
    assert len(problems) == 1 and "not valid YAML" in str(problems[0]) and "line" in str(problems[0])
    with pytest.raises(FrameworkError):
        load_framework(p)
