"""Record-aware inputs: JSONL/JSON/CSV, invalid records, byte-exact JSONL fixes,
parallel determinism and content-keyed baselines, through the real command line."""

from __future__ import annotations

import csv
import gzip
import json
import random
import shutil
from pathlib import Path

import pytest
from conftest import run_cli

from newslint.io.records import RecordError, splice_json_string, string_value_span

DATA = Path(__file__).parent / "data" / "reuters-40.jsonl"
RAW = ["--text-field", "text_raw"]


def items(proc_stdout: str) -> list[dict[str, object]]:
    return json.loads(proc_stdout)


def test_jsonl_findings_are_located_by_record_id_and_field(tmp_path: Path) -> None:
    proc = run_cli("check", *RAW, "--format", "json", str(DATA))
    assert proc.returncode == 1, proc.stderr
    found = items(proc.stdout)
    records = [json.loads(line) for line in DATA.read_bytes().splitlines()]
    for item in found:
        assert item["field"] in ("text_raw", "title")
        record = records[item["record"] - 1]
        assert item["doc_id"] == record["id"]
        if item["rule"] == "entity-debris" and item["field"] == "text_raw":
            # the reported span is exactly the entity in that record's field
            text = record["text_raw"]
            assert text[item["offset"] : item["end_offset"]].startswith(("&", "#"))
    assert any(i["rule"] == "entity-debris" for i in found)


def test_text_output_for_records() -> None:
    proc = run_cli("check", *RAW, "--select", "entity-debris", str(DATA))
    first = proc.stdout.splitlines()[0]
    # path:RECORD:FIELD:line:col: CODE [rule] ... [id DOC]
    assert first.startswith(f"{DATA}:1:text_raw:") and "[id reuters/" in first


def test_invalid_records_are_findings_and_the_rest_is_checked(tmp_path: Path) -> None:
    good = DATA.read_bytes().splitlines(keepends=True)[:3]
    f = tmp_path / "mixed.jsonl"
    f.write_bytes(
        good[0]
        + b'{"id": "broken", "text_raw": "unterminated\n'
        + good[1]
        + b'{"id": "no-text"}\n'
        + b'{"id": "wrong-type", "text_raw": 42}\n'
        + b"\n"
        + b"[1, 2]\n"
        + good[2]
    )
    proc = run_cli("check", *RAW, "--format", "json", "--select", "entity-debris", str(f))
    found = items(proc.stdout)
    invalid = {i["record"]: i["message"] for i in found if i["code"] == "NL004"}
    assert set(invalid) == {2, 4, 5, 7}  # the blank line 6 is not a record
    assert "invalid JSON" in invalid[2]
    assert "missing field 'text_raw'" in invalid[4]
    assert "is int, not a string" in invalid[5]
    assert "expected a JSON object" in invalid[7]
    checked = {i["record"] for i in found if i["code"] == "NL101"}
    assert {1, 3, 8} <= checked  # records before and after the bad lines


def test_jsonl_fix_keeps_every_untouched_byte(tmp_path: Path) -> None:
    f = tmp_path / "corpus.jsonl"
    shutil.copy(DATA, f)
    before = DATA.read_bytes().splitlines(keepends=True)
    proc = run_cli("check", *RAW, "--fix", "--select", "entity-debris,whitespace", str(f))
    assert proc.returncode in (0, 1), proc.stderr
    after = f.read_bytes().splitlines(keepends=True)
    assert len(after) == len(before)
    changed = 0
    for old, new in zip(before, after, strict=True):
        if old == new:
            continue
        changed += 1
        a, b = json.loads(old), json.loads(new)
        assert list(a) == list(b)  # key order kept
        for key in a:
            if key != "text_raw":
                assert a[key] == b[key]
        # outside the spliced value, the line is byte-identical
        span_old = string_value_span(old.decode(), "text_raw")
        span_new = string_value_span(new.decode(), "text_raw")
        assert span_old and span_new
        assert old.decode()[: span_old[0]] == new.decode()[: span_new[0]]
        assert old.decode()[span_old[1] :] == new.decode()[span_new[1] :]
        assert "&lt;" not in b["text_raw"] and "&#3;" not in b["text_raw"]
    assert changed > 20
    again = f.read_bytes()
    run_cli("check", *RAW, "--fix", "--select", "entity-debris,whitespace", str(f))
    assert f.read_bytes() == again  # idempotent


def test_jsonl_diff_is_per_record_and_writes_nothing(tmp_path: Path) -> None:
    f = tmp_path / "c.jsonl"
    shutil.copy(DATA, f)
    proc = run_cli("check", *RAW, "--diff", "--select", "entity-debris", str(f))
    assert proc.returncode == 1
    assert f.read_bytes() == DATA.read_bytes()
    assert f"--- a/{f}:1 (reuters/" in proc.stdout and " text_raw" in proc.stdout
    assert "-&#3;" in proc.stdout


def test_gzip_jsonl_is_read_and_fixed(tmp_path: Path) -> None:
    f = tmp_path / "c.jsonl.gz"
    f.write_bytes(gzip.compress(DATA.read_bytes()))
    proc = run_cli("check", *RAW, "--select", "entity-debris", "--format", "json", str(f))
    assert len(items(proc.stdout)) > 20
    run_cli("check", *RAW, "--select", "entity-debris", "--fix", str(f))
    fixed = gzip.decompress(f.read_bytes()).decode()
    assert "&#3;" not in fixed and len(fixed.splitlines()) == 40


def test_json_array_and_csv_inputs(tmp_path: Path) -> None:
    records = [json.loads(line) for line in DATA.read_bytes().splitlines()[:5]]
    arr = tmp_path / "c.json"
    arr.write_text(json.dumps(records), encoding="utf-8")
    sheet = tmp_path / "c.csv"
    with sheet.open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=["id", "text_raw"], extrasaction="ignore")
        w.writeheader()
        w.writerows(records)
    for f in (arr, sheet):
        proc = run_cli("check", *RAW, "--select", "entity-debris", "--format", "json", str(f))
        found = items(proc.stdout)
        assert {i["record"] for i in found} <= set(range(1, 6)) and found
        assert all(i["doc_id"] == records[i["record"] - 1]["id"] for i in found)


def test_parallel_results_are_identical_and_ordered(tmp_path: Path) -> None:
    lines = DATA.read_bytes().splitlines(keepends=True)
    big = tmp_path / "big.jsonl"
    big.write_bytes(b"".join(lines * 30))  # 1200 records: several chunks
    for i in range(5):
        (tmp_path / f"doc{i}.txt").write_text(f"Headline {i} here\n\nIt#39;s text.\n")
    one = run_cli("check", *RAW, "--format", "jsonl", "--jobs", "1", str(tmp_path))
    two = run_cli("check", *RAW, "--format", "jsonl", "--jobs", "2", str(tmp_path))
    assert one.returncode == two.returncode == 1
    assert one.stdout == two.stdout
    # per-document findings come in input order; corpus findings follow at the end
    corpus_codes = {"NL203", "NL204", "NL304", "NL404"}
    rows = [json.loads(x) for x in one.stdout.splitlines()]
    order = [(r["path"], r["record"] or 0) for r in rows if r["code"] not in corpus_codes]
    assert order == sorted(order, key=lambda k: (k[0], k[1]))


def test_baseline_survives_reordering_and_reports_only_new(tmp_path: Path) -> None:
    corpus = tmp_path / "c.jsonl"
    shutil.copy(DATA, corpus)
    baseline = tmp_path / "baseline.json"
    proc = run_cli("check", *RAW, "--write-baseline", str(baseline), str(corpus))
    assert proc.returncode == 0 and baseline.exists()
    lines = DATA.read_bytes().splitlines(keepends=True)
    random.Random(7).shuffle(lines)
    new = b'{"id": "new-1", "text_raw": "It#39;s the U.S-backed plan."}\n'
    lines.insert(10, new)
    corpus.write_bytes(b"".join(lines))
    proc = run_cli("check", *RAW, "--baseline", str(baseline), "--format", "json", str(corpus))
    found = items(proc.stdout)
    assert {i["doc_id"] for i in found} == {"new-1"}
    assert proc.returncode == 1
    proc = run_cli("check", *RAW, "--baseline", str(baseline), str(corpus))
    assert "known problems in the baseline not shown" in proc.stdout
    bad = tmp_path / "bad.json"
    bad.write_text("[]", encoding="utf-8")
    proc = run_cli("check", "--baseline", str(bad), str(corpus))
    assert proc.returncode == 2 and "not a newslint baseline" in proc.stderr


def test_title_field_is_checked_with_span_rules_only(tmp_path: Path) -> None:
    f = tmp_path / "t.jsonl"
    f.write_text(
        json.dumps({"id": "a", "title": "Oil &amp; gas  prices", "text": "Oil &amp; gas prices."})
        + "\n",
        encoding="utf-8",
    )
    found = items(run_cli("check", "--format", "json", str(f)).stdout)
    title = [i for i in found if i["field"] == "title"]
    assert [i["rule"] for i in title] == ["entity-debris"]  # not whitespace: block rules skip
    run_cli("check", "--fix", str(f))
    assert json.loads(f.read_text())["title"] == "Oil & gas  prices"


def test_splice_keeps_escaping_style() -> None:
    raw = b'{"a": 1, "text": "caf\\u00e9 &amp; co", "b": "x"}\n'
    out = splice_json_string(raw, {"text": "caf\u00e9 & co"})
    assert out == b'{"a": 1, "text": "caf\\u00e9 & co", "b": "x"}\n'
    raw = '{"text": "café &amp; co"}\n'.encode()
    assert splice_json_string(raw, {"text": "café & co"}) == '{"text": "café & co"}\n'.encode()
    with pytest.raises(RecordError):
        splice_json_string(b'{"other": "x"}\n', {"text": "y"})


def test_cache_reuses_unchanged_records_and_never_goes_stale(tmp_path: Path) -> None:
    import sqlite3

    corpus = tmp_path / "c.jsonl"
    shutil.copy(DATA, corpus)
    cache = tmp_path / "cache.sqlite"
    args = ("check", *RAW, "--format", "json", "--cache", str(cache), str(corpus))
    first = run_cli(*args)
    assert run_cli(*args).stdout == first.stdout  # all hits: same report

    def rows() -> int:
        with sqlite3.connect(cache) as db:
            count: int = db.execute("SELECT count(*) FROM results").fetchone()[0]
            return count

    assert rows() == 40
    lines = DATA.read_bytes().splitlines(keepends=True)
    lines[5] = b'{"id": "changed", "text_raw": "It#39;s new."}\n'
    corpus.write_bytes(b"".join(lines))
    third = json.loads(run_cli(*args).stdout)
    assert rows() == 41  # only the changed record was linted and stored
    assert [i["record"] for i in third if i["doc_id"] == "changed"] == [6]
    # another selection is another key: no stale results
    only = json.loads(run_cli(*args[:-1], "--select", "whitespace", str(corpus)).stdout)
    assert {i["rule"] for i in only} == {"whitespace"}
