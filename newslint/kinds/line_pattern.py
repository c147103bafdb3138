"""``line-pattern``: whole lines that match a phrase list (boilerplate, say).

Entries come in groups, each with exactly one of

* ``lines``: phrases that must be the whole line (after trimming bullets, case,
  spacing and trailing ``:``/``»``/``…``) - a hash lookup, safe removal by default;
* ``patterns``: regular expressions that must match the whole trimmed line
  (case-insensitive) - safe removal by default;
* ``contains``: phrases that occur somewhere in a short line - reported with an
  unsafe removal by default, because the line may carry more than the phrase.
  A group may set its own ``max-words`` (cookie notices are long sentences).

A line made of two or more ``lines`` entries in a row (``Terms of Service | Privacy
Notice``: menu items that lost their line breaks) counts as a whole-line match too.
A line entry that one pack file lists twice is an error; one that another pack
already has is skipped, so a pack of one's own keeps working when newslint ships
more phrases.

Lines longer than ``MAX_LINE`` characters are never matched: boilerplate lines
are short, and skipping article paragraphs early keeps the rule cheap. In
hard-wrapped text (wire copy), the pieces of a paragraph broken across lines are
not lines of their own and are not matched (``share.`` ending a sentence).

Start-up and speed: a pattern is compiled when a line first needs it, and a line
is tried only against the patterns that can start with its first character and
end with its last letters (both read from the pattern's text). ``contains``
phrases are looked for only in the lines of a text that holds one of a few
words every phrase has (``cookie``, chosen when first needed), tested once on
the whole case-folded text and then on the lines. Patterns of the
packs shipped with newslint are compiled by the test suite (:meth:`compile_all`);
those of other pack directories are compiled when the pack is loaded, so that a
bad expression stops the run with the file named.

From the 20th document of a run on, a text is first screened as a whole (see
:func:`build_screen`): one regular expression, searched from line break to line
break over the case-folded text, finds the lines that can start like a line
entry or a pattern, and the ``contains`` anchors and the pattern suffixes are
found with substring searches; only those lines are matched one by one. Most
texts have none, and are done after a few scans in C. The hard-wrap analysis is
asked for only when a line matched.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from itertools import repeat
from typing import Any, ClassVar, NamedTuple

from ..diagnostics import Applicability, Diagnostic, Fix
from ..document import Document
from ..spans import remove_line
from .base import PackError, PackRule, _as_list, compile_pattern

_EDGE_JUNK = " \t\u00a0\u2022\u00b7\u25aa\u25b8\u25ba\u203a\u00bb>|:\u2026.\u2013\u2014-*#"
_TOKEN = re.compile(r"\w+|[^\w\s]")
_WORD_TOKEN = re.compile(r"\w+")
MAX_LINE = 600
# Whole-line patterns are tried on short lines only: in the development data no
# line a pattern matched was longer than 120 characters, and skipping the long
# lines spares most articles the cost of compiling the pattern buckets at all.
PATTERN_MAX = 160
_FLAGS = re.IGNORECASE | re.UNICODE
_BACKREF = re.compile(r"\\[1-9]|\(\?P=|\\g<")
_ANY = re.compile(r"(?s).*")  # a bucket whose patterns must be tried one by one
_RUN_TOGETHER_WORDS = 12  # longest line tried as several line entries in a row
_ENTRY_WORDS = 6  # longest line entry, in words, tried in such a line
_ENTRY_KEYS = frozenset({"group", "lines", "patterns", "contains", "fix", "max-words"})


def line_key(text: str) -> str:
    """The form of a line used for exact phrase lookup."""
    return " ".join(text.strip(_EDGE_JUNK).split()).casefold()


# -- the whole-text screen ---------------------------------------------------------------
#
# Why it is exact (the property test in tests/test_speed_lines.py checks the same on
# random and real text). Let F = "\n" + text.casefold(). str.casefold works character
# by character and (checked for every code point by the tests) maps "\n", the other
# whitespace and the _EDGE_JUNK characters to themselves, never makes whitespace
# or a line break out of another character, never makes an _EDGE_JUNK character out of
# another one, and its output characters fold to themselves. So F has the document's
# line breaks, and each line L of the document appears in F as
#     P + K' + S
# where P and S consist of _EDGE_JUNK characters and whitespace other than "\n" and
# K' is line_key(L) with each of its single spaces standing for a run of whitespace.
# Then:
# * a line whose key is a line entry, or starts with one followed by a space (the
#   first item of several run together; junk-only separator words before it are
#   edge junk and whitespace), is found by "\n" + [junk or whitespace]* + the entry
#   with its spaces as [^\S\n]+, followed by a character that is not \w (junk,
#   whitespace and "\n" are not \w); entries longer than _SCREEN_DEPTH characters
#   are looked for by their first _SCREEN_DEPTH characters only;
# * a line whose key a pattern matches is found by "\n" + [junk or whitespace]* + a
#   prefix of the pattern rewritten by _forms: a literal space or a whitespace class
#   becomes [^\S\n]+ (or * when optional), an ASCII letter its lower case ("i" also
#   the dotless "ı", the one case-folded character that IGNORECASE takes for an ASCII
#   letter), another cased character (?i:c), a class that cannot match whitespace
#   itself; the rewriting stops, keeping what it has, at anything else (".", a class
#   holding a space, a lookaround ...). A pattern that leaves no prefix at all must
#   carry a literal suffix (the rule tries it only on keys ending with that suffix),
#   and the suffix's last space-free piece is looked for in F with a substring test;
#   if it has none, there is no screen and every line is matched as before;
# * a line whose key holds a ``contains`` phrase holds one of the anchors found in
#   the text, which are parts of words, so a substring search of F finds it.
# The lines found this way are matched exactly as before: findings are unchanged.

_SCREEN_AFTER = 20  # documents matched line by line before the screen is built
_LINE_MEMO = 4096  # lines whose match is remembered (then the memo starts again)
_SCREEN_DEPTH = 10  # characters of a line entry spelled out in the screen
_MAX_FORMS = 16
_SPACE_RUN = r"[^\S\n]+"
_SPACE_ANY = r"[^\S\n]*"


def _whitespace() -> str:
    """Every whitespace character but the line break (none lies above U+3000)."""
    return "".join(c for c in map(chr, range(0x3001)) if c.isspace() and c != "\n")


def _cased(ch: str) -> bool:
    return ch.lower() != ch or ch.upper() != ch


def _render(lit: str) -> str:
    out = []
    for ch in lit:
        if ch == " ":
            out.append(_SPACE_RUN)
        elif ch == "i":
            out.append("[iı]")  # IGNORECASE takes the dotless i for an i
        else:
            out.append(re.escape(ch))
    return "".join(out)


def _alternatives(forms: list[tuple[str, str]]) -> str:
    parts = sorted({_render(lit) + rest for lit, rest in forms})
    return parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"


def _concat(head: list[tuple[str, str]], tail: list[tuple[str, str]]) -> list[tuple[str, str]]:
    if len(head) * len(tail) > _MAX_FORMS:
        tail = [("", _alternatives(tail))]
        if len(head) > _MAX_FORMS:
            head = [("", _alternatives(head))]
    out = []
    for lit, rest in head:
        for lit2, rest2 in tail:
            if rest:
                out.append((lit, rest + _render(lit2) + rest2))
            else:
                out.append((lit + lit2, rest2))
    return out


def _spaces_only(items: list[Any], sre: Any) -> bool:
    """Whether every element can only match whitespace (in a key: one space)."""
    if not items:
        return False
    for op, av in items:
        if op is sre.LITERAL:
            if not chr(av).isspace():
                return False
        elif op is sre.IN:
            for iop, iav in av:
                if not (
                    (iop is sre.LITERAL and chr(iav).isspace())
                    or (iop is sre.CATEGORY and iav is sre.CATEGORY_SPACE)
                ):
                    return False
        else:
            return False
    return True


def _class(av: list[Any], sre: Any, spaces: str) -> str | None:
    """A character class that matches no whitespace, rewritten; None otherwise."""
    parts, cased = [], False
    for op, value in av:
        if op is sre.LITERAL:
            ch = chr(value)
            if ch.isspace():
                return None
            cased = cased or _cased(ch)
            parts.append(re.escape(ch))
        elif op is sre.RANGE:
            lo, hi = value
            if any(lo <= ord(c) <= hi for c in spaces):
                return None
            cased = cased or not (chr(lo) >= "0" and chr(hi) <= "9")
            parts.append(f"{re.escape(chr(lo))}-{re.escape(chr(hi))}")
        elif op is sre.CATEGORY and value is sre.CATEGORY_DIGIT:
            parts.append(r"\d")
        elif op is sre.CATEGORY and value is sre.CATEGORY_WORD:
            parts.append(r"\w")
        else:
            return None  # a negation, a whitespace or "not" category
    if len(parts) == 1 and parts[0] in (r"\d", r"\w"):
        return parts[0]
    text = "[" + "".join(parts) + "]"
    return f"(?i:{text})" if cased else text


def _item(op: Any, av: Any, sre: Any, spaces: str) -> tuple[list[tuple[str, str]], bool] | None:
    """The forms of one parsed element and whether they cover all of it; None: stop."""
    if op is sre.LITERAL:
        ch = chr(av)
        if ch.isspace():
            return [(" ", "")], True
        if ch.isascii():
            return [(ch.lower(), "")], True
        if not _cased(ch):
            return [(ch, "")], True
        return [("", f"(?i:{re.escape(ch)})")], True
    if op is sre.IN:
        cls = _class(av, sre, spaces)
        return None if cls is None else ([("", cls)], True)
    if op is sre.SUBPATTERN:
        _group, add_flags, del_flags, sub = av
        if add_flags or del_flags:
            return None
        return _sequence(list(sub), sre, spaces)
    if op is sre.BRANCH:
        forms: list[tuple[str, str]] = []
        complete = True
        for alternative in av[1]:
            got, whole = _sequence(list(alternative), sre, spaces)
            forms += got
            complete = complete and whole
        if ("", "") in forms:
            return [("", "")], False
        if len(forms) > _MAX_FORMS:
            forms = [("", _alternatives(forms))]
        return forms, complete
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
        lo, hi, sub = av
        items = list(sub)
        if _spaces_only(items, sre):
            return ([(" ", "")], True) if lo else ([("", _SPACE_ANY)], True)
        got, whole = _sequence(items, sre, spaces)
        if not whole:
            return (got, False) if lo else None
        if lo == hi == 1:
            return got, True
        bound = "" if hi is sre.MAXREPEAT else str(hi)
        one = _alternatives(got)
        single = one in (r"\d", r"\w") or (one.startswith("[") and one.endswith("]"))
        if len(one) != 1 and not single:
            one = f"(?:{one})"
        return [("", f"{one}{{{lo},{bound}}}")], True
    return None  # ".", an anchor, a lookaround, a back-reference ...


def _letters(rest: str) -> int:
    """Roughly, the plain characters an expression spells out (how selective it is)."""
    return len(re.sub(r"\\.|\[[^\]]*\]|\(\?i:|[(){},?*+|!=0-9]", "", rest))


def _sequence(items: list[Any], sre: Any, spaces: str) -> tuple[list[tuple[str, str]], bool]:
    """The forms of a sequence; they stop (incomplete) where the rewriting stops, or
    once every form is long enough to tell lines apart (a shorter screen compiles
    faster and finds a few more lines, which are then matched exactly)."""
    forms = [("", "")]
    for n, (op, av) in enumerate(items):
        if n and all(len(lit) + _letters(rest) >= _SCREEN_DEPTH for lit, rest in forms):
            return forms, False
        got = _item(op, av, sre, spaces)
        if got is None:
            return forms, False
        forms = _concat(forms, got[0])
        if not got[1]:
            return forms, False
    return forms, True


def pattern_forms(pattern: str, spaces: str) -> list[tuple[str, str]] | None:
    """``(literal, rest)`` pairs, one of which starts the case-folded form of every line
    whose key ``pattern`` matches (after edge junk); ``literal`` is plain text whose
    spaces stand for whitespace runs, ``rest`` a regular expression. None when the
    pattern constrains nothing that way."""
    try:
        from re import _parser as sre  # type: ignore[attr-defined]
    except ImportError:  # pragma: no cover - before Python 3.11
        import sre_parse as sre
    try:
        parsed = sre.parse(pattern, _FLAGS)
    except Exception:  # no screen rather than a crash
        return None
    forms, _ = _sequence(list(parsed), sre, spaces)
    return None if ("", "") in forms else forms


# the first element of an expression (compiled, and cached by re, when a screen is built)
_FIRST_ATOM = r"\\[dw]|\(\?i:(?:\[[^\]]*\]|\\.|[^\\()])\)|\[[^\]]*\]"


def _starts_clear(rest: str, edge: str) -> bool:
    """Whether an expression of :func:`pattern_forms` starts with a character class
    (or a single character) that matches no junk or whitespace."""
    m = re.match(_FIRST_ATOM, rest)
    if m is None:
        return False
    atom = re.compile(m.group())
    return not any(atom.fullmatch(c) for c in edge)


class Screen(NamedTuple):
    """What :func:`build_screen` found: the line-start expression and the suffix pieces."""

    lines: re.Pattern[str]
    suffixes: tuple[str, ...]


def build_screen(
    keys: Sequence[str], patterns: Sequence[tuple[str, str]], depth: int = _SCREEN_DEPTH
) -> Screen | None:
    """The whole-text screen for line entries ``keys`` and ``(pattern, suffix)`` pairs
    (see the comment above); None when some pattern cannot be screened."""
    spaces = _whitespace()
    edge = _EDGE_JUNK + spaces
    trie: dict[str, Any] = {}
    rests: set[str] = set()  # forms that start with an expression
    suffixes: set[str] = set()

    def insert(lit: str, tail: str) -> None:
        # the screen skips all the edge junk and whitespace a line starts with (and
        # does not give any of it back): so does the literal
        lit = lit.lstrip(edge)
        if not lit:
            rests.add(tail)
            return
        node = trie
        for ch in lit:
            node = node.setdefault(ch, {})
        node.setdefault("", set()).add(tail)

    for key in keys:
        insert(key[:depth], r"(?!\w)" if len(key) <= depth else "")
    for pattern, suffix in patterns:
        forms = pattern_forms(pattern, spaces)
        if forms is None:
            piece = suffix.rsplit(" ", 1)[-1]
            if not piece:
                return None
            suffixes.add(piece)
            continue
        for lit, rest in forms:
            insert(lit, rest)

    def emit(node: dict[str, Any]) -> str:
        ends = node.get("", set())
        if "" in ends:
            return ""  # any line that gets here
        alternatives = [_render(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        alternatives += sorted(ends)
        if len(alternatives) == 1:
            return alternatives[0]
        return "(?:" + "|".join(alternatives) + ")"

    if "" in rests or "" in trie.get("", ()):
        return None  # some line entry or pattern would take any line
    junk = "[" + re.escape("".join(sorted(set(edge)))) + "]"
    # all the junk a line starts with, never given back: a lookahead and its capture
    # make a run that is not backtracked into (a possessive *+, which Python 3.10
    # lacks), so the alternatives are not tried inside the indentation of each line;
    # the forms that start with an expression that might match junk are tried after
    # any amount of it
    safe = [r for r in rests if _starts_clear(r, edge)]
    loose = sorted(rests - set(safe))
    # one alternation whose alternatives each start with a character or a class:
    # the regex engine skips those that cannot start at a line quickly
    alternatives = [_render(ch) + emit(child) for ch, child in sorted(trie.items()) if ch]
    alternatives += sorted(trie.get("", ()))
    by_atom: dict[str, list[str]] = {}
    for rest in safe:
        atom = re.match(_FIRST_ATOM, rest).group()  # type: ignore[union-attr]
        tail = rest[len(atom) :]
        if tail.startswith("{1,}"):
            tail = atom + "{0,}" + tail[4:]
        elif tail[:1] in ("{", "*", "+", "?"):
            alternatives.append(rest)
            continue
        by_atom.setdefault(atom, []).append(tail)
    for atom, tails in sorted(by_atom.items()):
        alternatives.append(atom + ("" if "" in tails else f"(?:{'|'.join(sorted(tails))})"))
    branches = [f"(?=({junk}*))\\1(?:{'|'.join(alternatives)})"]
    if loose:
        branches.append(f"{junk}*(?:{'|'.join(loose)})")
    body = "|".join(branches)
    return Screen(re.compile(rf"\n(?:{body})"), _cover(suffixes))


def _cover(pieces: set[str], shortest: int = 5) -> tuple[str, ...]:
    """Fewer strings, each a part of some of ``pieces``, one of which every piece holds
    (``reserv`` for ``reserved`` and ``reservados``): fewer scans of each text."""
    todo = set(pieces)
    chosen: list[str] = []
    while todo:
        candidates = {
            p[i : i + n] for p in todo for n in range(min(shortest, len(p)), len(p) + 1)
            for i in range(len(p) - n + 1)
        }  # fmt: skip
        best = max(sorted(candidates), key=lambda c: (sum(c in p for p in todo), len(c)))
        chosen.append(best)
        todo = {p for p in todo if best not in p}
    return tuple(sorted(chosen))


_SPECIAL = frozenset("\\[](){}.*+?|^$")
_ESCAPED_LITERAL = frozenset("()[]{}.*+?|^$\\-/:#&'\" ")


def _split_top(pattern: str) -> list[str] | None:
    """The top-level alternatives of a pattern; None if its brackets do not balance."""
    parts, depth, start, i, n = [], 0, 0, 0, len(pattern)
    while i < n:
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            close = pattern.find("]", i + 2)  # "[]...]" and "[^]...]" hold a literal ]
            if close < 0:
                return None
            i = close + 1
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth < 0:
                return None
        elif c == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
        i += 1
    if depth:
        return None
    parts.append(pattern[start:])
    return parts


def _group_end(pattern: str) -> int:
    """Index of the ``)`` that closes the group opened at index 0 (-1 if none)."""
    depth, i = 0, 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            close = pattern.find("]", i + 2)
            if close < 0:
                return -1
            i = close + 1
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return -1


def first_chars(pattern: str) -> frozenset[str] | None:
    """The (lower-case) characters a match of ``pattern`` can start with.

    Read from the pattern's text for the common shapes (a literal, an escaped
    literal, ``\\d``, a group of alternatives); None when it cannot tell, and the
    pattern is then tried on every line.
    """
    alternatives = _split_top(pattern)
    if alternatives is None:
        return None
    out: set[str] = set()
    for alt in alternatives:
        chars = _first_of_sequence(alt)
        if chars is None:
            return None
        out |= chars
    return frozenset(out)


def _first_of_sequence(p: str) -> set[str] | None:
    if not p:
        return None
    c = p[0]
    if c == "(":
        end = _group_end(p)
        if end < 0 or p[end + 1 : end + 2] in ("?", "*", "{"):
            return None
        inner = p[1:end]
        if inner.startswith("?:"):
            inner = inner[2:]
        elif inner.startswith("?"):
            return None  # lookaround, named group, inline flags
        found = first_chars(inner)
        return set(found) if found is not None else None
    if c == "\\":
        nxt = p[1:2]
        if nxt == "d":
            chars = set("0123456789")
        elif nxt in _ESCAPED_LITERAL and nxt:
            chars = {nxt}
        else:
            return None
        rest = p[2:]
    elif c in _SPECIAL:
        return None
    else:
        chars = {c}
        rest = p[1:]
    if rest[:1] in ("?", "*") or rest.startswith(("{0", "{,")):
        return None  # the first item is optional
    return {x.lower() for x in chars} | {x.casefold()[:1] for x in chars}


def literal_suffix(pattern: str) -> str:
    """Plain characters every match of ``pattern`` ends with (case-folded), or ``""``."""
    alternatives = _split_top(pattern)
    if alternatives is None or len(alternatives) != 1:
        return ""
    i = len(pattern)
    while i > 0 and pattern[i - 1] not in _SPECIAL:
        i -= 1
    if i > 0 and pattern[i - 1] == "\\":
        i += 1  # the first character of the run is escaped
    return pattern[i:].casefold() if len(pattern) - i >= 4 else ""


def _sentence_end(texts: list[str], i: int) -> bool:
    """``share.`` after ``... 10 cts per``: the end of a sentence broken across lines
    (``texts``: the lines' texts)."""
    text = texts[i].strip()
    if not (text[:1].islower() and text.endswith(".")) or i == 0:
        return False
    before = texts[i - 1].rstrip()  # (a blank line above: empty, so False)
    return before[-1:].isalnum() or before[-1:] == ","


def _is_builtin(where: str) -> bool:
    from ..packs import builtin_pack_dir

    return where.startswith(str(builtin_pack_dir()))


class _Pattern(NamedTuple):
    text: str
    suffix: str  # a fast pre-check: the key must end with it


class _Entry(NamedTuple):
    group: str
    kind: str  # lines | patterns | contains
    text: str
    fix: Applicability | None
    max_words: int = 0  # contains only: the group's limit (0: the rule's)


@functools.cache
def _layout_functions() -> tuple[
    Callable[[Document], list[bool] | None], Callable[[Document], list[int] | None]
]:
    """The layout functions the check shares with the layout rules (imported on first
    use: the rules package imports this module)."""
    from ..checks._layout import joins_of, standalone_lines

    return joins_of, standalone_lines


class LinePatternRule(PackRule):
    KEYS: ClassVar[frozenset[str]] = frozenset({"entries", "max-words"})
    ENTRY_KEYS: ClassVar[frozenset[str]] = frozenset({"entries"})
    DEFAULT_FIX = Applicability.SAFE

    class Options(NamedTuple):
        max_words: int = 0  # 0: the pack's value; lines with more words never match contains

    def load(self, spec: Mapping[str, Any], extensions: Sequence[Mapping[str, Any]]) -> None:
        self.lines: dict[str, _Entry] = {}
        self._line_files: dict[str, str] = {}  # where each line entry was defined
        self.patterns: list[tuple[_Pattern, _Entry]] = []
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
                unknown = set(entry) - _ENTRY_KEYS
                if unknown:
                    raise PackError(f"{at}: unknown key(s) {', '.join(sorted(unknown))}")
                kinds = [k for k in ("lines", "patterns", "contains") if k in entry]
                if not kinds:
                    raise PackError(f"{at}: needs lines, patterns or contains")
                group = str(entry.get("group", "other"))
                limit = entry.get("max-words", 0)
                if not isinstance(limit, int) or isinstance(limit, bool) or limit < 0:
                    raise PackError(f"{at}: max-words must be a non-negative integer")
                for kind in kinds:
                    fix = self.applicability(entry["fix"], at) if "fix" in entry else defaults[kind]
                    for item in _as_list(entry[kind], f"{at}.{kind}"):
                        if not isinstance(item, str) or not item.strip():
                            raise PackError(f"{at}.{kind}: entries must be non-empty strings")
                        self._add(_Entry(group, kind, item, fix, limit), at, contains)
        self.contains = {line_key(t): e for t, e in contains}
        # phrases as token sequences: matched by lookups, no big alternation to compile
        self._contains_tokens = {" ".join(_TOKEN.findall(k)): e for k, e in self.contains.items()}
        self._contains_lengths = sorted(
            {len(_TOKEN.findall(k)) for k in self.contains}, reverse=True
        )
        # first token of a phrase -> the phrase lengths (in tokens) starting with it, longest first
        starts: dict[str, set[int]] = {}
        for k in self._contains_tokens:
            first, *rest = k.split(" ")
            starts.setdefault(first, set()).add(len(rest) + 1)
        self._contains_starts = {t: sorted(n, reverse=True) for t, n in starts.items()}
        self._anchors: tuple[str, ...] | None = None  # see _contains_anchors
        self._checked = 0  # documents checked: the screen is built from the 20th on
        self._screen: Screen | bool | None = False  # False: not built yet
        self._screened = 0  # texts screened with the quick anchors
        self._quick_anchors: tuple[str, ...] | None = None
        self._line_memo: dict[tuple[str, int], _Entry | None] = {}  # see _match_line
        self._listed = 0  # calls of matched_lines (it screens from the 20th on)
        # first character of a line -> the patterns that can match it
        self.by_first: dict[str, list[tuple[_Pattern, _Entry]]] = {}
        self.anywhere: list[tuple[_Pattern, _Entry]] = []
        for pattern, e in self.patterns:
            chars = first_chars(pattern.text)
            if chars is None:
                self.anywhere.append((pattern, e))
            else:
                for c in chars:
                    self.by_first.setdefault(c, []).append((pattern, e))
        self.suffixes = tuple({p.suffix for p, _ in self.anywhere if p.suffix})
        self.unanchored = any(not p.suffix for p, _ in self.anywhere)
        self._compiled: dict[str, re.Pattern[str]] = {}
        self._buckets: dict[str, re.Pattern[str] | None] = {}
        self.max_key = max((len(k) for k in self.lines), default=0)
        self._first_words = frozenset(k.split(" ", 1)[0] for k in self.lines)
        self._entry_words = frozenset(w for k in self.lines for w in k.split(" "))
        self.contains_max = max((e.max_words for e in self.contains.values()), default=0)
        self.format(self.message, match="x", group="x", entry="x", kind="x")

    def _add(self, e: _Entry, at: str, contains: list[tuple[str, _Entry]]) -> None:
        if e.kind == "lines":
            key = line_key(e.text)
            where = at.rsplit(": entries[", 1)[0]  # the pack file
            if key in self.lines:
                if self._line_files[key] == where:
                    raise PackError(f"{at}: duplicate line entry {e.text!r}")
                return  # another pack has it already (a newer built-in phrase, say)
            self.lines[key] = e
            self._line_files[key] = where
        elif e.kind == "patterns":
            if not _is_builtin(at):
                compile_pattern(e.text, at, _FLAGS)  # a bad pattern stops the run here
            self.patterns.append((_Pattern(e.text, literal_suffix(e.text)), e))
        else:
            contains.append((e.text, e))

    def _run_together(self, key: str) -> _Entry | None:
        """Two or more line entries in one line (``Terms of Service | Privacy Notice``)."""
        if key.partition(" ")[0] not in self._first_words:
            return None  # the cheap test first: most lines start with no line entry's word
        words = key.split(" ")
        n = len(words)
        if n < 2 or n > _RUN_TOGETHER_WORDS:
            return None
        known = self._entry_words
        for word in words:  # each word belongs to an entry or separates two
            if word not in known and word.strip(_EDGE_JUNK):
                return None  # ("about 800 mln dlrs": cheaper than the search below)
        # parts[i]: the entries that make up the first i words, or None
        parts: list[list[_Entry] | None] = [[]] + [None] * n
        for i in range(1, n + 1):
            if not words[i - 1].strip(_EDGE_JUNK):
                parts[i] = parts[i - 1]  # a separator between two items
                continue
            for j in range(max(0, i - _ENTRY_WORDS), i):
                before = parts[j]
                if before is None:
                    continue
                entry = self.lines.get(" ".join(words[j:i]))
                if entry is not None:
                    parts[i] = [*before, entry]
                    break
        found = parts[n]
        if not found or len(found) < 2:
            return None
        fixes = [e.fix for e in found]
        fix = None if None in fixes else max(fixes, key=lambda f: f.rank if f else 0)
        return _Entry(found[0].group, "lines", " + ".join(e.text for e in found), fix)

    def compile(self, pattern: str) -> re.Pattern[str]:
        """The compiled form of one of the rule's patterns (compiled once, on first use)."""
        compiled = self._compiled.get(pattern)
        if compiled is None:
            where = next((e.text for p, e in self.patterns if p.text == pattern), pattern)
            compiled = compile_pattern(pattern, f"{self.origin}: pattern {where!r}", _FLAGS)
            self._compiled[pattern] = compiled
        return compiled

    def _bucket(self, first: str) -> re.Pattern[str] | None:
        """One expression for all patterns a line starting with ``first`` may match."""
        patterns = [p.text for p, _ in self.by_first.get(first, ())]
        if not patterns:
            return None
        if len(patterns) == 1:
            return self.compile(patterns[0])
        if any(_BACKREF.search(p) for p in patterns):
            return _ANY  # try them one by one
        try:
            return re.compile("|".join(f"(?:{p})" for p in patterns), _FLAGS)
        except re.error:  # inline flags in one of them, say
            return _ANY

    def compile_all(self) -> None:
        """Compile every pattern now (the test suite does, for the shipped packs)."""
        for pattern, _ in self.patterns:
            self.compile(pattern.text)

    def _contains_anchors(self) -> tuple[str, ...]:
        """Words (parts of words) one of which every ``contains`` phrase has: a text
        without any of them cannot hold a phrase (``cookie`` covers most cookie
        notices). For the first documents of a run, each phrase's longest word
        (0.2 ms to find); from the 20th on, a smaller set chosen greedily, longer
        words first (~5 ms once: worth it over a corpus, not for one file)."""
        if self._anchors is not None:
            return self._anchors
        self._screened += 1
        if self._screened < 20 and self._quick_anchors is not None:
            return self._quick_anchors
        phrases = [set(_WORD_TOKEN.findall(k)) or set(k.split(" ")) for k in self._contains_tokens]
        if self._screened < 20:
            longest = {max(sorted(words), key=len) for words in phrases}
            # an anchor that holds another one is covered by it
            self._quick_anchors = tuple(
                sorted(a for a in longest if not any(b != a and b in a for b in longest))
            )
            return self._quick_anchors
        anchors: list[str] = []
        todo = list(range(len(phrases)))
        while todo:
            candidates = sorted(
                {t for i in todo for t in ([w for w in phrases[i] if len(w) >= 5] or
                                           [max(phrases[i], key=len)])}
            )  # fmt: skip
            best = max(
                candidates,
                key=lambda c: (sum(any(c in w for w in phrases[i]) for i in todo), len(c)),
            )
            anchors.append(best)
            todo = [i for i in todo if not any(best in w for w in phrases[i])]
        self._anchors = tuple(anchors)
        return self._anchors

    def _anchors_in(self, text: str, folded: str | None = None) -> tuple[str, ...]:
        """The anchors that occur in ``text`` (case-folded; ``folded`` if given): a line
        key holds a ``contains`` phrase only if it holds one of them. Casefolding works
        character by character, so an anchor in a line's key is in the folded text too."""
        if not self.contains:
            return ()
        if folded is None:
            folded = text.casefold()
        return tuple(a for a in self._contains_anchors() if a in folded)

    def screen(self) -> Screen | None:
        """The whole-text screen (see :func:`build_screen`), built on first use."""
        if self._screen is False:
            self._screen = build_screen(
                list(self.lines), [(p.text, p.suffix) for p, _ in self.patterns]
            )
        assert self._screen is not True
        return self._screen

    def _rows(
        self,
        folded: str,
        screen: Screen,
        first: re.Match[str] | None,
        suffixes: list[str],
        anchors: tuple[str, ...],
    ) -> list[tuple[int, bool]]:
        """The lines that can match, in order (``folded``: a line break + the case-folded
        text; ``first``: the screen's first match in it; ``suffixes`` and ``anchors``:
        the pieces it holds), as (index, whether anything but a ``contains`` phrase can
        match it); every other line is proven not to match (see build_screen)."""
        starts: list[tuple[int, bool]] = []
        if first is not None:
            starts.append((first.start() + 1, True))
            starts += [(m.start() + 1, True) for m in screen.lines.finditer(folded, first.end())]
        find = folded.find
        for pieces, full in ((suffixes, True), (anchors, False)):
            for piece in pieces:
                at = find(piece)
                while at != -1:
                    starts.append((at, full))
                    end = find("\n", at)
                    if end == -1:
                        break
                    at = find(piece, end)
        rows: list[tuple[int, bool]] = []
        count = folded.count
        seen, row = 0, -1  # row of position `seen`
        for at, full in sorted(starts):
            row += count("\n", seen, at)
            seen = at
            if rows and rows[-1][0] == row:
                if full:
                    rows[-1] = (row, True)
            else:
                rows.append((row, full))
        return rows

    def _contained(self, key: str) -> Iterator[_Entry]:
        """Entries whose phrase occurs in ``key`` on token boundaries, left to right,
        the longest first at each position."""
        tokens = _TOKEN.findall(key)
        starts = self._contains_starts
        if starts.keys().isdisjoint(tokens):
            return  # no phrase starts anywhere in the line (most lines)
        count = len(tokens)
        for i, token in enumerate(tokens):
            lengths = starts.get(token)
            if lengths is None:
                continue
            for n in lengths:
                if i + n <= count:
                    entry = self._contains_tokens.get(" ".join(tokens[i : i + n]))
                    if entry is not None:
                        yield entry

    def _match_patterns(self, key: str) -> _Entry | None:
        first = key[0]
        if first in self._buckets:
            bucket = self._buckets[first]
        else:
            bucket = self._buckets[first] = self._bucket(first)
        if bucket is not None and bucket.fullmatch(key):
            for pattern, e in self.by_first[first]:
                if self.compile(pattern.text).fullmatch(key):
                    return e
        if self.anywhere and (self.unanchored or key.endswith(self.suffixes)):
            for pattern, e in self.anywhere:
                if pattern.suffix and not key.endswith(pattern.suffix):
                    continue
                if self.compile(pattern.text).fullmatch(key):
                    return e
        return None

    def match_line(self, text: str, max_words: int) -> _Entry | None:
        return self._match_line(text, max_words, self._anchors_in(text))

    def matched_lines(self, lines: Sequence[str], max_words: int) -> list[int]:
        """The indexes of the ``lines`` that :meth:`match_line` matches, in order.

        ``lines`` must hold no line break. They are screened as one text (see
        :func:`build_screen`): most lines of running text are proven not to match
        without being looked at one by one (from the 20th call on: the screen takes
        tens of milliseconds to build, more than a few documents cost)."""
        self._listed += 1
        screen = self._screen
        if screen is False and self._listed >= _SCREEN_AFTER:
            screen = self.screen()
        if not isinstance(screen, Screen):
            return [i for i, t in enumerate(lines) if self.match_line(t, max_words) is not None]
        text = "\n".join(lines)
        folded = "\n" + text.casefold()
        anchors = self._anchors_in(text, folded) if self.contains else ()
        first = screen.lines.search(folded)
        suffixes = [piece for piece in screen.suffixes if piece in folded]
        if first is None and not anchors and not suffixes:
            return []
        match = self._match_line
        return [
            i
            for i, full in self._rows(folded, screen, first, suffixes, anchors)
            if match(lines[i], max_words, anchors, full) is not None
        ]

    def _match_line(
        self, text: str, max_words: int, anchors: tuple[str, ...], full: bool = True
    ) -> _Entry | None:
        """The entry ``text`` matches; ``contains`` phrases are looked for only when
        the line holds one of ``anchors`` (see :meth:`_anchors_in`). ``full=False``:
        only they, for a line the screen proved no line entry or pattern matches.

        Lines recur (`Reuter` under every wire story, a site's menu on each of its
        pages), so full matches are remembered per line text (a bounded memo). The
        result does not depend on ``anchors``: they are all the anchors the line can
        hold, and any more are not in its key."""
        if not full:
            return self._match(text, max_words, anchors, False)
        memo = self._line_memo
        try:
            return memo[text, max_words]
        except KeyError:
            pass
        entry = self._match(text, max_words, anchors, True)
        if len(memo) >= _LINE_MEMO:
            memo.clear()  # bounded: memory stays flat over any corpus
        memo[text, max_words] = entry
        return entry

    def _match(
        self, text: str, max_words: int, anchors: tuple[str, ...], full: bool
    ) -> _Entry | None:
        """:meth:`_match_line`, without the memo."""
        if len(text) > MAX_LINE:
            return None
        key = line_key(text)
        if not key:
            return None
        if not full:
            return self._match_contains(key, max_words, anchors)
        if len(key) <= self.max_key:
            entry = self.lines.get(key)
            if entry is not None:
                return entry
        if " " in key and len(key) <= 3 * self.max_key:
            entry = self._run_together(key)
            if entry is not None:
                return entry
        if len(key) <= PATTERN_MAX:
            entry = self._match_patterns(key)
            if entry is not None:
                return entry
        return self._match_contains(key, max_words, anchors)

    def _match_contains(self, key: str, max_words: int, anchors: tuple[str, ...]) -> _Entry | None:
        for anchor in anchors:
            if anchor not in key:
                continue
            spaces = key.count(" ")
            if spaces < max_words or spaces < self.contains_max:
                for e in self._contained(key):
                    if spaces < (e.max_words or max_words):
                        return e
            break
        return None

    def check(self, doc: Document, options: Any) -> Iterator[Diagnostic]:
        joins_of, standalone_lines = _layout_functions()
        text = doc.text
        self._checked += 1
        screen = self._screen
        if screen is False and self._checked >= _SCREEN_AFTER:
            screen = self.screen()
        alone = standalone_lines(doc) if "\n" in text else None
        if alone is not None:
            # hard-wrapped text (wire copy): a line that runs on into the next, or is run
            # on into, is never matched, so only the lines that stand alone are tried
            # (the layout rules have found them already); matched in full, all anchors
            anchors = self._contains_anchors() if self.contains else ()
            rows: Iterable[tuple[int, bool]] = zip(alone, repeat(True))
            joins, joined = None, True  # (rows hold no piece of a joined paragraph)
        elif isinstance(screen, Screen):
            # the common case, kept short: a few scans of the text, most texts end here
            folded = "\n" + text.casefold()
            anchors = self._anchors_in(text, folded) if self.contains else ()
            first = screen.lines.search(folded)
            suffixes = [piece for piece in screen.suffixes if piece in folded]
            if first is None and not anchors and not suffixes:
                return
            rows = self._rows(folded, screen, first, suffixes, anchors)
            joins, joined = None, False  # asked for when a line first matches
        else:
            # the first documents of a run (a one-file run compiles no screen)
            anchors = self._anchors_in(text)  # most texts hold no contains phrase at all
            rows = ((i, True) for i in range(len(doc.lines)))
            joins, joined = joins_of(doc), True  # then skip the wrapped lines first
        max_words = options.max_words or self.max_words
        texts = doc.line_texts
        match = self._match_line
        for i, full in rows:
            text = texts[i]
            stripped = text.strip()
            if not stripped:
                continue
            if joined and joins is not None and (joins[i] or (i > 0 and joins[i - 1])):
                continue  # a piece of a hard-wrapped paragraph, not a line of its own
            entry = match(text, max_words, anchors, full)
            if entry is None:
                continue
            if not joined:
                joins, joined = joins_of(doc), True  # None unless the text is hard-wrapped
                if joins is not None and (joins[i] or (i > 0 and joins[i - 1])):
                    continue
            if _sentence_end(texts, i):
                continue
            fix = None
            if entry.fix is not None:
                fix = Fix((remove_line(doc, i + 1),), entry.fix, "remove the line")
            start = doc.line_starts[i] + (len(text) - len(text.lstrip()))
            yield self.report(
                doc,
                start,
                start + len(stripped),
                self.format(
                    self.message,
                    match=stripped,
                    group=entry.group,
                    entry=entry.text,
                    kind=entry.kind,
                ),
                fix=fix,
            )
