"""The CSV export: one row per theme, UTF-8, optional BOM, path or open file."""

from __future__ import annotations

import csv
import io

from report_fixtures import sample_assessment, sample_frameworks

from align.report.csv_out import csv_rows, render_csv, write_csv


def _read(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def test_one_row_per_theme_with_the_documented_columns():
    rows = _read(render_csv(sample_assessment()))
    assert rows[0] == ["rammeverk", "tema_id", "tittel", "nivå", "poeng", "antall_funn", "beste_side"]
    assert len(rows) == 1 + 12
    assert rows[1] == ["edos", "edos.sikkerhet", "Digital sikkerhet", "dekket", "86", "2", "14"]
    gap = next(r for r in rows if r[1] == "edos.privat-sektor")
    assert gap[3:] == ["mangler", "4", "0", ""]


def test_language_changes_header_level_and_title():
    rows = _read(render_csv(sample_assessment(), lang="en", frameworks=sample_frameworks()))
    assert rows[0] == ["framework", "theme_id", "title", "level", "score", "evidence_count", "best_page"]
    assert rows[1][2:4] == ["Digital security", "covered"]
    nn = _read(render_csv(sample_assessment(), lang="nn", frameworks=sample_frameworks()))
    assert nn[1][2:4] == ["Digital tryggleik", "dekt"]


def test_bom_is_optional_and_text_is_utf8(tmp_path):
    path = tmp_path / "r.csv"
    write_csv(sample_assessment(), path, bom=True)
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert "Økt deling av data".encode() in data
    write_csv(sample_assessment(), path)
    assert not path.read_bytes().startswith(b"\xef\xbb\xbf")
    assert path.read_bytes().count(b"\r\n") == 13


def test_an_open_file_is_written_and_left_open():
    buf = io.StringIO()
    write_csv(sample_assessment(), buf, lang="en")
    assert not buf.closed
    assert buf.getvalue().startswith("framework,theme_id,")


def test_text_with_commas_and_quotes_stays_in_one_cell():
    rows = csv_rows(sample_assessment())
    assert all(len(r) == 7 for r in rows)
