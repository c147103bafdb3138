"""Run selected rules over a document and apply the project-wide policies.

The engine is the only place that knows about quoted speech, per-file ignores and
rule failures; rules stay pure.
"""

from __future__ import annotations

import os
import signal
import threading
from typing import Any, NamedTuple

from .diagnostics import Applicability, Diagnostic, Severity, sort_diagnostics
from .document import Document
from .internal import RULE_ERROR, internal_in
from .rule import Rule, RuleSet


class Policy(NamedTuple):
    """Run-wide settings the engine applies on top of the rules' own output."""

    fix_quoted: frozenset[str] = frozenset()  # rule names


PATTERN_TIME_LIMIT = float(os.environ.get("NEWSLINT_PATTERN_TIMEOUT", "2"))


class PatternTimeout(Exception):
    """A pack rule ran longer than PATTERN_TIME_LIMIT on one document."""


try:  # the C function: signal.signal's enum conversions cost ~10 us a call
    from _signal import signal as _set_handler  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - not CPython
    _set_handler = signal.signal


def _expire(signum: int, frame: object) -> None:
    raise PatternTimeout


def _can_alarm() -> bool:
    """Interval timers work here: POSIX, main thread (signals go to the main thread)."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


class Linter:
    """Lints documents with one :class:`RuleSet`."""

    def __init__(self, ruleset: RuleSet, policy: Policy | None = None) -> None:
        self.ruleset = ruleset
        self.policy = policy or Policy()
        self.document_rules = tuple(r for r in ruleset.rules if r.meta.scope != "corpus")
        # (rule, its options, whether its patterns are user data from a pack)
        self.plan = tuple(
            (r, ruleset.options_for(r), r.meta.origin.endswith((".yaml", ".yml")))
            for r in self.document_rules
        )
        self.pack_rules = any(from_pack for _, _, from_pack in self.plan)
        # the plan for documents of one line (titles): without the rules that need more
        self.one_line_plan = tuple(p for p in self.plan if p[0].min_lines(p[1]) <= 1)

    def lint(self, doc: Document) -> list[Diagnostic]:
        """Every finding of the selected rules in ``doc``, sorted by position.

        Rules from packs (user patterns) run under an interval timer: CPython's regex
        engine checks for signals while it backtracks, so a runaway pattern is
        stopped after PATTERN_TIME_LIMIT seconds. The SIGALRM handler is installed
        once per document (changing it costs more than arming the timer). This loop
        runs for every document of a corpus: it is written out, without helpers."""
        out: list[Diagnostic] = []
        plan = self.plan if "\n" in doc.text else self.one_line_plan
        armed = self.pack_rules and PATTERN_TIME_LIMIT > 0 and _can_alarm()
        previous: Any = _set_handler(signal.SIGALRM, _expire) if armed else None
        try:
            for rule, options, from_pack in plan:
                try:
                    if armed and from_pack:
                        signal.setitimer(signal.ITIMER_REAL, PATTERN_TIME_LIMIT)
                        try:
                            found = list(rule.check(doc, options))
                        finally:
                            signal.setitimer(signal.ITIMER_REAL, 0)
                    else:
                        found = list(rule.check(doc, options))
                except PatternTimeout:
                    out.append(self._timed_out(rule, doc))
                    continue
                except Exception as exc:  # a rule bug must not stop the run
                    out.append(self._failed(rule, doc, exc))
                    continue
                if found:
                    out.extend(self._apply_quoted_policy(rule, doc, found))
        finally:
            if armed:
                signal.setitimer(signal.ITIMER_REAL, 0)
                _set_handler(signal.SIGALRM, previous)
        return sort_diagnostics(out) if len(out) > 1 else out

    def _timed_out(self, rule: Rule, doc: Document) -> Diagnostic:
        return internal_in(
            RULE_ERROR,
            f"rule {rule.meta.name} ({rule.meta.origin}) gave up after "
            f"{PATTERN_TIME_LIMIT:g} s on this document: one of its patterns backtracks "
            "catastrophically; the rest of the document was checked",
            doc,
        )

    def _failed(self, rule: Rule, doc: Document, exc: Exception) -> Diagnostic:
        import traceback

        where = traceback.extract_tb(exc.__traceback__)[-1]
        return internal_in(
            RULE_ERROR,
            f"rule {rule.meta.name} failed on this document: "
            f"{type(exc).__name__}: {exc} ({where.filename}:{where.lineno}); "
            "please report it",
            doc,
        )

    def _apply_quoted_policy(
        self, rule: Rule, doc: Document, found: list[Diagnostic]
    ) -> list[Diagnostic]:
        policy = rule.meta.quoted
        if policy == "restore" or not doc.quoted_spans:
            return found
        allowed = rule.meta.name in self.policy.fix_quoted
        out: list[Diagnostic] = []
        for d in found:
            touched = doc.in_quotes(d.start, d.end) or (
                d.fix is not None and any(doc.in_quotes(e.start, e.end) for e in d.fix.edits)
            )
            if not touched:
                out.append(d)
            elif allowed:
                # the user configured this rule to fix quoted speech: never safely
                fix = d.fix
                if fix is not None and fix.applicability is Applicability.SAFE:
                    fix = fix.with_applicability(Applicability.UNSAFE)
                out.append(d.replace(fix=fix, note="inside quoted speech"))
            elif policy == "report":
                fix = d.fix.with_applicability(Applicability.DISPLAY) if d.fix else None
                out.append(
                    d.replace(
                        fix=fix,
                        severity=Severity.INFO,
                        note="inside quoted speech: reported, not fixed",
                    )
                )
            # policy "skip": quoted speech is not this rule's business
        return out
