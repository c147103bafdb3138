"""``consistency``: one article should call one thing by one name.

The pack lists *groups* of interchangeable forms (``U.S.``, ``US``, ``USA`` ...)
and *house styles* (which form each style prefers). When an article uses two or
more forms of a group, every occurrence that differs from the target form is
reported; the target is the house style's form, or with ``house-style =
"majority"`` the form this article uses most (a style that says nothing about a
group falls back to the majority for it).

What is not counted:

* *neutral* forms (``United States``, ``America``, capital-city metonyms such as
  ``Washington``) are normal prose; they are data only, for readers and for
  corpus statistics, and never match;
* *exempt* patterns (``USA Today``, ``U.S. Open``, ``Chevron USA Inc``) are fixed
  names and hide the forms inside them;
* *headline* forms (``US``, ``UK`` without periods) are what AP-style headlines
  and subheads write: in a headline-like line (the first line, or a short line
  without closing punctuation) they are neither counted nor reported;
* an all-capital form in a line of capitals, or next to another word in
  capitals (``CONTACT US``), where it may be the word *us*.

Quoted speech (with ``quoted: skip``) counts when deciding whether the article
mixes forms, since the publisher transcribed it, but is never reported or
changed, and the majority form is taken from the article's own prose: a
speaker's words are not the article's house style.

:meth:`ConsistencyRule.form_counts` gives the per-document counts of the prose
that a corpus rule needs (the dominant form of each group per source).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, ClassVar, NamedTuple

from ..diagnostics import Applicability, Diagnostic, Edit, Fix
from ..document import Document
from ..rule import OptionError, parse_options
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

MAJORITY = "majority"
SCANS_AFTER = 20  # documents whose forms are found with one pattern before the scans
# first characters of the strings an exempt pattern's matches start with, at most: one
# fast scan each (a pattern that opens with a character class is screened instead)
_EXEMPT_HEADS = 16
GROUP_KEYS = frozenset({"id", "label", "forms", "neutral", "exempt", "headline"})

_CAPS_WORD = re.compile(r"[A-Z][A-Z'’]{3,}")
_LINE_END_PUNCT = '.!?…:;,"”’)]»'
HEADLINE_MAX_WORDS = 20


def _shouting(line: str) -> bool:
    """A line in capitals, where ``US`` may be the word "us"."""
    letters = [c for c in line if c.isalpha()]
    if len(letters) < 8:
        return False
    upper = sum(1 for c in letters if c.isupper())
    return upper >= 0.8 * len(letters)


def _caps_neighbour(line: str, start: int, end: int) -> bool:
    """Whether the word before or after ``line[start:end]`` is a word in capitals
    (``CONTACT US``, ``JOIN US``, ``US FALLS``): then the form may be *us*."""
    # the last word of line[:start] and the first of line[end:] (as rsplit/split
    # without arguments find them), without copying the rest of a long line
    k = start
    while k > 0 and line[k - 1].isspace():
        k -= 1
    j = k
    while j > 0 and not line[j - 1].isspace():
        j -= 1
    a = end
    n = len(line)
    while a < n and line[a].isspace():
        a += 1
    b = a
    while b < n and not line[b].isspace():
        b += 1
    words = [line[j:k], line[a:b]]
    return any(_CAPS_WORD.fullmatch(w.strip('.,;:!?|()[]"“”')) for w in words)


def headline_like(doc: Document, number: int) -> bool:
    """A line that stands alone as a paragraph and reads like a headline or subhead:
    short, starting with a capital and not ending like a sentence. (A line of a
    hard-wrapped paragraph is never one.)"""
    lines = doc.lines
    text = lines[number - 1].text.strip()
    if not text:
        return False
    if number > 1 and not lines[number - 2].is_blank:
        return False
    if number < len(lines) and not lines[number].is_blank:
        return False
    return (
        text[0].isupper()
        and len(text.split()) <= HEADLINE_MAX_WORDS
        and text[-1] not in _LINE_END_PUNCT
    )


# Words that open a sentence: "... to the U.S. The talks ..." ends one there, while
# "the U.S. Army" does not.
_SENTENCE_OPENERS = frozenset((
    "The", "A", "An", "He", "She", "It", "They", "We", "I", "You", "This", "That", "These",
    "Those", "There", "Then", "But", "And", "Or", "So", "In", "On", "At", "As", "If", "For",
    "After", "Before", "When", "While", "Its", "His", "Her", "Their", "Our", "Officials",
))  # fmt: skip
_NEXT_WORD = re.compile(r"(\s+)([\"“‘'(]?)([^\W\d_]*)")


def _ends_sentence(text: str, end: int) -> bool:
    """Whether the period just before ``end`` also ends the sentence."""
    if end >= len(text) or text[end] == "\n":
        return True
    m = _NEXT_WORD.match(text, end)
    if m is None:
        return False
    if "\n" in m.group(1) or len(m.group(1)) >= 2:
        return True  # a new line or two spaces
    return m.group(3) in _SENTENCE_OPENERS


# not inside a longer word, abbreviation, handle, hashtag, path or currency
def _form_pattern(forms: Sequence[str]) -> str:
    r"""One of ``forms`` (the longest first) standing on its own: not inside a word, a
    number, a URL or a handle. Each alternative opens with its first character and
    looks behind it from there (``U(?<![\w.$/@#&].)\.S\.``): the same matches as a
    leading look-behind, but the regex engine can skip to the possible first
    characters instead of trying every position of the text."""
    alternatives = [
        re.escape(f[0]) + r"(?<![\w.$/@#&].)" + re.escape(f[1:])
        for f in sorted(forms, key=len, reverse=True)
    ]
    return "(?:{})(?![\\w$&]|\\.\\w)".format("|".join(alternatives))


def _forms_trie(forms: Sequence[str]) -> str:
    """:func:`_form_pattern` of ``forms``, as a tree (fewer alternatives tried)."""
    heads: dict[str, list[str]] = {}
    for f in forms:
        heads.setdefault(f[0], []).append(f[1:])
    alternatives = [
        re.escape(c) + r"(?<![\w.$/@#&].)" + literal_trie(rest) for c, rest in heads.items()
    ]
    return "(?:{})(?![\\w$&]|\\.\\w)".format("|".join(alternatives))


def _forms_scans(forms: Sequence[str]) -> list[tuple[str, re.Pattern[str]]]:
    """Per first character ``c`` of ``forms``: a pattern that matches ``c`` where one of
    the forms starting with it stands on its own (as in :func:`_form_pattern`), and
    captures the rest of the longest such form."""
    heads: dict[str, list[str]] = {}
    for f in forms:
        heads.setdefault(f[0], []).append(f[1:])
    return [
        (
            c,
            re.compile(
                re.escape(c) + r"(?<![\w.$/@#&].)(?=(" + literal_trie(rests) + r")(?![\w$&]|\.\w))"
            ),
        )
        for c, rests in heads.items()
    ]


class _Group(NamedTuple):
    """One group of forms. Patterns are kept as source and compiled on first use
    (``re`` caches them): most articles use no form of most groups, and start-up
    should not pay for compiling what a document never needs."""

    id: str
    label: str
    forms: tuple[str, ...]
    pattern_source: str
    exempt_sources: tuple[str, ...] = ()
    neutral: tuple[str, ...] = ()
    headline: tuple[str, ...] = ()

    @property
    def pattern(self) -> re.Pattern[str]:
        return re.compile(self.pattern_source)

    @property
    def exempt(self) -> re.Pattern[str] | None:
        if not self.exempt_sources:
            return None
        return re.compile("|".join(f"(?:{e})" for e in self.exempt_sources))

    @property
    def exempt_patterns(self) -> tuple[re.Pattern[str], ...]:
        return tuple(re.compile(e) for e in self.exempt_sources)


class _Exempt(NamedTuple):
    """The exempt patterns of a group that can match in a text (see
    :meth:`ConsistencyRule._exempt_in`)."""

    pattern: re.Pattern[str]
    rest: re.Pattern[str] | None  # lookbehind_free(pattern)
    scan: PrefixScan | None  # finds where a match can start


def _screen_sets(source: str) -> list[tuple[str, ...]]:
    """Sets of strings that every match of ``source`` has one of (the best,
    :func:`required_literals`, and the others longer than one character: a single
    character is in nearly every text), those with the fewest strings first: each
    string is a search of the whole text, and one set missing rules the pattern out."""
    best = required_literals(source)
    sets = [
        strings
        for strings in required_literal_sets(source)
        if strings != best and min(map(len, strings)) > 1
    ]
    if best:
        sets.append(best)
    return sorted(sets, key=len)


class Occurrence(NamedTuple):
    """One counted use of a form."""

    form: str
    start: int
    end: int
    quoted: bool


class ConsistencyRule(PackRule):
    KEYS: ClassVar[frozenset[str]] = frozenset({"groups", "styles", "default-style"})
    ENTRY_KEYS: ClassVar[frozenset[str]] = frozenset({"groups", "styles"})
    DEFAULT_FIX = Applicability.UNSAFE

    class Options(NamedTuple):
        house_style: str = ""  # a style of the pack, or "majority"; "" = the pack's default
        groups: tuple[str, ...] = ()  # only these group ids ([] = all)
        # per source (url host, or a text file's directory): its own house style
        source_styles: dict[str, str] = {}  # noqa: RUF012 (never mutated)

    def load(self, spec: Mapping[str, Any], extensions: Sequence[Mapping[str, Any]]) -> None:
        self.groups: list[_Group] = []
        self.styles: dict[str, dict[str, str]] = {}
        self._where: dict[str, str] = {}
        self._any_form: re.Pattern[str] | None = None
        self._literal_forms: (
            tuple[list[tuple[str, re.Pattern[str]]], dict[str, frozenset[str]]] | None
        ) = None
        self._exempt_screens: dict[str, list[tuple[bool, list[tuple[str, ...]]]]] = {}
        self._exempt_patterns: dict[tuple[str, ...], _Exempt] = {}
        self._patterns: dict[str, re.Pattern[str]] = {}
        self._first_forms = 0  # documents whose forms were found with _forms_tree
        self._forms_tree: tuple[re.Pattern[str], dict[str, frozenset[str]]] | None = None
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
        self._group_of: dict[str, str] = {}
        for g in self.groups:
            for f in g.forms:
                other = self._group_of.setdefault(f, g.id)
                if other != g.id:
                    raise PackError(f"{self.origin}: form {f!r} is in groups {other} and {g.id}")
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
        unknown = set(g) - GROUP_KEYS
        if unknown:
            raise PackError(f"{at}: unknown key(s) {', '.join(sorted(unknown))}")
        forms = tuple(str(f) for f in _as_list(g.get("forms"), f"{at}.forms"))
        if len(forms) < 2 or len(set(forms)) != len(forms):
            raise PackError(f"{at}: a group needs two or more distinct forms")
        exempt_list = [str(e) for e in _as_list(g.get("exempt"), f"{at}.exempt")]
        if not all(e for e in exempt_list):
            raise PackError(f"{at}.exempt: patterns must be non-empty strings")
        self._where[str(g.get("id", ""))] = at
        headline = tuple(str(h) for h in _as_list(g.get("headline"), f"{at}.headline"))
        stray = [h for h in headline if h not in forms]
        if stray:
            raise PackError(f"{at}: headline form(s) {', '.join(stray)} are not forms of the group")
        return _Group(
            id=str(g.get("id", "")),
            label=str(g.get("label", g.get("id", ""))),
            forms=forms,
            pattern_source=_form_pattern(forms),
            exempt_sources=tuple(exempt_list),
            neutral=tuple(str(n) for n in _as_list(g.get("neutral"), f"{at}.neutral")),
            headline=headline,
        )

    def compile_all(self) -> None:
        """Compile every pattern now (a user's pack, or the test suite)."""
        for group in self.groups:
            at = self._where.get(group.id, self.origin)
            compile_pattern(group.pattern_source, at)
            for e in group.exempt_sources:
                compile_pattern(e, f"{at}.exempt")

    def _groups_used(self, text: str) -> set[str]:
        """Ids of the groups whose forms occur in ``text`` (one scan for all groups)."""
        if self._any_form is None:
            forms = [f for g in self.groups for f in g.forms]
            self._any_form = re.compile(_form_pattern(forms))
        return {self._group_of[m.group()] for m in self._any_form.finditer(text)}

    def forms_in(self, text: str) -> set[str]:
        """A superset of the forms that match their group's pattern in ``text``, from
        one scan per first character of the forms (:func:`_forms_scans`).

        Each scan consumes the first character and looks ahead for the rest, so it
        sees every position where a form starts; there it finds the longest form
        that matches (as its group's pattern would: same look-behind and
        look-ahead), and any other form matching there is a prefix of it. A pattern
        that opens with a literal character is searched with a fast character
        search; one alternation of every form opens with a choice of characters,
        which the regex engine tries at every position of the text (several times
        slower), but a one-file run compiles one pattern rather than a scan per
        character: the first documents use it (:func:`_forms_trie`, with the forms
        each match stands for, :func:`hidden_by`)."""
        if self._literal_forms is None and self._first_forms < SCANS_AFTER:
            # a one-file run: one pattern of every form, as a tree (compiling one
            # pattern costs less than compiling a scan per first character)
            self._first_forms += 1
            if self._forms_tree is None:
                forms = sorted({f for g in self.groups for f in g.forms}, key=len, reverse=True)
                self._forms_tree = (
                    re.compile(_forms_trie(forms)),
                    {m: hidden_by(m, forms, r"[\w.$/@#&]") for m in forms},
                )
            tree, hidden = self._forms_tree
            found: set[str] = set()
            for m in set(tree.findall(text)):
                found |= hidden[m]
            return found
        if self._literal_forms is None:
            forms = sorted({f for g in self.groups for f in g.forms})
            self._literal_forms = (
                _forms_scans(forms),
                {f: frozenset(g for g in forms if f.startswith(g)) for f in forms},
            )
        scans, reach = self._literal_forms
        out: set[str] = set()
        for c, pattern in scans:
            if c in text:
                for rest in set(pattern.findall(text)):
                    out |= reach[c + rest]
        return out

    def parse_options(self, raw: Mapping[str, Any] | None) -> Any:
        opts = parse_options(self.Options, raw or {}, self.meta.name)
        known = ", ".join([*sorted(self.styles), MAJORITY])
        for where, style in [("house-style", opts.house_style), *(
            (f"source-styles.{source}", s) for source, s in opts.source_styles.items()
        )]:  # fmt: skip
            if style and style != MAJORITY and style not in self.styles:
                raise OptionError(
                    f"rule {self.meta.name}: unknown {where} {style!r} (known: {known})"
                )
        known_groups = {g.id for g in self.groups}
        bad = [g for g in opts.groups if g not in known_groups]
        if bad:
            raise OptionError(f"rule {self.meta.name}: unknown group(s) {', '.join(bad)}")
        return opts

    # -- counting -----------------------------------------------------------------

    def occurrences(self, doc: Document, group: _Group) -> list[Occurrence]:
        """The counted uses of the group's forms, in text order (see the module doc)."""
        text = doc.text
        hits = list(self._compiled(group.pattern_source).finditer(text))
        if not hits:
            return []
        hidden = self._hidden(group, text)
        out: list[Occurrence] = []
        shouting: dict[int, bool] = {}  # line number -> _shouting(its text)
        for m in hits:
            s, e = m.span()
            form = m.group()
            if any(a <= s and e <= b for a, b in hidden):
                continue
            number = doc.position(s)[0]
            line = doc.lines[number - 1]
            if form.isalpha() and form.isupper():
                col = s - line.start
                loud = shouting.get(number)
                if loud is None:
                    loud = shouting[number] = _shouting(line.text)
                if loud or _caps_neighbour(line.text, col, col + len(form)):
                    continue
            if form in group.headline and headline_like(doc, number):
                continue
            out.append(Occurrence(form, s, e, doc.in_quotes(s, e)))
        return out

    def _compiled(self, source: str) -> re.Pattern[str]:
        """``re.compile(source)``, kept: ``re``'s own cache holds 512 patterns, and a
        run with many packs evicts these, which then cost a compile per use."""
        pattern = self._patterns.get(source)
        if pattern is None:
            pattern = self._patterns[source] = re.compile(source)
        return pattern

    def _hidden(self, group: _Group, text: str) -> list[tuple[int, int]]:
        """The spans of ``group.exempt.finditer(text)``, found faster."""
        exempt = self._exempt_in(group, text)
        if exempt is None:
            return []
        pattern, rest, scan = exempt
        if scan is None:
            return [m.span() for m in finditer(pattern, rest, text)]
        # tried only where one of the strings its matches start with is
        positions = [i for i, _ in scan.scan(text)]
        return [m.span() for m in matches_at(pattern, text, positions)]

    def _exempt_in(self, group: _Group, text: str) -> _Exempt | None:
        """``group.exempt`` without patterns that cannot match in ``text``, with its
        :func:`lookbehind_free` rest and a :class:`PrefixScan` of the strings its
        matches start with (or None). An alternative that matches nowhere never
        decides where the alternation matches, so the matches are the same.

        A pattern whose matches start with known strings is kept: the scan for
        those finds where the alternation can match, wherever they are. The others
        are left out when a string of a set that each of their matches contains is
        missing (:func:`required_literal_sets`; each such test is a search of the
        whole text). When a pattern without known first strings is left, every
        pattern is screened that way and the alternation is searched as a whole
        (``\\b[A-Z]...`` is tried at every capital). Only when the patterns have no
        groups (their numbers would change)."""
        if not group.exempt_sources:
            return None
        exempt = self._compiled("|".join(f"(?:{e})" for e in group.exempt_sources))
        screens = self._exempt_screens.get(group.id)
        if screens is None:
            screens = self._exempt_screens[group.id] = (
                [
                    (
                        prefix_literals(e, limit=256, heads=_EXEMPT_HEADS) is not None,
                        _screen_sets(e),
                    )
                    for e in group.exempt_sources
                ]
                if not exempt.groups
                else []
            )
        if not screens:
            return _Exempt(exempt, None, None)
        sources = group.exempt_sources
        kept = tuple(
            e
            for e, (scanned, sets) in zip(sources, screens, strict=True)
            if scanned or all(any(s in text for s in strings) for strings in sets)
        )
        if not kept:
            return None
        found = self._exempt_patterns.get(kept)
        if found is None:
            source = "|".join(f"(?:{e})" for e in kept)
            starts = prefix_literals(source, limit=256, heads=_EXEMPT_HEADS)
            pattern = re.compile(source)
            found = _Exempt(
                pattern, None if starts else lookbehind_free(pattern, kept),
                PrefixScan(starts) if starts else None,
            )  # fmt: skip
            if len(self._exempt_patterns) < 256:  # a few sets recur
                self._exempt_patterns[kept] = found
        if found.scan is not None:
            return found
        # screened one by one, searched as a whole
        kept = tuple(
            e
            for e, (_, sets) in zip(sources, screens, strict=True)
            if all(any(s in text for s in strings) for strings in sets)
        )
        if not kept:
            return None
        key = (*kept, "")  # (the entry of the whole search: "" is no pattern)
        found = self._exempt_patterns.get(key)
        if found is None:
            pattern = re.compile("|".join(f"(?:{e})" for e in kept))
            found = _Exempt(pattern, lookbehind_free(pattern, kept), None)
            if len(self._exempt_patterns) < 256:
                self._exempt_patterns[key] = found
        return found

    def form_counts(self, doc: Document, options: Any = None) -> dict[str, dict[str, int]]:
        """``{group id: {form: count}}`` of the article's own prose (quoted speech left
        out), for the groups this document uses: the key a corpus rule collects to
        find each source's dominant form."""
        wanted = options.groups if options is not None else ()
        out: dict[str, dict[str, int]] = {}
        used = self._groups_used(doc.text)
        for group in self.groups:
            if group.id not in used or (wanted and group.id not in wanted):
                continue
            counts = Counter(o.form for o in self.occurrences(doc, group) if not o.quoted)
            if counts:
                out[group.id] = dict(counts)
        return out

    def target_form(self, group: _Group, counts: Mapping[str, int], style: str) -> str:
        """The house style's form, else the most used one (ties: first in the pack)."""
        prefs = self.styles.get(style, {}) if style != MAJORITY else {}
        target = prefs.get(group.id)
        if target is None:
            target = max(group.forms, key=lambda f: (counts.get(f, 0), -group.forms.index(f)))
        return target

    # -- checking -----------------------------------------------------------------

    def check(self, doc: Document, options: Any) -> Iterator[Diagnostic]:
        text = doc.text
        present = self.forms_in(text)
        if len(present) < 2:
            return  # no group has two of its forms (every match is one of them)
        group_of = self._group_of
        mixed = [g for g, n in Counter(group_of[f] for f in present).items() if n > 1]
        if not mixed:
            return  # one form per group only: nothing to compare
        style = options.house_style or self.default_style
        if options.source_styles:
            from ..sources import source_of

            source = source_of(doc.metadata.get("source"), doc.path)
            style = options.source_styles.get(source.rstrip("/"), style)
        skip_quoted = self.meta.quoted == "skip"
        for group in self.groups:
            if group.id not in mixed:
                continue  # one form only: nothing to compare
            if options.groups and group.id not in options.groups:
                continue
            found = self.occurrences(doc, group)
            if len({o.form for o in found}) < 2:
                continue
            # quoted speech makes an article mixed, but the article's own prose decides
            # its majority form
            prose = Counter(o.form for o in found if not o.quoted)
            quoted = Counter(o.form for o in found if o.quoted)
            target = self.target_form(group, prose, style)
            forms = ", ".join(f"'{f}' ({prose[f]}x)" for f in group.forms if prose[f])
            if quoted:
                said = ", ".join(f"'{f}' ({quoted[f]}x)" for f in group.forms if quoted[f])
                forms = f"{forms} and, in quoted speech, {said}" if forms else said
            for o in found:
                if o.form == target or (o.quoted and skip_quoted):
                    continue
                yield self.report(
                    doc,
                    o.start,
                    o.end,
                    self.format(
                        self.message,
                        match=o.form,
                        forms=forms,
                        label=group.label,
                        style=style,
                        target=target,
                    ),
                    fix=self._fix(text, o, target),
                )

    def _fix(self, text: str, o: Occurrence, target: str) -> Fix | None:
        if self.meta.fix is None:
            return None
        start, end = o.start, o.end
        new = target
        following = text[end : end + 1]
        if target.endswith(".") and following == ".":
            end += 1  # "in the US." -> "in the U.S." (one period ends both)
        elif o.form.endswith(".") and not target.endswith(".") and _ends_sentence(text, end):
            new = target + "."  # the period also ended the sentence
        return Fix((Edit(start, end, new),), self.meta.fix, f"write {target!r}")
