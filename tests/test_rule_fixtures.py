"""Data-driven rule tests: one YAML fixture file per rule in ``fixtures/rules``.

Each case gives a ``text`` and the diagnostics it must produce (``expect``; an
empty list means the rule must stay quiet), and optionally the ``fixed`` text.
Invariants checked for every case, as sqlfluff does:

* the fixed text re-lints clean for this rule (unless ``remaining`` says what stays);
* a case without ``fixed`` leaves the text byte-identical when fixed;
* fixing the fixed text changes nothing (idempotence).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

import newslint
from newslint import Document
from newslint.registry import load_registry

FIXTURES = Path(__file__).parent / "fixtures" / "rules"
EXPECT_KEYS = {"line", "column", "end_line", "end_column", "message", "severity", "fix"}


def _load() -> list[tuple[str, dict[str, Any]]]:
    out = []
    for path in sorted(FIXTURES.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert data["rule"] == path.stem, f"{path.name}: rule must match the file name"
        names = [c["name"] for c in data["cases"]]
        assert len(names) == len(set(names)), f"{path.name}: case names must be unique"
        out.extend((data["rule"], case) for case in data["cases"])
    return out


CASES = _load()


def _doc(case: dict[str, Any], text: str) -> Document:
    return Document(text, title=case.get("title"), path=case.get("path"))


def _lint(rule: str, case: dict[str, Any], text: str) -> list[newslint.Diagnostic]:
    options = {rule: case["options"]} if "options" in case else None
    found = newslint.lint(_doc(case, text), select=[rule], options=options)
    return [d for d in found if d.rule == rule]


def _fix(rule: str, case: dict[str, Any], text: str) -> str:
    options = {rule: case["options"]} if "options" in case else None
    result = newslint.fix(
        _doc(case, text), select=[rule], options=options, unsafe_fixes=case.get("unsafe", False)
    )
    assert result.converged, f"fixes did not converge: {result.remaining}"
    return result.text


@pytest.mark.parametrize(("rule", "case"), CASES, ids=[f"{r}:{c['name']}" for r, c in CASES])
def test_case(rule: str, case: dict[str, Any]) -> None:
    text = case["text"]
    found = _lint(rule, case, text)
    expect = case["expect"]
    assert len(found) == len(expect), "\n".join(
        [f"expected {len(expect)} diagnostics, got {len(found)}:"]
        + [f"  {d.line}:{d.column} {d.message}" for d in found]
    )
    for want, got in zip(expect, found, strict=True):
        unknown = set(want) - EXPECT_KEYS
        assert not unknown, f"unknown expect keys {unknown}"
        for key, value in want.items():
            if key == "message":
                assert value in got.message, f"{value!r} not in {got.message!r}"
            elif key == "fix":
                actual = got.fix.applicability.value if got.fix else None
                assert actual == value, f"fix applicability {actual!r} != {value!r}"
            elif key == "severity":
                assert got.severity.value == value
            else:
                assert getattr(got, key) == value, f"{key}: {getattr(got, key)} != {value}"
        # every span lies inside the text
        assert 0 <= got.start <= got.end <= len(text)

    fixed = _fix(rule, case, text)
    if "fixed" in case:
        assert fixed == case["fixed"]
        left = _lint(rule, case, fixed)
        assert len(left) == case.get("remaining", 0), [d.message for d in left]
    else:
        assert fixed == text, "a case without `fixed` must be left byte-identical"
    assert _fix(rule, case, fixed) == fixed, "fixing twice must equal fixing once"


def test_every_rule_has_fixtures() -> None:
    registry = load_registry()
    have = {p.stem for p in FIXTURES.glob("*.yaml")}
    missing = [r.meta.name for r in registry if r.meta.name not in have]
    assert not missing, f"rules without fixtures: {missing}"
    for rule in registry:
        cases = [c for r, c in CASES if r == rule.meta.name]
        if rule.meta.scope == "corpus":
            # one document never fires a corpus rule: they are tested on corpora
            corpus_tests = "".join(
                p.read_text(encoding="utf-8") for p in Path(__file__).parent.glob("test_*.py")
            )
            assert rule.meta.name in corpus_tests, f"{rule.meta.name}: no corpus test"
            continue
        assert any(c["expect"] for c in cases), f"{rule.meta.name}: no case that fires"
        assert any(not c["expect"] for c in cases), f"{rule.meta.name}: no near-miss case"
