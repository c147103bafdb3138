"""What a rule is: explicit metadata, typed options and a pure ``check``.

A rule never prints, reads configuration or keeps state between documents. The
engine hands it a :class:`~newslint.document.Document` and a validated options
object; it yields :class:`~newslint.diagnostics.Diagnostic` objects built with
:meth:`Rule.report`.
"""

from __future__ import annotations

import re
import types
import typing
from bisect import bisect_right
from collections.abc import Iterator, Mapping
from typing import Any, ClassVar, Literal, NamedTuple

from .diagnostics import Applicability, Diagnostic, Fix, Related, Severity
from .document import Document

_new_tuple = tuple.__new__

Scope = Literal["line", "document", "corpus"]
QuotedPolicy = Literal["skip", "report", "restore"]

CATEGORIES = (
    "encoding",
    "markup",
    "duplication",
    "boilerplate",
    "consistency",
    "typography",
    "input",
)

_CODE_RE = re.compile(r"^[A-Z]{1,4}[0-9]{3,4}$")
_NAME_RE = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


class OptionError(ValueError):
    """A rule option is unknown or has a value of the wrong type."""


class NoOptions(NamedTuple):
    """Options of a rule that has none."""


class _RuleMetaFields(NamedTuple):
    code: str
    name: str
    category: str
    summary: str
    severity: Severity = Severity.WARNING
    scope: Scope = "document"
    fix: Applicability | None = None  # the most permissive fix the rule can produce
    quoted: QuotedPolicy = "report"
    quoted_reason: str | None = None  # why a "restore" rule may fix quoted speech
    default: bool = True  # selected unless the configuration says otherwise
    doc: str = ""  # Markdown under the headings What it does / Why is this bad? / ...
    origin: str = "builtin"  # module or pack file that defined it
    examples_fail: tuple[str, ...] = ()
    examples_pass: tuple[str, ...] = ()


class RuleMeta(_RuleMetaFields):
    """Everything the engine and the docs need to know about a rule (validated)."""

    __slots__ = ()

    def __new__(cls, *args: Any, **kwargs: Any) -> RuleMeta:
        self = super().__new__(cls, *args, **kwargs)
        if not _CODE_RE.match(self.code):
            raise ValueError(f"rule code {self.code!r} must look like NL101")
        if not _NAME_RE.match(self.name):
            raise ValueError(f"rule name {self.name!r} must be kebab-case")
        if self.category not in CATEGORIES:
            raise ValueError(f"rule {self.name}: unknown category {self.category!r}")
        if self.scope not in ("line", "document", "corpus"):
            raise ValueError(f"rule {self.name}: unknown scope {self.scope!r}")
        if self.quoted not in ("skip", "report", "restore"):
            raise ValueError(f"rule {self.name}: quoted must be skip, report or restore")
        if self.quoted == "restore" and not self.quoted_reason:
            raise ValueError(f"rule {self.name}: quoted='restore' needs a quoted_reason")
        return self


class Rule:
    """Base class of every rule, written in code or instantiated from a pack."""

    meta: RuleMeta
    Options: ClassVar[type[Any]] = NoOptions

    def check(self, doc: Document, options: Any) -> Iterator[Diagnostic]:
        raise NotImplementedError

    def min_lines(self, options: Any) -> int:
        """The fewest lines a document must have for this rule to find anything.
        The engine does not call :meth:`check` on shorter documents (a JSONL title
        field is one line): override it in rules that compare lines with each other."""
        return 1

    # -- helpers for rule authors -------------------------------------------------

    def report(
        self,
        doc: Document,
        start: int,
        end: int,
        message: str,
        *,
        fix: Fix | None = None,
        severity: Severity | None = None,
        related: tuple[Related, ...] = (),
    ) -> Diagnostic:
        """Build a diagnostic for ``doc.text[start:end]``."""
        starts = doc.line_starts
        if not 0 <= start <= end <= len(doc.text):
            doc.position(start)  # raises the ValueError that names the offset
            doc.position(end)
        # the line index inline (as Document.position computes it): rules call this
        # for every finding of a corpus run
        line = bisect_right(starts, start)
        end_line = bisect_right(starts, end, line - 1)
        meta = self.meta
        return _new_tuple(Diagnostic, (
            meta.code, meta.name, meta.category, severity or meta.severity, message, start, end,
            line, start - starts[line - 1] + 1, end_line, end - starts[end_line - 1] + 1,
            fix, doc.path, doc.id, related, None, doc.record, doc.field, None,
        ))  # fmt: skip

    def _diagnostic(
        self,
        message: str,
        start: int,
        end: int,
        where: tuple[int, int, int, int],  # line, column, end line, end column
        *,
        fix: Fix | None,
        severity: Severity | None,
        related: tuple[Related, ...],
        path: str | None,
        doc_id: str | None,
        record: int | None,
        field: str | None,
    ) -> Diagnostic:
        meta = self.meta
        line, column, end_line, end_column = where
        return Diagnostic(
            code=meta.code,
            rule=meta.name,
            category=meta.category,
            severity=severity or meta.severity,
            message=message,
            start=start,
            end=end,
            line=line,
            column=column,
            end_line=end_line,
            end_column=end_column,
            fix=fix,
            path=path,
            doc_id=doc_id,
            related=related,
            record=record,
            field=field,
        )

    def parse_options(self, raw: Mapping[str, Any] | None) -> Any:
        return parse_options(self.Options, raw or {}, self.meta.name)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.meta.code} {self.meta.name}>"


class DocRef(NamedTuple):
    """Where a document of a corpus came from; ``order`` is its place in input order."""

    order: int
    path: str | None
    record: int | None = None
    doc_id: str | None = None
    lines: int = 1  # number of lines, so that a finding can span the whole document
    last_column: int = 1
    field: str | None = None  # the record field that holds the text


class CorpusRule(Rule):
    """A rule that compares documents (scope ``corpus``), in two phases.

    :meth:`collect` turns one document into a small, picklable key (or None);
    it runs wherever the document is read, in parallel. :meth:`finalize` sees
    every key in input order, once, and yields diagnostics located with
    :meth:`report_at`. With a single document there is nothing to compare: the
    engine does not run corpus rules then, rather than guess.
    """

    def check(self, doc: Document, options: Any) -> Iterator[Diagnostic]:
        return iter(())

    def collect(self, doc: Document, options: Any) -> Any:
        raise NotImplementedError

    def needs_single_document(self, options: Any) -> bool:
        """True if even one document has something to be compared with (an index)."""
        return False

    def finalize(self, items: list[tuple[DocRef, Any]], options: Any) -> Iterator[Diagnostic]:
        raise NotImplementedError

    def report_at(
        self,
        ref: DocRef,
        message: str,
        *,
        line: int = 1,
        column: int = 1,
        end_line: int | None = None,
        end_column: int | None = None,
        start: int = 0,
        end: int = 0,
        fix: Fix | None = None,
        related: tuple[Related, ...] = (),
        severity: Severity | None = None,
    ) -> Diagnostic:
        """A diagnostic at a position recorded during :meth:`collect`."""
        where = (
            line,
            column,
            end_line if end_line is not None else line,
            end_column if end_column is not None else column,
        )
        return self._diagnostic(
            message, start, end, where, fix=fix, severity=severity, related=related,
            path=ref.path, doc_id=ref.doc_id, record=ref.record, field=ref.field,
        )  # fmt: skip


# -- typed options ------------------------------------------------------------------


def option_fields(options_cls: type[Any]) -> list[tuple[str, Any, Any]]:
    """``(kebab-name, type, default)`` for each field of an options class.

    Options classes are ``NamedTuple`` (cheap to create, which matters at start-up)
    or frozen dataclasses; every field needs a default.
    """
    hints = typing.get_type_hints(options_cls)
    out = []
    if hasattr(options_cls, "_fields"):
        defaults = options_cls._field_defaults
        for name in options_cls._fields:
            out.append((name.replace("_", "-"), hints[name], defaults.get(name)))
        return out
    import dataclasses

    for f in dataclasses.fields(options_cls):
        default: Any
        if f.default is not dataclasses.MISSING:
            default = f.default
        elif f.default_factory is not dataclasses.MISSING:
            default = f.default_factory()
        else:
            default = None
        out.append((f.name.replace("_", "-"), hints[f.name], default))
    return out


def _check_type(value: Any, tp: Any) -> bool:
    origin = typing.get_origin(tp)
    if tp is Any:
        return True
    if origin is Literal:
        return value in typing.get_args(tp)
    if origin in (typing.Union, types.UnionType):
        return any(_check_type(value, arg) for arg in typing.get_args(tp))
    if tp is type(None):
        return value is None
    if tp is float:
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if tp is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if origin in (list, tuple, frozenset, set):
        args = typing.get_args(tp)
        item = args[0] if args else Any
        return isinstance(value, (list, tuple)) and all(_check_type(v, item) for v in value)
    if origin in (dict, Mapping):
        key_t, val_t = typing.get_args(tp) or (Any, Any)
        return isinstance(value, dict) and all(
            _check_type(k, key_t) and _check_type(v, val_t) for k, v in value.items()
        )
    if isinstance(tp, type):
        return isinstance(value, tp)
    return True


def describe_type(tp: Any) -> str:
    origin = typing.get_origin(tp)
    if origin is Literal:
        return " | ".join(repr(a) for a in typing.get_args(tp))
    if origin in (typing.Union, types.UnionType):
        return " | ".join(describe_type(a) for a in typing.get_args(tp))
    if origin in (list, tuple, frozenset, set):
        args = typing.get_args(tp)
        return f"list of {describe_type(args[0]) if args else 'any'}"
    if origin in (dict, Mapping):
        return "table"
    if tp is type(None):
        return "none"
    return getattr(tp, "__name__", str(tp))


def parse_options(options_cls: type[Any], raw: Mapping[str, Any], rule_name: str) -> Any:
    """Validate a raw mapping (kebab- or snake-case keys) into an options object."""
    fields = {name: (tp, default) for name, tp, default in option_fields(options_cls)}
    values: dict[str, Any] = {}
    for key, value in raw.items():
        kebab = key.replace("_", "-")
        if kebab not in fields:
            known = ", ".join(sorted(fields)) or "none"
            raise OptionError(f"rule {rule_name}: unknown option {key!r} (known: {known})")
        tp, _ = fields[kebab]
        if not _check_type(value, tp):
            raise OptionError(
                f"rule {rule_name}: option {key!r} must be {describe_type(tp)}, got {value!r}"
            )
        if isinstance(value, list) and typing.get_origin(tp) is tuple:
            value = tuple(value)
        values[kebab.replace("-", "_")] = value
    return options_cls(**values)


class RuleSet(NamedTuple):
    """Rules selected for a run, with their parsed options, in code order."""

    rules: tuple[Rule, ...]
    options: Mapping[str, Any] = {}  # rule name -> options

    def options_for(self, rule: Rule) -> Any:
        opts = self.options.get(rule.meta.name)
        return opts if opts is not None else rule.Options()
