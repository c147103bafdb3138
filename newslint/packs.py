"""Load rule packs: YAML files that instantiate a rule kind.

A pack file either *defines* a rule (it has ``code``, ``name`` and ``extends``)
or *extends* one defined elsewhere (it has ``rule: NAME`` and more entries, for
another language say). YAML is loaded with the safe loader: a pack is data and
can never run code.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from .kinds.base import PackError, PackRule


def builtin_pack_dir() -> Path:
    """``rules/`` of a source checkout, or its copy inside the installed package."""
    here = Path(__file__).resolve().parent
    installed = here / "_packs"
    if installed.is_dir():
        return installed
    return here.parent / "rules"


def pack_files(directory: Path) -> list[Path]:
    if not directory.is_dir():
        raise PackError(f"{directory}: rule pack directory does not exist")
    return sorted(p for p in directory.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())


def _read_yaml(path: Path) -> list[dict[str, Any]]:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        with path.open("rb") as fh:
            docs = [d for d in yaml.load_all(fh, Loader=loader) if d is not None]
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark is not None else str(path)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise PackError(f"{where}: invalid YAML: {problem}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise PackError(f"{path}: cannot read rule pack: {exc}") from None
    for d in docs:
        if not isinstance(d, dict):
            raise PackError(f"{path}: a rule pack must be a mapping")
        d["__file__"] = str(path)
    return docs


def load_specs(directories: Sequence[Path]) -> list[dict[str, Any]]:
    specs: list[dict[str, Any]] = []
    for directory in directories:
        for path in pack_files(directory):
            specs.extend(_read_yaml(path))
    return specs


def build_rules(specs: Iterable[dict[str, Any]]) -> list[PackRule]:
    """Instantiate pack rules: definitions first, each with its extensions."""
    from .kinds import KINDS

    definitions: list[dict[str, Any]] = []
    extensions: dict[str, list[dict[str, Any]]] = {}
    for spec in specs:
        if "rule" in spec:
            if "code" in spec or "extends" in spec:
                raise PackError(f"{spec['__file__']}: a pack either defines a rule or extends one")
            extensions.setdefault(str(spec["rule"]), []).append(spec)
        else:
            definitions.append(spec)
    rules: list[PackRule] = []
    names = set()
    for spec in definitions:
        kind = spec.get("extends")
        if kind not in KINDS:
            known = ", ".join(sorted(KINDS))
            raise PackError(f"{spec['__file__']}: unknown extends {kind!r} (known: {known})")
        name = str(spec.get("name"))
        rules.append(KINDS[kind](spec, extensions.pop(name, [])))
        names.add(name)
    if extensions:
        name, exts = next(iter(extensions.items()))
        raise PackError(f"{exts[0]['__file__']}: extends rule {name!r}, which no pack defines")
    return rules


@lru_cache(maxsize=8)
def _cached_rules(key: tuple[tuple[str, int, int], ...], dirs: tuple[str, ...]) -> list[PackRule]:
    return build_rules(load_specs([Path(d) for d in dirs]))


def load_pack_rules(directories: Sequence[Path]) -> list[PackRule]:
    """Rules from the given pack directories (cached per process by file stamps)."""
    stamp = []
    for directory in directories:
        for path in pack_files(directory):
            st = os.stat(path)
            stamp.append((str(path), st.st_mtime_ns, st.st_size))
    return list(_cached_rules(tuple(stamp), tuple(str(d) for d in directories)))
