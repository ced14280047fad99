"""SAM Globals merged into each function exactly as SAM documents it
(https://github.com/aws/serverless-application-model/blob/develop/docs/globals.rst):

- "Primitive Values are replaced": the resource's value replaces the global one;
- "Maps are merged": resource entries win over global entries with the same key;
- "Lists are additive": global entries are prepended to the resource's list.

Every merged value keeps the location where it was written: a value inherited from Globals points
at its Globals line, a resource's own value at the resource.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from lambdalint.model.build import build_graph
from lambdalint.model.graph import LambdaGraph
from lambdalint.model.lambda_ import Function
from lambdalint.model.targets import TargetKind
from lambdalint.model.values import Entry, Field
from lambdalint.source.nodes import plain
from lambdalint.source.reader import SourceText
from lambdalint.source.template import Template, load_template, parse_text

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "model"


@pytest.fixture(scope="module")
def merged() -> tuple[Template, LambdaGraph]:
    template, diagnostics = load_template(str(FIXTURES / "sam-globals.yaml"))
    assert template is not None and diagnostics == []
    return template, build_graph(template)


def function(graph: LambdaGraph, logical_id: str) -> Function:
    fn = graph.get(logical_id)
    assert isinstance(fn, Function)
    return fn


def line(field: Field[Any]) -> int:
    assert field.values, field
    return field.values[0].loc.line


def val(field: Field[Any]) -> Any:
    value = field.only()
    assert value is not None, field
    return value


def env_of(fn: Function) -> tuple[Entry[str], ...]:
    (variables,) = fn.environment.known()
    return variables.value


def test_primitive_is_replaced_by_the_resource(merged: tuple[Template, LambdaGraph]) -> None:
    _, graph = merged
    fn = function(graph, "Overrides")
    assert (val(fn.runtime), line(fn.runtime)) == ("python3.12", 30)
    assert (val(fn.memory_size), line(fn.memory_size)) == (1024, 31)
    # Not set on the resource: inherited, located on the Globals line.
    assert (val(fn.timeout), line(fn.timeout)) == (10, 10)


def test_maps_merge_with_the_resource_winning(merged: tuple[Template, LambdaGraph]) -> None:
    _, graph = merged
    env = env_of(function(graph, "Overrides"))
    # The documented example's result, in SAM's order (global keys first).
    assert [(e.key, val(e.value)) for e in env] == [
        ("STAGE", "prod"),
        ("TABLE_NAME", "resource-table"),
        ("NEW_VAR", "hello"),
    ]
    assert [line(e.value) for e in env] == [13, 34, 35]
    assert [e.key_loc.line for e in env] == [13, 34, 35]
    # A map nested inside a merged map merges the same way.
    vpc = function(graph, "Overrides").vpc
    assert vpc is not None
    assert [val(i) for i in val(vpc.security_group_ids)] == ["sg-123", "sg-456", "sg-first"]
    assert [val(i) for i in val(vpc.subnet_ids)] == ["subnet-global"]


def test_lists_get_global_entries_prepended(merged: tuple[Template, LambdaGraph]) -> None:
    _, graph = merged
    fn = function(graph, "Overrides")
    assert fn.vpc is not None
    assert [line(i) for i in val(fn.vpc.security_group_ids)] == [17, 18, 38]
    layers = val(fn.layers)
    assert [line(i) for i in layers] == [21, 40]
    assert val(layers[0]) == "arn:aws:lambda:us-east-1:123456789012:layer:global:1"
    # The graph links the layer of the template; the global one is an ARN outside it.
    assert [(t.kind, t.node_id) for t in fn.layer_targets] == [
        (TargetKind.EXTERNAL, None),
        (TargetKind.RESOLVED, "LocalLayer"),
    ]
    assert [m.logical_id for m in graph.layers_of(fn)] == ["LocalLayer"]


def test_function_without_the_properties_inherits_all(
    merged: tuple[Template, LambdaGraph],
) -> None:
    template, graph = merged
    fn = function(graph, "Plain")
    assert (val(fn.runtime), line(fn.runtime)) == ("python3.11", 8)
    assert (val(fn.memory_size), line(fn.memory_size)) == (256, 9)
    assert [(e.key, val(e.value)) for e in env_of(fn)] == [
        ("STAGE", "prod"),
        ("TABLE_NAME", "global-table"),
    ]
    tags = template.resources["Plain"].properties.get("Tags")
    assert plain(tags) == {"team": "platform"} and tags is not None and tags.loc.line == 23
    # The merged Properties mapping stays located at the resource.
    assert template.resources["Plain"].properties.loc.line == 44


def test_globals_do_not_touch_cloudformation_functions(
    merged: tuple[Template, LambdaGraph],
) -> None:
    _, graph = merged
    fn = function(graph, "Raw")
    assert not fn.memory_size.written and not fn.timeout.written
    assert not fn.environment.written
    assert val(fn.runtime) == "nodejs24.x"


def _template(text: str) -> Template:
    template, diagnostics = parse_text(SourceText("inline.yaml", text))
    assert template is not None, diagnostics
    return template


def test_an_intrinsic_is_a_primitive() -> None:
    """SAM treats an intrinsic (``!If``) as an opaque value: it replaces and is replaced whole,
    never merged key by key."""
    template = _template("""\
Transform: AWS::Serverless-2016-10-31
Conditions:
  C: !Equals [a, b]
Globals:
  Function:
    Environment: !If [C, {Variables: {A: "1"}}, !Ref AWS::NoValue]
    Tags: {team: x}
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Environment:
        Variables: {B: "2"}
      Tags: !If [C, {team: y}, {team: z}]
""")
    props = template.resources["Fn"].properties
    assert plain(props.get("Environment")) == {"Variables": {"B": "2"}}
    assert plain(props.get("Tags")) == {"Fn::If": ["C", {"team": "y"}, {"team": "z"}]}


def test_globals_for_other_sections_and_rejected_properties() -> None:
    template, diagnostics = parse_text(
        SourceText(
            "inline.yaml",
            """\
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Timeout: 5
    Events: {}
  Api:
    TracingEnabled: true
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
""",
        )
    )
    assert template is not None
    assert plain(template.resources["Api"].properties) == {
        "TracingEnabled": True,
        "StageName": "prod",
    }
    # SAM rejects Events in Globals; the diagnostic points at the key.
    assert [(d.rule_id, d.loc.line, d.loc.col) for d in diagnostics] == [("LL006", 5, 5)]


def test_ignore_globals_takes_nothing_or_leaves_out_what_it_names() -> None:
    """SAM's IgnoreGlobals resource attribute: ``'*'`` or a list of Globals properties; an item
    Globals does not set is rejected (samtranslator/plugins/globals/globals.py)."""
    template, diagnostics = parse_text(
        SourceText(
            "inline.yaml",
            """\
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: python3.13
    Timeout: 30
    Layers: [arn:aws:lambda:us-east-1:123456789012:layer:x:1]
Resources:
  All:
    Type: AWS::Serverless::Function
    IgnoreGlobals: '*'
    Properties: {Handler: a.b}
  Some:
    Type: AWS::Serverless::Function
    IgnoreGlobals: [Runtime, Layers, Timeot]
    Properties: {Handler: a.b, PackageType: Image}
  Bad:
    Type: AWS::Serverless::Function
    IgnoreGlobals: {Runtime: true}
    Properties: {Handler: a.b}
""",
        )
    )
    assert template is not None
    assert plain(template.resources["All"].properties) == {"Handler": "a.b"}
    assert plain(template.resources["Some"].properties) == {
        "Timeout": 30,
        "Handler": "a.b",
        "PackageType": "Image",
    }
    assert sorted(plain(template.resources["Bad"].properties)) == [  # type: ignore[arg-type]
        "Handler",
        "Layers",
        "Runtime",
        "Timeout",
    ]
    assert [(d.rule_id, d.loc.line, d.loc.col, d.message) for d in diagnostics] == [
        ("LL006", 14, 38, "SAM rejects IgnoreGlobals item 'Timeot': Globals does not set it"),
        (
            "LL006",
            18,
            20,
            "SAM rejects IgnoreGlobals: it takes '*' or a list of Globals properties",
        ),
    ]
