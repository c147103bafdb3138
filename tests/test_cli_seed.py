"""The foundation issue's acceptance checks, run through the real command line."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from conftest import SEED, run_cli

JSON_KEYS = {
    "path", "line", "column", "end_line", "end_column", "code", "rule",
    "category", "severity", "message", "fix",
}  # fmt: skip


def test_json_report_on_seed_article() -> None:
    proc = run_cli("check", "--format", "json", str(SEED))
    assert proc.returncode == 1, proc.stderr
    items = json.loads(proc.stdout)
    assert items and all(set(item) >= JSON_KEYS for item in items)
    for item in items:
        fix = item["fix"]
        assert fix is None or {"applicability", "edits"} <= set(fix)
    by_rule: dict[str, set[int]] = {}
    for item in items:
        by_rule.setdefault(item["rule"], set()).add(item["line"])
    assert by_rule["entity-debris"] == {3}
    assert by_rule["duplicate-headline"] == {5}
    assert by_rule["malformed-abbreviation"] == {27}
    assert by_rule["boilerplate"] == {43}
    assert by_rule["name-consistency"] == {7, 21, 25, 39}
    assert by_rule["teaser"] == {33}  # "Who is Venezuela's legitimate leader?"
    russian = [i for i in items if i["rule"] == "name-consistency" and i["line"] == 7]
    assert "Russian Federation" in russian[0]["message"]
    clean_lines = {11, 13, 15, 17, 19, 23, 29, 35, 37}
    assert not [i for i in items if i["line"] in clean_lines]
    # spans are exact: the text at the reported columns is the damage
    lines = SEED.read_text(encoding="utf-8").split("\n")
    debris = next(i for i in items if i["rule"] == "entity-debris")
    assert lines[2][debris["column"] - 1 : debris["end_column"] - 1] == "39;"


def test_fix_then_fix_again_and_unsafe(tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    shutil.copyfile(SEED, article)
    original = article.read_text(encoding="utf-8")
    proc = run_cli("check", "--fix", str(article))
    assert proc.returncode == 1  # the unsafe name fixes remain
    fixed = article.read_text(encoding="utf-8")
    lines = fixed.split("\n")
    assert lines[2] == "'Venezuela confronting coup attempt of soldier group'"
    headline = "Venezuela's Juan Guaido urges military uprising to topple socialist leader"
    assert fixed.count(headline) == 1
    assert "Latest News" not in fixed
    assert "U.S.-backed" in fixed and "U.S-backed" not in fixed
    assert not fixed.endswith("\n")  # the original had no final newline
    # all other text is unchanged: every line of the fix is a line of the original
    kept = [line for line in lines if line]
    orig_lines = set(original.split("\n"))
    changed = [line for line in kept if line not in orig_lines]
    assert len(changed) == 2, changed  # line 3 and the U.S.-backed line

    again = run_cli("check", "--fix", str(article))
    assert article.read_text(encoding="utf-8") == fixed
    assert "Fixed" not in again.stdout

    proc = run_cli("check", "--fix", "--unsafe-fixes", str(article))
    assert proc.returncode == 0, proc.stdout
    final = article.read_text(encoding="utf-8")
    assert "U.S. government" in final and "USA government" not in final
    assert "U.S. President" in final and "US President" not in final
    assert "persuaded by Russia to remain" in final and "Russian Federation" not in final
    assert "the USA empire" in final  # quoted speech is untouched


def test_text_output_and_summary() -> None:
    proc = run_cli("check", str(SEED))
    assert proc.returncode == 1
    first = proc.stdout.splitlines()[0]
    assert first.startswith(f"{SEED}:3:1: NL101 [entity-debris] [*] ")
    assert "10 problems, 4 fixable with --fix, 6 more with --unsafe-fixes." in proc.stdout
    assert "[~]" in proc.stdout  # unsafe fixes are marked differently


def test_diff_writes_nothing(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    shutil.copyfile(SEED, article)
    before = article.read_bytes()
    proc = run_cli("check", "--diff", str(article))
    assert proc.returncode == 1
    assert article.read_bytes() == before
    assert f"--- a/{article}" in proc.stdout
    assert "-39;Venezuela" in proc.stdout and "+'Venezuela" in proc.stdout
    assert "-Latest News" in proc.stdout


def test_examples_directory(repo: Path) -> None:
    proc = run_cli("check", "--statistics", str(repo / "examples"))
    assert proc.returncode == 1
    assert "clean-reuters-1987.txt" not in proc.stdout  # the clean example is clean
    for name in ("venezuela-2019.txt", "mojibake-caracas.txt", "reuters-corby-1987.txt"):
        assert name in proc.stdout
    assert "NL101  entity-debris" in proc.stdout
