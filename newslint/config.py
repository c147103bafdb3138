"""Configuration: ``[tool.newslint]`` in ``pyproject.toml``, or ``newslint.toml`` /
``.newslint.toml``, found upward from each checked file.

Every key is checked: an unknown key or a value of the wrong type is an error
naming the file and the key, never silently ignored.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any, NamedTuple

CONFIG_FILES = (".newslint.toml", "newslint.toml", "pyproject.toml")
DEFAULT_INCLUDE = ("*.txt", "*.md")
DEFAULT_EXCLUDE = (".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__", ".tox")


class ConfigError(ValueError):
    """The configuration is invalid; the message names the file and the key."""


class Config(NamedTuple):
    """Settings from one configuration file (or the defaults)."""

    source: Path | None = None
    root: Path = Path()  # directory that relative paths in the file refer to
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    extend_exclude: tuple[str, ...] = ()
    per_file_ignores: Mapping[str, tuple[str, ...]] = {}
    house_style: str | None = None
    packs: tuple[Path, ...] = ()
    plugins: tuple[str, ...] = ()
    fix_quoted_speech: tuple[str, ...] = ()
    rules: Mapping[str, Mapping[str, Any]] = {}

    @property
    def label(self) -> str:
        return str(self.source) if self.source else "defaults"


_LIST_KEYS = {
    "select",
    "ignore",
    "extend-select",
    "include",
    "exclude",
    "extend-exclude",
    "packs",
    "plugins",
    "fix-quoted-speech",
}
_KEYS = _LIST_KEYS | {"per-file-ignores", "house-style", "rules"}


def _load_toml(path: Path) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib  # type: ignore[import-not-found,unused-ignore]
    try:
        with path.open("rb") as fh:
            data: dict[str, Any] = tomllib.load(fh)
            return data
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not valid UTF-8 (byte {exc.start})") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror}") from None


def _table(path: Path) -> dict[str, Any] | None:
    """The newslint table of a config file, or None if it has none."""
    if path.name == "pyproject.toml":
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise ConfigError(f"{path}: cannot read: {exc.strerror}") from None
        if b"newslint" not in raw:
            return None  # cheap: most pyproject files are not ours
        tool = _load_toml(path).get("tool", {})
        table = tool.get("newslint") if isinstance(tool, dict) else None
        if table is None:
            return None
        if not isinstance(table, dict):
            raise ConfigError(f"{path}: [tool.newslint] must be a table")
        return table
    return _load_toml(path)


def parse_config(table: Mapping[str, Any], source: Path | None, root: Path) -> Config:
    where = str(source) if source else "configuration"
    prefix = "tool.newslint." if source and source.name == "pyproject.toml" else ""
    unknown = sorted(set(table) - _KEYS)
    if unknown:
        known = ", ".join(sorted(_KEYS))
        raise ConfigError(f"{where}: unknown key '{prefix}{unknown[0]}' (known keys: {known})")
    values: dict[str, Any] = {}
    for key, value in table.items():
        name = key.replace("-", "_")
        if key in _LIST_KEYS:
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ConfigError(f"{where}: '{prefix}{key}' must be a list of strings")
            values[name] = tuple(value)
        elif key == "house-style":
            if not isinstance(value, str):
                raise ConfigError(f"{where}: '{prefix}house-style' must be a string")
            values[name] = value
        elif key == "per-file-ignores":
            if not isinstance(value, dict) or not all(
                isinstance(v, list) and all(isinstance(x, str) for x in v) for v in value.values()
            ):
                raise ConfigError(
                    f"{where}: '{prefix}per-file-ignores' must map globs to lists of rules"
                )
            values[name] = {str(k): tuple(v) for k, v in value.items()}
        elif key == "rules":
            if not isinstance(value, dict) or not all(isinstance(v, dict) for v in value.values()):
                raise ConfigError(
                    f"{where}: '{prefix}rules' must hold one table per rule, "
                    f"like [{prefix}rules.whitespace]"
                )
            values[name] = {str(k): dict(v) for k, v in value.items()}
    if "packs" in values:
        values["packs"] = tuple((root / p).resolve() for p in values["packs"])
    return Config(source=source, root=root, **values)


def load_config_file(path: Path) -> Config:
    path = path.resolve()
    if not path.is_file():
        raise ConfigError(f"{path}: configuration file not found")
    table = _table(path)
    if table is None:
        if path.name == "pyproject.toml":
            return Config(source=path, root=path.parent)
        table = {}
    return parse_config(table, path, path.parent)


class ConfigFinder:
    """Finds the configuration that applies to a path, caching per directory."""

    def __init__(self, explicit: Path | None = None) -> None:
        self.explicit = load_config_file(explicit) if explicit else None
        self._cache: dict[Path, Config] = {}

    def for_path(self, path: Path | None) -> Config:
        if self.explicit is not None:
            return self.explicit
        start = path.resolve().parent if path is not None else Path.cwd().resolve()
        return self._find(start)

    def _find(self, directory: Path) -> Config:
        cached = self._cache.get(directory)
        if cached is not None:
            return cached
        config: Config | None = None
        for name in CONFIG_FILES:
            candidate = directory / name
            if candidate.is_file():
                table = _table(candidate)
                if table is not None:
                    config = parse_config(table, candidate, directory)
                    break
        if config is None:
            parent = directory.parent
            config = self._find(parent) if parent != directory else Config(root=Path.cwd())
        self._cache[directory] = config
        return config
