"""A parsed CloudFormation/SAM template: sections, resources, parameters, SAM Globals merged.

This layer knows CloudFormation syntax (sections, intrinsics, SAM Globals) but nothing about what
Lambda does with a value; that is ``lambdalint.model``.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass, field

from lambdalint.data import load_data
from lambdalint.source.diagnostics import Diagnostic
from lambdalint.source.globals import globals_problems, ignore_globals_problems, merge_globals
from lambdalint.source.limits import InputLimits
from lambdalint.source.loader import load_text
from lambdalint.source.location import Location
from lambdalint.source.nodes import Mapping, Node, Scalar, Sequence, intrinsic
from lambdalint.source.problems import Problem
from lambdalint.source.reader import SourceText, read_source

SAM_TRANSFORM = "AWS::Serverless-2016-10-31"
_TEMPLATE_KEYS = ("Resources", "AWSTemplateFormatVersion", "Transform")


@dataclass(slots=True)
class Parameter:
    name: str
    node: Mapping
    type: str
    default: Node | None
    allowed_values: Sequence | None
    # A value given on the command line (--parameter KEY=VALUE) wins over Default.
    override: str | None = None


@dataclass(slots=True)
class Resource:
    logical_id: str
    type: str
    node: Mapping
    # SAM Globals already merged in for AWS::Serverless::* resources.
    properties: Mapping
    condition: str | None = None
    id_loc: Location | None = None

    @property
    def loc(self) -> Location:
        """Where the resource's logical id is written (its mapping starts at the first key)."""
        return self.id_loc or self.node.loc

    @property
    def is_sam(self) -> bool:
        return self.type.startswith("AWS::Serverless::")

    def prop(self, name: str) -> Node | None:
        return self.properties.items.get(name)

    def metadata(self) -> Node | None:
        return self.node.items.get("Metadata")


@dataclass
class Template:
    file: str
    text: str
    root: Mapping
    diagnostics: list[Diagnostic] = field(default_factory=list)
    parameters: dict[str, Parameter] = field(default_factory=dict)
    resources: dict[str, Resource] = field(default_factory=dict)
    conditions: dict[str, Node] = field(default_factory=dict)
    mappings: Mapping | None = None
    globals: Mapping | None = None
    is_sam: bool = False
    # The input limits this template was read under; checks that read more input (code
    # archives, code directories) keep to the same bounds.
    limits: InputLimits = field(default_factory=InputLimits)
    _paths: dict[int, tuple[str | int, ...]] | None = None

    def section(self, name: str) -> Node | None:
        return self.root.items.get(name)

    def lines(self) -> list[str]:
        # Not splitlines(): it also breaks at U+2028 and friends, which editors do not.
        return self.text.split("\n")

    def resources_of(self, *types: str) -> Iterator[Resource]:
        for res in self.resources.values():
            if res.type in types:
                yield res

    def path_of(self, node: Node) -> tuple[str | int, ...]:
        """The path of a node in the template as written (built once, on first use)."""
        if self._paths is None:
            from lambdalint.source.nodes import walk

            self._paths = {id(n): p for p, n in walk(self.root)}
        return self._paths.get(id(node), ())


def is_template(root: Node | None) -> bool:
    return isinstance(root, Mapping) and any(k in root.items for k in _TEMPLATE_KEYS)


# The transform that defines Fn::ForEach, Fn::Length, Fn::ToJsonString.
# https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/transform-aws-languageextensions.html
LANGUAGE_EXTENSIONS = "AWS::LanguageExtensions"


def transforms(root: Mapping) -> list[str]:
    node = root.items.get("Transform")
    if isinstance(node, Scalar) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, Sequence):
        return [n.value for n in node.items if isinstance(n, Scalar) and isinstance(n.value, str)]
    return []


def _str(node: Node | None) -> str | None:
    if isinstance(node, Scalar) and node.value is not None and not isinstance(node.value, bool):
        return str(node.value)
    return None


def _diag(
    problem: Problem, msg: str, loc: Location, path: tuple[str | int, ...] = ()
) -> Diagnostic:
    return Diagnostic(problem, msg, loc, path)


def build_template(
    source: SourceText,
    root: Node,
    diagnostics: list[Diagnostic],
    parameter_overrides: dict[str, str] | None = None,
    limits: InputLimits | None = None,
) -> Template | None:
    """Sections of an already-loaded document; None (with a diagnostic) if it is no template."""
    limits = limits or InputLimits()
    if not isinstance(root, Mapping):
        kind = "a list" if isinstance(root, Sequence) else "a single value"
        diagnostics.append(
            Diagnostic(
                Problem.NOT_A_MAPPING,
                f"not a template: the document is {kind}, a template is a mapping with Resources",
                root.loc,
            )
        )
        return None
    tpl = Template(source.file, source.text, root, diagnostics, limits=limits)
    tpl.is_sam = SAM_TRANSFORM in transforms(root) or any(
        isinstance(r, Mapping)
        and _str(r.items.get("Type")) is not None
        and str(_str(r.items.get("Type"))).startswith("AWS::Serverless::")
        for r in _resource_nodes(root)
    )
    _check_sections(tpl, diagnostics)
    _read_parameters(tpl, parameter_overrides or {})
    conds = root.items.get("Conditions")
    if isinstance(conds, Mapping):
        tpl.conditions = dict(conds.items)
    mappings = root.items.get("Mappings")
    tpl.mappings = mappings if isinstance(mappings, Mapping) else None
    glob = root.items.get("Globals")
    tpl.globals = glob if isinstance(glob, Mapping) else None
    if tpl.globals is not None:
        for message, where in globals_problems(tpl.globals):
            loc = where if isinstance(where, Location) else where.loc
            diagnostics.append(_diag(Problem.GLOBALS_INVALID, message, loc))
    _read_resources(tpl, limits)
    return tpl


def _check_sections(tpl: Template, diagnostics: list[Diagnostic]) -> None:
    """Top-level keys CloudFormation does not know (``Parameter`` for ``Parameters``) fail the
    deployment. A macro other than SAM may consume keys of its own, so then nothing is said."""
    if any(t != SAM_TRANSFORM for t in transforms(tpl.root)):
        return
    facts = load_data("facts/template_sections.yaml")
    known = list(facts["sections"]) + (list(facts["sam_sections"]) if tpl.is_sam else [])
    for key in tpl.root.items:
        if key in known:
            continue
        close = difflib.get_close_matches(key, known, n=1, cutoff=0.7)
        hint = f"did you mean {close[0]}? " if close else ""
        sam = (
            " (Globals only with Transform: AWS::Serverless-2016-10-31)" if key == "Globals" else ""
        )
        diagnostics.append(
            _diag(
                Problem.UNKNOWN_SECTION,
                f"unknown top-level section {key!r}; {hint}CloudFormation rejects the template"
                f"{sam}",
                tpl.root.key_loc(key),
                (key,),
            )
        )


def _resource_nodes(root: Mapping) -> list[Node]:
    res = root.items.get("Resources")
    return list(res.items.values()) if isinstance(res, Mapping) else []


def _read_parameters(tpl: Template, overrides: dict[str, str]) -> None:
    params = tpl.root.items.get("Parameters")
    if not isinstance(params, Mapping):
        return
    for name, node in params.items.items():
        if not isinstance(node, Mapping):
            tpl.diagnostics.append(
                _diag(
                    Problem.PARAMETER_NOT_MAPPING,
                    f"parameter {name} must be a mapping",
                    node.loc,
                    ("Parameters", name),
                )
            )
            continue
        allowed = node.items.get("AllowedValues")
        _check_allowed(tpl, name, node, allowed, overrides.get(name))
        tpl.parameters[name] = Parameter(
            name=name,
            node=node,
            type=_str(node.items.get("Type")) or "String",
            default=node.items.get("Default"),
            allowed_values=allowed if isinstance(allowed, Sequence) else None,
            override=overrides.get(name),
        )


def _check_allowed(
    tpl: Template, name: str, node: Mapping, allowed: Node | None, override: str | None
) -> None:
    """CloudFormation rejects a stack whose parameter value is not one of its AllowedValues."""
    if not isinstance(allowed, Sequence):
        return
    options = {_str(v) for v in allowed.items}
    if None in options:
        return  # an entry we cannot read as text: don't judge
    default = node.items.get("Default")
    if override is not None:
        if override not in options:
            tpl.diagnostics.append(
                _diag(
                    Problem.VALUE_NOT_ALLOWED,
                    f"--parameter {name}={override} is not one of its AllowedValues "
                    f"({', '.join(sorted(o for o in options if o is not None))})",
                    node.loc,
                    ("Parameters", name),
                )
            )
    elif isinstance(default, Scalar) and _str(default) is not None and _str(default) not in options:
        tpl.diagnostics.append(
            _diag(
                Problem.VALUE_NOT_ALLOWED,
                f"Default {_str(default)!r} of parameter {name} is not one of its AllowedValues",
                default.loc,
                ("Parameters", name, "Default"),
            )
        )


def _read_resources(tpl: Template, limits: InputLimits) -> None:
    res = tpl.root.items.get("Resources")
    if res is None:
        return
    if not isinstance(res, Mapping):
        tpl.diagnostics.append(
            _diag(
                Problem.RESOURCES_NOT_MAPPING,
                "Resources must be a mapping",
                res.loc,
                ("Resources",),
            )
        )
        return
    if len(res.items) > limits.max_resources:
        tpl.diagnostics.append(
            Diagnostic(
                Problem.TOO_MANY_RESOURCES,
                f"input limit: {len(res.items):,} resources (limit {limits.max_resources:,}; "
                "CloudFormation accepts 500)",
                res.loc,
                ("Resources",),
            )
        )
        return
    loops = LANGUAGE_EXTENSIONS in transforms(tpl.root)
    for logical_id, node in res.items.items():
        path = ("Resources", logical_id)
        if loops and logical_id.startswith("Fn::ForEach::"):
            # AWS::LanguageExtensions expands the loop into resources at deploy time; what it
            # makes is not read here (a template with such a macro is judged leniently).
            continue
        if not isinstance(node, Mapping):
            tpl.diagnostics.append(
                _diag(
                    Problem.RESOURCE_NOT_MAPPING,
                    f"resource {logical_id} must be a mapping",
                    node.loc,
                    path,
                )
            )
            continue
        rtype = _str(node.items.get("Type"))
        if rtype is None:
            tpl.diagnostics.append(
                _diag(
                    Problem.RESOURCE_WITHOUT_TYPE,
                    f"resource {logical_id} has no Type",
                    node.loc,
                    path,
                )
            )
            continue
        props = node.items.get("Properties")
        if props is None:
            props = Mapping({}, node.loc)
        elif not isinstance(props, Mapping):
            if intrinsic(props) is None:
                tpl.diagnostics.append(
                    _diag(
                        Problem.PROPERTIES_NOT_MAPPING,
                        f"Properties of {logical_id} must be a mapping",
                        props.loc,
                        (*path, "Properties"),
                    )
                )
            props = Mapping({}, props.loc)
        ignore = node.items.get("IgnoreGlobals")
        if ignore is not None and rtype.startswith("AWS::Serverless::"):
            for message, where in ignore_globals_problems(tpl.globals, rtype, ignore):
                tpl.diagnostics.append(
                    _diag(
                        Problem.IGNORE_GLOBALS_INVALID, message, where.loc, (*path, "IgnoreGlobals")
                    )
                )
        if tpl.globals is not None and rtype.startswith("AWS::Serverless::"):
            props = merge_globals(tpl.globals, rtype, props, ignore)
        cond = _str(node.items.get("Condition"))
        tpl.resources[logical_id] = Resource(
            logical_id, rtype, node, props, cond, res.key_loc(logical_id)
        )


def parse_text(
    source: SourceText,
    parameter_overrides: dict[str, str] | None = None,
    limits: InputLimits | None = None,
) -> tuple[Template | None, list[Diagnostic]]:
    result = load_text(source.text, source.file, limits)
    diagnostics = list(result.diagnostics)
    if result.root is None:
        return None, diagnostics
    if not is_template(result.root) and isinstance(result.root, Mapping):
        # A mapping without Resources, AWSTemplateFormatVersion or Transform (a workflow, a
        # config file): not a template, and nothing is wrong with it (LL003 documents this).
        return None, diagnostics
    tpl = build_template(source, result.root, diagnostics, parameter_overrides, limits)
    return tpl, diagnostics


def load_template(
    path: str, parameter_overrides: dict[str, str] | None = None, limits: InputLimits | None = None
) -> tuple[Template | None, list[Diagnostic]]:
    """Read and parse one file. Returns the template (or None) and every diagnostic; never raises
    for bad input."""
    source = read_source(path, limits)
    if isinstance(source, Diagnostic):
        return None, [source]
    return parse_text(source, parameter_overrides, limits)
