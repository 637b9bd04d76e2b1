"""`align check FILE`: the whole pipeline on one plan."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from align.cli.frameworks import framework_option
from align.cli.options import model_options
from align.pipeline import Settings, check as run_check
from align.report.summary import terminal_summary


@click.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--json", "json_path", type=str, default=None, help="Write the JSON result to PATH ('-' for stdout).")
@click.option("--out", "out", type=click.Path(file_okay=False), default=None, help="Folder for the reports (default: next to FILE).")
@click.option("--lang", type=click.Choice(["nb", "nn", "en"]), default="nb", show_default=True, help="Language of the report.")
@click.option("--kommune", "municipality", default=None, help="Name of the municipality, shown in the report.")
@click.option("--workers", type=int, default=1, show_default=True, help="Processes for PDF extraction.")
@click.option("--no-html", is_flag=True, help="Do not write the HTML report.")
@framework_option
@model_options
@click.pass_context
def check(
    ctx: click.Context,
    file: str,
    json_path: str | None,
    out: str | None,
    lang: str,
    municipality: str | None,
    workers: int,
    no_html: bool,
    framework: tuple[str, ...],
    model: str | None,
    precision: str | None,
    cache_dir: str | None,
) -> None:
    """Check a plan (PDF, .txt or .md) against the national digitalisation frameworks.

    Writes FILE.align.json and FILE.align.html next to the file (or into --out) and
    prints a summary.

    Example: align check examples/solvik-digitaliseringsplan.pdf --kommune Solvik
    """
    from align.report.outputs import write_outputs

    settings = Settings(model=model, precision=precision, cache_dir=cache_dir, frameworks=framework, lang=lang, workers=workers)
    assessment = run_check(file, settings=settings, municipality=municipality)
    written = write_outputs(assessment, file, out=out, json_path=json_path, lang=lang, html=not no_html, frameworks=framework)
    quiet = bool(ctx.obj and ctx.obj.get("quiet"))
    if json_path != "-" and not quiet:
        click.echo(terminal_summary(assessment, lang=lang))
    if not quiet:
        for p in written:
            click.echo(f"skrevet: {p}", err=True)
