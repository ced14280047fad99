"""CloudFormation resources -> the same models as SAM (fixtures/model/cfn-*.yaml): Lambda's own
resources, IAM, and every producer that invokes a function, with exact ids, edges and lines."""

from __future__ import annotations

from pathlib import Path

import pytest
from fieldhelp import at, edges, ids, items, val

from lambdalint.model.build import build_graph
from lambdalint.model.graph import LambdaGraph
from lambdalint.model.lambda_ import (
    Alias,
    CodeKind,
    EventInvokeConfig,
    EventSourceMapping,
    Function,
    FunctionUrl,
    LayerVersion,
    Permission,
    Policy,
    Role,
    Version,
)
from lambdalint.model.sources import (
    ApiIntegration,
    Distribution,
    EventRule,
    Stream,
    Trigger,
    TriggerKind,
)
from lambdalint.model.targets import Qualifier, QualifierKind, Target, TargetKind
from lambdalint.source.template import Template, load_template

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "model"


def load(name: str) -> tuple[Template, LambdaGraph]:
    template, diagnostics = load_template(str(FIXTURES / name))
    assert template is not None, diagnostics
    assert diagnostics == []
    return template, build_graph(template)


def only_target(targets: tuple[Target, ...]) -> Target:
    (target,) = targets
    return target


LIVE = Qualifier(QualifierKind.ALIAS, "live")


@pytest.fixture(scope="module")
def lam() -> tuple[Template, LambdaGraph]:
    return load("cfn-lambda-all.yaml")


def test_cfn_function_reads_the_same_fields_as_sam(lam: tuple[Template, LambdaGraph]) -> None:
    _, graph = lam
    fn = graph.get("Worker")
    assert isinstance(fn, Function)
    assert (fn.resource_type, fn.dialect, fn.loc.line) == ("AWS::Lambda::Function", "cfn", 5)
    assert at(fn.name) == (8, 21)
    assert val(fn.handler) == "index.handler" and at(fn.handler) == (9, 16)
    assert val(fn.runtime) == "nodejs24.x" and at(fn.runtime) == (10, 16)
    assert val(fn.package_type) == "Zip"
    # Code {S3Bucket, S3Key} is the code location; ZipFile / ImageUri are not set.
    assert fn.code.kind is CodeKind.S3
    assert not fn.image_uri.written
    assert val(fn.memory_size) == 1024 and at(fn.memory_size) == (15, 19)
    assert val(fn.timeout) == 60 and at(fn.timeout) == (16, 16)
    assert val(fn.ephemeral_storage) == 2048 and at(fn.ephemeral_storage) == (18, 15)
    (env,) = fn.environment.known()
    assert [(e.key, val(e.value)) for e in env.value] == [("MODE", "batch")]
    assert items(fn.architectures) == ["x86_64"]
    role = only_target(fn.role)
    assert (role.node_id, role.attribute, role.loc.line) == ("WorkerRole", "Arn", 25)
    assert fn.dead_letter is not None and ids(fn.dead_letter.targets) == ["FailTopic"]
    # The DLQ's kind comes from what TargetArn names (a topic).
    assert val(fn.dead_letter.kind) == "SNS"
    assert val(fn.snap_start) == "PublishedVersions"
    # TracingConfig.Mode is the same value as SAM's Tracing.
    assert val(fn.tracing) == "Active" and at(fn.tracing) == (36, 15)
    assert val(fn.reserved_concurrency) == 5
    assert ids(fn.layer_targets) == ["SharedLayer"]
    inline = graph.get("Inline")
    assert isinstance(inline, Function)
    assert inline.code.kind is CodeKind.INLINE
    assert inline.code.text == "def handler(event, context):\n    return event\n"
    assert inline.code.site.loc.line == 46
    # A literal role ARN outside the template.
    assert only_target(inline.role).kind is TargetKind.EXTERNAL


def test_cfn_lambda_resources(lam: tuple[Template, LambdaGraph]) -> None:
    _, graph = lam
    version = graph.get("WorkerVersion")
    assert isinstance(version, Version)
    assert version.function_id == "Worker"
    assert val(version.provisioned_concurrency) == 3
    alias = graph.get("WorkerAlias")
    assert isinstance(alias, Alias)
    assert (alias.function_id, ids(alias.version)[0], val(alias.name)) == (
        "Worker",
        "WorkerVersion",
        "live",
    )
    assert at(alias.name) == (72, 13)
    permission = graph.get("WorkerPermission")
    assert isinstance(permission, Permission)
    # FunctionName: !Ref WorkerAlias -> the function behind the alias, qualified by its name.
    target = only_target(permission.targets)
    assert (target.function_id, target.node_id, target.qualifier) == ("Worker", "WorkerAlias", LIVE)
    assert val(permission.principal) == "events.amazonaws.com"
    assert at(permission.principal) == (79, 18)
    eic = graph.get("WorkerInvokeConfig")
    assert isinstance(eic, EventInvokeConfig)
    assert only_target(eic.targets).function_id == "Worker"
    assert eic.qualifier.kind is QualifierKind.LATEST
    assert at(eic.maximum_retry_attempts) == (87, 29)
    url = graph.get("WorkerUrl")
    assert isinstance(url, FunctionUrl)
    assert (only_target(url.targets).function_id, val(url.auth_type)) == ("Worker", "NONE")
    esm = graph.get("WorkerMapping")
    assert isinstance(esm, EventSourceMapping)
    target = only_target(esm.targets)
    assert (target.function_id, target.qualifier, esm.source_id) == ("Worker", LIVE, "WorkQueue")
    assert esm.kind is TriggerKind.SQS
    assert at(esm.batch_size) == (104, 18)
    assert at(esm.maximum_batching_window) == (105, 39)
    trigger = graph.get("WorkerMapping.Trigger")
    assert isinstance(trigger, Trigger)
    # The kind comes from what EventSourceArn names (a queue).
    assert (trigger.kind, trigger.source_id, only_target(trigger.targets).qualifier) == (
        TriggerKind.SQS,
        "WorkQueue",
        LIVE,
    )
    layer = graph.get("SharedLayer")
    assert isinstance(layer, LayerVersion)
    assert items(layer.compatible_runtimes) == ["nodejs24.x"]


def test_cfn_iam(lam: tuple[Template, LambdaGraph]) -> None:
    _, graph = lam
    role = graph.get("WorkerRole")
    assert isinstance(role, Role) and not role.generated
    assert items(role.managed_policy_arns) == [
        "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
    ]
    assert role.assume_role_policy.written and at(role.assume_role_policy)[0] == 111
    for policy_id, rtype in (
        ("WorkerPolicy", "AWS::IAM::Policy"),
        ("WorkerManagedPolicy", "AWS::IAM::ManagedPolicy"),
    ):
        policy = graph.get(policy_id)
        assert isinstance(policy, Policy)
        assert (policy.resource_type, ids(policy.roles)) == (rtype, ["WorkerRole"])
        assert policy.document.written
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
    assert (trig.kind, trig.source_id, trig.function_ids[0], trig.loc.line) == (
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
    assert val(schedule.schedule) == "rate(1 hour)" and at(schedule.schedule) == (75, 27)
    for stream_id, kind in (("Clicks", "kinesis"), ("Orders", "dynamodb")):
        stream = graph.get(stream_id)
        assert isinstance(stream, Stream) and stream.stream_kind == kind
    method = graph.get("RestMethod")
    assert isinstance(method, ApiIntegration)
    assert (only_target(method.targets).function_id, method.api_id) == ("Handler", "RestApi")
    assert only_target(method.targets).loc.line == 128
    cdn = graph.get("Cdn")
    assert isinstance(cdn, Distribution)
    edge = graph.get("Cdn.Edge0")
    assert isinstance(edge, Trigger)
    # Lambda@Edge names a version: the qualifier is that version.
    assert only_target(edge.targets).qualifier == Qualifier(QualifierKind.VERSION, "HandlerVersion")
    dynamo = graph.get("OrdersMapping")
    assert isinstance(dynamo, EventSourceMapping)
    assert val(dynamo.starting_position) == "TRIM_HORIZON"
    assert at(dynamo.maximum_retry_attempts) == (112, 29)
