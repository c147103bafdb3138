"""Decomposed characters (``e`` + U+0301 for ``é``) where the composed form exists.

## What it does
Finds letters written as a base letter followed by combining marks - `e` +
COMBINING ACUTE ACCENT for `é`, Hangul syllables spelled out in conjoining
jamo - where Unicode has a precomposed character, and writes the composed form
(Normalization Form C) for that span only.

Nothing else that NFC would touch is changed: combining marks with no
precomposed form stay as they are (`x̂`), marks in another but equivalent order
are not reordered (Arabic harakat, Hebrew points), and singletons such as the
ANGSTROM SIGN or CJK compatibility ideographs, which a publisher may have chosen
on purpose, are left alone. Compatibility forms (full-width letters, ligatures)
are not this rule's business: that would be NFKC, which changes text.

## Why is this bad?
`José` decomposed and `José` composed look the same but are different strings:
search, deduplication, sorting and counting treat them as different words.
Decomposed text typically comes from macOS file names, copy and paste from PDF
files, and some input methods.

## Example
```text
Jose\u0301 Mari\u0301a
```
becomes `José María` (composed).

## Fix safety
**Safe**: the composed and the decomposed form are canonically equivalent -
the same text by Unicode's definition - so no reader sees a change. Applied
inside quoted speech too.

## Options
- `form` (`"NFC"` or `"none"`, default `"NFC"`): `"none"` switches the rule
  off, for archives that keep text exactly as received (as does
  `ignore = ["unicode-normalization"]`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Literal, NamedTuple

from ..diagnostics import Applicability, Diagnostic, Edit, Fix, Severity
from ..document import Document
from ..rule import Rule, RuleMeta
from ._lazy_re import lazy

# Hangul conjoining jamo: vowels and trailing consonants combine with what precedes
_JAMO_V_T = lazy("[\u1160-\u11ff\ud7b0-\ud7ff]")


class UnicodeNormalization(Rule):
    class Options(NamedTuple):
        form: Literal["NFC", "none"] = "NFC"

    meta = RuleMeta(
        code="NL502",
        name="unicode-normalization",
        category="typography",
        summary="A decomposed letter (e + U+0301) where a composed one (é) exists: write NFC.",
        severity=Severity.INFO,
        scope="line",
        fix=Applicability.SAFE,
        quoted="restore",
        quoted_reason="composed and decomposed forms are the same text by Unicode's definition",
        doc=__doc__ or "",
        origin=__name__,
    )

    def check(self, doc: Document, options: Any) -> Iterator[Diagnostic]:
        if options.form == "none":
            return
        text = doc.text
        if text.isascii():
            return
        import unicodedata

        if unicodedata.is_normalized("NFC", text):
            return
        combining = unicodedata.combining
        n = len(text)
        i = 0
        while i < n:
            ch = text[i]
            if not (combining(ch) or _JAMO_V_T.match(ch)):
                i += 1
                continue
            # the cluster: the starter before the marks, and every mark that follows
            start = i - 1 if i > 0 and not text[i - 1].isspace() else i
            end = i + 1
            while end < n and (combining(text[end]) or _JAMO_V_T.match(text[end])):
                end += 1
            i = end
            cluster = text[start:end]
            composed = unicodedata.normalize("NFC", cluster)
            if len(composed) >= len(cluster) or composed == cluster:
                continue  # nothing to compose (a reordering alone is not reported)
            parts = " + ".join(
                repr(c) if c.isascii() else f"{unicodedata.name(c, '?')} (U+{ord(c):04X})"
                for c in cluster
            )
            yield self.report(
                doc,
                start,
                end,
                f"decomposed '{cluster}' ({parts}): write the composed form '{composed}' (NFC)",
                fix=Fix((Edit(start, end, composed),), Applicability.SAFE, f"write '{composed}'"),
            )


RULE = UnicodeNormalization()
