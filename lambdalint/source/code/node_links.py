"""Names that cross JavaScript / TypeScript modules of one function's code: an SDK client, an
environment-derived value or a string constant a local module exports and another imports
(``import { ddb } from './db.js'``, ``const { table } = require('./config')``,
``import * as db from './db'``), and the exported functions the handler calls in other local
modules (for the environment reads it reaches).

Only the specifiers that resolve to files of the function's code folder are followed; nothing is
run or bundled. An export lambdalint cannot read (``exports.x = make()``) stays Unknown."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from lambdalint.source.code.analysis import LOOSE, Reach
from lambdalint.source.code.node_syntax import Binding, Module, Ref, text

# Resolves a specifier as written in a file to a file of the code, or None.
Resolve = Callable[[str, str], "str | None"]


@dataclass(frozen=True)
class Seeds:
    names: dict[str, Binding] = field(default_factory=dict)
    env_bound: dict[str, str] = field(default_factory=dict)
    constants: dict[str, str] = field(default_factory=dict)

    def apply(self, module: Module) -> None:
        module.names.update(self.names)
        module.env_bound.update(self.env_bound)
        module.constants.update(self.constants)


def _local_name(alias: str, node: object) -> str:
    if isinstance(node, Ref):
        return node.name
    if getattr(node, "type", "") == "identifier":
        return text(node)
    return alias


def _exported(module: Module) -> Seeds:
    out = Seeds(dict(module.exported_bindings))
    for alias, node in module.exports.items():
        local = _local_name(alias, node)
        if local in module.names:
            out.names[alias] = module.names[local]
        if local in module.env_bound:
            out.env_bound[alias] = module.env_bound[local]
        if local in module.constants:
            out.constants[alias] = module.constants[local]
    return out


def exports_of(modules: dict[str, Module]) -> dict[str, Seeds]:
    return {file: _exported(m) for file, m in modules.items()}


def seeds_for(module: Module, exports: dict[str, Seeds], resolve: Resolve) -> Seeds:
    seeds = Seeds()
    for spec, name, local in module.local_imports:
        target = resolve(module.file, spec)
        source = exports.get(target) if target is not None else None
        if source is None or target == module.file:
            continue
        for mine, theirs in (
            (seeds.names, source.names),
            (seeds.env_bound, source.env_bound),
            (seeds.constants, source.constants),
        ):
            if name == "*":
                for key, value in theirs.items():
                    mine[f"{local}.{key}"] = value  # type: ignore[assignment]
            elif name in theirs:
                mine[local] = theirs[name]  # type: ignore[assignment]
    return seeds


def _walk_calls(
    starts: list[tuple[str, str]],
    modules: dict[str, Module],
    links: dict[str, dict[str, tuple[str, str]]],
    binds: bool = False,
) -> dict[str, set[str]]:
    """From ``starts``, the (file, name) pairs called or named, transitively; with ``binds``
    also through what top-level bindings hold (what may run, not what surely does)."""
    reached: dict[str, set[str]] = {}
    pending = list(starts)
    while pending:
        current, function = pending.pop()
        if function in reached.setdefault(current, set()):
            continue
        reached[current].add(function)
        found = modules.get(current)
        if found is None:
            continue
        callees = found.calls_in.get(function, set())
        if binds:
            callees = callees | found.top_binds.get(function, set())
        for callee in callees:
            head, dot, attr = callee.partition(".")
            table = links[current]
            if not dot:
                target, exported = table.get(callee, (current, callee))
                pending.append((target, _local_name(exported, _export(modules, target, exported))))
            elif f"{head}.*" in table:
                target = table[f"{head}.*"][0]
                pending.append((target, _local_name(attr, _export(modules, target, attr))))
    return reached


def reach_of(
    file: str, starts: set[str], modules: dict[str, Module], resolve: Resolve
) -> dict[str, Reach]:
    """File -> what runs when the handler is invoked: module-level code of every module read,
    the handler and the top-level functions it calls or names, across the local modules it
    calls into by imported name or namespace; and what may run too (named at module level
    outside an export, anonymous top-level callbacks), for ``analysis.Reach``."""
    links: dict[str, dict[str, tuple[str, str]]] = {}
    for current, module in modules.items():
        table: dict[str, tuple[str, str]] = {}
        for spec, name, local in module.local_imports:
            target = resolve(current, spec)
            if target is not None:
                table[f"{local}.*" if name == "*" else local] = (target, name)
        links[current] = table
    first = [(file, s) for s in sorted(starts)] + [(current, "") for current in modules]
    surely = _walk_calls(first, modules, links)
    for module in modules.values():
        # Resolved like calls (``handlers.list`` through the import of handlers).
        module.calls_in[LOOSE] = set(module.top_refs)
    loose = [(current, s) for current in modules for s in ("?", LOOSE)]
    wider = _walk_calls(first + loose, modules, links, binds=True)
    out: dict[str, Reach] = {}
    for current, found in wider.items():
        sure = frozenset(surely.get(current, ()))
        found_module = modules.get(current)
        known = frozenset(found_module.defined) if found_module is not None else frozenset()
        out[current] = Reach(sure, frozenset(found) - sure, known)
    return out


def _export(modules: dict[str, Module], file: str, name: str) -> object:
    module = modules.get(file)
    return module.exports.get(name) if module is not None else None
