"""Hostile input: every bad input gets one clear line naming the file (and record),
the rest of the run goes on, nothing hangs, and --fix never half-writes a file."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import run_cli

DAMAGED = "Headline of the story here\n\nIt#39;s a story.\n\nLatest News\n"
FIXED = "Headline of the story here\n\nIt's a story.\n"


def check_json(*args: str, **kw: object) -> tuple[int, list[dict[str, object]], str]:
    proc = run_cli("check", "--format", "json", *args, **kw)  # type: ignore[arg-type]
    return proc.returncode, json.loads(proc.stdout or "[]"), proc.stderr


def test_special_files_are_reported_one_line_each(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(DAMAGED)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "broken.txt").symlink_to(tmp_path / "nowhere.txt")
    (tmp_path / "loop1.txt").symlink_to(tmp_path / "loop2.txt")
    (tmp_path / "loop2.txt").symlink_to(tmp_path / "loop1.txt")
    (tmp_path / "utf16.txt").write_bytes(DAMAGED.encode("utf-16"))
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "up").symlink_to(tmp_path, target_is_directory=True)  # a directory loop
    paths = ["empty.txt", "broken.txt", "loop1.txt", "utf16.txt", "good.txt", "sub"]
    code, items, stderr = check_json(*[str(tmp_path / p) for p in paths])
    assert code == 2 and "Traceback" not in stderr
    by_path: dict[str, list[str]] = {}
    for i in items:
        by_path.setdefault(Path(str(i["path"])).name, []).append(str(i["message"]))
    assert "cannot read" in by_path["broken.txt"][0]
    assert "cannot read" in by_path["loop1.txt"][0]
    assert "empty.txt" not in by_path  # an empty file is simply clean
    assert len(by_path["utf16.txt"]) == 2
    # the same article in UTF-8 is a duplicate of the UTF-16 one, which came first
    assert len(by_path["good.txt"]) == 3 and "utf16.txt" in by_path["good.txt"][2]


def test_oversized_record_and_file_are_skipped_with_a_message(tmp_path: Path) -> None:
    f = tmp_path / "big.jsonl"
    with f.open("wb") as fh:
        fh.write(b'{"id": "a", "text": "It#39;s fine."}\n')
        fh.write(b'{"id": "huge", "text": "' + b"x" * (3 * 2**20) + b'"}\n')
        fh.write(b'{"id": "c", "text": "Don39;t stop."}\n')
    big = tmp_path / "big.txt"
    big.write_bytes(b"word " * (600 * 1024))
    code, items, _ = check_json("--max-file-size", "1", str(f), str(big))
    assert code == 2
    msgs = {(Path(str(i["path"])).name, i["record"]): i["message"] for i in items}
    assert "larger than 1 MiB" in str(msgs[("big.jsonl", 2)])
    assert "larger than 1 MiB" in str(msgs[("big.txt", None)])
    assert {i["doc_id"] for i in items if i["code"] == "NL101"} == {"a", "c"}
    # fixing the other records keeps the oversized line byte for byte
    run_cli("check", "--max-file-size", "1", "--fix", str(f))
    lines = f.read_bytes().splitlines()
    assert len(lines[1]) == 3 * 2**20 + 26 and b"It's fine." in lines[0]


def test_deeply_nested_and_huge_json_records(tmp_path: Path) -> None:
    f = tmp_path / "nested.jsonl"
    f.write_text(
        "[" * 100_000 + "]" * 100_000 + "\n"
        + json.dumps({"id": "ok", "text": "It#39;s fine.", "meta": {"a": [[[[1]]]]}}) + "\n",
        encoding="utf-8",
    )  # fmt: skip
    code, items, stderr = check_json(str(f))
    assert code == 1
    assert "Traceback" not in stderr
    assert items[0]["code"] == "NL004" and "nested too deeply" in str(items[0]["message"])
    assert items[1]["doc_id"] == "ok"


def test_catastrophic_pattern_in_a_user_pack_is_bounded(tmp_path: Path) -> None:
    packs = tmp_path / "packs"
    packs.mkdir()
    (packs / "evil.yaml").write_text(
        "code: NL990\nname: evil-pattern\nextends: existence\ncategory: typography\n"
        "summary: test\npatterns: ['(a+)+$']\n",
        encoding="utf-8",
    )
    (tmp_path / "newslint.toml").write_text('packs = ["packs"]\n', encoding="utf-8")
    doc = tmp_path / "a.txt"
    doc.write_text("a" * 5000 + "!\n\nIt#39;s here.\n", encoding="utf-8")
    start = time.monotonic()
    proc = run_cli("check", str(doc), env={"NEWSLINT_PATTERN_TIMEOUT": "0.5"})
    assert time.monotonic() - start < 30
    assert "NL002 [rule-error]" in proc.stdout and "backtracks catastrophically" in proc.stdout
    assert "NL101 [entity-debris]" in proc.stdout  # the other rules still ran


def test_read_only_file_is_reported_not_clobbered(tmp_path: Path) -> None:
    f = tmp_path / "ro.txt"
    f.write_text(DAMAGED)
    f.chmod(0o444)
    proc = run_cli("check", "--fix", str(f))
    assert proc.returncode == 2 and "read-only" in proc.stdout
    assert f.read_text() == DAMAGED


def test_file_changed_between_read_and_write_is_not_clobbered(tmp_path: Path) -> None:
    from newslint.io.text import decode
    from newslint.runner import FileResult, Settings, Worker

    f = tmp_path / "a.txt"
    f.write_text(DAMAGED)
    data = f.read_bytes()
    source = decode(data)
    result = FileResult(path=str(f), original=source.text, source=source)
    result.text = FIXED
    f.write_text(DAMAGED + "An editor added this line.\n")  # another process wrote meanwhile
    Worker(Settings())._write(f, data, source, result)
    assert f.read_text() == DAMAGED + "An editor added this line.\n"
    assert result.input_error
    assert "changed while it was being fixed" in result.diagnostics[-1].message


@pytest.mark.slow
def test_directory_with_many_files(tmp_path: Path) -> None:
    for i in range(100_000):
        (tmp_path / f"{i:06d}.txt").write_text("A clean headline here\n\nClean text.\n")
    (tmp_path / "099999.txt").write_text(DAMAGED)
    # identical files are duplicates of each other: this test is about the walk
    proc = run_cli("check", "--no-corpus", "--format", "json", str(tmp_path))
    items = json.loads(proc.stdout)
    assert {Path(str(i["path"])).name for i in items} == {"099999.txt"}


def _kill_loop(tmp_path: Path, rounds: int) -> None:
    """Kill `newslint check --fix` at random moments; every file must be either the
    original or the complete fixed version, never anything in between."""
    rng = random.Random(1234)
    jsonl_original = b"".join(
        json.dumps({"id": f"r{i}", "text": f"Story {i}: it#39;s here.\n\nLatest News"}).encode()
        + b"\n"
        for i in range(3000)
    )
    jsonl_fixed = b"".join(
        json.dumps({"id": f"r{i}", "text": f"Story {i}: it's here."}).encode() + b"\n"
        for i in range(3000)
    )
    for _ in range(rounds):
        work = tmp_path / f"round{rng.random()}"
        work.mkdir()
        for i in range(30):
            (work / f"a{i}.txt").write_text(DAMAGED)
        (work / "corpus.jsonl").write_bytes(jsonl_original)
        proc = subprocess.Popen(
            [sys.executable, "-m", "newslint", "check", "--fix", "--jobs", "2", str(work)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(rng.uniform(0.05, 1.5))
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        for i in range(30):
            assert (work / f"a{i}.txt").read_text() in (DAMAGED, FIXED)
        assert (work / "corpus.jsonl").read_bytes() in (jsonl_original, jsonl_fixed)
        leftovers = [p for p in work.iterdir() if p.name.endswith(".newslint-tmp")]
        for p in leftovers:  # a killed process may leave its temporary file, never a half file
            p.unlink()


def test_fix_survives_sigkill(tmp_path: Path) -> None:
    _kill_loop(tmp_path, rounds=int(os.environ.get("NEWSLINT_KILL_ROUNDS", "4")))
