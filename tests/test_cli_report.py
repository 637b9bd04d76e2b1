"""`align report` and `align schema`."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner
from report_fixtures import sample_assessment

from align.cli import cli
from align.report.json_io import dumps
from align.report.schema import result_schema


@pytest.fixture()
def result_file(tmp_path):
    path = tmp_path / "solvik.pdf.align.json"
    path.write_text(dumps(sample_assessment()), "utf-8")
    return path


def test_report_html_is_written_next_to_the_result(result_file):
    res = CliRunner().invoke(cli, ["report", str(result_file), "--date", "2025-03-14"])
    assert res.exit_code == 0, res.output
    out = result_file.with_name("solvik.pdf.align.html")
    html = out.read_text("utf-8")
    assert html.startswith("<!DOCTYPE html>") and "2025-03-14" in html
    assert "&lt;script&gt;window.__pwned" in html
    assert f"skrevet: {out}" in res.stderr


def test_report_csv_to_stdout_in_nynorsk(result_file):
    res = CliRunner().invoke(cli, ["report", str(result_file), "--format", "csv", "--lang", "nn", "--out", "-"])
    assert res.exit_code == 0, res.output
    rows = list(csv.reader(io.StringIO(res.stdout)))
    assert rows[0][:3] == ["rammeverk", "tema_id", "tittel"] and rows[0][5] == "tal_funn"
    assert len(rows) == 13


def test_report_markdown_in_english_to_a_file(result_file, tmp_path):
    out = tmp_path / "r.md"
    res = CliRunner().invoke(cli, ["report", str(result_file), "--format", "md", "--lang", "en", "--out", str(out)])
    assert res.exit_code == 0, res.output
    assert out.read_text("utf-8").startswith("# Digitaliseringsplan for Solvik kommune")
    assert "## How to read this report" in out.read_text("utf-8")


def test_report_links_the_pdf_when_given(result_file, tmp_path):
    pdf = tmp_path / "plan.pdf"
    pdf.write_bytes(b"%PDF-1.4\n")
    out = tmp_path / "out" / "r.html"
    res = CliRunner().invoke(cli, ["report", str(result_file), "--pdf", str(pdf), "--out", str(out)])
    assert res.exit_code == 0, res.output
    assert 'href="../plan.pdf#page=14"' in out.read_text("utf-8")


def test_report_quality_file_is_shown(result_file, tmp_path):
    q = tmp_path / "q.json"
    q.write_text(json.dumps({"passage_macro_f1": 0.5, "split": "test"}), "utf-8")
    res = CliRunner().invoke(cli, ["report", str(result_file), "--quality", str(q), "--out", "-"])
    assert res.exit_code == 0, res.output
    assert "<dd>0,50</dd>" in res.stdout


def test_report_of_a_file_that_is_not_a_result_exits_1_with_a402(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"hello": 1}', "utf-8")
    res = CliRunner().invoke(cli, ["report", str(bad)])
    assert res.exit_code == 1
    assert res.stderr.startswith("align: [A402] ") and "schema_version" in res.stderr


def test_report_usage_errors_exit_2(result_file, tmp_path):
    runner = CliRunner()
    assert runner.invoke(cli, ["report", str(result_file), "--lang", "de"]).exit_code == 2
    assert runner.invoke(cli, ["report", str(result_file), "--format", "pdf"]).exit_code == 2
    assert runner.invoke(cli, ["report", str(tmp_path / "missing.json")]).exit_code == 2


def test_schema_prints_the_result_schema(tmp_path):
    res = CliRunner().invoke(cli, ["schema"])
    assert res.exit_code == 0
    assert json.loads(res.stdout) == result_schema()
    out = tmp_path / "s.json"
    assert CliRunner().invoke(cli, ["schema", "--out", str(out)]).exit_code == 0
    assert json.loads(out.read_text("utf-8")) == result_schema()


def test_help_has_examples():
    for cmd in (["report", "--help"], ["schema", "--help"]):
        res = CliRunner().invoke(cli, cmd)
        assert res.exit_code == 0 and "Example: align " in res.output
