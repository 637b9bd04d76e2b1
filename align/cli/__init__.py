"""The `align` command line. Each command group lives in its own module and calls the library.

Exit codes: 0 ok, 1 input or data error (an AlignError), 2 usage error (click's default).
"""

from __future__ import annotations

import importlib
import importlib.util
import logging
import sys
from collections.abc import Sequence

import click

from align import __version__
from align.errors import AlignError

# (module, attribute) of each command; the module is imported only when present so that
# `align --help` stays fast.
_COMMANDS: tuple[tuple[str, str], ...] = (
    ("align.cli.check", "check"),
    ("align.cli.extract", "extract"),
    ("align.cli.frameworks", "frameworks"),
    ("align.cli.models", "models"),
    ("align.cli.eval", "eval_cmd"),
    ("align.cli.train", "train"),
    ("align.cli.batch", "batch"),
    ("align.cli.report", "report"),
    ("align.cli.report", "schema"),
)


class _AlignGroup(click.Group):
    """Turns AlignError into one line on stderr and its exit code; tracebacks only with --verbose."""

    def invoke(self, ctx: click.Context):  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except AlignError as err:
            if ctx.obj and ctx.obj.get("verbose"):
                raise
            click.echo(f"align: {err}", err=True)
            ctx.exit(err.exit_code)


@click.group(cls=_AlignGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="align")
@click.option("-v", "--verbose", is_flag=True, help="Show debug logging and full tracebacks.")
@click.option("-q", "--quiet", is_flag=True, help="Only errors on stderr.")
@click.pass_context
def cli(ctx: click.Context, verbose: bool, quiet: bool) -> None:
    """Check Norwegian municipal plans against the national digitalisation strategies.

    Example: align check examples/solvik-digitaliseringsplan.pdf
    """
    ctx.ensure_object(dict)
    ctx.obj["verbose"] = verbose
    ctx.obj["quiet"] = quiet
    level = logging.DEBUG if verbose else (logging.ERROR if quiet else logging.WARNING)
    logging.basicConfig(level=level, format="align: %(message)s", stream=sys.stderr)


for _module, _attr in _COMMANDS:
    if importlib.util.find_spec(_module) is not None:
        cli.add_command(getattr(importlib.import_module(_module), _attr))


def main(argv: Sequence[str] | None = None) -> None:
    """Entry point for the console script; `argv` lets tests call it directly."""
    cli.main(args=list(argv) if argv is not None else None, prog_name="align")
