"""What every pack-defined rule shares: metadata from data, strict key checking."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, ClassVar

from ..diagnostics import Applicability, Severity
from ..rule import Rule, RuleMeta

COMMON_KEYS = frozenset(
    {
        "code",
        "name",
        "extends",
        "category",
        "severity",
        "summary",
        "doc",
        "fix",
        "quoted",
        "quoted-reason",
        "default",
        "scope",
        "message",
        "examples",
    }
)
EXTENSION_KEYS = frozenset({"rule", "language", "description", "examples"})


class PackError(ValueError):
    """A rule pack is malformed; the message names the file and the key."""


def _as_list(value: Any, where: str) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise PackError(f"{where}: expected a list, got {type(value).__name__}")
    return value


def compile_pattern(pattern: Any, where: str, flags: int = 0) -> re.Pattern[str]:
    if not isinstance(pattern, str):
        raise PackError(f"{where}: pattern must be a string, got {pattern!r}")
    try:
        return re.compile(pattern, flags)
    except re.error as exc:
        raise PackError(f"{where}: bad regular expression {pattern!r}: {exc}") from None


class PackRule(Rule):
    """A rule whose metadata and entries come from a pack file.

    Subclasses declare the keys a defining pack may use (``KEYS``), the subset an
    extension pack may add to (``ENTRY_KEYS``: entries, never settings), and build
    their matchers in :meth:`load` from the base spec and the extensions.
    """

    KEYS: ClassVar[frozenset[str]] = frozenset()
    ENTRY_KEYS: ClassVar[frozenset[str]] = frozenset()
    DEFAULT_FIX: ClassVar[Applicability | None] = None

    def __init__(self, spec: Mapping[str, Any], extensions: Sequence[Mapping[str, Any]] = ()):
        origin = str(spec.get("__file__", "<pack>"))
        self.origin = origin
        unknown = set(spec) - COMMON_KEYS - self.KEYS - {"__file__"}
        if unknown:
            raise PackError(f"{origin}: unknown key(s) {', '.join(sorted(unknown))}")
        for ext in extensions:
            extra = set(ext) - EXTENSION_KEYS - self.ENTRY_KEYS - {"__file__"}
            if extra:
                settings = ", ".join(sorted(extra))
                raise PackError(
                    f"{ext.get('__file__')}: key(s) {settings} cannot be used in a pack that "
                    f"extends {spec.get('name')!r} (allowed: "
                    f"{', '.join(sorted(EXTENSION_KEYS | self.ENTRY_KEYS))})"
                )
        fails: list[str] = []
        passes: list[str] = []
        for part in (spec, *extensions):
            where = str(part.get("__file__", origin))
            examples = part.get("examples") or {}
            if not isinstance(examples, dict) or set(examples) - {"fail", "pass"}:
                raise PackError(f"{where}: examples must map fail/pass to lists")
            fails += [str(x) for x in _as_list(examples.get("fail"), f"{where}: examples.fail")]
            passes += [str(x) for x in _as_list(examples.get("pass"), f"{where}: examples.pass")]
        fix = self.applicability(
            spec.get("fix", self.DEFAULT_FIX.value if self.DEFAULT_FIX else None), origin
        )
        try:
            self.meta = RuleMeta(
                code=str(spec.get("code", "")),
                name=str(spec.get("name", "")),
                category=str(spec.get("category", "")),
                summary=str(spec.get("summary", "")),
                severity=Severity(spec.get("severity", "warning")),
                scope=spec.get("scope", "document"),
                fix=fix,
                quoted=spec.get("quoted", "report"),
                quoted_reason=spec.get("quoted-reason"),
                default=bool(spec.get("default", True)),
                doc=str(spec.get("doc", "")),
                origin=origin,
                examples_fail=tuple(fails),
                examples_pass=tuple(passes),
            )
        except ValueError as exc:
            raise PackError(f"{origin}: {exc}") from None
        if self.meta.quoted not in ("skip", "report", "restore"):
            raise PackError(f"{origin}: quoted must be skip, report or restore")
        self.message = str(spec.get("message", "{match}"))
        self.load(spec, extensions)

    def load(self, spec: Mapping[str, Any], extensions: Sequence[Mapping[str, Any]]) -> None:
        raise NotImplementedError

    def integer(self, spec: Mapping[str, Any], key: str, default: int) -> int:
        value = spec.get(key, default)
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise PackError(f"{self.origin}: {key} must be a non-negative integer, got {value!r}")
        return value

    def applicability(self, value: Any, where: str) -> Applicability | None:
        if value is None or value == "none":
            return None
        try:
            return Applicability(value)
        except ValueError:
            raise PackError(f"{where}: fix must be safe, unsafe, display or none") from None

    def format(self, template: str, **fields: Any) -> str:
        try:
            return template.format(**fields)
        except (KeyError, IndexError, ValueError) as exc:
            raise PackError(f"{self.origin}: bad message template {template!r}: {exc}") from None


def _parse_case_sensitive(pattern: str, flags: int) -> tuple[list[Any], Any] | None:
    """The top-level items of ``pattern`` as the regex parser reads them, and the
    parser module; None for a case-insensitive pattern (its literals are not the
    text's) or one that does not parse (no short cut rather than a crash)."""
    if flags & re.IGNORECASE or "(?i" in pattern:
        return None
    try:
        from re import _parser as sre  # type: ignore[attr-defined]
    except ImportError:  # pragma: no cover - before Python 3.11
        import sre_parse as sre
    try:
        parsed = sre.parse(pattern, flags)
    except Exception:
        return None
    if parsed.state.flags & re.IGNORECASE:
        return None
    return list(parsed), sre


def required_literals(pattern: str, flags: int = 0) -> tuple[str, ...] | None:
    """Strings one of which every match of ``pattern`` contains, or None.

    A pack pattern that opens with a lookbehind (``(?<![\\w.])U\\.S``) makes the
    regex engine try every position of the text; a substring test for a string
    the match must contain (``U.S``) is far cheaper and rules out most documents.
    Found from the parsed pattern: the longest run of literal characters in the
    top-level sequence, or the literal runs of every branch of a top-level group.
    """
    parse = _parse_case_sensitive(pattern, flags)
    if parse is None:
        return None
    return _literals(*parse)


def required_literal_sets(pattern: str, flags: int = 0) -> list[tuple[str, ...]]:
    """Every set of strings that :func:`required_literals` weighs, not only the best:
    each top-level literal run, and the best set of each group, branch or repeated
    part that must match. Every match of ``pattern`` contains a string of each set."""
    parse = _parse_case_sensitive(pattern, flags)
    if parse is None:
        return []
    parsed, sre = parse
    sets: list[tuple[str, ...]] = []
    run: list[str] = []
    for op, value in [*parsed, (None, None)]:
        if op is sre.LITERAL:
            run.append(chr(value))
            continue
        if run:
            sets.append(("".join(run),))
            run = []
        found = None
        if op is sre.SUBPATTERN and not value[1] & re.IGNORECASE:
            found = _literals(list(value[-1]), sre)
        elif op is sre.BRANCH:
            branches = [_literals(list(b), sre) for b in value[1]]
            if all(branches):
                found = tuple(s for b in branches for s in b or ())
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and value[0] >= 1:
            found = _literals(list(value[2]), sre)
        if found and all(found):
            sets.append(found)
    return sets


def _literals(items: list[Any], sre: Any) -> tuple[str, ...] | None:
    best: tuple[str, ...] | None = None

    def better(found: tuple[str, ...] | None) -> None:
        nonlocal best
        if found and all(found) and (best is None or min(map(len, found)) > min(map(len, best))):
            best = found

    run: list[str] = []
    for op, value in [*items, (None, None)]:
        if op is sre.LITERAL:
            run.append(chr(value))
            continue
        if run:
            better(("".join(run),))
            run = []
        if op is sre.SUBPATTERN:
            if not value[1] & re.IGNORECASE:  # (?i:...) matches other cases too
                better(_literals(list(value[-1]), sre))
        elif op is sre.BRANCH:
            branches = [_literals(list(b), sre) for b in value[1]]
            if all(branches):
                better(tuple(s for b in branches for s in b or ()))
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and value[0] >= 1:
            better(_literals(list(value[2]), sre))
    return best


def lookbehind_free(
    pattern: re.Pattern[str], alternatives: Sequence[str] | None = None
) -> re.Pattern[str] | None:
    """``pattern`` without the look-behind assertions and word boundaries it opens
    with, or None.

    A pattern that opens with a look-behind (``(?<![\\w.])(U\\.S|U\\.K)``) or
    ``\\b`` makes the regex engine try the whole pattern at every position of the
    text; the rest of it (``(U\\.S|U\\.K)``) opens with what a match starts with,
    so the engine skips to those characters. Wherever the pattern matches, the rest
    matches too (those assertions only take matches away): :func:`finditer` searches
    with the rest and confirms each candidate with the pattern. With
    ``alternatives``, ``pattern`` is their alternation (``(?:a)|(?:b)``) and the rest
    is the alternation of their rests. None when nothing is dropped, when the
    pattern could match an empty string, or when the rest does not keep the
    pattern's groups.
    """
    if pattern.flags & re.VERBOSE:
        return None  # white space and comments: not split here
    parts = [pattern.pattern] if alternatives is None else list(alternatives)
    rests = [_after_assertions(p) for p in parts]
    if any(r is None for r in rests) or rests == parts:
        return None
    source = rests[0] if alternatives is None else "|".join(f"(?:{r})" for r in rests)
    try:
        from re import _parser as sre  # type: ignore[attr-defined]
    except ImportError:  # pragma: no cover - before Python 3.11
        import sre_parse as sre
    try:
        rest = re.compile(str(source), pattern.flags)
        if sre.parse(pattern.pattern, pattern.flags).getwidth()[0] < 1:
            return None  # an empty match: finditer's rules for those are not copied
    except Exception:  # no short cut rather than a crash
        return None
    if rest.groups != pattern.groups or rest.groupindex != pattern.groupindex:
        return None
    return rest


def _after_assertions(source: str) -> str | None:
    """``source`` after the look-behinds and word boundaries it opens with (None if
    one of them does not close)."""
    at = 0
    while True:
        if source.startswith(("\\b", "\\B"), at):
            at += 2
        elif source.startswith(("(?<!", "(?<="), at):
            end = _group_end(source, at)
            if end is None:
                return None
            at = end
        else:
            return source[at:]


def _group_end(source: str, start: int) -> int | None:
    """The index just past the group that opens at ``source[start]`` (a ``(``)."""
    depth = 0
    i = start
    while i < len(source):
        c = source[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":  # a character class: ")" and "(" are literal inside
            i += 1
            if source.startswith("^", i):
                i += 1
            if source.startswith("]", i):
                i += 1
            while i < len(source) and source[i] != "]":
                i += 2 if source[i] == "\\" else 1
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return None


def finditer(
    pattern: re.Pattern[str], rest: re.Pattern[str] | None, text: str
) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)``, found faster with ``rest`` (see
    :func:`lookbehind_free`): the leftmost position at or after ``pos`` where
    ``pattern`` matches is the leftmost where ``rest`` matches and ``pattern`` too
    (``pattern.match`` at a position sees the text before it); matches are never
    empty, so the next search starts at the end of the last match."""
    if rest is None:
        yield from pattern.finditer(text)
        return
    pos = 0
    search, match = rest.search, pattern.match
    while True:
        candidate = search(text, pos)
        if candidate is None:
            return
        m = match(text, candidate.start())
        if m is None:
            pos = candidate.start() + 1
            continue
        yield m
        pos = m.end()


def literal_trie(strings: Sequence[str]) -> str:
    """A regular expression for any of ``strings``, written as a tree of shared
    prefixes (the engine tries a few characters at a position, not every string). A
    longer string is tried before its prefix: at each position it finds the string
    that an alternation of ``strings``, longest first, would (the strings that match
    at one position are prefixes of one another)."""
    heads: dict[str, list[str]] = {}
    for s in strings:
        if s:
            heads.setdefault(s[0], []).append(s[1:])
    alternatives = [re.escape(c) + literal_trie(rest) for c, rest in heads.items()]
    if not alternatives:
        return ""
    body = alternatives[0] if len(alternatives) == 1 else f"(?:{'|'.join(alternatives)})"
    return f"(?:{body})?" if "" in strings else body


def hidden_by(match: str, strings: Sequence[str], boundary: str | None = None) -> frozenset[str]:
    """The ``strings`` that a ``findall`` of :func:`literal_trie` finding ``match``
    may leave unfound: those it starts with (found at the same position), and those
    starting inside it (where findall does not look), which lie inside it or begin
    with one of its proper suffixes. With ``boundary`` (a character class), only
    those starting after a character that is not in the class."""
    out = {s for s in strings if match.startswith(s)}
    for at in range(1, len(match)):
        if boundary is not None and re.match(boundary, match[at - 1]):
            continue
        tail = match[at:]
        out.update(s for s in strings if s.startswith(tail) or tail.startswith(s))
    return frozenset(out)


def prefix_literals(
    pattern: str, flags: int = 0, limit: int = 64, heads: int = 8
) -> tuple[str, ...] | None:
    """Strings one of which every match of ``pattern`` starts with, or None.

    Zero-width assertions (look-behinds, look-aheads, ``\\b``) are passed over:
    they take matches away but add no character to one.
    Found from the parsed pattern: its leading run of literal characters, extended
    by the prefixes of a group or of every branch of an alternation that follows
    (at most ``limit`` strings, with at most ``heads`` first characters). With
    these, the positions where the pattern can match are the occurrences of the
    strings (see :class:`PrefixScan`), which one scan per first character finds; the
    pattern is tried there only.
    """
    parse = _parse_case_sensitive(pattern, flags)
    if parse is None:
        return None
    found, _ = _prefixes(parse[0], parse[1], limit)
    if not found or not all(found) or len({s[0] for s in found}) > heads:
        return None  # (a scan per first character: many would cost more than one)
    return tuple(sorted(set(found)))


def _prefixes(items: list[Any], sre: Any, limit: int) -> tuple[list[str] | None, bool]:
    """The strings one of which a match of the sequence ``items`` starts with (each as
    long as can be found, at most ``limit`` of them), or None; and whether they are
    whole matches (the sequence is nothing but literal characters and choices)."""
    out = [""]
    for op, value in items:
        inner: list[str] | None
        if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            continue  # zero-width: the characters matched are the same
        if op is sre.LITERAL:
            inner, whole = [chr(value)], True
        elif op is sre.IN:
            inner, whole = _class_chars(value, sre, limit), True
        elif op is sre.SUBPATTERN and not value[1] & re.IGNORECASE:
            inner, whole = _prefixes(list(value[-1]), sre, limit)
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and value[0] >= 1:
            inner, _ = _prefixes(list(value[2]), sre, limit)  # its first repetition
            whole = False
        elif op is sre.BRANCH:
            inner, whole = [], True
            for branch in value[1]:
                found, complete = _prefixes(list(branch), sre, limit)
                if found is None or not all(found):
                    inner = None
                    break
                inner += found
                whole = whole and complete
        else:
            return (out if all(out) else None), False
        if not inner or len(out) * len(inner) > limit:
            return (out if all(out) else None), False
        out = [s + t for s in out for t in inner]
        if not whole:
            return out, False  # what the group matches after these is not known here
    return (out if all(out) else None), True


def _class_chars(value: list[Any], sre: Any, limit: int) -> list[str] | None:
    """The characters of a character class made of literals and small ranges."""
    out: list[str] = []
    for op, av in value:
        if op is sre.LITERAL:
            out.append(chr(av))
        elif op is sre.RANGE and av[1] - av[0] < limit:
            out.extend(chr(c) for c in range(av[0], av[1] + 1))
        else:
            return None
        if len(out) > limit:
            return None
    return out


class PrefixScan:
    """Every occurrence of a set of strings, found with one regex per first character:
    a pattern that opens with a literal character is searched with a fast character
    search, while one that opens with a choice of characters (``[UED]``, the first
    characters of an alternation) is tried at every position of the text, several
    times slower. Each pattern consumes the first character only and looks ahead for
    the rest, so that every position where a string occurs is seen (matches never
    overlap a later occurrence); the look-ahead finds the longest string there, and
    the others that occur there are its prefixes."""

    __slots__ = ("_patterns",)

    def __init__(self, strings: Sequence[str]) -> None:
        heads: dict[str, list[str]] = {}
        for s in sorted(set(strings)):
            if s:
                heads.setdefault(s[0], []).append(s[1:])
        self._patterns = [
            (c, re.compile(f"{re.escape(c)}(?=({literal_trie(rests)}))"))
            for c, rests in heads.items()
        ]

    def scan(self, text: str) -> list[tuple[int, str]]:
        """``(position, longest string there)`` for every position of ``text`` where
        one of the strings occurs, in text order."""
        out: list[tuple[int, str]] = []
        for c, pattern in self._patterns:
            if c in text:
                out += [(m.start(), c + m.group(1)) for m in pattern.finditer(text)]
        if len(self._patterns) > 1:
            out.sort()
        return out


def matches_at(
    pattern: re.Pattern[str], text: str, positions: Iterable[int]
) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` when every match of ``pattern`` starts at one of
    ``positions`` (ascending) and none is empty (see :func:`prefix_literals`): the
    leftmost match at or after a position is at the first candidate there where
    ``pattern.match`` succeeds (it sees the text before it, for look-behinds), and the
    next search starts where that match ends."""
    pos = 0
    match = pattern.match
    for p in positions:
        if p < pos:
            continue
        m = match(text, p)
        if m is not None and m.end() > p:
            yield m
            pos = m.end()
