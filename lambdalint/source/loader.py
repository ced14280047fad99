"""YAML/JSON text -> located nodes, with CloudFormation short-form tags turned into long form.

YAML is read as a stream of parse events from libyaml (ruamel.yaml.clib's ``CParser``) and turned
into nodes by one iterative loop with an explicit stack. Not composing a ruamel node tree first is
both faster (one pass, no intermediate objects) and safe: the Cython composer recurses once per
nesting level and crashes the process (SIGSEGV) somewhere past ~20,000 levels, which a 60 KB
file of ``[`` reaches. libyaml's parser keeps its own stack on the heap, and here every limit
(depth, values, alias expansions, string length) is checked as the events arrive, so a hostile
file stops at the first event past a limit. Without the C extension, ruamel.yaml's pure-Python
parser yields the same events, only slower.

Scalar types are resolved here by YAML 1.1 rules, which is how CloudFormation and cfn-flip read
templates (``yes`` is a boolean, ``010`` is octal 8). Text whose first character is ``{`` or
``[`` is read by the strict JSON reader (:mod:`lambdalint.source.json_loader`) first, because
libyaml reads JSON wrongly in places (``1e5`` as text, trailing commas accepted, surrogate pairs
kept split).

Anything wrong with the input becomes a :class:`Diagnostic`; nothing here raises for bad input.
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
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
        "Ref",
        "Condition",
        "And",
        "Base64",
        "Cidr",
        "Equals",
        "FindInMap",
        "GetAZs",
        "GetAtt",
        "If",
        "ImportValue",
        "Join",
        "Not",
        "Or",
        "Select",
        "Split",
        "Sub",
        "Transform",
        "Length",
        "ToJsonString",
        "ForEach",
        "GetParam",
    }
)

_YAML_TAG = "tag:yaml.org,2002:"
_MERGE_TAG = _YAML_TAG + "merge"

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
_MAYBE_TYPED = frozenset("0123456789+-.~yYnNtTfFoO=")

# Pending-key states of a mapping frame (a key is a str; these are the other states).
_NO_KEY = object()  # the next node is a key
_SKIP = object()  # the key was not a scalar: drop the value
_MERGE = object()  # the key was ``<<``: the value is merged in


@dataclass(slots=True)
class LoadResult:
    root: Node | None
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.root is not None


class _Stop(Exception):
    """Raised inside the build when an input limit is hit; carries the diagnostic."""

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
    if text == "=":
        # YAML 1.1's "value" key type (tag:yaml.org,2002:value): PyYAML, and so cfn-flip and the
        # SAM CLI, fail on it ("could not determine a constructor"); read it as the text.
        return text, "value"
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


def _key_text(value: ScalarValue) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def _surprising(text: str, kind: str) -> bool:
    """Plain scalars whose YAML 1.1 type differs from what a reader of the text expects."""
    if kind == "bool":
        return text.lower() in {"yes", "no", "on", "off"}
    if kind == "value":
        return True
    body = text.lstrip("+-")
    if ":" in body:
        return True  # sexagesimal: 1:30 is 90
    # octal: 0755 is 493
    return kind == "int" and len(body) > 1 and body[0] == "0" and body[1] not in "xb"


class _Frame:
    """An open mapping or sequence while its events arrive."""

    __slots__ = (
        "anchor",
        "count0",
        "height",
        "is_map",
        "items",
        "key",
        "key_loc",
        "key_locs",
        "merges",
        "start",
        "tag",
    )

    def __init__(
        self, is_map: bool, start: Any, tag: str | None, anchor: str | None, count0: int
    ) -> None:
        self.is_map = is_map
        self.start = start
        self.tag = tag  # an intrinsic short-form name (``If``), or None
        self.anchor = anchor
        self.count0 = count0
        self.height = 1
        self.items: Any = {} if is_map else []
        self.key_locs: dict[str, Location] = {}
        self.key: Any = _NO_KEY
        self.key_loc: Location | None = None
        self.merges: list[Mapping] | None = None


class _Builder:
    """Turns one stream of parse events into located nodes, enforcing the input limits."""

    def __init__(self, file: str, limits: InputLimits) -> None:
        self.file = file
        self.limits = limits
        self.diagnostics: list[Diagnostic] = []
        self.count = 0
        self.alias_expansions = 0
        self.stack: list[_Frame] = []
        # anchor -> (node, values it stands for, its height)
        self.anchors: dict[str, tuple[Node, int, int]] = {}
        self.root: Node | None = None
        self.documents = 0

    # -- locations, paths and diagnostics ---------------------------------------------------------

    def loc(self, start: Any, end: Any) -> Location:
        return Location(self.file, start.line + 1, start.column + 1, end.line + 1, end.column + 1)

    def path(self) -> tuple[str | int, ...]:
        """The path of the node being built: computed from the stack only when a diagnostic
        needs it, so building pays nothing per node for it."""
        out: list[str | int] = []
        for frame in self.stack:
            if frame.tag is not None:
                out.append(frame.tag if frame.tag in _UNPREFIXED_TAGS else f"Fn::{frame.tag}")
            if frame.is_map:
                if isinstance(frame.key, str):
                    out.append(frame.key)
            else:
                out.append(len(frame.items))
        return tuple(out)

    def warn(
        self,
        rule_id: str,
        severity: Severity,
        message: str,
        loc: Location,
        path: tuple[str | int, ...] | None = None,
    ) -> None:
        self.diagnostics.append(
            Diagnostic(rule_id, severity, message, loc, self.path() if path is None else path)
        )

    def stop(self, message: str, loc: Location) -> _Stop:
        return _Stop(
            Diagnostic(
                "LL007",
                Severity.ERROR,
                f"input limit: {message}",
                loc,
                self.path(),
                tool_error=True,
            )
        )

    # -- the event loop ---------------------------------------------------------------------------

    def run(self, events: Iterable[Any]) -> None:
        limits = self.limits
        max_nodes = limits.max_nodes
        max_depth = limits.max_depth
        stack = self.stack
        for event in events:
            kind = type(event).__name__
            if kind == "ScalarEvent":
                self.count += 1
                if self.count > max_nodes:
                    raise self._too_many(event)
                node = self.scalar(event)
                if event.anchor is not None:
                    self.anchors[event.anchor] = (node, 1, 0)
                tag = event.tag
                # ``<<`` plain (or tagged !!merge) is a YAML merge key; quoted it is a key.
                merge = (
                    (tag == _MERGE_TAG)
                    if tag is not None
                    else (event.value == "<<" and not event.style)
                )
                self.attach(node, 0, merge)
            elif kind == "MappingStartEvent" or kind == "SequenceStartEvent":
                self.count += 1
                if self.count > max_nodes:
                    raise self._too_many(event)
                if len(stack) >= max_depth:
                    raise self.stop(
                        f"nesting deeper than {max_depth} levels (max-depth)",
                        self.loc(event.start_mark, event.end_mark),
                    )
                stack.append(
                    _Frame(
                        kind == "MappingStartEvent",
                        event.start_mark,
                        self.intrinsic_tag(event),
                        event.anchor,
                        self.count,
                    )
                )
            elif kind == "MappingEndEvent" or kind == "SequenceEndEvent":
                self.close(event)
            elif kind == "AliasEvent":
                self.alias(event)
            elif kind == "DocumentStartEvent":
                self.documents += 1
                if self.documents > 1:
                    # A template is one document; CloudFormation rejects a stream of several.
                    raise _Stop(
                        Diagnostic(
                            "LL002",
                            Severity.ERROR,
                            "not valid YAML/JSON: expected a single document, found another one",
                            self.loc(event.start_mark, event.end_mark),
                            tool_error=True,
                        )
                    )

    def _too_many(self, event: Any) -> _Stop:
        if self.alias_expansions:
            what = "values after expanding YAML aliases (an alias bomb?)"
        else:
            what = "values"
        return self.stop(
            f"more than {self.limits.max_nodes:,} {what}; raise max-nodes if the "
            "template is genuine",
            self.loc(event.start_mark, event.end_mark),
        )

    def intrinsic_tag(self, event: Any) -> str | None:
        tag = event.tag
        if tag is None or not tag.startswith("!") or tag.startswith("!!") or tag == "!":
            if tag is not None and tag not in ("!", _YAML_TAG + "map", _YAML_TAG + "seq"):
                self.warn(
                    "LL005",
                    Severity.ERROR,
                    f"unsupported YAML tag {tag!r} on a collection",
                    self.loc(event.start_mark, event.end_mark),
                )
            return None
        name: str = tag[1:]
        if name not in KNOWN_SHORT_TAGS:
            self.warn(
                "LL005",
                Severity.ERROR,
                f"unknown intrinsic function tag !{name}",
                self.loc(event.start_mark, event.end_mark),
            )
        return name

    def scalar(self, event: Any) -> Node:
        text: str = event.value
        loc = self.loc(event.start_mark, event.end_mark)
        if len(text) > self.limits.max_string_length:
            raise self.stop(
                f"a string of {len(text):,} characters (limit "
                f"{self.limits.max_string_length:,}, max-string-length)",
                loc,
            )
        tag = event.tag
        if tag is not None:
            if tag == "!" or tag == _MERGE_TAG:
                return Scalar(text, loc)  # the non-specific tag: a string, whatever it looks like
            if tag.startswith("!") and not tag.startswith("!!"):
                return self.scalar_intrinsic(tag[1:], text, loc)
            return self.explicit(text, tag, loc)
        if event.style:  # quoted or block scalars are always strings
            return Scalar(text, loc)
        value, kind = _resolve_plain(text)
        if kind is None:
            return Scalar(value, loc)
        if kind != "null" and kind != "timestamp" and _surprising(text, kind):
            if kind == "value":
                what = "the YAML 1.1 value key (PyYAML, cfn-flip and the SAM CLI fail on it)"
            else:
                what = f"{kind} {value!r} under YAML 1.1 rules (PyYAML, cfn-flip, the SAM CLI)"
            self.warn(
                "LL008",
                Severity.WARNING,
                f"unquoted {text!r} is read as {what}; quote it if you meant the text",
                loc,
            )
        if kind == "value":
            return Scalar(text, loc)
        return Scalar(value, loc, raw=text)

    def scalar_intrinsic(self, name: str, text: str, loc: Location) -> Node:
        if name not in KNOWN_SHORT_TAGS:
            self.warn("LL005", Severity.ERROR, f"unknown intrinsic function tag !{name}", loc)
        key = name if name in _UNPREFIXED_TAGS else f"Fn::{name}"
        arg: Node
        if name == "GetAtt":
            # !GetAtt Res.Attr.Sub -> [Res, Attr.Sub]: only the first dot separates.
            res, _, attr = text.partition(".")
            arg = Sequence([Scalar(res, loc), Scalar(attr, loc)], loc)
        else:
            # Short-form scalar arguments are strings, whatever they look like.
            arg = Scalar(text, loc)
        return Mapping({key: arg}, loc, {key: loc})

    def explicit(self, text: str, tag: str, loc: Location) -> Scalar:
        kind = tag[len(_YAML_TAG) :] if tag.startswith(_YAML_TAG) else tag
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
        self.warn("LL005", Severity.ERROR, f"unsupported YAML tag {tag!r} on {text!r}", loc)
        return Scalar(text, loc)

    def alias(self, event: Any) -> None:
        loc = self.loc(event.start_mark, event.end_mark)
        found = self.anchors.get(event.anchor)
        if found is None:  # libyaml reports undefined aliases itself; the pure parser may not
            raise _Stop(
                Diagnostic(
                    "LL002",
                    Severity.ERROR,
                    f"not valid YAML: found undefined alias *{event.anchor}",
                    loc,
                    self.path(),
                    tool_error=True,
                )
            )
        node, size, height = found
        self.alias_expansions += 1
        if self.alias_expansions > self.limits.max_alias_expansions:
            raise self.stop(
                f"more than {self.limits.max_alias_expansions:,} YAML alias "
                "expansions (an alias bomb?; max-alias-expansions)",
                loc,
            )
        # The alias shares the anchored node (no copy), but counts as every value it stands for,
        # so walking the tree stays bounded by max-nodes and max-depth.
        self.count += size
        if self.count > self.limits.max_nodes:
            raise self.stop(
                f"more than {self.limits.max_nodes:,} values after expanding YAML "
                "aliases (an alias bomb?); raise max-nodes if the template is "
                "genuine",
                loc,
            )
        if len(self.stack) + height > self.limits.max_depth:
            raise self.stop(
                f"nesting deeper than {self.limits.max_depth} levels through alias "
                f"*{event.anchor} (max-depth)",
                loc,
            )
        self.attach(node, height)

    def close(self, event: Any) -> None:
        frame = self.stack.pop()
        loc = self.loc(frame.start, event.end_mark)
        node: Node
        if frame.is_map:
            items: dict[str, Node] = frame.items
            key_locs = frame.key_locs
            if frame.merges:
                items, key_locs = _merged(frame.merges, items, key_locs)
            node = Mapping(items, loc, key_locs)
        else:
            node = Sequence(frame.items, loc)
        if frame.tag is not None:
            key = frame.tag if frame.tag in _UNPREFIXED_TAGS else f"Fn::{frame.tag}"
            node = Mapping({key: node}, loc, {key: loc})
        if frame.anchor is not None:
            self.anchors[frame.anchor] = (node, self.count - frame.count0 + 1, frame.height)
        self.attach(node, frame.height)

    def attach(self, node: Node, height: int, merge: bool = False) -> None:
        """Put a finished node where it belongs: a key, a value, an item or the root."""
        if not self.stack:
            self.root = node
            return
        frame = self.stack[-1]
        if height >= frame.height:
            frame.height = height + 1
        if not frame.is_map:
            frame.items.append(node)
            return
        key = frame.key
        if key is _NO_KEY:
            if isinstance(node, Scalar):
                if merge:
                    frame.key = _MERGE
                else:
                    frame.key = _key_text(node.value)
                    frame.key_loc = node.loc
            else:
                # Valid YAML, but no template key is a list or a mapping.
                kind = "mapping" if isinstance(node, Mapping) else "list"
                self.warn(
                    "LL006",
                    Severity.ERROR,
                    f"a mapping key must be a string, not a {kind}",
                    node.loc,
                )
                frame.key = _SKIP
            return
        frame.key = _NO_KEY
        if key is _SKIP:
            return
        if key is _MERGE:
            self.merge(frame, node)
            return
        items = frame.items
        if key in items:
            first = frame.key_locs[key]
            frame.key = key  # so the diagnostic's path names the key
            self.warn(
                "LL004",
                Severity.ERROR,
                f"duplicate key {key!r} (first at line {first.line}); only one of the "
                "values takes effect, and which one depends on the parser",
                frame.key_loc or node.loc,
            )
            frame.key = _NO_KEY
        items[key] = node
        frame.key_locs[key] = frame.key_loc or node.loc

    def merge(self, frame: _Frame, source: Node) -> None:
        """``<<: *base`` or ``<<: [*a, *b]``: keys merged in, the mapping's own keys winning."""
        sources = source.items if isinstance(source, Sequence) else [source]
        for src in sources:
            if isinstance(src, Mapping):
                self.alias_expansions += len(src.items)
                if self.alias_expansions > self.limits.max_alias_expansions:
                    raise self.stop(
                        f"more than {self.limits.max_alias_expansions:,} YAML alias "
                        "expansions through merge keys (max-alias-expansions)",
                        src.loc,
                    )
                if frame.merges is None:
                    frame.merges = []
                frame.merges.append(src)
            else:
                self.warn("LL002", Severity.ERROR, "a merge key (<<) needs a mapping", src.loc)


def _merged(
    merges: list[Mapping], own: dict[str, Node], own_locs: dict[str, Location]
) -> tuple[dict[str, Node], dict[str, Location]]:
    """YAML merge: earlier merged mappings win over later ones, the mapping's own keys over all."""
    items: dict[str, Node] = {}
    key_locs: dict[str, Location] = {}
    for src in merges:
        for k, v in src.items.items():
            if k not in own and k not in items:
                items[k] = v
                key_locs[k] = src.key_locs.get(k, src.loc)
    items.update(own)
    key_locs.update(own_locs)
    return items, key_locs


def _c_events(text: str) -> Iterator[Any]:
    parser = _CParser(text)
    get = parser.get_event
    while True:
        event = get()
        if event is None or type(event).__name__ == "StreamEndEvent":
            return
        yield event


# YAML 1.1 counts NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR as line breaks; editors, git and
# the code frame count only "\n" (the reader has already turned CR and CRLF into "\n").
_ODD_BREAKS = re.compile("[\x85\u2028\u2029]")


class _Lines:
    """Line and column of a character offset, counting only "\n" as a line break."""

    def __init__(self, text: str) -> None:
        self.starts = [0, *(m.end() for m in re.finditer("\n", text))]

    def point(self, index: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, index)
        return line, index - self.starts[line - 1] + 1


class _OddBreakBuilder(_Builder):
    """Locations from the marks' character offsets, for text where the parser's own line count
    would drift from the editor's."""

    def __init__(self, file: str, limits: InputLimits, lines: _Lines) -> None:
        super().__init__(file, limits)
        self.lines = lines

    def loc(self, start: Any, end: Any) -> Location:
        line, col = self.lines.point(start.index)
        end_line, end_col = self.lines.point(end.index)
        return Location(self.file, line, col, end_line, end_col)


class _UnterminatedBuilder(_OddBreakBuilder):
    """For text without a final newline: libyaml moves the end of the stream to a line of its
    own, one past the file's last line, so a value there (``a:`` at the very end) would point
    nowhere. Only the marks on the last line take the slower offset mapping."""

    def __init__(self, file: str, limits: InputLimits, lines: _Lines) -> None:
        super().__init__(file, limits, lines)
        self.last_line = len(lines.starts) - 1  # 0-based, as the marks count

    def loc(self, start: Any, end: Any) -> Location:
        if end.line < self.last_line:
            return _Builder.loc(self, start, end)
        return super().loc(start, end)


def _lines_for(text: str) -> tuple[_Lines | None, type[_Builder]]:
    """How marks become locations: the parser's own line/column unless they would be wrong."""
    if _ODD_BREAKS.search(text):
        return _Lines(text), _OddBreakBuilder
    if text and not text.endswith("\n"):
        return _Lines(text), _UnterminatedBuilder
    return None, _Builder


def _pure_events(text: str) -> Iterator[Any]:
    from ruamel.yaml import YAML

    yield from YAML(typ="base", pure=True).parse(text)


def _syntax_diagnostic(
    file: str, exc: Exception, lines: _Lines | None = None, text: str | None = None
) -> Diagnostic:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = mark.line + 1 if mark is not None else 1
    col = mark.column + 1 if mark is not None else 1
    index = getattr(mark, "index", None)
    if lines is not None and isinstance(index, int):
        line, col = lines.point(index)
    if text is not None and mark is not None and _tab_indents(text, line, col):
        # libyaml's message for it ("found character that cannot start any token") is confusing.
        return Diagnostic(
            "LL002",
            Severity.ERROR,
            "not valid YAML: a tab character indents this line; YAML indents with spaces",
            Location.point(file, line, col),
            tool_error=True,
        )
    problem = getattr(exc, "problem", None) or (str(exc).splitlines() or ["syntax error"])[0]
    context = getattr(exc, "context", None)
    what = f"{context}: {problem}" if context else str(problem)
    return Diagnostic(
        "LL002",
        Severity.ERROR,
        f"not valid YAML/JSON: {what}",
        Location.point(file, line, col),
        tool_error=True,
    )


def _tab_indents(text: str, line: int, col: int) -> bool:
    """Whether the parser stopped at a tab in a line's indentation (only spaces and tabs before
    it). YAML forbids tabs only there: a tab inside a block scalar's content, a quoted or plain
    scalar, or flow context is valid, and the parser reads it without stopping."""
    if "\t" not in text:
        return False
    start = 0
    for _ in range(line - 1):
        start = text.find("\n", start) + 1
        if start == 0:
            return False
    head = text[start : start + col]
    return head.endswith("\t") and not head.strip(" \t")


def _build(
    events: Iterable[Any],
    file: str,
    limits: InputLimits,
    lines: _Lines | None = None,
    kind: type[_Builder] = _Builder,
) -> LoadResult:
    builder = (
        kind(file, limits, lines)  # type: ignore[call-arg]
        if lines is not None and kind is not _Builder
        else _Builder(file, limits)
    )
    try:
        builder.run(events)
    except _Stop as stop:
        return LoadResult(None, [*builder.diagnostics, stop.diagnostic])
    if builder.root is None:
        return LoadResult(
            None, [Diagnostic("LL003", Severity.INFO, "empty file", Location.point(file))]
        )
    return LoadResult(builder.root, builder.diagnostics)


# The pure-Python parser reads ~1 MB/s; past CloudFormation's own 1 MB template limit it is not
# worth its time, so a libyaml error on a bigger file is final (bounded time on hostile input).
PURE_FALLBACK_MAX_CHARS = 1024 * 1024


def load_yaml(text: str, file: str, limits: InputLimits) -> LoadResult:
    """YAML text -> nodes. libyaml first; on a syntax error, the pure-Python parser decides.

    ruamel.yaml.clib bundles libyaml 0.1.7, which rejects a ``:`` inside a plain scalar in flow
    context (``[!Ref AWS::Region, x]``); libyaml 0.2 and CloudFormation accept it. The pure
    parser reads those files correctly, so only they pay for the slower path.
    """
    lines, kind = _lines_for(text)
    if _CParser is not None:
        try:
            return _build(_c_events(text), file, limits, lines, kind)
        except Exception as exc:  # the C parser's own error types: the pure parser decides
            if len(text) > PURE_FALLBACK_MAX_CHARS:
                diag = _syntax_diagnostic(file, exc, lines, text)
                return LoadResult(
                    None,
                    [
                        replace(
                            diag,
                            message=(
                                f"{diag.message} (a file over {PURE_FALLBACK_MAX_CHARS:,} "
                                "characters is read by libyaml alone; CloudFormation accepts at "
                                "most 1 MB)"
                            ),
                        )
                    ],
                )
    try:
        return _build(_pure_events(text), file, limits, lines, kind)
    except RecursionError:  # pragma: no cover - the event parsers do not recurse per level
        return LoadResult(
            None,
            [
                Diagnostic(
                    "LL007",
                    Severity.ERROR,
                    "input limit: nesting too deep to parse",
                    Location.point(file),
                    tool_error=True,
                )
            ],
        )
    except Exception as exc:  # the YAML library's own error types
        return LoadResult(None, [_syntax_diagnostic(file, exc, lines, text)])


def looks_like_json(text: str) -> bool:
    head = text.lstrip(" \t\r\n\ufeff")[:1]
    return head in ("{", "[")


def load_text(text: str, file: str, limits: InputLimits | None = None) -> LoadResult:
    """Parse template text; never raises for bad input."""
    result = _load_text(text, file, limits or InputLimits())
    if result.diagnostics:
        last = text.count("\n") + (0 if text.endswith("\n") else 1)
        if any(d.loc.end_line > last for d in result.diagnostics):
            result.diagnostics[:] = [_within(d, text, last) for d in result.diagnostics]
    return result


def _within(diagnostic: Diagnostic, text: str, last: int) -> Diagnostic:
    """A diagnostic at the end of the stream (an unclosed ``[`` or quote at the end of the file)
    points just after the last character written, not at a line past the end of the file, where
    the code frame would be empty."""
    loc = diagnostic.loc
    if loc.line > last:
        body = text.rstrip()
        line = body.count("\n") + 1
        col = len(body) - (body.rfind("\n") + 1) + 1
        return replace(diagnostic, loc=Location.point(loc.file, line, col))
    if loc.end_line > last:
        return replace(diagnostic, loc=Location(loc.file, loc.line, loc.col, loc.line, loc.col))
    return diagnostic


def _load_text(text: str, file: str, limits: InputLimits) -> LoadResult:
    if looks_like_json(text):
        from lambdalint.source.json_loader import JsonSyntaxError, load_json

        try:
            return load_json(text, file, limits)
        except JsonSyntaxError as exc:
            if exc.diagnostic.rule_id != "LL002" or file.lower().endswith(".json"):
                return LoadResult(None, [exc.diagnostic])
            # A .yaml file may hold a YAML flow mapping ({a: 1}); YAML decides. When YAML fails
            # too, a .yaml file gets the YAML error, any other (.template) the JSON one.
            result = load_yaml(text, file, limits)
            if (
                result.root is None
                and not file.lower().endswith((".yaml", ".yml"))
                and any(d.rule_id == "LL002" for d in result.diagnostics)
            ):
                return LoadResult(None, [exc.diagnostic])
            return result
    return load_yaml(text, file, limits)
