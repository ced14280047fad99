"""One walk over one Python module's tree (``ast``): scopes, imports, assignments, environment
reads and boto3 calls, recorded into a ``Reader`` (``python_names``). A value it cannot follow is
left out and the module marked dynamic, never guessed."""

from __future__ import annotations

import ast

from lambdalint.source.code.analysis import SdkCall, SdkClient
from lambdalint.source.code.python_names import (
    BATCH_HELPERS,
    ENV_LIBRARIES,
    PER_CALL_KWARGS,
    RESOURCE_KWARGS,
    Reader,
    guarded_by_keyerror,
    kwarg,
)

# The scope of an ``if __name__ == "__main__":`` block: never run by Lambda.
MAIN_GUARD = "<main>"
# Built-ins that look names up at run time: a module using one may run any of its functions.
DYNAMIC_LOOKUPS = frozenset({"globals", "vars", "eval", "exec"})


def _is_main_guard(test: ast.expr) -> bool:
    return (
        isinstance(test, ast.Compare)
        and isinstance(test.left, ast.Name)
        and test.left.id == "__name__"
        and len(test.comparators) == 1
        and isinstance(test.comparators[0], ast.Constant)
        and test.comparators[0].value == "__main__"
    )


class Walker(ast.NodeVisitor):
    def __init__(self, reader: Reader, handler_name: str | None) -> None:
        self.r = reader
        self.handler_name = handler_name
        self.function_depth: list[str] = []
        # Names the handler declares ``global``: a client assigned to one is created once per
        # execution environment (``if table is None: table = ...``), not per invocation.
        self.handler_globals: set[str] = set()
        self.lazy = 0
        self.guarded = 0
        self.in_class = 0
        # The names a module-level assignment binds, while its value is walked.
        self.binding: list[str] = []
        # ``name = lambda ...`` at module level: the lambda and the name it is bound to.
        self.lambda_name = ""
        self.lambda_value: ast.Lambda | None = None

    # Imports and aliases -------------------------------------------------------------------
    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            bound = alias.asname or alias.name.split(".")[0]
            if alias.name == "os":
                self.r.os_names.add(bound)
            elif alias.name in ("boto3", "boto3.session"):
                self.r.boto3_names.add(bound)
            if alias.name.split(".")[0] in ENV_LIBRARIES:
                self.r.env_dynamic = True
            self.r.imports.append((alias.name, 0))
            self.r.imported.append((alias.name, 0))
            if alias.asname or "." not in alias.name:
                self.r.module_aliases.append((alias.name, bound))

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        module = node.module or ""
        for alias in node.names:
            bound = alias.asname or alias.name
            if alias.name == "*":
                self.r.star_imports = True
                continue
            if module == "os" and alias.name == "environ":
                self.r.env_names.add(bound)
            elif module == "os" and alias.name == "getenv":
                self.r.getenv_names.add(bound)
            elif module == "boto3" and alias.name in ("client", "resource"):
                self.r.factory_names[bound] = alias.name
            elif module in ("boto3", "boto3.session") and alias.name == "Session":
                self.r.session_names.add(bound)
            elif module.split(".")[0] == "boto3" and alias.name == "session":
                self.r.boto3_names.add(bound)
            if alias.name in BATCH_HELPERS:
                self.r.batch_names.add(bound)
            # ``from pkg import mod`` may import a submodule: both are followed.
            self.r.imports.append((f"{module}.{alias.name}" if module else alias.name, node.level))
            self.r.from_names.append((module, node.level, alias.name, bound))
        if module.split(".")[0] in ENV_LIBRARIES:
            self.r.env_dynamic = True
        self.r.imports.append((module, node.level))
        self.r.imported.append((module, node.level))

    # Scopes ---------------------------------------------------------------------------------
    def _top(self) -> bool:
        return not self.function_depth and not self.in_class and self.r.scope != MAIN_GUARD

    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        top = self._top()
        if top:
            self.r.scope = node.name
            self.r.defined.add(node.name)
            if node.decorator_list:
                self.r.decorated.add(node.name)
        self.function_depth.append(node.name)
        self.generic_visit(node)
        self.function_depth.pop()
        if top:
            self.r.scope = ""

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Lambda(self, node: ast.Lambda) -> None:
        if not (self._top() and self.r.scope == ""):
            self.generic_visit(node)
            return
        # A lambda at module level runs when called, not on import. Bound by name
        # (``handler = lambda event, context: ...``) it is that name's scope; inside a value (a
        # dispatch table) whether a handler calls it lambdalint cannot tell ("?", analysis.Reach).
        named = self.lambda_name if self.lambda_value is node else ""
        self.r.scope = named or "?"
        if named:
            self.r.defined.add(named)
        self.generic_visit(node)
        self.r.scope = ""

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        # A top-level class is one scope: its methods run when the handler uses the class.
        top = self._top()
        if top:
            self.r.scope = node.name
            self.r.defined.add(node.name)
            if node.decorator_list:
                self.r.decorated.add(node.name)
        self.in_class += 1
        self.generic_visit(node)
        self.in_class -= 1
        if top:
            self.r.scope = ""

    def visit_If(self, node: ast.If) -> None:
        if self._top() and self.r.scope == "" and _is_main_guard(node.test):
            # ``if __name__ == "__main__":`` never runs in Lambda (a local test): its own scope.
            self.r.scope = MAIN_GUARD
            self.r.defined.add(MAIN_GUARD)
            self.generic_visit(node)
            self.r.scope = ""
            return
        # if "X" in os.environ: / if os.environ.get("X"): the body copes with X unset.
        self.visit(node.test)
        tested = {n for sub in ast.walk(node.test) if (n := self.r._env_name(sub) or self._in(sub))}
        self.r.tested.append(tested)
        for stmt in node.body:
            self.visit(stmt)
        self.r.tested.pop()
        for stmt in node.orelse:
            self.visit(stmt)

    def _in(self, node: ast.AST) -> str:
        if (
            isinstance(node, ast.Compare)
            and len(node.ops) == 1
            and isinstance(node.ops[0], ast.In)
            and self.r.is_environ(node.comparators[0])
        ):
            return self.r.text(node.left) or ""
        return ""

    def visit_Try(self, node: ast.Try) -> None:
        guarded = guarded_by_keyerror(node.handlers)
        self.guarded += guarded
        for stmt in node.body:
            self.visit(stmt)
        self.guarded -= guarded
        for part in (*node.handlers, *node.orelse, *node.finalbody):
            self.visit(part)

    # Values --------------------------------------------------------------------------------
    def visit_Global(self, node: ast.Global) -> None:
        if self.function_depth and self.function_depth[0] == self.handler_name:
            self.handler_globals.update(node.names)

    def visit_Assign(self, node: ast.Assign) -> None:
        lazy = any(isinstance(t, ast.Name) and t.id in self.handler_globals for t in node.targets)
        self.lazy += lazy
        if self._top() and self.r.scope == "":
            self.binding = [t.id for t in node.targets if isinstance(t, ast.Name)]
            if len(self.binding) == 1 and isinstance(node.value, ast.Lambda):
                self.lambda_name, self.lambda_value = self.binding[0], node.value
        self.visit(node.value)
        self.binding = []
        self.lazy -= lazy
        for target in node.targets:
            self._bind(target, node.value)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        if node.value is not None:
            self.visit(node.value)
            self._bind(node.target, node.value)

    def _bind(self, target: ast.AST, value: ast.AST) -> None:
        key = self.r.key(target)
        if key is None:
            return
        if isinstance(value, ast.Constant) and isinstance(value.value, str):
            if not self.function_depth:
                self.r.constants[key] = value.value
            return
        if self.r.is_environ(value):
            self.r.env_names.add(key)
            return
        if self.r.is_getenv(value):
            self.r.getenv_names.add(key)
            return
        if self.r.is_session(value):
            self.r.session_names.add(key)
            return
        client = self.r.client_of(value)
        if client is not None:
            self.r.clients[key] = client
            return
        env = self.r.env_of(value) if isinstance(value, (ast.Subscript, ast.Call)) else ""
        if env:
            self.r.env_bound[key] = env

    def visit_Constant(self, node: ast.Constant) -> None:
        if node.value == "batchItemFailures":
            self.r.batch_scopes.add(self.r.scope)

    def visit_Name(self, node: ast.Name) -> None:
        if node.id in self.r.env_names:
            # os.environ used as a whole (dict(environ), **environ): reads cannot be listed.
            self.r.env_dynamic = True
        if node.id in self.r.batch_names:
            self.r.batch_scopes.add(self.r.scope)
        if isinstance(node.ctx, ast.Load):
            # A function named, not only called (``map(process, records)``, ``wrap(inner)``):
            # in a function it is followed as a call; at module level it may be registered.
            if self.r.scope:
                self.r.calls_in.setdefault(self.r.scope, set()).add(node.id)
            elif self.binding:
                for bound in self.binding:
                    self.r.top_binds.setdefault(bound, set()).add(node.id)
            else:
                self.r.top_refs.add(node.id)

    def visit_Attribute(self, node: ast.Attribute) -> None:
        if self.r.is_environ(node):
            self.r.env_dynamic = True
            return
        if node.attr in BATCH_HELPERS:
            self.r.batch_scopes.add(self.r.scope)
        if isinstance(node.value, ast.Name):
            dotted = f"{node.value.id}.{node.attr}"  # helpers.load: a function of a module
            if self.r.scope:
                self.r.calls_in.setdefault(self.r.scope, set()).add(dotted)
            elif self.binding:
                for bound in self.binding:
                    self.r.top_binds.setdefault(bound, set()).add(dotted)
            else:
                self.r.top_refs.add(dotted)
        self.generic_visit(node)

    def visit_Subscript(self, node: ast.Subscript) -> None:
        if self.r.env_read(node, self.guarded > 0) is not None or self.r.is_environ(node.value):
            self.visit(node.slice)
            return
        self.generic_visit(node)

    def visit_Compare(self, node: ast.Compare) -> None:
        if self.r.env_read(node, True) is not None:
            return
        self.generic_visit(node)

    def _per_call(self, call: ast.Call) -> bool:
        """A client configured from the invocation (credentials, a region or endpoint computed in
        the handler) may have to be created per call: not reported."""
        for kw in call.keywords:
            if kw.arg in PER_CALL_KWARGS and not (
                isinstance(kw.value, ast.Constant) or self.r._env_name(kw.value)
            ):
                return True
        return False

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        # Module-level calls ("" scope) run on import: followed like the handler's own.
        if isinstance(func, ast.Name):
            self.r.calls_in.setdefault(self.r.scope, set()).add(func.id)
            if func.id in DYNAMIC_LOOKUPS:
                self.r.lookup_dynamic = True
        elif isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
            # ``helpers.get_table()``: a function of an imported module, followed by name.
            self.r.calls_in.setdefault(self.r.scope, set()).add(f"{func.value.id}.{func.attr}")
        if self.r.env_read(node, self.guarded > 0) is not None or (
            isinstance(func, ast.Attribute)
            and self.r.is_environ(func.value)
            and func.attr in ("get", "setdefault", "pop")
        ):
            for arg in node.args[1:]:
                self.visit(arg)
            return
        if self.r.is_getenv(func):
            return  # a getenv with a name lambdalint could not follow: env_read marked it
        created = self.r.client_of(node) if self.r.key(node) is None else None
        if created is not None and created.kind in ("client", "resource"):
            in_handler = (
                bool(self.function_depth)
                and self.function_depth[0] == self.handler_name
                and not self._per_call(node)
                and not self.lazy
            )
            self.r.created.append(
                SdkClient("boto3", created.service, self.r.spot(node), in_handler, self.r.scope)
            )
        if isinstance(func, ast.Attribute):
            owner = self.r.client_of(func.value)
            # dynamodb.Table(...) builds a sub-object (followed by client_of), it calls nothing.
            if owner is not None and not (owner.kind != "client" and func.attr[:1].isupper()):
                op = func.attr if owner.kind == "client" else f"{owner.kind}.{func.attr}"
                env = owner.resource_env
                for name in RESOURCE_KWARGS:
                    value = kwarg(node, name)
                    if value is not None and not env:
                        env = self.r.env_of(value)
                spot = self.r.spot(node)
                self.r.calls.append(SdkCall("boto3", owner.service, op, spot, env, self.r.scope))
        self.generic_visit(node)
