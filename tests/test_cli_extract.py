"""`align extract` on the command line."""

from __future__ import annotations

import json

from click.testing import CliRunner

from align.cli import cli


def test_extract_prints_pages_with_separators_and_headings(pdf_dir):
    result = CliRunner().invoke(cli, ["extract", str(pdf_dir / "plan-mixed-layout.pdf")])
    assert result.exit_code == 0, result.output
    out = result.output
    assert "──── side 2 (ii) ────" in out
    assert "──── side 4 (1) ────" in out
    assert "\n# 1 Innledning\n" in out
    assert "\n## 1.1 Bakgrunn for strategien\n" in out
    assert "• Alle søknader og skjemaer" in out
    assert "Fjordvik kommune – digitaliseringsstrategien" not in out


def test_extract_json_contract(pdf_dir):
    result = CliRunner().invoke(cli, ["extract", "--json", "--workers", "2", str(pdf_dir / "scanned-page.pdf")])
    assert result.exit_code == 0, result.output
    d = json.loads(result.output)
    assert [p["index"] for p in d["pages"]] == [1, 2, 3]
    assert [p["label"] for p in d["pages"]] == ["1", None, "2"]
    assert d["sections"][0]["title"] == "Vedlegg til høringsuttalelse"
    assert len(d["warnings"]) == 1 and len(d["sha256"]) == 64


def test_extract_marks_scanned_pages_and_warnings(pdf_dir):
    result = CliRunner().invoke(cli, ["extract", str(pdf_dir / "scanned-page.pdf")])
    assert result.exit_code == 0
    assert "[ingen tekst på denne siden – skannet?]" in result.output
    assert "! Page 2 has no text layer" in result.output


def test_extract_bad_input_exits_1_with_one_line(pdf_dir):
    result = CliRunner().invoke(cli, ["extract", str(pdf_dir / "encrypted.pdf")])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("align: [A103] The PDF is password-protected")


def test_extract_help_has_example():
    result = CliRunner().invoke(cli, ["extract", "--help"])
    assert result.exit_code == 0 and "Example: align extract" in result.output
