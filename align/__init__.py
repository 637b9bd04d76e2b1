"""align: how well a municipal plan lines up with the national digitalisation strategies.

The public API mirrors the CLI; imports are deferred so that `align --help` stays fast.

    >>> import align
    >>> result = align.check("kommuneplan.pdf")            # -> align.model.Assessment
    >>> summary = align.check_many("planer/", "resultater/")
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:  # pragma: no cover
    from align.model import Assessment, Framework

__all__ = ["__version__", "check", "check_many", "evaluate", "load_framework", "load_frameworks"]


def check(path: Any, **kwargs: Any) -> Assessment:
    """The whole pipeline on one plan; see `align.pipeline.check`."""
    from align.pipeline import check as _check

    return _check(path, **kwargs)


def check_many(input_path: Any, out: Any, **kwargs: Any) -> Any:
    """Many plans, resumable, with an overview; see `align.batch.check_many`."""
    from align.batch import check_many as _check_many

    return _check_many(input_path, out, **kwargs)


def evaluate(split: str = "test", **kwargs: Any) -> dict:
    """Accuracy on the labelled data; see `align.evaluation.evaluate`."""
    from align.evaluation import evaluate as _evaluate

    return _evaluate(split, **kwargs)


def load_framework(path: Any) -> Framework:
    """Load and validate one framework file; see `align.frameworks.load_framework`."""
    from align.frameworks import load_framework as _load

    return _load(path)


def load_frameworks(paths: Any = None) -> tuple[Framework, ...]:
    """The shipped frameworks plus the given files; see `align.frameworks.load_frameworks`."""
    from align.frameworks import load_frameworks as _load

    return _load(paths)
