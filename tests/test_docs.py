"""The docs cannot drift from the code: every command is in the README and has help with an example."""

from __future__ import annotations

from pathlib import Path

import click
from click.testing import CliRunner

from align.cli import cli

README = (Path(__file__).resolve().parents[1] / "README.md").read_text("utf-8")


def _commands(group: click.Group, prefix: str = "align") -> list[tuple[str, click.Command]]:
    out = []
    for name, cmd in sorted(group.commands.items()):
        full = f"{prefix} {name}"
        out.append((full, cmd))
        if isinstance(cmd, click.Group):
            out.extend(_commands(cmd, full))
    return out


def test_every_command_is_in_the_readme_and_has_an_example() -> None:
    commands = _commands(cli)
    assert {"align check", "align extract", "align batch", "align eval", "align train", "align report"} <= {c for c, _ in commands}
    for full, cmd in commands:
        top = " ".join(full.split()[:2])
        assert top in README, f"{top} is missing from README.md"
        r = CliRunner().invoke(cli, [*full.split()[1:], "--help"])
        assert r.exit_code == 0, full
        assert "Example" in r.output or "Examples" in r.output, f"{full} --help has no example"


def test_readme_quick_start_has_exactly_two_commands() -> None:
    section = README.split("## Quick start", 1)[1].split("```", 2)[1]
    lines = [line for line in section.strip().splitlines()[0:] if line.strip() and not line.startswith("```")]
    assert lines == [
        "pip install . && align check examples/solvik-digitaliseringsplan.pdf",
        "pip install '.[test]' && pytest",
    ]
