"""What every pack-defined rule shares: metadata from data, strict key checking."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
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


def required_literals(pattern: str, flags: int = 0) -> tuple[str, ...] | None:
    """Strings one of which every match of ``pattern`` contains, or None.

    A pack pattern that opens with a lookbehind (``(?<![\\w.])U\\.S``) makes the
    regex engine try every position of the text; a substring test for a string
    the match must contain (``U.S``) is far cheaper and rules out most documents.
    Found from the parsed pattern: the longest run of literal characters in the
    top-level sequence, or the literal runs of every branch of a top-level group.
    """
    if flags & re.IGNORECASE or "(?i" in pattern:
        return None
    try:
        from re import _parser as sre  # type: ignore[attr-defined]
    except ImportError:  # pragma: no cover - before Python 3.11
        import sre_parse as sre
    try:
        parsed = sre.parse(pattern, flags)
    except Exception:  # no pre-screen rather than a crash
        return None
    if parsed.state.flags & re.IGNORECASE:
        return None
    return _literals(list(parsed), sre)


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
