"""The one module that reads template resources to find each function's code (SAM Globals are
already merged into ``Resource.properties``), once per template, before any rule runs.

Everything else under ``lambdalint.source.code`` takes plain values; when the typed model carries
a CodeLocation, only this module changes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from lambdalint.source.code.locate import (
    CodeKind,
    CodeSite,
    build_of,
    cdk_asset,
    inline,
    local,
    unknown,
)
from lambdalint.source.code_paths import CODE_PROPERTIES, CodeProblem, is_local
from lambdalint.source.intrinsics import UNKNOWN, Evaluator
from lambdalint.source.nodes import Mapping, Node, Scalar, Sequence, intrinsic
from lambdalint.source.template import Resource, Template

if TYPE_CHECKING:
    # Only a field's type here: the analysis classes load with the code readers, when some
    # function's code is there to read.
    from lambdalint.source.code.analysis import CodeAnalysis

FUNCTION_TYPES = ("AWS::Serverless::Function", "AWS::Lambda::Function")
# Event sources whose batches can be partially failed (FunctionResponseTypes).
BATCH_EVENT_TYPES = ("SQS", "Kinesis", "DynamoDB")


@dataclass(frozen=True, slots=True)
class BatchSources:
    """The function's SQS and stream event sources: the FunctionResponseTypes nodes that ask for
    ReportBatchItemFailures, how many do not, and whether some mapping's target is unknown."""

    reporting: tuple[Node, ...] = ()
    plain: tuple[Node, ...] = ()


@dataclass(frozen=True, eq=False)
class FunctionCode:
    logical_id: str
    runtime: str | None
    handler: str | None
    handler_node: Node | None
    # Where the code location is written (CodeUri, InlineCode, Code, Metadata), else the resource.
    code_node: Node
    site: CodeSite
    # Environment.Variables by name (None when the template's value cannot be listed).
    env: dict[str, Node] | None
    env_node: Node | None
    # Variables whose value is a Ref or GetAtt of a resource of this template, by name.
    env_resources: dict[str, str] = field(default_factory=dict)
    batch: BatchSources = BatchSources()
    has_layers: bool = False
    analysis: CodeAnalysis | None = None
    # Layers given by Ref to a layer of this template, by logical id (others are ARNs).
    layer_refs: tuple[str, ...] = ()


@dataclass(frozen=True, eq=False)
class TemplateCode:
    functions: tuple[FunctionCode, ...] = ()
    # (problem, node it is reported at, logical id): LL017/LL018/LL019 as diagnostics.
    problems: tuple[tuple[CodeProblem, Node, str], ...] = ()
    # Some event source mapping names its function by a value lambdalint cannot resolve.
    unresolved_mappings: bool = False
    # Unzipped bytes of the layers whose content is a local archive, by logical id.
    layer_sizes: dict[str, int] = field(default_factory=dict)

    def function(self, logical_id: str) -> FunctionCode | None:
        return next((f for f in self.functions if f.logical_id == logical_id), None)


def _text(ev: Evaluator, node: Node | None) -> str | None:
    if node is None:
        return None
    value = ev.value(node)
    return value if isinstance(value, str) and value is not UNKNOWN else None


def _target(node: Node | None) -> str | None:
    """The logical id a Ref / GetAtt names."""
    call = intrinsic(node)
    if call is None:
        return None
    name, arg = call
    if name == "Ref" and isinstance(arg, Scalar) and isinstance(arg.value, str):
        return arg.value
    if name == "Fn::GetAtt":
        if isinstance(arg, Scalar) and isinstance(arg.value, str):
            return arg.value.split(".", 1)[0]
        if isinstance(arg, Sequence) and arg.items and isinstance(arg.items[0], Scalar):
            first = arg.items[0].value
            return first if isinstance(first, str) else None
    return None


def _site(
    res: Resource, tpl: Template, ev: Evaluator, runtime: str | None
) -> tuple[CodeSite, Node]:
    props = res.properties
    metadata = res.metadata()
    meta_plain = metadata.plain() if isinstance(metadata, Mapping) else None
    if _text(ev, props.get("PackageType")) == "Image" or props.get("ImageUri") is not None:
        return unknown("an image"), props.get("ImageUri") or res.node
    code_prop = "CodeUri" if res.is_sam else "Code"
    code = props.get(code_prop)
    inline_node = props.get("InlineCode") if res.is_sam else None
    if not res.is_sam and isinstance(code, Mapping):
        if "ImageUri" in code.items:
            return unknown("an image"), code
        inline_node = code.items.get("ZipFile")
    if inline_node is not None:
        text = _text(ev, inline_node)
        if text is None:
            return unknown("inline code lambdalint cannot evaluate"), inline_node
        return inline(text, runtime), inline_node
    asset = cdk_asset(meta_plain, code_prop)
    if asset is not None and metadata is not None:
        return local(tpl.file, asset, tpl.limits, report_missing=False), metadata
    uri = _text(ev, code) if isinstance(code, Scalar) else None
    if code is None or uri is None:
        return unknown("in S3 or not evaluated"), code or res.node
    if not is_local(uri):
        return unknown("in S3"), code
    return local(tpl.file, uri, tpl.limits, build_of(meta_plain)), code


def _env(props: Mapping) -> tuple[dict[str, Node] | None, Node | None, dict[str, str]]:
    env = props.get("Environment")
    if env is None:
        return {}, None, {}
    if not isinstance(env, Mapping) or intrinsic(env) is not None:
        return None, env, {}
    variables = env.items.get("Variables")
    if variables is None:
        return {}, env, {}
    if not isinstance(variables, Mapping) or intrinsic(variables) is not None:
        return None, variables, {}
    # ``NAME: !Ref AWS::NoValue`` removes the variable (overriding one from Globals): not set.
    present = {k: v for k, v in variables.items.items() if not _no_value(v)}
    refs = {k: t for k, v in present.items() if (t := _target(v)) is not None}
    return present, variables, refs


def _no_value(node: Node) -> bool:
    found = intrinsic(node)
    return (
        found is not None
        and found[0] == "Ref"
        and isinstance(found[1], Scalar)
        and found[1].value == "AWS::NoValue"
    )


def _sam_batch(props: Mapping) -> tuple[list[Node], list[Node]]:
    reporting: list[Node] = []
    plain: list[Node] = []
    events = props.get("Events")
    if not isinstance(events, Mapping):
        return reporting, plain
    for event in events.items.values():
        if not isinstance(event, Mapping):
            continue
        kind = event.items.get("Type")
        if not (isinstance(kind, Scalar) and kind.value in BATCH_EVENT_TYPES):
            continue
        eprops = event.items.get("Properties")
        types = eprops.items.get("FunctionResponseTypes") if isinstance(eprops, Mapping) else None
        if _reports(types):
            assert types is not None
            reporting.append(types)
        else:
            plain.append(event)
    return reporting, plain


def _reports(types: Node | None) -> bool:
    return isinstance(types, Sequence) and any(
        isinstance(t, Scalar) and t.value == "ReportBatchItemFailures" for t in types.items
    )


def _mappings(tpl: Template) -> tuple[dict[str, tuple[list[Node], list[Node]]], bool]:
    """CloudFormation event source mappings by the function they invoke."""
    out: dict[str, tuple[list[Node], list[Node]]] = {}
    unresolved = False
    for res in tpl.resources_of("AWS::Lambda::EventSourceMapping"):
        fn = res.prop("FunctionName")
        target = _target(fn)
        if target is None and isinstance(fn, Scalar) and isinstance(fn.value, str):
            target = fn.value if fn.value in tpl.resources else None
        if target is None or target not in tpl.resources:
            unresolved = True
            continue
        reporting, plain = out.setdefault(target, ([], []))
        types = res.prop("FunctionResponseTypes")
        if _reports(types):
            assert types is not None
            reporting.append(types)
        else:
            plain.append(res.node)
    return out, unresolved


def read_template_code(tpl: Template, analyse: bool = True) -> TemplateCode:
    """Every function's code site (and, with ``analyse``, what its code reads and calls), and the
    problems of every local code path (functions and layers), each path looked at once."""
    ev = Evaluator(tpl)
    functions: list[FunctionCode] = []
    problems: list[tuple[CodeProblem, Node, str]] = []
    layer_sizes: dict[str, int] = {}
    mappings, unresolved = _mappings(tpl)
    for res in tpl.resources.values():
        if res.type not in FUNCTION_TYPES:
            if res.type in CODE_PROPERTIES:  # layers: only their path problems
                node = res.prop(CODE_PROPERTIES[res.type])
                uri = _text(ev, node) if isinstance(node, Scalar) else None
                if uri is not None and node is not None and is_local(uri):
                    site = local(tpl.file, uri, tpl.limits)
                    problems.extend((p, node, res.logical_id) for p in site.problems)
                    if site.unzipped_bytes is not None:
                        layer_sizes[res.logical_id] = site.unzipped_bytes
            continue
        props = res.properties
        runtime = _text(ev, props.get("Runtime"))
        handler_node = props.get("Handler")
        handler = _text(ev, handler_node)
        site, code_node = _site(res, tpl, ev, runtime)
        problems.extend((p, code_node, res.logical_id) for p in site.problems)
        env, env_node, env_refs = _env(props)
        reporting, plain = _sam_batch(props) if res.is_sam else ([], [])
        cfn_reporting, cfn_plain = mappings.get(res.logical_id, ([], []))
        analysis = None
        # A handler with whitespace is LL112's: no module can be named by it.
        readable = handler is not None and handler != "" and not any(c.isspace() for c in handler)
        if analyse and handler and site.kind is not CodeKind.UNKNOWN and readable:
            from lambdalint.source.code.reader import read_code

            analysis = read_code(site, runtime, handler, props.get("Layers") is not None)
        functions.append(
            FunctionCode(
                res.logical_id,
                runtime,
                handler,
                handler_node,
                code_node,
                site,
                env,
                env_node,
                env_refs,
                BatchSources(tuple(reporting + cfn_reporting), tuple(plain + cfn_plain)),
                props.get("Layers") is not None,
                analysis,
                _layer_refs(props.get("Layers")),
            )
        )
    return TemplateCode(tuple(functions), tuple(problems), unresolved, layer_sizes)


def _layer_refs(layers: Node | None) -> tuple[str, ...]:
    if not isinstance(layers, Sequence):
        return ()
    return tuple(t for item in layers.items if (t := _target(item)) is not None)
