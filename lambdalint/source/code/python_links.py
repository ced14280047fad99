"""Names that cross Python modules of one function's code: a client, an environment-derived value
or a string constant bound at a module's top level and imported by another
(``from .clients import table``, ``import config`` then ``config.TABLE``), and the functions of
other local modules the handler calls (``from .helpers import load``; ``helpers.load()``).

Only the function's own code folder is looked at, through the imports each walk recorded; nothing
is imported or run. A name lambdalint cannot follow stays unbound (Unknown)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from lambdalint.source.code.analysis import LOOSE, Reach
from lambdalint.source.code.python_names import Client, Reader

# Resolves (module, level) as written in ``current`` to a file of the code, or None.
Resolve = Callable[[str, str, int], "str | None"]


@dataclass(frozen=True)
class Seeds:
    """What a module receives from the modules it imports, before its walk."""

    clients: dict[str, Client] = field(default_factory=dict)
    env_bound: dict[str, str] = field(default_factory=dict)
    constants: dict[str, str] = field(default_factory=dict)

    def apply(self, reader: Reader) -> None:
        reader.clients.update(self.clients)
        reader.env_bound.update(self.env_bound)
        reader.constants.update(self.constants)


def _exported(reader: Reader) -> Seeds:
    """A module's plain top-level names (``self.x`` and dotted keys are not importable)."""
    return Seeds(
        {k: v for k, v in reader.clients.items() if "." not in k},
        {k: v for k, v in reader.env_bound.items() if "." not in k},
        {k: v for k, v in reader.constants.items() if "." not in k},
    )


def _targets(reader: Reader, resolve: Resolve) -> list[tuple[str, str, str]]:
    """(file, name in that file or "" for the whole module, bound name here) per import."""
    out: list[tuple[str, str, str]] = []
    for module, level, name, bound in reader.from_names:
        submodule = resolve(reader.file, f"{module}.{name}" if module else name, level)
        if submodule is not None:
            out.append((submodule, "", bound))  # from pkg import mod: a module alias
            continue
        target = resolve(reader.file, module, level)
        if target is not None:
            out.append((target, name, bound))
    for module, bound in reader.module_aliases:
        target = resolve(reader.file, module, 0)
        if target is not None:
            out.append((target, "", bound))
    return out


def seeds_for(reader: Reader, exports: dict[str, Seeds], resolve: Resolve) -> Seeds:
    seeds = Seeds()
    for target, name, bound in _targets(reader, resolve):
        source = exports.get(target)
        if source is None or target == reader.file:
            continue
        for mine, theirs in (
            (seeds.clients, source.clients),
            (seeds.env_bound, source.env_bound),
            (seeds.constants, source.constants),
        ):
            if name:
                if name in theirs:
                    mine[bound] = theirs[name]  # type: ignore[assignment]
            else:
                for key, value in theirs.items():
                    mine[f"{bound}.{key}"] = value  # type: ignore[assignment]
    return seeds


def exports_of(readers: dict[str, Reader]) -> dict[str, Seeds]:
    return {file: _exported(reader) for file, reader in readers.items()}


def _walk_calls(
    starts: list[tuple[str, str]],
    readers: dict[str, Reader],
    links: dict[str, dict[str, tuple[str, str]]],
    binds: bool = False,
) -> dict[str, set[str]]:
    """From ``starts``, the (file, name) pairs called or named, transitively; with ``binds``
    also through what module-level bindings hold (what may run, not what surely does)."""
    reached: dict[str, set[str]] = {}
    pending = list(starts)
    while pending:
        file, function = pending.pop()
        if function in reached.setdefault(file, set()):
            continue
        reached[file].add(function)
        module = readers.get(file)
        if module is None:
            continue
        callees = module.calls_in.get(function, set())
        if binds:
            callees = callees | module.top_binds.get(function, set())
        for callee in callees:
            head, dot, attr = callee.partition(".")
            if not dot:
                pending.append(links[file].get(callee, (file, callee)))
            elif f"{head}.*" in links[file]:
                pending.append((links[file][f"{head}.*"][0], attr))
    return reached


def reach_of(
    start: tuple[str, str], readers: dict[str, Reader], resolve: Resolve
) -> dict[str, Reach]:
    """File -> what runs when the handler ``start`` (file, function) is invoked: module-level
    code of every module read, the handler, what it calls or names in its module, and functions
    of other local modules it calls through an import, transitively; and what may run too
    (decorated, named at module level), for ``analysis.Reach``."""
    links: dict[str, dict[str, tuple[str, str]]] = {}
    for file, reader in readers.items():
        table: dict[str, tuple[str, str]] = {}
        for target, name, bound in _targets(reader, resolve):
            if name:
                table[bound] = (target, name)
            else:
                table[f"{bound}.*"] = (target, "")
        links[file] = table
    starts = [start, *((file, "") for file in readers)]
    surely = _walk_calls(starts, readers, links)
    for reader in readers.values():
        # Resolved like calls (``helpers.load`` through the import of helpers).
        reader.calls_in[LOOSE] = reader.decorated | reader.top_refs
    loose = [(file, LOOSE) for file in readers]
    wider = _walk_calls(starts + loose, readers, links, binds=True)
    out: dict[str, Reach] = {}
    for file in wider.keys() | surely.keys():
        sure = frozenset(surely.get(file, ()))
        found = readers.get(file)
        dynamic = found is not None and found.lookup_dynamic
        maybe = None if dynamic else frozenset(wider.get(file, ())) - sure
        out[file] = Reach(sure, maybe, frozenset(found.defined if found is not None else ()))
    return out
