from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from align.cli import cli


def test_frameworks_list_shows_the_four_shipped() -> None:
    r = CliRunner().invoke(cli, ["frameworks", "list"])
    assert r.exit_code == 0, r.output
    for fid in ("edos", "ks", "fdn", "ledelse"):
        assert any(line.startswith(fid + " ") for line in r.output.splitlines())


def test_frameworks_show_edos_is_readable() -> None:
    r = CliRunner().invoke(cli, ["frameworks", "show", "edos"])
    assert r.exit_code == 0, r.output
    assert "edos.sikkerhet" in r.output and "nøkkelord:" in r.output and "nynorsk" in r.output


def test_frameworks_show_unknown_id_fails_with_one_line() -> None:
    r = CliRunner().invoke(cli, ["frameworks", "show", "nope"])
    assert r.exit_code == 1
    assert "[A202]" in r.output and "edos" in r.output


def test_frameworks_validate_reports_problems_and_exit_code(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("schema_version: 1\nid: Bad Id\n", "utf-8")
    r = CliRunner().invoke(cli, ["frameworks", "validate", str(bad)])
    assert r.exit_code == 1
    assert "bad.yaml: id:" in r.output and "missing required key(s)" in r.output


def test_frameworks_validate_ok_for_shipped() -> None:
    from align.frameworks import shipped_framework_paths

    paths = [str(p) for p in shipped_framework_paths()]
    r = CliRunner().invoke(cli, ["frameworks", "validate", *paths])
    assert r.exit_code == 0, r.output
    assert r.output.count(": ok") == len(paths)
