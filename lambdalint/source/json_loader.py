"""Strict JSON text -> located nodes (RFC 8259, as CloudFormation reads a JSON template).

libyaml reads most JSON, but not all of it as JSON means it: ``1e5`` stays text (YAML 1.1 floats
need a dot and a signed exponent), ``010`` becomes octal 8, ``\\ud83d\\ude00`` stays two lone
surrogates, and a trailing comma or a bare ``yes`` is accepted. This reader follows JSON exactly
and keeps the line and column of every value. It is iterative (an explicit stack), so nesting
depth costs heap, never the C stack, and every input limit is checked as values are read.

Strings are decoded by the standard library's C ``scanstring`` (the one ``json.loads`` uses), so
escapes and errors match ``json.loads``; only NaN/Infinity, which ``json.loads`` accepts as a
Python extension, are rejected, as in standard JSON.
"""

from __future__ import annotations

import re
from json import JSONDecodeError
from json.decoder import scanstring  # type: ignore[attr-defined]  # C-accelerated, undeclared
from typing import TYPE_CHECKING

from lambdalint.source.diagnostics import Diagnostic
from lambdalint.source.limits import InputLimits
from lambdalint.source.location import Location
from lambdalint.source.nodes import Mapping, Node, Scalar, Sequence
from lambdalint.source.problems import Problem

if TYPE_CHECKING:
    from lambdalint.source.load_result import LoadResult

_WS = re.compile(r"[ \t\n\r]*")
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?")
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_+\-]*|[-+]?(?:Infinity|NaN)")
_LITERALS = {"true": True, "false": False, "null": None}


class JsonSyntaxError(Exception):
    """Not JSON; carries the LL002 (or LL007) diagnostic with the line and column."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


class _Open:
    """An open object or array."""

    __slots__ = ("col", "is_map", "items", "key", "key_loc", "key_locs", "line")

    def __init__(self, is_map: bool, line: int, col: int) -> None:
        self.is_map = is_map
        self.line = line
        self.col = col
        self.items: dict[str, Node] | list[Node] = {} if is_map else []
        self.key: str | None = None
        self.key_loc: Location | None = None
        self.key_locs: dict[str, Location] = {}


class _Reader:
    def __init__(self, text: str, file: str, limits: InputLimits) -> None:
        self.text = text
        self.file = file
        self.limits = limits
        self.pos = 0
        self.line = 1
        self.line_start = 0  # offset of the first character of the current line
        self.count = 0
        self.stack: list[_Open] = []

    def col(self, pos: int) -> int:
        return pos - self.line_start + 1

    def skip_ws(self) -> None:
        text = self.text
        m = _WS.match(text, self.pos)
        end = m.end() if m is not None else self.pos
        if end != self.pos:
            newlines = text.count("\n", self.pos, end)
            if newlines:
                self.line += newlines
                self.line_start = text.rfind("\n", self.pos, end) + 1
            self.pos = end

    def error(
        self, message: str, pos: int | None = None, problem: Problem = Problem.SYNTAX_ERROR
    ) -> JsonSyntaxError:
        pos = self.pos if pos is None else pos
        # Only whitespace holds newlines in JSON, so pos is on the current line unless an error
        # points back before it; count from the start then.
        if pos >= self.line_start:
            line, col = self.line, self.col(pos)
        else:
            line = self.text.count("\n", 0, pos) + 1
            col = pos - (self.text.rfind("\n", 0, pos) + 1) + 1
        prefix = "not valid JSON: " if problem is Problem.SYNTAX_ERROR else "input limit: "
        return JsonSyntaxError(
            Diagnostic(problem, prefix + message, Location.point(self.file, line, col))
        )

    def scalar(self) -> Node:
        """A string, number or literal at ``pos``."""
        text, pos = self.text, self.pos
        ch = text[pos] if pos < len(text) else ""
        line, col = self.line, self.col(pos)
        if ch == '"':
            try:
                value, end = scanstring(text, pos + 1, True)
            except JSONDecodeError as exc:
                # json's messages end in " at" (it appends the position): drop it.
                msg = exc.msg[:-3] if exc.msg.endswith(" at") else exc.msg
                raise self.error(msg.lower() if msg[:1].isupper() else msg, exc.pos) from None
            if end - pos > self.limits.max_string_length:
                raise self.error(
                    f"a string of {end - pos:,} characters (limit "
                    f"{self.limits.max_string_length:,}, max-string-length)",
                    pos,
                    Problem.INPUT_LIMIT,
                )
            self.pos = end
            return Scalar(value, Location(self.file, line, col, line, col + end - pos))
        m = _NUMBER.match(text, pos)
        if m is not None and m.end() > pos:
            raw = m.group()
            number: int | float = float(raw) if m.group(1) or m.group(2) else int(raw)
            self.pos = m.end()
            return Scalar(number, Location(self.file, line, col, line, col + len(raw)), raw=raw)
        w = _WORD.match(text, pos)
        if w is not None:
            word = w.group()
            if word in _LITERALS:
                self.pos = w.end()
                return Scalar(
                    _LITERALS[word], Location(self.file, line, col, line, col + len(word)), raw=word
                )
            if word.lstrip("+-") in ("NaN", "Infinity"):
                raise self.error(f"{word} is not a JSON value (quote it or use a number)", pos)
            raise self.error(f"unexpected {word[:40]!r}; strings need double quotes", pos)
        if ch == "":
            raise self.error("unexpected end of file, expected a value", pos)
        raise self.error(f"expected a value, found {ch!r}", pos)

    def read(self) -> tuple[Node, list[Diagnostic]]:
        text = self.text
        n = len(text)
        limits = self.limits
        max_depth, max_nodes = limits.max_depth, limits.max_nodes
        diagnostics: list[Diagnostic] = []
        stack = self.stack
        root: Node | None = None
        self.skip_ws()
        while True:
            # Expect a value.
            if self.pos >= n:
                raise self.error("unexpected end of file, expected a value")
            ch = text[self.pos]
            self.count += 1
            if self.count > max_nodes:
                raise self.error(
                    f"more than {max_nodes:,} values (max-nodes)", None, Problem.INPUT_LIMIT
                )
            node: Node | None = None
            if ch == "{" or ch == "[":
                if len(stack) >= max_depth:
                    raise self.error(
                        f"nesting deeper than {max_depth} levels (max-depth)",
                        None,
                        Problem.INPUT_LIMIT,
                    )
                frame = _Open(ch == "{", self.line, self.col(self.pos))
                self.pos += 1
                self.skip_ws()
                close = "}" if frame.is_map else "]"
                if self.pos < n and text[self.pos] == close:
                    self.pos += 1
                    node = self.finish(frame)
                else:
                    stack.append(frame)
                    if frame.is_map:
                        self.key(frame, diagnostics)
                    continue
            else:
                node = self.scalar()
            # A value is complete: attach it, then close every collection that ends here.
            while True:
                if not stack:
                    root = node
                    break
                top = stack[-1]
                if top.is_map:
                    assert isinstance(top.items, dict) and top.key is not None
                    top.items[top.key] = node
                else:
                    assert isinstance(top.items, list)
                    top.items.append(node)
                self.skip_ws()
                if self.pos >= n:
                    raise self.error(
                        "unexpected end of file, expected ',' or "
                        + ("'}'" if top.is_map else "']'")
                    )
                ch = text[self.pos]
                if ch == ",":
                    self.pos += 1
                    self.skip_ws()
                    if top.is_map:
                        self.key(top, diagnostics)
                    elif self.pos < n and text[self.pos] == "]":
                        raise self.error("trailing comma before ']'")
                    node = None
                    break
                if ch == ("}" if top.is_map else "]"):
                    self.pos += 1
                    stack.pop()
                    node = self.finish(top)
                    continue
                raise self.error(f"expected ',' or {'}' if top.is_map else ']'!r}, found {ch!r}")
            if root is not None and not stack:
                break
            self.skip_ws()
        self.skip_ws()
        if self.pos < n:
            raise self.error("extra data after the end of the JSON document")
        return root, diagnostics

    def key(self, frame: _Open, diagnostics: list[Diagnostic]) -> None:
        """Read ``"key" :`` inside an object, leaving pos at the value."""
        text = self.text
        if self.pos < len(text) and text[self.pos] == "}":
            raise self.error("trailing comma before '}'")
        if self.pos >= len(text) or text[self.pos] != '"':
            raise self.error("expected a key in double quotes")
        key_node = self.scalar()
        assert isinstance(key_node, Scalar) and isinstance(key_node.value, str)
        key = key_node.value
        assert isinstance(frame.items, dict)
        if key in frame.items:
            first = frame.key_locs[key]
            path: tuple[str | int, ...] = tuple(
                (f.key or "") if f.is_map else len(f.items) for f in self.stack[:-1]
            )
            diagnostics.append(
                Diagnostic(
                    Problem.DUPLICATE_KEY,
                    f"duplicate key {key!r} (first at line {first.line}); only one of the values "
                    "takes effect, and which one depends on the parser",
                    key_node.loc,
                    (*path, key),
                )
            )
        frame.key = key
        frame.key_locs[key] = key_node.loc
        self.skip_ws()
        if self.pos >= len(text) or text[self.pos] != ":":
            raise self.error("expected ':' after the key")
        self.pos += 1
        self.skip_ws()

    def finish(self, frame: _Open) -> Node:
        # pos is just after the closing bracket, which is on the current line.
        loc = Location(self.file, frame.line, frame.col, self.line, self.col(self.pos))
        if frame.is_map:
            assert isinstance(frame.items, dict)
            return Mapping(frame.items, loc, frame.key_locs)
        assert isinstance(frame.items, list)
        return Sequence(frame.items, loc)


def load_json(text: str, file: str, limits: InputLimits | None = None) -> LoadResult:
    """Strict JSON -> :class:`~lambdalint.source.load_result.LoadResult`; raises
    :class:`JsonSyntaxError` (with its diagnostic) when the text is not JSON."""
    from lambdalint.source.load_result import LoadResult

    reader = _Reader(text, file, limits or InputLimits())
    root, diagnostics = reader.read()
    return LoadResult(root, list(diagnostics))
