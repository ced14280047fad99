"""Reading one resource's properties into typed fields (``model/values.py``), through the
evaluator, so every candidate a property can take (Globals, parameters, both ``Fn::If`` branches,
Mappings) becomes a typed, located value. The normalizers (``sam.py``, ``cfn.py``) call this;
nothing downstream sees a node."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any, TypeVar

from lambdalint.model.values import (
    Absent,
    Candidate,
    Entry,
    Field,
    Invalid,
    Known,
    Site,
    Unknown,
    default_field,
    empty_field,
)
from lambdalint.source.intrinsics import NO_VALUE, UNKNOWN, Evaluator, ResourceRef, as_number
from lambdalint.source.intrinsics import Candidate as Raw
from lambdalint.source.nodes import Mapping, Node, Path, Scalar, Sequence, intrinsic
from lambdalint.source.references import substitute
from lambdalint.source.template import Resource, Template

T = TypeVar("T")
# Turns one known evaluated value into a typed candidate (Known / Invalid / Unknown).
Convert = Callable[[Any, Raw], "Candidate[Any]"]


def _known(value: Any, raw: Raw) -> Known[Any]:
    return Known(value, raw.loc, raw.conditions, raw.via, raw.node)


def _invalid(raw: Raw) -> Invalid:
    value = raw.value if isinstance(raw.value, (str, int, float, bool)) else None
    return Invalid(value, raw.loc, raw.conditions, raw.via, raw.node)


def _unknown(raw: Raw, why: str) -> Unknown:
    return Unknown(why, raw.loc, raw.conditions, raw.via, raw.node)


def _structured(value: Any) -> bool:
    return isinstance(value, (Mapping, Sequence, ResourceRef, list, dict))


def whole_number(value: Any, raw: Raw) -> Candidate[int]:
    """A whole number, possibly written as a string ("128"); a structure or resource reference
    is a shape problem for another rule, so it is Unknown here rather than Invalid."""
    if _structured(value):
        return _unknown(raw, "not a single value")
    number = as_number(value)
    if number is None or not math.isfinite(number) or number != int(number):
        return _invalid(raw)
    return _known(int(number), raw)


def number(value: Any, raw: Raw) -> Candidate[float]:
    if _structured(value):
        return _unknown(raw, "not a single value")
    parsed = as_number(value)
    if parsed is None or not math.isfinite(parsed):
        return _invalid(raw)
    return _known(float(parsed), raw)


def text(value: Any, raw: Raw) -> Candidate[str]:
    """A string. Numbers are kept as written (CloudFormation passes them on as strings)."""
    if isinstance(value, str):
        return _known(value, raw)
    if isinstance(value, bool):
        return _invalid(raw)
    if isinstance(value, (int, float)):
        return _known(str(value), raw)
    return _unknown(raw, "not a single value")


def boolean(value: Any, raw: Raw) -> Candidate[bool]:
    if isinstance(value, bool):
        return _known(value, raw)
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return _known(value.lower() == "true", raw)
    if _structured(value):
        return _unknown(raw, "not a single value")
    return _invalid(raw)


def reference(value: Any, raw: Raw) -> Candidate[str]:
    """An ARN as written: a literal, or the ``Ref``/``GetAtt`` it is (``!GetAtt Q.Arn``), so a
    reader can tell a value that is there from one that cannot be known."""
    if isinstance(value, ResourceRef):
        ref = f"!GetAtt {value.logical_id}.{value.attribute}" if value.attribute else None
        return _known(ref or f"!Ref {value.logical_id}", raw)
    return text(value, raw)


def is_mapping(value: Any, raw: Raw) -> Candidate[bool]:
    """A setting that must be a mapping (``DestinationConfig``): Known True when it has keys,
    False when it is empty; anything else is Invalid."""
    if isinstance(value, Mapping):
        return _known(bool(value.items), raw)
    return _invalid(raw)


def anything(value: Any, raw: Raw) -> Candidate[Any]:
    return _known(value, raw)


def typed(raw: Raw, convert: Convert) -> Candidate[Any]:
    if raw.value is UNKNOWN:
        return _unknown(raw, "not known statically")
    if raw.value is NO_VALUE:
        return Absent("can be AWS::NoValue", raw.loc, raw.conditions, raw.via, raw.node)
    if raw.value is None:
        return Absent("is empty", raw.loc, raw.conditions, raw.via, raw.node)
    return convert(raw.value, raw)


@dataclass
class Reader:
    """Reads the properties of one resource (Globals merged) into fields."""

    template: Template
    evaluator: Evaluator
    resource: Resource
    _properties_site: Site | None = None

    # ----- sites ------------------------------------------------------------------------------
    def site(self, name: str) -> Site:
        """Where property ``name`` was written (its key): on the resource, else in Globals,
        else the resource's Properties key, else its logical id."""
        res = self.resource
        props = res.node.items.get("Properties")
        if isinstance(props, Mapping) and name in props.items:
            return Site(
                props.key_loc(name),
                ("Resources", res.logical_id, "Properties", name),
                props.items[name].loc,
            )
        glob = self.template.globals
        # Only a Globals value the resource gets (IgnoreGlobals may drop it).
        if glob is not None and res.is_sam and name in res.properties.items:
            for section in glob.items.values():
                if isinstance(section, Mapping) and name in section.items:
                    path = self.template.path_of(section.items[name])
                    if path[:1] == ("Globals",):
                        return Site(section.key_loc(name), path, section.items[name].loc)
        return self.properties_site()

    def properties_site(self) -> Site:
        if self._properties_site is None:
            res = self.resource
            if "Properties" in res.node.items:
                path = ("Resources", res.logical_id, "Properties")
                self._properties_site = Site(res.node.key_loc("Properties"), path)
            else:
                self._properties_site = Site(res.loc, ("Resources", res.logical_id))
        return self._properties_site

    def site_in(self, parent: Node | None, key: str, fallback: Site) -> Site:
        """The site of ``key`` inside a nested mapping (``EphemeralStorage.Size``)."""
        if isinstance(parent, Mapping) and intrinsic(parent) is None and key in parent.items:
            path = self.template.path_of(parent.items[key]) or (*fallback.path, key)
            return Site(parent.key_loc(key), path, parent.items[key].loc)
        return fallback

    # ----- values -----------------------------------------------------------------------------
    def raw(self, node: Node | None) -> list[Raw]:
        # Values that contradict the resource's own Condition are never deployed.
        return self.evaluator.candidates(node, self.resource.condition)

    def field(
        self,
        node: Node | None,
        convert: Convert,
        site: Site,
        default: tuple[Any, str] | None = None,
    ) -> Field[Any]:
        """A field from ``node`` (None when the property is absent). ``default`` is the AWS
        default and its source, used when the template is silent."""
        if node is None:
            if default is None:
                return empty_field(site)
            return default_field(default[0], site, default[1])
        if isinstance(node, Scalar):
            # The common case, without the evaluator: a literal is its only value.
            return Field((typed(Raw(node.value, node.loc, node=node), convert),), True, site)
        values = tuple(typed(raw, convert) for raw in self.raw(node))
        literal = sub_literal(node)
        if literal is not None:
            values = tuple(
                replace(v, literal=literal) if isinstance(v, Unknown) and v.loc == node.loc else v
                for v in values
            )
        return Field(values, True, site)

    def prop(
        self, name: str, convert: Convert, default: tuple[Any, str] | None = None
    ) -> Field[Any]:
        return self.field(self.resource.properties.get(name), convert, self.site(name), default)

    def nested(
        self,
        parent: Node | None,
        key: str,
        convert: Convert,
        site: Site,
        default: tuple[Any, str] | None = None,
    ) -> Field[Any]:
        """``parent.key`` for every mapping ``parent`` can be; absent from all of them, the
        default. The candidates keep the parent's conditions."""
        if parent is None:
            return self.field(None, convert, site, default)
        values: list[Candidate[Any]] = []
        written = False
        for outer in self.raw(parent):
            if isinstance(outer.value, Mapping) and intrinsic(outer.value) is None:
                inner = outer.value.items.get(key)
                if inner is None:
                    continue
                written = True
                for raw in self.raw(inner):
                    merged = Raw(
                        raw.value,
                        raw.loc,
                        _merge(outer.conditions, raw.conditions),
                        outer.via + raw.via,
                        raw.node,
                    )
                    values.append(typed(merged, convert))
            elif outer.value is UNKNOWN:
                written = True
                values.append(_unknown(outer, "not known statically"))
        if not written:
            return self.field(None, convert, site, default)
        return Field(tuple(values), True, self.site_in(parent, key, site))

    def list_of(self, convert: Convert, site: Site) -> Convert:
        """A converter for a list value: a tuple of item fields (each item evaluated on its
        own, so ``!If`` items and ``AWS::NoValue`` items keep their conditions)."""

        def read(value: Any, raw: Raw) -> Candidate[Any]:
            if isinstance(value, Sequence):
                # Each item is located where it was written (a Globals item in Globals).
                items = tuple(
                    self.field(i, convert, Site(i.loc, self.template.path_of(i) or site.path))
                    for i in value.items
                )
                return _known(items, raw)
            if isinstance(value, list):
                return _known(tuple(_literal_item(v, raw, convert, site) for v in value), raw)
            return _unknown(raw, "not a list")

        return read

    def mapping_of(self, convert: Convert, site: Site) -> Convert:
        """A converter for a mapping value (environment variables): a tuple of entries."""

        def read(value: Any, raw: Raw) -> Candidate[Any]:
            if not isinstance(value, Mapping) or intrinsic(value) is not None:
                return _unknown(raw, "not a mapping")
            entries = tuple(
                Entry(
                    key,
                    value.key_loc(key),
                    self.template.path_of(item) or (*site.path, key),
                    self.field(item, convert, site),
                )
                for key, item in value.items.items()
            )
            return _known(entries, raw)

        return read


def _literal_item(value: Any, raw: Raw, convert: Convert, site: Site) -> Field[Any]:
    """An item of a list that was computed (a CommaDelimitedList parameter, Fn::Split)."""
    item = Raw(value, raw.loc, raw.conditions, raw.via, None)
    return Field((typed(item, convert),), True, site)


def _merge(outer: tuple[tuple[str, bool], ...], inner: tuple[tuple[str, bool], ...]) -> Any:
    return tuple(c for c in outer if c not in inner) + inner


def sub_literal(node: Node | None) -> str | None:
    """The text an ``Fn::Sub`` writes whatever its variables are (``${!X}`` writes ``${X}``), or
    None when ``node`` is not a Sub with a literal template string."""
    call = intrinsic(node) if node is not None else None
    if call is None or call[0] != "Fn::Sub":
        return None
    arg = call[1]
    text = arg.items[0] if isinstance(arg, Sequence) and arg.items else arg
    if not isinstance(text, Scalar) or not isinstance(text.value, str):
        return None
    return substitute(text.value, lambda _: "")


def scalar_text(node: Node | None) -> str | None:
    """A literal string as written (no evaluation): a SAM event Type, a resource type."""
    if isinstance(node, Scalar) and isinstance(node.value, str):
        return node.value
    return None


def path_of(template: Template, node: Node | None) -> Path:
    return template.path_of(node) if node is not None else ()
