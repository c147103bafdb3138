"""HTML tags, escaped markup, shortcodes, template placeholders and script lines left in text.

## What it does
Finds what a scraper kept of the page's source instead of its text:

- HTML tags and comments: `<p>`, `</div>`, `<br />`, `<a href="…">`, `<!-- … -->`,
  and whole `<script>…</script>` / `<style>…</style>` elements;
- escaped markup: `&lt;span class=&quot;x&quot;&gt;`, also escaped several times
  (`&amp;lt;/p&amp;gt;`);
- CMS shortcodes and BBCode: `[caption id="…"]…[/caption]`, `[vc_row]`, `[b]…[/b]`;
- template placeholders: `{{ author.name }}`, `{% if ad %}`;
- lines of JavaScript or CSS: `var googletag = googletag || {};`,
  `window.dataLayer = window.dataLayer || [];`, `function(){`, `.cls{color:red}`.

Tags are removed and the words around and between them kept; a line that holds
nothing but tags is removed whole. Only real markup is taken: a known HTML
element name, well-formed attributes (`<a lot of people>` is prose), lower case
unless the tag is closed again in the document (newswire tickers such as
`<I>`, `<DD>` or `<ALLD.L>` are not tags), inline tags without attributes only
when their closing tag is there too. Square brackets are editorial
(`[the company]`, `[1]`) unless they carry quoted attributes, an underscore
name (`[vc_row]`) or a closing `[/name]`.

Escaped markup is this rule's, not `entity-debris`'s: `entity-debris` leaves
alone the references that delimit an escaped tag (`&lt;p&gt;`) or sit inside a
tag this rule removes (`<img src="…?a=1&amp;b=2">`), so that one span is never
fixed in two ways; the tag is removed in one step instead of being decoded into
a literal tag first.

## Why is this bad?
Markup in text is read aloud by screen readers, indexed by search engines,
counted by every statistic and learned by language models as if it were
language.

## Example
```text
<p>The talks resumed on <b>Monday</b>.</p>
var googletag = googletag || {};
```
becomes `The talks resumed on Monday.`, and the script line is removed.

## Fix safety
**Safe**: removing tags, comments, shortcodes and escaped tags keeps every
word the reader saw; a line that is unmistakably code (it starts like a
statement, ends like one, and holds no prose outside its string literals) is
removed whole. **Unsafe**: a line that only probably is code, and template
placeholders (they stood for text that is now lost; removing them does not
bring it back).

## Options
None.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

from ..diagnostics import Applicability, Diagnostic, Edit, Fix, Severity
from ..document import Document
from ..rule import Rule, RuleMeta
from ..spans import remove_line
from ._lazy_re import lazy

_ELEMENTS = frozenset(
    [
        "a",
        "abbr",
        "address",
        "area",
        "article",
        "aside",
        "audio",
        "b",
        "base",
        "bdi",
        "bdo",
        "big",
        "blockquote",
        "body",
        "br",
        "button",
        "canvas",
        "caption",
        "center",
        "cite",
        "code",
        "col",
        "colgroup",
        "data",
        "dd",
        "del",
        "details",
        "dfn",
        "dialog",
        "div",
        "dl",
        "dt",
        "em",
        "embed",
        "fieldset",
        "figcaption",
        "figure",
        "font",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "head",
        "header",
        "hr",
        "html",
        "i",
        "iframe",
        "img",
        "input",
        "ins",
        "kbd",
        "label",
        "legend",
        "li",
        "link",
        "main",
        "map",
        "mark",
        "meta",
        "meter",
        "nav",
        "noscript",
        "object",
        "ol",
        "optgroup",
        "option",
        "output",
        "p",
        "param",
        "picture",
        "pre",
        "progress",
        "q",
        "s",
        "samp",
        "script",
        "section",
        "select",
        "small",
        "source",
        "span",
        "strike",
        "strong",
        "style",
        "sub",
        "summary",
        "sup",
        "svg",
        "table",
        "tbody",
        "td",
        "template",
        "textarea",
        "tfoot",
        "th",
        "thead",
        "time",
        "title",
        "tr",
        "track",
        "tt",
        "u",
        "ul",
        "var",
        "video",
        "wbr",
    ]
)
# elements that stand alone or separate blocks: no closing tag needed to be sure
_STANDALONE = frozenset(
    [
        "br",
        "hr",
        "p",
        "div",
        "li",
        "ul",
        "ol",
        "td",
        "tr",
        "th",
        "table",
        "tbody",
        "thead",
        "tfoot",
        "wbr",
        "img",
        "section",
        "article",
        "header",
        "footer",
        "nav",
        "aside",
        "figure",
        "figcaption",
        "blockquote",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "iframe",
        "input",
        "meta",
        "link",
        "source",
        "picture",
        "video",
        "audio",
        "embed",
    ]
)
# elements that separate words: removing one between two words leaves a space
_BLOCK = _STANDALONE - {"wbr", "img", "source", "meta", "link", "input", "embed", "picture"}
_BOOLEAN_ATTRIBUTES = frozenset(
    [
        "allowfullscreen",
        "async",
        "autofocus",
        "autoplay",
        "checked",
        "controls",
        "default",
        "defer",
        "disabled",
        "hidden",
        "inert",
        "itemscope",
        "loop",
        "multiple",
        "muted",
        "nomodule",
        "novalidate",
        "open",
        "playsinline",
        "readonly",
        "required",
        "reversed",
        "selected",
    ]
)

# pieces of a tag; the quote may itself be escaped inside escaped markup
_LT = r"&(?:amp;)*lt;"
_GT = r"&(?:amp;)*gt;"
_QUOT = r"&(?:amp;)*quot;"
_ATTR_VALUE = rf"""(?:"[^"<>\n]*"|'[^'<>\n]*'|{_QUOT}.*?{_QUOT}|[^\s"'=<>`&]+)"""
_ATTRS = rf"(?P<attrs>(?:\s+[A-Za-z_:@][-\w:.@]*(?:\s*=\s*{_ATTR_VALUE})?)*)"
_TAG = lazy(rf"<(?P<close>/)?(?P<name>[A-Za-z][A-Za-z0-9]*){_ATTRS}\s*(?P<self>/)?>")
_ESCAPED_TAG = lazy(
    rf"{_LT}(?P<close>/)?(?P<name>[A-Za-z][A-Za-z0-9]*){_ATTRS}\s*(?P<self>/)?{_GT}"
)
_VALUE = lazy(rf"=\s*{_ATTR_VALUE}")
_COMMENT_OPEN = lazy(r"<!--")
_COMMENT_CLOSE = lazy(r"-->")
_DOCTYPE = lazy(r"<!DOCTYPE[^<>\n]{0,200}>", re.IGNORECASE)
_ESCAPED_COMMENT_OPEN = lazy(rf"{_LT}!--")
_ESCAPED_COMMENT_CLOSE = lazy(rf"--{_GT}")
_SCRIPT_OPEN = lazy(r"<script\b[^<>]*>", re.IGNORECASE)
_SCRIPT_CLOSE = lazy(r"</script\s*>", re.IGNORECASE)
_STYLE_OPEN = lazy(r"<style\b[^<>]*>", re.IGNORECASE)
_STYLE_CLOSE = lazy(r"</style\s*>", re.IGNORECASE)
_ATTR_NAMES = lazy(r"([A-Za-z_:@][-\w:.@]*)(\s*=)?")
_SHORTCODE = lazy(
    r"\[(?P<close>/)?(?P<name>[a-z][a-z0-9]*(?:[_-][a-z0-9]+)*)"
    r"(?P<attrs>(?:\s+[a-z_-]+=(?:\"[^\"\]\n]*\"|'[^'\]\n]*'|&quot;[^\]\n]*?&quot;"
    r"|[“”″][^“”″\]\n]*[“”″]))*)"
    r"\s*/?\]"
)
_WP_SHORTCODES = frozenset(
    [
        "caption",
        "gallery",
        "embed",
        "video",
        "audio",
        "playlist",
        "wp_caption",
        "contact-form-7",
        "gravityform",
        "youtube",
        "vimeo",
        "tweet",
        "instagram",
        "facebook",
        "soundcloud",
    ]
)
_PLACEHOLDER = lazy(
    r"\{\{\{?\s*[#/^>]?\s*[A-Za-z_$][\w$.\[\]'\" |:()-]{0,100}?\s*\}?\}\}"
    r"|\{%-?\s*[a-z]+\b[^{}\n]{0,200}?-?%\}"
)
_LINE_END_CODE = lazy(r"[;{})][ \t]*$", re.MULTILINE)
_REST_BLANK = lazy(r"[ \t]*(?:\n|\Z)")

# -- lines of script or style ---------------------------------------------------------
_STRINGS = lazy(r""""(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`[^`\n]*`""")
_JS_STRONG = lazy(
    r"""^\s*(?:
        (?:var|let|const)\s+[$\w]+\s*=
      | function\s*[$\w]*\s*\([^()]*\)\s*\{
      | \(\s*function\s*\(
      | \(\s*\(\s*\)\s*=>
      | \(?\s*adsbygoogle\b
      | (?:window|document|googletag|dataLayer|_gaq|gtag|fbq|pbjs|__tcfapi)\s*[.(\[]
      | (?:jQuery|\$)\s*\(\s*(?:document|window|function|["'])
    )""",
    re.VERBOSE,
)
_JS_WEAK = lazy(r"^\s*(?:if\s*\(.*\)\s*\{|[$\w]+(?:\.[$\w]+)+\s*(?:=[^=]|\())")
_JS_SIGNAL = lazy(
    r"function\s*\(|=>|===|!==|\|\||&&|\)\s*;|\bwindow\.|\bdocument\.|googletag|dataLayer"
    r"|\.push\s*\(|getElementById|addEventListener|querySelector|\btypeof\b|\bnew Date\b"
    r"|\breturn\b[^.]*;|[{(]\s*[})]"
)
_CSS_MEDIA = lazy(r"\s*@(?:media|supports)\b[^{}]*\{")
_CSS_BLOCK = lazy(r"\s*([^{}]+?)\s*\{([^{}]*)(\}?)")
_CSS_SELECTOR = lazy(r"[.#@]?[-\w][-\w\s,>+~.#:\[\]=\"'()*]*")
_CSS_DECL = lazy(r"\s*[-\w]+\s*:\s*[^:;{}]+")
_CSS_DECL_LINE = lazy(r"^\s*(?:[-a-z]+\s*:\s*[^;{}]+;\s*)+$")
_CODE_END = lazy(r"[;{}),]\s*$|\*/\s*$", re.MULTILINE)
_PROSE_RUN = lazy(r"(?:\b[A-Za-z][a-z]+\b[ ]){4}[A-Za-z][a-z]+\b")
_CLOSERS = lazy(r"^\s*[})\]]+[\s})\];,]*$")
_CODE_CHARS = frozenset("=()[].{|")
_CODE_WORD = lazy(
    "&&|adsbygoogle|googletag|dataLayer|getElementById|addEventListener|querySelector"
    "|typeof|new Date|return"
)


class DisjointSpans:
    """Non-overlapping spans with an O(log n) overlap test: a hostile text can hold
    tens of thousands of findings, and a list scan per finding would be quadratic."""

    __slots__ = ("_ends", "_starts")

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []
        for start, end in sorted(spans):
            self.claim(start, end)

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self._starts, start)
        if i > 0 and self._ends[i - 1] > start:
            return True
        return i < len(self._starts) and self._starts[i] < end

    def claim(self, start: int, end: int) -> bool:
        """Add ``[start, end)`` unless it overlaps a span already there."""
        if self.overlaps(start, end):
            return False
        i = bisect.bisect_right(self._starts, start)
        self._starts.insert(i, start)
        self._ends.insert(i, end)
        return True


def has_escaped(text: str) -> bool:
    """Whether ``text`` has "gt;" and "lt;", which every escaped tag or comment needs:
    searches for the ';' (rare in prose) that look behind it, far cheaper than
    substring tests for three characters."""
    return _GT_SEMICOLON.search(text) is not None and _LT_SEMICOLON.search(text) is not None


_GT_SEMICOLON = lazy(r";(?<=gt;)")
_LT_SEMICOLON = lazy(r";(?<=lt;)")


def _code_ends(text: str) -> list[int]:
    """The starts of the matches of _LINE_END_CODE, in order: the character before
    each line end (line breaks are few, and a search for them is fast), after the
    spaces and tabs before it; _LINE_END_CODE opens with a set of characters and is
    tried at every position of the text."""
    out: list[int] = []
    for end in [m.start() for m in _BEFORE_LINE_END.finditer(text)] + [len(text)]:
        i = end - 1
        while i >= 0 and text[i] in " \t":
            i -= 1
        if i >= 0 and text[i] in ";{})":
            out.append(i)
    return out


# a line break after one of ";{})" or after a space or tab
_BEFORE_LINE_END = lazy(r"\n(?<=[;{}) \t]\n)")


def _code_candidates(text: str) -> tuple[dict[int, int], dict[int, str | None]] | None:
    """The lines that end like code (start -> end) and their verdicts, or None when
    there are none or none looks like code: a line is taken only if it, or a line
    next to it, does."""
    code_ends = _code_ends(text)
    if not code_ends:
        return None
    spans: dict[int, int] = {}  # line start -> line end
    for i in code_ends:
        start = text.rfind("\n", 0, i) + 1
        if start not in spans:
            end = text.find("\n", i)
            spans[start] = len(text) if end == -1 else end
    verdicts = {start: _line_verdict(text[start:end]) for start, end in spans.items()}
    if not any(verdicts.values()):
        return None
    return spans, verdicts


def _pairs(
    text: str, opening: re.Pattern[str], closing: re.Pattern[str], limit: int
) -> list[tuple[int, int]]:
    """Spans from an opening match to the next closing match at most ``limit`` away,
    in linear time (each closing match is searched for once, not once per opening)."""
    out: list[tuple[int, int]] = []
    pos = 0
    close: re.Match[str] | None = None
    while True:
        m = opening.search(text, pos)
        if m is None:
            break
        if close is None or close.start() < m.end():
            close = closing.search(text, m.end())
            if close is None:
                break
        if close.end() - m.start() <= limit:
            out.append((m.start(), close.end()))
            pos = close.end()
        else:
            pos = m.end()
    return out


def _code_elements(text: str) -> list[tuple[int, int]]:
    return sorted(
        _pairs(text, _SCRIPT_OPEN, _SCRIPT_CLOSE, 20000)
        + _pairs(text, _STYLE_OPEN, _STYLE_CLOSE, 20000)
    )


def markup_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the tags, comments and script or style elements this rule removes,
    escaped or not: ``entity-debris`` leaves the references inside them alone
    (``&lt;p&gt;``, ``<img src="…?a=1&amp;b=2">``), so that one span is not fixed
    in two ways."""
    spans = DisjointSpans()
    partners: dict[str, bool] = {}
    # every pattern below ends with ">" (or its escaped form "&gt;"): without one,
    # nothing matches
    if "<" in text and ">" in text:
        for start, end in _code_elements(text) + _pairs(text, _COMMENT_OPEN, _COMMENT_CLOSE, 2000):
            spans.claim(start, end)
        for m in _DOCTYPE.finditer(text):
            spans.claim(m.start(), m.end())
        for m in _TAG.finditer(text):
            if _is_tag(m, text, escaped=False, partners=partners):
                spans.claim(m.start(), m.end())
    if has_escaped(text):
        for start, end in _pairs(text, _ESCAPED_COMMENT_OPEN, _ESCAPED_COMMENT_CLOSE, 2000):
            spans.claim(start, end)
        for m in _ESCAPED_TAG.finditer(text):
            if _is_tag(m, text, escaped=True, partners=partners):
                spans.claim(m.start(), m.end())
    return list(zip(spans._starts, spans._ends, strict=True))


def _is_tag(
    m: re.Match[str], text: str, *, escaped: bool, partners: dict[str, bool] | None = None
) -> bool:
    """Whether a tag-shaped match is really markup (see the rule's documentation)."""
    name = m.group("name")
    lower = name.lower()
    if lower not in _ELEMENTS:
        return False
    attrs = m.group("attrs") or ""
    closing = bool(m.group("close"))
    if closing and attrs.strip():
        return False
    has_value = False
    for attr in _ATTR_NAMES.finditer(_strip_values(attrs)):
        if attr.group(2):
            has_value = True
        elif attr.group(1).lower() not in _BOOLEAN_ATTRIBUTES:
            return False
    lt = "&lt;" if escaped else "<"
    if name != lower:
        # upper case: old HTML, or a newswire ticker (<I>, <DD>); markup only when
        # it carries attributes with values or is closed (opened) again
        if has_value:
            return True
        return _has(text, f"{lt}{name}" if closing else f"{lt}/{name}", partners)
    if has_value or closing or m.group("self") or lower in _STANDALONE:
        return True
    return _has(text, f"{lt}/{name}", partners)


def _has(text: str, needle: str, cache: dict[str, bool] | None) -> bool:
    if cache is None:
        return needle in text
    found = cache.get(needle)
    if found is None:
        found = cache[needle] = needle in text
    return found


def _strip_values(attrs: str) -> str:
    return _VALUE.sub("=", attrs)


class _Finding:
    __slots__ = ("end", "fix", "message", "start")

    def __init__(self, start: int, end: int, message: str, fix: Fix) -> None:
        self.start, self.end, self.message, self.fix = start, end, message, fix


def _show(s: str, limit: int = 60) -> str:
    s = s.replace("\n", " ")
    return s if len(s) <= limit else s[: limit - 1] + "…"


class MarkupDebris(Rule):
    meta = RuleMeta(
        code="NL601",
        name="markup-debris",
        category="markup",
        summary="HTML tags, escaped markup, shortcodes, placeholders or script lines in text.",
        severity=Severity.WARNING,
        scope="line",
        fix=Applicability.SAFE,
        quoted="restore",
        quoted_reason="markup is not the speaker's words: removing it keeps every word",
        doc=__doc__ or "",
        origin=__name__,
    )

    def check(self, doc: Document, options: Any) -> Iterator[Diagnostic]:
        text = doc.text
        # what each part below needs (tags and comments end with ">" or "&gt;",
        # shortcodes with "]", placeholders with "}"), tested first
        code = _code_candidates(text)
        tags = "<" in text and ">" in text
        escaped = has_escaped(text)
        brackets = "[" in text and "]" in text
        braces = "{" in text and "}" in text
        if not (code or tags or escaped or brackets or braces):
            return
        findings: list[_Finding] = []
        taken = DisjointSpans()
        partners: dict[str, bool] = {}

        def add(start: int, end: int, message: str, fix: Fix) -> None:
            if taken.claim(start, end):
                findings.append(_Finding(start, end, message, fix))

        def remove(start: int, end: int, what: str, message: str) -> None:
            fix = self._removal(doc, start, end, Applicability.SAFE, f"remove the {what}")
            add(start, end, f"{message} left in text: '{_show(text[start:end])}'", fix)

        if code:
            self._code_lines(doc, add, *code)
        if tags:
            for start, end in _pairs(text, _SCRIPT_OPEN, _SCRIPT_CLOSE, 20000):
                remove(start, end, "script", "HTML script")
            for start, end in _pairs(text, _STYLE_OPEN, _STYLE_CLOSE, 20000):
                remove(start, end, "style sheet", "HTML style sheet")
            for start, end in _pairs(text, _COMMENT_OPEN, _COMMENT_CLOSE, 2000):
                remove(start, end, "comment", "HTML comment")
            for m in _DOCTYPE.finditer(text):
                remove(m.start(), m.end(), "declaration", "HTML document type declaration")
            self._tags(doc, add, _TAG, escaped=False, partners=partners)
        if escaped:
            for start, end in _pairs(text, _ESCAPED_COMMENT_OPEN, _ESCAPED_COMMENT_CLOSE, 2000):
                remove(start, end, "comment", "escaped HTML comment")
            self._tags(doc, add, _ESCAPED_TAG, escaped=True, partners=partners)
        if brackets:
            self._shortcodes(doc, add)
        if braces:
            for m in _PLACEHOLDER.finditer(text):
                add(
                    m.start(),
                    m.end(),
                    f"template placeholder left in text: '{_show(m.group())}' "
                    "(the text it stood for is lost)",
                    self._removal(
                        doc, m.start(), m.end(), Applicability.UNSAFE, "remove the placeholder"
                    ),
                )
        for f in sorted(findings, key=lambda f: f.start):
            yield self.report(doc, f.start, f.end, f.message, fix=f.fix)

    # -- tags -------------------------------------------------------------------------

    def _tags(
        self,
        doc: Document,
        add: Any,
        pattern: re.Pattern[str],
        *,
        escaped: bool,
        partners: dict[str, bool],
    ) -> None:
        text = doc.text
        matches = [
            m
            for m in pattern.finditer(text)
            if _is_tag(m, text, escaped=escaped, partners=partners)
        ]
        if not matches:
            return
        what = "escaped HTML tag" if escaped else "HTML tag"
        by_line: dict[int, list[re.Match[str]]] = {}
        for m in matches:
            by_line.setdefault(doc.position(m.start())[0], []).append(m)
        for number, found in by_line.items():
            line = doc.lines[number - 1]
            only_tags = (
                len(found) > 1
                and all(m.end() <= line.end for m in found)
                and not _strip_matches(line.text, line.start, found).strip()
            )
            if only_tags:
                tags = " ".join(m.group() for m in found)
                add(
                    line.start,
                    line.end,
                    f"line of {what}s: '{_show(tags)}'",
                    Fix((remove_line(doc, number),), Applicability.SAFE, "remove the line"),
                )
                continue
            for m in found:
                name = m.group("name").lower()
                add(
                    m.start(),
                    m.end(),
                    f"{what} left in text: '{_show(m.group())}'",
                    self._removal(
                        doc,
                        m.start(),
                        m.end(),
                        Applicability.SAFE,
                        "remove the tag",
                        separates=name in _BLOCK,
                    ),
                )

    def _shortcodes(self, doc: Document, add: Any) -> None:
        text = doc.text
        matches = list(_SHORTCODE.finditer(text))
        first_open: dict[str, int] = {}
        last_close: dict[str, int] = {}
        for m in matches:
            name = m.group("name")
            if m.group("close"):
                last_close[name] = m.start()
            else:
                first_open.setdefault(name, m.start())
        for m in matches:
            name = m.group("name")
            if m.group("close"):
                ok = first_open.get(name, m.start()) < m.start()
                ok = ok or name in _WP_SHORTCODES or "_" in name
            elif m.group("attrs"):
                ok = True
            else:
                ok = "_" in name or last_close.get(name, -1) > m.start()
            if not ok:
                continue
            add(
                m.start(),
                m.end(),
                f"shortcode left in text: '{_show(m.group())}'",
                self._removal(doc, m.start(), m.end(), Applicability.SAFE, "remove the shortcode"),
            )

    # -- script and style lines -------------------------------------------------------

    def _code_lines(
        self, doc: Document, add: Any, spans: dict[int, int], verdicts: dict[int, str | None]
    ) -> None:
        """The lines of code among the lines ``spans`` (start -> end) that end like
        code, with their ``verdicts`` (see :func:`_code_candidates`)."""
        text = doc.text
        for start, end in spans.items():
            verdict = verdicts[start]
            line = text[start:end]
            if verdict is None and (_CLOSERS.match(line) or _CSS_DECL_LINE.match(line)):
                previous = text.rfind("\n", 0, start - 1) + 1 if start > 0 else -1
                near = (verdicts.get(previous), verdicts.get(end + 1))
                if "code" in near or "likely" in near:
                    verdict = "code"
            if verdict is None:
                continue
            kind = "style sheet" if _is_css(line.strip()) else "script"
            safe = verdict == "code"
            add(
                start,
                end,
                f"line of {kind} code left in text: '{_show(line.strip())}'"
                + ("" if safe else " (probably code)"),
                Fix(
                    (remove_line(doc, doc.position(start)[0]),),
                    Applicability.SAFE if safe else Applicability.UNSAFE,
                    "remove the line",
                ),
            )

    # -- edits ------------------------------------------------------------------------

    def _removal(
        self,
        doc: Document,
        start: int,
        end: int,
        applicability: Applicability,
        title: str,
        *,
        separates: bool = False,
    ) -> Fix:
        """Delete ``[start, end)`` so that the words around it stay separated once."""
        text = doc.text
        before = text[start - 1] if start > 0 else "\n"
        after = text[end] if end < len(text) else "\n"
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        line_end = len(text) if line_end == -1 else line_end
        if not text[line_start:start].strip() and not text[end:line_end].strip():
            number = doc.position(start)[0]
            end_number = doc.position(end)[0]
            if number == end_number:
                return Fix((remove_line(doc, number),), applicability, title)
        if before in " \t" and after in " \t":
            return Fix((Edit(start, end + 1, ""),), applicability, title)
        if (before in " \t" and after == "\n") or (before == "\n" and after in " \t"):
            lo = start - 1 if before in " \t" else start
            hi = end + 1 if after in " \t" else end
            return Fix((Edit(lo, hi, ""),), applicability, title)
        if separates and not before.isspace() and not after.isspace():
            return Fix((Edit(start, end, " "),), applicability, title)
        return Fix((Edit(start, end, ""),), applicability, title)


def _strip_matches(s: str, offset: int, found: list[re.Match[str]]) -> str:
    out = []
    pos = 0
    for m in found:
        out.append(s[pos : m.start() - offset])
        pos = m.end() - offset
    out.append(s[pos:])
    return "".join(out)


def _is_css(line: str) -> bool:
    """Whether a line is CSS: rule blocks ``selector { property: value; }``, possibly
    inside ``@media … {``, or the opening of one."""
    pos = 0
    m = _CSS_MEDIA.match(line)
    if m:
        pos = m.end()
    blocks = 0
    while pos < len(line):
        m = _CSS_BLOCK.match(line, pos)
        if m is None:
            break
        if not _CSS_SELECTOR.fullmatch(m.group(1)):
            return False
        decls = [d for d in m.group(2).split(";") if d.strip()]
        if not decls or not all(_CSS_DECL.fullmatch(d.rstrip()) for d in decls):
            return False
        blocks += 1
        pos = m.end()
        if not m.group(3):
            break  # an opened block: the rest of the line must be empty
    return blocks > 0 and not line[pos:].strip("} \t")


@lru_cache(maxsize=4096)
def _line_verdict(line: str) -> str | None:
    """:func:`_code_verdict`, once per distinct line (lines that end like code recur:
    the ``&#3;`` that ends every newswire story, the lines of a site's template)."""
    return _code_verdict(line)


def _code_verdict(line: str, screen: bool = True) -> str | None:
    """``"code"`` (unmistakable), ``"likely"`` or ``None`` for one line (``screen``:
    first rule out, exactly, the lines that hold nothing code is made of)."""
    stripped = line.strip()
    if len(stripped) < 4 or not _CODE_END.search(stripped):
        return None
    if screen and _CODE_CHARS.isdisjoint(stripped) and not _CODE_WORD.search(stripped):
        # every way to a verdict below needs one of these: _is_css a "{"; each
        # alternative of _JS_STRONG and _JS_WEAK one of "=([." or "adsbygoogle"; each
        # signal of _JS_SIGNAL one of "=()|.{" or "&&" or one of the words (and the
        # string literals that _STRINGS blanks out add none of them)
        return None
    bare = _STRINGS.sub('""', stripped)
    if _PROSE_RUN.search(bare):
        return None
    if "{" in bare and _is_css(stripped):
        return "code"
    ends_like_code = bare.endswith((";", "{", "}", ")"))
    signals = len(_JS_SIGNAL.findall(bare))
    if _JS_STRONG.match(stripped):
        if ends_like_code:
            return "code"
        return "likely" if signals else None
    if _JS_WEAK.match(stripped) and signals:
        return "code" if signals >= 2 and ends_like_code else "likely"
    if signals >= 3 and bare.endswith((";", "{", "}")):
        return "likely"
    return None


RULE = MarkupDebris()
