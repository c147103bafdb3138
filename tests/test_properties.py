"""Property-based tests (hypothesis): no input crashes a rule, spans are exact,
fixes touch only their edits, fixing is idempotent and converges, and JSONL
fixes keep every untouched byte.

The long fuzzing campaign is ``python bench/fuzz.py`` (see docs/architecture.md).
"""

from __future__ import annotations

import json
import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import newslint
from newslint import Document
from newslint.diagnostics import apply_edits
from newslint.fixer import select_fixes
from newslint.io.records import splice_json_string, string_value_span

SEED_LINES = [
    "Venezuela's Juan Guaido urges military uprising to topple socialist leader Nicolas Maduro",
    "U.S. Secretary of State Mike Pompeo claims that Maduro was ready to leave for Cuba.",
    '"We have been facing various forms of coup d\'etat", Maduro explained.',
    "Guaido said he was at the Caracas airbase La Carlota.",
    "Germany is one of 54 countries to recognize Guaido's role as interim president.",
    "São Paulo, Zürich and Kraków reported “calm” streets — for now.",
]
DAMAGE = [
    "39;", "&#39;", "&amp;amp;", "quot;", "â€™", "Ã©", "Latest News", "  ", "\t", "U.S-",
    "USA", "US", "Russian Federation", "\u200b", "&nbsp", "don39;t", "\n\n\n", "Read more",
]  # fmt: skip

PROJECT = newslint.project(select=["ALL"])
LINTER = PROJECT.linter_for(None)
UNICODE = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=0, max_size=400)
PROFILE = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def damaged_articles(draw: st.DrawFn) -> str:
    rng = random.Random(draw(st.integers(0, 2**32)))
    lines = [rng.choice(SEED_LINES) for _ in range(rng.randint(1, 8))]
    text = "\n\n".join(lines)
    for _ in range(rng.randint(0, 6)):
        pos = rng.randint(0, len(text))
        text = text[:pos] + rng.choice(DAMAGE) + text[pos:]
    if rng.random() < 0.3:
        text += "\n"
    return text


def _check_invariants(text: str) -> None:
    doc = Document(text)
    found = LINTER.lint(doc)
    assert not [d for d in found if d.code == "NL002"], [d.message for d in found]
    for d in found:
        assert 0 <= d.start <= d.end <= len(text)
        assert (d.line, d.column) == doc.position(d.start)
        if d.fix:
            for e in d.fix.edits:
                assert 0 <= e.start <= e.end <= len(text)
    # one pass of the fixer changes text only inside the chosen edits
    chosen = select_fixes(found, unsafe_fixes=True)
    edits = sorted(e for d in chosen for e in d.fix.edits)  # type: ignore[union-attr]
    fixed = apply_edits(text, edits)
    pos_old = pos_new = 0
    for e in edits:
        kept = e.start - pos_old
        assert fixed[pos_new : pos_new + kept] == text[pos_old : e.start]
        pos_new += kept + len(e.content)
        pos_old = e.end
    assert fixed[pos_new:] == text[pos_old:]
    # the whole fixer converges, is idempotent, and leaves nothing fixable behind
    for unsafe in (False, True):
        result = newslint.fix(text, unsafe_fixes=unsafe, select=["ALL"])
        assert result.converged, [d.message for d in result.remaining]
        assert not [d for d in result.remaining if d.fixable(unsafe)]
        again = newslint.fix(result.text, unsafe_fixes=unsafe, select=["ALL"])
        assert again.text == result.text


@PROFILE
@given(UNICODE)
def test_arbitrary_unicode(text: str) -> None:
    _check_invariants(text)


@PROFILE
@given(damaged_articles())
def test_real_text_with_injected_damage(text: str) -> None:
    _check_invariants(text)


@PROFILE
@given(
    st.lists(
        st.fixed_dictionaries({"id": st.text(max_size=10), "text": UNICODE, "n": st.integers()}),
        min_size=1,
        max_size=5,
    ),
    st.booleans(),
    damaged_articles(),
)
def test_jsonl_splice_changes_only_the_field(
    records: list[dict[str, object]], ascii_only: bool, new_text: str
) -> None:
    for record in records:
        raw = (json.dumps(record, ensure_ascii=ascii_only) + "\n").encode()
        out = splice_json_string(raw, {"text": new_text})
        decoded = json.loads(out)
        assert decoded["text"] == new_text
        assert {k: v for k, v in decoded.items() if k != "text"} == {
            k: v for k, v in record.items() if k != "text"
        }
        assert list(decoded) == list(record)
        # every byte outside the value token is the original byte
        old_span = string_value_span(raw.decode(), "text")
        new_span = string_value_span(out.decode(), "text")
        assert old_span is not None and new_span is not None
        assert out.decode()[: new_span[0]] == raw.decode()[: old_span[0]]
        assert out.decode()[new_span[1] :] == raw.decode()[old_span[1] :]
