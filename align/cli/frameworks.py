"""`align frameworks list|show|validate`."""

from __future__ import annotations

import textwrap

import click

from align.errors import FrameworkError
from align.frameworks import find_framework, load_frameworks, validate

framework_option = click.option(
    "--framework",
    "framework",
    multiple=True,
    type=click.Path(dir_okay=False),
    help="An extra framework file of your own (YAML); may be given several times.",
)


@click.group()
def frameworks() -> None:
    """The frameworks plans are measured against: list, show, validate.

    Example: align frameworks show edos
    """


@frameworks.command("list")
@framework_option
def list_cmd(framework: tuple[str, ...]) -> None:
    """List the loaded frameworks.

    Example: align frameworks list --framework min-fylkesstrategi.yaml
    """
    for f in load_frameworks(framework):
        n_exp = sum(len(t.expectations) for t in f.themes)
        click.echo(f"{f.id:<10} {f.title.nb}  (versjon {f.version}; {len(f.themes)} tema, {n_exp} forventninger)")


@frameworks.command("show")
@click.argument("framework_id")
@framework_option
def show(framework_id: str, framework: tuple[str, ...]) -> None:
    """Show a readable overview of one framework.

    Example: align frameworks show edos
    """
    f = find_framework(load_frameworks(framework), framework_id)
    wrap = textwrap.TextWrapper(width=92, initial_indent="    ", subsequent_indent="    ")
    click.echo(f"{f.title.nb}")
    click.echo(f"id: {f.id}   versjon: {f.version}   utgiver: {f.publisher}   status: {f.status}")
    for s in f.sources:
        click.echo(f"kilde [{s.ref}]: {s.title}" + (f" – {s.url}" if s.url else "") + f" ({s.status})")
    for t in f.themes:
        click.echo("")
        src = f" [{t.source.ref}, {t.source.chapter}]" if t.source and t.source.chapter else ""
        mark = " (UNCONFIRMED)" if t.source and t.source.status == "UNCONFIRMED" else ""
        click.echo(f"  {t.id} – {t.title.nb}{src}{mark}")
        click.echo(wrap.fill(t.description))
        for e in t.expectations:
            nb = sum(x.lang == "nb" for x in e.exemplars)
            nn = len(e.exemplars) - nb
            click.echo(f"    • {e.id}: {e.statement}")
            click.echo(f"      nøkkelord: {', '.join(e.keywords[:8])}{' …' if len(e.keywords) > 8 else ''}")
            click.echo(f"      eksempler: {nb} bokmål, {nn} nynorsk")


@frameworks.command("validate")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
def validate_cmd(files: tuple[str, ...]) -> None:
    """Check framework files and list every problem with its place in the file.

    Example: align frameworks validate min-fylkesstrategi.yaml
    """
    bad = 0
    shipped = load_frameworks()
    for path in files:
        others = tuple(f for f in shipped if f.path and not _same(f.path, path))
        problems = validate(path, others=others)
        if problems:
            bad += 1
            for p in problems:
                click.echo(f"{p}", err=True)
        else:
            click.echo(f"{path}: ok")
    if bad:
        raise FrameworkError(f"{bad} of {len(files)} framework file(s) have problems (listed above).")


def _same(a: str, b: str) -> bool:
    from pathlib import Path

    return Path(a).resolve() == Path(b).resolve()
