"""The screens of the line rules find what the line-by-line checks find (issue 7).

`boilerplate` (the line-pattern kind), `whitespace`, `entity-debris` and
`markup-debris` rule most texts out, or most of their lines, with a few scans of
the whole text before any per-line work. Each screen must be exact: these tests run
the screened and the unscreened path over random text built from the pieces the
rules look for, and over real text, and compare every finding. The Unicode facts
that the line-pattern screen's proof rests on are checked for every code point.
"""

from __future__ import annotations

import copy
import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newslint.document import Document

ROOT = Path(__file__).resolve().parent
ZYTE = Path("/work/shared/data/boilerplate/zyte_aeb.jsonl")
CORPUS = Path("/tmp/newslint-bench/corpus-20MB.jsonl")


# -- Unicode facts ---------------------------------------------------------------------


@lru_cache(maxsize=1)
def _all_chars() -> list[str]:
    return [chr(i) for i in range(0x110000) if not 0xD800 <= i <= 0xDFFF]


def test_casefold_keeps_line_breaks_whitespace_and_edge_junk() -> None:
    from newslint.kinds.line_pattern import _EDGE_JUNK, _whitespace

    junk = set(_EDGE_JUNK)
    spaces = set(_whitespace())
    for c in _all_chars():
        folded = c.casefold()
        if c.isspace() or c in junk:
            assert folded == c, repr(c)  # kept as they are
            continue
        for f in folded:  # nothing else turns into whitespace, a line break or junk
            assert not f.isspace() and f not in junk, repr(c)
            assert f.casefold() == f, repr(c)  # and folded text folds to itself
    # the whitespace the screen skips is all of it but the line break
    assert spaces == {c for c in _all_chars() if c.isspace()} - {"\n"}
    assert not any(re.fullmatch(r"\w", c) for c in junk | spaces)
    # \s is str.isspace(), which str.split() splits on
    assert all(bool(re.fullmatch(r"\s", c)) == c.isspace() for c in _all_chars())


def test_ignorecase_takes_only_the_dotless_i_for_an_ascii_letter_in_folded_text() -> None:
    folded = {f for c in _all_chars() for f in c.casefold()}
    letter = re.compile("[a-z]", re.IGNORECASE)
    extra = {c for c in folded if not c.isascii() and letter.fullmatch(c)}
    assert extra == {"ı"}
    assert re.fullmatch("i", "ı", re.IGNORECASE)


# -- line-pattern (boilerplate) -----------------------------------------------------------


@lru_cache(maxsize=1)
def _phrase_rules() -> tuple[Any, ...]:
    from newslint.config import Config
    from newslint.workspace import Project

    rules = [r for r in Project(Config()).linter_for(None).document_rules if hasattr(r, "screen")]
    assert rules
    return tuple(rules)


def _both(rule: Any) -> tuple[Any, Any]:
    """The rule with its screen, and a copy that matches every line."""
    screened = copy.copy(rule)
    screened._checked = 1000
    assert screened.screen() is not None
    plain = copy.copy(rule)
    plain._screen = None
    plain._checked = 1000
    return screened, plain


def _same_lines(text: str) -> None:
    for rule in _phrase_rules():
        screened, plain = _both(rule)
        options = rule.Options()
        doc = Document(text)
        got = list(screened.check(doc, options))
        assert got == list(plain.check(Document(text), options)), (rule.meta.name, text)


@lru_cache(maxsize=1)
def _phrase_pieces() -> list[str]:
    rule = _phrase_rules()[0]
    pieces = [e.text for e in rule.lines.values()]
    pieces += [e.text for e in rule.contains.values()]
    pieces += ["© 2024 Acme Inc.", "(c) 2019-2024 Foo Media", "12 comments", "3.5k shares"]
    pieces += ["Read more: a story", "Tags: x, y", "All rights reserved", "Follow us on X"]
    pieces += ["Alle Rechte vorbehalten", "todos los derechos reservados", "5 Kommentare"]
    return pieces


_JUNK = st.sampled_from(["", " ", "  ", "\t", "\u00a0", "\u2003", "- ", "• ", "» ", "|", ":", "…"])
_CASE = st.sampled_from([str, str.upper, str.title, str.lower, lambda s: s.replace("i", "ı")])


@st.composite
def _line(draw: Any) -> str:
    kind = draw(st.integers(0, 4))
    if kind == 0:
        return draw(st.text(alphabet=" abcdeiIıK©:-|.\t\u00a0\u2003ßSs0123", max_size=30))
    pieces = _phrase_pieces()
    parts = [draw(_CASE)(draw(st.sampled_from(pieces))) for _ in range(draw(st.integers(1, 3)))]
    sep = draw(st.sampled_from([" | ", " ", "  ", " · ", "\t", " and more words here "]))
    line = sep.join(parts)
    if kind == 4:  # a longer sentence around a phrase
        line = f"The minister said on Monday that {line} would not change"
    return draw(_JUNK) + line + draw(_JUNK) + draw(st.sampled_from(["", "\r"]))


@settings(max_examples=300, deadline=None)
@given(st.lists(_line(), min_size=1, max_size=12), st.sampled_from(["\n", "\n\n"]))
def test_line_pattern_screen_finds_what_every_line_finds(lines: list[str], sep: str) -> None:
    _same_lines(sep.join(lines))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_line_pattern_screen_on_any_text(text: str) -> None:
    _same_lines(text)


def _real_texts(limit: int) -> list[str]:
    texts: list[str] = []
    if ZYTE.exists():
        for raw in ZYTE.read_text(encoding="utf-8").splitlines()[:limit]:
            texts.append("\n".join(x["text"] for x in json.loads(raw)["lines"]))
    if CORPUS.exists():
        with CORPUS.open(encoding="utf-8") as fh:
            for i, raw in enumerate(fh):
                if i >= limit:
                    break
                texts.append(json.loads(raw)["text"])
    for path in sorted((ROOT / "fuzz_corpus").rglob("*"))[:limit]:
        if path.is_file():
            texts.append(path.read_text(encoding="utf-8", errors="replace"))
    return texts


def test_screens_on_real_text() -> None:
    texts = _real_texts(60)
    if not texts:
        pytest.skip("no real text here")
    for text in texts:
        _same_lines(text)
        _same_whitespace(text)
        _same_remains(text)
        _same_code(text)


def test_every_shipped_pattern_gets_a_screen() -> None:
    # a pattern the screen cannot read must carry a suffix; else every line is matched
    from newslint.kinds.line_pattern import _whitespace, pattern_forms

    for rule in _phrase_rules():
        assert rule.screen() is not None
        for pattern, _ in rule.patterns:
            forms = pattern_forms(pattern.text, _whitespace())
            assert forms is not None or pattern.suffix, pattern.text


def test_the_first_documents_compile_no_screen() -> None:
    from newslint.kinds.line_pattern import _SCREEN_AFTER

    rule = copy.copy(_phrase_rules()[0])
    rule._checked, rule._screen = 0, False
    for _ in range(_SCREEN_AFTER - 1):
        list(rule.check(Document("Text.\n\nLatest News"), rule.Options()))
    assert rule._screen is False


# -- whitespace ------------------------------------------------------------------------


def _same_whitespace(text: str, path: str | None = None, max_blank_lines: int = 1) -> None:
    from newslint.checks.whitespace import RULE

    options = RULE.Options(max_blank_lines=max_blank_lines)
    doc = Document(text, path=path)
    got = list(RULE.check(doc, options))
    every = []
    if text:  # every line looked at, no screen
        every = list(RULE._lines(doc, options, range(len(doc.lines))))
        every += list(RULE._blank_lines(doc, options.max_blank_lines))
    assert got == every, text


_WS_TEXT = st.text(alphabet=st.sampled_from(list("ab. \t\n\r\u00a0\u3000\u2003")), max_size=80)


@settings(max_examples=600, deadline=None)
@given(_WS_TEXT, st.sampled_from([None, "a.md"]), st.sampled_from([0, 1, 2]))
def test_whitespace_rows_hold_every_finding(
    text: str, path: str | None, max_blank_lines: int
) -> None:
    _same_whitespace(text, path, max_blank_lines)


def test_whitespace_screen_keeps_the_last_line_before_a_carriage_return() -> None:
    # the screen once missed these two (a space before a final carriage return;
    # one blank line with max-blank-lines = 0): a screen must never hide a finding
    _same_whitespace("a \r")
    _same_whitespace("a\n\nb", max_blank_lines=0)
    from newslint.checks.whitespace import RULE

    assert [d.message for d in RULE.check(Document("a \r"), RULE.Options())] == [
        "trailing whitespace (1 space)"
    ]
    found = RULE.check(Document("a\n\nb"), RULE.Options(max_blank_lines=0))
    assert [d.message for d in found] == ["1 blank line (at most 0)"]


# -- entity-debris ---------------------------------------------------------------------


def _same_remains(text: str) -> None:
    from newslint.checks.entity_debris import (
        _LOST_HEX,
        _LOST_NAMED,
        _LOST_NUMERIC,
        _before,
        _find_all,
        _marks,
    )

    every = [i for i in _find_all(text, ";") if i > 0 and text[i - 1].isalnum()]
    numeric, hexa, named = _marks(text)
    for pattern, marks, width in (
        (_LOST_NUMERIC, numeric, 6),
        (_LOST_HEX, hexa, 8),
        (_LOST_NAMED, named, 10),
    ):
        want = [m.span() for m in _before(pattern, text, every, width)]
        assert [m.span() for m in _before(pattern, text, marks, width)] == want, text


_ENTITY_BITS = st.sampled_from(
    [
        *("39;", "#39;", "#x27;", "don", "quot;", "lt;", "&lt;", "amp;", "&#3;", "eacute;"),
        *("AElig;", "rsquo;", "A38;", " ", "x", "1", "ff;", "&", "#", ";", "Ab", "nbsp;", "gt;x"),
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_ENTITY_BITS, max_size=12).map("".join))
def test_entity_marks_keep_every_remain(text: str) -> None:
    _same_remains(text)


# -- markup-debris ---------------------------------------------------------------------


def _same_code(text: str) -> None:
    from newslint.checks.markup_debris import _LINE_END_CODE, _code_ends, _code_verdict

    assert _code_ends(text) == [m.start() for m in _LINE_END_CODE.finditer(text)]
    for line in text.split("\n"):
        assert _code_verdict(line) == _code_verdict(line, screen=False), line


_CODE_BITS = st.sampled_from(
    [
        *("var x = 1;", "window.a", "(", ")", ";", "{", "}", "&&", "||", "=>", "googletag"),
        *("return", "typeof", "new Date", "adsbygoogle", "a.b(", "if (x) {", "  ", "\t", "\n"),
        *("word", ".", "color:red;", "[", "]", "&#3;", "'str;'", '"s"', "dataLayer"),
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_CODE_BITS, max_size=14).map("".join))
def test_code_line_screens_are_exact(text: str) -> None:
    _same_code(text)


def _run_together_reference(rule: Any, key: str) -> Any:
    """The search of LinePatternRule._run_together without its word pre-check."""
    from newslint.kinds.line_pattern import _EDGE_JUNK, _ENTRY_WORDS, _RUN_TOGETHER_WORDS

    if key.partition(" ")[0] not in rule._first_words:
        return None
    words = key.split(" ")
    n = len(words)
    if n < 2 or n > _RUN_TOGETHER_WORDS:
        return None
    parts: list[Any] = [[]] + [None] * n
    for i in range(1, n + 1):
        if not words[i - 1].strip(_EDGE_JUNK):
            parts[i] = parts[i - 1]
            continue
        for j in range(max(0, i - _ENTRY_WORDS), i):
            if parts[j] is not None and rule.lines.get(" ".join(words[j:i])) is not None:
                parts[i] = [*parts[j], rule.lines[" ".join(words[j:i])]]
                break
    found = parts[n]
    return None if not found or len(found) < 2 else [e.text for e in found]


@settings(max_examples=400, deadline=None)
@given(st.data())
def test_run_together_word_check_is_exact(data: Any) -> None:
    from newslint.kinds.line_pattern import line_key

    rule = _phrase_rules()[0]
    keys = sorted(rule.lines)
    pieces = data.draw(
        st.lists(
            st.one_of(st.sampled_from(keys), st.sampled_from(["|", "-", "·", "800", "mln", "x"])),
            min_size=1,
            max_size=6,
        )
    )
    key = line_key(" ".join(pieces))
    got = rule._run_together(key)
    want = _run_together_reference(rule, key)
    assert (got.text.split(" + ") if got else None) == want, key
