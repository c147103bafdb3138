"""The fast paths of the page-layout reading (boilerplate-block, teaser) give the same
results as the plain ones: random text, and the real text of the rule fixtures."""

from __future__ import annotations

from pathlib import Path

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from newslint.checks import _layout
from newslint.document import Document

REPO = Path(__file__).resolve().parents[1]
FIXTURE_TEXTS = [
    case["text"]
    for path in sorted((REPO / "tests" / "fixtures" / "rules").glob("*.yaml"))
    for case in yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]
    if isinstance(case.get("text"), str)
]
FIXTURE_LINES = sorted({s for text in FIXTURE_TEXTS for s in (x.strip() for x in text.split("\n"))})

# Characters that exercise the screens: the first and last letters of the credit and
# byline words in both cases, letters whose lower case is special (dotted and dotless
# i, long s, Kelvin sign, final sigma), brackets, slashes, digits, CJK.
_ALPHABET = "bBvVpPdDaAyYoOnNrRiIeEfFsScCqQgGtTmMhH İıſKΣσς()/:.-_,1é中 "
_WORDS = [
    "by", "By", "BY", "von", "Par", "por", "di", "Da", "de", "door", "av", "af", "photo",
    "Photo:", "Photos", "pictured", "credit", "Caption", "foto", "Bild", "quelle", "fonte:",
    "fuente", "source", "Sources", "(AP)", "(afp)", "/AFP", "/ap", "(Reuters)", "/reuters",
    "Getty Images", "(EPA)", "/epa", "(dpa)", "/DPA", "(ANSA)", "(EFE)", "İmage", "ſource",
    "John", "Smith", "Home", "News", "Sports", "-", "|", "3h ago", "Nov. 19",
]  # fmt: skip
_LINE = (
    st.one_of(
        st.text(alphabet=_ALPHABET, min_size=1, max_size=40),
        st.lists(st.sampled_from(_WORDS), min_size=1, max_size=6).map(" ".join),
    )
    .map(str.strip)
    .filter(bool)
)


def _is_credit_plain(s: str) -> bool:
    """``_layout._is_credit`` without its screen on the first and last letters."""
    low = s.lower()
    if low.startswith(_layout._CREDIT_START):
        for p in _layout._CREDIT_START:
            if low.startswith(p):
                rest = low[len(p) : len(p) + 2]
                return not rest[:1].isalpha() or rest == "s:" or rest == "s "
    return low.endswith(_layout._CREDIT_END)


def _byline_screened_out(s: str) -> bool:
    first = s[0]
    return first.isascii() and first not in _layout._BYLINE_FIRST


@settings(max_examples=1500, deadline=None)
@given(_LINE)
def test_credit_screen_random(s: str) -> None:
    assert _layout._is_credit(s) == _is_credit_plain(s)


@settings(max_examples=1500, deadline=None)
@given(_LINE)
def test_byline_screen_random(s: str) -> None:
    if _byline_screened_out(s):
        assert _layout._BYLINE.match(s) is None


def test_screens_on_real_lines() -> None:
    assert len(FIXTURE_LINES) > 200
    for s in FIXTURE_LINES:
        if not s:
            continue
        assert _layout._is_credit(s) == _is_credit_plain(s), s
        if _byline_screened_out(s):
            assert _layout._BYLINE.match(s) is None, s


def _wrap_joins_plain(texts: list[str]) -> list[bool] | None:
    """``_layout.wrap_joins`` as first written: every length first, no early exit, no
    inlined sentence test."""
    lengths = [len(t.rstrip()) for t in texts]
    longest = max(lengths, default=0)
    if longest > _layout._WRAP_WIDTH or longest == 0:
        return None
    content = [n for n in lengths if n >= 12]
    if len(content) < 3 or sum(1 for n in content if n * 5 >= longest * 3) * 2 < len(content):
        return None
    stripped = [t.strip() for t in texts]
    indents = [len(t) - len(t.lstrip()) for t in texts]
    joins = [False] * len(texts)
    broken = 0
    for i in range(len(texts) - 1):
        a, b = stripped[i], stripped[i + 1]
        if not a or not b:
            continue
        if indents[i + 1] > indents[i]:
            continue
        sentence = _layout.ends_sentence(a) or a[-1] == ":"
        dangling = not sentence and a.rsplit(None, 1)[-1].lower() in _layout._DANGLING
        if not sentence and (b[0].islower() or dangling):
            broken += 1
        n = lengths[i]
        if sentence and n * 4 < longest * 3:
            continue
        if not sentence and n * 2 < longest and not dangling:
            continue
        joins[i] = True
    if broken == 0 or broken * 10 < len(content):
        return None
    return joins


_WRAP_WORDS = [
    "the", "of", "said", "said.", "and", "company", "Reuter", "profit", "dlrs", "mln",
    "quarter.", "to", "in", "shares", "(AP)", "“quoted”", "end.”", "x:", "Home", "it",
]  # fmt: skip
_WRAP_LINE = st.builds(
    lambda indent, words: " " * indent + " ".join(words),
    st.sampled_from([0, 0, 0, 4]),
    st.lists(st.sampled_from(_WRAP_WORDS), min_size=0, max_size=16),
)


@settings(max_examples=600, deadline=None)
@given(st.lists(_WRAP_LINE, min_size=0, max_size=14))
def test_wrap_joins_random(lines: list[str]) -> None:
    text = "\n".join(lines)
    texts = [line.text for line in Document(text).lines]
    assert _layout.wrap_joins(Document(text).lines) == _wrap_joins_plain(texts)


def test_wrap_joins_on_real_texts() -> None:
    for text in FIXTURE_TEXTS:
        doc = Document(text)
        assert _layout.wrap_joins(doc.lines) == _wrap_joins_plain([x.text for x in doc.lines])


def test_header_first_characters() -> None:
    """`_HEADER_FIRST` holds every character a list header can start with: the first
    letters of the expression's alternatives and whatever matches them ignoring case."""
    import re

    from newslint.checks import boilerplate_block as bb

    inner = bb._HEADER[3 : bb._HEADER.rindex(")")]  # "(?:a|b|...)\b"
    alternatives, depth, current = [], 0, ""
    for ch in inner:
        depth += (ch in "([") - (ch in ")]")
        if ch == "|" and depth == 0:
            alternatives.append(current)
            current = ""
        else:
            current += ch
    alternatives.append(current)
    firsts = set()
    for alt in alternatives:
        firsts.update(alt[1 : alt.index("]")] if alt[0] == "[" else alt[0])
    assert firsts and all(c.isalpha() for c in firsts), firsts
    first_letter = re.compile("[" + "".join(sorted(firsts)) + "]", re.IGNORECASE)
    for cp in [*range(0x3000), 0x212A, 0x212B, 0xFB05, 0xFB06]:
        if first_letter.fullmatch(chr(cp)):
            assert chr(cp) in bb._HEADER_FIRST, hex(cp)
    for s in FIXTURE_LINES:
        if s and bb._header_re().match(s):
            assert s[0] in bb._HEADER_FIRST, s
