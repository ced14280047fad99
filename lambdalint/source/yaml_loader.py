"""YAML text -> a :class:`LoadResult`: libyaml's events (ruamel.yaml.clib's ``CParser``) first,
the pure-Python parser of ruamel.yaml when libyaml fails or is missing, and a syntax error turned
into one located diagnostic. libyaml's parser keeps its own stack on the heap, so nesting depth
never costs the C stack; the node builder (:mod:`lambdalint.source.yaml_builder`) enforces the
input limits."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import Any

from lambdalint.source.diagnostics import Diagnostic
from lambdalint.source.limits import InputLimits
from lambdalint.source.load_result import LoadResult
from lambdalint.source.location import Location
from lambdalint.source.problems import Problem
from lambdalint.source.yaml_builder import Builder
from lambdalint.source.yaml_frames import Stop

try:  # libyaml through ruamel.yaml.clib: the fast path
    from _ruamel_yaml import CParser as _CParser

    FAST_PARSER = True
except ImportError:  # pragma: no cover - exercised only where the C extension is missing
    _CParser = None
    FAST_PARSER = False


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


class _OddBreakBuilder(Builder):
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
            return Builder.loc(self, start, end)
        return super().loc(start, end)


def _lines_for(text: str) -> tuple[_Lines | None, type[Builder]]:
    """How marks become locations: the parser's own line/column unless they would be wrong."""
    if _ODD_BREAKS.search(text):
        return _Lines(text), _OddBreakBuilder
    if text and not text.endswith("\n"):
        return _Lines(text), _UnterminatedBuilder
    return None, Builder


def _build(
    events: Iterable[Any],
    file: str,
    limits: InputLimits,
    lines: _Lines | None = None,
    kind: type[Builder] = Builder,
) -> LoadResult:
    builder = (
        kind(file, limits, lines)  # type: ignore[call-arg]
        if lines is not None and kind is not Builder
        else Builder(file, limits)
    )
    try:
        builder.run(events)
    except Stop as stop:
        return LoadResult(None, [*builder.diagnostics, stop.diagnostic])
    if builder.root is None:
        return LoadResult(None, [])  # an empty file: no template, nothing wrong
    return LoadResult(builder.root, builder.diagnostics)


def c_events(text: str) -> Iterator[Any]:
    parser = _CParser(text)
    get = parser.get_event
    while True:
        event = get()
        if event is None or type(event).__name__ == "StreamEndEvent":
            return
        yield event


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
            Problem.SYNTAX_ERROR,
            "not valid YAML: a tab character indents this line; YAML indents with spaces",
            Location.point(file, line, col),
        )
    problem = getattr(exc, "problem", None) or (str(exc).splitlines() or ["syntax error"])[0]
    context = getattr(exc, "context", None)
    what = f"{context}: {problem}" if context else str(problem)
    return Diagnostic(
        Problem.SYNTAX_ERROR, f"not valid YAML/JSON: {what}", Location.point(file, line, col)
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
            return _build(c_events(text), file, limits, lines, kind)
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
                    Problem.INPUT_LIMIT,
                    "input limit: nesting too deep to parse",
                    Location.point(file),
                )
            ],
        )
    except Exception as exc:  # the YAML library's own error types
        return LoadResult(None, [_syntax_diagnostic(file, exc, lines, text)])
