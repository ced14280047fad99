"""Parse events -> located nodes, with CloudFormation short-form tags turned into long form.

One iterative loop with an explicit stack turns the parser's events into nodes. Not composing a
ruamel node tree first is both faster (one pass, no intermediate objects) and safe: the Cython
composer recurses once per nesting level and crashes the process (SIGSEGV) somewhere past ~20,000
levels, which a 60 KB file of ``[`` reaches. Every limit (depth, values, alias expansions, string
length) is checked as the events arrive, so a hostile file stops at the first event past a limit.
Plain scalars are typed by :mod:`lambdalint.source.yaml_values` (YAML 1.1).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from lambdalint.source.diagnostics import Diagnostic
from lambdalint.source.limits import InputLimits
from lambdalint.source.location import Location
from lambdalint.source.nodes import (
    KNOWN_SHORT_TAGS,
    UNPREFIXED_TAGS,
    Mapping,
    Node,
    Scalar,
    Sequence,
)
from lambdalint.source.problems import Problem
from lambdalint.source.yaml_frames import (
    MERGE,
    MERGE_TAG,
    NO_KEY,
    SKIP,
    YAML_TAG,
    Frame,
    Stop,
    merged,
)
from lambdalint.source.yaml_values import (
    BOOL_TRUE,
    key_text,
    resolve_plain,
    surprising,
    to_float,
    to_int,
)


class Builder:
    """Turns one stream of parse events into located nodes, enforcing the input limits."""

    def __init__(self, file: str, limits: InputLimits) -> None:
        self.file = file
        self.limits = limits
        self.diagnostics: list[Diagnostic] = []
        self.count = 0
        self.alias_expansions = 0
        self.stack: list[Frame] = []
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
                out.append(frame.tag if frame.tag in UNPREFIXED_TAGS else f"Fn::{frame.tag}")
            if frame.is_map:
                if isinstance(frame.key, str):
                    out.append(frame.key)
            else:
                out.append(len(frame.items))
        return tuple(out)

    def warn(
        self,
        problem: Problem,
        message: str,
        loc: Location,
        path: tuple[str | int, ...] | None = None,
    ) -> None:
        self.diagnostics.append(
            Diagnostic(problem, message, loc, self.path() if path is None else path)
        )

    def stop(self, message: str, loc: Location) -> Stop:
        return Stop(Diagnostic(Problem.INPUT_LIMIT, f"input limit: {message}", loc, self.path()))

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
                    (tag == MERGE_TAG)
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
                    Frame(
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
                    raise Stop(
                        Diagnostic(
                            Problem.SYNTAX_ERROR,
                            "not valid YAML/JSON: expected a single document, found another one",
                            self.loc(event.start_mark, event.end_mark),
                        )
                    )

    def _too_many(self, event: Any) -> Stop:
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
            if tag is not None and tag not in ("!", YAML_TAG + "map", YAML_TAG + "seq"):
                self.warn(
                    Problem.UNKNOWN_TAG,
                    f"unsupported YAML tag {tag!r} on a collection",
                    self.loc(event.start_mark, event.end_mark),
                )
            return None
        name: str = tag[1:]
        if name not in KNOWN_SHORT_TAGS:
            self.warn(
                Problem.UNKNOWN_TAG,
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
            if tag == "!" or tag == MERGE_TAG:
                return Scalar(text, loc)  # the non-specific tag: a string, whatever it looks like
            if tag.startswith("!") and not tag.startswith("!!"):
                return self.scalar_intrinsic(tag[1:], text, loc)
            return self.explicit(text, tag, loc)
        if event.style:  # quoted or block scalars are always strings
            return Scalar(text, loc)
        value, kind = resolve_plain(text)
        if kind is None:
            return Scalar(value, loc)
        if kind != "null" and kind != "timestamp" and surprising(text, kind):
            if kind == "value":
                what = "the YAML 1.1 value key (PyYAML, cfn-flip and the SAM CLI fail on it)"
            else:
                what = f"{kind} {value!r} under YAML 1.1 rules (PyYAML, cfn-flip, the SAM CLI)"
            self.warn(
                Problem.AMBIGUOUS_SCALAR,
                f"unquoted {text!r} is read as {what}; quote it if you meant the text",
                loc,
            )
        if kind == "value":
            return Scalar(text, loc)
        return Scalar(value, loc, raw=text)

    def scalar_intrinsic(self, name: str, text: str, loc: Location) -> Node:
        if name not in KNOWN_SHORT_TAGS:
            self.warn(Problem.UNKNOWN_TAG, f"unknown intrinsic function tag !{name}", loc)
        key = name if name in UNPREFIXED_TAGS else f"Fn::{name}"
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
        kind = tag[len(YAML_TAG) :] if tag.startswith(YAML_TAG) else tag
        try:
            if kind == "str":
                return Scalar(text, loc)
            if kind == "int":
                return Scalar(to_int(text), loc, raw=text)
            if kind == "float":
                return Scalar(to_float(text), loc, raw=text)
            if kind == "bool":
                return Scalar(text in BOOL_TRUE, loc, raw=text)
            if kind == "null":
                return Scalar(None, loc, raw=text)
        except ValueError:
            pass
        self.warn(Problem.UNKNOWN_TAG, f"unsupported YAML tag {tag!r} on {text!r}", loc)
        return Scalar(text, loc)

    def alias(self, event: Any) -> None:
        loc = self.loc(event.start_mark, event.end_mark)
        found = self.anchors.get(event.anchor)
        if found is None:  # libyaml reports undefined aliases itself; the pure parser may not
            raise Stop(
                Diagnostic(
                    Problem.SYNTAX_ERROR,
                    f"not valid YAML: found undefined alias *{event.anchor}",
                    loc,
                    self.path(),
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
                items, key_locs = merged(frame.merges, items, key_locs)
            node = Mapping(items, loc, key_locs)
        else:
            node = Sequence(frame.items, loc)
        if frame.tag is not None:
            key = frame.tag if frame.tag in UNPREFIXED_TAGS else f"Fn::{frame.tag}"
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
        if key is NO_KEY:
            if isinstance(node, Scalar):
                if merge:
                    frame.key = MERGE
                else:
                    frame.key = key_text(node.value)
                    frame.key_loc = node.loc
            else:
                # Valid YAML, but no template key is a list or a mapping.
                kind = "mapping" if isinstance(node, Mapping) else "list"
                self.warn(
                    Problem.NON_STRING_KEY,
                    f"a mapping key must be a string, not a {kind}",
                    node.loc,
                )
                frame.key = SKIP
            return
        frame.key = NO_KEY
        if key is SKIP:
            return
        if key is MERGE:
            self.merge(frame, node)
            return
        items = frame.items
        if key in items:
            first = frame.key_locs[key]
            frame.key = key  # so the diagnostic's path names the key
            self.warn(
                Problem.DUPLICATE_KEY,
                f"duplicate key {key!r} (first at line {first.line}); only one of the "
                "values takes effect, and which one depends on the parser",
                frame.key_loc or node.loc,
            )
            frame.key = NO_KEY
        items[key] = node
        frame.key_locs[key] = frame.key_loc or node.loc

    def merge(self, frame: Frame, source: Node) -> None:
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
                self.warn(
                    Problem.MERGE_KEY_NOT_MAPPING, "a merge key (<<) needs a mapping", src.loc
                )
