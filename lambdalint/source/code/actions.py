"""SDK call -> IAM actions, from data: the operation names and IAM prefixes generated from botocore
(rules/facts/sdk_actions.json, by scripts/gen_sdk_actions.py) and the documented exceptions
(rules/facts/sdk_action_exceptions.yaml). Loaded on first use only: code without SDK calls and
templates without local code never read them."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache

from lambdalint.data import load_data, rules_dir
from lambdalint.source.code.analysis import SdkCall


@dataclass(frozen=True, slots=True)
class _Service:
    name: str
    prefix: str
    ops: dict[str, str]  # normalized -> OperationName


@dataclass(frozen=True, slots=True)
class _Map:
    services: dict[str, _Service]
    v3_packages: dict[str, str]
    v2_classes: dict[str, str]
    exceptions: dict[tuple[str, str], tuple[str, ...]]
    boto3_methods: dict[tuple[str, str], tuple[str, ...]]
    document_client: dict[str, str]


def _norm(name: str) -> str:
    return name.replace("_", "").replace("-", "").lower()


@cache
def _load() -> _Map:
    data = json.loads((rules_dir() / "facts" / "sdk_actions.json").read_text(encoding="utf-8"))
    extra = load_data("facts/sdk_action_exceptions.yaml")
    prefixes = {row["service"]: row["prefix"] for row in extra["prefixes"]}
    services: dict[str, _Service] = {}
    v3: dict[str, str] = {}
    v2: dict[str, str] = {}
    for name, row in data["services"].items():
        ops = {_norm(op): op for op in row["ops"].split()}
        services[name] = _Service(name, prefixes.get(name, row["prefix"]), ops)
        v3["client-" + row["id"].lower().replace(" ", "-")] = name
        v2[row["id"].replace(" ", "").lower()] = name
    for cls, name in extra["js_v2_classes"]["names"].items():
        v2[cls.lower()] = name
    return _Map(
        services,
        v3,
        v2,
        {(r["service"], r["operation"]): tuple(r["actions"]) for r in extra["operations"]},
        {(r["service"], r["method"]): tuple(r["operations"]) for r in extra["boto3_methods"]},
        {k.lower(): v for k, v in extra["document_client"]["methods"].items()},
    )


@cache
def _iam_prefixes() -> frozenset[str]:
    """Every IAM service prefix (rules/facts/iam_services.json, scripts/gen_iam_services.py)."""
    path = rules_dir() / "facts" / "iam_services.json"
    return frozenset(json.loads(path.read_text(encoding="utf-8"))["prefixes"])


def operation_actions(service: str, operation: str) -> tuple[str, ...]:
    m = _load()
    svc = m.services[service]
    return m.exceptions.get((service, operation), (f"{svc.prefix}:{operation}",))


def _operations(call: SdkCall, m: _Map) -> tuple[str, tuple[str, ...]] | None:
    """(botocore service name, operation names) of one call, or None when it is not an API call
    lambdalint knows (a helper method, an unknown client)."""
    op = call.operation
    if call.sdk == "boto3":
        if (call.service, op) in m.boto3_methods:
            return call.service, m.boto3_methods[(call.service, op)]
        service = call.service
    elif call.sdk == "js-v2":
        if call.service.endswith("DocumentClient"):
            found = m.document_client.get(op.lower())
            return ("dynamodb", (found,)) if found else None
        service = m.v2_classes.get(call.service.split(".")[-1].lower(), "")
    else:
        package, _, aggregated = call.service.partition(":")
        if package == "lib-storage":
            return ("s3", ("PutObject",)) if op == "Upload" else None
        if package == "lib-dynamodb":
            method = op[: -len("Command")] if op.endswith("Command") else op
            found = m.document_client.get(method.lower())
            return ("dynamodb", (found,)) if found else None
        service = m.v3_packages.get(package, "")
        if op.endswith("Command") and not aggregated:
            op = op[: -len("Command")]
    svc = m.services.get(service)
    if svc is None or "." in op or svc.prefix not in _iam_prefixes():
        return None  # no IAM prefix lambdalint knows for this client: not joined, never guessed
    found = svc.ops.get(_norm(op))
    return (service, (found,)) if found else None


def actions_for(call: SdkCall) -> tuple[str, ...] | None:
    """The IAM actions ``call`` needs, or None when lambdalint cannot tell."""
    m = _load()
    resolved = _operations(call, m)
    if resolved is None:
        return None
    service, operations = resolved
    out: list[str] = []
    for op in operations:
        for action in operation_actions(service, op):
            if action not in out:
                out.append(action)
    return tuple(out)


def client_prefix(sdk: str, service: str) -> str | None:
    """The IAM service prefix a client of ``service`` (as ``SdkClient`` spells it) signs its
    calls with (``dynamodb``, ``s3``), or None when the service is not in the map."""
    m = _load()
    if sdk == "boto3":
        name = service
    elif sdk == "js-v2":
        if service.endswith("DocumentClient"):
            return m.services["dynamodb"].prefix
        name = m.v2_classes.get(service.split(".")[-1].lower(), "")
    else:
        package = service.partition(":")[0]
        aliases = {"lib-dynamodb": "dynamodb", "lib-storage": "s3"}
        name = aliases.get(package) or m.v3_packages.get(package, "")
    svc = m.services.get(name)
    return svc.prefix if svc is not None and svc.prefix in _iam_prefixes() else None
