"""``substitution``: a pattern that is always wrong, and what to write instead.

Each entry has a ``pattern`` (Python regular expression), a ``replacement``
(``\\1`` / ``\\g<name>`` refer to groups) and optionally its own ``message`` and
``fix`` safety. The edit covers exactly the match.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, ClassVar, NamedTuple

from ..diagnostics import Applicability, Diagnostic, Edit, Fix
from ..document import Document
from .base import (
    PackError,
    PackRule,
    _as_list,
    compile_pattern,
    finditer,
    hidden_by,
    literal_trie,
    lookbehind_free,
    required_literal_sets,
    required_literals,
)


class _Sub(NamedTuple):
    pattern: re.Pattern[str]
    replacement: str
    message: str | None
    fix: Applicability | None
    flags: int


class _Plan(NamedTuple):
    """What the checks of a pack need, made on first use."""

    screens: list[tuple[str, ...] | None]  # per entry: one of these is in every match
    rests: list[re.Pattern[str] | None]  # per entry: lookbehind_free(pattern), once needed
    tried: list[bool]  # per entry: rests[i] was computed
    any_literal: re.Pattern[str] | None  # every literal of screens (literal_trie)
    hidden: dict[str, frozenset[str]]  # a literal found -> the literals it stands for
    more: list[list[tuple[str, ...]] | None]  # per entry: other sets a match has a
    # string of, once needed


class SubstitutionRule(PackRule):
    KEYS: ClassVar[frozenset[str]] = frozenset({"entries", "ignorecase"})
    ENTRY_KEYS: ClassVar[frozenset[str]] = frozenset({"entries"})
    DEFAULT_FIX = Applicability.SAFE

    def load(self, spec: Mapping[str, Any], extensions: Sequence[Mapping[str, Any]]) -> None:
        flags = re.IGNORECASE if spec.get("ignorecase") else 0
        self.subs: list[_Sub] = []
        self._plan: _Plan | None = None
        for part in (spec, *extensions):
            where = str(part.get("__file__", self.origin))
            for i, entry in enumerate(_as_list(part.get("entries"), f"{where}: entries")):
                at = f"{where}: entries[{i}]"
                if not isinstance(entry, dict) or "pattern" not in entry:
                    raise PackError(f"{at}: expected a mapping with pattern and replacement")
                unknown = set(entry) - {"pattern", "replacement", "message", "fix"}
                if unknown:
                    raise PackError(f"{at}: unknown key(s) {', '.join(sorted(unknown))}")
                pattern = compile_pattern(entry["pattern"], at, flags)
                replacement = entry.get("replacement")
                if not isinstance(replacement, str):
                    raise PackError(f"{at}: replacement must be a string")
                fix = self.applicability(entry["fix"], at) if "fix" in entry else self.meta.fix
                message = entry.get("message")
                sub = _Sub(pattern, replacement, message, fix, flags)
                template = message or self.message
                self.format(template, match="x", replacement="x")
                self.subs.append(sub)
        if not self.subs:
            raise PackError(f"{self.origin}: a substitution pack needs entries")

    def _make_plan(self) -> _Plan:
        screens = [required_literals(sub.pattern.pattern, sub.flags) for sub in self.subs]
        literals = sorted({s for lits in screens if lits for s in lits})
        more: list[list[tuple[str, ...]] | None] = [None] * len(self.subs)
        return _Plan(
            screens,
            [None] * len(self.subs),
            [False] * len(self.subs),
            re.compile(literal_trie(literals)) if literals else None,
            {m: hidden_by(m, literals) for m in literals},
            more,
        )

    def _present(self, plan: _Plan, text: str) -> set[str]:
        """A superset of the required literals that occur in ``text``, from one scan
        of them all (see :func:`hidden_by`)."""
        found: set[str] = set()
        if plan.any_literal is not None:
            for m in set(plan.any_literal.findall(text)):
                found |= plan.hidden[m]
        return found

    def check(self, doc: Document, options: Any) -> Iterator[Diagnostic]:
        text = doc.text
        plan = self._plan
        if plan is None:  # on first use: a one-file run pays for what it checks
            plan = self._plan = self._make_plan()
        present = self._present(plan, text)
        for i, (sub, literals) in enumerate(zip(self.subs, plan.screens, strict=True)):
            if literals is not None and present.isdisjoint(literals):
                continue  # a string every match contains is not in the text
            more = plan.more[i]
            if more is None:
                more = plan.more[i] = [
                    strings
                    for strings in required_literal_sets(sub.pattern.pattern, sub.flags)
                    if strings != literals and min(map(len, strings)) > 1  # "." is everywhere
                ]
            if not all(any(s in text for s in strings) for strings in more):
                continue  # the same, for the other strings a match must contain
            if not plan.tried[i]:  # the pattern without its look-behinds, once needed
                plan.rests[i] = lookbehind_free(sub.pattern)
                plan.tried[i] = True
            for m in finditer(sub.pattern, plan.rests[i], text):
                if m.end() == m.start():
                    continue
                try:
                    new = m.expand(sub.replacement)
                except (re.error, IndexError) as exc:
                    raise PackError(f"{self.origin}: bad replacement: {exc}") from None
                if new == m.group():
                    continue
                fix = (
                    Fix((Edit(m.start(), m.end(), new),), sub.fix, f"write {new!r}")
                    if sub.fix
                    else None
                )
                message = self.format(sub.message or self.message, match=m.group(), replacement=new)
                yield self.report(doc, m.start(), m.end(), message, fix=fix)
