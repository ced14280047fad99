"""SAM resources -> models and graph edges (fixtures/model/sam-*.yaml): every property issue 2
lists, the parts SAM generates (role, version, alias, URL, invoke config, event source mappings),
and each event kind, with exact logical ids, edge kinds and the lines the user wrote."""

from __future__ import annotations

from pathlib import Path

import pytest
from fieldhelp import at, edges, ids, items, val

from lambdalint.model.build import build_graph
from lambdalint.model.graph import LambdaGraph, NodeKind
from lambdalint.model.lambda_ import (
    Alias,
    CodeKind,
    EventInvokeConfig,
    EventSourceMapping,
    Function,
    FunctionUrl,
    LayerVersion,
    Role,
    Version,
)
from lambdalint.model.sources import Trigger, TriggerKind
from lambdalint.model.targets import Qualifier, QualifierKind
from lambdalint.source.reader import SourceText
from lambdalint.source.template import Template, load_template, parse_text

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "model"


def load(name: str) -> tuple[Template, LambdaGraph]:
    template, diagnostics = load_template(str(FIXTURES / name))
    assert template is not None, diagnostics
    assert diagnostics == []
    return template, build_graph(template)


@pytest.fixture(scope="module")
def all_props() -> tuple[Template, LambdaGraph]:
    return load("sam-function-all.yaml")


def test_every_function_property_is_read_where_written(
    all_props: tuple[Template, LambdaGraph],
) -> None:
    _, graph = all_props
    fn = graph.get("AllProps")
    assert isinstance(fn, Function)
    assert (fn.resource_type, fn.dialect, fn.loc.line) == ("AWS::Serverless::Function", "sam", 5)
    assert val(fn.name) == "all-props" and at(fn.name) == (8, 21)
    assert val(fn.handler) == "app.handler" and at(fn.handler) == (9, 16)
    assert val(fn.runtime) == "python3.12" and at(fn.runtime) == (10, 16)
    assert val(fn.package_type) == "Zip" and at(fn.package_type) == (11, 20)
    assert (fn.code.kind, fn.code.text) == (CodeKind.LOCAL, "src/")
    assert fn.code.site.loc.line == 12
    assert val(fn.memory_size) == 512 and at(fn.memory_size) == (13, 19)
    assert val(fn.timeout) == 30 and at(fn.timeout) == (14, 16)
    # EphemeralStorage -> its Size; Environment -> its Variables.
    assert val(fn.ephemeral_storage) == 1024 and at(fn.ephemeral_storage) == (16, 15)
    (env,) = fn.environment.known()
    assert [(e.key, val(e.value)) for e in env.value] == [("TABLE", "orders")]
    assert at(fn.environment) == (19, 11)
    assert ids(fn.layer_targets) == ["DepsLayer"] and fn.layers.site.loc.line == 20
    assert items(fn.architectures) == ["arm64"] and at(fn.architectures) == (22, 22)
    assert fn.policies.written and fn.policies.site.loc.line == 23
    assert fn.vpc is not None
    assert ids(fn.vpc.subnets) == ["SubnetA"]
    assert ids(fn.vpc.security_groups) == ["LambdaSg"]
    assert fn.dead_letter is not None and fn.dead_letter.site.loc.line == 29
    assert val(fn.dead_letter.kind) == "SQS"
    assert [(t.node_id, t.attribute) for t in fn.dead_letter.targets] == [("Dlq", "Arn")]
    assert val(fn.auto_publish_alias) == "live" and at(fn.auto_publish_alias) == (42, 25)
    assert val(fn.provisioned_concurrency) == 2
    assert fn.deployment_preference.written
    assert val(fn.snap_start) == "PublishedVersions" and at(fn.snap_start) == (51, 18)
    assert val(fn.tracing) == "Active" and at(fn.tracing) == (54, 16)
    assert val(fn.reserved_concurrency) == 20 and at(fn.reserved_concurrency) == (55, 37)
    # Resolved links.
    assert ids(fn.role) == ["AllPropsRole"]
    assert fn.event_ids == ("AllProps.Work",)


def test_defaults_are_typed_and_sourced() -> None:
    """A silent template gets the AWS defaults, marked as defaults with their source."""
    template, diagnostics = parse_text(
        SourceText(
            "defaults.yaml",
            "Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n"
            "    Type: AWS::Serverless::Function\n"
            "    Properties: {Handler: a.b, Runtime: python3.12, CodeUri: s3://b/k}\n",
        )
    )
    assert template is not None and diagnostics == []
    fn = build_graph(template).get("Fn")
    assert isinstance(fn, Function)
    for field, value in (
        (fn.timeout, 3),
        (fn.memory_size, 128),
        (fn.ephemeral_storage, 512),
        (fn.package_type, "Zip"),
        (fn.tracing, "PassThrough"),
    ):
        (known,) = field.known()
        assert (known.value, known.default, field.written) == (value, True, False)
        assert known.source.startswith("https://docs.aws.amazon.com/")
    assert items(fn.architectures) == ["x86_64"]
    assert fn.code.kind is CodeKind.S3


def test_image_function_with_its_own_role(all_props: tuple[Template, LambdaGraph]) -> None:
    _, graph = all_props
    fn = graph.get("ImageFn")
    assert isinstance(fn, Function)
    assert val(fn.package_type) == "Image"
    assert val(fn.image_uri) == "123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1"
    assert at(fn.image_uri) == (68, 17)
    assert fn.code.kind is CodeKind.IMAGE
    assert ids(fn.role) == ["ImageRole"]
    role = graph.role_of(fn)
    assert isinstance(role, Role) and not role.generated
    # A function with its own Role gets no generated one.
    assert graph.get("ImageFnRole") is None


def test_generated_parts_have_sam_logical_ids(all_props: tuple[Template, LambdaGraph]) -> None:
    _, graph = all_props
    kinds = {key: type(model) for key, model in graph.nodes() if model.resource_id == "AllProps"}
    assert kinds == {
        (NodeKind.FUNCTION, "AllProps"): Function,
        (NodeKind.ROLE, "AllPropsRole"): Role,
        (NodeKind.VERSION, "AllPropsVersion"): Version,
        (NodeKind.ALIAS, "AllPropsAliaslive"): Alias,
        (NodeKind.URL, "AllPropsUrl"): FunctionUrl,
        (NodeKind.TRIGGER, "AllPropsUrl.Trigger"): Trigger,
        (NodeKind.EVENT_INVOKE_CONFIG, "AllPropsEventInvokeConfig"): EventInvokeConfig,
        (NodeKind.EVENT_SOURCE_MAPPING, "AllProps.Work.Mapping"): EventSourceMapping,
        (NodeKind.TRIGGER, "AllProps.Work"): Trigger,
    }
    role = graph.get("AllPropsRole")
    assert isinstance(role, Role) and role.generated
    assert role.policies.written and role.policies.site.loc.line == 23
    alias = graph.get("AllPropsAliaslive")
    assert isinstance(alias, Alias) and alias.generated
    # SAM writes the alias and version; findings about them land on AutoPublishAlias.
    assert (alias.loc.line, val(alias.name), ids(alias.version)) == (
        42,
        "live",
        ["AllPropsVersion"],
    )
    assert val(alias.provisioned_concurrency) == 2
    url = graph.get("AllPropsUrl")
    assert isinstance(url, FunctionUrl)
    assert (url.loc.line, val(url.auth_type), val(url.invoke_mode)) == (
        48,
        "AWS_IAM",
        "RESPONSE_STREAM",
    )
    live = Qualifier(QualifierKind.ALIAS, "live")
    assert url.qualifier == live
    eic = graph.get("AllPropsEventInvokeConfig")
    assert isinstance(eic, EventInvokeConfig)
    assert at(eic.maximum_retry_attempts) == (33, 31)
    assert at(eic.maximum_event_age) == (34, 35)
    assert eic.qualifier == live
    assert eic.on_failure is not None and val(eic.on_failure.kind) == "SQS"
    assert eic.on_success is not None and ids(eic.on_success.targets) == ["DoneTopic"]


def test_function_edges(all_props: tuple[Template, LambdaGraph]) -> None:
    _, graph = all_props
    assert edges(graph) == {
        ("AllProps", "role", "AllPropsRole"),
        ("AllProps", "layer", "DepsLayer"),
        ("AllProps", "dead_letter", "Dlq"),
        ("AllProps", "subnet", "SubnetA"),
        ("AllProps", "security_group", "LambdaSg"),
        ("AllProps", "on_failure", "Dlq"),
        ("AllProps", "on_success", "DoneTopic"),
        ("AllPropsVersion", "version_of", "AllProps"),
        ("AllPropsAliaslive", "alias_of", "AllProps"),
        ("AllPropsAliaslive", "points_to", "AllPropsVersion"),
        ("AllPropsUrl", "configures", "AllPropsAliaslive"),
        ("AllPropsUrl", "source", "AllPropsUrl.Trigger"),
        ("AllPropsUrl.Trigger", "invokes", "AllPropsAliaslive"),
        # SAM qualifies the URL and the invoke config with the alias.
        ("AllPropsEventInvokeConfig", "configures", "AllPropsAliaslive"),
        # With AutoPublishAlias, SAM points event sources at the alias.
        ("AllProps.Work", "invokes", "AllPropsAliaslive"),
        ("AllProps.Work", "mapping", "AllProps.Work.Mapping"),
        ("ImageFn", "role", "ImageRole"),
        ("WorkQueue", "source", "AllProps.Work"),
        ("WorkQueue", "redrive", "Dlq"),
    }


def test_queries(all_props: tuple[Template, LambdaGraph]) -> None:
    _, graph = all_props
    fn = graph.get("AllProps")
    assert isinstance(fn, Function)
    assert [m.logical_id for m in graph.layers_of(fn)] == ["DepsLayer"]
    assert [m.logical_id for m in graph.aliases_of(fn)] == ["AllPropsAliaslive"]
    assert [m.logical_id for m in graph.versions_of(fn)] == ["AllPropsVersion"]
    assert sorted(t.logical_id for t in graph.triggers_of(fn)) == [
        "AllProps.Work",
        "AllPropsUrl.Trigger",
    ]
    work = graph.get("AllProps.Work")
    assert isinstance(work, Trigger)
    assert graph.function_of(work) is fn
    esm = graph.mapping_of(work)
    assert isinstance(esm, EventSourceMapping)
    ((target,), source_id) = (esm.targets, esm.source_id)
    assert (target.function_id, target.qualifier, source_id) == (
        "AllProps",
        Qualifier(QualifierKind.ALIAS, "live"),
        "WorkQueue",
    )
    assert at(esm.batch_size) == (61, 24)
    assert items(esm.function_response_types) == ["ReportBatchItemFailures"]
    assert [(t.node_id, t.attribute) for t in esm.event_source] == [("WorkQueue", "Arn")]
    source = graph.source_of(work)
    assert source is not None and source.logical_id == "WorkQueue"
    layer = graph.get("DepsLayer")
    assert isinstance(layer, LayerVersion)
    assert items(layer.compatible_runtimes) == ["python3.12"]
    assert items(layer.compatible_architectures) == ["arm64"]
    assert val(layer.layer_name) == "deps"


EVENTS = [
    # event, trigger kind, source id, mapping id, line of the event
    ("GetItem", TriggerKind.API, "Rest", None, 13),
    ("ImplicitApi", TriggerKind.API, None, None, 19),
    ("Http", TriggerKind.HTTP_API, "Http", None, 24),
    ("Queue", TriggerKind.SQS, "Jobs", "Consumer.Queue.Mapping", 30),
    ("Topic", TriggerKind.SNS, "Alerts", None, 35),
    ("Upload", TriggerKind.S3, "Uploads", None, 39),
    ("Orders", TriggerKind.EVENTBRIDGE, None, None, 44),
    ("Nightly", TriggerKind.SCHEDULE, None, None, 49),
    ("Hourly", TriggerKind.SCHEDULE_V2, None, None, 53),
    ("Clicks", TriggerKind.KINESIS, "Clicks", "Consumer.Clicks.Mapping", 57),
    ("Changes", TriggerKind.DYNAMODB, "Table", "Consumer.Changes.Mapping", 62),
]


@pytest.fixture(scope="module")
def events() -> tuple[Template, LambdaGraph]:
    return load("sam-events.yaml")


@pytest.mark.parametrize(
    ("name", "kind", "source", "mapping", "line"), EVENTS, ids=[e[0] for e in EVENTS]
)
def test_sam_event(
    events: tuple[Template, LambdaGraph],
    name: str,
    kind: TriggerKind,
    source: str | None,
    mapping: str | None,
    line: int,
) -> None:
    _, graph = events
    trig = graph.get(f"Consumer.{name}")
    assert isinstance(trig, Trigger)
    assert (trig.kind, trig.source_id, trig.mapping_id, trig.loc.line) == (
        kind,
        source,
        mapping,
        line,
    )
    ((target,),) = (trig.targets,)
    assert (target.function_id, trig.resource_id, target.qualifier.kind) == (
        "Consumer",
        "Consumer",
        QualifierKind.UNQUALIFIED,
    )
    assert trig.resource_type.startswith("AWS::Serverless::Function.")
    got = edges(graph)
    assert (f"Consumer.{name}", "invokes", "Consumer") in got
    if source is not None:
        assert (source, "source", f"Consumer.{name}") in got
    if mapping is not None:
        assert (f"Consumer.{name}", "mapping", mapping) in got
        esm = graph.get(mapping)
        assert isinstance(esm, EventSourceMapping)
        assert (esm.targets[0].function_id, esm.source_id, esm.loc.line) == (
            "Consumer",
            source,
            line,
        )


def test_sam_event_settings_point_at_the_event(events: tuple[Template, LambdaGraph]) -> None:
    _, graph = events
    changes = graph.get("Consumer.Changes.Mapping")
    assert isinstance(changes, EventSourceMapping)
    assert val(changes.starting_position) == "TRIM_HORIZON"
    assert at(changes.starting_position) == (65, 31)
    assert at(changes.maximum_retry_attempts) == (66, 35)
    queue = graph.get("Consumer.Queue.Mapping")
    assert isinstance(queue, EventSourceMapping)
    assert val(queue.batch_size) == 10 and at(queue.batch_size) == (33, 24)
    fn = graph.get("Consumer")
    assert isinstance(fn, Function)
    assert fn.event_ids == tuple(f"Consumer.{e[0]}" for e in EVENTS)
    assert len(graph.triggers_of(fn)) == len(EVENTS)


def test_alias_name_written_as_an_intrinsic() -> None:
    """``AutoPublishAlias: !Ref AliasName``: SAM resolves the parameter (its Default here), so
    the alias is ``FnAliaslive``, and events, URL and invoke config all target it."""
    template, diagnostics = parse_text(
        SourceText(
            "alias.yaml",
            """\
Transform: AWS::Serverless-2016-10-31
Parameters:
  AliasName: {Type: String, Default: live}
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: a.b
      Runtime: python3.12
      CodeUri: .
      AutoPublishAlias: !Ref AliasName
      FunctionUrlConfig: {AuthType: NONE}
      EventInvokeConfig: {MaximumRetryAttempts: 0}
      Events:
        Q:
          Type: SQS
          Properties: {Queue: arn:aws:sqs:us-east-1:123456789012:q}
""",
        )
    )
    assert template is not None and diagnostics == []
    graph = build_graph(template)
    assert ("Fn.Q", "invokes", "FnAliaslive") in edges(graph)
    assert ("FnUrl.Trigger", "invokes", "FnAliaslive") in edges(graph)
    for config_id in ("FnUrl", "FnEventInvokeConfig"):
        config = graph.get(config_id)
        assert isinstance(config, (FunctionUrl, EventInvokeConfig))
        assert config.qualifier == Qualifier(QualifierKind.ALIAS, "live")
