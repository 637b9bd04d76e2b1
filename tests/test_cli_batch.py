"""`align batch`: exit codes, messages, progress lines, and a real Ctrl-C."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from batch_plans import BAD, PLANS, more_plans, scorer_or_skip, write_plans
from click.testing import CliRunner

from align.cli import cli


@pytest.fixture(scope="module")
def scorer_args() -> list[str]:
    path = scorer_or_skip()
    return ["--scorer", path] if path else []


def test_help_has_an_example():
    res = CliRunner().invoke(cli, ["batch", "--help"])
    assert res.exit_code == 0 and "Example: align batch" in res.output and "--scheduler" in res.output


def test_bad_files_are_listed_and_exit_code_is_1(tmp_path, scorer_args):
    write_plans(tmp_path / "in")
    out = tmp_path / "out"
    res = CliRunner().invoke(cli, ["batch", str(tmp_path / "in"), "--out", str(out), "--workers", "2", *scorer_args])
    assert res.exit_code == 1, res.output
    assert f"Ferdig: {len(PLANS)} vurdert, 0 hoppet over (allerede gjort), {len(BAD)} feilet" in res.stderr
    for name, code in BAD.items():
        assert f"align: {name}: [{code}]" in res.stderr
    lines = [ln for ln in res.stderr.splitlines() if ln.startswith("[")]
    assert len(lines) == len(PLANS) + len(BAD)  # one plain line per file when not on a terminal
    assert all("pages/s" in ln and "ETA" in ln for ln in lines)
    assert (out / "index.html").exists() and (out / "results.parquet").exists()

    again = CliRunner().invoke(cli, ["batch", str(tmp_path / "in"), "--out", str(out), "--executor", "serial",
                                     "--lang", "en", *scorer_args])
    assert again.exit_code == 1
    assert f"Done: {len(PLANS)} assessed, 0 skipped" in again.stderr  # another language: another key


def test_all_good_exits_0_and_rerun_skips(tmp_path, scorer_args):
    write_plans(tmp_path / "in", bad=False)
    args = ["batch", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--executor", "serial", *scorer_args]
    assert CliRunner().invoke(cli, args).exit_code == 0
    res = CliRunner().invoke(cli, [*args, "--lang", "nb"])
    assert res.exit_code == 0 and f"0 vurdert, {len(PLANS)} hoppet over" in res.stderr


def test_bad_manifest_is_one_line_and_exit_code_1(tmp_path):
    (tmp_path / "liste.csv").write_text("fil,kommune\nx.pdf,Bø\n", "utf-8")
    res = CliRunner().invoke(cli, ["batch", str(tmp_path / "liste.csv"), "--out", str(tmp_path / "out")])
    assert res.exit_code == 1
    assert res.stderr.startswith("align: [A109] The manifest") and res.stderr.count("\n") == 1


def test_ctrl_c_stops_cleanly_and_a_rerun_continues(tmp_path, scorer_args):
    write_plans(tmp_path / "in", bad=False)
    more_plans(tmp_path / "in", 9)
    out = tmp_path / "out"
    base = [sys.executable, "-m", "align", "batch", str(tmp_path / "in"), "--out", str(out), *scorer_args]
    proc = subprocess.Popen([*base, "--workers", "2"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    deadline = time.monotonic() + 120
    while not list(out.glob("*.align.json")) and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGINT)  # like Ctrl-C in a terminal: the whole process group
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert "Avbrutt" in err and "Traceback" not in err
    done = {p.name for p in out.glob("*.align.json")}
    assert len(done) >= 1 and len(done) < len(PLANS) + 9
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]
    assert not (out / "index.html").exists()
    res = subprocess.run([*base, "--executor", "serial"],
                         capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr
    assert f"{len(done)} hoppet over" in res.stderr
    assert {p.name for p in out.glob("*.align.json")} >= done
