"""Rules from outside newslint: plugins (entry points) and extra pack directories.

* ``tests/plugin_example`` is a real package, ``newslint-example-plugin``. The slow
  tests build and install it with pip into a temporary directory and run the real
  ``newslint`` command against it, so discovery goes through the package metadata
  exactly as for a user; the fast tests import its rule from source.
* The ``packs = [...]`` route needs no package at all: a project's configuration
  names a directory of YAML packs.
"""

from __future__ import annotations

import importlib
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from click.testing import CliRunner

from newslint.cli import main
from newslint.document import Document
from newslint.engine import Linter
from newslint.explain import HEADINGS, rule_doc
from newslint.fixer import fix_document
from newslint.packs import builtin_pack_dir, load_pack_rules
from newslint.rule import OptionError, Rule, RuleSet

ROOT = Path(__file__).resolve().parents[1]
PLUGIN_DIR = ROOT / "tests" / "plugin_example"

# A story scraped from two pages: the second page repeats the dateline, and an
# editor's "TK" (to come) was never filled in.
ARTICLE = """\
Senate passes stopgap spending bill

By Richard Cowan

WASHINGTON (Reuters) - The Senate on Thursday passed a stopgap bill to keep the government open.

The vote was TK to 20, with most Republicans joining Democrats.

WASHINGTON (Reuters) - The House of Representatives is expected to vote on the measure on Friday.
"""
CLEAN = """\
Senate passes stopgap spending bill

WASHINGTON (Reuters) - The Senate on Thursday passed a stopgap bill to keep the government open.

The vote was 74 to 20, with most Republicans joining Democrats.
"""
PLUGIN_CODES = {"EXP101", "EXP201"}


def _linter(rules: list[Rule], options: dict[str, Any] | None = None) -> Linter:
    parsed = {r.meta.name: r.parse_options((options or {}).get(r.meta.name)) for r in rules}
    return Linter(RuleSet(tuple(rules), parsed))


# -- the example rules, imported from source -------------------------------------------


@pytest.fixture(scope="module")
def example() -> Iterator[ModuleType]:
    with pytest.MonkeyPatch.context() as mp:
        mp.syspath_prepend(str(PLUGIN_DIR / "src"))
        yield importlib.import_module("newslint_example_plugin")
    for name in [n for n in sys.modules if n.split(".")[0] == "newslint_example_plugin"]:
        del sys.modules[name]


def test_entry_point_provides_a_code_rule_and_a_pack_directory(example: ModuleType) -> None:
    provided = example.rules()
    rules = [p for p in provided if isinstance(p, Rule)]
    dirs = [p for p in provided if isinstance(p, Path)]
    assert [r.meta.code for r in rules] == ["EXP101"]
    assert len(dirs) == 1 and dirs[0].is_dir()
    packs = load_pack_rules(dirs)
    assert [r.meta.code for r in packs] == ["EXP201"]
    for rule in (*rules, *packs):
        assert not rule.meta.code.startswith("NL"), "NL codes belong to newslint"
        headings = re.findall(r"^## (.+)$", rule_doc(rule), flags=re.MULTILINE)
        assert tuple(headings) == HEADINGS, rule.meta.name


DATELINE_CASES: list[dict[str, Any]] = [
    {
        "id": "repeated dateline after a page break",
        "text": ARTICLE,
        "found": [(9, 1, 9, 23)],
        "fixed": ARTICLE.replace("WASHINGTON (Reuters) - The House", "The House"),
    },
    {
        "id": "another story glued on: reported, no fix",
        "text": CLEAN + "\nLONDON (AP) — Britain's Conservative Party was accused Wednesday.\n",
        "found": [(7, 1, 7, 14)],
        "fixed": None,
    },
    {
        "id": "dateline with a state, repeated",
        "text": "Cat found\n\nSANTA FE, N.M. (AP) — A cat was found.\n\nIt had been missing."
        "\n\nSANTA FE, N.M. (AP) — Its owners were told on Monday.",
        "found": [(7, 1, 7, 22)],
        "fixed": "Cat found\n\nSANTA FE, N.M. (AP) — A cat was found.\n\nIt had been missing."
        "\n\nIts owners were told on Monday.",
    },
    {
        "id": "accented place name, another story",
        "text": CLEAN + "\nSÃO PAULO (AP) — Brazil's central bank cut rates.\n",
        "found": [(7, 1, 7, 17)],
        "fixed": None,
    },
    {"id": "dateline in the lead", "text": CLEAN, "found": [], "fixed": None},
    {
        "id": "no headline line when the title is given separately",
        "text": "By Richard Cowan\n\nWASHINGTON (Reuters) - The Senate voted.\n",
        "title": "Senate passes stopgap spending bill",
        "found": [],
        "fixed": None,
    },
    {
        "id": "not a wire agency",
        "text": "Agency names head\n\nLead.\n\nMore.\n\nWHO (Geneva) - said nothing.\n",
        "found": [],
        "fixed": None,
    },
    {
        "id": "option agencies",
        "text": ARTICLE,
        "options": {"agencies": ["AP"]},
        "found": [],
        "fixed": None,
    },
    {
        "id": "option lead-lines: the byline uses up the lead",
        "text": ARTICLE,
        "options": {"lead-lines": 1},
        "found": [(5, 1, 5, 23), (9, 1, 9, 23)],
        "fixed": ARTICLE.replace("WASHINGTON (Reuters) - The House", "The House"),
        "left": [(5, 1, 5, 23)],
    },
]


@pytest.mark.parametrize("case", DATELINE_CASES, ids=[c["id"] for c in DATELINE_CASES])
def test_dateline_rule(example: ModuleType, case: dict[str, Any]) -> None:
    rule = example.dateline.RULE
    linter = _linter([rule], {rule.meta.name: case.get("options", {})})
    doc = Document(case["text"], title=case.get("title"))
    found = linter.lint(doc)
    assert [(d.line, d.column, d.end_line, d.end_column) for d in found] == case["found"]
    assert all(d.code == "EXP101" and d.rule == "dateline-in-body" for d in found)
    # no fix without --unsafe-fixes; with it, the expected text, which lints clean
    assert fix_document(linter, doc).text == case["text"]
    fixed = fix_document(linter, doc, unsafe_fixes=True)
    assert fixed.converged
    assert fixed.text == (case["fixed"] if case["fixed"] is not None else case["text"])
    left = case.get("left", [] if case["fixed"] is not None else case["found"])
    assert [(d.line, d.column, d.end_line, d.end_column) for d in fixed.remaining] == left
    again = fix_document(linter, doc.with_text(fixed.text), unsafe_fixes=True)
    assert again.text == fixed.text  # fixing twice = fixing once


def test_dateline_options_are_typed(example: ModuleType) -> None:
    rule = example.dateline.RULE
    opts = rule.parse_options({"agencies": ["AP", "AFP"], "lead_lines": 3})
    assert opts.agencies == ("AP", "AFP") and opts.lead_lines == 3
    with pytest.raises(OptionError, match="unknown option 'agency'"):
        rule.parse_options({"agency": ["AP"]})
    with pytest.raises(OptionError, match="lead-lines"):
        rule.parse_options({"lead-lines": "two"})


def test_example_pack_examples_behave_as_stated(example: ModuleType) -> None:
    for rule in load_pack_rules([example.PACKS]):
        linter = _linter([rule])
        assert rule.meta.examples_fail and rule.meta.examples_pass
        for text in rule.meta.examples_fail:
            assert linter.lint(Document(text)), f"{rule.meta.name} should fire on {text!r}"
        for text in rule.meta.examples_pass:
            assert not linter.lint(Document(text)), f"{rule.meta.name} fired on {text!r}"


# -- the installed plugin, through the real command ---------------------------------------


@pytest.fixture(scope="module")
def plugin_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build and install the example plugin (no dependencies) into its own directory."""
    base = tmp_path_factory.mktemp("plugin")
    source = base / "source"
    shutil.copytree(
        PLUGIN_DIR,
        source,
        ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "build", "dist", "*.egg-info"),
    )
    site = base / "site"
    command = [
        sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-input",
        "--disable-pip-version-check", "--target", str(site), str(source),
    ]  # fmt: skip
    proc = subprocess.run(command, capture_output=True, text=True, timeout=300)
    if proc.returncode != 0:
        pytest.fail(f"cannot install the example plugin:\n{proc.stdout}\n{proc.stderr}")
    entry_points = next(site.glob("newslint_example_plugin-*.dist-info/entry_points.txt"))
    assert "[newslint.rules]" in entry_points.read_text()
    return site


def newslint(site: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run ``python -m newslint`` with the plugin's directory on the path."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(site), env.get("PYTHONPATH")]))
    return subprocess.run(
        [sys.executable, "-m", "newslint", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )


def _project(tmp_path: Path, config: str) -> Path:
    (tmp_path / "newslint.toml").write_text(config, encoding="utf-8")
    (tmp_path / "article.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "clean.txt").write_text(CLEAN, encoding="utf-8")
    return tmp_path


def _codes(proc: subprocess.CompletedProcess[str]) -> set[str]:
    assert proc.returncode == 0, proc.stderr
    return {row["code"] for row in json.loads(proc.stdout)}


@pytest.mark.slow
def test_installed_plugin_is_inactive_unless_listed(plugin_site: Path, tmp_path: Path) -> None:
    project = _project(tmp_path, "# no plugins here\n")
    codes = _codes(newslint(plugin_site, project, "rules", "--format", "json"))
    assert "NL101" in codes
    assert not codes & PLUGIN_CODES
    proc = newslint(plugin_site, project, "check", "--format", "json", "article.txt")
    assert not {d["code"] for d in json.loads(proc.stdout)} & PLUGIN_CODES


@pytest.mark.slow
def test_listed_plugin_lists_explains_and_checks(plugin_site: Path, tmp_path: Path) -> None:
    project = _project(tmp_path, 'plugins = ["example"]\n')
    rules = newslint(plugin_site, project, "rules", "--format", "json")
    assert _codes(rules) >= PLUGIN_CODES | {"NL101", "NL301"}
    by_code = {row["code"]: row for row in json.loads(rules.stdout)}
    assert by_code["EXP101"]["name"] == "dateline-in-body"
    assert by_code["EXP101"]["fix"] == "unsafe"
    assert by_code["EXP201"]["origin"].endswith("placeholder-text.yaml")

    explain = newslint(plugin_site, project, "explain", "EXP101")
    assert explain.returncode == 0, explain.stderr
    assert explain.stdout.startswith("# dateline-in-body (EXP101)")
    for heading in HEADINGS:
        assert f"## {heading}" in explain.stdout
    assert "`lead-lines` (int), default `2`" in explain.stdout
    explain = newslint(plugin_site, project, "explain", "placeholder-text")
    assert explain.returncode == 0 and "fires on: The company said profit" in explain.stdout

    check = newslint(plugin_site, project, "check", "--format", "json", "article.txt")
    assert check.returncode == 1, check.stderr
    found = [(d["code"], d["rule"], d["line"], d["column"]) for d in json.loads(check.stdout)]
    assert found == [("EXP201", "placeholder-text", 7, 14), ("EXP101", "dateline-in-body", 9, 1)]
    dateline = json.loads(check.stdout)[1]
    assert dateline["end_column"] == 23
    assert dateline["fix"]["applicability"] == "unsafe"
    assert dateline["related"][0]["line"] == 5

    text = newslint(plugin_site, project, "check", "article.txt")
    assert "article.txt:9:1: EXP101 [dateline-in-body]" in text.stdout

    clean = newslint(plugin_site, project, "check", "clean.txt")
    assert clean.returncode == 0, clean.stdout + clean.stderr

    fixed = newslint(plugin_site, project, "check", "--fix", "--unsafe-fixes", "article.txt")
    assert fixed.returncode == 1  # the TK placeholder has no fix
    assert (project / "article.txt").read_text(encoding="utf-8") == ARTICLE.replace(
        "WASHINGTON (Reuters) - The House", "The House"
    )


@pytest.mark.slow
def test_unknown_plugin_is_a_configuration_error(plugin_site: Path, tmp_path: Path) -> None:
    project = _project(tmp_path, 'plugins = ["example", "no-such-plugin"]\n')
    for args in (("check", "article.txt"), ("rules",)):
        proc = newslint(plugin_site, project, *args)
        assert proc.returncode == 2
        assert proc.stdout == ""
        lines = proc.stderr.strip().splitlines()
        assert len(lines) == 1 and "'no-such-plugin'" in lines[0], proc.stderr
        assert "not installed" in lines[0]


# -- extra pack directories from the configuration ----------------------------------------

PER_CENT_PACK = r"""
code: HS101
name: per-cent
extends: substitution
category: consistency
fix: unsafe
summary: The house style writes "percent", not "per cent".
message: "house style: '{replacement}', not '{match}'"
entries:
  - pattern: '(\d) per cent\b'
    replacement: '\1 percent'
examples:
  fail: ["Prices rose 5 per cent."]
  pass: ["Prices rose 5 percent.", "The per capita figure rose."]
"""
GERMAN_BOILERPLATE_PACK = """
rule: boilerplate
language: de
description: German share and navigation lines.
entries:
  - group: share
    lines:
      - Artikel teilen
  - group: navigation
    lines:
      - Mehr zum Thema
examples:
  fail: ["Der Text.\\n\\nArtikel teilen\\n"]
  pass: ["Wir teilen den Artikel nicht."]
"""
PACKED_ARTICLE = """\
Inflation eases in March

Consumer prices rose 2 per cent in March, the statistics office said.

Artikel teilen
"""


@pytest.fixture
def pack_project(tmp_path: Path) -> Path:
    packs = tmp_path / "mypacks"
    (packs / "de").mkdir(parents=True)
    (packs / "per-cent.yaml").write_text(PER_CENT_PACK, encoding="utf-8")
    (packs / "de" / "boilerplate.yaml").write_text(GERMAN_BOILERPLATE_PACK, encoding="utf-8")
    (tmp_path / "article.txt").write_text(PACKED_ARTICLE, encoding="utf-8")
    return tmp_path


def _invoke(*args: str) -> Any:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.mark.parametrize("config_name", ["newslint.toml", "pyproject.toml"])
def test_pack_directories_from_configuration(pack_project: Path, config_name: str) -> None:
    article = str(pack_project / "article.txt")
    found = json.loads(_invoke("check", "--format", "json", article).stdout)
    assert [d["code"] for d in found] == []  # without the packs: nothing to report

    config = 'packs = ["mypacks"]\n'
    if config_name == "pyproject.toml":
        config = '[project]\nname = "x"\n\n[tool.newslint]\n' + config
    (pack_project / config_name).write_text(config, encoding="utf-8")

    result = _invoke("check", "--format", "json", article)
    assert result.exit_code == 1
    found = [(d["code"], d["line"], d["column"], d["fix"]["applicability"])
             for d in json.loads(result.stdout)]  # fmt: skip
    assert found == [("HS101", 3, 22, "unsafe"), ("NL301", 5, 1, "safe")]

    rules = json.loads(
        _invoke("rules", "--format", "json", "--config", str(pack_project / config_name)).stdout
    )
    per_cent = next(r for r in rules if r["code"] == "HS101")
    assert per_cent["name"] == "per-cent"
    assert per_cent["origin"] == str((pack_project / "mypacks" / "per-cent.yaml").resolve())

    result = _invoke("check", "--fix", article)
    assert result.exit_code == 1  # the unsafe substitution is left for --unsafe-fixes
    assert Path(article).read_text(encoding="utf-8") == PACKED_ARTICLE.replace(
        "\n\nArtikel teilen\n", "\n"
    )


def test_pack_examples_run(pack_project: Path) -> None:
    rules = {
        r.meta.name: r for r in load_pack_rules([builtin_pack_dir(), pack_project / "mypacks"])
    }
    for name in ("per-cent", "boilerplate"):
        rule = rules[name]
        linter = _linter([rule])
        for text in rule.meta.examples_fail:
            assert linter.lint(Document(text)), (name, text)
        for text in rule.meta.examples_pass:
            assert not linter.lint(Document(text)), (name, text)
    assert "Der Text.\n\nArtikel teilen\n" in rules["boilerplate"].meta.examples_fail


def test_missing_pack_directory_is_a_configuration_error(tmp_path: Path) -> None:
    (tmp_path / "newslint.toml").write_text('packs = ["nowhere"]\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text("Text.\n", encoding="utf-8")
    result = _invoke("check", str(tmp_path / "a.txt"))
    assert result.exit_code == 2
    assert "nowhere" in result.output and "does not exist" in result.output
