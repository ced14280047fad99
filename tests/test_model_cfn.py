"""CloudFormation resources -> the same models as SAM (fixtures/model/cfn-*.yaml): Lambda's own
resources, IAM, and every producer that invokes a function, with exact ids, edges and lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from lambdalint.model.build import build_graph
from lambdalint.model.graph import LambdaGraph
from lambdalint.model.lambda_ import (
    Alias,
    ApiIntegration,
    Distribution,
    EventInvokeConfig,
    EventRule,
    EventSourceMapping,
    Function,
    FunctionUrl,
    LayerVersion,
    Permission,
    Policy,
    Role,
    Stream,
    Trigger,
    TriggerKind,
    Version,
)
from lambdalint.source.nodes import Node, plain
from lambdalint.source.template import Template, load_template

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "model"


def load(name: str) -> tuple[Template, LambdaGraph]:
    template, diagnostics = load_template(str(FIXTURES / name))
    assert template is not None, diagnostics
    assert diagnostics == []
    return template, build_graph(template)


def edges(graph: LambdaGraph) -> set[tuple[str, str, str]]:
    return {(s[1], kind.value, d[1]) for s, d, kind in graph.edges()}


def at(node: Node | None) -> tuple[int, int]:
    assert node is not None
    return node.loc.line, node.loc.col


@pytest.fixture(scope="module")
def lam() -> tuple[Template, LambdaGraph]:
    return load("cfn-lambda-all.yaml")


def test_cfn_function_reads_the_same_fields_as_sam(lam: tuple[Template, LambdaGraph]) -> None:
    _, graph = lam
    fn = graph.get("Worker")
    assert isinstance(fn, Function)
    assert (fn.resource_type, fn.dialect, fn.loc.line) == ("AWS::Lambda::Function", "cfn", 5)
    assert at(fn.function_name) == (8, 21)
    assert plain(fn.handler) == "index.handler" and at(fn.handler) == (9, 16)
    assert plain(fn.runtime) == "nodejs24.x" and at(fn.runtime) == (10, 16)
    assert plain(fn.package_type) == "Zip"
    # Code {S3Bucket, S3Key} is the code location; ZipFile / ImageUri are not set.
    assert plain(fn.code_uri) == {"S3Bucket": "artifacts", "S3Key": "worker.zip"}
    assert fn.inline_code is None and fn.image_uri is None
    assert plain(fn.memory_size) == 1024 and at(fn.memory_size) == (15, 19)
    assert plain(fn.timeout) == 60 and at(fn.timeout) == (16, 16)
    assert plain(fn.ephemeral_storage) == 2048 and at(fn.ephemeral_storage) == (18, 15)
    assert plain(fn.environment) == {"MODE": "batch"}
    assert plain(fn.architectures) == ["x86_64"]
    assert plain(fn.role) == {"Fn::GetAtt": ["WorkerRole", "Arn"]} and fn.role is not None
    assert fn.role.loc.line == 25
    assert plain(fn.dead_letter) == {"TargetArn": {"Ref": "FailTopic"}}
    assert plain(fn.snap_start) == {"ApplyOn": "PublishedVersions"}
    assert plain(fn.logging_config) == {"LogFormat": "JSON"}
    # TracingConfig.Mode is the same value as SAM's Tracing.
    assert plain(fn.tracing) == "Active" and at(fn.tracing) == (36, 15)
    assert plain(fn.reserved_concurrency) == 5
    assert (fn.role_id, fn.layer_ids) == ("WorkerRole", ["SharedLayer"])
    inline = graph.get("Inline")
    assert isinstance(inline, Function)
    assert plain(inline.inline_code) == "def handler(event, context):\n    return event\n"
    assert inline.inline_code is not None and inline.inline_code.loc.line == 46
    assert inline.role_id is None  # a literal role ARN outside the template


def test_cfn_lambda_resources(lam: tuple[Template, LambdaGraph]) -> None:
    _, graph = lam
    version = graph.get("WorkerVersion")
    assert isinstance(version, Version)
    assert version.function_id == "Worker"
    assert plain(version.provisioned_concurrency) == {"ProvisionedConcurrentExecutions": 3}
    alias = graph.get("WorkerAlias")
    assert isinstance(alias, Alias)
    assert (alias.function_id, alias.version_id, plain(alias.name)) == (
        "Worker",
        "WorkerVersion",
        "live",
    )
    assert at(alias.name) == (72, 13)
    permission = graph.get("WorkerPermission")
    assert isinstance(permission, Permission)
    # FunctionName: !Ref WorkerAlias -> the function behind the alias, qualified by its name.
    assert (permission.function_id, permission.qualifier) == ("Worker", "live")
    assert plain(permission.principal) == "events.amazonaws.com"
    assert at(permission.principal) == (79, 18)
    eic = graph.get("WorkerInvokeConfig")
    assert isinstance(eic, EventInvokeConfig)
    assert eic.function_id == "Worker" and plain(eic.qualifier) == "$LATEST"
    assert at(eic.maximum_retry_attempts) == (87, 29)
    url = graph.get("WorkerUrl")
    assert isinstance(url, FunctionUrl)
    assert (url.function_id, plain(url.auth_type)) == ("Worker", "NONE")
    esm = graph.get("WorkerMapping")
    assert isinstance(esm, EventSourceMapping)
    assert (esm.function_id, esm.qualifier, esm.source_id) == ("Worker", "live", "WorkQueue")
    assert at(esm.batch_size) == (104, 18)
    assert at(esm.maximum_batching_window) == (105, 39)
    trigger = graph.get("WorkerMapping.Trigger")
    assert isinstance(trigger, Trigger)
    # The kind comes from what EventSourceArn names (a queue).
    assert (trigger.kind, trigger.source_id, trigger.qualifier) == (
        TriggerKind.SQS,
        "WorkQueue",
        "live",
    )
    layer = graph.get("SharedLayer")
    assert isinstance(layer, LayerVersion)
    assert plain(layer.compatible_runtimes) == ["nodejs24.x"]
    assert plain(layer.content) == {"S3Bucket": "artifacts", "S3Key": "shared.zip"}


def test_cfn_iam(lam: tuple[Template, LambdaGraph]) -> None:
    _, graph = lam
    role = graph.get("WorkerRole")
    assert isinstance(role, Role) and not role.generated
    assert plain(role.managed_policy_arns) == [
        "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
    ]
    assert role.assume_role_policy is not None and role.assume_role_policy.loc.line == 111
    for policy_id, rtype in (
        ("WorkerPolicy", "AWS::IAM::Policy"),
        ("WorkerManagedPolicy", "AWS::IAM::ManagedPolicy"),
    ):
        policy = graph.get(policy_id)
        assert isinstance(policy, Policy)
        assert (policy.resource_type, policy.role_ids) == (rtype, ["WorkerRole"])
        assert policy.document is not None
    fn = graph.get("Worker")
    assert isinstance(fn, Function)
    assert graph.role_of(fn) is role


def test_cfn_lambda_edges(lam: tuple[Template, LambdaGraph]) -> None:
    _, graph = lam
    assert edges(graph) == {
        ("Worker", "role", "WorkerRole"),
        ("Worker", "layer", "SharedLayer"),
        ("Worker", "dead_letter", "FailTopic"),
        ("Worker", "subnet", "SubnetA"),
        ("Worker", "security_group", "LambdaSg"),
        # The EventInvokeConfig's destination belongs to the function.
        ("Worker", "on_failure", "FailQueue"),
        ("WorkerVersion", "version_of", "Worker"),
        ("WorkerAlias", "alias_of", "Worker"),
        ("WorkerAlias", "points_to", "WorkerVersion"),
        ("WorkerPermission", "permits", "WorkerAlias"),
        ("WorkerInvokeConfig", "configures", "Worker"),
        ("WorkerUrl", "configures", "Worker"),
        ("WorkerUrl", "source", "WorkerUrl.Trigger"),
        ("WorkerUrl.Trigger", "invokes", "Worker"),
        ("WorkerMapping.Trigger", "invokes", "WorkerAlias"),
        ("WorkerMapping.Trigger", "mapping", "WorkerMapping"),
        ("WorkerPolicy", "attached_to", "WorkerRole"),
        ("WorkerManagedPolicy", "attached_to", "WorkerRole"),
        ("WorkQueue", "source", "WorkerMapping.Trigger"),
    }


PRODUCERS = [
    # trigger id, kind, source id, line of the node naming the function
    ("JobsMapping.Trigger", TriggerKind.SQS, "Jobs", 25),
    ("Alerts.Subscription0", TriggerKind.SNS, "Alerts", 36),
    ("AlertsSubscription.Trigger", TriggerKind.SNS, "Alerts", 44),
    ("Uploads.Notification0", TriggerKind.S3, "Uploads", 52),
    ("OrderRule.Target0", TriggerKind.EVENTBRIDGE, "OrderRule", 61),
    ("NightlyRule.Target0", TriggerKind.SCHEDULE, "NightlyRule", 70),
    ("Hourly.Target", TriggerKind.SCHEDULE_V2, "Hourly", 79),
    ("ClicksMapping.Trigger", TriggerKind.KINESIS, "Clicks", 86),
    ("OrdersMapping.Trigger", TriggerKind.DYNAMODB, "Orders", 106),
    ("RestMethod.Trigger", TriggerKind.API, "RestApi", 128),
    ("HttpIntegration.Trigger", TriggerKind.HTTP_API, "HttpApi", 140),
    ("Cdn.Edge0", TriggerKind.CLOUDFRONT, "Cdn", 153),
]


@pytest.fixture(scope="module")
def producers() -> tuple[Template, LambdaGraph]:
    return load("cfn-producers.yaml")


@pytest.mark.parametrize(
    ("trigger_id", "kind", "source", "line"), PRODUCERS, ids=[p[0] for p in PRODUCERS]
)
def test_cfn_producer(
    producers: tuple[Template, LambdaGraph],
    trigger_id: str,
    kind: TriggerKind,
    source: str,
    line: int,
) -> None:
    _, graph = producers
    trig = graph.get(trigger_id)
    assert isinstance(trig, Trigger)
    assert (trig.kind, trig.source_id, trig.function_id, trig.loc.line) == (
        kind,
        source,
        "Handler",
        line,
    )
    fn = graph.get("Handler")
    assert isinstance(fn, Function)
    assert graph.function_of(trig) is fn
    assert trig in graph.triggers_of(fn)
    assert graph.get(source) is not None
    assert graph.source_of(trig) is graph.get(source)


def test_cfn_producers_all_found(producers: tuple[Template, LambdaGraph]) -> None:
    _, graph = producers
    fn = graph.get("Handler")
    assert isinstance(fn, Function)
    assert sorted(t.logical_id for t in graph.triggers_of(fn)) == sorted(p[0] for p in PRODUCERS)
    # Targets that are not functions (a queue in a rule, an email subscription) are no triggers.
    assert graph.get("OrderRule.Target1") is None
    assert graph.get("Alerts.Subscription1") is None


def test_cfn_producer_models(producers: tuple[Template, LambdaGraph]) -> None:
    _, graph = producers
    assert edges(graph) >= {
        ("Cdn.Edge0", "invokes", "HandlerVersion"),  # Lambda@Edge needs a version
        ("HandlerVersion", "version_of", "Handler"),
        ("RestMethod", "invokes", "Handler"),
        ("HttpIntegration", "invokes", "Handler"),
        ("JobsMapping.Trigger", "mapping", "JobsMapping"),
    }
    # An EventBridge Scheduler schedule is a rule with its target.
    schedule = graph.get("Hourly")
    assert isinstance(schedule, EventRule)
    assert plain(schedule.schedule) == "rate(1 hour)" and at(schedule.schedule) == (75, 27)
    for stream_id, kind in (("Clicks", "kinesis"), ("Orders", "dynamodb")):
        stream = graph.get(stream_id)
        assert isinstance(stream, Stream) and stream.stream_kind == kind
    method = graph.get("RestMethod")
    assert isinstance(method, ApiIntegration)
    assert (method.function_id, method.api_id) == ("Handler", "RestApi")
    assert method.uri is not None and method.uri.loc.line == 128
    cdn = graph.get("Cdn")
    assert isinstance(cdn, Distribution)
    edge = graph.get("Cdn.Edge0")
    assert isinstance(edge, Trigger) and edge.qualifier is None
    dynamo = graph.get("OrdersMapping")
    assert isinstance(dynamo, EventSourceMapping)
    assert plain(dynamo.starting_position) == "TRIM_HORIZON"
    assert at(dynamo.maximum_retry_attempts) == (112, 29)
