"""The graph does not depend on the order resources are written in, and ``Fn::If`` links both
branches, each under its condition (issue 8).

Resources are permuted in the loaded template (the text, and so every location, stays the same),
then the graph (nodes, edges, every model's fields) and the findings of every rule are compared
with those of the original order.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lambdalint.api import register_checks
from lambdalint.config import Settings
from lambdalint.engine.runner import run_checks
from lambdalint.model.build import build_graph
from lambdalint.model.graph import LambdaGraph
from lambdalint.model.lambda_ import Function
from lambdalint.model.sources import Trigger
from lambdalint.model.targets import Qualifier, QualifierKind
from lambdalint.source.nodes import Mapping
from lambdalint.source.reader import SourceText
from lambdalint.source.template import Template, load_template, parse_text

REPO = Path(__file__).resolve().parents[1]
FIXTURES = sorted(
    [
        *(REPO / "fixtures" / "model").glob("*.yaml"),
        *(REPO / "fixtures" / "rules").glob("LL*/*/*.yaml"),
        REPO / "fixtures" / "examples" / "sam-app.yaml",
    ]
)

ALIAS_BEFORE_FUNCTION = """\
Transform: AWS::Serverless-2016-10-31
Resources:
  Sub:
    Type: AWS::SNS::Subscription
    Properties:
      Protocol: lambda
      TopicArn: !Ref Topic
      Endpoint: !Ref Fn.Alias
  Topic:
    Type: AWS::SNS::Topic
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      Runtime: python3.13
      CodeUri: s3://bucket/key.zip
      AutoPublishAlias: live
"""


def permuted(template: Template, order: list[str]) -> Template:
    """The same template with its resources in ``order`` (locations unchanged)."""
    return replace(template, resources={rid: template.resources[rid] for rid in order}, _paths=None)


def snapshot(graph: LambdaGraph) -> tuple[object, ...]:
    nodes = sorted((key, repr(model)) for key, model in graph.nodes())
    edges = sorted((s, d, k.value) for s, d, k in graph.edges())
    return tuple(nodes), tuple(edges)


def findings(template: Template) -> list[tuple[object, ...]]:
    register_checks()
    settings_ = Settings()
    out = run_checks(template, settings_.selector(), settings_)
    return sorted((f.rule_id, f.loc.line, f.loc.col, f.message, f.resource) for f in out)


def _load(path: Path) -> Template:
    template, _ = load_template(str(path))
    assert template is not None
    return template


TEMPLATES = [p for p in FIXTURES if _load(p).resources]


@pytest.mark.parametrize("path", TEMPLATES, ids=[str(p.relative_to(REPO)) for p in TEMPLATES])
@settings(
    max_examples=8,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_resource_order_changes_nothing(path: Path, data: st.DataObject) -> None:
    template = _load(path)
    order = data.draw(st.permutations(list(template.resources)))
    other = permuted(template, order)
    assert snapshot(build_graph(other)) == snapshot(build_graph(template))
    assert findings(other) == findings(template)


def test_alias_shorthand_resolves_whatever_the_order() -> None:
    """``Endpoint: !Ref Fn.Alias`` written before the function still links to SAM's alias."""
    template, diagnostics = parse_text(SourceText("order.yaml", ALIAS_BEFORE_FUNCTION))
    assert template is not None and diagnostics == []
    for order in (["Sub", "Topic", "Fn"], ["Fn", "Topic", "Sub"]):
        graph = build_graph(permuted(template, order))
        trig = graph.get("Sub.Trigger")
        assert isinstance(trig, Trigger)
        (target,) = trig.targets
        assert (target.node_id, target.function_id, target.qualifier) == (
            "FnAliaslive",
            "Fn",
            Qualifier(QualifierKind.ALIAS, "live"),
        )
        assert trig in graph.triggers_of(graph.get("Fn"))  # type: ignore[arg-type]


IF_BETWEEN_FUNCTIONS = """\
Conditions:
  IsProd: !Equals [!Ref Stage, prod]
Parameters:
  Stage: {Type: String, Default: dev}
Resources:
  Mapping:
    Type: AWS::Lambda::EventSourceMapping
    Properties:
      EventSourceArn: !GetAtt Queue.Arn
      FunctionName: !If [IsProd, !Ref A, !Ref B]
  Queue:
    Type: AWS::SQS::Queue
  A:
    Type: AWS::Lambda::Function
    Properties:
      {Handler: a.h, Runtime: python3.13, Role: "arn:aws:iam::1:role/r", Code: {ZipFile: x}}
  B:
    Type: AWS::Lambda::Function
    Properties:
      {Handler: b.h, Runtime: python3.13, Role: "arn:aws:iam::1:role/r", Code: {ZipFile: x}}
"""


def test_if_between_two_functions_links_both_each_under_its_condition() -> None:
    template, diagnostics = parse_text(SourceText("if.yaml", IF_BETWEEN_FUNCTIONS))
    assert template is not None and diagnostics == []
    graph = build_graph(template)
    trig = graph.get("Mapping.Trigger")
    assert isinstance(trig, Trigger)
    assert [(t.node_id, t.conditions) for t in trig.targets] == [
        ("A", (("IsProd", True),)),
        ("B", (("IsProd", False),)),
    ]
    for fn_id in ("A", "B"):
        fn = graph.get(fn_id)
        assert isinstance(fn, Function)
        assert graph.triggers_of(fn) == [trig]
    assert isinstance(template.root, Mapping)
