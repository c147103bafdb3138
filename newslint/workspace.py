"""A workspace: a configuration (plus command-line overrides) turned into linters per file.

(The module is not called ``project`` so that it cannot shadow :func:`newslint.project`.)
"""

from __future__ import annotations

import fnmatch
from collections.abc import Mapping, Sequence
from pathlib import Path, PurePath
from typing import Any, NamedTuple

from .config import Config, ConfigError
from .document import Document
from .engine import Linter, Policy
from .registry import Registry, RegistryError, load_registry
from .rule import CorpusRule, OptionError, Rule, RuleSet, option_fields


class Overrides(NamedTuple):
    """Selections given on the command line or to the API; they beat the config."""

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    rule_options: Mapping[str, Mapping[str, Any]] = {}


class Project:
    """Everything derived from one :class:`Config`: registry, rule sets, linters."""

    def __init__(self, config: Config, overrides: Overrides | None = None) -> None:
        self.config = config
        self.overrides = overrides or Overrides()
        try:
            self.registry: Registry = load_registry(config.packs, config.plugins)
        except (RegistryError, ValueError) as exc:
            raise ConfigError(f"{config.label}: {exc}") from None
        self._options = self._parse_options()
        self._linters: dict[frozenset[str], Linter] = {}
        self._title_linters: dict[tuple[str, ...], Linter] = {}
        self._corpus: dict[frozenset[str], list[tuple[CorpusRule, Any]]] = {}
        self._ignores: dict[str, frozenset[str]] = {}
        self._digests: dict[tuple[frozenset[str], tuple[Any, ...]], bytes] = {}
        where = config.label
        try:
            for selectors in (
                config.select or (),
                config.ignore,
                config.extend_select,
                *config.per_file_ignores.values(),
            ):
                self.registry.validate_selectors(selectors, where)
            self.registry.validate_selectors(
                [*(self.overrides.select or ()), *self.overrides.ignore,
                 *self.overrides.extend_select],
                "command line",
            )  # fmt: skip
            for name in config.fix_quoted_speech:
                if self.registry.get(name) is None:
                    raise RegistryError(f"{where}: fix-quoted-speech names unknown rule {name!r}")
        except RegistryError as exc:
            raise ConfigError(str(exc)) from None
        self.policy = Policy(
            fix_quoted=frozenset(
                r.meta.name for n in config.fix_quoted_speech if (r := self.registry.get(n))
            )
        )

    def _parse_options(self) -> dict[str, Any]:
        raw: dict[str, dict[str, Any]] = {}
        for key, values in [*self.config.rules.items(), *self.overrides.rule_options.items()]:
            rule = self.registry.get(key)
            if rule is None:
                raise ConfigError(f"{self.config.label}: options for unknown rule {key!r}")
            raw.setdefault(rule.meta.name, {}).update(values)
        parsed: dict[str, Any] = {}
        style = self.config.house_style
        for rule in self.registry:
            values = dict(raw.get(rule.meta.name, {}))
            if (
                style is not None
                and "house-style" not in values
                and any(name == "house-style" for name, _, _ in option_fields(rule.Options))
            ):
                values["house-style"] = style
            if not values:
                continue  # defaults: nothing to validate (options_for builds them)
            try:
                parsed[rule.meta.name] = rule.parse_options(values)
            except OptionError as exc:
                raise ConfigError(f"{self.config.label}: {exc}") from None
        return parsed

    def selected(self, extra_ignore: Sequence[str] = ()) -> list[Rule]:
        o = self.overrides
        select = o.select if o.select is not None else self.config.select
        return self.registry.select(
            select,
            ignore=(*self.config.ignore, *o.ignore, *extra_ignore),
            extend_select=(*self.config.extend_select, *o.extend_select),
        )

    def ignores_for(self, path: str | None) -> frozenset[str]:
        if path is None or not self.config.per_file_ignores:
            return frozenset()
        cached = self._ignores.get(path)
        if cached is None:
            cached = self._ignores[path] = self._compute_ignores(path)
        return cached

    def _compute_ignores(self, path: str) -> frozenset[str]:
        p = Path(path)
        try:
            rel = PurePath(p.resolve().relative_to(self.config.root)).as_posix()
        except ValueError:
            rel = p.as_posix()
        out: set[str] = set()
        for pattern, selectors in self.config.per_file_ignores.items():
            if fnmatch.fnmatch(rel, pattern) or (
                "/" not in pattern and fnmatch.fnmatch(p.name, pattern)
            ):
                out.update(selectors)
        return frozenset(out)

    def linter_for(self, path: str | None) -> Linter:
        ignores = self.ignores_for(path)
        linter = self._linters.get(ignores)
        if linter is None:
            rules = self.selected(tuple(sorted(ignores)))
            ruleset = RuleSet(
                tuple(rules), {r.meta.name: self._options_or_default(r) for r in rules}
            )
            linter = Linter(ruleset, self.policy)
            self._linters[ignores] = linter
        return linter

    def digest(self, path: str | None, *extra: Any) -> bytes:
        """Identity of what checking a document at ``path`` means (for the cache)."""
        ignores = self.ignores_for(path)
        cached = self._digests.get((ignores, extra))
        if cached is None:
            from .cache import settings_digest
            from .packs import _stamp, builtin_pack_dir

            rules = [(r.meta.code, r.meta.origin) for r in self.registry]
            stamp = _stamp([builtin_pack_dir(), *self.config.packs])
            cached = settings_digest(
                self.config, self.overrides, rules, stamp, sorted(ignores), self._options, extra
            )
            self._digests[(ignores, extra)] = cached
        return cached

    def _options_or_default(self, rule: Rule) -> Any:
        options = self._options.get(rule.meta.name)
        return options if options is not None else rule.Options()

    def title_linter_for(self, path: str | None) -> Linter:
        """Rules of scope ``line`` only: a title field is a span of text, not an article."""
        linter = self.linter_for(path)
        key = ("title", *sorted(self.ignores_for(path)))
        cached = self._title_linters.get(key)
        if cached is None:
            rules = tuple(r for r in linter.ruleset.rules if r.meta.scope == "line")
            cached = Linter(RuleSet(rules, linter.ruleset.options), self.policy)
            self._title_linters[key] = cached
        return cached

    def corpus_rules(self, path: str | None = None) -> list[tuple[CorpusRule, Any]]:
        """The selected corpus rules (for this path) with their options."""
        ignores = self.ignores_for(path)
        rules = self._corpus.get(ignores)
        if rules is None:
            rules = [
                (r, self._options.get(r.meta.name) or r.Options())
                for r in self.selected(tuple(sorted(ignores)))
                if isinstance(r, CorpusRule)
            ]
            self._corpus[ignores] = rules
        return rules

    def corpus_needs_single_document(self) -> bool:
        return any(rule.needs_single_document(opts) for rule, opts in self.corpus_rules())

    def collect(self, doc: Document) -> dict[str, Any]:
        """Phase one of the corpus rules for one document: rule name -> key."""
        keys: dict[str, Any] = {}
        for rule, options in self.corpus_rules(doc.path):
            key = rule.collect(doc, options)
            if key is not None:
                keys[rule.meta.name] = key
        return keys

    def is_included(self, path: Path) -> bool:
        name = path.name
        return any(fnmatch.fnmatch(name, pat) for pat in self.config.include)

    def is_excluded(self, path: Path) -> bool:
        name = path.name
        patterns = (*self.config.exclude, *self.config.extend_exclude)
        return any(
            fnmatch.fnmatch(name, pat) or fnmatch.fnmatch(str(path), pat) for pat in patterns
        )
