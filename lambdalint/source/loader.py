"""Template text -> located nodes: the parse entry point.

Text whose first character is ``{`` or ``[`` is read by the strict JSON reader
(:mod:`lambdalint.source.json_loader`) first, because libyaml reads JSON wrongly in places (``1e5``
as text, trailing commas accepted, surrogate pairs kept split); everything else, and flow YAML in a
``.yaml`` file, by the YAML reader (:mod:`lambdalint.source.yaml_loader`: libyaml's events, the
node builder in :mod:`lambdalint.source.yaml_builder`, YAML 1.1 scalar types from
:mod:`lambdalint.source.yaml_values`).

Anything wrong with the input becomes a :class:`Diagnostic`; nothing here raises for bad input.
"""

from __future__ import annotations

from dataclasses import replace

from lambdalint.source.diagnostics import Diagnostic
from lambdalint.source.limits import InputLimits
from lambdalint.source.load_result import LoadResult
from lambdalint.source.location import Location
from lambdalint.source.problems import Problem
from lambdalint.source.yaml_loader import load_yaml

__all__ = ["LoadResult", "load_text", "load_yaml", "looks_like_json"]


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
            if exc.diagnostic.problem is not Problem.SYNTAX_ERROR or file.lower().endswith(".json"):
                return LoadResult(None, [exc.diagnostic])
            # A .yaml file may hold a YAML flow mapping ({a: 1}); YAML decides. When YAML fails
            # too, a .yaml file gets the YAML error, any other (.template) the JSON one.
            result = load_yaml(text, file, limits)
            if (
                result.root is None
                and not file.lower().endswith((".yaml", ".yml"))
                and any(d.problem is Problem.SYNTAX_ERROR for d in result.diagnostics)
            ):
                return LoadResult(None, [exc.diagnostic])
            return result
    return load_yaml(text, file, limits)
