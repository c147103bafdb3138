"""template-boilerplate (NL304): lines a source repeats on every page, found by
comparing the pages, through the real command line."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import run_cli

# Real body sentences (Reuters-21578) and a site template in the style of the
# Zyte pages (shared/data/boilerplate/zyte_aeb_txt/65ce3a4577a03069.txt).
BODIES = [
    "BankAmerica Corp is not under pressure to act quickly on its proposed equity offering.",
    "Sugar imports subject to the U.S. sugar import quota totaled 5,988 short tons.",
    "The sugar import quota for the 1987 quota year has been set at 1,001,430 short tons.",
    "McGuinness is a producer and marketer of spirits and also has exclusive agencies.",
    "The sale is subject to the approval of the Bureau of Competition Policy.",
    "LASMO will control 70 pct of the equity, worth some 76 mln Canadian dlrs.",
]
TEMPLATE_TOP = "Welcome to The Example News's EUROPEAN UNION EXPERIENCE"
TEMPLATE_END = "Sections Home Politics World Sport Opinion"


def page(i: int) -> str:
    return (
        f"Headline number {i} of the example site\n{TEMPLATE_TOP}\n"
        f"By Example News wire services\n{BODIES[i % len(BODIES)]}\n{TEMPLATE_END}\n"
    )


def findings(*args: str) -> list[dict[str, object]]:
    proc = run_cli("check", "--select", "template-boilerplate", "--format", "json", *args)
    assert proc.returncode in (0, 1), proc.stderr
    return json.loads(proc.stdout)


def test_template_lines_of_a_site_are_reported_on_every_page(tmp_path: Path) -> None:
    site = tmp_path / "example.com"
    site.mkdir()
    for i in range(6):
        (site / f"page{i}.txt").write_text(page(i), encoding="utf-8")
    found = findings(str(site))
    lines = {(Path(str(f["path"])).name, f["line"]) for f in found}
    assert lines == {(f"page{i}.txt", n) for i in range(6) for n in (2, 5)}
    assert "appears in 100% of 6 documents from" in str(found[0]["message"])
    fix = found[0]["fix"]
    assert isinstance(fix, dict) and fix["applicability"] == "display"
    # bylines, headlines and the article text are never template lines
    assert not [f for f in found if f["line"] in (1, 3, 4)]


def test_records_are_grouped_by_the_host_of_their_url(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for i in range(6):
            fh.write(json.dumps({"id": f"a{i}", "url": f"https://www.a.example/{i}",
                                 "text": page(i)}) + "\n")  # fmt: skip
        for i in range(3):  # another site, too few pages to tell its template
            fh.write(json.dumps({"id": f"b{i}", "url": f"https://b.example/{i}",
                                 "text": page(i)}) + "\n")  # fmt: skip
    found = findings(str(path))
    assert {str(f["doc_id"]) for f in found} == {f"a{i}" for i in range(6)}
    assert "from a.example" in str(found[0]["message"])
    assert findings("--no-corpus", str(path)) == []


def test_min_count_lets_two_pages_of_a_site_be_compared(tmp_path: Path) -> None:
    site = tmp_path / "example.com"
    site.mkdir()
    for i in range(2):
        (site / f"page{i}.txt").write_text(page(i), encoding="utf-8")
    assert findings(str(site)) == []  # two pages: too few to tell a template by default
    config = tmp_path / "newslint.toml"
    config.write_text(
        "[rules.template-boilerplate]\nmin-documents = 2\nmin-count = 2\nmin-share = 1.0\n",
        encoding="utf-8",
    )
    found = findings("--config", str(config), str(site))
    lines = {(Path(str(f["path"])).name, f["line"]) for f in found}
    assert lines == {(f"page{i}.txt", n) for i in range(2) for n in (2, 5)}
    assert "appears in 100% of 2 documents from" in str(found[0]["message"])
