"""Apply fixes: non-overlapping span edits, re-lint, repeat until stable."""

from __future__ import annotations

from dataclasses import dataclass, field

from .diagnostics import Diagnostic, Fix, apply_edits
from .document import Document
from .engine import Linter
from .internal import FIX_LOOP, internal_in

MAX_PASSES = 10


@dataclass
class FixResult:
    """Outcome of fixing one document."""

    original: str
    text: str
    fixed: list[Diagnostic] = field(default_factory=list)  # applied, over all passes
    remaining: list[Diagnostic] = field(default_factory=list)  # found in the final text
    passes: int = 0
    converged: bool = True

    @property
    def changed(self) -> bool:
        return self.text != self.original


def select_fixes(diagnostics: list[Diagnostic], unsafe_fixes: bool) -> list[Diagnostic]:
    """Pick fixes that do not overlap: earliest first, the larger of two at one start."""
    candidates = [d for d in diagnostics if d.fixable(unsafe_fixes) and d.fix and d.fix.edits]
    candidates.sort(key=lambda d: (_fix(d).start, -_fix(d).end, d.code))
    chosen: list[Diagnostic] = []
    for d in candidates:
        if not any(_fix(d).overlaps(_fix(c)) for c in chosen):
            chosen.append(d)
    return chosen


def _fix(d: Diagnostic) -> Fix:
    assert d.fix is not None
    return d.fix


def fix_document(
    linter: Linter, doc: Document, *, unsafe_fixes: bool = False, max_passes: int = MAX_PASSES
) -> FixResult:
    """Fix ``doc`` until no applicable fix is left (at most ``max_passes`` rounds).

    Hitting the cap is a bug in some rule (two fixes undoing each other, or a fix
    that re-creates its own problem): it is reported as ``fix-not-converged``.
    """
    result = FixResult(original=doc.text, text=doc.text)
    current = doc
    diagnostics = linter.lint(current)
    for _ in range(max_passes):
        chosen = select_fixes(diagnostics, unsafe_fixes)
        if not chosen:
            result.remaining = diagnostics
            return result
        edits = [e for d in chosen for e in _fix(d).edits]
        new_text = apply_edits(current.text, edits)
        result.passes += 1
        if new_text == current.text:
            break  # fixes that change nothing would loop forever
        result.fixed.extend(chosen)
        current = current.with_text(new_text)
        result.text = new_text
        diagnostics = linter.lint(current)
    still = select_fixes(diagnostics, unsafe_fixes)
    if not still:
        result.remaining = diagnostics
        return result
    result.converged = False
    rules = ", ".join(sorted({d.rule for d in still}))
    result.remaining = [
        *diagnostics,
        internal_in(
            FIX_LOOP,
            f"fixes did not converge after {result.passes} passes (rules: {rules}); "
            "this is a bug in newslint or in a rule pack, please report it",
            doc,
        ),
    ]
    return result
