"""Which rules exist, and which of them a run selects.

Rules come from three places, all explicit: rules written in code
(:mod:`newslint.checks`), data packs (``rules/`` and extra pack directories), and
third-party plugins named in the configuration and installed under the entry-point
group ``newslint.rules``. A registry is built per run; nothing is global.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from .rule import CATEGORIES, Rule

ENTRY_POINT_GROUP = "newslint.rules"


class RegistryError(ValueError):
    """Two rules clash, a selector matches nothing, or a plugin is broken."""


class Registry:
    """All known rules, by name and by code, sorted by code."""

    def __init__(self, rules: Iterable[Rule]) -> None:
        by_name: dict[str, Rule] = {}
        by_code: dict[str, Rule] = {}
        for rule in rules:
            meta = rule.meta
            for table, key in ((by_name, meta.name), (by_code, meta.code)):
                other = table.get(key)
                if other is not None:
                    raise RegistryError(
                        f"rule {key} is defined twice: by {other.meta.origin} and {meta.origin}"
                    )
                table[key] = rule
        self.by_name = by_name
        self.by_code = by_code
        self.rules: tuple[Rule, ...] = tuple(sorted(by_name.values(), key=lambda r: r.meta.code))

    def get(self, key: str) -> Rule | None:
        return self.by_name.get(key) or self.by_code.get(key.upper())

    def __iter__(self) -> Iterator[Rule]:
        return iter(self.rules)

    # -- selection --------------------------------------------------------------

    def specificity(self, selector: str, rule: Rule) -> int:
        """How specifically ``selector`` names ``rule`` (0: it does not)."""
        meta = rule.meta
        if selector == meta.name or selector.upper() == meta.code:
            return 100
        upper = selector.upper()
        if upper != "ALL" and meta.code.startswith(upper) and upper[:1].isalpha():
            return 10 + len(upper)
        if selector == meta.category:
            return 5
        if upper == "ALL":
            return 1
        return 0

    def validate_selectors(self, selectors: Iterable[str], where: str) -> None:
        for s in selectors:
            if not any(self.specificity(s, r) for r in self.rules) and s not in CATEGORIES:
                raise RegistryError(f"{where}: {s!r} matches no rule (see `newslint rules`)")

    def select(
        self,
        select: Sequence[str] | None = None,
        ignore: Sequence[str] = (),
        extend_select: Sequence[str] = (),
    ) -> list[Rule]:
        """Rules chosen by the selectors; the most specific selector wins."""
        chosen = []
        for rule in self.rules:
            if select is None:
                sel = 2 if rule.meta.default else 0  # defaults are a broad selection
            else:
                sel = max((self.specificity(s, rule) for s in select), default=0)
            sel = max([sel, *(self.specificity(s, rule) for s in extend_select)])
            ign = max((self.specificity(s, rule) for s in ignore), default=0)
            if sel and sel > ign:
                chosen.append(rule)
        return chosen


def plugin_rules(names: Sequence[str]) -> tuple[list[Rule], list[Path]]:
    """Load the named entry points of group ``newslint.rules``.

    An entry point may refer to a rule instance, a rule class, a list of them, a
    directory of packs (a ``Path``), or a function returning any of these.
    """
    if not names:
        return [], []
    from importlib.metadata import entry_points

    available = {ep.name: ep for ep in entry_points(group=ENTRY_POINT_GROUP)}
    rules: list[Rule] = []
    dirs: list[Path] = []
    for name in names:
        ep = available.get(name)
        if ep is None:
            known = ", ".join(sorted(available)) or "none installed"
            raise RegistryError(f"plugin {name!r} is not installed (available: {known})")
        try:
            obj = ep.load()
            _collect(obj, rules, dirs, name)
        except RegistryError:
            raise
        except Exception as exc:
            raise RegistryError(f"plugin {name!r} failed to load: {exc}") from None
    return rules, dirs


def _collect(obj: Any, rules: list[Rule], dirs: list[Path], name: str) -> None:
    if isinstance(obj, Rule):
        rules.append(obj)
    elif isinstance(obj, type) and issubclass(obj, Rule):
        rules.append(obj())
    elif isinstance(obj, Path):
        dirs.append(obj)
    elif isinstance(obj, (list, tuple)):
        for item in obj:
            _collect(item, rules, dirs, name)
    elif callable(obj):
        _collect(obj(), rules, dirs, name)
    else:
        raise RegistryError(f"plugin {name!r} provides {type(obj).__name__}, not rules")


def load_registry(pack_dirs: Sequence[Path] = (), plugins: Sequence[str] = ()) -> Registry:
    """All rules: built-in checks, built-in and extra packs, and the named plugins."""
    from .checks import builtin_rules
    from .packs import builtin_pack_dir, load_pack_rules

    extra_rules, plugin_dirs = plugin_rules(plugins)
    dirs = [builtin_pack_dir(), *pack_dirs, *plugin_dirs]
    return Registry([*builtin_rules(), *load_pack_rules(dirs), *extra_rules])
