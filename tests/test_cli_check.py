"""`align check` end to end: the real PDF extractor, the real embedding model, the shipped scorer."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from align.cli import cli
from align.extract import extract

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "solvik-digitaliseringsplan.pdf"
LEVELS = {"dekket", "nevnt", "mangler", "delegert", "usikker"}


@pytest.fixture(scope="module")
def example_result(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, str, Path]:
    out = tmp_path_factory.mktemp("check")
    r = CliRunner().invoke(cli, ["check", str(EXAMPLE), "--out", str(out), "--kommune", "Solvik"])
    assert r.exit_code == 0, r.output
    text = (out / f"{EXAMPLE.name}.align.json").read_text("utf-8")
    return json.loads(text), text, out


def test_result_follows_the_contract(example_result: tuple[dict, str, Path]) -> None:
    data, _, out = example_result
    assert data["schema_version"] == "1.0"
    assert data["document"]["pages"] == 17 and data["document"]["language"] == "nb"
    assert len(data["document"]["sha256"]) == 64
    assert [f["id"] for f in data["frameworks"]] == ["edos", "fdn", "ks", "ledelse"]
    for f in data["frameworks"]:
        assert 0 <= f["score"] <= 100
        for t in f["themes"]:
            assert t["level"] in LEVELS and 0 <= t["score"] <= 100
            for e in t["evidence"]:
                assert {"page", "text", "probability", "heading"} <= set(e)
    assert (out / f"{EXAMPLE.name}.align.html").stat().st_size > 10_000


def test_every_quote_is_on_the_page_it_cites(example_result: tuple[dict, str, Path]) -> None:
    data, _, _ = example_result
    doc = extract(EXAMPLE)
    norm = {p.index: " ".join(p.text.split()) for p in doc.pages}
    quotes = [e for f in data["frameworks"] for t in f["themes"] for e in t["evidence"] + t["closest"]]
    assert quotes
    for e in quotes:
        pages = " ".join(norm[i] for i in range(e["page"], e["page_end"] + 1))
        assert e["text"] in pages, e


def test_example_plan_covers_security_and_lacks_ai(example_result: tuple[dict, str, Path]) -> None:
    """The example was written to cover security concretely and to say nothing about AI."""
    data, _, _ = example_result
    themes = {t["id"]: t for f in data["frameworks"] for t in f["themes"]}
    assert themes["edos.sikkerhet"]["level"] == "dekket"
    assert themes["fdn.kunstig-intelligens"]["level"] in {"mangler", "usikker"}
    counts = {lv: sum(t["level"] == lv for t in themes.values()) for lv in LEVELS}
    assert counts["dekket"] >= 5 and counts["mangler"] + counts["usikker"] >= 1


def test_same_input_gives_byte_identical_json(example_result: tuple[dict, str, Path], tmp_path: Path) -> None:
    _, first, _ = example_result
    r = CliRunner().invoke(cli, ["check", str(EXAMPLE), "--out", str(tmp_path), "--kommune", "Solvik", "--no-html"])
    assert r.exit_code == 0, r.output
    assert (tmp_path / f"{EXAMPLE.name}.align.json").read_text("utf-8") == first


def test_json_to_stdout(tmp_path: Path) -> None:
    plan = tmp_path / "plan.md"
    plan.write_text(
        "# Digitaliseringsplan\n\n## Informasjonssikkerhet\n\n"
        "IKT-avdelingen skal innen utgangen av 2025 innføre et styringssystem for informasjonssikkerhet "
        "og gjennomføre ROS-analyser av alle fagsystemer. Kostnad: 400 000 kr.\n",
        "utf-8",
    )
    r = CliRunner().invoke(cli, ["-q", "check", str(plan), "--json", "-", "--out", str(tmp_path / "o")])
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    levels = {t["id"]: t["level"] for f in data["frameworks"] for t in f["themes"]}
    assert levels["edos.sikkerhet"] == "dekket"


NON_DIGITAL = """# Trafikksikkerhetsplan for Bakkeby kommune 2025–2028

## 1 Innledning

Trafikksikkerhet handler om å hindre at folk blir drept eller hardt skadd i trafikken. Planen følger
nullvisjonen og gjelder alle kommunale veger. Kommunen samarbeider tett med fylkeskommunen, Statens
vegvesen og politiet om tiltakene.

## 2 Tiltak

Teknisk drift skal innen 2026 bygge 1,2 kilometer gang- og sykkelveg langs Skolevegen. Kostnad: 4,5 mill. kr.

Kommunen skal i samarbeid med FAU gjennomføre en kampanje for refleksbruk hver høst. Ansvar: oppvekstsjefen.

Fartsgrensen ved barnehagene senkes til 30 km/t innen 1. august 2025, og det settes opp fartsdumper.

Gevinsten for samfunnet av færre ulykker er langt større enn kostnadene ved tiltakene.
"""


def test_non_digital_plan_has_no_covered_theme(tmp_path: Path) -> None:
    plan = tmp_path / "trafikk.md"
    plan.write_text(NON_DIGITAL, "utf-8")
    r = CliRunner().invoke(cli, ["-q", "check", str(plan), "--json", "-", "--no-html"])
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    assert not [t["id"] for f in data["frameworks"] for t in f["themes"] if t["level"] == "dekket"]


def test_swedish_document_is_refused(tmp_path: Path) -> None:
    plan = tmp_path / "strategi.txt"
    plan.write_text(
        "Kommunen ska arbeta för att invånarna får bättre digitala tjänster. Det är viktigt att vi "
        "inte gör detta ensamma, och därför samarbetar vi med andra kommuner inom regionen. "
        "Verksamheten behöver också utveckla sina digitala lösningar.",
        "utf-8",
    )
    r = CliRunner().invoke(cli, ["check", str(plan), "--out", str(tmp_path / "o")])
    assert r.exit_code == 1
    assert "[A108]" in r.output and "svensk" in r.output and "strategi.txt" in r.output
    assert not (tmp_path / "o").exists() or not any((tmp_path / "o").iterdir())


@pytest.mark.parametrize(
    "name, code",
    [
        ("missing.pdf", "A101"),
        ("not-a-pdf.pdf", "A102"),
        ("encrypted.pdf", "A103"),
        ("truncated.pdf", "A104"),
        ("zero-pages.pdf", "A105"),
        ("image-only.pdf", "A106"),
    ],
)
def test_bad_input_one_line_exit_1_nothing_written(name: str, code: str, pdf_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    r = CliRunner().invoke(cli, ["check", str(pdf_dir / name), "--out", str(out)])
    assert r.exit_code == 1
    lines = [line for line in r.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith(f"align: [{code}]") and name in lines[0]
    assert not out.exists()


def test_user_framework_is_scored(tmp_path: Path) -> None:
    fw = {
        "schema_version": 1,
        "id": "fylke",
        "title": {"nb": "Fylkesstrategi", "nn": "Fylkesstrategi", "en": "County strategy"},
        "version": "2025",
        "publisher": "Testfylket",
        "status": "confirmed",
        "sources": [{"ref": "fs", "title": "Digital fylkesstrategi", "status": "confirmed"}],
        "themes": [
            {
                "id": "fylke.sikkerhet",
                "title": {"nb": "Sikkerhet", "nn": "Tryggleik", "en": "Security"},
                "description": "Planen sier hvordan kommunen sikrer informasjon og personvern.",
                "advice": {"nb": "Lag en plan.", "nn": "Lag ein plan.", "en": "Make a plan."},
                "expectations": [
                    {
                        "id": f"fylke.sikkerhet.{slug}",
                        "statement": "Kommunen har styring av informasjonssikkerhet.",
                        "keywords": ["informasjonssikkerhet", "personvern", "ros-analys"],
                        "exemplars": [
                            {"lang": "nb", "level": 1, "text": f"Kommunen skal ha god informasjonssikkerhet ({slug})."},
                            {"lang": "nn", "level": 2, "text": f"IKT-eininga skal gjere ROS-analysar innan 2026 ({slug})."},
                            {"lang": "nb", "level": 2, "text": f"Personvernombudet reviderer rutinene årlig ({slug})."},
                            {"lang": "nn", "level": 1, "text": f"Personvernet til innbyggjarane skal takast vare på ({slug})."},
                            {"lang": "nb", "level": 1, "text": f"Alle ansatte skal kjenne sikkerhetsrutinene ({slug})."},
                        ],
                    }
                    for slug in ("styring", "ros")
                ],
            }
        ],
    }
    path = tmp_path / "fylke.yaml"
    path.write_text(yaml.safe_dump(fw, allow_unicode=True), "utf-8")
    r = CliRunner().invoke(cli, ["-q", "check", str(EXAMPLE), "--framework", str(path), "--json", "-", "--no-html"])
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    fylke = [f for f in data["frameworks"] if f["id"] == "fylke"][0]
    assert fylke["themes"][0]["level"] in {"dekket", "nevnt"}
