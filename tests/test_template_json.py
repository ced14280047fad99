"""JSON templates (fixtures/model/cfn-function.json): the same model and graph as YAML, with every
location pointing into the JSON text (1-based line and column; a string starts at its quote)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from lambdalint.model.build import build_graph
from lambdalint.model.lambda_ import EventSourceMapping, Function
from lambdalint.model.sources import Trigger, TriggerKind
from lambdalint.model.targets import Target
from lambdalint.model.values import Field
from lambdalint.source.nodes import Node
from lambdalint.source.reader import SourceText
from lambdalint.source.template import load_template, parse_text

FIXTURE = str(Path(__file__).resolve().parents[1] / "fixtures" / "model" / "cfn-function.json")


def at(where: Node | Field[Any] | Target | None) -> tuple[int, int, int, int]:
    assert where is not None
    loc = where.values[0].loc if isinstance(where, Field) else where.loc
    return loc.line, loc.col, loc.end_line, loc.end_col


def val(field: Field[Any]) -> Any:
    return field.only()


def test_json_template_locations() -> None:
    template, diagnostics = load_template(FIXTURE)
    assert template is not None and diagnostics == []
    assert not template.is_sam
    fn = build_graph(template).get("JsonFn")
    assert isinstance(fn, Function)
    assert (fn.loc.line, fn.loc.col) == (5, 5)  # the resource's logical id
    assert val(fn.handler) == "index.handler" and at(fn.handler) == (8, 20, 8, 35)
    assert val(fn.memory_size) == 256 and at(fn.memory_size) == (10, 23, 10, 26)
    assert val(fn.timeout) == 30 and at(fn.timeout) == (11, 20, 11, 22)
    (role,) = fn.role
    assert role.node_id == "JsonRole" and at(role) == (12, 17, 12, 52)
    assert fn.code.text == "exports.handler = async () => {};"
    assert fn.code.site.loc.line == 13
    assert fn.layers.site.loc.line == 14
    assert [t.node_id for t in fn.layer_targets] == ["JsonLayer"]


def test_json_template_graph() -> None:
    template, _ = load_template(FIXTURE)
    assert template is not None
    graph = build_graph(template)
    assert {(s[1], k.value, d[1]) for s, d, k in graph.edges()} == {
        ("JsonFn", "role", "JsonRole"),
        ("JsonFn", "layer", "JsonLayer"),
        ("JsonMapping.Trigger", "invokes", "JsonFn"),
        ("JsonMapping.Trigger", "mapping", "JsonMapping"),
        ("JsonQueue", "source", "JsonMapping.Trigger"),
    }
    trig = graph.get("JsonMapping.Trigger")
    assert isinstance(trig, Trigger) and trig.kind is TriggerKind.SQS
    esm = graph.get("JsonMapping")
    assert isinstance(esm, EventSourceMapping)
    assert val(esm.batch_size) == 5 and at(esm.batch_size)[:2] == (36, 22)


def test_sam_json_with_globals() -> None:
    text = """{
  "Transform": "AWS::Serverless-2016-10-31",
  "Globals": {"Function": {"Timeout": 9, "Environment": {"Variables": {"A": "1"}}}},
  "Resources": {
    "Fn": {
      "Type": "AWS::Serverless::Function",
      "Properties": {
        "Handler": "a.b", "Runtime": "python3.12", "CodeUri": ".",
        "Environment": {"Variables": {"B": "2"}},
        "Events": {"Q": {"Type": "SQS", "Properties": {"Queue": {"Fn::GetAtt": ["Q", "Arn"]}}}}
      }
    },
    "Q": {"Type": "AWS::SQS::Queue"}
  }
}
"""
    template, diagnostics = parse_text(SourceText("sam.json", text))
    assert template is not None and diagnostics == [] and template.is_sam
    graph = build_graph(template)
    fn = graph.get("Fn")
    assert isinstance(fn, Function)
    assert val(fn.timeout) == 9 and at(fn.timeout)[:2] == (3, 39)
    (env,) = fn.environment.known()
    assert [(e.key, val(e.value)) for e in env.value] == [("A", "1"), ("B", "2")]
    trig = graph.get("Fn.Q")
    assert isinstance(trig, Trigger)
    assert (trig.kind, trig.source_id, trig.loc.line, trig.loc.col) == (
        TriggerKind.SQS,
        "Q",
        10,
        25,
    )
