"""Python function code read with the standard ``ast`` module: parsed, never imported or run.

From the handler string (``app.handler``, ``src/app.handler``, ``pkg.mod.handler``) to the module
file and the function; then every local module it imports (transitively, bounded), for the
environment variables read and the boto3 clients, resources and operations used. The Python
runtime splits the handler at its last dot and turns ``/`` into ``.`` (awslambdaric
``bootstrap.py`` ``_get_handler``), so both spellings name the same module.
"""

from __future__ import annotations

import ast
import sys
from dataclasses import dataclass

from lambdalint.source.code.analysis import (
    CodeAnalysis,
    Handler,
    HandlerStatus,
    Reach,
    Spot,
    SyntaxProblem,
    batch_answer,
    mark_calls,
    mark_clients,
    mark_reached,
)
from lambdalint.source.code.files import SourceFiles
from lambdalint.source.code.python_links import (
    Resolve,
    Seeds,
    exports_of,
    reach_of,
    seeds_for,
)
from lambdalint.source.code.python_names import Reader
from lambdalint.source.code.python_walk import Walker

# Local modules followed from the handler's module; beyond this the analysis is incomplete.
MAX_MODULES = 200
# Imports whose AWS calls the reader sees: the SDK itself (its clients are what it records).
# botocore is not here: a client made with botocore directly is not followed.
SDK_MODULES = frozenset({"boto3"})
# Standard-library modules that import code by a computed name: what they load is not followed.
DYNAMIC_IMPORTERS = frozenset({"importlib", "imp", "runpy", "pkgutil", "zipimport"})


@dataclass(frozen=True, slots=True)
class _Module:
    file: str
    tree: ast.Module | None
    error: SyntaxProblem | None = None


def _parse(files: SourceFiles, rel: str) -> _Module:
    data = files.read(rel)
    if data is None:
        return _Module(rel, None)
    try:
        # ast.parse compiles to a tree only (PyCF_ONLY_AST): no code object, nothing runs.
        return _Module(rel, ast.parse(data, filename=rel))
    except SyntaxError as exc:
        line = exc.lineno or 1
        col = exc.offset or 1
        return _Module(rel, None, SyntaxProblem(Spot(rel, line, col), exc.msg))
    except (ValueError, RecursionError, MemoryError):
        return _Module(rel, None)


def module_files(module: str) -> tuple[str, ...]:
    """Candidate files for a dotted module path, in the order Python's import system tries."""
    base = module.replace(".", "/")
    return (f"{base}.py", f"{base}/__init__.py")


def _resolve(files: SourceFiles, module: str) -> str | None:
    for rel in module_files(module):
        if files.is_file(rel):
            return rel
    return None


def _relative(current: str, module: str, level: int) -> str:
    if level == 0:
        return module
    parts = current.split("/")[:-1]  # the package the current file is in
    if level > 1:
        parts = parts[: len(parts) - (level - 1)]
    return ".".join([*parts, *([module] if module else [])])


def _import_known(files: SourceFiles, current: str, module: str, level: int) -> bool:
    """Whether every AWS call behind ``import module`` is visible: a local module (read in
    turn), the standard library (which calls no AWS API) or boto3. A third-party package
    installed at build time, or one in a layer, may create clients of its own."""
    if level > 0:
        return _resolve(files, _relative(current, module, level)) is not None
    top = module.split(".")[0]
    if top in SDK_MODULES:
        return True
    if top in sys.stdlib_module_names:
        return top not in DYNAMIC_IMPORTERS
    return _resolve(files, module) is not None or _resolve(files, top) is not None


def _top_level(tree: ast.Module) -> dict[str, ast.AST]:
    """Names a module defines at top level (inside if/try blocks too)."""
    out: dict[str, ast.AST] = {}
    stack: list[ast.stmt] = list(tree.body)
    while stack:
        stmt = stack.pop(0)
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            out.setdefault(stmt.name, stmt)
        elif isinstance(stmt, (ast.Assign, ast.AnnAssign)):
            targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
            for t in targets:
                for sub in ast.walk(t):
                    if isinstance(sub, ast.Name):
                        out.setdefault(sub.id, stmt)
        elif isinstance(stmt, (ast.Import, ast.ImportFrom)):
            for alias in stmt.names:
                out.setdefault(alias.asname or alias.name.split(".")[0], stmt)
        elif isinstance(stmt, (ast.If, ast.Try, ast.With)):
            stack.extend(stmt.body)
            for extra in ("orelse", "finalbody"):
                stack.extend(getattr(stmt, extra, []))
            for h in getattr(stmt, "handlers", []):
                stack.extend(h.body)
    return out


def _signature(node: ast.AST) -> str:
    if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return ""  # assigned (a wrapped app, an import): its signature is unknown
    if node.decorator_list:
        return ""  # a decorator may change the signature
    if isinstance(node, ast.AsyncFunctionDef):
        return (
            "is async: the Python runtime calls the handler and serializes what it returns, "
            "so it gets a coroutine object instead of the result"
        )
    args = node.args
    positional = [*args.posonlyargs, *args.args]
    required = len(positional) - len(args.defaults)
    if (len(positional) < 2 and args.vararg is None) or required > 2:
        shown = ", ".join(a.arg for a in positional)
        return f"takes ({shown}); Lambda calls it with two positional arguments (event, context)"
    return ""


def _walk(tree: ast.Module, file: str, handler: str | None, seeds: Seeds | None = None) -> Reader:
    reader = Reader(file)
    if seeds is not None:
        seeds.apply(reader)
    Walker(reader, handler).visit(tree)
    return reader


# Rounds of passing bound names between modules: a re-export (``__init__`` importing a client
# from a submodule, the handler importing it from the package) takes one round per hop.
MAX_LINK_ROUNDS = 4


def _link(
    readers: dict[str, Reader],
    modules: dict[str, _Module],
    rel: str,
    function: str,
    resolve: Resolve,
) -> None:
    """Re-walk each module with the clients, environment values and constants the local modules
    it imports bind at their top level, until nothing new crosses (bounded)."""
    given: dict[str, Seeds] = {}
    for _ in range(MAX_LINK_ROUNDS):
        exports = exports_of(readers)
        changed = False
        for current in list(readers):
            seeds = seeds_for(readers[current], exports, resolve)
            if seeds == given.get(current, Seeds()):
                continue
            given[current] = seeds
            tree = modules[current].tree
            assert tree is not None  # only parsed modules have readers
            readers[current] = _walk(tree, current, function if current == rel else None, seeds)
            changed = True
        if not changed:
            return


def analyze(files: SourceFiles, handler: str) -> CodeAnalysis:
    """The handler ``module.function`` and what the code it reaches reads and calls."""
    if "." not in handler:
        return CodeAnalysis(Handler(HandlerStatus.UNKNOWN, why="handler has no module part"))
    module_path, function = handler.rsplit(".", 1)
    module = module_path.replace("/", ".")
    tried = module_files(module)
    rel = _resolve(files, module)
    if rel is None:
        folder = "/".join(tried[0].split("/")[:-1])
        if folder and not files.is_dir(folder):
            # The handler's folder is not there at all: a build output (dist/, build/) most
            # likely, created before packaging. Unknown, not missing.
            return CodeAnalysis(
                Handler(HandlerStatus.UNKNOWN, tried=tried, why=f"{folder}/ does not exist")
            )
        if not files.has_source((".py",)):
            # No Python at all: the folder is not where the code is kept (a template copied
            # without its code, code generated later). Unknown, not missing.
            return CodeAnalysis(Handler(HandlerStatus.UNKNOWN, tried=tried, why="no .py files"))
        return CodeAnalysis(Handler(HandlerStatus.NO_FILE, tried=tried, function=function))
    modules: dict[str, _Module] = {}
    readers: dict[str, Reader] = {}
    pending = [rel]
    complete = True
    sdk_known = True
    while pending:
        current = pending.pop(0)
        if current in modules:
            continue
        if len(modules) >= MAX_MODULES:
            complete = sdk_known = False
            break
        parsed = _parse(files, current)
        modules[current] = parsed
        if parsed.tree is None:
            complete = sdk_known = False
            continue
        reader = _walk(parsed.tree, current, function if current == rel else None)
        readers[current] = reader
        for name, level in reader.imports:
            target = _resolve(files, _relative(current, name, level))
            if target is not None:
                pending.append(target)

    def resolve(current: str, module: str, level: int) -> str | None:
        return _resolve(files, _relative(current, module, level)) if module or level else None

    _link(readers, modules, rel, function, resolve)
    for current, reader in readers.items():
        complete = complete and not reader.env_dynamic and not reader.star_imports
        # importlib & co. load modules by a computed name: code that may read any variable.
        complete = complete and not any(
            level == 0 and name.split(".")[0] in DYNAMIC_IMPORTERS
            for name, level in reader.imported
        )
        sdk_known = sdk_known and not reader.sdk_dynamic and not reader.star_imports
        sdk_known = sdk_known and all(
            _import_known(files, current, name, level) for name, level in reader.imported
        )
    reach = reach_of((rel, function), readers, resolve)
    main = modules[rel]
    errors = tuple(m.error for m in modules.values() if m.error is not None)
    if main.tree is None:
        status = Handler(HandlerStatus.UNKNOWN, file=rel, function=function, why="unparsed")
    else:
        defined = _top_level(main.tree)
        node = defined.get(function)
        if node is None:
            star = rel in readers and readers[rel].star_imports
            status = Handler(
                HandlerStatus.UNKNOWN if star else HandlerStatus.NO_FUNCTION,
                file=rel,
                function=function,
                why="from ... import * may define it" if star else "",
            )
        else:
            at = Spot(rel, getattr(node, "lineno", 1), getattr(node, "col_offset", 0) + 1)
            status = Handler(HandlerStatus.FOUND, rel, (), function, at, _signature(node))
    found = readers.values()
    scopes = {r.file: r.batch_scopes for r in found}
    batch = batch_answer(scopes, reach, complete)

    def reach_in(file: str) -> Reach:
        # A module read but not reached by name: its module level runs on import (Reach()).
        return reach.get(file, Reach())

    return CodeAnalysis(
        handler=status,
        env_reads=tuple(e for r in found for e in mark_reached(r.env_reads, reach_in(r.file))),
        env_complete=complete,
        clients=tuple(c for r in found for c in mark_clients(r.created, reach_in(r.file))),
        calls=tuple(c for r in found for c in mark_calls(r.calls, reach_in(r.file))),
        sdk_complete=sdk_known and status.status is HandlerStatus.FOUND,
        syntax_errors=errors,
        returns_batch_failures=batch,
        files=tuple(modules),
    )
