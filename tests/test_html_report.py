"""``--format html``: the corpus quality report.

* Unit tests drive :class:`HtmlWriter` with hand-made results: bounded memory
  (examples per rule, worst documents), sources, duplicate clusters, escaping.
* The browser tests run the real command over the bundled ``examples/`` plus
  300 real Reuters records, with a stand-in corpus rule that reports exact
  duplicate texts (so that duplicate clusters appear), then open the report in
  headless Chromium: the screenshot must not be blank and the DOM (after the
  page's script ran) must hold every section. They skip when no Chromium is
  installed (CI: ``apt-get install -y chromium``).
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import shutil
import struct
import subprocess
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from newslint.cli import main
from newslint.diagnostics import Applicability, Diagnostic, Edit, Fix, Related, Severity
from newslint.formats import Report, WriterOptions, make_writer
from newslint.formats import html as html_format
from newslint.formats.html import HtmlWriter, excerpt
from newslint.rule import CorpusRule, DocRef, RuleMeta
from newslint.runner import FileResult
from newslint.sources import host_of

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
REUTERS = ROOT.parent / "shared" / "data" / "dupes" / "reuters21578_docs.jsonl"
SECTIONS = ("summary", "rules", "sources", "distribution", "duplicates", "worst", "examples")


# -- helpers ----------------------------------------------------------------------------


def diag(
    code: str = "NL101",
    rule: str = "entity-debris",
    category: str = "encoding",
    *,
    path: str = "a.jsonl",
    record: int | None = 1,
    start: int = 0,
    end: int = 4,
    message: str = "HTML entity '&lt;' left in text",
    related: tuple[Related, ...] = (),
    fix: Fix | None = None,
    doc_id: str | None = None,
) -> Diagnostic:
    return Diagnostic(
        code, rule, category, Severity.WARNING, message, start, end, 1, start + 1, 1, end + 1,
        fix=fix, path=path, doc_id=doc_id, related=related, record=record,
        field="text" if record is not None else None,
    )  # fmt: skip


def records_result(
    path: str, diagnostics: list[Diagnostic], documents: int, sources: dict[int, str] | None = None
) -> FileResult:
    result = FileResult(path=path, diagnostics=diagnostics)
    result.documents = documents
    if sources is not None:
        result.sources = sources  # type: ignore[attr-defined]  # proposed FileResult field
    return result


def text_result(path: str, text: str, diagnostics: list[Diagnostic]) -> FileResult:
    result = FileResult(path=path, diagnostics=diagnostics, original=text)
    result.documents = 1
    return result


def render(results: list[FileResult]) -> str:
    stream = io.StringIO()
    writer = make_writer("html", stream, WriterOptions())
    report = Report()
    for r in results:
        report.add(r, False)
        writer.write(r)
    writer.close(report)
    return stream.getvalue()


def external_urls(page: str) -> list[str]:
    """src/href/url() values that would make the browser fetch something."""
    refs = re.findall(r"""\b(?:src|href|xlink:href|action)\s*=\s*["']?([^"'\s>]+)""", page)
    refs += re.findall(r"url\(\s*['\"]?([^'\")]+)", page)
    refs += re.findall(r"@import\s+['\"]?([^'\";]+)", page)
    return [r for r in refs if not r.startswith("#")]


# -- the writer -------------------------------------------------------------------------


def test_registered_as_a_format() -> None:
    from newslint.cli import FORMAT_CHOICES
    from newslint.formats import FORMATS

    assert "html" in FORMATS and "html" in FORMAT_CHOICES
    assert isinstance(make_writer("html", io.StringIO(), WriterOptions()), HtmlWriter)


def test_empty_run_is_a_valid_page() -> None:
    page = render([])
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    for section in SECTIONS:
        assert f'id="{section}"' in page
    assert not external_urls(page)


def test_totals_share_and_rules() -> None:
    results = [
        records_result("a.jsonl", [diag(record=1), diag(record=1, start=9, end=13),
                                   diag("NL501", "whitespace", "typography", record=3)], 4),
        text_result("site/x.txt", "Hello &lt;b> there\n",
                    [diag(path="site/x.txt", record=None, start=6, end=10)]),
    ]  # fmt: skip
    page = render(results)
    # 5 documents, 3 with findings
    assert '>5</div><div class="k">Documents checked' in page
    assert "3 <small>(60%)</small>" in page
    assert "entity-debris" in page and "whitespace" in page
    # the text file's matched text is quoted and highlighted
    assert "Hello <mark>&amp;lt;</mark>b&gt; there" in page
    # text files are grouped by their directory; record files by path
    assert f"site{os.sep}" in page and "a.jsonl" in page


def test_markup_in_messages_and_text_is_escaped() -> None:
    nasty = '<script>alert("x")</script>'
    d = diag(path="<b>.txt", record=None, start=0, end=len(nasty), message=nasty)
    page = render([text_result("<b>.txt", nasty + "\n", [d])])
    assert nasty not in page
    assert page.count("<script>") == 1  # the page's own script


def test_examples_and_worst_documents_are_bounded() -> None:
    # 400 documents with 1..400 findings each: memory must not follow the corpus
    results = []
    for n in range(1, 401):
        found = [diag(path="big.jsonl", record=n, start=i, end=i + 1) for i in range(n % 37 + 1)]
        results.append(records_result("big.jsonl", found, 1))
    stream = io.StringIO()
    writer = HtmlWriter(stream, WriterOptions())
    report = Report()
    for r in results:
        report.add(r, False)
        writer.write(r)
    stats = writer.rules["NL101"]
    assert len(stats.examples) == html_format.EXAMPLES_PER_RULE
    assert len({e.record for e in stats.examples}) == html_format.EXAMPLES_PER_RULE
    assert len(writer.worst) == html_format.WORST_DOCUMENTS
    assert min(c for c, _, _ in writer.worst) == 36  # the 10 x 37 and the 10 x 36 ...
    writer.close(report)
    page = stream.getvalue()
    # ... and the earliest of the ties comes first
    assert page.index("big.jsonl:36<") < page.index("big.jsonl:73<")
    assert f"{sum(n % 37 + 1 for n in range(1, 401)):,}" in page


def test_per_record_sources_and_corpus_findings() -> None:
    sources = {1: "https://www.example.com/a", 2: "https://news.example.org/b", 3: "wire"}
    first = records_result("c.jsonl", [diag(path="c.jsonl", record=2)], 3, sources)
    # a corpus finding arrives at the end of the run, with no documents of its own
    dup = diag(
        "NL601", "near-duplicate", "duplication", path="c.jsonl", record=3, start=0, end=0,
        message="duplicate of c.jsonl:1", related=(Related("c.jsonl", None, 1, "original", 1),),
    )  # fmt: skip
    page = render([first, records_result("c.jsonl", [dup], 0)])
    for host in ("example.com", "news.example.org", "wire"):
        assert host in page
    assert "www.example.com" not in page
    # documents with findings: record 2 and record 3 (the corpus finding), of 3
    assert "2 <small>(67%)</small>" in page
    assert "Cluster 1: 2 documents" in page


def test_command_groups_records_by_source_host(tmp_path: Path) -> None:
    if not hasattr(FileResult(path="x"), "sources"):
        pytest.skip("the runner does not pass record sources on yet (FileResult.sources)")
    rows = [
        {"id": "a", "url": "https://www.example.com/1", "text": "It&#39;s here.\n"},
        {"id": "b", "url": "https://news.example.org/2", "text": "Fine text.\n"},
        {"id": "c", "source": "wire", "text": "More &amp; more.\n"},
        {"id": "d", "text": "No source &amp; no url.\n"},
    ]
    corpus = tmp_path / "c.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    page = tmp_path / "r.html"
    result = CliRunner().invoke(
        main, ["check", "--format", "html", "-o", str(page), "--jobs", "1", str(corpus)]
    )
    assert result.exit_code == 1, result.output
    html = page.read_text(encoding="utf-8")
    for source in ("example.com", "news.example.org", "wire", str(corpus)):
        assert f">{source}</td>" in html, source


def test_duplicate_clusters_join_chains_and_ignore_pointers_inside_a_document() -> None:
    def dup(record: int, of: int) -> Diagnostic:
        return diag("NL601", "near-duplicate", "duplication", record=record, start=0, end=0,
                    message=f"copy of record {of}",
                    related=(Related("a.jsonl", None, 1, None, of),))  # fmt: skip

    inside = diag("NL201", "duplicate-headline", "duplication", record=7,
                  related=(Related("a.jsonl", None, 1, "the headline"),))  # fmt: skip
    results = [
        records_result("a.jsonl", [inside], 10),
        records_result("a.jsonl", [dup(2, 1), dup(3, 2), dup(5, 4), dup(6, 4), dup(9, 4)], 0),
    ]
    stream = io.StringIO()
    writer = HtmlWriter(stream, WriterOptions())
    for r in results:
        writer.write(r)
    clusters = writer._clusters()
    assert [[k[1] for k in members] for _, members in clusters] == [[4, 5, 6, 9], [1, 2, 3]]
    writer.close(Report())
    page = stream.getvalue()
    assert "Cluster 1: 4 documents" in page and "Cluster 2: 3 documents" in page
    assert "copy of record 4" in page


def test_record_excerpts_are_read_back_from_the_file(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl"
    lines = [
        {"id": f"d{i}", "body": f"Story {i}: shares of &lt;ABC> rose.\nMore."} for i in range(5)
    ]
    path.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    start = lines[3]["body"].index("&lt;")
    d = diag(path=str(path), record=4, start=start, end=start + 4, doc_id="d3")
    d = d.replace(field="body")
    page = render([records_result(str(path), [d], 5)])
    assert "Story 3: shares of <mark>&amp;lt;</mark>ABC&gt; rose." in page


def test_fix_and_whitespace_are_shown() -> None:
    text = "Two  spaces here\n"
    fix = Fix((Edit(3, 5, " "),), Applicability.SAFE, "normalize whitespace")
    d = diag("NL501", "whitespace", "typography", path="w.txt", record=None, start=3, end=5,
             message="two spaces between words", fix=fix)  # fmt: skip
    page = render([text_result("w.txt", text, [d])])
    assert "Two<mark>\u00b7\u00b7</mark>spaces here" in page
    assert "normalize whitespace \u2192 \u201c\u00b7\u201d" in page


def test_excerpt_and_host_helpers() -> None:
    text = "x" * 200 + "\nabc &amp; def\n" + "y" * 10
    at = text.index("&amp;")
    ex = excerpt(text, at, at + 5)
    assert ex is not None and (ex.before, ex.match, ex.after) == ("abc ", "&amp;", " def")
    assert excerpt("short", 3, 99) is None
    long_line = "z" * 300
    ex = excerpt(long_line, 150, 151)
    assert ex is not None and ex.before.startswith("\u2026") and ex.after.endswith("\u2026")
    assert host_of("https://www.reuters.com/article/x") == "reuters.com"
    assert host_of("reuters") == "reuters"
    assert host_of("  ") is None


# -- the real command in a real browser -------------------------------------------------


class ExactDuplicateStandIn(CorpusRule):
    """A stand-in corpus rule for these tests: documents with the same text."""

    meta = RuleMeta(
        code="TST901", name="test-exact-duplicate", category="duplication",
        summary="Same text as an earlier document (test stand-in).", scope="corpus",
        fix=Applicability.DISPLAY,
    )  # fmt: skip

    def collect(self, doc: Any, options: Any) -> Any:
        return hashlib.sha1(" ".join(doc.text.split()).encode("utf-8")).hexdigest()[:16]

    def finalize(self, items: list[tuple[DocRef, Any]], options: Any) -> Iterator[Diagnostic]:
        first: dict[str, DocRef] = {}
        for ref, key in items:
            original = first.setdefault(key, ref)
            if original is not ref:
                where = f"{original.path}:{original.record}" if original.record else original.path
                yield self.report_at(
                    ref, f"same text as {where}",
                    related=(Related(original.path, original.doc_id, 1, "the original",
                                     original.record),),
                )  # fmt: skip


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


def _browser(binary: str, profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            binary, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--disable-extensions", "--hide-scrollbars",
            # no name resolves: a page that tried to fetch anything would log an error
            "--host-resolver-rules=MAP * ~NOTFOUND",
            f"--user-data-dir={profile}", *args,
        ],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def console_errors(stderr: str) -> list[str]:
    """Lines Chromium logs (``--enable-logging=stderr``) for the page's console."""
    return [line for line in stderr.splitlines() if "CONSOLE" in line or "Uncaught" in line]


def png_pixels(data: bytes) -> tuple[int, int, set[bytes]]:
    """Width, height and the distinct pixel values of an 8-bit PNG (stdlib only).

    Only every 8th row is collected, but every row is unfiltered (filters refer
    to the row above).
    """
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, chunks, header = 8, [], b""
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        body = data[pos + 8 : pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            chunks.append(body)
        elif kind == b"IEND":
            break
    width, height, depth, ctype, _, _, interlace = struct.unpack(">IIBBBBB", header)
    assert depth == 8 and interlace == 0, "unexpected PNG layout"
    bpp = {0: 1, 2: 3, 4: 2, 6: 4}[ctype]
    raw = zlib.decompress(b"".join(chunks))
    stride = width * bpp
    prev = bytearray(stride)
    seen: set[bytes] = set()
    for y in range(height):
        i = y * (stride + 1)
        kind, line = raw[i], bytearray(raw[i + 1 : i + 1 + stride])
        if kind == 1:
            for x in range(bpp, stride):
                line[x] = (line[x] + line[x - bpp]) & 255
        elif kind == 2:
            line = bytearray((a + b) & 255 for a, b in zip(line, prev, strict=True))
        elif kind == 3:
            for x in range(stride):
                left = line[x - bpp] if x >= bpp else 0
                line[x] = (line[x] + ((left + prev[x]) >> 1)) & 255
        elif kind == 4:
            for x in range(stride):
                a = line[x - bpp] if x >= bpp else 0
                b = prev[x]
                c = prev[x - bpp] if x >= bpp else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        if y % 8 == 0:
            row = bytes(line)
            seen.update(row[x : x + bpp] for x in range(0, stride, bpp))
        prev = line
    return width, height, seen


@pytest.fixture(scope="module")
def report_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real command over examples/ and 300 Reuters records, with duplicates.

    Without the development data, the records are the bundled examples, twice.
    """
    tmp = tmp_path_factory.mktemp("html")
    corpus = tmp / "reuters300.jsonl"
    with corpus.open("wb") as out:
        if REUTERS.is_file():
            with REUTERS.open("rb") as src:
                for _, line in zip(range(300), src, strict=False):
                    out.write(line)
        else:
            for i, f in enumerate(sorted(EXAMPLES.glob("*.txt")) * 2):
                record = {"id": f"{f.stem}-{i}", "text_raw": f.read_text(encoding="utf-8")}
                out.write(json.dumps(record).encode("utf-8") + b"\n")
    page = tmp / "report.html"
    mp = pytest.MonkeyPatch()
    try:
        import newslint.checks

        builtin = newslint.checks.builtin_rules
        mp.setattr(newslint.checks, "builtin_rules", lambda: [*builtin(), ExactDuplicateStandIn()])
        result = CliRunner().invoke(
            main,
            ["check", "--format", "html", "-o", str(page), "--jobs", "1",
             "--text-field", "text_raw", str(EXAMPLES), str(corpus)],
        )  # fmt: skip
    finally:
        mp.undo()
    assert result.exit_code == 1, result.output  # problems found, no input errors
    return page


def test_report_of_a_real_corpus(report_page: Path) -> None:
    page = report_page.read_text(encoding="utf-8")
    assert not external_urls(page), external_urls(page)
    if REUTERS.is_file():
        assert "305 documents in 6 files" in page
    assert "TST901" in page and "Cluster 1:" in page
    assert "reuters300.jsonl" in page and "examples" in page
    assert "<mark>&amp;lt;</mark>" in page  # matched text of records, read back


def test_report_renders_in_headless_chromium(report_page: Path, tmp_path: Path) -> None:
    binary = _chromium()
    if binary is None:
        pytest.skip("no chromium binary (Debian/Ubuntu: apt-get install -y chromium)")
    # the console check sees errors: a broken page fails it
    bad = tmp_path / "bad.html"
    bad.write_text("<p>x</p><script>undefinedFunction();</script>", encoding="utf-8")
    proc = _browser(binary, tmp_path / "profile0", "--enable-logging=stderr", "--v=0",
                    f"--screenshot={tmp_path / 'bad.png'}", bad.as_uri())  # fmt: skip
    assert any("Uncaught" in line for line in console_errors(proc.stderr)), proc.stderr[-2000:]

    url = report_page.resolve().as_uri()
    shot = tmp_path / "report.png"
    proc = _browser(binary, tmp_path / "profile", "--window-size=1280,2000",
                    "--enable-logging=stderr", "--v=0", f"--screenshot={shot}", url)  # fmt: skip
    assert shot.is_file() and shot.stat().st_size > 10_000, proc.stderr[-2000:]
    assert not console_errors(proc.stderr), console_errors(proc.stderr)
    width, height, colors = png_pixels(shot.read_bytes())
    assert (width, height) == (1280, 2000)
    assert len(colors) > 200, f"the screenshot looks blank ({len(colors)} colours)"

    proc = _browser(binary, tmp_path / "profile2", "--window-size=1280,2000", "--dump-dom", url)
    dom = proc.stdout
    assert 'data-ready="1"' in dom, "the page's script did not run to the end"
    for section in SECTIONS:
        assert f'id="{section}"' in dom
    assert dom.count("<svg") >= 5
    assert "Cluster 1:" in dom
