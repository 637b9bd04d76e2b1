"""`align report RESULT.json`: render a result again (HTML, CSV, Markdown); `align schema`."""

from __future__ import annotations

import datetime as _dt
import json
import os
import sys
from pathlib import Path
from typing import Any

import click

from align.cli.frameworks import framework_option
from align.errors import ResultInvalid
from align.frameworks import load_frameworks
from align.report.csv_out import render_csv
from align.report.files import write_atomic
from align.report.html import render_html
from align.report.markdown import render_markdown
from align.report.schema import load_result, schema_text

_SUFFIX = {"html": ".html", "csv": ".csv", "md": ".md"}


def _default_out(result: Path, fmt: str) -> Path:
    """plan.pdf.align.json -> plan.pdf.align.html (next to the result)."""
    name = result.name[: -len(".json")] if result.name.endswith(".json") else result.name
    return result.with_name(name + _SUFFIX[fmt])


def _quality(path: str | None) -> dict[str, Any] | None:
    if path:
        try:
            data = json.loads(Path(path).read_text("utf-8"))
        except (OSError, json.JSONDecodeError) as err:
            raise ResultInvalid(f"Cannot read --quality {path}: {err}. Give the JSON that `align eval` wrote.") from None
        if not isinstance(data, dict):
            raise ResultInvalid(f"--quality {path} is not a JSON object of measured numbers.")
        return data
    try:
        from align.report.outputs import measured_quality
    except ImportError:
        return None
    return measured_quality()


def _pdf_href(pdf: str | None, document_path: str, out: Path | None) -> str | None:
    """A link to the plan, relative to where the report is written; None when it is not found."""
    candidate = Path(pdf) if pdf else Path(document_path)
    if not candidate.is_file():
        return None
    if out is None:
        return candidate.resolve().as_uri()
    return Path(os.path.relpath(candidate.resolve(), out.resolve().parent)).as_posix()


@click.command()
@click.argument("result", type=click.Path(exists=True, dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["html", "csv", "md"]), default="html", show_default=True, help="Output format.")
@click.option("--lang", type=click.Choice(["nb", "nn", "en"]), default="nb", show_default=True, help="Language of the report.")
@click.option("--out", type=click.Path(dir_okay=False, allow_dash=True), default=None, help="Output file, '-' for stdout (default: RESULT with .html/.csv/.md).")
@click.option("--pdf", type=click.Path(dir_okay=False), default=None, help="The plan's PDF, to link page numbers to it (default: the path in RESULT, if it exists).")
@click.option("--date", "generated", default=None, help="Date shown in the report (default: today).")
@click.option("--quality", type=click.Path(exists=True, dir_okay=False), default=None, help="JSON with measured accuracy from `align eval` (default: the shipped measurement).")
@click.option("--bom", is_flag=True, help="CSV only: start with a byte order mark, for Excel.")
@framework_option
@click.pass_context
def report(
    ctx: click.Context,
    result: str,
    fmt: str,
    lang: str,
    out: str | None,
    pdf: str | None,
    generated: str | None,
    quality: str | None,
    bom: bool,
    framework: tuple[str, ...],
) -> None:
    """Render a result file (from `align check`) as HTML, CSV or Markdown, without re-running.

    Example: align report plan.pdf.align.json --format csv --lang nn --out plan.csv
    """
    assessment = load_result(result)
    out_path = None if out == "-" else Path(out) if out else _default_out(Path(result), fmt)
    if fmt == "csv":
        text = render_csv(assessment, lang=lang, bom=bom, frameworks=load_frameworks(framework))
    else:
        frameworks = load_frameworks(framework)
        date = generated or _dt.date.today().isoformat()
        if fmt == "html":
            text = render_html(
                assessment,
                frameworks,
                lang=lang,
                quality=_quality(quality),
                pdf_href=_pdf_href(pdf, assessment.document.path, out_path),
                generated=date,
            )
        else:
            text = render_markdown(assessment, frameworks, lang=lang, quality=_quality(quality), generated=date)
    if out_path is None:
        sys.stdout.write(text)
        return
    written = write_atomic(out_path, text)
    if not (ctx.obj and ctx.obj.get("quiet")):
        click.echo(f"skrevet: {written}", err=True)


@click.command()
@click.option("--out", type=click.Path(dir_okay=False), default=None, help="Write the schema to PATH instead of stdout.")
def schema(out: str | None) -> None:
    """Print the JSON Schema of the result files that `align check` writes.

    Example: align schema --out align-result.schema.json
    """
    text = schema_text()
    if out:
        write_atomic(Path(out), text)
    else:
        sys.stdout.write(text)
