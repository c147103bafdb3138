"""A wire dateline at the start of a paragraph in the middle of an article.

## What it does
Finds paragraphs that open with a wire-service dateline - a place in capitals,
the agency in parentheses and a dash, as in `WASHINGTON (Reuters) -` or
`SANTA FE, N.M. (AP) —` - anywhere after the lead. The headline (the title field,
or the first line of the text) and the first `lead-lines` non-blank lines after
it are where a dateline belongs and are never reported.

A dateline that repeats one seen earlier in the article (same place, same
agency) is reported as a repeat; any other is reported as the probable start of
another story.

## Why is this bad?
A dateline opens a story. In the middle of an article it means the scraper
joined pages of one story (each page repeats the dateline) or glued a second
story onto the first. Readers see a seam, and deduplication, summaries and
word counts treat two stories as one.

## Example
```text
Senate passes spending bill

WASHINGTON (Reuters) - The U.S. Senate on Thursday passed ...

WASHINGTON (Reuters) - The measure now goes to the House ...
```
The second `WASHINGTON (Reuters) - ` is removed (with `--unsafe-fixes`).

## Fix safety
Removing a **repeated** dateline is **unsafe**: usually it is a page break, but
it may also start a second story from the same city, which a person should
split instead. A dateline that differs from the earlier ones is reported
without a fix.

## Options
- `agencies` (list of str, default `AP`, `AFP`, `Reuters`, `Bloomberg`, `UPI`,
  `dpa`, `Xinhua`): the names in parentheses that make a dateline.
- `lead-lines` (int, default 2): how many non-blank lines after the headline
  may carry a dateline (the lead, and a byline before it).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from newslint import (
    Applicability,
    Diagnostic,
    Document,
    Edit,
    Fix,
    Related,
    Rule,
    RuleMeta,
    Severity,
)

# PLACE[, State] (Agency) -   e.g. "NEW YORK (Reuters) - ", "SÃO PAULO, Brazil (AP) — "
_UPPER = "A-Z\u00c0-\u00d6\u00d8-\u00de"  # capitals, with those of Latin-1
_PLACE_WORD = rf"[{_UPPER}][{_UPPER}'.\-]+"
_DATELINE = re.compile(
    rf"(?P<place>{_PLACE_WORD}(?: {_PLACE_WORD})*(?:, [A-Z][\w.]*(?: [A-Z][\w.]*)?)?)"
    r" \((?P<agency>[^()\n]{2,20})\) ?[-\u2013\u2014]+(?P<space>[ \t]*)"
)


class DatelineInBody(Rule):
    @dataclass(frozen=True)
    class Options:
        agencies: tuple[str, ...] = ("AP", "AFP", "Reuters", "Bloomberg", "UPI", "dpa", "Xinhua")
        lead_lines: int = 2

    meta = RuleMeta(
        code="EXP101",
        name="dateline-in-body",
        category="duplication",
        summary="A wire dateline (`WASHINGTON (Reuters) -`) opens a paragraph after the lead.",
        severity=Severity.WARNING,
        fix=Applicability.UNSAFE,
        quoted="skip",
        doc=__doc__ or "",
        origin=__name__,
    )

    def check(self, doc: Document, options: Any) -> Iterator[Diagnostic]:
        if "(" not in doc.text:
            return  # cheap exit for the common case
        body = [line for line in doc.lines if not line.is_blank]
        if not (doc.title and doc.title.strip()):
            body = body[1:]  # the first line is the headline
        lead = {line.number for line in body[: options.lead_lines]}
        first_seen: dict[tuple[str, str], int] = {}
        for line in body:
            m = _DATELINE.match(line.text)
            if m is None or m.group("agency") not in options.agencies:
                continue
            place, agency = m.group("place"), m.group("agency")
            first = first_seen.setdefault((place, agency), line.number)
            if line.number in lead:
                continue
            start = line.start + m.start()
            end = line.start + m.start("space")  # the span ends with the dash
            shown = f"{place} ({agency})"
            if first != line.number:
                fix = Fix(
                    (Edit.delete(start, line.start + m.end()),),
                    Applicability.UNSAFE,
                    "remove the repeated dateline",
                )
                yield self.report(
                    doc,
                    start,
                    end,
                    f"dateline '{shown}' repeated from line {first}: a page break?",
                    fix=fix,
                    related=(Related(doc.path, doc.id, first, "first dateline"),),
                )
            else:
                yield self.report(
                    doc,
                    start,
                    end,
                    f"dateline '{shown}' in the middle of the article: another story starts here?",
                )


RULE = DatelineInBody()
