"""``existence``: report every occurrence of a word, phrase or pattern.

``tokens`` are literal words or phrases matched on word boundaries; ``patterns``
are regular expressions. Nothing is fixed: an existence rule points at text a
person should look at.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, ClassVar

from ..diagnostics import Diagnostic
from ..document import Document
from .base import PackError, PackRule, _as_list, compile_pattern


class ExistenceRule(PackRule):
    KEYS: ClassVar[frozenset[str]] = frozenset({"tokens", "patterns", "ignorecase"})
    ENTRY_KEYS: ClassVar[frozenset[str]] = frozenset({"tokens", "patterns"})

    def load(self, spec: Mapping[str, Any], extensions: Sequence[Mapping[str, Any]]) -> None:
        flags = re.IGNORECASE if spec.get("ignorecase") else 0
        parts: list[str] = []
        for part in (spec, *extensions):
            where = str(part.get("__file__", self.origin))
            for token in _as_list(part.get("tokens"), f"{where}: tokens"):
                if not isinstance(token, str) or not token:
                    raise PackError(f"{where}: tokens must be non-empty strings")
                parts.append(r"(?<!\w)" + re.escape(token) + r"(?!\w)")
            for pattern in _as_list(part.get("patterns"), f"{where}: patterns"):
                compile_pattern(pattern, where, flags)
                parts.append(f"(?:{pattern})")
        if not parts:
            raise PackError(f"{self.origin}: an existence pack needs tokens or patterns")
        self.pattern = compile_pattern("|".join(parts), self.origin, flags)
        self.format(self.message, match="x")

    def check(self, doc: Document, options: Any) -> Iterator[Diagnostic]:
        for m in self.pattern.finditer(doc.text):
            if m.end() > m.start():
                yield self.report(
                    doc, m.start(), m.end(), self.format(self.message, match=m.group())
                )
