"""Command-line behaviour: selection, configuration, exit codes, files and encodings."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from conftest import run_cli

from newslint import __version__

DAMAGED = "Headline of the story here\n\nIt#39;s a story.\n\nLatest News\n"


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8", newline="")
    else:
        path.write_bytes(text)
    return path


def test_version() -> None:
    proc = run_cli("--version")
    assert proc.returncode == 0 and __version__ in proc.stdout


def test_clean_file_exits_zero(tmp_path: Path) -> None:
    f = write(tmp_path / "clean.txt", "A clean headline for a story\n\nA clean paragraph.\n")
    proc = run_cli("check", str(f))
    assert proc.returncode == 0, proc.stdout
    assert "All checked" in proc.stdout


@pytest.mark.parametrize(
    ("args", "rules"),
    [
        (["--select", "NL101"], {"entity-debris"}),
        (["--select", "NL3"], {"boilerplate"}),
        (["--select", "encoding"], {"entity-debris"}),
        (["--select", "boilerplate,entity-debris"], {"boilerplate", "entity-debris"}),
        (["--ignore", "boilerplate"], {"entity-debris"}),
        (["--select", "ALL", "--ignore", "NL1"], {"boilerplate"}),
        (["--select", "encoding", "--extend-select", "NL301"], {"entity-debris", "boilerplate"}),
        (["--ignore", "NL1", "--extend-select", "NL101"], {"entity-debris", "boilerplate"}),
    ],
)
def test_selection(tmp_path: Path, args: list[str], rules: set[str]) -> None:
    f = write(tmp_path / "a.txt", DAMAGED)
    proc = run_cli("check", "--format", "json", *args, str(f))
    assert {i["rule"] for i in json.loads(proc.stdout)} == rules


def test_unknown_selector_is_a_usage_error(tmp_path: Path) -> None:
    f = write(tmp_path / "a.txt", DAMAGED)
    proc = run_cli("check", "--select", "no-such-rule", str(f))
    assert proc.returncode == 2
    assert "no-such-rule" in proc.stderr and "Traceback" not in proc.stderr


def test_config_in_pyproject_found_upward(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool.newslint]\nignore = ["boilerplate"]\n')
    f = write(tmp_path / "sub" / "deeper" / "a.txt", DAMAGED)
    proc = run_cli("check", "--format", "json", str(f), cwd=tmp_path.parent)
    assert {i["rule"] for i in json.loads(proc.stdout)} == {"entity-debris"}


def test_newslint_toml_beats_pyproject_in_same_directory(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool.newslint]\nignore = ["boilerplate"]\n')
    write(tmp_path / "newslint.toml", 'ignore = ["entity-debris"]\n')
    f = write(tmp_path / "a.txt", DAMAGED)
    proc = run_cli("check", "--format", "json", str(f))
    assert {i["rule"] for i in json.loads(proc.stdout)} == {"boilerplate"}


def test_per_file_ignores_and_rule_options(tmp_path: Path) -> None:
    write(
        tmp_path / ".newslint.toml",
        '[per-file-ignores]\n"wire/*.txt" = ["encoding"]\n\n'
        '[rules.name-consistency]\nhouse-style = "bbc"\n',
    )
    f1 = write(tmp_path / "wire" / "a.txt", DAMAGED)
    f2 = write(tmp_path / "b.txt", "The U.S. said so. The US agreed.\n")
    proc = run_cli("check", "--format", "json", str(f1), str(f2))
    items = json.loads(proc.stdout)
    assert {i["rule"] for i in items if i["path"] == str(f1)} == {"boilerplate"}
    nc = [i for i in items if i["path"] == str(f2)]
    assert len(nc) == 1 and "U.S." in nc[0]["message"] and "(bbc)" in nc[0]["message"]


def test_top_level_house_style(tmp_path: Path) -> None:
    write(tmp_path / "newslint.toml", 'house-style = "majority"\n')
    f = write(tmp_path / "b.txt", "The US said so. The US agreed. The U.S. Army too.\n")
    proc = run_cli("check", "--format", "json", str(f))
    items = json.loads(proc.stdout)
    assert [i["line"] for i in items] == [1] and "'U.S.'" in items[0]["message"]
    assert "writes 'US'" in items[0]["message"]


@pytest.mark.parametrize(
    ("config", "needle"),
    [
        ("selec = ['NL101']\n", "unknown key 'selec'"),
        ("select = 'NL101'\n", "'select' must be a list of strings"),
        ("[rules.whitespace]\nmax-blank = 2\n", "unknown option 'max-blank'"),
        ("[rules.whitespace]\nmax-blank-lines = 'two'\n", "must be int"),
        ("[rules.no-such-rule]\nx = 1\n", "unknown rule 'no-such-rule'"),
        ("house-style = 'tabloid'\n", "unknown house-style 'tabloid'"),
        ("select = [\n", "invalid TOML"),
        ("plugins = ['not-installed']\n", "plugin 'not-installed' is not installed"),
    ],
)
def test_bad_config_exits_2_naming_the_key(tmp_path: Path, config: str, needle: str) -> None:
    cfg = write(tmp_path / "newslint.toml", config)
    f = write(tmp_path / "a.txt", DAMAGED)
    proc = run_cli("check", str(f))
    assert proc.returncode == 2
    assert needle in proc.stderr and str(cfg) in proc.stderr, proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1
    assert "Traceback" not in proc.stderr


def test_pyproject_key_is_named_with_its_table(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", "[tool.newslint]\nfoo = 1\n")
    f = write(tmp_path / "a.txt", DAMAGED)
    proc = run_cli("check", str(f))
    assert proc.returncode == 2 and "'tool.newslint.foo'" in proc.stderr


def test_explicit_config_option(tmp_path: Path) -> None:
    cfg = write(tmp_path / "conf" / "custom.toml", 'select = ["boilerplate"]\n')
    f = write(tmp_path / "a.txt", DAMAGED)
    proc = run_cli("check", "--config", str(cfg), "--format", "json", str(f))
    assert {i["rule"] for i in json.loads(proc.stdout)} == {"boilerplate"}


def test_directory_recursion_include_exclude(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", DAMAGED)
    write(tmp_path / "b.md", DAMAGED)
    write(tmp_path / "c.html", DAMAGED)
    write(tmp_path / "sub" / "d.txt", DAMAGED)
    write(tmp_path / "node_modules" / "e.txt", DAMAGED)
    proc = run_cli("check", "--format", "json", str(tmp_path))
    paths = {Path(i["path"]).name for i in json.loads(proc.stdout)}
    assert paths == {"a.txt", "b.md", "d.txt"}
    write(tmp_path / "newslint.toml", 'include = ["*.html"]\nextend-exclude = ["sub"]\n')
    proc = run_cli("check", "--format", "json", str(tmp_path))
    assert {Path(i["path"]).name for i in json.loads(proc.stdout)} == {"c.html"}


def test_bad_inputs_are_reported_and_the_run_continues(tmp_path: Path) -> None:
    good = write(tmp_path / "good.txt", DAMAGED)
    binary = write(tmp_path / "bin.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    latin = write(tmp_path / "latin.txt", "Caf\xe9 society\n".encode("latin-1"))
    missing = tmp_path / "missing.txt"
    proc = run_cli("check", str(binary), str(latin), str(missing), str(good))
    assert proc.returncode == 2
    out = proc.stdout
    assert f"{binary}:1:1: NL001 [input-error] binary file" in out
    assert f"{latin}:1:1: NL001 [input-error] not valid UTF-8: byte 0xe9 at offset 3" in out
    assert f"{missing}:1:1: NL001 [input-error] no such file or directory" in out
    assert f"{good}:3:3: NL101" in out  # the good file was still checked
    assert "Traceback" not in proc.stderr
    latin_ok = run_cli("check", "--encoding", "latin-1", str(latin))
    assert latin_ok.returncode == 0, latin_ok.stdout


def test_fix_keeps_crlf_bom_mode_and_missing_final_newline(tmp_path: Path) -> None:
    text = DAMAGED.rstrip("\n").replace("\n", "\r\n")
    f = write(tmp_path / "a.txt", b"\xef\xbb\xbf" + text.encode("utf-8"))
    os.chmod(f, 0o640)
    proc = run_cli("check", "--fix", str(f))
    assert proc.returncode == 0, proc.stdout
    data = f.read_bytes()
    assert data == b"\xef\xbb\xbfHeadline of the story here\r\n\r\nIt's a story."
    assert stat.S_IMODE(f.stat().st_mode) == 0o640
    assert not list(tmp_path.glob("*.newslint-tmp"))


def test_fix_utf16_file(tmp_path: Path) -> None:
    f = write(tmp_path / "a.txt", DAMAGED.encode("utf-16"))
    proc = run_cli("check", "--fix", str(f))
    assert proc.returncode == 0, proc.stdout
    assert f.read_bytes() == "Headline of the story here\n\nIt's a story.\n".encode("utf-16")


def test_fix_mixed_line_endings_untouched_elsewhere(tmp_path: Path) -> None:
    raw = b"Headline of the story here\r\n\nIt#39;s a story.\r\nMore text.\n"
    f = write(tmp_path / "a.txt", raw)
    run_cli("check", "--fix", str(f))
    assert f.read_bytes() == raw.replace(b"#39;", b"'")


def test_stdin_check_and_fix() -> None:
    proc = run_cli("check", "-", "--stdin-filename", "story.txt", stdin=DAMAGED.encode())
    assert proc.returncode == 1 and "story.txt:3:3: NL101" in proc.stdout
    proc = run_cli("check", "--fix", "-", stdin=DAMAGED.encode())
    assert proc.stdout == "Headline of the story here\n\nIt's a story.\n"
    assert "Fixed 2 problems" in proc.stderr


def test_output_file_quiet_exit_zero(tmp_path: Path) -> None:
    f = write(tmp_path / "a.txt", DAMAGED)
    out = tmp_path / "report.json"
    proc = run_cli("check", "--format", "json", "--output-file", str(out), "--exit-zero", str(f))
    assert proc.returncode == 0 and proc.stdout == ""
    assert len(json.loads(out.read_text(encoding="utf-8"))) == 2
    proc = run_cli("check", "--quiet", str(f))
    assert proc.returncode == 1
    assert "problems" not in proc.stdout and len(proc.stdout.splitlines()) == 2


def test_statistics(tmp_path: Path) -> None:
    f = write(tmp_path / "a.txt", DAMAGED)
    proc = run_cli("check", "--statistics", str(f))
    assert "1  NL101  entity-debris  (1 fixable)" in proc.stdout
    assert "1  NL301  boilerplate  (1 fixable)" in proc.stdout


def test_rules_and_explain() -> None:
    proc = run_cli("rules", "--format", "json")
    rows = json.loads(proc.stdout)
    names = {r["name"] for r in rows}
    assert {
        "entity-debris", "mojibake", "duplicate-headline", "boilerplate",
        "name-consistency", "malformed-abbreviation", "whitespace",
    } <= names  # fmt: skip
    text = run_cli("rules").stdout
    assert "NL101" in text and "entity-debris" in text
    for key in ("entity-debris", "NL401"):
        proc = run_cli("explain", key)
        assert proc.returncode == 0
        for heading in ("What it does", "Why is this bad?", "Example", "Fix safety", "Options"):
            assert heading in proc.stdout
    proc = run_cli("explain", "whitespace")
    assert "`max-blank-lines` (int), default `1`" in proc.stdout
    assert run_cli("explain", "nope").returncode == 2


def test_python_dash_m_and_usage_error() -> None:
    assert run_cli("--help").returncode == 0
    assert run_cli("check", "--format", "xml").returncode == 2
