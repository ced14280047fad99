"""``lambdalint graph``: the LambdaGraph drawn as Mermaid (default), DOT and JSON.

The issue-2 example (fixtures/model/sam-app-graph.yaml: an SQS-triggered function, an API event, a
layer and an alias) is drawn through the CLI, and the Mermaid text is checked three ways:

1. structurally, always (every line is a node, edge or class statement of the shapes draw.py
   writes; ids are declared once; labels hold no character Mermaid would read as syntax);
2. by the real Mermaid parser (the ``mermaid`` npm package under jsdom, tests/mermaid/parse.mjs),
   when it is installed::

       npm install --prefix tests/mermaid     # node_modules/ is git-ignored

3. by a real render in headless Chromium (mermaid.min.js draws the SVG; every node and edge label
   must be in it), when Chromium is installed too (Debian: ``apt-get install -y chromium``).

Checks 2 and 3 skip with the reason when their tools are missing.
"""

from __future__ import annotations

import html
import importlib.util
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from lambdalint.cli import main
from lambdalint.model.build import build_graph
from lambdalint.model.draw import MERMAID_MAX_EDGES, mermaid_text, render
from lambdalint.model.graph import EdgeKind, LambdaGraph, NodeKind
from lambdalint.source.reader import SourceText
from lambdalint.source.template import load_template, parse_text

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = str(REPO / "fixtures" / "model" / "sam-app-graph.yaml")
MERMAID_DIR = REPO / "tests" / "mermaid"
MERMAID_JS = MERMAID_DIR / "node_modules" / "mermaid" / "dist" / "mermaid.min.js"
INSTALL_HINT = "npm install --prefix tests/mermaid"

# The shapes draw.py writes (opening, closing), and the statements of a flowchart it writes.
_SHAPES = (
    r'(\[|\(\[|\[\[|\(|\[/|>|\(\(|\{\{|\[\\|\[\()"([^"]*)"'
    r"(\]|\]\)|\]\]|\)|/\]|\\\]|\)\)|\}\}|\)\])"
)
_NODE = re.compile(rf"^    (n\d+){_SHAPES}$")
_EDGE = re.compile(r'^    (n\d+) (-->|-\.->)\|"([^"]*)"\| (n\d+)$')
_CLASSDEF = re.compile(
    r"^    classDef (k_[a-z_]+) fill:#[0-9a-f]{6},stroke:#[0-9a-f]{6},"
    r"color:#[0-9a-f]{6}$"
)
_CLASS = re.compile(r"^    class (n\d+(?:,n\d+)*) (k_[a-z_]+)$")
_PAIRS = {
    "[": "]",
    "([": "])",
    "[[": "]]",
    "(": ")",
    "[/": "/]",
    ">": "]",
    "((": "))",
    "{{": "}}",
    "[\\": "\\]",
    "[(": ")]",
}
# What a label may hold once entity codes and line breaks are taken out.
_SAFE_LABEL = re.compile(r"^[^\"\[\](){}<>|#`\n]*$")


def check_mermaid_structure(text: str) -> tuple[int, int]:
    """Assert ``text`` is a flowchart of the statements above; return (nodes, edges)."""
    lines = text.rstrip("\n").split("\n")
    assert lines[0] == "flowchart LR"
    declared: set[str] = set()
    used: list[str] = []
    classes_defined: set[str] = set()
    edges = 0
    for line in lines[1:]:
        node, edge = _NODE.match(line), _EDGE.match(line)
        if node:
            node_id, opening, label, closing = node.groups()
            assert node_id not in declared, f"node {node_id} declared twice"
            declared.add(node_id)
            # Accept only matched pairs (the regex alone would take ``[(`` with ``]``).
            allowed = {opening: _PAIRS[opening]} if opening in _PAIRS else {}
            assert allowed.get(opening) == closing or (opening, closing) in {
                ("[/", "\\]"),
                ("[\\", "/]"),
            }, line
            assert _SAFE_LABEL.match(re.sub(r"#\w+;|<br/>", "", label)), line
        elif edge:
            src, _arrow, label, dst = edge.groups()
            used += [src, dst]
            assert _SAFE_LABEL.match(re.sub(r"#\w+;", "", label)), line
            edges += 1
        elif (m := _CLASSDEF.match(line)) is not None:
            classes_defined.add(m.group(1))
        elif line.startswith("    %% "):
            pass  # a comment (the note on Mermaid's size limits)
        elif (m := _CLASS.match(line)) is not None:
            assert m.group(2) in classes_defined, f"class {m.group(2)} used before classDef"
            used += m.group(1).split(",")
        else:
            raise AssertionError(f"not a statement draw.py writes: {line!r}")
    assert set(used) <= declared, f"undeclared ids: {set(used) - declared}"
    return len(declared), edges


def graph_of(path: str = EXAMPLE) -> LambdaGraph:
    template, diagnostics = load_template(path)
    assert template is not None and diagnostics == []
    return build_graph(template)


def cli_graph(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(["graph", *args]) == 0
    return capsys.readouterr().out


def test_json_lists_every_node_and_edge_in_order(capsys: pytest.CaptureFixture[str]) -> None:
    doc = json.loads(cli_graph(capsys, EXAMPLE, "--format", "json"))
    assert [(n["id"], n["resource_type"], n["line"]) for n in doc["nodes"]] == [
        ("function:ApiFn", "AWS::Serverless::Function", 5),
        ("trigger:ApiFn.GetOrder", "AWS::Serverless::Function.Api", 16),
        ("alias:ApiFnAliaslive", "AWS::Lambda::Alias", 13),
        # SAM adds the permission API Gateway needs, on the event's line.
        ("permission:ApiFnGetOrderPermission", "AWS::Lambda::Permission", 16),
        ("role:ApiFnRole", "AWS::IAM::Role", 5),
        ("version:ApiFnVersion", "AWS::Lambda::Version", 13),
        ("layer:CommonLayer", "AWS::Serverless::LayerVersion", 35),
        ("queue:OrdersQueue", "AWS::SQS::Queue", 41),
        ("function:WorkerFn", "AWS::Serverless::Function", 20),
        ("trigger:WorkerFn.Orders", "AWS::Serverless::Function.SQS", 31),
        ("event_source_mapping:WorkerFn.Orders.Mapping", "AWS::Lambda::EventSourceMapping", 31),
        ("role:WorkerFnRole", "AWS::IAM::Role", 20),
    ]
    assert all(n["id"] == f"{n['kind']}:{n['logical_id']}" for n in doc["nodes"])
    assert [(e["source"], e["kind"], e["target"]) for e in doc["edges"]] == [
        ("alias:ApiFnAliaslive", "alias_of", "function:ApiFn"),
        ("alias:ApiFnAliaslive", "points_to", "version:ApiFnVersion"),
        ("function:ApiFn", "layer", "layer:CommonLayer"),
        ("function:ApiFn", "role", "role:ApiFnRole"),
        ("function:WorkerFn", "layer", "layer:CommonLayer"),
        ("function:WorkerFn", "role", "role:WorkerFnRole"),
        ("permission:ApiFnGetOrderPermission", "permits", "alias:ApiFnAliaslive"),
        ("queue:OrdersQueue", "source", "trigger:WorkerFn.Orders"),
        ("trigger:ApiFn.GetOrder", "invokes", "alias:ApiFnAliaslive"),
        ("trigger:WorkerFn.Orders", "mapping", "event_source_mapping:WorkerFn.Orders.Mapping"),
        ("trigger:WorkerFn.Orders", "invokes", "function:WorkerFn"),
        ("version:ApiFnVersion", "version_of", "function:ApiFn"),
    ]


def test_mermaid_is_the_default_and_well_formed(capsys: pytest.CaptureFixture[str]) -> None:
    text = cli_graph(capsys, EXAMPLE)
    assert text == render(graph_of(), "mermaid")
    assert check_mermaid_structure(text) == (12, 12)
    lines = text.splitlines()
    # Shapes by kind, and labelled edges between numbered ids.
    assert '    n0["ApiFn<br/>AWS::Serverless::Function"]' in lines
    assert '    n1(["ApiFn.GetOrder<br/>AWS::Serverless::Function.Api"])' in lines
    assert '    n4{{"ApiFnRole<br/>AWS::IAM::Role"}}' in lines
    assert '    n6[/"CommonLayer<br/>AWS::Serverless::LayerVersion"/]' in lines
    assert '    n7[("OrdersQueue<br/>AWS::SQS::Queue")]' in lines
    # The API event invokes the AutoPublishAlias alias: the edge says which qualifier.
    assert '    n1 -->|"invokes alias live"| n2' in lines
    assert '    n7 -->|"source"| n9' in lines
    assert "    class n0,n8 k_function" in lines


def test_output_is_deterministic() -> None:
    assert render(graph_of(), "mermaid") == render(graph_of(), "mermaid")
    assert render(graph_of(), "dot") == render(graph_of(), "dot")


HOSTILE = """\
Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: a.b
      Runtime: python3.12
      CodeUri: .
      Events:
        Odd:
          Type: 'x"] --> evil[("#quot; {a} <b>|c| `d` (e) & end'
"""


def hostile_graph() -> LambdaGraph:
    template, _ = parse_text(SourceText("hostile.yaml", HOSTILE))
    assert template is not None
    return build_graph(template)


def test_labels_cannot_break_out_of_their_node() -> None:
    """A SAM event Type is free text and lands in a label: it must stay one node's label."""
    text = render(hostile_graph(), "mermaid")
    assert check_mermaid_structure(text) == (3, 2)
    assert mermaid_text('a"b[c]#') == "a#quot;b#91;c#93;#35;"
    assert mermaid_text("two\nlines") == "two lines"


def test_dot_is_a_quoted_digraph() -> None:
    text = render(graph_of(), "dot")
    lines = text.splitlines()
    assert lines[0] == "digraph lambdalint {" and lines[-1] == "}"
    assert (
        '    "queue:OrdersQueue" [label="OrdersQueue\\nAWS::SQS::Queue", shape=cylinder, '
        'fillcolor="#f3e5f5", color="#8e44ad"];'
    ) in lines
    assert '    "trigger:WorkerFn.Orders" -> "function:WorkerFn" [label="invokes"];' in lines
    assert sum(" -> " in line for line in lines) == 12
    hostile = render(hostile_graph(), "dot")
    # Quotes and backslashes inside ids and labels are escaped.
    assert '\\"] --> evil[(\\"#quot;' in hostile
    assert re.search(r'(?<!\\)"\] -->', hostile) is None


@pytest.mark.slow
def test_dot_is_accepted_by_graphviz(tmp_path: Path) -> None:
    dot = shutil.which("dot")
    if dot is None:
        pytest.skip("Graphviz `dot` not installed (Debian: apt-get install -y graphviz)")
    for name, graph in (("example", graph_of()), ("hostile", hostile_graph())):
        source = tmp_path / f"{name}.dot"
        source.write_text(render(graph, "dot"), encoding="utf-8")
        proc = subprocess.run(
            [dot, "-Tsvg", str(source)], capture_output=True, text=True, timeout=60
        )
        assert proc.returncode == 0 and "<svg" in proc.stdout, proc.stderr


def _generated_template(functions: int) -> str:
    spec = importlib.util.spec_from_file_location(
        "gen_template", REPO / "tests" / "benchmarks" / "gen_template.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    text: str = module.generate_sam_template(functions)
    return text


def test_large_drawing_notes_mermaid_limits() -> None:
    """Mermaid refuses more than 500 edges by default; the drawing says so instead of failing
    silently in the viewer."""
    template, _ = parse_text(SourceText("big.yaml", _generated_template(80)))
    assert template is not None
    graph = build_graph(template)
    edges = sum(1 for _ in graph.edges())
    assert edges > MERMAID_MAX_EDGES
    text = render(graph)
    assert text.splitlines()[1].startswith(f"    %% {len(graph)} nodes, {edges} edges, ")
    assert "use --format dot" in text.splitlines()[1]
    assert check_mermaid_structure(text) == (len(graph), edges)
    assert "%%" not in render(graph_of())


def test_empty_graph_draws_in_every_format() -> None:
    empty = LambdaGraph()
    assert render(empty) == "flowchart LR\n"
    assert json.loads(render(empty, "json")) == {"nodes": [], "edges": []}
    assert render(empty, "dot").splitlines()[0] == "digraph lambdalint {"


def test_unknown_format_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown graph format 'png'"):
        render(graph_of(), "png")


def _node() -> str:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed; the Mermaid parser check needs it")
    if not (MERMAID_DIR / "node_modules" / "mermaid").is_dir():
        pytest.skip(f"mermaid npm package not installed: run `{INSTALL_HINT}`")
    return node


def fixture_graphs() -> dict[str, LambdaGraph]:
    """Every template under fixtures/model, drawn: together they hold every node kind."""
    return {
        path.name: graph_of(str(path)) for path in sorted((REPO / "fixtures" / "model").glob("*.*"))
    }


def test_fixtures_draw_every_node_and_edge_kind() -> None:
    """So the parser check below sees every shape and edge style draw.py writes."""
    graphs = fixture_graphs().values()
    assert {key[0] for g in graphs for key, _ in g.nodes()} == set(NodeKind)
    drawn_edges = {kind for g in graphs for _, _, kind in g.edges()}
    assert drawn_edges >= {EdgeKind.PERMITS, EdgeKind.CONFIGURES, EdgeKind.INVOKES}


@pytest.mark.slow
def test_mermaid_parser_accepts_every_drawing(capsys: pytest.CaptureFixture[str]) -> None:
    node = _node()
    texts = {
        "cli: sam-app-graph.yaml": cli_graph(capsys, EXAMPLE),
        "hostile labels": render(hostile_graph()),
    }
    texts.update({name: render(graph) for name, graph in fixture_graphs().items()})
    expected = [
        f"ok flowchart-v2 nodes={n} edges={e}"
        for n, e in (check_mermaid_structure(t) for t in texts.values())
    ]
    proc = subprocess.run(
        [node, str(MERMAID_DIR / "parse.mjs")],
        input="\f".join(texts.values()),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert dict(zip(texts, proc.stdout.splitlines(), strict=True)) == dict(
        zip(texts, expected, strict=True)
    ), proc.stderr
    assert proc.returncode == 0


@pytest.mark.slow
def test_mermaid_renders_in_chromium(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        pytest.skip("Chromium not installed (Debian: apt-get install -y chromium)")
    if not MERMAID_JS.is_file():
        pytest.skip(f"mermaid npm package not installed: run `{INSTALL_HINT}`")
    text = cli_graph(capsys, EXAMPLE)
    nodes, edges = check_mermaid_structure(text)
    page = tmp_path / "graph.html"
    page.write_text(
        f"""<!DOCTYPE html><html><body>
<pre class="mermaid" id="src">{html.escape(text)}</pre>
<div id="status">pending</div>
<script src="{MERMAID_JS.as_uri()}"></script>
<script>
mermaid.initialize({{startOnLoad: false}});
mermaid.run({{querySelector: '#src'}}).then(
  () => {{ document.getElementById('status').textContent = 'rendered'; }},
  (e) => {{ document.getElementById('status').textContent = 'error: ' + e.message; }});
</script></body></html>""",
        encoding="utf-8",
    )
    proc = subprocess.run(
        [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--allow-file-access-from-files",
            "--virtual-time-budget=15000",
            "--dump-dom",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    dom = proc.stdout
    status = re.search(r'id="status">([^<]*)<', dom)
    assert status is not None and status.group(1) == "rendered", (status, proc.stderr[-500:])
    svg = dom[dom.index("<svg") :]
    assert len(re.findall(r'class="node default k_', svg)) == nodes
    assert len(re.findall(r'<path [^>]*class="[^"]*flowchart-link', svg)) == edges
    for label in (
        "ApiFn.GetOrder",
        "WorkerFn.Orders.Mapping",
        "OrdersQueue",
        "CommonLayer",
        "ApiFnAliaslive",
        "invokes",
        "points_to",
    ):
        assert label in svg


ALIASES = str(REPO / "fixtures" / "model" / "aliases-graph.yaml")


def test_alias_edges_show_versions_weights_and_qualifiers() -> None:
    """Issue 11: alias -> version edges (both versions of a weighted routing config, with their
    weights) and the qualifier each trigger and permission invokes."""
    template, _ = load_template(ALIASES)
    assert template is not None
    doc = json.loads(render(build_graph(template), "json"))
    labels = {(e["source"], e["target"]): e.get("label", e["kind"]) for e in doc["edges"]}
    assert labels[("alias:Live", "version:VersionOne")] == "points_to weight 0.9"
    assert labels[("alias:Live", "version:VersionTwo")] == "points_to weight 0.1"
    assert labels[("alias:Beta", "version:VersionTwo")] == "points_to"
    assert labels[("trigger:Mapping.Trigger", "alias:Live")] == "invokes alias live"
    assert labels[("trigger:Rule.Target0", "alias:Beta")] == "invokes alias beta"
    assert labels[("permission:RulePermission", "alias:Beta")] == "permits alias beta"
    text = render(build_graph(template))
    assert check_mermaid_structure(text)[1] == len(doc["edges"])
    assert '|"invokes alias live"|' in text
