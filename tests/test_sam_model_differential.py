"""Differential test of the model against the real SAM translator (issue 12, item 4, first check).

For every input the translator accepts (../shared/corpus/sam-translator/accepted/), lambdalint's
model of each AWS::Serverless::Function must agree with what the translator generates:

- ``properties``: the Globals-merged Handler, Runtime, MemorySize, Timeout and
  ReservedConcurrentExecutions of the translated AWS::Lambda::Function (where both are literal);
- ``role``: SAM generates ``<Fn>Role`` exactly when lambdalint's model has a generated role;
- ``mappings``: the event source mappings, with their BatchSize, StartingPosition and
  MaximumBatchingWindowInSeconds as written;
- ``permissions``: the service principals SAM grants invoke to;
- ``alias``: the AutoPublishAlias alias name and that a version exists;
- ``invoke_config``: the EventInvokeConfig qualifier (the alias name or $LATEST).

Each comparison counts as one check; the agreement is printed (``-s``) and must stay at 100% but
for the differences listed in ``KNOWN`` with their reasons.
"""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from sam_translate import TRANSLATOR_CORPUS, require_translator, translate, with_transform

from lambdalint.model.build import build_graph
from lambdalint.model.graph import LambdaGraph
from lambdalint.model.lambda_ import (
    EventInvokeConfig,
    EventSourceMapping,
    Function,
    Permission,
    Role,
)
from lambdalint.model.targets import QualifierKind
from lambdalint.model.values import Field
from lambdalint.source.reader import SourceText
from lambdalint.source.template import parse_text

# Differences that are gaps lambdalint knows of, not wrong answers: checks on templates that
# use them are counted apart ("known") and listed in the printed summary.
CONNECTORS = (
    "SAM connectors (AWS::Serverless::Connector, Connectors on a resource) are not modelled yet: "
    "the permissions, mappings and policies they generate come from SAM's connector profiles"
)


def _accepted() -> list[Path]:
    expected = TRANSLATOR_CORPUS / "expected.tsv"
    if not expected.is_file():
        return []
    with expected.open(encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh, delimiter="\t") if r["status"] == "accepted"]
    return [TRANSLATOR_CORPUS / r["file"] for r in rows]


def _refs(value: Any) -> set[str]:
    """Logical ids a translated value refers to (Ref / GetAtt / Sub)."""
    out: set[str] = set()
    stack = [value]
    while stack:
        v = stack.pop()
        if isinstance(v, dict):
            if "Ref" in v and isinstance(v["Ref"], str):
                out.add(v["Ref"])
            if "Fn::GetAtt" in v:
                att = v["Fn::GetAtt"]
                out.add(att[0] if isinstance(att, list) else str(att).split(".")[0])
            stack.extend(v.values())
        elif isinstance(v, list):
            stack.extend(v)
    return out


def _literal(value: Any) -> Any:
    return value if isinstance(value, (str, int, float, bool)) else None


def _only(field: Field[Any]) -> Any:
    return field.only()


class Checks:
    def __init__(self) -> None:
        self.total: Counter[str] = Counter()
        self.agree: Counter[str] = Counter()
        self.known: Counter[str] = Counter()
        self.diffs: list[str] = []
        # The reason a difference on the template being compared is a known gap, if any.
        self.gap: str | None = None

    def compare(self, file: str, check: str, fn: str, ours: Any, theirs: Any) -> None:
        self.total[check] += 1
        if ours == theirs:
            self.agree[check] += 1
        elif self.gap is not None:
            self.known[check] += 1
        else:
            self.diffs.append(f"{file} {check} {fn}: lambdalint {ours!r} vs SAM {theirs!r}")


def _compare_function(
    checks: Checks,
    name: str,
    graph: LambdaGraph,
    fn: Function,
    cfn: dict[str, Any],
    original: set[str],
) -> None:
    resources: dict[str, Any] = cfn["Resources"]
    translated = resources.get(fn.logical_id, {})
    props = translated.get("Properties", {})
    for key, field in (
        ("Handler", fn.handler),
        ("Runtime", fn.runtime),
        ("MemorySize", fn.memory_size),
        ("Timeout", fn.timeout),
        ("ReservedConcurrentExecutions", fn.reserved_concurrency),
    ):
        theirs = _literal(props.get(key))
        ours = _only(field) if field.written else None
        if theirs is not None and ours is not None:
            if key in ("MemorySize", "Timeout", "ReservedConcurrentExecutions"):
                theirs = int(theirs)
            checks.compare(name, f"properties.{key}", fn.logical_id, ours, theirs)
    generated_role = any(
        isinstance(graph.get(t.node_id), Role) and graph.get(t.node_id).generated  # type: ignore[union-attr]
        for t in fn.role
        if t.node_id
    )
    role_id = f"{fn.logical_id}Role"
    checks.compare(
        name,
        "role",
        fn.logical_id,
        generated_role,
        resources.get(role_id, {}).get("Type") == "AWS::IAM::Role" and role_id not in original,
    )
    # Resources SAM made for this function (they refer to it or to its alias / version).
    ours_ids = {fn.logical_id} | {a.logical_id for a in graph.aliases_of(fn)}
    theirs_aliases = {
        rid: r
        for rid, r in resources.items()
        if r.get("Type") == "AWS::Lambda::Alias"
        and fn.logical_id in _refs(r.get("Properties", {}).get("FunctionName"))
    }
    alias_names = sorted(str(r["Properties"].get("Name")) for r in theirs_aliases.values())
    our_alias = sorted(str(a.name.only()) for a in graph.aliases_of(fn) if a.generated)
    checks.compare(name, "alias", fn.logical_id, our_alias, alias_names)
    if theirs_aliases:
        has_version = any(
            r.get("Type") == "AWS::Lambda::Version"
            and fn.logical_id in _refs(r.get("Properties", {}).get("FunctionName"))
            for r in resources.values()
        )
        ours_version = any(v.generated for v in graph.versions_of(fn))
        checks.compare(name, "alias.version", fn.logical_id, ours_version, has_version)
    invoked = ours_ids | set(theirs_aliases)

    def targets_fn(resource: dict[str, Any], key: str) -> bool:
        return bool(_refs(resource.get("Properties", {}).get(key)) & invoked)

    # Event source mappings, paired by the event they come from: SAM names them
    # <Fn><Event> (or <Fn><Event>EventSourceMapping for an SNS event's queue).
    theirs_esms = {
        rid: r["Properties"]
        for rid, r in resources.items()
        if r.get("Type") == "AWS::Lambda::EventSourceMapping" and targets_fn(r, "FunctionName")
    }
    ours_esms = {
        m.logical_id.split(".")[1]: m
        for m in graph.objects(EventSourceMapping)
        if m.resource_id == fn.logical_id
    }
    paired = {
        event: theirs_esms.get(f"{fn.logical_id}{event}")
        or theirs_esms.get(f"{fn.logical_id}{event}EventSourceMapping")
        for event in ours_esms
    }
    checks.compare(
        name,
        "mappings",
        fn.logical_id,
        sorted(ours_esms),
        sorted(e for e, p in paired.items() if p is not None)
        + ([] if len(theirs_esms) == len(ours_esms) else ["<other mappings>"]),
    )
    for event, model in ours_esms.items():
        theirs_props = paired.get(event)
        if theirs_props is None:
            continue
        for key, ours_field in (
            ("BatchSize", model.batch_size),
            ("StartingPosition", model.starting_position),
            ("MaximumBatchingWindowInSeconds", model.maximum_batching_window),
        ):
            raw = theirs_props.get(key)
            if raw is not None and _literal(raw) is None:
                continue  # SAM passes an intrinsic on: not comparable statically
            ours_value = ours_field.only() if raw is not None else ours_field.written or None
            checks.compare(name, f"mappings.{key}", f"{fn.logical_id}.{event}", ours_value, raw)
    theirs_principals = sorted(
        {
            str(r["Properties"].get("Principal"))
            for r in resources.values()
            if r.get("Type") == "AWS::Lambda::Permission" and targets_fn(r, "FunctionName")
        }
    )
    ours_principals = sorted(
        {
            str(p.principal.only())
            for p in graph.objects(Permission)
            if p.generated and any(t.function_id == fn.logical_id for t in p.targets)
        }
    )
    checks.compare(name, "permissions", fn.logical_id, ours_principals, theirs_principals)
    theirs_eic = [
        r["Properties"]
        for r in resources.values()
        if r.get("Type") == "AWS::Lambda::EventInvokeConfig" and targets_fn(r, "FunctionName")
    ]
    ours_eic = [
        e
        for e in graph.objects(EventInvokeConfig)
        if e.generated and e.resource_id == fn.logical_id
    ]
    if theirs_eic or ours_eic:
        theirs_q = sorted(
            "$LATEST" if e.get("Qualifier") == "$LATEST" else "alias" for e in theirs_eic
        )
        ours_q = sorted(
            "$LATEST" if e.qualifier.kind is QualifierKind.LATEST else "alias" for e in ours_eic
        )
        checks.compare(name, "invoke_config", fn.logical_id, ours_q, theirs_q)


def test_model_agrees_with_the_sam_translator(capsys: pytest.CaptureFixture[str]) -> None:
    require_translator()
    files = _accepted()
    checks = Checks()
    translated = 0
    for path in files:
        text = path.read_text(encoding="utf-8")
        try:
            cfn = translate(text)
        except Exception:  # two inputs need AWS credentials (serverless applications)
            continue
        translated += 1
        template, _ = parse_text(SourceText(path.name, with_transform(text)))
        if template is None:
            checks.diffs.append(f"{path.name}: lambdalint could not read it")
            continue
        graph = build_graph(template)
        uses_connectors = "AWS::Serverless::Connector" in text or "Connectors:" in text
        checks.gap = CONNECTORS if uses_connectors else None
        for fn in graph.objects(Function):
            if fn.resource_type == "AWS::Serverless::Function":
                _compare_function(checks, path.name, graph, fn, cfn, set(template.resources))
    summary = ", ".join(
        f"{check} {checks.agree[check]}/{checks.total[check]}"
        + (f" (+{checks.known[check]} known)" if checks.known[check] else "")
        for check in sorted(checks.total)
    )
    with capsys.disabled():
        print(f"\nSAM translator differential: {translated} templates; {summary}")
        if sum(checks.known.values()):
            print(f"known: {CONNECTORS}")
    assert checks.diffs == []
    assert translated > 300
