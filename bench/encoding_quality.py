"""Quality and speed of the encoding and markup rules on real text (issue 3).

    python bench/encoding_quality.py [--data DIR] [--runs 5] [--skip-speed] [--show 40]

Four measurements, all through the library API (a project built once, then
``linter.lint(Document(...))`` per text, so that rules are measured, not start-up):

1. ``mojibake/ftfy_dev.jsonl`` (ftfy's own test cases): every ``mojibake`` case
   must be detected and fixed (by ``mojibake`` alone) to exactly
   ``expected_encoding``; the ``clean`` cases must get no diagnostic from any
   encoding rule. Reported per label.
2. ``dupes/reuters21578_docs.jsonl``: every ``&lt;``, ``&amp;``, ``&#3;`` (and
   ``&#2;``, ``&#127;``) in ``text_raw`` must be reported; fixing ``text_raw``
   with the encoding and markup rules is compared with the ``text`` field
   (modulo whitespace, then also modulo the ``Reuter`` sign-off that ``text``
   drops); the ``text`` field must get no encoding diagnostic.
3. ``boilerplate/zyte_aeb.jsonl``: each page is linted whole (its lines joined),
   and the diagnostics on ``body`` lines are listed. ``VERIFIED`` names the body
   lines checked by eye that really hold a defect; every other flagged body line
   is a false positive.
4. Speed: the encoding rules (NL101-NL104) against ``ftfy.fix_text`` on the same
   texts in the same run, interleaved, medians of ``--runs`` runs: on clean
   English news (Reuters ``text`` and the mostly-ASCII Zyte pages) and on the Zyte
   pages with every other line turned into mojibake (UTF-8 read as Windows-1252).
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import newslint  # noqa: E402
from newslint import Document  # noqa: E402
from newslint.fixer import fix_document  # noqa: E402

ENCODING = ["entity-debris", "mojibake", "invisible-character", "lost-character"]
MARKUP = ["markup-debris"]

# Body lines of zyte_aeb.jsonl that hold a real defect, checked by eye:
# (page id, line index) -> what is wrong. Anything else flagged on a body line is
# a false positive.
VERIFIED: dict[tuple[str, int], str] = {
    ("zyte/5211188428849a31", 54): "a paragraph that is only a zero-width space",
    ("zyte/57b4dafd18cfd053", 19): "soft hyphens inside words (Not\u00adfall\u00addaten\u00adsatz)",
    ("zyte/57b4dafd18cfd053", 48): "a soft hyphen inside a word (regis\u00adtriertem)",
    ("zyte/7837c9d66c815b9a", 151): "two word joiners after the last sentence of a tweet",
    ("zyte/8cad00dc22de45ba", 39): "a paragraph that is only a zero-width space",
    ("zyte/8cad00dc22de45ba", 41): "a paragraph that is only a zero-width space",
    ("zyte/8cad00dc22de45ba", 44): "a paragraph that is only a zero-width space",
    ("zyte/8cad00dc22de45ba", 46): "a paragraph that is only a zero-width space",
    ("zyte/8cad00dc22de45ba", 51): "a paragraph that is only a zero-width space",
    ("zyte/8cad00dc22de45ba", 54): "a paragraph that is only a zero-width space",
    ("zyte/8cad00dc22de45ba", 56): "a paragraph that is only a zero-width space",
    ("zyte/8cad00dc22de45ba", 60): "a paragraph that is only a zero-width space",
    ("zyte/8cad00dc22de45ba", 62): "a paragraph that is only a zero-width space",
    ("zyte/8cad00dc22de45ba", 64): "a paragraph that is only a zero-width space",
    ("zyte/8cad00dc22de45ba", 66): "a paragraph that is only a zero-width space",
    ("zyte/8cad00dc22de45ba", 70): "a paragraph that is only a zero-width space",
    ("zyte/8cad00dc22de45ba", 72): "a paragraph that is only a zero-width space",
    ("zyte/8cad00dc22de45ba", 75): "a paragraph that is only a zero-width space",
    ("zyte/8cad00dc22de45ba", 77): "a paragraph that is only a zero-width space",
    ("zyte/8cad00dc22de45ba", 80): "a paragraph that is only a zero-width space",
    ("zyte/8cad00dc22de45ba", 84): "a paragraph that is only a zero-width space",
    ("zyte/8cad00dc22de45ba", 85): "a paragraph that is only a zero-width space",
    ("zyte/8cad00dc22de45ba", 88): "a paragraph that is only a zero-width space",
    ("zyte/a1fca19b884e0e94", 78): "a soft hyphen before a word (US \u00adforces)",
}


def load_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def squash(text: str) -> str:
    return " ".join(text.split())


def heading(title: str) -> None:
    print()
    print(title)
    print("=" * len(title))


# -- 1. ftfy's test cases --------------------------------------------------------------


def bench_ftfy(data: Path) -> None:
    heading("1. mojibake/ftfy_dev.jsonl")
    cases = load_jsonl(data / "mojibake" / "ftfy_dev.jsonl")
    encoding = newslint.project(select=ENCODING).linter_for(None)
    mojibake = newslint.project(select=["mojibake"]).linter_for(None)
    per_label: dict[str, Counter[str]] = defaultdict(Counter)
    notes: list[str] = []
    for case in cases:
        label = case["label"]
        stats = per_label[label]
        stats["cases"] += 1
        doc = Document(case["text"])
        found = encoding.lint(doc)
        fixed = fix_document(mojibake, doc).text
        if found:
            stats["any encoding diagnostic"] += 1
        if any(d.rule == "mojibake" for d in found):
            stats["mojibake reported"] += 1
        if fixed == case["expected_encoding"]:
            stats["fixed == expected_encoding"] += 1
        if label == "mojibake" and fixed != case["expected_encoding"]:
            notes.append(f"  NOT FIXED {case['id']}: {fixed!r}")
        if label != "mojibake" and found:
            for d in found:
                notes.append(f"  {label:9} {case['id']}: {d.rule}: {d.message}")
    columns = [
        "cases",
        "any encoding diagnostic",
        "mojibake reported",
        "fixed == expected_encoding",
    ]
    print(f"{'label':10}" + "".join(f"{c:>28}" for c in columns))
    for label in ("mojibake", "clean", "unchanged", "other_fix"):
        stats = per_label[label]
        print(f"{label:10}" + "".join(f"{stats[c]:>28}" for c in columns))
    for note in notes:
        print(note)


# -- 2. Reuters-21578 ------------------------------------------------------------------

_REFS = ("&lt;", "&amp;", "&#3;", "&#2;", "&#127;")
_SIGNOFF = re.compile(r"\s*\bReuter\s*\Z")


def bench_reuters(data: Path, show: int) -> None:
    heading("2. dupes/reuters21578_docs.jsonl")
    docs = load_jsonl(data / "dupes" / "reuters21578_docs.jsonl")
    encoding = newslint.project(select=ENCODING).linter_for(None)
    both = newslint.project(select=ENCODING + MARKUP).linter_for(None)
    occurrences: Counter[str] = Counter()
    reported: Counter[str] = Counter()
    equal = equal_signoff = 0
    differences: Counter[str] = Counter()
    examples: list[str] = []
    text_diagnostics: list[str] = []
    markup_on_text: list[str] = []
    other_on_raw: Counter[str] = Counter()
    for doc in docs:
        raw = doc["text_raw"]
        found = encoding.lint(Document(raw, id=doc["id"]))
        spans = {(d.start, d.end) for d in found if d.rule == "entity-debris"}
        for ref in _REFS:
            for m in re.finditer(re.escape(ref), raw):
                occurrences[ref] += 1
                if (m.start(), m.end()) in spans:
                    reported[ref] += 1
        for d in found:
            if d.rule != "entity-debris" or raw[d.start : d.end] not in _REFS:
                other_on_raw[f"{d.rule}: {raw[d.start : d.end]!r}"] += 1
        fixed = fix_document(both, Document(raw)).text
        if squash(fixed) == squash(doc["text"]):
            equal += 1
            equal_signoff += 1
        elif squash(_SIGNOFF.sub("", fixed)) == squash(doc["text"]):
            equal_signoff += 1
        else:
            kind = _describe_difference(_SIGNOFF.sub("", fixed), doc["text"])
            differences[kind] += 1
            if len(examples) < show:
                examples.append(f"  {doc['id']}: {kind}")
        clean = both.lint(Document(doc["text"], id=doc["id"]))
        for d in clean:
            line = f"  {doc['id']} {d.line}:{d.column} {d.rule}: {d.message}"
            (text_diagnostics if d.category == "encoding" else markup_on_text).append(line)
    print(f"documents: {len(docs)}")
    print(f"{'reference':10}{'in text_raw':>14}{'reported':>10}{'recall':>9}")
    for ref in _REFS:
        n = occurrences[ref]
        recall = reported[ref] / n if n else 1.0
        print(f"{ref:10}{n:>14}{reported[ref]:>10}{recall:>9.1%}")
    print(f"other encoding diagnostics on text_raw: {sum(other_on_raw.values())}")
    for what, n in other_on_raw.most_common(show):
        print(f"  {n:5} {what}")
    print(
        f"fixed text_raw == text (whitespace aside): {equal}/{len(docs)} "
        f"({equal / len(docs):.1%}); also dropping the final 'Reuter' sign-off, which "
        f"`text` leaves out: {equal_signoff}/{len(docs)} ({equal_signoff / len(docs):.1%})"
    )
    for kind, n in differences.most_common():
        print(f"  remaining difference, {n}x: {kind}")
    for line in examples:
        print(line)
    print(f"encoding diagnostics on the `text` field: {len(text_diagnostics)}")
    for line in text_diagnostics[:show]:
        print(line)
    print(f"markup diagnostics on the `text` field: {len(markup_on_text)}")
    for line in markup_on_text[:show]:
        print(line)


def _describe_difference(fixed: str, expected: str) -> str:
    import difflib

    a, b = fixed.split(), expected.split()
    ops = [
        (tag, " ".join(a[i1:i2]), " ".join(b[j1:j2]))
        for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
        if tag != "equal"
    ]
    return "; ".join(f"{tag} {x[:40]!r} -> {y[:40]!r}" for tag, x, y in ops[:3])


# -- 3. Zyte article-extraction benchmark ------------------------------------------------


def bench_zyte(data: Path, show: int) -> None:
    heading("3. boilerplate/zyte_aeb.jsonl (pages linted whole, diagnostics on body lines)")
    pages = load_jsonl(data / "boilerplate" / "zyte_aeb.jsonl")
    linter = newslint.project(select=ENCODING + MARKUP).linter_for(None)
    lines_by_label: Counter[str] = Counter()
    flagged_by_label: Counter[str] = Counter()
    by_rule: dict[str, Counter[str]] = defaultdict(Counter)
    body_flagged: list[tuple[str, int, str, list[str]]] = []
    for page in pages:
        lines = [line["text"] for line in page["lines"]]
        labels = [line["label"] for line in page["lines"]]
        for label in labels:
            lines_by_label[label] += 1
        found = linter.lint(Document("\n".join(lines), id=page["id"]))
        per_line: dict[int, list[str]] = defaultdict(list)
        for d in found:
            index = d.line - 1
            per_line[index].append(f"{d.rule}: {d.message}")
            by_rule[labels[index]][d.rule] += 1
        for index, messages in sorted(per_line.items()):
            flagged_by_label[labels[index]] += 1
            if labels[index] == "body":
                body_flagged.append((page["id"], index, lines[index], messages))
    print(f"{'label':12}{'lines':>8}{'flagged':>9}  diagnostics by rule")
    for label in ("body", "title", "uncertain", "boilerplate"):
        rules = ", ".join(f"{r} {n}" for r, n in by_rule[label].most_common())
        print(f"{label:12}{lines_by_label[label]:>8}{flagged_by_label[label]:>9}  {rules}")
    verified = [f for f in body_flagged if (f[0], f[1]) in VERIFIED]
    false = [f for f in body_flagged if (f[0], f[1]) not in VERIFIED]
    print(
        f"body lines flagged: {len(body_flagged)}; real defects (checked by eye): "
        f"{len(verified)}; false positives: {len(false)}"
    )
    for page_id, index, text, messages in body_flagged:
        mark = "ok" if (page_id, index) in VERIFIED else "FP"
        why = VERIFIED.get((page_id, index), "")
        print(f"  [{mark}] {page_id} line {index + 1}: {text[:90]!r} {why}")
        for message in messages[:4]:
            print(f"        {message[:150]}")


# -- 4. speed ----------------------------------------------------------------------------


def clean_english(data: Path) -> list[str]:
    texts = [doc["text"] for doc in load_jsonl(data / "dupes" / "reuters21578_docs.jsonl")]
    for page in load_jsonl(data / "boilerplate" / "zyte_aeb.jsonl"):
        body = "\n".join(line["text"] for line in page["lines"] if line["label"] == "body")
        if body and sum(c.isascii() for c in body) / len(body) > 0.97:
            texts.append(body)
    return texts


def with_mojibake(data: Path) -> tuple[list[str], list[tuple[str, str]]]:
    """Zyte pages (bodies) with every other non-ASCII line read as Windows-1252."""
    import ftfy.bad_codecs  # noqa: F401  (registers sloppy-windows-1252)

    texts: list[str] = []
    damaged: list[tuple[str, str]] = []
    for page in load_jsonl(data / "boilerplate" / "zyte_aeb.jsonl"):
        out = []
        flip = False
        for line in page["lines"]:
            if line["label"] != "body":
                continue
            text = line["text"]
            if not text.isascii():
                flip = not flip
                if flip:
                    bad = text.encode("utf-8").decode("sloppy-windows-1252")
                    damaged.append((bad, text))
                    text = bad
            out.append(text)
        if out:
            texts.append("\n".join(out))
    return texts, damaged


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def compare(name: str, texts: list[str], runs: int, rules: list[str]) -> None:
    import ftfy

    linter = newslint.project(select=rules).linter_for(None)
    size = sum(len(t.encode("utf-8")) for t in texts) / 1e6

    def ours() -> None:
        for text in texts:
            linter.lint(Document(text))

    def theirs() -> None:
        for text in texts:
            ftfy.fix_text(text)

    ours()  # warm up: lazy imports and tables
    theirs()
    a: list[float] = []
    b: list[float] = []
    for _ in range(runs):
        a.append(timed(ours))
        b.append(timed(theirs))
    ma, mb = statistics.median(a), statistics.median(b)
    print(
        f"{name}: {len(texts)} texts, {size:.2f} MB; newslint {ma * 1000:.0f} ms "
        f"({size / ma:.1f} MB/s), ftfy.fix_text {mb * 1000:.0f} ms ({size / mb:.1f} MB/s); "
        f"ftfy / newslint = {mb / ma:.1f}x (medians of {runs}; runs: "
        f"{', '.join(f'{x * 1000:.0f}' for x in a)} vs {', '.join(f'{x * 1000:.0f}' for x in b)})"
    )


def bench_speed(data: Path, runs: int) -> None:
    heading("4. speed (encoding rules NL101-NL104 against ftfy.fix_text, same texts, same run)")
    clean = clean_english(data)
    compare("clean English news", clean, runs, ENCODING)
    damaged_texts, damaged_lines = with_mojibake(data)
    compare("news with mojibake (every other non-ASCII line)", damaged_texts, runs, ENCODING)
    # quality on the same synthetic damage: is each damaged line restored exactly?
    import ftfy

    mojibake = newslint.project(select=["mojibake"]).linter_for(None)
    ours = sum(fix_document(mojibake, Document(bad)).text == good for bad, good in damaged_lines)
    theirs = sum(ftfy.fix_encoding(bad) == good for bad, good in damaged_lines)
    n = len(damaged_lines)
    print(
        f"damaged lines restored exactly: newslint {ours}/{n} ({ours / n:.1%}), "
        f"ftfy.fix_encoding {theirs}/{n} ({theirs / n:.1%})"
    )
    everything = ENCODING + MARKUP + ["unicode-normalization"]
    compare("clean English news, encoding + markup + normalization", clean, runs, everything)


def main(argv: Iterable[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--show", type=int, default=40)
    parser.add_argument("--skip-speed", action="store_true")
    args = parser.parse_args(list(argv) if argv is not None else None)
    bench_ftfy(args.data)
    bench_reuters(args.data, args.show)
    bench_zyte(args.data, args.show)
    if not args.skip_speed:
        bench_speed(args.data, args.runs)


if __name__ == "__main__":
    main()
