"""What the code rules share: the functions whose code was read, and the environment variable
names Lambda and common libraries read themselves (rules/facts/code.yaml)."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from functools import cache
from typing import TYPE_CHECKING

from lambdalint.data import load_data
from lambdalint.engine.context import CheckContext

# Types only: the code modules load when the code step reads code, not when rules register.
if TYPE_CHECKING:
    from lambdalint.source.code.analysis import CodeAnalysis
    from lambdalint.source.code.from_template import FunctionCode
    from lambdalint.source.nodes import Node


def read_functions(ctx: CheckContext) -> Iterator[tuple[FunctionCode, CodeAnalysis]]:
    """Functions whose code lambdalint read (local or inline), with what it found."""
    if ctx.code is None:
        return
    for fn in ctx.code.functions:
        if fn.analysis is not None:
            yield fn, fn.analysis


def is_inline(fn: FunctionCode) -> bool:
    return fn.site.kind.value == "inline"


def handler_found(analysis: CodeAnalysis) -> bool:
    return analysis.handler.status.value == "found"


def anchor(fn: FunctionCode) -> Node:
    """Where a finding about the code goes in the template: the Handler, else the code value."""
    return fn.handler_node if fn.handler_node is not None else fn.code_node


@cache
def _runtime_env() -> tuple[tuple[str, ...], frozenset[str]]:
    facts = load_data("facts/code.yaml")["read_by_runtime"]
    reserved = load_data("facts/environment.yaml")
    names = {row["name"] for row in facts["names"]}
    for group in ("reserved", "disputed", "unreserved"):
        names.update(reserved[group]["names"])
    return tuple(row["prefix"] for row in facts["prefixes"]), frozenset(names)


def read_by_runtime(name: str) -> bool:
    """Set by Lambda or read by a runtime or common library, not (only) by the user's code."""
    prefixes, names = _runtime_env()
    return name in names or name.startswith(prefixes)


def code_place(fn: FunctionCode, file: str) -> str:
    """``src/app.py`` as the user knows it: relative to the template's CodeUri."""
    if fn.site.shown and fn.site.shown != "inline":
        return posixpath.normpath(f"{fn.site.shown}/{file}")
    return file
