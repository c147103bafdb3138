"""Render a rule's documentation (``newslint explain RULE``, docs/rules.md)."""

from __future__ import annotations

import inspect
import textwrap

from .rule import Rule, describe_type, option_fields

HEADINGS = ("What it does", "Why is this bad?", "Example", "Fix safety", "Options")


def rule_doc(rule: Rule) -> str:
    """The rule's Markdown documentation (module docstring or pack ``doc``)."""
    return inspect.cleandoc(rule.meta.doc).strip()


def explain_rule(rule: Rule) -> str:
    m = rule.meta
    fix = m.fix.value if m.fix else "none"
    lines = [
        f"# {m.name} ({m.code})",
        "",
        m.summary,
        "",
        f"Category: {m.category} · severity: {m.severity.value} · scope: {m.scope} · "
        f"fix: {fix} · defined in: {m.origin}",
        "",
        rule_doc(rule),
    ]
    fields = option_fields(rule.Options)
    if fields:
        lines += ["", "## Option types and defaults"]
        for name, tp, default in fields:
            lines.append(f"- `{name}` ({describe_type(tp)}), default `{default!r}`")
    if m.examples_fail or m.examples_pass:
        lines += ["", "## Examples from the pack"]
        for label, items in (("fires on", m.examples_fail), ("quiet on", m.examples_pass)):
            for item in items:
                shown = textwrap.shorten(item.replace("\n", " ⏎ "), 100)
                lines.append(f"- {label}: {shown}")
    return "\n".join(lines)
