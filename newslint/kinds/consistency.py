"""``consistency``: one article should call one thing by one name.

The pack lists *groups* of interchangeable forms (``U.S.``, ``US``, ``USA`` ...)
and *house styles* (which form each style prefers). When an article uses two or
more forms of a group, every occurrence that differs from the target form is
reported; the target is the house style's form, or with ``house-style =
"majority"`` the form this article uses most. *Neutral* forms (``United States``)
are normal prose and neither counted nor reported; *exempt* patterns
(``USA Today``, ``U.S. Open``) are fixed names and hide the forms inside them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, ClassVar, NamedTuple

from ..diagnostics import Applicability, Diagnostic, Edit, Fix
from ..document import Document
from ..rule import OptionError, parse_options
from .base import PackError, PackRule, _as_list, compile_pattern

MAJORITY = "majority"


def _shouting(line: str) -> bool:
    """A line in capitals, where ``US`` may be the word "us"."""
    letters = [c for c in line if c.isalpha()]
    if len(letters) < 8:
        return False
    upper = sum(1 for c in letters if c.isupper())
    return upper >= 0.8 * len(letters)


class _Group(NamedTuple):
    id: str
    label: str
    forms: tuple[str, ...]
    pattern: re.Pattern[str]
    exempt: re.Pattern[str] | None
    neutral: tuple[str, ...] = ()


class ConsistencyRule(PackRule):
    KEYS: ClassVar[frozenset[str]] = frozenset({"groups", "styles", "default-style"})
    ENTRY_KEYS: ClassVar[frozenset[str]] = frozenset({"groups", "styles"})
    DEFAULT_FIX = Applicability.UNSAFE

    class Options(NamedTuple):
        house_style: str = ""  # a style of the pack, or "majority"; "" = the pack's default
        groups: tuple[str, ...] = ()  # only these group ids ([] = all)

    def load(self, spec: Mapping[str, Any], extensions: Sequence[Mapping[str, Any]]) -> None:
        self.groups: list[_Group] = []
        self.styles: dict[str, dict[str, str]] = {}
        for part in (spec, *extensions):
            where = str(part.get("__file__", self.origin))
            styles = part.get("styles") or {}
            if not isinstance(styles, dict):
                raise PackError(f"{where}: styles must map a style name to group forms")
            for style, prefs in styles.items():
                if not isinstance(prefs, dict):
                    raise PackError(f"{where}: styles.{style} must map group ids to forms")
                self.styles.setdefault(str(style), {}).update(
                    {str(k): str(v) for k, v in prefs.items()}
                )
            for i, g in enumerate(_as_list(part.get("groups"), f"{where}: groups")):
                self.groups.append(self._group(g, f"{where}: groups[{i}]"))
        ids = [g.id for g in self.groups]
        dup = {i for i in ids if ids.count(i) > 1}
        if dup:
            raise PackError(f"{self.origin}: duplicate group id(s) {', '.join(sorted(dup))}")
        self.default_style = str(spec.get("default-style", MAJORITY))
        by_id = {g.id: g for g in self.groups}
        for style, prefs in self.styles.items():
            for gid, form in prefs.items():
                if gid not in by_id:
                    raise PackError(f"{self.origin}: style {style} names unknown group {gid}")
                if form not in by_id[gid].forms:
                    raise PackError(
                        f"{self.origin}: style {style} prefers {form!r}, "
                        f"which is not a form of group {gid}"
                    )
        if self.default_style != MAJORITY and self.default_style not in self.styles:
            raise PackError(f"{self.origin}: default-style {self.default_style} is not defined")
        self.format(self.message, match="x", forms="x", label="x", style="x", target="x")

    def _group(self, g: Any, at: str) -> _Group:
        if not isinstance(g, dict):
            raise PackError(f"{at}: expected a mapping")
        unknown = set(g) - {"id", "label", "forms", "neutral", "exempt"}
        if unknown:
            raise PackError(f"{at}: unknown key(s) {', '.join(sorted(unknown))}")
        forms = tuple(str(f) for f in _as_list(g.get("forms"), f"{at}.forms"))
        if len(forms) < 2 or len(set(forms)) != len(forms):
            raise PackError(f"{at}: a group needs two or more distinct forms")
        alternation = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
        # not inside a longer word, abbreviation, handle, hashtag, path or currency
        pattern = compile_pattern(rf"(?<![\w.$/@#&])(?:{alternation})(?![\w$&]|\.\w)", at)
        exempt_list = [str(e) for e in _as_list(g.get("exempt"), f"{at}.exempt")]
        for e in exempt_list:
            compile_pattern(e, at)
        exempt = (
            compile_pattern("|".join(f"(?:{e})" for e in exempt_list), at) if exempt_list else None
        )
        return _Group(
            id=str(g.get("id", "")),
            label=str(g.get("label", g.get("id", ""))),
            forms=forms,
            pattern=pattern,
            exempt=exempt,
            neutral=tuple(str(n) for n in _as_list(g.get("neutral"), f"{at}.neutral")),
        )

    def parse_options(self, raw: Mapping[str, Any] | None) -> Any:
        opts = parse_options(self.Options, raw or {}, self.meta.name)
        style = opts.house_style
        if style and style != MAJORITY and style not in self.styles:
            known = ", ".join([*sorted(self.styles), MAJORITY])
            raise OptionError(
                f"rule {self.meta.name}: unknown house-style {style!r} (known: {known})"
            )
        known_groups = {g.id for g in self.groups}
        bad = [g for g in opts.groups if g not in known_groups]
        if bad:
            raise OptionError(f"rule {self.meta.name}: unknown group(s) {', '.join(bad)}")
        return opts

    def check(self, doc: Document, options: Any) -> Iterator[Diagnostic]:
        text = doc.text
        style = options.house_style or self.default_style
        prefs = self.styles.get(style, {})
        for group in self.groups:
            if options.groups and group.id not in options.groups:
                continue
            hits = [m for m in group.pattern.finditer(text)]
            if not hits:
                continue
            hidden: list[tuple[int, int]] = []
            if group.exempt is not None:
                hidden = [(m.start(), m.end()) for m in group.exempt.finditer(text)]
            kept: list[re.Match[str]] = []
            for m in hits:
                s, e = m.span()
                if any(a <= s and e <= b for a, b in hidden):
                    continue
                if doc.in_quotes(s, e) and self.meta.quoted == "skip":
                    continue
                line = doc.lines[doc.position(s)[0] - 1].text
                if m.group().isalpha() and m.group().isupper() and _shouting(line):
                    continue
                kept.append(m)
            counts = Counter(m.group() for m in kept)
            if len(counts) < 2:
                continue
            target = prefs.get(group.id) if style != MAJORITY else None
            if target is None:
                # the most used form; ties go to the form listed first in the pack
                target = max(group.forms, key=lambda f: (counts[f], -group.forms.index(f)))
            forms = ", ".join(f"'{f}' ({counts[f]}x)" for f in group.forms if counts[f])
            for m in kept:
                if m.group() == target:
                    continue
                yield self.report(
                    doc,
                    m.start(),
                    m.end(),
                    self.format(
                        self.message,
                        match=m.group(),
                        forms=forms,
                        label=group.label,
                        style=style,
                        target=target,
                    ),
                    fix=self._fix(text, m, target),
                )

    def _fix(self, text: str, m: re.Match[str], target: str) -> Fix | None:
        if self.meta.fix is None:
            return None
        start, end = m.span()
        new = target
        following = text[end : end + 1]
        if target.endswith(".") and following == ".":
            end += 1  # "in the US." -> "in the U.S." (one period ends both)
        elif m.group().endswith(".") and not target.endswith("."):
            rest = text[end : end + 3]
            if not rest or rest[0] == "\n" or re.match(r"\s+[A-Z\"\u201c]", rest):
                new = target + "."  # the period also ended the sentence
        return Fix((Edit(start, end, new),), self.meta.fix, f"write {target!r}")
