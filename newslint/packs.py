"""Load rule packs: YAML files that instantiate a rule kind.

A pack file either *defines* a rule (it has ``code``, ``name`` and ``extends``)
or *extends* one defined elsewhere (it has ``rule: NAME`` and more entries, for
another language say). YAML is loaded with the safe loader: a pack is data and
can never run code.
"""

from __future__ import annotations

import marshal
import os
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from .kinds.base import PackError, PackRule


@lru_cache(maxsize=1)
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


def _cache_file(stamp: tuple[tuple[str, int, int], ...]) -> Path | None:
    """Where the parsed form of these pack files is cached (None: no caching)."""
    base = os.environ.get("NEWSLINT_CACHE_DIR")
    if base == "":
        return None
    if base is None:
        xdg = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        base = os.path.join(xdg, "newslint")
    import zlib

    from ._version import __version__

    digest = zlib.crc32(repr((__version__, stamp)).encode())
    return Path(base) / f"packs-{__version__}-{digest:08x}.marshal"


def _stamp(directories: Sequence[Path]) -> tuple[tuple[str, int, int], ...]:
    files = [path for directory in directories for path in pack_files(directory)]
    return tuple((str(p), *_stat(p)) for p in files)


def load_specs(directories: Sequence[Path]) -> list[dict[str, Any]]:
    return _load_specs(_stamp(directories))


def _load_specs(stamp: tuple[tuple[str, int, int], ...]) -> list[dict[str, Any]]:
    """Parsed pack files. The parse is cached (marshal, keyed by path, size, mtime
    and newslint's version) so that start-up does not pay for the YAML parser."""
    cache = _cache_file(stamp)
    if cache is not None:
        try:
            cached = marshal.loads(cache.read_bytes())
            if isinstance(cached, tuple) and len(cached) == 2 and cached[0] == stamp:
                specs: list[dict[str, Any]] = cached[1]
                return specs
        except (OSError, ValueError, EOFError, TypeError):
            pass
    specs = []
    for path, _, _ in stamp:
        specs.extend(_read_yaml(Path(path)))
    if cache is not None:
        try:
            cache.parent.mkdir(parents=True, exist_ok=True)
            tmp = cache.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_bytes(marshal.dumps((stamp, specs)))
            os.replace(tmp, cache)
        except (OSError, ValueError):
            pass  # a read-only home, or data marshal cannot store: parse every time
    return specs


def _stat(path: Path) -> tuple[int, int]:
    st = os.stat(path)
    return st.st_mtime_ns, st.st_size


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
def _rules_for(stamp: tuple[tuple[str, int, int], ...]) -> list[PackRule]:
    return build_rules(_load_specs(stamp))


def load_pack_rules(directories: Sequence[Path]) -> list[PackRule]:
    """Rules from the given pack directories (cached per process by file stamps).

    Built-in packs compile some patterns lazily (start-up matters, and the test
    suite compiles them all); a user's packs are compiled now, so that a bad
    pattern is a configuration error naming the file, not a failure mid-run.
    """
    rules = list(_rules_for(_stamp(directories)))
    builtin = str(builtin_pack_dir())
    for rule in rules:
        if not rule.origin.startswith(builtin) and hasattr(rule, "compile_all"):
            rule.compile_all()
    return rules
