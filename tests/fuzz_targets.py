"""Fuzz targets shared by bench/fuzz.py (the campaign) and test_fuzz_corpus.py
(the regression replay). Each target takes bytes and must either succeed or fail
with the documented exception type and a one-line message naming the input."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from newslint.config import ConfigError, load_config_file
from newslint.io.records import FieldMap, RecordError, extract, parse_json_line
from newslint.io.text import InputError, decode
from newslint.kinds.base import PackError
from newslint.packs import build_rules, load_specs


def _one_line(exc: Exception) -> None:
    message = str(exc)
    assert message and "\n" not in message.strip(), repr(message)


def target_readers(data: bytes) -> None:
    try:
        decode(data)
    except InputError as exc:
        _one_line(exc)
    for line in data.splitlines(keepends=True)[:50]:
        try:
            extract(parse_json_line(line), FieldMap())
        except RecordError as exc:
            _one_line(exc)


def _with_file(name: str, data: bytes, fn: Callable[[Path], Any]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        fn(path)


def target_config(data: bytes) -> None:
    def load(path: Path) -> None:
        try:
            load_config_file(path)
        except ConfigError as exc:
            _one_line(exc)
            assert str(path) in str(exc)

    _with_file("newslint.toml", data, load)


def target_packs(data: bytes) -> None:
    def load(path: Path) -> None:
        try:
            build_rules(load_specs([path.parent]))
        except PackError as exc:
            _one_line(exc)

    _with_file("pack.yaml", data, load)


def _readers_strategy(st: Any) -> Any:
    json_like = st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=30),
        lambda children: (
            st.lists(children, max_size=4)
            | st.dictionaries(
                st.sampled_from(["text", "title", "id", "url", "x"]), children, max_size=4
            )
        ),
        max_leaves=10,
    )
    import json

    return st.one_of(
        st.binary(max_size=400),
        json_like.map(lambda v: (json.dumps(v) + "\n").encode()),
        st.text(max_size=300).map(lambda s: s.encode("utf-8", "surrogatepass")),
    )


CONFIG_KEYS = [
    "select", "ignore", "include", "house-style", "packs", "rules",
    "per-file-ignores", "plugins", "bogus", "fix-quoted-speech",
]  # fmt: skip


def _config_strategy(st: Any) -> Any:
    keys = st.sampled_from(CONFIG_KEYS)
    values = st.sampled_from(['["NL101"]', '"ap"', "1", "true", "{x = 1}", '["a", 2]', '"'])
    lines = st.lists(st.tuples(keys, values).map(lambda kv: f"{kv[0]} = {kv[1]}"), max_size=5)
    return st.one_of(st.binary(max_size=200), lines.map(lambda ls: "\n".join(ls).encode()))


def _packs_strategy(st: Any) -> Any:
    head = "code: NLT901\nname: fuzz-rule\ncategory: typography\nsummary: s\n"
    kinds = st.sampled_from(["existence", "substitution", "consistency", "line-pattern", "x"])
    bodies = st.sampled_from([
        "tokens: [a]\n", "patterns: ['(a+)+$']\n", "patterns: ['(']\n",
        "entries: [{pattern: a, replacement: b}]\n", "entries: [{lines: [Home]}]\n",
        "groups: [{id: g, forms: [A, B]}]\n", "entries: 5\n", "examples: {fail: 3}\n",
        "!!python/object/apply:os.system ['true']\n", "max-words: -1\n",
    ])  # fmt: skip
    structured = st.tuples(kinds, bodies).map(
        lambda kb: (head + f"extends: {kb[0]}\n" + kb[1]).encode()
    )
    return st.one_of(st.binary(max_size=200), structured)


TARGETS: dict[str, tuple[Callable[[bytes], None], Callable[[Any], Any]]] = {
    "readers": (target_readers, _readers_strategy),
    "config": (target_config, _config_strategy),
    "packs": (target_packs, _packs_strategy),
}
