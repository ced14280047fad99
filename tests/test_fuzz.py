"""Fuzzing the whole pipeline (read, parse, template, graph, every rule) with mutated templates.

Mutations start from real templates (the shared corpus, the fixtures): tree mutations (delete,
duplicate, swap and retype nodes, inject intrinsic functions of every arity) written back as YAML
or JSON, and byte mutations (flip, insert, delete, truncate, inject YAML syntax, NUL, BOMs, CR).
Each example is linted through ``lambdalint.api.lint_paths`` and must: raise nothing, exit 0, 1 or
2, report no crashed rule (LL011), place every finding on a line of the file with column >= 1,
and finish in bounded time.

CI runs a small derandomized budget. A longer campaign is one command::

    LAMBDALINT_FUZZ_EXAMPLES=20000 LAMBDALINT_FUZZ_SEED=random pytest -q tests/test_fuzz.py

(``LAMBDALINT_FUZZ_SEED=random`` draws new examples each run; unset, runs are reproducible.)
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lambdalint.api import lint_paths
from lambdalint.config import Settings
from lambdalint.source.diagnostics import Diagnostic
from lambdalint.source.loader import load_text
from lambdalint.source.reader import decode

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EXAMPLES = int(os.environ.get("LAMBDALINT_FUZZ_EXAMPLES", "500"))
RANDOM = os.environ.get("LAMBDALINT_FUZZ_SEED") == "random"
PER_EXAMPLE_SECONDS = 5.0
CORPUS_MAX_BYTES = 12_000  # small templates keep each example fast; big ones add no new syntax


def _seeds() -> list[str]:
    texts = []
    for folder in (ROOT / "fixtures" / "cli", ROOT / "fixtures" / "hostile"):
        texts += [
            p.read_text(encoding="utf-8", errors="replace")
            for p in sorted(folder.glob("*.*"))
            if p.suffix in (".yaml", ".json")
        ]
    corpus = SHARED / "corpus" / "templates"
    if corpus.is_dir():
        texts += [
            p.read_text(encoding="utf-8")
            for p in sorted(corpus.rglob("*"))
            if p.is_file() and p.stat().st_size <= CORPUS_MAX_BYTES
        ]
    elif os.environ.get("CI") == "true":
        pytest.fail(f"{corpus} is missing (required in CI)")
    return texts


SEEDS = _seeds()

_INTRINSICS = [
    "Ref",
    "Fn::GetAtt",
    "Fn::Sub",
    "Fn::If",
    "Fn::Join",
    "Fn::Select",
    "Fn::Split",
    "Fn::FindInMap",
    "Fn::Equals",
    "Fn::And",
    "Fn::Or",
    "Fn::Not",
    "Fn::Base64",
    "Fn::GetAZs",
    "Fn::Cidr",
    "Fn::ImportValue",
    "Condition",
    "Fn::Transform",
    "Fn::ForEach",
    "Fn::Length",
    "Fn::ToJsonString",
    "Fn::Bogus",
]
_NAMES = [
    "Fn",
    "Role",
    "Queue",
    "AWS::Region",
    "AWS::NoValue",
    "Stage",
    "Missing",
    "",
    "Fn.Arn",
    "Fn.Alias",
    "Role.Arn",
    "IsProd",
]
_SNIPPETS = [
    "[",
    "]",
    "{",
    "}",
    ": ",
    "- ",
    "&a ",
    "*a",
    "<<: *a",
    "!Ref ",
    "!If ",
    "\t",
    "\0",
    "\r",
    "\ufeff",
    "'",
    '"',
    "#",
    "---\n",
    "? ",
    "|\n",
    ">-\n",
    "%YAML 1.1\n",
    "!!binary ",
    "\\u",
    "\udcff",
    "${",
    "${AWS::Region}",
    "=",
    "yes",
    "0755",
    "1:30",
    ".nan",
    "~",
]


def _paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [path]
    if isinstance(value, dict):
        for k, v in value.items():
            out += _paths(v, (*path, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out += _paths(v, (*path, i))
    return out


def _get(value: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        value = value[part]
    return value


def _set(value: Any, path: tuple[Any, ...], new: Any) -> Any:
    if not path:
        return new
    _get(value, path[:-1])[path[-1]] = new
    return value


def _scalar(draw: Any) -> Any:
    return draw(
        st.one_of(
            st.sampled_from(_NAMES),
            st.integers(-5, 10**6),
            st.booleans(),
            st.none(),
            st.floats(allow_nan=False),
            st.text(max_size=12),
        )
    )


def _intrinsic(draw: Any, depth: int = 0) -> Any:
    name = draw(st.sampled_from(_INTRINSICS))
    arity = draw(st.integers(0, 4))

    def arg() -> Any:
        if depth < 2 and draw(st.booleans()):
            return _intrinsic(draw, depth + 1)
        return _scalar(draw)

    shape = draw(st.sampled_from(["list", "scalar", "map"]))
    if shape == "list":
        return {name: [arg() for _ in range(arity)]}
    if shape == "map":
        return {name: {str(_scalar(draw)): arg() for _ in range(arity)}}
    return {name: _scalar(draw)}


def _mutate_tree(draw: Any, value: Any) -> Any:
    for _ in range(draw(st.integers(1, 6))):
        paths = _paths(value)
        path = draw(st.sampled_from(paths))
        op = draw(st.sampled_from(["delete", "duplicate", "swap", "retype", "inject"]))
        if op == "delete" and path:
            parent = _get(value, path[:-1])
            del parent[path[-1]]
        elif op == "duplicate" and path:
            parent = _get(value, path[:-1])
            node = json.loads(json.dumps(_get(value, path), default=str))
            if isinstance(parent, list):
                parent.append(node)
            else:
                parent[f"{path[-1]}Copy"] = node
        elif op == "swap" and len(paths) > 2:
            other = draw(st.sampled_from(paths))
            if path and other and path[: len(other)] != other and other[: len(path)] != path:
                a, b = _get(value, path), _get(value, other)
                value = _set(value, path, b)
                value = _set(value, other, a)
        elif op == "retype":
            value = _set(
                value,
                path,
                draw(
                    st.sampled_from([[], {}, None, 0, "x", True, [1, "a"], {"k": "v"}, -1.5, "yes"])
                ),
            )
        elif op == "inject":
            value = _set(value, path, _intrinsic(draw))
    return value


def _mutate_bytes(draw: Any, data: bytes) -> bytes:
    for _ in range(draw(st.integers(1, 4))):
        pos = draw(st.integers(0, max(len(data), 1)))
        op = draw(st.sampled_from(["flip", "insert", "delete", "truncate", "snippet"]))
        if op == "flip" and data:
            i = min(pos, len(data) - 1)
            data = data[:i] + bytes([data[i] ^ draw(st.integers(1, 255))]) + data[i + 1 :]
        elif op == "insert":
            data = data[:pos] + draw(st.binary(min_size=1, max_size=4)) + data[pos:]
        elif op == "delete":
            data = data[:pos] + data[pos + draw(st.integers(1, 40)) :]
        elif op == "truncate":
            data = data[:pos]
        else:
            snippet = draw(st.sampled_from(_SNIPPETS)).encode("utf-8", "surrogateescape")
            data = data[:pos] + snippet + data[pos:]
    return data


@st.composite
def mutated(draw: Any) -> tuple[str, bytes]:
    text = draw(st.sampled_from(SEEDS))
    kind = draw(st.sampled_from(["tree-yaml", "tree-json", "bytes", "both"]))
    data = text.encode("utf-8")
    suffix = ".json" if text.lstrip()[:1] in "{[" else ".yaml"
    if kind != "bytes":
        loaded = load_text(text, "seed")
        if loaded.root is not None:
            value = _mutate_tree(draw, loaded.root.plain())
            if kind == "tree-json":
                data, suffix = (
                    json.dumps(
                        value, indent=draw(st.sampled_from([None, 1, "\t"])), default=str
                    ).encode(),
                    ".json",
                )
            else:
                data, suffix = (
                    yaml.safe_dump(
                        value, default_flow_style=draw(st.sampled_from([False, None]))
                    ).encode(),
                    ".yaml",
                )
    if kind in ("bytes", "both"):
        data = _mutate_bytes(draw, data)
    return suffix, data


def _check_report(path: Path, data: bytes) -> None:
    start = time.perf_counter()
    report = lint_paths([str(path)], Settings(jobs=1))
    elapsed = time.perf_counter() - start
    assert report.exit_code in (0, 1, 2)
    crashed = [f.message for f in report.findings if f.rule_id == "LL011"]
    assert not crashed, crashed
    source = decode(data, str(path))
    lines = [] if isinstance(source, Diagnostic) else source.text.split("\n")
    for f in report.findings:
        assert f.loc.line >= 1 and f.loc.col >= 1, f
        if lines and f.rule_id != "LL009":
            assert f.loc.line <= len(lines), (f, len(lines))
            assert f.loc.col <= len(lines[f.loc.line - 1]) + 1, (f, lines[f.loc.line - 1][:80])
    assert elapsed < PER_EXAMPLE_SECONDS


@pytest.mark.skipif(not SEEDS, reason="no seed templates")
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=not RANDOM,
    database=None,
    suppress_health_check=list(HealthCheck),
)
@given(case=mutated())
def test_fuzz_pipeline(case: tuple[str, bytes]) -> None:
    suffix, data = case
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"fuzzed{suffix}"
        path.write_bytes(data)
        _check_report(path, data)
