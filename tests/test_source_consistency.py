"""source-consistency (NL404): an article against the house style of its source,
checked on small corpora through the real command line."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import run_cli

# real sentences in the style of the seed article (shared/data/seed/venezuela-2019.txt)
US_DOTTED = "U.S. Secretary of State Mike Pompeo said on {day} that U.S. officials met."
USA_FORM = "Earlier on {day}, the USA government issued a warning to Cuba."


def corpus(path: Path, rows: list[tuple[str, str]]) -> Path:
    days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
    with path.open("w", encoding="utf-8") as fh:
        for i, (source, template) in enumerate(rows):
            text = f"Story {i} about Venezuela\n\n" + template.format(day=days[i % 5]) + f" ({i})"
            fh.write(json.dumps({"id": f"d{i}", "url": source, "text": text}) + "\n")
    return path


def findings(*args: str) -> list[dict[str, object]]:
    proc = run_cli("check", "--select", "source-consistency", "--format", "json", *args)
    assert proc.returncode in (0, 1), proc.stderr
    return json.loads(proc.stdout)


def test_the_odd_article_of_a_source_is_reported(tmp_path: Path) -> None:
    rows = [("https://www.example.com/a", US_DOTTED)] * 24 + [("https://example.com/b", USA_FORM)]
    found = findings(str(corpus(tmp_path / "c.jsonl", rows)))
    assert [(f["doc_id"], f["line"], f["column"]) for f in found] == [("d24", 3, 24)]
    message = str(found[0]["message"])
    assert "this source (example.com) writes 'U.S.' in 96% of 25 articles" in message
    assert "'USA' (1x)" in message


def test_thresholds_and_sources_are_separate(tmp_path: Path) -> None:
    rows = (
        [("https://a.example/x", US_DOTTED)] * 10  # too few articles for a style
        + [("https://a.example/y", USA_FORM)]
        + [("https://b.example/x", USA_FORM)] * 21  # this source writes USA
        + [("https://b.example/y", US_DOTTED)]
    )
    path = corpus(tmp_path / "c.jsonl", rows)
    found = findings(str(path))
    assert [f["doc_id"] for f in found] == ["d32"]
    assert "writes 'USA' in 95% of 22 articles" in str(found[0]["message"])
    assert findings("--no-corpus", str(path)) == []
    cfg = tmp_path / "newslint.toml"
    cfg.write_text("[rules.source-consistency]\nmin-documents = 5\n", encoding="utf-8")
    found = findings("--config", str(cfg), str(path))
    assert {f["doc_id"] for f in found} == {"d10", "d32"}


def test_one_document_is_never_compared(tmp_path: Path) -> None:
    path = corpus(tmp_path / "c.jsonl", [("https://example.com", USA_FORM)])
    assert findings(str(path)) == []


def test_house_style_per_source(tmp_path: Path) -> None:
    """name-consistency: each source can have its own house style."""
    mixed = "U.S. officials met on Monday. The US government declined to comment."
    path = tmp_path / "c.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for i, url in enumerate(["https://www.bbc.co.uk/news/1", "https://apnews.com/a/2"]):
            fh.write(json.dumps({"id": f"d{i}", "url": url, "text": mixed}) + "\n")
    cfg = tmp_path / "newslint.toml"
    cfg.write_text(
        '[rules.name-consistency.source-styles]\n"bbc.co.uk" = "bbc"\n', encoding="utf-8"
    )
    proc = run_cli("check", "--config", str(cfg), "--select", "name-consistency",
                   "--format", "json", str(path))  # fmt: skip
    found = {str(f["doc_id"]): str(f["message"]) for f in json.loads(proc.stdout)}
    assert "'U.S.' names the United States" in found["d0"] and "(bbc) writes 'US'" in found["d0"]
    assert "'US' names the United States" in found["d1"] and "(ap) writes 'U.S.'" in found["d1"]
    cfg.write_text('[rules.name-consistency.source-styles]\n"x.com" = "tabloid"\n')
    proc = run_cli("check", "--config", str(cfg), str(path))
    assert proc.returncode == 2 and "unknown source-styles.x.com 'tabloid'" in proc.stderr
