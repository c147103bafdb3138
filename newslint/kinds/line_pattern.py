"""``line-pattern``: whole lines that match a phrase list (boilerplate, say).

Entries come in groups, each with exactly one of

* ``lines``: phrases that must be the whole line (after trimming bullets, case,
  spacing and trailing ``:``/``»``/``…``) - a hash lookup, safe removal by default;
* ``patterns``: regular expressions that must match the whole trimmed line
  (case-insensitive) - safe removal by default;
* ``contains``: phrases that occur somewhere in a short line - reported with an
  unsafe removal by default, because the line may carry more than the phrase.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, ClassVar, NamedTuple

from ..diagnostics import Applicability, Diagnostic, Fix
from ..document import Document
from ..spans import remove_line
from .base import PackError, PackRule, _as_list, compile_pattern

_EDGE_JUNK = " \t\u00a0\u2022\u00b7\u25aa\u25b8\u25ba\u203a\u00bb>|:\u2026.\u2013\u2014-*#"
_SPACES = re.compile(r"\s+")


def line_key(text: str) -> str:
    """The form of a line used for exact phrase lookup."""
    return _SPACES.sub(" ", text.strip(_EDGE_JUNK)).casefold()


class _Entry(NamedTuple):
    group: str
    kind: str  # lines | patterns | contains
    text: str
    fix: Applicability | None


class LinePatternRule(PackRule):
    KEYS: ClassVar[frozenset[str]] = frozenset({"entries", "max-words"})
    ENTRY_KEYS: ClassVar[frozenset[str]] = frozenset({"entries"})
    DEFAULT_FIX = Applicability.SAFE

    class Options(NamedTuple):
        max_words: int = 0  # 0: the pack's value; lines with more words never match contains

    def load(self, spec: Mapping[str, Any], extensions: Sequence[Mapping[str, Any]]) -> None:
        self.lines: dict[str, _Entry] = {}
        self.patterns: list[tuple[re.Pattern[str], _Entry]] = []
        contains: list[tuple[str, _Entry]] = []
        self.max_words = self.integer(spec, "max-words", 12)
        defaults = {
            "lines": self.meta.fix,
            "patterns": self.meta.fix,
            "contains": Applicability.UNSAFE if self.meta.fix else None,
        }
        for part in (spec, *extensions):
            where = str(part.get("__file__", self.origin))
            for i, entry in enumerate(_as_list(part.get("entries"), f"{where}: entries")):
                at = f"{where}: entries[{i}]"
                if not isinstance(entry, dict):
                    raise PackError(f"{at}: expected a mapping")
                unknown = set(entry) - {"group", "lines", "patterns", "contains", "fix"}
                if unknown:
                    raise PackError(f"{at}: unknown key(s) {', '.join(sorted(unknown))}")
                kinds = [k for k in ("lines", "patterns", "contains") if k in entry]
                if not kinds:
                    raise PackError(f"{at}: needs lines, patterns or contains")
                group = str(entry.get("group", "other"))
                for kind in kinds:
                    fix = self.applicability(entry["fix"], at) if "fix" in entry else defaults[kind]
                    for item in _as_list(entry[kind], f"{at}.{kind}"):
                        if not isinstance(item, str) or not item.strip():
                            raise PackError(f"{at}.{kind}: entries must be non-empty strings")
                        self._add(_Entry(group, kind, item, fix), at, contains)
        self.contains = {line_key(t): e for t, e in contains}
        self.contains_re = (
            re.compile(
                r"(?<!\w)(?:"
                + "|".join(re.escape(k) for k in sorted(self.contains, key=len, reverse=True))
                + r")(?!\w)"
            )
            if self.contains
            else None
        )
        self.format(self.message, match="x", group="x", entry="x", kind="x")

    def _add(self, e: _Entry, at: str, contains: list[tuple[str, _Entry]]) -> None:
        if e.kind == "lines":
            key = line_key(e.text)
            if key in self.lines:
                raise PackError(f"{at}: duplicate line entry {e.text!r}")
            self.lines[key] = e
        elif e.kind == "patterns":
            flags = re.IGNORECASE | re.UNICODE
            self.patterns.append((compile_pattern(e.text, at, flags), e))
        else:
            contains.append((e.text, e))

    def match_line(self, text: str, max_words: int) -> _Entry | None:
        key = line_key(text)
        if not key:
            return None
        entry = self.lines.get(key)
        if entry is not None:
            return entry
        for pattern, e in self.patterns:
            if pattern.fullmatch(key):
                return e
        if self.contains_re is not None and key.count(" ") < max_words:
            m = self.contains_re.search(key)
            if m:
                return self.contains[m.group()]
        return None

    def check(self, doc: Document, options: Any) -> Iterator[Diagnostic]:
        max_words = options.max_words or self.max_words
        for line in doc.lines:
            if line.is_blank:
                continue
            entry = self.match_line(line.text, max_words)
            if entry is None:
                continue
            fix = None
            if entry.fix is not None:
                fix = Fix((remove_line(doc, line.number),), entry.fix, "remove the line")
            start = line.start + (len(line.text) - len(line.text.lstrip()))
            end = line.start + len(line.text.rstrip())
            yield self.report(
                doc,
                start,
                end,
                self.format(
                    self.message,
                    match=line.text.strip(),
                    group=entry.group,
                    entry=entry.text,
                    kind=entry.kind,
                ),
                fix=fix,
            )
