"""Node.js and TypeScript function code, parsed with tree-sitter (never run, never bundled).

The handler ``dir/module.fn`` names the file ``dir/module`` with ``.js``, ``.mjs`` or ``.cjs``
(the Node.js runtime interface client's ``UserFunction.js`` tries them in turn), and the export
``fn``. With ``BuildMethod: esbuild`` the deployed file is built from an entry point of
``BuildProperties.EntryPoints`` (``app.ts`` -> ``app.js``), which is read instead. tree-sitter is
imported here only, so a template without local Node.js code never loads it.
"""

from __future__ import annotations

import posixpath
from functools import cache
from typing import Any

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
from lambdalint.source.code.files import DEPENDENCY_DIRS, SourceFiles
from lambdalint.source.code.locate import Build
from lambdalint.source.code.node_links import (
    Resolve,
    Seeds,
    exports_of,
    reach_of,
    seeds_for,
)
from lambdalint.source.code.node_syntax import FUNCTION_TYPES, Module
from lambdalint.source.code.node_walk import Walker

RUNTIME_EXTENSIONS = (".js", ".mjs", ".cjs")
SOURCE_EXTENSIONS = (".ts", ".mts", ".cts", ".tsx", ".js", ".mjs", ".cjs", ".jsx")
MAX_MODULES = 200


@cache
def _parser(grammar: str) -> Any:
    # tree-sitter wheels (a C parser per grammar) are runtime dependencies: a real JavaScript
    # and TypeScript parser, where a regular-expression scan would misread strings and comments.
    import tree_sitter

    if grammar == "javascript":
        import tree_sitter_javascript

        language = tree_sitter.Language(tree_sitter_javascript.language())
    else:
        import tree_sitter_typescript

        make = (
            tree_sitter_typescript.language_tsx
            if grammar == "tsx"
            else tree_sitter_typescript.language_typescript
        )
        language = tree_sitter.Language(make())
    return tree_sitter.Parser(language)


def _grammar(rel: str) -> str:
    if rel.endswith(".tsx"):
        return "tsx"
    if rel.endswith((".ts", ".mts", ".cts")):
        return "typescript"
    return "javascript"


def _first_error(root: Any) -> Any:
    stack = [root]
    while stack:
        node = stack.pop()
        if node.type == "ERROR" or node.is_missing:
            return node
        if node.has_error:
            stack.extend(reversed(node.children))
    return None


def _candidates(base: str, extensions: tuple[str, ...]) -> list[str]:
    out = [base + ext for ext in extensions]
    out += [f"{base}/index{ext}" for ext in extensions]
    return out


def _first_file(files: SourceFiles, names: list[str]) -> str | None:
    return next((n for n in names if files.is_file(n)), None)


def _entry_point(files: SourceFiles, module: str, build: Build) -> str | None:
    """The esbuild entry point the handler module is built from: same path without its
    extension, or the same file name (sam build writes each bundle at the artifact's top)."""
    for entry in build.entry_points:
        entry_path = posixpath.normpath(entry.lstrip("./") if entry.startswith("./") else entry)
        stem = posixpath.splitext(entry_path)[0]
        if stem == module or posixpath.basename(stem) == posixpath.basename(module):
            return entry_path if files.is_file(entry_path) else None
    return None


def _resolve_import(files: SourceFiles, current: str, spec: str) -> str | None:
    if not spec.startswith("."):
        return None
    base = posixpath.normpath(posixpath.join(posixpath.dirname(current), spec))
    if base.startswith(".."):
        return None
    if files.is_file(base):
        return base
    stem, ext = posixpath.splitext(base)
    if ext in (".js", ".mjs", ".cjs"):  # TypeScript ESM imports name the emitted .js file
        hit = _first_file(files, [stem + e for e in (".ts", ".mts", ".cts", ".tsx")])
        if hit:
            return hit
    return _first_file(files, _candidates(base, SOURCE_EXTENSIONS))


def _parse(
    files: SourceFiles, rel: str, handler: str | None
) -> tuple[Module, SyntaxProblem | None, Any]:
    module = Module(rel)
    data = files.read(rel)
    if data is None:
        module.open_exports = module.env_dynamic = True
        return module, None, None
    tree = _parser(_grammar(rel)).parse(data)
    problem = None
    if tree.root_node.has_error:
        bad = _first_error(tree.root_node)
        where = bad if bad is not None else tree.root_node
        problem = SyntaxProblem(
            Spot(rel, where.start_point[0] + 1, where.start_point[1] + 1),
            "missing " + where.type if where.is_missing else "unexpected syntax",
        )
    Walker(module, handler).run(tree.root_node)
    return module, problem, tree


# Rounds of passing exported bindings between modules (one per re-export hop).
MAX_LINK_ROUNDS = 4


def _link(
    modules: dict[str, Module], trees: dict[str, Any], rel: str, export: str, resolve: Resolve
) -> None:
    """Re-walk each module with the bindings the local modules it imports export, until
    nothing new crosses (bounded)."""
    given: dict[str, Seeds] = {}
    for _ in range(MAX_LINK_ROUNDS):
        exports = exports_of(modules)
        changed = False
        for current, tree in trees.items():
            seeds = seeds_for(modules[current], exports, resolve)
            if seeds == given.get(current, Seeds()):
                continue
            given[current] = seeds
            module = Module(current)
            seeds.apply(module)
            Walker(module, export if current == rel else None).run(tree.root_node)
            modules[current] = module
            changed = True
        if not changed:
            return


def _signature(node: Any) -> str:
    if node is None or getattr(node, "type", "") not in (*FUNCTION_TYPES, "method_definition"):
        return ""
    params = node.child_by_field_name("parameters") or node.child_by_field_name("parameter")
    if params is None:
        return ""
    names = [p for p in params.named_children if p.type not in ("comment",)]
    if any(p.type == "rest_pattern" for p in names) or len(names) <= 3:
        return ""
    shown = ", ".join(p.text.decode("utf-8", "replace") for p in names)
    return f"takes ({shown}); Lambda passes at most (event, context, callback)"


def analyze(files: SourceFiles, handler: str, build: Build | None) -> CodeAnalysis:
    folder, _, last = handler.rpartition("/")
    if "." not in last:
        return CodeAnalysis(Handler(HandlerStatus.UNKNOWN, why="handler has no module part"))
    name, function = last.split(".", 1)
    module_path = posixpath.normpath(posixpath.join(folder, name)) if folder else name
    export = function.split(".", 1)[0]
    if build is not None and build.method == "esbuild":
        rel = _entry_point(files, module_path, build)
        if rel is None:
            return CodeAnalysis(Handler(HandlerStatus.UNKNOWN, why="no matching esbuild entry"))
        tried: tuple[str, ...] = (rel,)
    else:
        candidates = _candidates(module_path, RUNTIME_EXTENSIONS)
        tried = tuple(candidates[: len(RUNTIME_EXTENSIONS)])
        found = _first_file(files, candidates)
        if found is None:
            if folder and not files.is_dir(folder):
                why = f"{folder}/ does not exist (a build output?)"
                return CodeAnalysis(Handler(HandlerStatus.UNKNOWN, tried=tried, why=why))
            if _first_file(files, _candidates(module_path, (".ts", ".mts", ".cts", ".tsx"))):
                why = "TypeScript compiled by a build step lambdalint does not follow"
                return CodeAnalysis(Handler(HandlerStatus.UNKNOWN, tried=tried, why=why))
            if not files.has_source(SOURCE_EXTENSIONS):
                why = "no JavaScript or TypeScript files in the code folder"
                return CodeAnalysis(Handler(HandlerStatus.UNKNOWN, tried=tried, why=why))
            return CodeAnalysis(Handler(HandlerStatus.NO_FILE, tried=tried, function=export))
        rel = found
    modules: dict[str, Module] = {}
    trees: dict[str, Any] = {}
    errors: list[SyntaxProblem] = []
    pending = [rel]
    complete = True
    all_read = True
    while pending:
        current = pending.pop(0)
        if current in modules or current.split("/")[0] in DEPENDENCY_DIRS:
            all_read = all_read and current in modules  # node_modules/: npm code, not read
            continue
        if len(modules) >= MAX_MODULES:
            complete = all_read = False
            break
        module, problem, tree = _parse(files, current, export if current == rel else None)
        modules[current] = module
        if tree is not None:
            trees[current] = tree
        else:
            all_read = False
        if problem is not None:
            errors.append(problem)
            complete = False
        for spec in module.imports:
            target = _resolve_import(files, current, spec)
            if target is not None:
                pending.append(target)

    def resolve(current: str, spec: str) -> str | None:
        return _resolve_import(files, current, spec)

    _link(modules, trees, rel, export, resolve)
    # A computed require()/import() loads code that may read any variable.
    complete = complete and not any(m.env_dynamic or m.sdk_dynamic for m in modules.values())
    main = modules[rel]
    node = main.exports.get(export)
    if node is None:
        status = HandlerStatus.UNKNOWN if main.open_exports or errors else HandlerStatus.NO_FUNCTION
        result = Handler(status, file=rel, function=export)
    else:
        target = main.handler_node
        at = main.spot(target) if target is not None else None
        result = Handler(HandlerStatus.FOUND, rel, (), export, at, _signature(target))
    readers = list(modules.values())
    # The handler runs under its export name, or the name of the function the export refers to.
    starts = {export}
    if main.handler_node is not None:
        named = main.handler_node.child_by_field_name("name")
        if named is not None:
            starts.add(named.text.decode("utf-8", "replace"))
        starts.update(n for n, f in main.top_functions.items() if f == main.handler_node)
    reach = reach_of(rel, starts, modules, resolve)
    sdk_complete = False
    if all_read and not errors and result.status is HandlerStatus.FOUND:
        from lambdalint.source.code.node_imports import sdk_known

        sdk_complete = sdk_known(modules, resolve)
    batch = batch_answer({m.file: m.batch_scopes for m in readers}, reach, complete)

    def reach_in(file: str) -> Reach:
        return reach.get(file, Reach())

    return CodeAnalysis(
        handler=result,
        env_reads=tuple(e for m in readers for e in mark_reached(m.env_reads, reach_in(m.file))),
        env_complete=complete,
        clients=tuple(c for m in readers for c in mark_clients(m.created, reach_in(m.file))),
        calls=tuple(c for m in readers for c in mark_calls(m.calls, reach_in(m.file))),
        sdk_complete=sdk_complete,
        syntax_errors=tuple(errors),
        returns_batch_failures=batch,
        files=tuple(modules),
    )
