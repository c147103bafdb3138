"""``substitution``: a pattern that is always wrong, and what to write instead.

Each entry has a ``pattern`` (Python regular expression), a ``replacement``
(``\\1`` / ``\\g<name>`` refer to groups) and optionally its own ``message`` and
``fix`` safety. The edit covers exactly the match.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, ClassVar, NamedTuple

from ..diagnostics import Applicability, Diagnostic, Edit, Fix
from ..document import Document
from .base import (
    PackError,
    PackRule,
    PrefixScan,
    _as_list,
    compile_pattern,
    finditer,
    hidden_by,
    literal_trie,
    lookbehind_free,
    matches_at,
    prefix_literals,
    required_literal_sets,
    required_literals,
)

PLAN_AFTER = 20  # documents checked pattern by pattern before the plan is made


class _Sub(NamedTuple):
    pattern: re.Pattern[str]
    replacement: str
    message: str | None
    fix: Applicability | None
    flags: int


class _Plan(NamedTuple):
    """What the checks of a pack need, made on first use."""

    rests: list[re.Pattern[str] | None]  # per entry: lookbehind_free(pattern), once needed
    tried: list[bool]  # per entry: rests[i] was computed
    more: list[list[tuple[str, ...]] | None]  # per entry: other sets a match has a
    # string of, once needed
    starts: list[tuple[str, ...] | None]  # per entry: every match starts with one of
    # these (prefix_literals), or None
    scan: PrefixScan | None  # finds every occurrence of the strings of starts
    owners: dict[str, tuple[int, ...]]  # a string scan finds -> the entries that can
    # match where it occurs (one of their starts is a prefix of it)
    everywhere: bool  # every entry has starts


class _Literals(NamedTuple):
    """The screen of the entries without starts, made when one needs it."""

    screens: list[tuple[str, ...] | None]  # per entry: one of these is in every match
    any_literal: re.Pattern[str] | None  # every literal of screens (literal_trie)
    hidden: dict[str, frozenset[str]]  # a literal found -> the literals it stands for


class SubstitutionRule(PackRule):
    KEYS: ClassVar[frozenset[str]] = frozenset({"entries", "ignorecase"})
    ENTRY_KEYS: ClassVar[frozenset[str]] = frozenset({"entries"})
    DEFAULT_FIX = Applicability.SAFE

    def load(self, spec: Mapping[str, Any], extensions: Sequence[Mapping[str, Any]]) -> None:
        flags = re.IGNORECASE if spec.get("ignorecase") else 0
        self.subs: list[_Sub] = []
        self._plan: _Plan | None = None
        self._literals: _Literals | None = None
        self._checked = 0  # documents checked without the plan (made from the 20th on)
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
        more: list[list[tuple[str, ...]] | None] = [None] * len(self.subs)
        starts = [prefix_literals(sub.pattern.pattern, sub.flags) for sub in self.subs]
        heads = sorted({s for found in starts if found for s in found})
        owners = {
            head: tuple(
                i
                for i, found in enumerate(starts)
                if found and any(head.startswith(s) for s in found)
            )
            for head in heads
        }
        return _Plan(
            [None] * len(self.subs),
            [False] * len(self.subs),
            more,
            starts,
            PrefixScan(heads) if heads else None,
            owners,
            all(found is not None for found in starts),
        )

    def _findings(
        self, doc: Document, sub: _Sub, matches: Iterable[re.Match[str]]
    ) -> Iterator[Diagnostic]:
        """A finding for each of ``matches`` of ``sub`` that changes the text."""
        for m in matches:
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

    def _plain(self, doc: Document) -> Iterator[Diagnostic]:
        """The findings without screens or short cuts: each pattern over the text (the
        first documents of a run; building the plan costs more than a few of these)."""
        for sub in self.subs:
            yield from self._findings(doc, sub, sub.pattern.finditer(doc.text))

    def _literal_screen(self) -> _Literals:
        """Per entry, strings one of which every match contains, and one scan for all
        of them (made on first use: only entries without starts need it)."""
        if self._literals is None:
            screens = [required_literals(sub.pattern.pattern, sub.flags) for sub in self.subs]
            literals = sorted({s for lits in screens if lits for s in lits})
            self._literals = _Literals(
                screens,
                re.compile(literal_trie(literals)) if literals else None,
                {m: hidden_by(m, literals) for m in literals},
            )
        return self._literals

    def _present(self, plan: _Plan, text: str) -> set[str]:
        """A superset of the required literals that occur in ``text``, from one scan
        of them all (see :func:`hidden_by`)."""
        found: set[str] = set()
        screen = self._literal_screen()
        if screen.any_literal is not None:
            for m in set(screen.any_literal.findall(text)):
                found |= screen.hidden[m]
        return found

    def check(self, doc: Document, options: Any) -> Iterator[Diagnostic]:
        text = doc.text
        plan = self._plan
        if plan is None:
            self._checked += 1
            if self._checked < PLAN_AFTER:  # a one-file run: the patterns as they are
                yield from self._plain(doc)
                return
            plan = self._plan = self._make_plan()
        # the entries whose matches start with known strings are tried only where
        # those occur (one fast scan per first character for all of them)
        at: dict[int, list[int]] = {}
        if plan.scan is not None:
            owners = plan.owners
            for pos, head in plan.scan.scan(text):
                for i in owners[head]:
                    found = at.get(i)
                    if found is None:
                        at[i] = [pos]
                    else:
                        found.append(pos)  # (one string per position: no repeats)
        present: set[str] | None = None
        subs = self.subs
        # when every entry has starts, only those with a position can match
        for i in sorted(at) if plan.everywhere else range(len(subs)):
            sub = subs[i]
            matches: Iterable[re.Match[str]]
            if plan.starts[i] is not None:
                positions = at.get(i)
                if positions is None:
                    continue  # no string a match starts with is in the text
                matches = matches_at(sub.pattern, text, positions)
            else:
                literals = self._literal_screen().screens[i]
                if literals is not None:
                    if present is None:
                        present = self._present(plan, text)
                    if present.isdisjoint(literals):
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
                matches = finditer(sub.pattern, plan.rests[i], text)
            yield from self._findings(doc, sub, matches)
