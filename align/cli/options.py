"""Options shared by several commands, defined once."""

from __future__ import annotations

from collections.abc import Callable

import click


def model_options(fn: Callable) -> Callable:
    """--model, --precision, --cache-dir: which embedding model, how, and where it is cached."""
    fn = click.option(
        "--cache-dir",
        type=click.Path(file_okay=False),
        default=None,
        help="Model and embedding cache (default: $ALIGN_CACHE_DIR, $XDG_CACHE_HOME/align or ~/.cache/align).",
    )(fn)
    fn = click.option(
        "--precision",
        type=click.Choice(["fp32", "int8", "fp16"]),
        default=None,
        help="Numeric precision of the embedding model (default: int8 on CPU, fp16 on GPU).",
    )(fn)
    fn = click.option(
        "--model",
        default=None,
        help="A sentence-transformers model name or path (default: multilingual-e5-small, offline).",
    )(fn)
    return fn
