"""Every real template in ../shared/corpus loads, builds a graph and draws, with no exception, and
finds as many functions as the corpus manifest counts (``n_functions``: resources of type
AWS::Serverless::Function or AWS::Lambda::Function)."""

from __future__ import annotations

import csv
import os
from pathlib import Path

import pytest

from lambdalint.model.build import build_graph
from lambdalint.model.draw import FORMATS, render
from lambdalint.source.template import load_template

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CORPUS = SHARED / "corpus"


def _manifest() -> list[dict[str, str]]:
    path = CORPUS / "MANIFEST.tsv"
    if not path.is_file():
        return []
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


ROWS = _manifest()


def _require_corpus() -> None:
    if ROWS:
        return
    message = f"corpus not found at {CORPUS} (needs ../shared/corpus/MANIFEST.tsv)"
    if os.environ.get("CI") == "true":
        pytest.fail(message + "; CI must run the corpus tests")
    pytest.skip(message)


def test_corpus_is_present() -> None:
    _require_corpus()
    assert len(ROWS) >= 300


# Without the corpus, one case that skips (or fails in CI) saying why.
@pytest.mark.parametrize(
    "row",
    ROWS or [None],
    ids=[r["file"].split("/", 1)[-1] for r in ROWS] or ["corpus-missing"],
)
def test_template_loads_builds_and_counts_functions(row: dict[str, str] | None) -> None:
    if row is None:
        _require_corpus()
        return
    path = CORPUS / row["file"]
    template, diagnostics = load_template(str(path))
    tool_errors = [f"{d.loc} {d.rule_id} {d.message}" for d in diagnostics if d.tool_error]
    assert template is not None and not tool_errors, tool_errors
    graph = build_graph(template)
    found = sum(1 for _ in graph.functions())
    assert found == int(row["n_functions"]), (
        f"{row['file']}: {found} functions, manifest says {row['n_functions']}"
    )
    for fmt in FORMATS:
        assert render(graph, fmt)
