"""Quality of the duplication rules on real data.

    python bench/dedup_quality.py [--sample 5]

1. Reuters-21578 (``../shared/data/dupes``): the near-duplicate pipeline
   (NL203 + NL204, default options, then with ``containment``) over the 5,000
   stories; recall per silver label (a pair counts as found when both stories
   end up in the same cluster, i.e. one is reported as a copy of the other or
   both as copies of one original); every reported pair's similarity is
   recomputed on the shingle sets (it must reach the threshold); what happens to
   recurring template stories (same title, more than 24 hours apart); a sample
   of found and missed pairs to read by eye.
2. Zyte (``../shared/data/boilerplate/zyte_aeb.jsonl``): every body line with
   ``dup_of`` set must be reported by duplicate-paragraph (lines that repeat the
   headline go to duplicate-headline), and no reported line may be anything but
   a repeat.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data"
sys.path.insert(0, str(REPO))

from newslint import Document, dedup, lint  # noqa: E402


def reuters(sample: int) -> None:
    docs = [json.loads(line) for line in (DATA / "dupes" / "reuters21578_docs.jsonl").open()]
    pairs = [json.loads(line) for line in (DATA / "dupes" / "reuters21578_pairs.jsonl").open()]
    index = {d["id"]: i for i, d in enumerate(docs)}
    # the keys the rule itself collects: by default a title field is shingled with the
    # body (the silver labels are computed on title + body: 1,070 of the 1,244 pairs
    # reproduce to 4 decimals that way); with-title = false gives the body alone
    from newslint.checks.near_duplicate_document import RULE

    def keys_of(with_title: bool) -> list[dedup.DocKey]:
        opts = RULE.Options(min_words=0, with_title=with_title)
        return [
            RULE.collect(Document(d["text"], title=d["title"], metadata={"date": d["date"]}), opts)
            for d in docs
        ]

    titled, body = keys_of(True), keys_of(False)
    orders = list(range(len(docs)))
    print(f"Reuters-21578: {len(docs)} stories, {len(pairs)} labelled pairs")
    for label, options, keys in (
        ("default (title + body, Jaccard >= 0.8)", dedup.Options(), titled),
        ("containment (>= 0.9)", dedup.Options(containment=True), titled),
        ("with-title = false: body only", dedup.Options(), body),
        ("with-title = false, containment", dedup.Options(containment=True), body),
    ):
        exact, near = dedup.near_matches(keys, orders, options)
        matches = [*exact, *near]
        root = {}
        for c in dedup.clusters(matches):
            root[c.kept] = c.kept
            for m in c.members:
                root[m.copy] = c.kept
        # every reported pair is verified
        worst = {"near": 1.0, "contained": 1.0}
        for m in near:
            copy_set = dedup.shingle_set(keys[m.copy].ids, options.shingle_size)
            orig_set = dedup.shingle_set(keys[m.original].ids, options.shingle_size)
            jac, cont = dedup.similarity(copy_set, orig_set)
            value = jac if m.kind == "near" else cont
            assert abs(value - m.similarity) < 1e-9
            worst[m.kind] = min(worst[m.kind], value)
        for m in exact:
            assert keys[m.copy].exact == keys[m.original].exact
        print(f"\n== {label}: {len(exact)} exact + {len(near)} near/contained reported")
        print(f"   lowest verified Jaccard of a near pair: {worst['near']:.3f} "
              f"(threshold {options.threshold})")  # fmt: skip
        if options.containment:
            print(f"   lowest verified containment of a contained pair: {worst['contained']:.3f}")
        found: dict[str, list[bool]] = defaultdict(list)
        missed: dict[str, list[dict[str, object]]] = defaultdict(list)
        for p in pairs:
            a, b = index[p["a"]], index[p["b"]]
            hit = a in root and b in root and root[a] == root[b]
            found[p["label"]].append(hit)
            if not hit:
                missed[p["label"]].append(p)
        for lab in ("exact", "near", "contained", "partial", "related"):
            hits = found[lab]
            print(f"   {lab:<10} found {sum(hits):>4}/{len(hits):<4} = {sum(hits) / len(hits):.3f}")
        for lab in ("exact", "near", "contained"):
            below = 0
            for p in missed[lab]:
                set_a = dedup.shingle_set(keys[index[p["a"]]].ids, options.shingle_size)
                set_b = dedup.shingle_set(keys[index[p["b"]]].ids, options.shingle_size)
                jac, cont = dedup.similarity(set_a, set_b)
                if lab == "contained" and not options.containment:
                    continue
                value, limit = (cont, options.containment_threshold) if lab == "contained" \
                    else (jac, options.threshold)  # fmt: skip
                below += value < limit
                if value >= limit or below <= sample:
                    why = "below the threshold here" if value < limit else "ABOVE the threshold"
                    print(f"   missed {lab}: {p['a']} / {p['b']} silver J={p['jaccard5']} "
                          f"C={p['containment5']}; here J={jac:.4f} C={cont:.4f}: "
                          f"{why}")  # fmt: skip
            if missed[lab] and (lab != "contained" or options.containment):
                print(f"   missed {lab}: {below}/{len(missed[lab])} below the threshold on "
                      "these words")  # fmt: skip
        # pairs we report that the silver labels call partial/related/unlabelled
        labels = {(index[p["a"]], index[p["b"]]): p for p in pairs}
        labels.update({(b, a): p for (a, b), p in list(labels.items())})
        by_label = Counter(
            str(labels[(m.copy, m.original)]["label"]) if (m.copy, m.original) in labels
            else "unlabelled" for m in matches
        )  # fmt: skip
        print(f"   reported pairs by silver label: {dict(sorted(by_label.items()))}")
        template = [
            p for p in pairs if p["same_title"] and p["hours_apart"] > 24
            and p["label"] in ("exact", "near", "contained")
        ]  # fmt: skip
        t_hits = sum(1 for p in template if root.get(index[p["a"]], -1) == root.get(index[p["b"]]))
        print(f"   recurring template stories (same title, > 24 h apart, labelled "
              f"exact/near/contained): {t_hits}/{len(template)} reported")  # fmt: skip
        if not options.containment and keys is body:
            rng = sorted(near, key=lambda m: (m.similarity, m.copy))
            for m in rng[: sample // 2 + 1] + rng[-(sample // 2) :]:
                da, db = docs[m.copy], docs[m.original]
                print(f"   sample {da['id']} ~ {db['id']} J={m.similarity:.2f} "
                      f"({da['date'][:11]} / {db['date'][:11]})")  # fmt: skip
                print(f"      A: {da['text'][:110]!r}")
                print(f"      B: {db['text'][:110]!r}")


def _near_copy(line: str, original: str) -> bool:
    from rapidfuzz.fuzz import ratio

    def fold(t: str) -> str:
        return " ".join("".join(c if c.isalnum() else " " for c in t.casefold()).split())

    return bool(ratio(fold(line), fold(original)) >= 92)


def zyte() -> None:
    pages = [json.loads(line) for line in (DATA / "boilerplate" / "zyte_aeb.jsonl").open()]
    want = 0
    got_para = 0
    got_any = 0
    headline_repeats = 0
    false_alarms: list[tuple[str, int, str]] = []
    missed: list[tuple[str, int, str]] = []
    reported_repeats = 0
    near_repeats = 0
    for page in pages:
        lines = page["lines"]
        text = "\n".join(line["text"] for line in lines) + "\n"
        found = lint(Document(text), select=["duplicate-paragraph", "duplicate-headline"])
        para = {d.line - 1 for d in found if d.rule == "duplicate-paragraph"}
        first_copy = {d.line - 1: d.related[0].line - 1 for d in found
                      if d.rule == "duplicate-paragraph" and d.related}  # fmt: skip
        head = {d.line - 1 for d in found if d.rule == "duplicate-headline"}
        for i in para:
            if lines[i]["dup_of"] is not None:
                reported_repeats += 1
            elif _near_copy(lines[i]["text"], lines[first_copy[i]]["text"]):
                near_repeats += 1  # dup_of marks identical lines only
            else:
                false_alarms.append((page["id"], i, lines[i]["text"]))
        for i, line in enumerate(lines):
            if line["label"] != "body" or line["dup_of"] is None:
                continue
            want += 1
            got_para += i in para
            got_any += i in para or i in head
            headline_repeats += i in head
            if i not in para and i not in head:
                missed.append((page["id"], i, line["text"]))
    print(f"\nZyte: {len(pages)} pages, {want} body lines with dup_of (repeats of an earlier line)")
    print(f"   reported by duplicate-paragraph: {got_para}/{want} = {got_para / want:.3f}; "
          f"with duplicate-headline (repeats of the headline): {got_any}/{want} = "
          f"{got_any / want:.3f} ({headline_repeats} by the headline rule)")  # fmt: skip
    short = sum(1 for _, _, t in missed if len(t.strip()) < 20 or len(t.split()) < 4)
    long_lines = want - short
    print(f"   of paragraph length (4+ words, 20+ characters): {long_lines - len(missed) + short}"
          f"/{long_lines} reported")  # fmt: skip
    print(
        f"   missed: {len(missed)}, of which {short} are shorter than the default minimum "
        "(min-words 4, min-chars 20): not paragraphs by design"
    )
    for pid, i, t in missed:
        if not (len(t.strip()) < 20 or len(t.split()) < 4):
            print(f"     missed {pid} line {i + 1}: {t[:100]!r}")
    total = reported_repeats + near_repeats + len(false_alarms)
    print(f"   reported lines (any label): {total}; identical to an earlier line (dup_of): "
          f"{reported_repeats}; a near copy of the line it names (verified here, ratio >= 92 "
          f"on the folded text): {near_repeats}; not a repeat: {len(false_alarms)}")  # fmt: skip
    for pid, i, t in false_alarms:
        print(f"     not a repeat: {pid} line {i + 1}: {t[:100]!r}")
    # the same with the minimum length lowered to one character
    got = 0
    for page in pages:
        lines = page["lines"]
        text = "\n".join(line["text"] for line in lines) + "\n"
        found = lint(
            Document(text),
            select=["duplicate-paragraph", "duplicate-headline"],
            options={"duplicate-paragraph": {"min-words": 1, "min-chars": 1}},
        )
        rep = {d.line - 1 for d in found}
        got += sum(
            1 for i, line in enumerate(lines)
            if line["label"] == "body" and line["dup_of"] is not None and i in rep
        )  # fmt: skip
    print(f"   with min-words 1, min-chars 1: {got}/{want} = {got / want:.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=5)
    args = parser.parse_args()
    reuters(args.sample)
    zyte()


if __name__ == "__main__":
    main()
