"""Differential test of versions, aliases and qualifiers against the real SAM translator (issue 11).

For every input the translator accepts (../shared/corpus/sam-translator/accepted/) that uses
AutoPublishAlias, DeploymentPreference, ProvisionedConcurrencyConfig, event sources, a function
URL or an EventInvokeConfig, lambdalint's model of each
AWS::Serverless::Function must agree with the translator's output on:

- ``alias``: the generated alias (logical id and Name);
- ``alias.version``: the alias points at the generated version (SAM's ``<Fn>Version<hash>``,
  lambdalint's ``<Fn>Version``);
- ``alias.provisioned_concurrency``: the alias carries ProvisionedConcurrencyConfig;
- ``qualifier.<kind>``: the qualifier each event source mapping, permission, function URL and
  event invoke config invokes (``alias live``, ``$LATEST`` or ``unqualified``), as a set per
  function (how many permissions SAM merges is test_sam_model_differential.py's concern).

And for every input the translator rejects for AutoPublishAlias or DeploymentPreference (the
messages in ``REJECTIONS``), lambdalint reports an LL4xx error on that resource. Rejections for
properties that require AutoPublishAlias are another rule's (LL401, another branch) and are
counted apart.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from lintrun import lint_text
from sam_translate import TRANSLATOR_CORPUS, require_translator, translate, with_transform

from lambdalint.model.base import Model
from lambdalint.model.build import build_graph
from lambdalint.model.graph import LambdaGraph
from lambdalint.model.lambda_ import (
    EventInvokeConfig,
    EventSourceMapping,
    Function,
    FunctionUrl,
    Permission,
)
from lambdalint.model.targets import Qualifier
from lambdalint.severity import Severity
from lambdalint.source.reader import SourceText
from lambdalint.source.template import parse_text

FEATURES = (
    "AutoPublishAlias",
    "DeploymentPreference",
    "ProvisionedConcurrencyConfig",
    "Events:",
    "FunctionUrlConfig",
    "EventInvokeConfig",
)
# Translator messages this branch's rules must explain with an error on the resource.
REJECTIONS = (
    "Alias name is required",
    "AutoPublishAlias name",
    "'AutoPublishAlias' must be a string",
    "Alarms must be a list",
    "'Hooks' property of 'DeploymentPreference' must be a dictionary",
    "'DeploymentPreference' is missing required Property 'Type'",
)
# Rejections LL401 (sam-property-requires-auto-publish-alias, another branch) explains.
OTHER_RULE = ("requires AutoPublishAlias", "requires 'AutoPublishAlias'", "AutoPublishALias must")
_RESOURCE = re.compile(r"Resource with id \[([^\]]+)\]")


def _rows(status: str) -> list[dict[str, str]]:
    expected = TRANSLATOR_CORPUS / "expected.tsv"
    if not expected.is_file():
        return []
    with expected.open(encoding="utf-8", newline="") as fh:
        return [r for r in csv.DictReader(fh, delimiter="\t") if r["status"] == status]


def _ref(value: Any) -> str | None:
    """The logical id a translated FunctionName / TargetFunctionArn names."""
    if isinstance(value, dict):
        if isinstance(value.get("Ref"), str):
            return str(value["Ref"])
        att = value.get("Fn::GetAtt")
        if att is not None:
            return str(att[0] if isinstance(att, list) else str(att).split(".")[0])
    return None


def _theirs(resources: dict[str, Any], fn_id: str) -> dict[str, Any]:
    aliases = {
        rid: r["Properties"]
        for rid, r in resources.items()
        if r.get("Type") == "AWS::Lambda::Alias"
        and _ref(r["Properties"].get("FunctionName")) == fn_id
    }
    names = {rid: str(p.get("Name")) for rid, p in aliases.items()}

    def qualifier(target: Any, explicit: Any = None) -> str | None:
        ref = _ref(target)
        if ref in names:
            return f"alias {names[ref]}"
        if ref != fn_id:
            return None
        if explicit is None:
            return "unqualified"
        return "$LATEST" if explicit == "$LATEST" else f"alias {explicit}"

    out: dict[str, list[str]] = {"mapping": [], "permission": [], "url": [], "invoke_config": []}
    for r in resources.values():
        p = r.get("Properties", {})
        kind = {
            "AWS::Lambda::EventSourceMapping": ("mapping", "FunctionName", None),
            "AWS::Lambda::Permission": ("permission", "FunctionName", None),
            "AWS::Lambda::Url": ("url", "TargetFunctionArn", "Qualifier"),
            "AWS::Lambda::EventInvokeConfig": ("invoke_config", "FunctionName", "Qualifier"),
        }.get(r.get("Type", ""))
        if kind is None:
            continue
        q = qualifier(p.get(kind[1]), p.get(kind[2]) if kind[2] else None)
        if q is not None:
            out[kind[0]].append(q)
    return {"aliases": aliases, "names": names, **{k: sorted(set(v)) for k, v in out.items()}}


def _shown(q: Qualifier) -> str:
    return str(q)


def _ours(graph: LambdaGraph, fn: Function) -> dict[str, list[str]]:
    def of(cls: type[Model]) -> list[str]:
        found = []
        for m in graph.objects(cls):
            for t in getattr(m, "targets", ()):
                if t.function_id == fn.logical_id and m.generated:
                    found.append(_shown(t.qualifier))
        return sorted(set(found))

    eic = sorted(
        _shown(e.qualifier)
        for e in graph.objects(EventInvokeConfig)
        if e.generated and e.resource_id == fn.logical_id
    )
    return {
        "mapping": of(EventSourceMapping),
        "permission": of(Permission),
        "url": of(FunctionUrl),
        "invoke_config": eic,
    }


def test_versions_and_qualifiers_agree_with_the_sam_translator(
    capsys: pytest.CaptureFixture[str],
) -> None:
    require_translator()
    total: Counter[str] = Counter()
    agree: Counter[str] = Counter()
    diffs: list[str] = []
    templates = 0

    def compare(file: str, check: str, fn: str, ours: Any, theirs: Any) -> None:
        total[check] += 1
        if ours == theirs:
            agree[check] += 1
        else:
            diffs.append(f"{file} {check} {fn}: lambdalint {ours!r} vs SAM {theirs!r}")

    for row in _rows("accepted"):
        path = TRANSLATOR_CORPUS / row["file"]
        text = path.read_text(encoding="utf-8")
        if not any(f in text for f in FEATURES):
            continue
        if "AWS::Serverless::Connector" in text or "Connectors:" in text:
            continue  # connectors are not modelled (see test_sam_model_differential.py)
        try:
            cfn = translate(text)
        except Exception:
            continue
        template, _ = parse_text(SourceText(path.name, with_transform(text)))
        assert template is not None, path.name
        templates += 1
        graph = build_graph(template)
        resources: dict[str, Any] = cfn["Resources"]
        for fn in graph.objects(Function):
            if fn.resource_type != "AWS::Serverless::Function":
                continue
            theirs = _theirs(resources, fn.logical_id)
            ours_aliases = {a.logical_id: a for a in graph.aliases_of(fn) if a.generated}
            compare(
                path.name,
                "alias",
                fn.logical_id,
                sorted((rid, str(a.name.only())) for rid, a in ours_aliases.items()),
                sorted(theirs["names"].items()),
            )
            for rid, alias in ours_aliases.items():
                props = theirs["aliases"].get(rid)
                if props is None:
                    continue
                version = _ref(props.get("FunctionVersion"))
                ours_version = alias.version[0].node_id if alias.version else None
                compare(
                    path.name,
                    "alias.version",
                    fn.logical_id,
                    True,
                    bool(ours_version and version and version.startswith(ours_version)),
                )
                compare(
                    path.name,
                    "alias.provisioned_concurrency",
                    fn.logical_id,
                    alias.provisioned_concurrency.written,
                    "ProvisionedConcurrencyConfig" in props,
                )
            ours = _ours(graph, fn)
            for kind in ("mapping", "permission", "url", "invoke_config"):
                if ours[kind] or theirs[kind]:
                    compare(path.name, f"qualifier.{kind}", fn.logical_id, ours[kind], theirs[kind])

    explained = other = 0
    missing: list[str] = []
    for row in _rows("rejected"):
        message = row["error_message"]
        found = _RESOURCE.search(message)
        if found is None:
            continue
        if any(o in message for o in OTHER_RULE):
            other += 1
            continue
        if not any(r in message for r in REJECTIONS):
            continue
        text = with_transform((TRANSLATOR_CORPUS / row["file"]).read_text(encoding="utf-8"))
        findings = lint_text(text, Path(row["file"]).name)
        if any(
            f.rule_id.startswith("LL4")
            and f.severity is Severity.ERROR
            and f.resource == found.group(1)
            for f in findings
        ):
            explained += 1
        else:
            missing.append(f"{row['file']}: {message}")
    summary = ", ".join(f"{c} {agree[c]}/{total[c]}" for c in sorted(total))
    with capsys.disabled():
        print(
            f"\nSAM versions differential: {templates} templates; {summary}; rejected for "
            f"these properties: {explained}/{explained + len(missing)} reported as LL4xx errors "
            f"({other} more are LL401's)"
        )
    assert diffs == [], "\n".join(diffs)
    assert missing == []
    assert templates > 20 and explained > 0
