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
    assert _layout.wrap_joins(Document(text).line_texts) == _wrap_joins_plain(texts)


def test_wrap_joins_on_real_texts() -> None:
    for text in FIXTURE_TEXTS:
        doc = Document(text)
        assert _layout.wrap_joins(doc.line_texts) == _wrap_joins_plain([x.text for x in doc.lines])


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


# -- the screens of boilerplate-block and teaser ---------------------------------------

import json  # noqa: E402

from newslint.checks import boilerplate_block, teaser  # noqa: E402
from newslint.checks._layout import KEEP, LINK  # noqa: E402

ZYTE = REPO.parent / "shared" / "data" / "boilerplate" / "zyte_aeb_txt"


def _real_texts() -> list[str]:
    """The rule fixtures, the Reuters stories of the test data (hard-wrapped) and, when
    the shared data is there, the labelled web pages (menus, link lists, teasers)."""
    texts = list(FIXTURE_TEXTS)
    with (REPO / "tests" / "data" / "reuters-40.jsonl").open(encoding="utf-8") as fh:
        texts += [json.loads(line)["text"] for line in fh]
    if ZYTE.is_dir():
        texts += [p.read_text(encoding="utf-8") for p in sorted(ZYTE.glob("*.txt"))[:60]]
    return texts


REAL_TEXTS = _real_texts()
_BLOCK_OPTIONS = [
    boilerplate_block.BoilerplateBlock.Options(),
    boilerplate_block.BoilerplateBlock.Options(min_lines=1, max_words=3),
    boilerplate_block.BoilerplateBlock.Options(min_lines=0, max_words=12),
    boilerplate_block.BoilerplateBlock.Options(min_lines=5, bylines_and_credits=True),
]


def _found(diagnostics: object) -> list[tuple[int, int, str, str]]:
    return [(d.start, d.end, d.message, repr(d.fix)) for d in diagnostics]  # type: ignore[attr-defined]


def _block_same(text: str, title: str | None, options: object) -> None:
    rule = boilerplate_block.RULE
    screened = _found(rule._check(Document(text, title=title), options, screen=True))
    plain = _found(rule._check(Document(text, title=title), options, screen=False))
    assert screened == plain, (text, options)


def _kinds_counted(text: str, title: str | None, max_words: int) -> None:
    """count_kinds never counts fewer lines of a kind than layout gives it."""
    doc = Document(text, title=title)
    kinds = _layout.layout(doc, max_words).kinds
    for wanted in ({LINK}, {LINK, KEEP}):
        actual = sum(1 for k in kinds if k in wanted)
        assert _layout.count_kinds(doc, max_words, frozenset(wanted), 10**6) >= actual, text
        # counting stops at `need`, never below the real number of lines
        need = max(actual, 1)
        assert _layout.count_kinds(doc, max_words, frozenset(wanted), need) >= min(need, actual)


_PROSE = [
    "Prosecutors in Sweden have dropped an investigation into a rape allegation.",
    "The company said it expects to record a loss for the first quarter of the year.",
    "He said the plan was approved by the board, and shares rose 3% in early trading.",
    "Who is Venezuela's legitimate leader?",
    "GET FOX BUSINESS ON THE GO BY CLICKING HERE",
    "Related stories",
    "Share this article",
    "By John Smith",
    "Photo: Getty Images",
    "Nov. 19, 2019",
    "3h ago",
    "",
]
_BLOCK_LINE = st.one_of(
    _LINE,
    st.sampled_from(_PROSE),
    st.builds(lambda indent, s: " " * indent + s, st.sampled_from([0, 0, 2, 4]), _LINE),
)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.one_of(_BLOCK_LINE, _WRAP_LINE), min_size=0, max_size=24),
    st.sampled_from([None, "", "Prosecutors in Sweden drop rape investigation"]),
    st.sampled_from(_BLOCK_OPTIONS),
)
def test_block_screen_random(lines: list[str], title: str | None, options: object) -> None:
    text = "\n".join(lines)
    _block_same(text, title, options)
    _kinds_counted(text, title, options.max_words)  # type: ignore[attr-defined]


@settings(max_examples=300, deadline=None)
@given(st.lists(_WRAP_LINE, min_size=3, max_size=20), st.sampled_from(_BLOCK_OPTIONS))
def test_block_screen_random_wrapped(lines: list[str], options: object) -> None:
    """Hard-wrapped text: the units are paragraphs."""
    text = "\n".join(lines)
    _block_same(text, None, options)
    _kinds_counted(text, None, options.max_words)  # type: ignore[attr-defined]


def test_block_screen_on_real_texts() -> None:
    assert len(REAL_TEXTS) > 100
    screened_out = 0
    for text in REAL_TEXTS:
        for options in _BLOCK_OPTIONS:
            _block_same(text, None, options)
        _kinds_counted(text, None, 8)
        if _layout.count_kinds(Document(text), 8, frozenset({LINK}), 3) < 3:
            screened_out += 1
    assert screened_out >= 30  # the wire stories at least: the screen does its work


def test_classify_memo() -> None:
    for s in FIXTURE_LINES:
        if s:
            for max_words in (3, 8):
                assert _layout.classify_line(s, max_words) == _layout.classify(s, max_words)


# teaser: the candidate lines are found by cheaper tests in another order; the
# plain version below is the rule as first written (every non-blank line, the tests
# in the order of the rule's description)


def _headline_like_plain(s: str, min_words: int, max_words: int) -> bool:
    if s[-1] in ".,;:" or (_layout.ends_sentence(s) and s[-1] not in "?!"):
        return False
    if s[0] in teaser._NOT_FIRST or any(c in s for c in teaser._NOT_IN):
        return False
    if not s.isascii() and _layout.cjk_chars().search(s):
        return False
    if teaser._LABEL.match(s) or teaser._QA.match(s):
        return False
    words = s.split()
    if not min_words <= len(words) <= max_words:
        return False
    if s.endswith("?"):
        return "," not in s
    letters = [w for w in words if w[:1].isalpha()]
    if not letters:
        return False
    if s.isupper():
        return True
    return letters[0][0].isupper() and all(
        w[0].isupper() or w.lower() in teaser._LOWER_OK for w in letters
    )


def _teaser_plain(doc: Document, options: teaser.Teaser.Options) -> list[tuple[int, int, str]]:
    lines = doc.lines
    first = doc.headline_line
    candidates: list[tuple[int, str]] = []
    joins = _layout.joins_of(doc)
    filled = [idx for idx, line in enumerate(lines) if line.text.strip()]
    for pos in range(1, len(filled) - 1):
        idx = filled[pos]
        line = lines[idx]
        if not 4 <= line.end - line.start <= teaser._MAX_CHARS or line.number == first:
            continue
        if joins is not None and (joins[idx] or (idx > 0 and joins[idx - 1])):
            continue
        before, after = lines[filled[pos - 1]], lines[filled[pos + 1]]
        if min(before.end - before.start, after.end - after.start) < teaser._MIN_PROSE:
            continue
        s = line.text.strip()
        if not _headline_like_plain(s, 1, options.max_words):
            continue
        if not all(
            _layout.classify(x.text.strip(), 8)[0] == _layout.PROSE for x in (before, after)
        ):
            continue
        if _layout.classify(s, 8)[0] in (_layout.KEEP, _layout.NEUTRAL):
            continue
        if teaser._stems(s) & teaser._stems(after.text):
            return []
        if len(s.split()) < options.min_words or _layout.like_headline(
            s, _layout.headline_keys(doc)
        ):
            continue
        candidates.append((idx, s))
    if len(candidates) > 1:
        candidates = [(idx, s) for idx, s in candidates if not s.endswith("?")]
    if len(candidates) > options.max_teasers:
        return []
    out = []
    for idx, s in candidates:
        line = lines[idx]
        start = line.start + len(line.text) - len(line.text.lstrip())
        out.append((start, start + len(s), s))
    return out


_TEASER_OPTIONS = [
    teaser.Teaser.Options(),
    teaser.Teaser.Options(min_words=1, max_words=30, max_teasers=10),
]


def _teaser_same(text: str, title: str | None, options: teaser.Teaser.Options) -> None:
    found = [
        (d.start, d.end, d.message.rsplit(": '", 1)[1][:-1])
        for d in teaser.RULE.check(Document(text, title=title), options)
    ]
    assert found == _teaser_plain(Document(text, title=title), options), text


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.one_of(_BLOCK_LINE, _WRAP_LINE), min_size=0, max_size=16),
    st.sampled_from([None, "Prosecutors in Sweden drop rape investigation"]),
    st.sampled_from(_TEASER_OPTIONS),
)
def test_teaser_random(lines: list[str], title: str | None, options: teaser.Teaser.Options) -> None:
    _teaser_same("\n".join(lines), title, options)


@settings(max_examples=1500, deadline=None)
@given(_LINE, st.integers(1, 6), st.integers(4, 16))
def test_headline_like_random(s: str, low: int, high: int) -> None:
    assert teaser._headline_like(s, low, high) == _headline_like_plain(s, low, high)


def test_teaser_on_real_texts() -> None:
    for text in REAL_TEXTS:
        for options in _TEASER_OPTIONS:
            _teaser_same(text, None, options)
    for s in FIXTURE_LINES:
        if s:
            assert teaser._headline_like(s, 1, 16) == _headline_like_plain(s, 1, 16), s


# one-line documents (a JSONL title field): the engine skips rules whose min_lines()
# is more than one, so they must find nothing in them


@settings(max_examples=300, deadline=None)
@given(_BLOCK_LINE, st.sampled_from([None, "Some title"]))
def test_one_line_documents(line: str, title: str | None) -> None:
    for options in _BLOCK_OPTIONS:
        assert boilerplate_block.RULE.min_lines(options) >= 2
        doc = Document(line, title=title)
        assert not list(boilerplate_block.RULE._check(doc, options, screen=False))
    for options in _TEASER_OPTIONS:
        assert teaser.RULE.min_lines(options) >= 2
        assert not list(teaser.RULE.check(Document(line, title=title), options))


def _shares_words_plain(k: str, key_words: tuple[tuple[str, frozenset[str]], ...]) -> bool:
    """``_layout._shares_words`` as first written: the line's word set built at once."""
    a: set[str] | None = None
    for key, b in key_words:
        if (k in key and len(k) * 2 >= len(key)) or key in k:
            return True
        if a is None:
            a = set(k.split())
        shared = len(a & b)
        if shared >= 4 and shared * 5 >= min(len(a), len(b)) * 3:
            return True
    return False


_KEY_WORDS = ["the", "news", "sweden", "drops", "rape", "case", "of", "a", "b", "c", "d", "e", "f"]
_KEY_TEXT = st.lists(st.sampled_from(_KEY_WORDS), min_size=1, max_size=12).map(" ".join)


@settings(max_examples=1500, deadline=None)
@given(_KEY_TEXT, st.lists(_KEY_TEXT, min_size=0, max_size=3))
def test_shares_words_random(k: str, keys: list[str]) -> None:
    key_words = _layout._key_words(tuple(keys))
    assert _layout._shares_words(k, key_words) == _shares_words_plain(k, key_words)


def test_shares_words_on_real_lines() -> None:
    folded = [_layout.normalize(s) for s in FIXTURE_LINES]
    keys_list = [tuple(k for k in folded[i : i + 3] if k) for i in range(0, len(folded), 7)]
    for keys in keys_list:
        key_words = _layout._key_words(keys)
        for k in folded[::3]:
            if k.count(" ") >= 2:
                assert _layout._shares_words(k, key_words) == _shares_words_plain(k, key_words)


# -- the phrase rule on hard-wrapped text ---------------------------------------------
# On hard-wrapped text the `boilerplate` phrase rule tries only the lines that stand
# alone (`_layout.standalone_lines`); it must find exactly what trying every line
# and skipping the pieces of joined paragraphs finds.


def _phrase_plain(rule: object, doc: Document, options: object) -> list[tuple[int, int]]:
    from newslint.kinds.line_pattern import _sentence_end

    joins = _layout.joins_of(doc)
    lines = doc.lines
    found = []
    for i, line in enumerate(lines):
        if line.is_blank or (joins is not None and (joins[i] or (i > 0 and joins[i - 1]))):
            continue
        max_words = options.max_words or rule.max_words  # type: ignore[attr-defined]
        if rule.match_line(line.text, max_words) is None:  # type: ignore[attr-defined]
            continue
        if _sentence_end(doc.line_texts, i):
            continue
        start = line.start + len(line.text) - len(line.text.lstrip())
        found.append((start, line.start + len(line.text.rstrip())))
    return found


def _phrase_rule() -> tuple[object, object]:
    from newslint.config import Config
    from newslint.workspace import Project

    linter = Project(Config()).linter_for(None)
    return next((r, o) for r, o, _ in linter.plan if r.meta.name == "boilerplate")


_PHRASE_RULE = _phrase_rule()
_WRAP_OR_FURNITURE = st.one_of(
    _WRAP_LINE,
    st.sampled_from(["Share this article", "Read more", "Advertisement", "About us", "", "    "]),
)


def _phrase_same(text: str) -> None:
    rule, options = _PHRASE_RULE
    doc = Document(text)
    found = [(d.start, d.end) for d in rule.check(doc, options)]  # type: ignore[attr-defined]
    assert found == _phrase_plain(rule, Document(text), options), text


@settings(max_examples=400, deadline=None)
@given(st.lists(_WRAP_OR_FURNITURE, min_size=3, max_size=20))
def test_phrase_rule_on_wrapped_text_random(lines: list[str]) -> None:
    _phrase_same("\n".join(lines))


def test_phrase_rule_on_real_texts() -> None:
    wrapped = 0
    for text in REAL_TEXTS:
        wrapped += _layout.joins_of(Document(text)) is not None
        _phrase_same(text)
    assert wrapped >= 20  # the Reuters stories take the hard-wrapped path


# -- matched_lines: the pack's screen over many lines at once (the duplication rules
# leave boilerplate lines out of a document's words through it) -----------------------


def _matched_same(lines: list[str]) -> None:
    from newslint.packs import builtin_pack_dir, load_pack_rules

    rule = next(r for r in load_pack_rules([builtin_pack_dir()]) if r.meta.name == "boilerplate")
    expected = [i for i, t in enumerate(lines) if rule.match_line(t, 12) is not None]  # type: ignore[attr-defined]
    rule._listed = 100  # type: ignore[attr-defined]  # past the start: the screened path
    assert rule.matched_lines(lines, 12) == expected, lines  # type: ignore[attr-defined]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_WRAP_OR_FURNITURE, _LINE), min_size=0, max_size=20))
def test_matched_lines_random(lines: list[str]) -> None:
    _matched_same([s for s in map(str.strip, lines) if s and "\n" not in s])


def test_matched_lines_on_real_texts() -> None:
    matched = 0
    for text in REAL_TEXTS:
        lines = [s for s in map(str.strip, text.split("\n")) if s]
        _matched_same(lines)
        matched += bool(lines)
    assert matched > 50


# -- spans.remove_line, read from the line texts ---------------------------------------


def _remove_line_plain(doc: Document, number: int) -> object:
    """``spans.remove_line`` as first written (over the Line tuples)."""
    from newslint.diagnostics import Edit

    lines = doc.lines
    i = number - 1
    line = lines[i]
    prev_content = next((j for j in range(i - 1, -1, -1) if not lines[j].is_blank), None)
    next_content = next((j for j in range(i + 1, len(lines)) if not lines[j].is_blank), None)
    if next_content is None:
        if prev_content is None:
            return Edit.delete(line.start, line.end)
        return Edit.delete(lines[prev_content].end, line.end)
    if prev_content is None:
        return Edit.delete(line.start, lines[next_content].start)
    end = lines[i + 1].start
    if lines[i - 1].is_blank and lines[i + 1].is_blank:
        end = lines[i + 2].start
    return Edit.delete(line.start, end)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.sampled_from(["a", "b c", "", " ", "\t", "x.", " \u00a0"]), min_size=1, max_size=9)
)
def test_remove_line_random(lines: list[str]) -> None:
    from newslint.spans import remove_line

    doc = Document("\n".join(lines))
    for number in range(1, len(lines) + 1):
        assert remove_line(doc, number) == _remove_line_plain(doc, number), (lines, number)
