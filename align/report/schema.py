"""The JSON Schema of a result file, and reading a result back into an `Assessment`.

`align schema` prints `result_schema()`; `align report` reads a result with
`load_result(path)` and renders it again without re-running the pipeline.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema

from align.errors import ResultInvalid
from align.model import SCHEMA_VERSION, Assessment
from align.report.json_io import assessment_from_dict

__all__ = ["assessment_from_dict", "load_result", "result_schema", "schema_text", "validate_result"]


@lru_cache(maxsize=1)
def _schema_text() -> str:
    return (resources.files("align.report") / "result.schema.json").read_text("utf-8")


def result_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) that every result file follows. A fresh copy each call."""
    return json.loads(_schema_text())


def schema_text() -> str:
    """The schema as pretty-printed JSON, as `align schema` prints it."""
    return json.dumps(result_schema(), indent=2, ensure_ascii=False) + "\n"


def _where(path: Sequence[Any]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


def validate_result(data: Any, *, source: str = "result") -> None:
    """Raise ResultInvalid naming the first problem (by place) when `data` does not fit the schema."""
    if isinstance(data, Mapping):
        version = data.get("schema_version")
        if isinstance(version, str) and version.split(".")[0] != SCHEMA_VERSION.split(".")[0]:
            raise ResultInvalid(
                f"{source} has schema_version {version}; this align reads {SCHEMA_VERSION.split('.')[0]}.x. "
                "Re-run `align check` with this version, or use the align version that wrote it."
            )
    validator = jsonschema.Draft202012Validator(result_schema())
    errors = sorted(validator.iter_errors(data), key=lambda e: (len(e.absolute_path), list(map(str, e.absolute_path))))
    if errors:
        err = errors[0]
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        raise ResultInvalid(
            f"{source} is not an align result: {_where(err.absolute_path)}: {err.message}{more}. "
            "Give the .align.json file that `align check` wrote."
        )


def load_result(path: str | Path) -> Assessment:
    """Read a result file written by `align check` (`*.align.json`)."""
    path = Path(path)
    try:
        text = path.read_text("utf-8")
    except FileNotFoundError:
        raise ResultInvalid(f"Result file not found: {path}. Run `align check` first.") from None
    except (OSError, UnicodeDecodeError) as err:
        raise ResultInvalid(f"Cannot read {path}: {err or type(err).__name__}.") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise ResultInvalid(
            f"{path} is not JSON (line {err.lineno}, column {err.colno}: {err.msg}). "
            "Give the .align.json file that `align check` wrote."
        ) from None
    validate_result(data, source=str(path))
    try:
        return assessment_from_dict(data)
    except (KeyError, TypeError, ValueError) as err:
        raise ResultInvalid(f"{path} is not a valid align result: {err or type(err).__name__}.") from None
