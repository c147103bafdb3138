"""CI output formats (SARIF, GitHub workflow commands, JUnit) and the JSON schema,
through the real command line, on the bundled examples and on real JSONL records.

Every format is checked against the JSON output of the same run, so that the
formats agree with each other whatever rules exist.
"""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from conftest import REPO, run_cli
from hypothesis import given, settings
from hypothesis import strategies as st

import newslint
from newslint import Applicability, Document, Edit, Fix, __version__
from newslint.cli import FORMAT_CHOICES
from newslint.diagnostics import Diagnostic, Related, Severity
from newslint.formats import FORMATS, Report, WriterOptions
from newslint.formats.github import command
from newslint.formats.json import diagnostic_json, diagnostic_to_dict
from newslint.formats.sarif import SarifWriter
from newslint.runner import FileResult

DATA = Path(__file__).parent / "data"
SARIF_SCHEMA = json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
REPORT_SCHEMA = json.loads(
    (REPO / "docs" / "schema" / "newslint-report-v1.json").read_text(encoding="utf-8")
)
RAW = ("--text-field", "text_raw", "--title-field", "title_raw")


# -- a small corpus: the bundled articles and real Reuters records ---------------------


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("corpus")
    shutil.copytree(REPO / "examples", root / "examples")
    # a CRLF copy: positions must still map onto the file
    seed = (REPO / "examples" / "venezuela-2019.txt").read_bytes()
    (root / "crlf").mkdir()
    (root / "crlf" / "venezuela-crlf.txt").write_bytes(seed.replace(b"\n", b"\r\n"))
    lines = (DATA / "reuters-40.jsonl").read_bytes().splitlines(keepends=True)
    (root / "wire.jsonl").write_bytes(b"".join(lines[:12]) + b'{"id": "broken", "text_raw": \n')
    return root


class Run:
    """One run of the command line per format, kept for the module."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.cache: dict[tuple[str, ...], str] = {}

    def __call__(self, fmt: str, *paths: str) -> str:
        key = (fmt, *paths)
        if key not in self.cache:
            proc = run_cli(
                "check", *RAW, "--format", fmt, *(paths or ("examples", "crlf", "wire.jsonl")),
                cwd=self.root, env={"GITHUB_WORKSPACE": str(self.root)},
            )  # fmt: skip
            assert proc.returncode == 1, proc.stderr
            assert not proc.stderr, proc.stderr
            self.cache[key] = proc.stdout
        return self.cache[key]

    def json(self, *paths: str) -> list[dict[str, Any]]:
        found: list[dict[str, Any]] = json.loads(self("json", *paths))
        return found


@pytest.fixture(scope="module")
def run(corpus: Path) -> Run:
    return Run(corpus)


def offset_of(text: str, line: int, column: int) -> int:
    starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
    return starts[line - 1] + column - 1


def file_text(root: Path, path: str) -> str:
    """A text file as newslint decodes it (CRLF read as LF)."""
    return (root / path).read_bytes().decode("utf-8").replace("\r\n", "\n")


# -- the registry of formats ------------------------------------------------------------


def test_every_format_is_offered_and_documented() -> None:
    doc = (REPO / "docs" / "output-formats.md").read_text(encoding="utf-8")
    for name in ("sarif", "github", "junit", "json", "jsonl", "text"):
        assert name in FORMATS and name in FORMAT_CHOICES
        assert f"`{name}`" in doc


# -- SARIF ------------------------------------------------------------------------------


def sarif_run(text: str) -> dict[str, Any]:
    log = json.loads(text)
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(log)
    assert log["version"] == "2.1.0" and len(log["runs"]) == 1
    run: dict[str, Any] = log["runs"][0]
    return run


def test_sarif_is_valid_and_describes_every_rule(run: Run) -> None:
    sarif = sarif_run(run("sarif"))
    items = run.json()
    driver = sarif["tool"]["driver"]
    assert driver["name"] == "newslint" and driver["version"] == __version__
    rules = driver["rules"]
    assert [r["id"] for r in rules] == sorted({i["code"] for i in items})
    for r in rules:
        assert r["shortDescription"]["text"]
        if not r["id"].startswith("NL0"):
            assert "## What it does" in r["help"]["markdown"]
            assert r["fullDescription"]["text"]
            assert r["properties"]["fix"] in ("safe", "unsafe", "display", "none")
    results = sarif["results"]
    assert len(results) == len(items)
    for result, item in zip(results, items, strict=True):
        assert result["ruleId"] == item["code"]
        assert rules[result["ruleIndex"]]["id"] == item["code"]
        want = {"error": "error", "warning": "warning", "info": "note"}[item["severity"]]
        assert result["level"] == want
        assert result["message"]["text"].startswith(item["message"])
        assert len(result["partialFingerprints"]["newslint/v1"]) >= 16
    levels = {r["id"]: r["defaultConfiguration"]["level"] for r in rules}
    assert levels.get("NL004") == "error"  # the broken record


def test_sarif_text_regions_and_fixes_map_onto_the_file(run: Run, corpus: Path) -> None:
    sarif = sarif_run(run("sarif"))
    items = run.json()
    assert sarif["columnKind"] == "unicodeCodePoints"
    base = sarif["originalUriBaseIds"]["%SRCROOT%"]["uri"]
    assert base == corpus.absolute().as_uri() + "/"
    checked = 0
    for result, item in zip(sarif["results"], items, strict=True):
        if item["record"] is not None:
            continue
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"] == {"uri": item["path"], "uriBaseId": "%SRCROOT%"}
        region = location["region"]
        assert (region["startLine"], region["startColumn"]) == (item["line"], item["column"])
        assert (region["endLine"], region["endColumn"]) == (item["end_line"], item["end_column"])
        if item["fix"] is None or not any("line" in e for e in item["fix"]["edits"]):
            # no fix, or one whose edits cannot be placed in the file (the JSON output
            # gives no line/column either): a finding of a rule that compares documents
            assert "fixes" not in result
            continue
        text = file_text(corpus, item["path"])
        (fix,) = result["fixes"]
        assert fix["properties"]["applicability"] == item["fix"]["applicability"]
        (change,) = fix["artifactChanges"]
        for replacement, edit in zip(change["replacements"], item["fix"]["edits"], strict=True):
            deleted = replacement["deletedRegion"]
            start = offset_of(text, deleted["startLine"], deleted["startColumn"])
            end = offset_of(text, deleted["endLine"], deleted["endColumn"])
            assert (start, end) == (edit["start"], edit["end"])
            assert replacement["insertedContent"]["text"] == edit["content"]
            checked += 1
    assert checked > 10

    # the CRLF copy gets the same positions as the original (and is also reported as
    # a duplicate of it)
    def regions(name: str) -> list[dict[str, int]]:
        return [
            r["locations"][0]["physicalLocation"]["region"]
            for r in sarif["results"]
            if name in json.dumps(r["locations"])
        ]

    crlf, orig = regions("venezuela-crlf"), regions("venezuela-2019")
    assert len(orig) > 5 and [r for r in crlf if r in orig] == orig


def test_sarif_records_are_placed_on_their_jsonl_line(run: Run, corpus: Path) -> None:
    sarif = sarif_run(run("sarif"))
    items = run.json()
    records = (corpus / "wire.jsonl").read_bytes().splitlines()
    seen_fields = set()
    for result, item in zip(sarif["results"], items, strict=True):
        if item["record"] is None:
            continue
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"] == "wire.jsonl"
        assert location["region"] == {"startLine": item["record"], "endLine": item["record"]}
        assert "fixes" not in result  # a region in a JSONL line is not the field's text
        props = result["properties"]
        assert props["record"] == item["record"] and props["field"] == item["field"]
        if item["code"] == "NL004":
            continue
        assert props["doc_id"] == json.loads(records[item["record"] - 1])["id"]
        assert (props["field_line"], props["field_column"]) == (item["line"], item["column"])
        assert props["fix"]["applicability"] == item["fix"]["applicability"]
        assert f"id {item['doc_id']}" in result["message"]["text"]
        seen_fields.add(item["field"])
    assert "text_raw" in seen_fields


def test_sarif_fingerprints_survive_reordered_records(tmp_path: Path) -> None:
    lines = (DATA / "reuters-40.jsonl").read_bytes().splitlines(keepends=True)[:12]
    (tmp_path / "a.jsonl").write_bytes(b"".join(lines))
    (tmp_path / "b.jsonl").write_bytes(b"\n" + b"".join(reversed(lines)))

    def fingerprints(name: str) -> Counter[str]:
        # per-document rules: which of two duplicates is "the copy" depends on the order
        proc = run_cli("check", *RAW, "--no-corpus", "--format", "sarif", name, cwd=tmp_path)
        results = sarif_run(proc.stdout)["results"]
        assert results
        return Counter(r["partialFingerprints"]["newslint/v1"] for r in results)

    assert fingerprints("a.jsonl") == fingerprints("b.jsonl")


def test_sarif_related_locations_and_corpus_findings(tmp_path: Path) -> None:
    """A finding of a rule that compares documents (written by hand: its rules are
    elsewhere) points at both records; a finding without a path has no location."""

    def diag(**kw: Any) -> Diagnostic:
        base: dict[str, Any] = dict(
            code="NL299", rule="near-duplicate", category="duplication",
            severity=Severity.WARNING, message="copy of reuters/32", start=0, end=0,
            line=1, column=1, end_line=1, end_column=1,
        )  # fmt: skip
        return Diagnostic(**{**base, **kw})

    dup = diag(
        path="wire.jsonl", record=8, doc_id="reuters/55", field="text_raw",
        related=(Related("wire.jsonl", "reuters/32", 1, "the original", record=3),),
    )  # fmt: skip
    lost = diag(code="NL002", rule="rule-error", category="input", severity=Severity.ERROR,
                message="corpus rule near-duplicate failed")  # fmt: skip
    out = tmp_path / "out.sarif"
    with out.open("w", encoding="utf-8") as stream:
        writer = SarifWriter(stream, WriterOptions())
        writer.write(FileResult(path="wire.jsonl", diagnostics=[dup, lost]))
        writer.close(Report())
    results = sarif_run(out.read_text(encoding="utf-8"))["results"]
    (related,) = results[0]["relatedLocations"]
    assert related["physicalLocation"]["region"] == {"startLine": 3, "endLine": 3}
    assert related["properties"] == {"doc_id": "reuters/32", "record": 3, "field_line": 1}
    assert results[1]["locations"] == [] and results[1]["level"] == "error"


# -- GitHub workflow commands -----------------------------------------------------------

# The grammar the runner parses (actions/runner, ActionCommand.TryParseV2): a line
# `::NAME PROPS::DATA`; PROPS are `key=value` joined by `,`; in values `%`, CR, LF,
# `:` and `,` are escaped as %25 %0D %0A %3A %2C; in data only %25 %0D %0A.
VALUE = r"(?:[^,:%\r\n]|%(?:25|0D|0A|3A|2C))+"
PROP = rf"[A-Za-z]+={VALUE}"
COMMAND_RE = re.compile(
    rf"::(?P<name>error|warning|notice) (?P<props>{PROP}(?:,{PROP})*)"
    r"::(?P<data>(?:[^%\r\n]|%(?:25|0D|0A))*)"
)
KEYS = ("file", "line", "col", "endLine", "endColumn", "title")
ESCAPES = {"%25": "%", "%0D": "\r", "%0A": "\n", "%3A": ":", "%2C": ","}


def unescape(value: str) -> str:
    return re.sub(r"%(?:25|0D|0A|3A|2C)", lambda m: ESCAPES[m.group()], value)


def runner_unescape(value: str) -> str:
    """How the runner undoes it: one replacement after the other, %25 last."""
    for escaped in ("%0D", "%0A", "%3A", "%2C", "%25"):
        value = value.replace(escaped, ESCAPES[escaped])
    return value


def parse_command(line: str) -> tuple[str, dict[str, str], str]:
    m = COMMAND_RE.fullmatch(line)
    assert m, f"not a workflow command: {line!r}"
    props: dict[str, str] = {}
    for part in m.group("props").split(","):
        key, value = part.split("=", 1)
        assert key in KEYS and key not in props, line
        assert unescape(value) == runner_unescape(value)
        props[key] = unescape(value)
    assert [k for k in KEYS if k in props] == list(props), "properties out of order"
    data = m.group("data")
    assert unescape(data) == runner_unescape(data)
    if "line" in props:
        start, end = int(props["line"]), int(props.get("endLine", props["line"]))
        assert 1 <= start <= end
        if "col" in props or "endColumn" in props:
            # the runner drops columns unless the annotation is on one line
            assert start == end and 1 <= int(props["col"]) <= int(props["endColumn"])
    return m.group("name"), props, unescape(data)


def test_github_commands_parse_and_agree_with_json(run: Run) -> None:
    lines = run("github").splitlines()
    items = run.json()
    assert len(lines) == len(items)
    names = {"error": "error", "warning": "warning", "info": "notice"}
    for line, item in zip(lines, items, strict=True):
        name, props, data = parse_command(line)
        assert name == names[item["severity"]]
        assert props["file"] == item["path"]
        assert props["title"] == f"{item['code']} {item['rule']}"
        assert data.startswith(item["message"])
        if item["record"] is not None:
            assert props["line"] == str(item["record"]) and "col" not in props
            if item["field"] is not None:
                assert f"{item['field']}:{item['line']}:{item['column']}" in data
        elif item["end_line"] == item["line"]:
            assert props["line"] == props["endLine"] == str(item["line"])
            assert (props["col"], props["endColumn"]) == (
                str(item["column"]),
                str(item["end_column"]),
            )
        elif item["end_line"] == item["line"] + 1 and item["end_column"] == 1:
            assert props["line"] == str(item["line"]) and "endLine" not in props
        else:
            assert (props["line"], props["endLine"]) == (str(item["line"]), str(item["end_line"]))


def test_github_escaping_round_trips_through_the_cli(tmp_path: Path) -> None:
    name = "wire, 50%: day 1.txt"
    (tmp_path / name).write_text("Profits rose &amp; fell.\n", encoding="utf-8")
    doc_id = "dpa:1,\r\n100% 'quoted'"
    record = {"id": doc_id, "text": "Shares of &lt;ACME> rose."}
    (tmp_path / "odd.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    proc = run_cli("check", "--select", "entity-debris", "--format", "github", name,
                   "odd.jsonl", cwd=tmp_path, env={"GITHUB_WORKSPACE": str(tmp_path)})  # fmt: skip
    lines = proc.stdout.splitlines()
    assert len(lines) == 2, proc.stdout + proc.stderr
    _, props, data = parse_command(lines[0])
    assert props["file"] == name and "%2C" in lines[0] and "%3A" in lines[0]
    _, props, data = parse_command(lines[1])
    assert props == {"file": "odd.jsonl", "line": "1", "title": "NL101 entity-debris"}
    assert f"id {doc_id}" in data and "%0D%0A" in lines[1]
    # the same file name as a SARIF URI: percent-encoded, relative to %SRCROOT%
    proc = run_cli("check", "--select", "entity-debris", "--format", "sarif", name,
                   cwd=tmp_path, env={"GITHUB_WORKSPACE": str(tmp_path)})  # fmt: skip
    (result,) = sarif_run(proc.stdout)["results"]
    location = result["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": "wire,%2050%25%3A%20day%201.txt", "uriBaseId": "%SRCROOT%"}


@pytest.mark.parametrize(
    "message",
    ["plain", "a%b", "%0A is not a newline", "two\nlines\r\n", "colons: and, commas", "%%25"],
)
def test_github_data_and_properties_round_trip(message: str) -> None:
    d = Diagnostic("NL101", "entity-debris", "encoding", Severity.INFO, message, 0, 1, 2, 3, 2,
                   4, path=f"dir/{message}.txt")  # fmt: skip
    name, props, data = parse_command(command(d))
    assert name == "notice" and data == message and props["file"] == f"dir/{message}.txt"
    assert (props["line"], props["col"], props["endLine"], props["endColumn"]) == (
        "2",
        "3",
        "2",
        "4",
    )


# -- JUnit ------------------------------------------------------------------------------


def test_junit_counts_agree_with_json(run: Run, corpus: Path) -> None:
    root = ET.fromstring(run("junit"))
    items = run.json()
    (suite,) = root.findall("testsuite")
    assert suite.get("name") == "newslint"
    cases = suite.findall("testcase")
    texts = sorted(p.relative_to(corpus).as_posix() for p in corpus.rglob("*.txt"))
    checked = [*texts, "wire.jsonl"]
    assert sorted(c.get("name") or "" for c in cases) == checked
    per_file = Counter(i["path"] for i in items)
    for case in cases:
        failures = case.findall("failure")
        assert len(failures) == per_file.get(case.get("name"), 0)
        for failure in failures:
            assert re.fullmatch(r"NL\d{3}", failure.get("type") or "")
            assert (failure.text or "").startswith(case.get("name") or "")
    failed = sum(1 for c in cases if c.findall("failure"))
    assert suite.get("tests") == str(len(cases)) and suite.get("failures") == str(failed)
    assert root.get("failures") == str(failed)
    problems = suite.find("properties/property[@name='problems']")
    assert problems is not None and problems.get("value") == str(len(items))


def test_junit_escapes_what_xml_cannot_hold(tmp_path: Path) -> None:
    name = "odd\x01<name>&.txt"
    (tmp_path / name).write_text("Profits rose &amp; fell.\n", encoding="utf-8")
    record = {"id": "ctl\x02 & <id>", "text": "Shares of &lt;ACME> rose."}
    (tmp_path / "odd.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    proc = run_cli("check", "--select", "entity-debris", "--format", "junit", name,
                   "odd.jsonl", cwd=tmp_path)  # fmt: skip
    assert proc.returncode == 1, proc.stderr
    root = ET.fromstring(proc.stdout.encode("utf-8"))
    cases = {c.get("name"): c for c in root.iter("testcase")}
    assert set(cases) == {"odd\\x01<name>&.txt", "odd.jsonl"}
    (failure,) = cases["odd.jsonl"].findall("failure")
    assert "document id: ctl\\x02 & <id>" in (failure.text or "")
    assert (
        failure.get("message") == "NL101 [entity-debris] HTML entity '&lt;' left in text: write '<'"
    )


def test_lone_surrogates_from_records_do_not_break_the_ci_formats(tmp_path: Path) -> None:
    # "\ud800" is valid JSON but not encodable as UTF-8
    (tmp_path / "s.jsonl").write_text(
        '{"id": "x\\ud800y", "text": "Profits rose &amp; fell."}\n', encoding="utf-8"
    )
    out = {}
    for fmt in ("sarif", "github", "junit", "json", "jsonl", "text"):
        proc = run_cli("check", "--select", "entity-debris", "--format", fmt, "s.jsonl",
                       cwd=tmp_path)  # fmt: skip
        assert proc.returncode == 1, proc.stderr
        out[fmt] = proc.stdout
    sarif_run(out["sarif"])
    assert "id x\\ud800y" in parse_command(out["github"].splitlines()[0])[2]
    assert "x\\ud800y" in "".join(ET.fromstring(out["junit"].encode()).itertext())


def test_line_separators_inside_values_keep_the_json_report_valid(tmp_path: Path) -> None:
    # U+2028/U+2029 and the C0 separators are line breaks to str.splitlines but not to
    # JSON: a document id holding them must come back unchanged from the report
    doc_id = "a\u2028b\u2029c\x1cd\x85e"
    (tmp_path / "s.jsonl").write_text(
        json.dumps({"id": doc_id, "text": "Profits rose &amp; fell."}) + "\n", encoding="utf-8"
    )
    proc = run_cli("check", "--select", "entity-debris", "--format", "json", "s.jsonl",
                   cwd=tmp_path)  # fmt: skip
    assert proc.returncode == 1, proc.stderr
    (item,) = json.loads(proc.stdout)
    assert item["doc_id"] == doc_id


def test_json_report_is_indented_like_json_dumps() -> None:
    from newslint.formats.json import indented

    value = {"a": [1, 2.5, None, True], "b": {}, "c": [], "d": {"e": 'é\u2028"\n'}}
    expected = json.dumps(value, ensure_ascii=False, indent=2)
    assert indented(value) == expected
    assert indented(value, "  ") == expected.replace("\n", "\n  ")


# -- the JSON schema ----------------------------------------------------------------------


def test_json_and_jsonl_follow_the_versioned_schema(run: Run) -> None:
    jsonschema.Draft202012Validator.check_schema(REPORT_SCHEMA)
    validator = jsonschema.Draft202012Validator(REPORT_SCHEMA)
    items = run.json()
    validator.validate(items)
    lines = [json.loads(line) for line in run("jsonl").splitlines()]
    assert lines == items
    defs = REPORT_SCHEMA["$defs"]
    for item in lines:
        validator.validate(item)
        # the schema names exactly the keys newslint writes (a new key needs the schema)
        assert set(item) == set(defs["diagnostic"]["properties"])
        for related in item["related"]:
            assert set(related) == set(defs["related"]["properties"])
        for edit in (item["fix"] or {}).get("edits", []):
            assert set(edit) <= set(defs["edit"]["properties"])
    assert any("line" in e for i in items if i["fix"] for e in i["fix"]["edits"])
    assert any(i["related"] for i in items)
    with pytest.raises(jsonschema.ValidationError):
        validator.validate([{**items[0], "severity": "fatal"}])


# -- the CI documentation ---------------------------------------------------------------


def yaml_blocks(markdown: str) -> list[str]:
    return re.findall(r"^```ya?ml\n(.*?)^```", markdown, re.M | re.S)


def test_github_workflow_example_is_valid_and_uses_real_options() -> None:
    text = (REPO / "docs" / "examples" / "github-workflow.yml").read_text(encoding="utf-8")
    workflow = yaml.safe_load(text)
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads `on` as true
    assert "push" in triggers and "pull_request" in triggers
    steps = [s for job in workflow["jobs"].values() for s in job["steps"]]
    uses = [s.get("uses", "") for s in steps]
    assert any(u.startswith("github/codeql-action/upload-sarif@") for u in uses)
    commands = [
        line
        for s in steps
        for line in s.get("run", "").replace("\\\n", " ").splitlines()
        if "newslint check" in line
    ]
    runs = " ".join(commands)
    assert "--format sarif" in runs and "--format github" in runs
    assert "--baseline .newslint-baseline.json" in runs
    assert "--write-baseline .newslint-baseline.json" in runs
    help_text = run_cli("check", "--help").stdout
    for option in set(re.findall(r"(?<![\w-])--[a-z][a-z-]+", runs)):
        assert option in help_text, option
    # docs/ci.md shows the same workflow
    ci = (REPO / "docs" / "ci.md").read_text(encoding="utf-8")
    assert text in yaml_blocks(ci)


def test_gitlab_example_is_valid_yaml() -> None:
    ci = (REPO / "docs" / "ci.md").read_text(encoding="utf-8")
    blocks = [yaml.safe_load(b) for b in yaml_blocks(ci)]
    gitlab = [b for b in blocks if isinstance(b, dict) and "newslint" in b and "jobs" not in b]
    assert gitlab, "no GitLab CI example in docs/ci.md"
    job = gitlab[0]["newslint"]
    assert job["artifacts"]["reports"]["junit"] == "newslint-junit.xml"
    assert any("--format junit" in line for line in job["script"])


TEXTS = st.text(alphabet=st.characters(), max_size=20)  # lone surrogates included
MAYBE = st.none() | TEXTS
NUMBER = st.none() | st.integers(min_value=0, max_value=10**12)


@st.composite
def diagnostics(draw: Any) -> Diagnostic:
    edits = draw(st.lists(st.tuples(st.integers(0, 50), st.integers(0, 5), TEXTS), max_size=3))
    fix = None
    if edits and draw(st.booleans()):
        starts = sorted({s for s, _, _ in edits})
        fix = Fix(
            [Edit(s, s + 1, c) for s, (_, _, c) in zip(starts, edits, strict=False)],
            draw(st.sampled_from(list(Applicability))),
            draw(TEXTS),
        )
    related = draw(st.lists(st.builds(Related, MAYBE, MAYBE, NUMBER, MAYBE, NUMBER), max_size=2))
    ints = draw(st.lists(st.integers(0, 10**9), min_size=6, max_size=6))
    return Diagnostic(
        draw(TEXTS), draw(TEXTS), draw(TEXTS), draw(st.sampled_from(list(Severity))),
        draw(TEXTS), *ints, fix=fix, path=draw(MAYBE), doc_id=draw(MAYBE),
        related=tuple(related), note=draw(MAYBE), record=draw(NUMBER), field=draw(MAYBE),
        fingerprint=draw(MAYBE),
    )  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(diagnostics(), st.text(max_size=60))
def test_jsonl_fast_encoder_equals_json_dumps(d: Diagnostic, text: str) -> None:
    for doc in (None, Document(text)):
        assert diagnostic_json(d, doc) == json.dumps(diagnostic_to_dict(d, doc), ensure_ascii=False)


def test_jsonl_fast_encoder_on_real_findings() -> None:
    seed = (REPO / "examples" / "venezuela-2019.txt").read_text(encoding="utf-8")
    doc = Document(seed, path="seed.txt")
    found = newslint.project(select=["ALL"]).linter_for(None).lint(doc)
    assert len(found) > 5 and any(d.fix for d in found)
    for d in found:
        for where in (None, doc):
            expected = json.dumps(diagnostic_to_dict(d, where), ensure_ascii=False)
            assert diagnostic_json(d, where) == expected
