"""The rule packs are data, and data has tests (as codespell tests its lists)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

import newslint
from newslint.kinds.base import PackError
from newslint.kinds.consistency import ConsistencyRule
from newslint.kinds.line_pattern import LinePatternRule, line_key
from newslint.kinds.substitution import SubstitutionRule
from newslint.packs import build_rules, builtin_pack_dir, load_pack_rules, pack_files
from newslint.registry import load_registry

PACK_RULES = load_pack_rules([builtin_pack_dir()])
EXAMPLES = [
    (rule.meta.name, kind, text)
    for rule in PACK_RULES
    for kind, items in (("fail", rule.meta.examples_fail), ("pass", rule.meta.examples_pass))
    for text in items
]


def test_builtin_packs_found() -> None:
    names = {r.meta.name for r in PACK_RULES}
    assert {"boilerplate", "name-consistency", "malformed-abbreviation"} <= names
    assert all(p.suffix == ".yaml" for p in pack_files(builtin_pack_dir()))


@pytest.mark.parametrize(("rule", "kind", "text"), EXAMPLES)
def test_pack_examples_behave_as_stated(rule: str, kind: str, text: str) -> None:
    found = [d for d in newslint.lint(text, select=[rule]) if d.rule == rule]
    if kind == "fail":
        assert found, f"{rule} should fire on {text!r}"
    else:
        assert not found, f"{rule} should not fire on {text!r}: {[d.message for d in found]}"


def test_lazily_compiled_pack_patterns_all_compile() -> None:
    for rule in PACK_RULES:
        if isinstance(rule, (LinePatternRule, ConsistencyRule)):
            rule.compile_all()  # raises PackError naming the file on a bad pattern


def test_every_pack_rule_has_examples_both_ways() -> None:
    for rule in PACK_RULES:
        assert rule.meta.examples_fail, rule.meta.name
        assert rule.meta.examples_pass, rule.meta.name


def test_boilerplate_entries_do_not_match_article_prose() -> None:
    """No whole-line phrase may be a normal sentence (ends with . ! ? and has 6+ words)."""
    for rule in PACK_RULES:
        if isinstance(rule, LinePatternRule):
            for key, entry in rule.lines.items():
                assert key == line_key(key), f"{entry.text!r} is not in normalized form"
                assert not (len(key.split()) >= 6 and key[-1:] in ".!?"), entry.text


def test_substitution_targets_are_not_flagged_again() -> None:
    """No fix loops: what a substitution writes must not be matched by it again."""
    for rule in PACK_RULES:
        if isinstance(rule, SubstitutionRule):
            for text in rule.meta.examples_fail:
                fixed = newslint.fix(text, select=[rule.meta.name]).text
                assert fixed != text
                again = [d for d in newslint.lint(fixed, select=[rule.meta.name])]
                assert not again, (text, fixed, again)


def test_consistency_styles_prefer_real_forms_and_exemptions_compile() -> None:
    for rule in PACK_RULES:
        if isinstance(rule, ConsistencyRule):
            assert rule.styles, rule.meta.name
            for group in rule.groups:
                # a form must not also be one of the group's neutral forms
                assert not set(group.forms) & set(group.neutral), group.id
                # a form must not contain another form as a whole word (ambiguous counts)
                for form in group.forms:
                    assert group.pattern.fullmatch(form), (group.id, form)


def test_consistency_target_forms_are_exempt_from_reflagging() -> None:
    """Fixing to a house style and linting again finds nothing more (no fix loop)."""
    for style in ("ap", "reuters", "bbc", "guardian"):
        text = "U.S. officials met. The USA government and US allies agreed. UK and U.K. too."
        result = newslint.fix(
            text, select=["name-consistency"], unsafe_fixes=True,
            options={"name-consistency": {"house-style": style}},
        )  # fmt: skip
        assert result.converged
        assert not newslint.lint(
            result.text, select=["name-consistency"],
            options={"name-consistency": {"house-style": style}},
        )  # fmt: skip


def _spec(tmp: Path, text: str) -> dict[str, object]:
    path = tmp / "pack.yaml"
    path.write_text(text, encoding="utf-8")
    data = yaml.safe_load(text)
    data["__file__"] = str(path)
    return data


BASE = """
code: NLT900
name: test-rule
extends: {kind}
category: boilerplate
summary: test
"""


@pytest.mark.parametrize(
    ("body", "error"),
    [
        (BASE.format(kind="nonsense"), "unknown extends 'nonsense'"),
        (BASE.format(kind="existence") + "patterns: ['(unclosed']\n", "bad regular expression"),
        (BASE.format(kind="existence") + "tokens: [a]\nwhatever: 1\n", "unknown key(s) whatever"),
        (BASE.format(kind="line-pattern") + "entries: [{lines: [Home, HOME]}]\n", "duplicate"),
        (BASE.format(kind="substitution") + "entries: [{pattern: a}]\n", "replacement"),
        (
            BASE.format(kind="consistency") + "groups: [{id: g, forms: [A]}]\n",
            "two or more distinct forms",
        ),
        (
            BASE.format(kind="consistency")
            + "groups: [{id: g, forms: [A, B]}]\nstyles: {s: {g: C}}\n",
            "not a form of group g",
        ),
        (BASE.replace("NLT900", "nl-9").format(kind="existence") + "tokens: [a]\n", "NL101"),
        (BASE.format(kind="line-pattern") + "max-words: abc\nentries: []\n", "max-words must"),
        (BASE.format(kind="existence") + "fix: maybe\ntokens: [a]\n", "fix must be"),
    ],
)
def test_bad_packs_are_rejected_with_the_file_named(tmp_path: Path, body: str, error: str) -> None:
    spec = _spec(tmp_path, body)
    with pytest.raises(PackError) as info:
        build_rules([spec])
    assert error in str(info.value)
    assert str(tmp_path / "pack.yaml") in str(info.value)


def test_extension_may_add_entries_but_not_settings(tmp_path: Path) -> None:
    base = _spec(tmp_path, BASE.format(kind="line-pattern") + "entries: [{lines: [Home]}]\n")
    ext_path = tmp_path / "ext.yaml"
    ext = {"rule": "test-rule", "max-words": 2, "entries": [], "__file__": str(ext_path)}
    with pytest.raises(PackError) as info:
        build_rules([base, ext])
    assert str(ext_path) in str(info.value) and "max-words" in str(info.value)
    ext = {"rule": "test-rule", "entries": [{"lines": ["Accueil"]}], "__file__": str(ext_path)}
    (rule,) = build_rules([base, ext])
    assert isinstance(rule, LinePatternRule) and set(rule.lines) == {"home", "accueil"}


def test_fix_none_is_accepted_at_the_top_level(tmp_path: Path) -> None:
    body = BASE.format(kind="line-pattern") + "fix: none\nentries: [{lines: [Home]}]\n"
    (rule,) = build_rules([_spec(tmp_path, body)])
    assert rule.meta.fix is None


def test_extension_of_unknown_rule_is_rejected(tmp_path: Path) -> None:
    spec = _spec(tmp_path, "rule: no-such-rule\nentries: []\n")
    with pytest.raises(PackError, match="no pack defines"):
        build_rules([spec])


def test_pack_yaml_cannot_construct_python_objects(tmp_path: Path) -> None:
    (tmp_path / "evil.yaml").write_text(
        "code: NLT901\nname: evil\nextends: existence\ncategory: markup\n"
        "tokens: !!python/object/apply:os.system ['echo pwned']\n",
        encoding="utf-8",
    )
    with pytest.raises(PackError, match="invalid YAML"):
        load_pack_rules([tmp_path])


def test_codes_and_names_are_unique_and_documented() -> None:
    registry = load_registry()
    headings = [
        "## What it does",
        "## Why is this bad?",
        "## Example",
        "## Fix safety",
        "## Options",
    ]
    for rule in registry:
        doc = rule.meta.doc
        for heading in headings:
            assert heading in doc, f"{rule.meta.name}: missing {heading!r}"
        assert rule.meta.summary, rule.meta.name
        assert re.fullmatch(r"NL\d{3}", rule.meta.code), rule.meta.code
    codes = [r.meta.code for r in registry]
    assert len(codes) == len(set(codes))
