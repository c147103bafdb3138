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
from .base import PackError, PackRule, _as_list, compile_pattern, required_literals


class _Sub(NamedTuple):
    pattern: re.Pattern[str]
    replacement: str
    message: str | None
    fix: Applicability | None
    flags: int


class SubstitutionRule(PackRule):
    KEYS: ClassVar[frozenset[str]] = frozenset({"entries", "ignorecase"})
    ENTRY_KEYS: ClassVar[frozenset[str]] = frozenset({"entries"})
    DEFAULT_FIX = Applicability.SAFE

    def load(self, spec: Mapping[str, Any], extensions: Sequence[Mapping[str, Any]]) -> None:
        flags = re.IGNORECASE if spec.get("ignorecase") else 0
        self.subs: list[_Sub] = []
        self._screens: list[tuple[str, ...] | None] | None = None
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

    def check(self, doc: Document, options: Any) -> Iterator[Diagnostic]:
        text = doc.text
        screens = self._screens
        if screens is None:  # on first use: a one-file run pays for what it checks
            screens = self._screens = [
                required_literals(sub.pattern.pattern, sub.flags) for sub in self.subs
            ]
        for sub, literals in zip(self.subs, screens, strict=True):
            if literals is not None and not any(s in text for s in literals):
                continue  # a string every match contains is not in the text
            for m in sub.pattern.finditer(text):
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
