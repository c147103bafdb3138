"""Duplicate documents across a corpus (NL203, NL204), `newslint dedup` and the index.

Corpus rules cannot run in the per-document fixture runner, so their firing
cases are small corpora written here: text files in a directory, a JSONL file,
and both together.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import run_cli

from newslint import dedup

# Reuters-21578 stories (shortened): two different stories and a rewrite of the first
STORY = (
    "BankAmerica Corp is not under pressure to act quickly on its proposed equity offering "
    "and would do well to delay it because of the stock's recent poor performance, banking "
    "analysts said. Some analysts said they have recommended BankAmerica delay its up to "
    "one-billion-dlr equity offering, which has yet to be approved by the Securities and "
    "Exchange Commission. BankAmerica stock fell this week, along with other banking issues, "
    "on the news that Brazil has suspended interest payments on a large portion of its "
    "foreign debt.\n"
)
OTHER = (
    "First Union Corp said it has filed with the Securities and Exchange Commission for a "
    "proposed offering of 100 mln dlrs of fixed rate subordinated notes due 1997. The notes "
    "will be sold nationwide through underwriters managed by Shearson Lehman Brothers Inc.\n"
)
NEAR = STORY.replace("banking analysts said.", "banking analysts said on Thursday.")
SHARE = "Share this article\n\n"


def _corpus_dir(tmp_path: Path) -> Path:
    d = tmp_path / "corpus"
    d.mkdir()
    (d / "a.txt").write_text(STORY, encoding="utf-8")
    (d / "b.txt").write_text(OTHER, encoding="utf-8")
    # the same story, upper-cased, re-spaced and with a share line: an exact duplicate
    (d / "c.txt").write_text(SHARE + STORY.upper().replace(" ", "  "), encoding="utf-8")
    (d / "d.txt").write_text(NEAR, encoding="utf-8")
    return d


def _jsonl(tmp_path: Path) -> Path:
    f = tmp_path / "corpus.jsonl"
    rows = [
        {"id": "r1", "text": OTHER, "date": "03-MAR-1987 10:00:00.00"},
        {"id": "r2", "text": STORY, "date": "02-MAR-1987 09:00:00.00"},
        {"id": "r3", "text": NEAR, "date": "01-MAR-1987 08:00:00.00"},
        {"id": "r4", "text": STORY, "date": "04-MAR-1987 08:00:00.00"},
    ]
    f.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return f


def _json_findings(*args: str) -> list[dict[str, object]]:
    proc = run_cli("check", "--select", "NL203,NL204", "--format", "json", *args)
    assert proc.returncode in (0, 1), proc.stderr
    found: list[dict[str, object]] = json.loads(proc.stdout)
    return found


def test_directory_exact_and_near_with_related(tmp_path: Path) -> None:
    d = _corpus_dir(tmp_path)
    found = _json_findings("--jobs", "1", str(d))
    by_path = {Path(str(f["path"])).name: f for f in found}
    assert set(by_path) == {"c.txt", "d.txt"}
    assert by_path["c.txt"]["code"] == "NL203"
    assert by_path["d.txt"]["code"] == "NL204"
    assert "Jaccard similarity 0.89" in str(by_path["d.txt"]["message"])
    for f in found:
        related = f["related"]
        assert isinstance(related, list) and Path(related[0]["path"]).name == "a.txt"
        assert f["fix"]["applicability"] == "display"  # type: ignore[index]


def test_text_output_names_the_original(tmp_path: Path) -> None:
    d = _corpus_dir(tmp_path)
    proc = run_cli("check", "--select", "NL203,NL204", str(d))
    assert proc.returncode == 1
    assert "c.txt:1:1: NL203 [duplicate-document] this document duplicates" in proc.stdout
    assert "a.txt" in proc.stdout.split("NL203", 1)[1].splitlines()[0]


def test_deterministic_across_jobs(tmp_path: Path) -> None:
    d = _corpus_dir(tmp_path)
    f = _jsonl(tmp_path)
    one = _json_findings("--jobs", "1", str(d), str(f))
    two = _json_findings("--jobs", "2", str(d), str(f))
    assert one == two
    # the text files come first in input order: every record copies one of them
    assert {(x["record"], x["code"]) for x in one if x["record"]} == {
        (1, "NL203"),
        (2, "NL203"),
        (3, "NL203"),
        (4, "NL203"),
    }


def test_policy_oldest_and_longest(tmp_path: Path) -> None:
    f = _jsonl(tmp_path)
    cfg = tmp_path / "newslint.toml"
    cfg.write_text(
        '[rules.duplicate-document]\noriginal = "oldest"\n'
        '[rules.near-duplicate-document]\noriginal = "oldest"\n',
        encoding="utf-8",
    )
    found = _json_findings("--config", str(cfg), str(f))
    # r3 (1 March) is the oldest: r2 and r4 are near copies of it; r4 is also an
    # exact copy of r2, which the exact rule reports against r2 (older than r4)
    pairs = {(x["record"], x["code"], x["related"][0]["record"]) for x in found}  # type: ignore[index]
    assert (4, "NL203", 2) in pairs
    assert (2, "NL204", 3) in pairs


def test_a_title_field_is_part_of_the_story(tmp_path: Path) -> None:
    # the same body (one word changed) under two long, unrelated headlines: with the
    # title shingled in (the default) the stories differ; body alone, they are copies
    titles = [
        "BankAmerica urged by several banking analysts to postpone its planned equity "
        "offering after weak share performance this week",
        "Brazil debt moratorium weighs heavily on money center bank stocks as investors "
        "reassess exposure to Latin American loans",
    ]
    f = tmp_path / "titled.jsonl"
    rows = [{"id": "t1", "title": titles[0], "text": STORY},
            {"id": "t2", "title": titles[1], "text": NEAR}]  # fmt: skip
    f.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    assert _json_findings(str(f)) == []
    cfg = tmp_path / "newslint.toml"
    cfg.write_text("[rules.near-duplicate-document]\nwith-title = false\n", encoding="utf-8")
    found = _json_findings("--config", str(cfg), str(f))
    assert [(x["code"], x["record"]) for x in found] == [("NL204", 2)]
    # the finding spans the body, not the title
    assert found[0]["end_line"] == NEAR.count("\n") + 1


def test_single_document_and_no_corpus_are_silent(tmp_path: Path) -> None:
    d = _corpus_dir(tmp_path)
    assert _json_findings(str(d / "a.txt")) == []
    assert _json_findings("--no-corpus", str(d)) == []


def test_dedup_outputs_and_write_unique_jsonl(tmp_path: Path) -> None:
    f = _jsonl(tmp_path)
    proc = run_cli("dedup", "--format", "json", str(f))
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["documents"] == 4 and data["duplicates"] == 2
    (cluster,) = data["clusters"]
    assert cluster["kept"]["doc_id"] == "r2"
    kinds = {m["doc_id"]: m["kind"] for m in cluster["members"]}
    assert kinds == {"r3": "near", "r4": "exact"}
    proc = run_cli("dedup", "--format", "csv", str(f))
    assert proc.stdout.splitlines()[0].startswith("cluster,role,path,record")
    assert len(proc.stdout.splitlines()) == 4
    out = tmp_path / "unique.jsonl"
    before = f.read_bytes()
    proc = run_cli("dedup", "--write-unique", str(out), str(f))
    assert proc.returncode == 0, proc.stderr
    assert "1 cluster, 2 duplicates among 4 documents." in proc.stdout
    assert [json.loads(x)["id"] for x in out.read_text().splitlines()] == ["r1", "r2"]
    assert f.read_bytes() == before  # inputs are never modified


def test_dedup_write_unique_directory(tmp_path: Path) -> None:
    d = _corpus_dir(tmp_path)
    out = tmp_path / "unique"
    proc = run_cli("dedup", "--write-unique", str(out), str(d))
    assert proc.returncode == 0, proc.stderr
    assert sorted(p.name for p in out.iterdir()) == ["a.txt", "b.txt"]
    proc = run_cli("dedup", "--write-unique", str(d / "x"), str(d))
    assert proc.returncode == 2 and "never modified" in proc.stderr


def test_index_build_add_and_check(tmp_path: Path) -> None:
    d = _corpus_dir(tmp_path)
    idx = tmp_path / "idx.sqlite"
    proc = run_cli("index", "build", "--index", str(idx), str(d / "a.txt"), str(d / "b.txt"))
    assert proc.returncode == 0 and "indexed 2 documents" in proc.stdout, proc.stderr
    staged = tmp_path / "staged"
    staged.mkdir()
    (staged / "new.txt").write_text(NEAR, encoding="utf-8")
    (staged / "mine.txt").write_text("A story nobody has written before, about owls.\n" * 4)
    proc = run_cli("check", "--select", "NL204", "--index", str(idx), str(staged))
    assert proc.returncode == 1
    assert "new.txt:1:1: NL204" in proc.stdout and "nearly duplicates" in proc.stdout
    assert "a.txt in the index" in proc.stdout and "mine.txt" not in proc.stdout
    # an indexed document does not match itself
    proc = run_cli(
        "check", "--select", "NL204", "--index", str(idx), str(d / "a.txt"), str(d / "b.txt")
    )
    assert proc.returncode == 0, proc.stdout
    unrelated = tmp_path / "other.txt"
    unrelated.write_text("A completely different story about the weather in Ohio today.\n" * 3)
    proc = run_cli("index", "add", "--index", str(idx), str(unrelated))
    assert "(3 in total)" in proc.stdout
    proc = run_cli("index", "add", "--index", str(tmp_path / "missing.sqlite"), str(unrelated))
    assert proc.returncode == 2 and "no such index" in proc.stderr


def test_index_check_of_one_file(tmp_path: Path) -> None:
    d = _corpus_dir(tmp_path)
    idx = tmp_path / "idx.sqlite"
    run_cli("index", "build", "--index", str(idx), str(d / "a.txt"), str(d / "b.txt"))
    new = tmp_path / "new.txt"
    new.write_text(NEAR, encoding="utf-8")
    proc = run_cli("check", "--select", "NL204", "--index", str(idx), str(new))
    assert proc.returncode == 1 and "nearly duplicates" in proc.stdout


def test_numpy_and_pure_python_agree(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = [STORY, OTHER, NEAR, STORY[:200], "one two", ""]
    keys = [dedup.make_key(t, None, with_ids=True) for t in texts]
    params = dedup.lsh_params(0.8, 128)
    fast = dedup.sketches([k.ids for k in keys], 5, params)
    fast_sets = [dedup.shingle_set(k.ids, 5) for k in keys]
    monkeypatch.setattr(dedup, "_np", lambda: None)
    slow = dedup.sketches([k.ids for k in keys], 5, params)
    assert fast == slow
    assert fast_sets == [dedup.shingle_set(k.ids, 5) for k in keys]
    assert slow[-1] is None


def test_lsh_params_match_datasketch() -> None:
    # datasketch 2.0 `_optimal_param(t, n, 0.5, 0.5)` gives these (b, r)
    assert dedup.lsh_params(0.8, 128)[1:] == (9, 13)
    assert dedup.lsh_params(0.5, 128)[1:] == (25, 5)
    assert dedup.lsh_params(0.9, 256)[1:] == (9, 28)


def test_verified_similarity_and_containment() -> None:
    a = dedup.make_key(STORY + OTHER, None, with_ids=True)
    b = dedup.make_key(OTHER, None, with_ids=True)
    jac, cont = dedup.similarity(dedup.shingle_set(a.ids, 5), dedup.shingle_set(b.ids, 5))
    assert jac < 0.5 and cont == 1.0
    exact, near = dedup.near_matches([a, b], [0, 1], dedup.Options(containment=True, min_words=5))
    assert exact == [] and [(m.copy, m.original, m.kind) for m in near] == [(1, 0, "contained")]


def test_parse_date_formats() -> None:
    assert dedup.parse_date("26-FEB-1987 15:07:13.72") == dedup.parse_date(
        "1987-02-26T15:07:13.72Z"
    )
    assert dedup.parse_date("Thu, 26 Feb 1987 15:07:13 +0000") is not None
    assert dedup.parse_date("not a date") is None


def _perturbed_corpus(n: int, seed: int = 3) -> list[str]:
    """Stories, light rewrites of them (words dropped, inserted, swapped) and
    unrelated shuffles: exact, near and distinct documents."""
    import random

    rng = random.Random(seed)
    base = [STORY, OTHER, STORY + OTHER, OTHER * 2, " ".join(STORY.split()[::-1])]
    out = []
    for _ in range(n):
        words = rng.choice(base).split()
        for _ in range(rng.randrange(0, 4)):
            j = rng.randrange(len(words))
            op = rng.random()
            if op < 0.4:
                del words[j]
            elif op < 0.7:
                words.insert(j, rng.choice(("also", "said", "Monday")))
            elif j + 1 < len(words):
                words[j], words[j + 1] = words[j + 1], words[j]
        if rng.random() < 0.2:
            rng.shuffle(words)
        out.append(" ".join(words))
    return out


@pytest.mark.parametrize("containment", [False, True])
@pytest.mark.parametrize("policy", ["first", "longest"])
@pytest.mark.parametrize("layouts", [1, 2])
def test_near_matches_numpy_and_pure_python_agree(
    monkeypatch: pytest.MonkeyPatch, containment: bool, policy: str, layouts: int
) -> None:
    texts = [*_perturbed_corpus(60), "one two", "", "a b c d e f g h i j k l"]
    keys = [dedup.make_key(t, None, with_ids=True) for t in texts]
    options = dedup.Options(containment=containment, policy=policy, min_words=5, layouts=layouts)
    fast = dedup.near_matches(keys, list(range(len(keys))), options)
    monkeypatch.setattr(dedup, "_np", lambda: None)
    slow = dedup.near_matches(keys, list(range(len(keys))), options)
    assert fast == slow
    assert len(fast[1]) > 10
    if policy == "first":  # (with "longest" the contained texts are near copies here)
        assert any(m.kind == "contained" for m in fast[1]) == containment
    # every reported pair is verified on the shingle sets
    for m in fast[1]:
        a = dedup.shingle_set(keys[m.copy].ids, 5)
        b = dedup.shingle_set(keys[m.original].ids, 5)
        jac, cont = dedup.similarity(a, b)
        assert (jac if m.kind == "near" else cont) == m.similarity
        assert m.similarity >= (options.threshold if m.kind == "near" else 0.9)


def test_batched_overlaps_are_exact() -> None:
    pytest.importorskip("numpy")
    texts = [*_perturbed_corpus(30), "a a a a a a a a a a a a", "one two", STORY * 3]
    keys = [dedup.make_key(t, None, with_ids=True) for t in texts]
    pairs = [(i, j) for i in range(len(keys)) for j in range(len(keys)) if keys[i].words]
    pairs = [(i, j) for i, j in pairs if keys[j].words]
    a = [i for i, _ in pairs]
    b = [j for _, j in pairs]
    inter, size_a, size_b = dedup._overlaps_np(keys, a, b, 5, cells=5000)  # many batches
    for n, (i, j) in enumerate(pairs):
        sa, sb = dedup.shingle_set(keys[i].ids, 5), dedup.shingle_set(keys[j].ids, 5)
        assert (inter[n], size_a[n], size_b[n]) == (len(sa & sb), len(sa), len(sb))
    jac = dedup._jaccards_np(keys, a, b, 5)
    assert jac.tolist() == [
        dedup.similarity(dedup.shingle_set(keys[i].ids, 5), dedup.shingle_set(keys[j].ids, 5))[0]
        for i, j in pairs
    ]


def test_second_band_layout() -> None:
    params = dedup.Options().lsh
    assert params == (128, 32, 8)  # (16, 8) as datasketch derives it, read twice
    layout = dedup._band_layout(params)
    first, second = layout[:16], layout[16:]
    assert sorted(sum(first, ())) == sorted(sum(second, ())) == list(range(128))
    assert all(len(set(x) & set(y)) <= 1 for x in first for y in second)
    assert dedup.Options(layouts=1).lsh == (128, 16, 8)
    # the first bands are the single-layout ones
    key = dedup.make_key(STORY, None, with_ids=True)
    both = dedup.sketches([key.ids], 5, params)[0]
    one = dedup.sketches([key.ids], 5, dedup.Options(layouts=1).lsh)[0]
    assert both is not None and one is not None and both[:16] == one


def test_second_hop_candidates() -> None:
    # 3 copies 1 (found in the first pass); 4 shares a bucket with 3 but not with 1
    found = {3: (1, 0.9), 1: (0, 0.85)}
    mates = {4: [2, 3], 5: [3, 4]}
    # 4: the original of 3 (1) and the root of its chain (0); 2 was compared already
    assert dedup._second_hop(found, mates) == {4: [0, 1], 5: [0, 1]}


def test_ascii_words_match_the_regex() -> None:
    import random
    import re

    rng = random.Random(7)
    texts = [STORY, OTHER, "Ünïcode café — naïve", "snake_case x_1 2.5%\x1f\x0bend"]
    texts += ["".join(chr(rng.randrange(128)) for _ in range(200)) for _ in range(300)]
    for text in texts:
        words = tuple(re.findall(r"\w+", text.casefold()))
        assert dedup.document_words(text, False) == words
