"""The text being checked.

A :class:`Document` is treated as immutable: rules read it, nobody rewrites it. Positions are
character offsets into ``text``; line and column numbers (1-based) are derived from
them on demand through a lazily built line index.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterator, Mapping
from itertools import accumulate, count, repeat
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar, cast

T = TypeVar("T")

if TYPE_CHECKING:  # the same to a type checker
    from functools import cached_property
else:

    class cached_property:
        """:func:`functools.cached_property` without its lock: on Python 3.11 the
        first read of each cached attribute takes a class-wide ``RLock`` (3.12 dropped
        it), ~1 us, several times per document. Two threads reading one new
        attribute at once may both compute it; the analyses are pure, so both get
        equal values."""

        def __init__(self, func):
            self.func = func
            self.attrname = func.__name__
            self.__doc__ = func.__doc__

        def __set_name__(self, owner, name):
            self.attrname = name

        def __get__(self, instance, owner=None):
            if instance is None:
                return self
            value = instance.__dict__[self.attrname] = self.func(instance)
            return value


_new_tuple = tuple.__new__
# byte -> folded byte for ASCII text: letters lowered, digits and "\n" kept, the rest " "
_ASCII_FOLD = bytes(
    (ord(chr(c).lower()) if chr(c).isalnum() or c == 10 else 32) if c < 128 else 32
    for c in range(256)
)
# the same for the bytes of UTF-8 text: the bytes of non-ASCII characters are kept
_UTF8_FOLD = _ASCII_FOLD[:128] + bytes(range(128, 256))


class Line(NamedTuple):
    """One line of a document: its number, offsets and text (without the newline)."""

    number: int  # 1-based
    start: int  # offset of the first character
    end: int  # offset just past the last character, before the newline
    text: str

    @property
    def is_blank(self) -> bool:
        return not self.text.strip()


class Document:
    """A piece of text to lint.

    ``text`` is the body; ``title`` an optional headline given separately (a JSONL
    field, say); ``path`` where it came from (for output and per-file configuration);
    ``id`` a stable identifier inside a corpus; ``metadata`` anything else the
    reader knew (source, url, date ...).
    """

    def __init__(
        self,
        text: str,
        title: str | None = None,
        path: str | None = None,
        id: str | None = None,
        metadata: Mapping[str, Any] | None = None,
        record: int | None = None,
        field: str | None = None,
    ) -> None:
        self.text = text
        self.title = title
        self.path = path
        self.id = id
        self.metadata: Mapping[str, Any] = metadata if metadata is not None else {}
        self.record = record  # record number when the document came from a JSONL/CSV input
        self.field = field  # the record field this text is ("text", "title")
        self._memo: dict[Callable[[Document], Any], Any] = {}

    def memo(self, analysis: Callable[[Document], T]) -> T:
        """``analysis(self)``, computed once per document: for analyses that several
        rules share (the hard-wrap joins, the headline's forms). ``analysis`` must be
        a pure, module-level function of the document."""
        try:
            return cast(T, self._memo[analysis])
        except KeyError:
            value = self._memo[analysis] = analysis(self)
            return value

    def __repr__(self) -> str:
        return f"Document({self.display_name!r}, {len(self.text)} characters)"

    @property
    def display_name(self) -> str:
        return self.path or self.id or "<string>"

    @cached_property
    def line_texts(self) -> list[str]:
        """The text of each line, without its newline (``lines[i].text``), without
        building the :class:`Line` tuples: for rules that only read the text."""
        return self.text.split("\n")

    @cached_property
    def line_starts(self) -> list[int]:
        return [0, *accumulate([len(part) + 1 for part in self.line_texts[:-1]])]

    @cached_property
    def lines(self) -> list[Line]:
        parts = self.line_texts
        starts = self.line_starts
        ends = [start + len(part) for start, part in zip(starts, parts, strict=True)]
        # tuple.__new__ through map builds the named tuples without a Python-level
        # call per line (Line(...) runs the generated __new__ in Python)
        return list(map(_new_tuple, repeat(Line), zip(count(1), starts, ends, parts)))

    @cached_property
    def folded_lines(self) -> list[str]:
        """Each line casefolded, every run of other characters than letters and digits
        (spaces, punctuation, underscores) made one space, and stripped: the form in
        which the duplication rules compare lines. One pass over the whole text."""
        text = self.text
        if text.isascii():
            # the same result through a byte table (10x cheaper than the regex below):
            # ASCII letters lowered, digits and newlines kept, everything else a space
            table = text.encode("ascii").translate(_ASCII_FOLD).decode("ascii")
            return [" ".join(part.split()) for part in table.split("\n")]
        import re  # cached by the re module; only the rules that compare lines get here

        # The ASCII characters through the byte table too (casefolded first: a
        # non-ASCII letter may fold to ASCII ones), then each non-ASCII character
        # that is not a word character made a space. What is left is word
        # characters, spaces and newlines: split() and join make the runs of spaces
        # one. The same as re.sub(r"[^\w\n]+", " ", ...) and strip() (tested), 1.4x
        # cheaper: that regex matches at every space between two words.
        data = text.casefold().encode("utf-8", "surrogatepass").translate(_UTF8_FOLD)
        folded = re.sub(r"[^\x00-\x7f\w]", " ", data.decode("utf-8", "surrogatepass"))
        return [" ".join(part.split()) for part in folded.split("\n")]

    def iter_lines(self) -> Iterator[Line]:
        return iter(self.lines)

    def position(self, offset: int) -> tuple[int, int]:
        """Return the 1-based ``(line, column)`` of a character offset."""
        if offset < 0 or offset > len(self.text):
            raise ValueError(f"offset {offset} outside the document (length {len(self.text)})")
        index = bisect.bisect_right(self.line_starts, offset) - 1
        return index + 1, offset - self.line_starts[index] + 1

    def line_span(self, number: int, *, with_newline: bool = False) -> tuple[int, int]:
        line = self.lines[number - 1]
        end = line.end + 1 if with_newline and line.end < len(self.text) else line.end
        return line.start, end

    @cached_property
    def headline_line(self) -> int | None:
        """Number of the first non-blank line, which stands for the headline."""
        for line in self.lines:
            if not line.is_blank:
                return line.number
        return None

    @cached_property
    def headline(self) -> str | None:
        """The title if one was given, else the first non-blank line of the text."""
        if self.title is not None and self.title.strip():
            return self.title
        number = self.headline_line
        return None if number is None else self.lines[number - 1].text

    @cached_property
    def quoted_spans(self) -> list[tuple[int, int]]:
        """Spans of quoted speech (see :mod:`newslint.quotes`)."""
        from .quotes import quoted_spans

        return quoted_spans(self.text)

    def in_quotes(self, start: int, end: int) -> bool:
        from .quotes import inside

        return inside(self.quoted_spans, start, end)

    def with_text(self, text: str) -> Document:
        """A copy of this document with another text (used by the fixer)."""
        return Document(
            text,
            title=self.title,
            path=self.path,
            id=self.id,
            metadata=self.metadata,
            record=self.record,
            field=self.field,
        )
