"""YAML/JSON text -> located nodes, with CloudFormation short-form tags turned into long form.

The fast path composes with libyaml (ruamel.yaml.clib's ``CParser``) and walks the composed node
tree once; scalar types are resolved here by YAML 1.1 rules, which is how CloudFormation and
cfn-flip read templates (``yes`` is a boolean, ``010`` is octal 8). Without the C extension,
ruamel.yaml's pure-Python composer produces the same node tree, only slower.

Anything wrong with the input becomes a :class:`Diagnostic`; nothing here raises for bad input.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

from lambdalint.severity import Severity
from lambdalint.source.diagnostics import Diagnostic
from lambdalint.source.limits import InputLimits
from lambdalint.source.location import Location
from lambdalint.source.nodes import Mapping, Node, Scalar, ScalarValue, Sequence

try:  # libyaml through ruamel.yaml.clib: the fast path
    from _ruamel_yaml import CParser as _CParser

    FAST_PARSER = True
except ImportError:  # pragma: no cover - exercised only where the C extension is missing
    _CParser = None
    FAST_PARSER = False

# Short-form tags whose long form is not ``Fn::<Tag>``.
_UNPREFIXED_TAGS = {"Ref", "Condition"}
# Every short form CloudFormation documents (https://docs.aws.amazon.com/AWSCloudFormation/latest/
# TemplateReference/intrinsic-function-reference.html), plus GetParam of CodePipeline templates.
KNOWN_SHORT_TAGS = frozenset(
    {
        "Ref", "Condition", "And", "Base64", "Cidr", "Equals", "FindInMap", "GetAZs", "GetAtt",
        "If", "ImportValue", "Join", "Not", "Or", "Select", "Split", "Sub", "Transform",
        "Length", "ToJsonString", "ForEach", "GetParam",
    }
)

_YAML_TAG = "tag:yaml.org,2002:"

# YAML 1.1 implicit types, as PyYAML's resolver (and hence cfn-flip and the SAM CLI) applies them.
_BOOL_TRUE = {"yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON", "y", "Y"}
_BOOL_FALSE = {"no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF", "n", "N"}
# PyYAML leaves single-letter y/n as strings; keep to that so both agree.
_BOOL_TRUE -= {"y", "Y"}
_BOOL_FALSE -= {"n", "N"}
_NULL = {"", "~", "null", "Null", "NULL"}
_INT_RE = re.compile(
    r"""^(?:[-+]?0b[0-1_]+
    |[-+]?0[0-7_]+
    |[-+]?(?:0|[1-9][0-9_]*)
    |[-+]?0x[0-9a-fA-F_]+
    |[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$""",
    re.X,
)
_FLOAT_RE = re.compile(
    r"""^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?
    |\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?
    |[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*
    |[-+]?\.(?:inf|Inf|INF)
    |\.(?:nan|NaN|NAN))$""",
    re.X,
)
_TIMESTAMP_RE = re.compile(
    r"""^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}
    |[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?
    (?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)$""",
    re.X,
)
# First characters that can start a non-string plain scalar; everything else is a string fast.
_MAYBE_TYPED = frozenset("0123456789+-.~yYnNtTfFoO")


@dataclass(slots=True)
class LoadResult:
    root: Node | None
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.root is not None


class _Stop(Exception):
    """Raised inside the walk when an input limit is hit; carries the diagnostic."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


def _resolve_plain(text: str) -> tuple[ScalarValue, str | None]:
    """YAML 1.1 implicit resolution of a plain scalar: (value, kind) where kind names the type."""
    if not text or text[0] not in _MAYBE_TYPED:
        return (None, "null") if text == "" else (text, None)
    if text in _NULL:
        return None, "null"
    if text in _BOOL_TRUE:
        return True, "bool"
    if text in _BOOL_FALSE:
        return False, "bool"
    if _INT_RE.match(text):
        return _to_int(text), "int"
    if _FLOAT_RE.match(text):
        return _to_float(text), "float"
    if _TIMESTAMP_RE.match(text):
        # CloudFormation reads dates (AWSTemplateFormatVersion: 2010-09-09) as the text written.
        return text, "timestamp"
    return text, None


def _sexagesimal(text: str, conv: Any) -> Any:
    sign = -1 if text.startswith("-") else 1
    digits = [conv(part) for part in text.lstrip("+-").split(":")]
    value = 0
    for d in digits:
        value = value * 60 + d
    return sign * value


def _to_int(text: str) -> int:
    t = text.replace("_", "")
    sign = -1 if t.startswith("-") else 1
    body = t.lstrip("+-")
    if ":" in body:
        return int(_sexagesimal(t, int))
    if body.startswith("0b"):
        return sign * int(body[2:], 2)
    if body.startswith("0x"):
        return sign * int(body[2:], 16)
    if body != "0" and body.startswith("0"):
        return sign * int(body, 8)
    return sign * int(body)


def _to_float(text: str) -> float:
    t = text.replace("_", "").lower()
    if t.endswith(".inf"):
        return -math.inf if t.startswith("-") else math.inf
    if t.endswith(".nan"):
        return math.nan
    if ":" in t:
        return float(_sexagesimal(t, float))
    return float(t)


def _tag_text(node: Any) -> str | None:
    tag = node.tag
    tag = getattr(tag, "value", tag)
    if tag is None or tag == "None" or tag == "!":
        return None
    return str(tag)


class _Builder:
    """Turns one composed ruamel node tree into located nodes, enforcing the input limits."""

    def __init__(self, file: str, limits: InputLimits) -> None:
        self.file = file
        self.limits = limits
        self.diagnostics: list[Diagnostic] = []
        self.count = 0
        self.alias_expansions = 0
        self.seen: set[int] = set()

    def loc(self, node: Any) -> Location:
        s, e = node.start_mark, node.end_mark
        return Location(self.file, s.line + 1, s.column + 1, e.line + 1, e.column + 1)

    def warn(self, rule_id: str, severity: Severity, message: str, loc: Location,
             path: tuple[str | int, ...]) -> None:
        self.diagnostics.append(Diagnostic(rule_id, severity, message, loc, path))

    def build(self, node: Any, path: tuple[str | int, ...], depth: int) -> Node:
        self.count += 1
        if self.count > self.limits.max_nodes:
            raise _Stop(Diagnostic(
                "LL007", Severity.ERROR,
                f"input limit: more than {self.limits.max_nodes:,} values after expanding YAML "
                "aliases (an alias bomb?); raise max-nodes if the template is genuine",
                self.loc(node), path, tool_error=True))
        if depth > self.limits.max_depth:
            raise _Stop(Diagnostic(
                "LL007", Severity.ERROR,
                f"input limit: nesting deeper than {self.limits.max_depth} levels",
                self.loc(node), path, tool_error=True))
        key = id(node)
        if key in self.seen:
            # A node reached twice is an alias; bound how much aliases may copy.
            self.alias_expansions += 1
            if self.alias_expansions > self.limits.max_alias_expansions:
                raise _Stop(Diagnostic(
                    "LL007", Severity.ERROR,
                    f"input limit: more than {self.limits.max_alias_expansions:,} YAML alias "
                    "expansions (an alias bomb?)",
                    self.loc(node), path, tool_error=True))
        elif not isinstance(node.value, str):
            self.seen.add(key)

        tag = _tag_text(node)
        if tag is not None and tag.startswith("!") and not tag.startswith("!!"):
            return self.build_intrinsic(node, tag[1:], path, depth)
        if isinstance(node.value, str):
            return self.build_scalar(node, tag, path)
        if isinstance(node.value, list) and node.value and isinstance(node.value[0], tuple):
            return self.build_mapping(node, path, depth)
        if node.id == "mapping":
            return self.build_mapping(node, path, depth)
        items = [self.build(child, path + (i,), depth + 1) for i, child in enumerate(node.value)]
        return Sequence(items, self.loc(node))

    def build_scalar(self, node: Any, tag: str | None, path: tuple[str | int, ...]) -> Scalar:
        text: str = node.value
        loc = self.loc(node)
        if len(text) > self.limits.max_string_length:
            raise _Stop(Diagnostic(
                "LL007", Severity.ERROR,
                f"input limit: a string of {len(text):,} characters (limit "
                f"{self.limits.max_string_length:,})", loc, path, tool_error=True))
        if tag is not None:
            return self.build_explicit(text, tag, loc, path)
        if node.style:  # quoted or block scalars are always strings
            return Scalar(text, loc)
        value, kind = _resolve_plain(text)
        if kind in ("bool", "int", "float") and _surprising(text, kind):
            self.warn(
                "LL008", Severity.WARNING,
                f"unquoted {text!r} is read as {kind} {value!r} under YAML 1.1 rules (PyYAML, "
                "cfn-flip, the SAM CLI); quote it if you meant the text",
                loc, path)
        return Scalar(value, loc, raw=text if kind is not None else None)

    def build_explicit(self, text: str, tag: str, loc: Location,
                       path: tuple[str | int, ...]) -> Scalar:
        kind = tag[len(_YAML_TAG):] if tag.startswith(_YAML_TAG) else tag
        try:
            if kind == "str":
                return Scalar(text, loc)
            if kind == "int":
                return Scalar(_to_int(text), loc, raw=text)
            if kind == "float":
                return Scalar(_to_float(text), loc, raw=text)
            if kind == "bool":
                return Scalar(text in _BOOL_TRUE, loc, raw=text)
            if kind == "null":
                return Scalar(None, loc, raw=text)
        except ValueError:
            pass
        self.warn("LL005", Severity.ERROR, f"unsupported YAML tag {tag!r} on {text!r}", loc, path)
        return Scalar(text, loc)

    def build_mapping(self, node: Any, path: tuple[str | int, ...], depth: int) -> Mapping:
        items: dict[str, Node] = {}
        key_locs: dict[str, Location] = {}
        for key_node, value_node in self.merged_pairs(node, path):
            if not isinstance(key_node.value, str):
                self.warn("LL002", Severity.ERROR, "a mapping key must be a scalar",
                          self.loc(key_node), path)
                continue
            key_scalar = self.build_scalar(key_node, _tag_text(key_node), path)
            key = _key_text(key_scalar.value)
            kloc = key_scalar.loc
            if key in items:
                first = key_locs[key]
                self.warn(
                    "LL004", Severity.ERROR,
                    f"duplicate key {key!r} (first at line {first.line}); CloudFormation "
                    "keeps only one of them",
                    kloc, path + (key,))
            items[key] = self.build(value_node, path + (key,), depth + 1)
            key_locs[key] = kloc
        return Mapping(items, self.loc(node), key_locs)

    def merged_pairs(self, node: Any, path: tuple[str | int, ...]) -> list[tuple[Any, Any]]:
        """Mapping pairs with YAML merge keys (``<<: *base``) applied, explicit keys winning."""
        pairs = list(node.value)
        if not any(_tag_text(k) == _YAML_TAG + "merge" or
                   (k.value == "<<" and not k.style) for k, _ in pairs):
            return pairs
        merged: list[tuple[Any, Any]] = []
        own: list[tuple[Any, Any]] = []
        for k, v in pairs:
            if k.value == "<<" and not k.style:
                sources = v.value if isinstance(v.value, list) and v.value and not isinstance(
                    v.value[0], tuple) else [v]
                for src in sources:
                    if isinstance(src.value, list) and (not src.value or isinstance(src.value[0], tuple)):
                        self.alias_expansions += len(src.value)
                        merged.extend(src.value)
                    else:
                        self.warn("LL002", Severity.ERROR, "a merge key (<<) needs a mapping",
                                  self.loc(src), path)
            else:
                own.append((k, v))
        own_keys = {k.value for k, _ in own}
        seen: set[str] = set()
        result = []
        for k, v in merged:
            if k.value not in own_keys and k.value not in seen:
                seen.add(k.value)
                result.append((k, v))
        return result + own

    def build_intrinsic(self, node: Any, name: str, path: tuple[str | int, ...],
                        depth: int) -> Node:
        loc = self.loc(node)
        if name not in KNOWN_SHORT_TAGS:
            self.warn("LL005", Severity.ERROR,
                      f"unknown intrinsic function tag !{name}", loc, path)
        key = name if name in _UNPREFIXED_TAGS else f"Fn::{name}"
        child_path = path + (key,)
        arg: Node
        if isinstance(node.value, str):
            if name == "GetAtt":
                # !GetAtt Res.Attr.Sub -> [Res, Attr.Sub]: only the first dot separates.
                res, _, attr = node.value.partition(".")
                arg = Sequence([Scalar(res, loc), Scalar(attr, loc)], loc)
            else:
                # Short-form scalar arguments are strings, whatever they look like.
                arg = Scalar(node.value, loc)
        elif node.id == "mapping" or (node.value and isinstance(node.value[0], tuple)):
            arg = self.build_mapping(node, child_path, depth + 1)
        else:
            arg = Sequence([self.build(c, child_path + (i,), depth + 1)
                            for i, c in enumerate(node.value)], loc)
        return Mapping({key: arg}, loc, {key: loc})


def _key_text(value: ScalarValue) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def _surprising(text: str, kind: str) -> bool:
    """Plain scalars whose YAML 1.1 type differs from what a reader of the text expects."""
    if kind == "bool":
        return text.lower() in {"yes", "no", "on", "off"}
    body = text.lstrip("+-")
    if ":" in body:
        return True  # sexagesimal: 1:30 is 90
    if kind == "int" and len(body) > 1 and body[0] == "0" and body[1] not in "xb":
        return True  # octal: 0755 is 493
    return False


def _compose_pure(text: str) -> Any:
    from ruamel.yaml import YAML
    from ruamel.yaml.resolver import VersionedResolver

    class _NoResolver(VersionedResolver):  # type: ignore[misc]
        # Leave implicit scalars untagged: types are resolved by YAML 1.1 rules in _Builder.
        def resolve(self, kind: Any, value: Any, implicit: Any) -> None:
            return None

    yaml = YAML(typ="base", pure=True)
    yaml.Resolver = _NoResolver
    return yaml.compose(text)


def _compose(text: str) -> Any:
    """Compose with libyaml; on a syntax error, ask the pure-Python composer before reporting.

    ruamel.yaml.clib bundles libyaml 0.1.7, which rejects a ``:`` inside a plain scalar in flow
    context (``[!Ref AWS::Region, x]``); libyaml 0.2 and CloudFormation accept it. The pure
    composer reads those files correctly, so only they pay for the slower path.
    """
    if _CParser is None:  # pragma: no cover
        return _compose_pure(text)

    class _Parser(_CParser):  # type: ignore[misc, valid-type]
        # The C parser asks a resolver for implicit tags; types are resolved in _Builder.
        def resolve(self, kind: Any, value: Any, implicit: Any) -> None:
            return None

        def descend_resolver(self, *args: Any) -> None:
            return None

        def ascend_resolver(self, *args: Any) -> None:
            return None

    try:
        return _Parser(text).get_single_node()
    except RecursionError:
        raise
    except Exception:
        return _compose_pure(text)


def _syntax_diagnostic(file: str, exc: Exception) -> Diagnostic:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = mark.line + 1 if mark is not None else 1
    col = mark.column + 1 if mark is not None else 1
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    context = getattr(exc, "context", None)
    what = f"{context}: {problem}" if context else str(problem)
    return Diagnostic("LL002", Severity.ERROR, f"not valid YAML/JSON: {what}",
                      Location.point(file, line, col), tool_error=True)


def load_text(text: str, file: str, limits: InputLimits | None = None) -> LoadResult:
    """Parse template text; never raises for bad input."""
    limits = limits or InputLimits()
    if "\t" in text and text.lstrip()[:1] not in ("{", "["):
        # libyaml rejects tabs in indentation with a confusing message; say it plainly.
        for n, line in enumerate(text.splitlines(), 1):
            stripped = line.lstrip(" ")
            if stripped.startswith("\t"):
                return LoadResult(None, [Diagnostic(
                    "LL002", Severity.ERROR,
                    "not valid YAML: a tab character indents this line; YAML indents with spaces",
                    Location.point(file, n, len(line) - len(stripped) + 1), tool_error=True)])
    try:
        composed = _compose(text)
    except RecursionError:
        return LoadResult(None, [Diagnostic(
            "LL007", Severity.ERROR, "input limit: nesting too deep to parse",
            Location.point(file), tool_error=True)])
    except Exception as exc:  # the YAML library's own error types differ between C and Python
        return LoadResult(None, [_syntax_diagnostic(file, exc)])
    if composed is None:
        return LoadResult(None, [Diagnostic("LL003", Severity.INFO, "empty file",
                                            Location.point(file))])
    builder = _Builder(file, limits)
    try:
        root = builder.build(composed, (), 0)
    except _Stop as stop:
        return LoadResult(None, builder.diagnostics + [stop.diagnostic])
    except RecursionError:
        return LoadResult(None, builder.diagnostics + [Diagnostic(
            "LL007", Severity.ERROR, "input limit: nesting too deep to read",
            Location.point(file), tool_error=True)])
    return LoadResult(root, builder.diagnostics)
