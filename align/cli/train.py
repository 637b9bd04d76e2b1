"""`align train`: fit the scorer on the dev split and write it under models/."""

from __future__ import annotations

import click

from align.cli.options import model_options


@click.command()
@click.option("--output", type=click.Path(dir_okay=False), default=None, help="Where to write the scorer (default: the shipped models/scorer-hybrid.v3.json).")
@model_options
@click.pass_context
def train(ctx: click.Context, output: str | None, model: str | None, precision: str | None, cache_dir: str | None) -> None:
    """Train the per-theme heads on the dev split of corpora/eval and the framework exemplars.

    Deterministic: the same data and model give the same file.

    Example: align train
    """
    from align.embed import get_embedder
    from align.frameworks import load_frameworks
    from align.report.files import write_atomic
    from align.score.heads import default_scorer_path
    from align.score.train import train as fit

    quiet = bool(ctx.obj and ctx.obj.get("quiet"))
    embedder = get_embedder(model, precision, cache_dir)
    frameworks = load_frameworks()
    scorer = fit(frameworks, embedder, progress=None if quiet else (lambda m: click.echo(m, err=True)))
    path = write_atomic(output or default_scorer_path(), scorer.to_json())
    click.echo(f"scorer written: {path}")
