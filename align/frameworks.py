"""Load and validate framework files (corpora/frameworks/*.yaml) into `model.Framework`.

The validator reports every problem in one run, each with its place in the file, because a
framework author fixes a file faster from a full list than from one error at a time.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from align.canonical import CANONICAL_THEMES
from align.errors import FrameworkError, FrameworkNotFound
from align.model import Exemplar, Expectation, Framework, LocalText, SourceRef, Theme


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong in a framework file."""

    file: str
    where: str
    what: str

    def __str__(self) -> str:
        return f"{self.file}: {self.where}: {self.what}" if self.where else f"{self.file}: {self.what}"


def shipped_framework_paths() -> tuple[Path, ...]:
    """The framework files that ship with align, in a stable order."""
    folder = resources.files("align_corpora") / "frameworks"
    return tuple(sorted(Path(str(p)) for p in folder.iterdir() if p.name.endswith(".yaml")))


@lru_cache(maxsize=1)
def _schema() -> dict[str, Any]:
    text = (resources.files("align") / "data" / "framework.schema.json").read_text("utf-8")
    return json.loads(text)


def _where(data: Any, path: Iterable[Any]) -> str:
    """A readable location: themes[3] (edos.datadeling).expectations[2].keywords."""
    out: list[str] = []
    node = data
    for part in path:
        if isinstance(part, int):
            label = f"[{part}]"
            try:
                node = node[part]
                if isinstance(node, dict) and isinstance(node.get("id"), str):
                    label += f" ({node['id']})"
            except (IndexError, KeyError, TypeError):
                node = None
            out.append(label)
        else:
            out.append(("." if out else "") + str(part))
            try:
                node = node[part]
            except (KeyError, TypeError):
                node = None
    return "".join(out)


_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: ~10x faster


def parse_yaml(text: str) -> Any:
    """Safe YAML parsing (no object construction), with libyaml when it is installed."""
    return yaml.load(text, Loader=_Loader)  # noqa: S506 - a safe loader


def _read_yaml(path: Path) -> tuple[Any, list[Problem]]:
    name = path.name
    if not path.exists():
        return None, [Problem(str(path), "", "file not found")]
    try:
        return parse_yaml(path.read_text("utf-8")), []
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark is not None else ""
        problem = getattr(err, "problem", None) or type(err).__name__
        return None, [Problem(name, where, f"not valid YAML: {problem}")]
    except UnicodeDecodeError:
        return None, [Problem(name, "", "not UTF-8 text")]


def check_data(data: Any, name: str, *, require_canonical: bool = False) -> list[Problem]:
    """All problems in one framework's parsed data: schema first, then cross-references."""
    if not isinstance(data, dict):
        return [Problem(name, "", "the file must hold a mapping with id, title, themes …")]
    problems: list[Problem] = []
    validator = jsonschema.Draft202012Validator(_schema())
    for err in sorted(validator.iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path]):
        problems.append(Problem(name, _where(data, err.absolute_path), _schema_message(err)))
    if problems:
        return problems

    fid = data["id"]
    refs = {s["ref"] for s in data["sources"]}
    seen: set[str] = set()
    for i, src in enumerate(data["sources"]):
        if src["ref"] in seen:
            problems.append(Problem(name, f"sources[{i}].ref", f"duplicate ref '{src['ref']}'"))
        seen.add(src["ref"])

    def check_source(obj: dict[str, Any], where: str) -> None:
        src = obj.get("source")
        if src and src["ref"] not in refs:
            problems.append(
                Problem(name, f"{where}.source.ref", f"unknown source '{src['ref']}' (known: {', '.join(sorted(refs))})")
            )

    ids: set[str] = {fid}
    for ti, theme in enumerate(data["themes"]):
        tw = f"themes[{ti}] ({theme['id']})"
        if not theme["id"].startswith(fid + "."):
            problems.append(Problem(name, f"{tw}.id", f"theme id must start with '{fid}.'"))
        if theme["id"] in ids:
            problems.append(Problem(name, f"{tw}.id", f"duplicate id '{theme['id']}'"))
        ids.add(theme["id"])
        check_source(theme, tw)
        for ei, exp in enumerate(theme["expectations"]):
            ew = f"{tw}.expectations[{ei}] ({exp['id']})"
            if not exp["id"].startswith(theme["id"] + "."):
                problems.append(Problem(name, f"{ew}.id", f"expectation id must start with '{theme['id']}.'"))
            if exp["id"] in ids:
                problems.append(Problem(name, f"{ew}.id", f"duplicate id '{exp['id']}'"))
            ids.add(exp["id"])
            check_source(exp, ew)
            langs = {x["lang"] for x in exp["exemplars"]}
            for lang in ("nb", "nn"):
                if lang not in langs:
                    problems.append(Problem(name, f"{ew}.exemplars", f"no exemplar in '{lang}' (need both nb and nn)"))
            texts = [x["text"].strip().lower() for x in exp["exemplars"]]
            if len(set(texts)) != len(texts):
                problems.append(Problem(name, f"{ew}.exemplars", "the same exemplar appears twice"))
            kws = [k.strip() for k in exp["keywords"]]
            if len(set(kws)) != len(kws):
                problems.append(Problem(name, f"{ew}.keywords", "the same keyword appears twice"))
            overlap = set(kws) & {c.strip().lower() for c in exp.get("negative_cues", [])}
            if overlap:
                problems.append(
                    Problem(name, f"{ew}.negative_cues", f"also listed as keywords: {', '.join(sorted(overlap))}")
                )

    if require_canonical and fid in CANONICAL_THEMES:
        have = {t["id"] for t in data["themes"]}
        for missing in CANONICAL_THEMES[fid]:
            if missing not in have:
                problems.append(Problem(name, "themes", f"canonical theme '{missing}' is missing"))
    return problems


def _schema_message(err: jsonschema.ValidationError) -> str:
    """Plain wording for the schema errors framework authors meet most."""
    if err.validator == "required":
        missing = [k for k in err.validator_value if isinstance(err.instance, dict) and k not in err.instance]
        return f"missing required key(s): {', '.join(missing)}"
    if err.validator == "additionalProperties":
        extra = sorted(set(err.instance) - set(err.schema.get("properties", {})))
        return f"unknown key(s): {', '.join(extra)}"
    if err.validator == "minItems":
        if not err.instance:
            return "empty list"
        return f"has {len(err.instance)} item(s), needs at least {err.validator_value}"
    if err.validator == "maxItems":
        return f"has {len(err.instance)} items, at most {err.validator_value} allowed"
    if err.validator == "pattern":
        if err.validator_value == "\\S":
            return "empty text"
        if "A-Z" in err.validator_value:
            return f"'{err.instance}' must be lower-case and non-empty"
        return f"'{err.instance}' has the wrong form (expected {err.validator_value})"
    if err.validator == "enum":
        return f"{err.instance!r} is not one of {', '.join(map(str, err.validator_value))}"
    if err.validator == "type":
        return f"{err.instance!r} should be of type {err.validator_value}"
    return err.message


def validate(path: str | Path, *, others: Sequence[Framework] = ()) -> list[Problem]:
    """Every problem in one framework file; an empty list means the file is valid.

    `others` are frameworks already loaded, to catch ids used twice across files.
    """
    return _validate(Path(path), others)[1]


def _validate(path: Path, others: Sequence[Framework]) -> tuple[Any, list[Problem]]:
    data, problems = _read_yaml(path)
    if problems:
        return data, problems
    shipped = path.resolve() in {p.resolve() for p in shipped_framework_paths()}
    problems = check_data(data, path.name, require_canonical=shipped or _claims_canonical(data))
    if not problems:
        taken = {f.id for f in others} | {t.id for f in others for t in f.themes}
        if data["id"] in {f.id for f in others}:
            problems.append(Problem(path.name, "id", f"framework id '{data['id']}' is already loaded"))
        for ti, theme in enumerate(data["themes"]):
            if theme["id"] in taken and data["id"] not in {f.id for f in others}:
                problems.append(Problem(path.name, f"themes[{ti}].id", f"id '{theme['id']}' is already used"))
    return data, problems


def _claims_canonical(data: Any) -> bool:
    """A file that uses a canonical framework id must carry all its canonical themes."""
    return isinstance(data, dict) and data.get("id") in CANONICAL_THEMES


def _source(obj: dict[str, Any] | None, sources: dict[str, dict[str, Any]]) -> SourceRef | None:
    if not obj:
        return None
    src = sources[obj["ref"]]
    return SourceRef(
        ref=obj["ref"],
        title=src["title"],
        chapter=obj.get("chapter"),
        url=src.get("url"),
        status=obj.get("status", src["status"]),
    )


def _local(d: dict[str, str]) -> LocalText:
    return LocalText(nb=d["nb"].strip(), nn=d["nn"].strip(), en=d["en"].strip())


def _build(data: dict[str, Any], path: Path, sha: str) -> Framework:
    sources = {s["ref"]: s for s in data["sources"]}
    canonical = set(CANONICAL_THEMES.get(data["id"], ()))
    themes = []
    for t in data["themes"]:
        exps = tuple(
            Expectation(
                id=e["id"],
                statement=e["statement"].strip(),
                exemplars=tuple(Exemplar(x["text"].strip(), x["lang"], int(x["level"])) for x in e["exemplars"]),
                keywords=tuple(k.strip() for k in e["keywords"]),
                phrases=tuple(p.strip() for p in e.get("phrases", [])),
                solutions=tuple(s.strip() for s in e.get("solutions", [])),
                negative_cues=tuple(c.strip() for c in e.get("negative_cues", [])),
                source=_source(e.get("source"), sources),
            )
            for e in t["expectations"]
        )
        themes.append(
            Theme(
                id=t["id"],
                title=_local(t["title"]),
                description=" ".join(t["description"].split()),
                advice=_local(t["advice"]),
                expectations=exps,
                source=_source(t.get("source"), sources),
                canonical=t["id"] in canonical,
            )
        )
    return Framework(
        id=data["id"],
        title=_local(data["title"]),
        version=str(data["version"]),
        publisher=data["publisher"],
        status=data["status"],
        sources=tuple(
            SourceRef(s["ref"], s["title"], s.get("chapter"), s.get("url"), s["status"]) for s in data["sources"]
        ),
        themes=tuple(themes),
        path=str(path),
        sha256=sha,
    )


def load_framework(path: str | Path, *, others: Sequence[Framework] = ()) -> Framework:
    """Load one framework file; raise FrameworkError listing every problem if it is invalid."""
    path = Path(path)
    if not path.exists():
        raise FrameworkNotFound(f"Framework file not found: {path}. Check the path given to --framework.")
    data, problems = _validate(path, others)
    if problems:
        more = f" (and {len(problems) - 1} more; run `align frameworks validate {path}`)" if len(problems) > 1 else ""
        raise FrameworkError(f"Invalid framework file {problems[0]}{more}")
    return _build(data, path, hashlib.sha256(path.read_bytes()).hexdigest())


def load_frameworks(paths: Sequence[str | Path] | None = None, *, include_shipped: bool = True) -> tuple[Framework, ...]:
    """The shipped frameworks (unless excluded) followed by the user's own files, in that order."""
    return _load_cached(tuple(str(p) for p in (paths or ())), include_shipped)


@lru_cache(maxsize=8)
def _load_cached(paths: tuple[str, ...], include_shipped: bool) -> tuple[Framework, ...]:
    loaded: list[Framework] = []
    todo = [*(shipped_framework_paths() if include_shipped else ()), *map(Path, paths)]
    for p in todo:
        loaded.append(load_framework(p, others=loaded))
    return tuple(loaded)


def find_framework(frameworks: Sequence[Framework], framework_id: str) -> Framework:
    for f in frameworks:
        if f.id == framework_id:
            return f
    known = ", ".join(f.id for f in frameworks)
    raise FrameworkNotFound(f"No framework with id '{framework_id}'. Available: {known}.")
