"""Do a linear-time regex engine or an Aho-Corasick automaton earn a place for the
phrase packs? Times the matchers on the same lines, in the same run.

    python bench/phrase_matchers.py [--docs 6000] [--runs 3]

The boilerplate pack has two kinds of phrase entries that need matching inside a
line (``lines`` entries are one hash lookup of the whole line and need no matcher):
``contains`` phrases, found on token boundaries anywhere in a short line. This
script finds them in every line of the throughput corpus (bench/throughput.py builds
it) that the rule would try (at most MAX_LINE characters), with:

* ``tokens``: what newslint does - tokenize the line key, look up token n-grams
  in a dict, only at tokens that start some phrase;
* ``re``: one alternation of all phrases with word boundaries (Python ``re``);
* ``re2``: the same alternation in RE2 (``google-re2``, linear time), if installed;
* ``aho-corasick``: a ``pyahocorasick`` automaton over the line key, matches kept
  on token boundaries, if installed.

It prints milliseconds per run (median) and MB/s, and checks that every matcher
finds the same lines.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from newslint.config import Config
from newslint.kinds.line_pattern import MAX_LINE, line_key
from newslint.workspace import Project

CORPUS = Path("/tmp/newslint-bench/corpus-20MB.jsonl")


def corpus_lines(n: int) -> list[str]:
    keys = []
    with CORPUS.open(encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if i >= n:
                break
            for text in json.loads(line)["text"].split("\n"):
                if text.strip() and len(text) <= MAX_LINE:
                    keys.append(line_key(text))
    return keys


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=6000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    rule = next(
        r for r in Project(Config()).linter_for(None).document_rules if r.meta.name == "boilerplate"
    )
    phrases = sorted(rule.contains, key=len, reverse=True)  # type: ignore[attr-defined]
    keys = corpus_lines(args.docs)
    mb = sum(len(k.encode()) for k in keys) / 1e6
    print(f"{len(phrases)} contains-phrases; {len(keys)} lines, {mb:.1f} MB of line keys")

    matchers: dict[str, Callable[[str], bool]] = {
        "tokens (newslint)": lambda k: next(rule._contained(k), None) is not None,  # type: ignore[attr-defined]
    }
    alternation = r"(?<!\w)(?:" + "|".join(re.escape(p) for p in phrases) + r")(?!\w)"
    compiled = re.compile(alternation)
    matchers["re alternation"] = lambda k: compiled.search(k) is not None
    try:
        import re2  # type: ignore[import-not-found]

        options = re2.Options()
        options.max_mem = 256 << 20
        # RE2 has no look-arounds: match the phrase between non-word characters or ends
        compiled2 = re2.compile(
            r"(?:^|\W)(?:" + "|".join(re.escape(p) for p in phrases) + r")(?:\W|$)", options
        )
        matchers["re2 alternation"] = lambda k: compiled2.search(k) is not None
    except ImportError:
        print("re2: not installed (pip install google-re2)")
    try:
        import ahocorasick  # type: ignore[import-not-found]

        automaton = ahocorasick.Automaton()
        for p in phrases:
            automaton.add_word(p, len(p))
        automaton.make_automaton()

        def aho(k: str) -> bool:
            for end, length in automaton.iter(k):
                start = end - length + 1
                if (start == 0 or not k[start - 1].isalnum()) and (
                    end + 1 == len(k) or not k[end + 1].isalnum()
                ):
                    return True
            return False

        matchers["aho-corasick"] = aho
    except ImportError:
        print("aho-corasick: not installed (pip install pyahocorasick)")

    results: dict[str, list[bool]] = {}
    for name, match in matchers.items():
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            found = [match(k) for k in keys]
            times.append(time.perf_counter() - start)
        results[name] = found
        t = statistics.median(times)
        print(f"  {name:20s} {t * 1000:8.1f} ms  {mb / t:7.1f} MB/s  {sum(found):6d} lines matched")
    base = results["tokens (newslint)"]
    for name, found in results.items():
        differ = sum(a != b for a, b in zip(base, found, strict=True))
        if differ:
            print(f"  {name}: {differ} lines differ from tokens (token rules: '_' and punctuation)")


if __name__ == "__main__":
    main()
