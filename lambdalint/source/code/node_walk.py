"""One walk over one JavaScript / TypeScript syntax tree (tree-sitter): the ``process.env`` reads,
the AWS SDK v2 / v3 clients created and the operations called, and the local modules imported.
Names are followed through simple ``const`` bindings only (``node_bindings``); any other use of
``process.env`` marks the module dynamic, never guessed."""

from __future__ import annotations

from lambdalint.source.code.analysis import EnvRead, SdkCall, SdkClient
from lambdalint.source.code.node_bindings import Bindings
from lambdalint.source.code.node_syntax import (
    PER_CALL_KEYS,
    RESOURCE_KEYS,
    TESTING_PARENTS,
    Node,
    is_process_env,
    scope_of,
    source_of,
    string_value,
    text,
    unwrap,
    walk_tree,
)


def _reads(node: Node, name: str) -> bool:
    for sub in walk_tree(node):
        if sub.type in ("member_expression", "subscript_expression") and is_process_env(
            sub.child_by_field_name("object")
        ):
            key = sub.child_by_field_name("property") or sub.child_by_field_name("index")
            if text(key) == name or string_value(key) == name:
                return True
    return False


# Nodes whose ``name`` field declares the name rather than using it.
DECLARING = frozenset(
    {
        "function_declaration",
        "generator_function_declaration",
        "class_declaration",
        "variable_declarator",
        "function_expression",
    }
)


def _in_export(node: Node) -> bool:
    """Inside ``export ...`` or ``module.exports = ...`` / ``exports.x = ...``: what the module
    offers its importers and Lambda, not a use."""
    parent = node.parent
    while parent is not None:
        if parent.type == "export_statement":
            return True
        if parent.type == "assignment_expression":
            left = text(parent.child_by_field_name("left"))
            if left.startswith(("module.exports", "exports.")) or left == "exports":
                return True
        parent = parent.parent
    return False


def _env_names(decl: Node) -> set[str]:
    """Names a top-level ``const`` binds to an environment variable read without a default."""
    name = decl.child_by_field_name("name")
    value = unwrap(decl.child_by_field_name("value"))
    if name is None or value is None:
        return set()
    if is_process_env(value) and name.type == "object_pattern":
        out = set()
        for prop in name.named_children:
            if prop.type == "shorthand_property_identifier_pattern":
                out.add(text(prop))
            elif prop.type == "pair_pattern":
                v = prop.child_by_field_name("value")
                if v is not None and v.type == "identifier":
                    out.add(text(v))
        return out
    if (
        name.type == "identifier"
        and value.type in ("member_expression", "subscript_expression")
        and is_process_env(value.child_by_field_name("object"))
    ):
        return {text(name)}
    return set()


def _top_declarator(node: Node) -> str:
    """The name of the top-level ``const x = ...`` whose value holds ``node``, or ""."""
    parent = node.parent
    while parent is not None:
        if parent.type == "variable_declarator":
            holder = parent.parent
            top = holder.parent if holder is not None else None
            if top is not None and top.type == "export_statement":
                top = top.parent
            if top is not None and top.type == "program":
                name = parent.child_by_field_name("name")
                return text(name) if name is not None and name.type == "identifier" else ""
        parent = parent.parent
    return ""


class Walker(Bindings):
    def run(self, root: Node) -> None:
        for stmt in root.named_children:
            self._top(stmt)
        if self.handler:
            self.m.handler_node = self._function_of(self.m.exports.get(self.handler))
        self.named = set(self.m.top_functions) | {local for _, _, local in self.m.local_imports}
        self.named |= self.m.batch_names
        for stmt in root.named_children:
            decl = (
                stmt.child_by_field_name("declaration") if stmt.type == "export_statement" else stmt
            )
            if decl is not None and decl.type == "class_declaration":
                self.named.add(text(decl.child_by_field_name("name")))
            elif decl is not None and decl.type in ("lexical_declaration", "variable_declaration"):
                for d in decl.named_children:
                    if d.type == "variable_declarator":
                        self.env_top.update(_env_names(d))
        self.named |= self.env_top
        self.m.defined = self.named - self.m.batch_names
        self.m.defined |= {name for name in self.m.exports if not self.m.open_exports}
        for node in walk_tree(root):
            self._node(node)

    def _reference(self, node: Node) -> None:
        """A top-level function, class or local import named, not called (``new Service()``,
        ``records.map(process)``): followed from a function like a call; at module level outside
        an export it may be registered somewhere lambdalint does not follow."""
        name = text(node)
        parent = node.parent
        if parent is None:
            return
        if parent.type in DECLARING and parent.child_by_field_name("name") == node:
            return
        if parent.type == "call_expression" and parent.child_by_field_name("function") == node:
            return  # recorded by _call
        names = [name]
        if (
            parent.type == "member_expression"
            and parent.child_by_field_name("object") == node
            and (prop := parent.child_by_field_name("property")) is not None
            and prop.type == "property_identifier"
        ):
            names.append(f"{name}.{text(prop)}")  # handlers.list: a namespace import's function
        scope = scope_of(node)
        if name in self.m.batch_names:
            self.m.batch_scopes.add(scope)
        if scope or name in self.env_top:
            # An environment value used at module level is used on import.
            self.m.calls_in.setdefault(scope, set()).update(names)
        elif not _in_export(node):
            holder = _top_declarator(node)
            if holder:
                self.m.top_binds.setdefault(holder, set()).update(names)
            else:
                self.m.top_refs.update(names)

    def _read_scope(self, node: Node, bound: str) -> str:
        """The scope a read counts in: its function, or at module level the name it is bound
        to (``const { TABLE } = process.env``), which runs for a handler that uses it."""
        scope = scope_of(node)
        return bound if scope == "" and bound in self.env_top else scope

    # -- top level: imports, bindings, exports ----------------------------------------------
    def _node(self, node: Node) -> None:
        kind = node.type
        if kind == "identifier" and text(node) in self.named:
            self._reference(node)
        elif kind in ("string_fragment", "property_identifier", "shorthand_property_identifier"):
            if text(node) == "batchItemFailures":
                self.m.batch_scopes.add(scope_of(node))
        elif kind in ("member_expression", "subscript_expression") and is_process_env(
            node.child_by_field_name("object")
        ):
            self._env_access(node)
        elif is_process_env(node) and node.parent is not None:
            parent = node.parent
            owned = parent.type in ("member_expression", "subscript_expression") and (
                parent.child_by_field_name("object") == node
            )
            if not owned and not self._env_destructure(parent):
                self.m.env_dynamic = True  # process.env passed or spread whole
        elif kind == "new_expression":
            self._new(node)
        elif kind == "call_expression":
            self._call(node)

    def _env_access(self, node: Node) -> None:
        if node.type == "member_expression":
            name: str | None = text(node.child_by_field_name("property"))
        else:
            name = self._key(node.child_by_field_name("index"))
        if not name:
            self.m.env_dynamic = True
            return
        parent = node.parent
        while parent is not None and parent.type in ("non_null_expression", "as_expression"):
            parent = parent.parent
        default = False
        if parent is not None:
            if parent.type == "binary_expression":
                op = text(parent.child_by_field_name("operator"))
                default = op in ("||", "??", "===", "!==", "==", "!=") or (
                    op == "&&" and parent.child_by_field_name("left") == node
                )
            elif parent.type in TESTING_PARENTS:
                default = True
            elif parent.type == "assignment_expression" and (
                parent.child_by_field_name("left") == node
            ):
                return  # process.env.X = ...: a write
        default = default or self._tested(node, name)
        bound = ""
        if parent is not None and parent.type == "variable_declarator":
            bound = text(parent.child_by_field_name("name"))
        scope = self._read_scope(node, bound)
        self.m.env_reads.append(EnvRead(name, default, self.m.spot(node), scope))

    def _tested(self, node: Node, name: str) -> bool:
        """Inside ``if (process.env.X)`` (or a ternary or ``&&`` on it): the code copes with
        X unset."""
        child, parent = node, node.parent
        while parent is not None:
            condition = None
            if parent.type in ("if_statement", "ternary_expression"):
                condition = parent.child_by_field_name("condition")
            elif parent.type == "binary_expression" and text(
                parent.child_by_field_name("operator")
            ) in ("&&", "||"):
                condition = parent.child_by_field_name("left")
            if condition is not None and condition != child and _reads(condition, name):
                return True
            child, parent = parent, parent.parent
        return False

    def _env_destructure(self, parent: Node) -> bool:
        """``const { A, B = "x" } = process.env`` reads A (no default) and B (with one)."""
        if parent.type != "variable_declarator":
            return False
        pattern = parent.child_by_field_name("name")
        if pattern is None or pattern.type != "object_pattern":
            return False
        for prop in pattern.named_children:
            if prop.type == "shorthand_property_identifier_pattern":
                scope = self._read_scope(prop, text(prop))
                self.m.env_reads.append(EnvRead(text(prop), False, self.m.spot(prop), scope))
            elif prop.type == "object_assignment_pattern":
                left = prop.child_by_field_name("left")
                self.m.env_reads.append(
                    EnvRead(text(left), True, self.m.spot(prop), scope_of(prop))
                )
            elif prop.type == "pair_pattern":
                key = text(prop.child_by_field_name("key"))
                has_default = (v := prop.child_by_field_name("value")) is not None and (
                    v.type == "assignment_pattern"
                )
                bound = text(v) if v is not None and v.type == "identifier" else ""
                scope = self._read_scope(prop, bound)
                self.m.env_reads.append(EnvRead(key, has_default, self.m.spot(prop), scope))
            else:
                self.m.env_dynamic = True  # ...rest
        return True

    def _in_handler(self, node: Node) -> bool:
        target = self.m.handler_node
        if target is None:
            return False
        parent = node.parent
        while parent is not None:
            if parent == target:
                return True
            parent = parent.parent
        return False

    def _new(self, node: Node) -> None:
        ctor = self.binding_of(node.child_by_field_name("constructor"))
        if ctor is None:
            return
        name = text(node.child_by_field_name("constructor")).rsplit(".", 1)[-1]
        if ctor.kind == "command":
            resource = self._resource(node)
            self.m.calls.append(
                SdkCall("js-v3", ctor.service, name, self.m.spot(node), resource, scope_of(node))
            )
        elif ctor.kind == "v3-class" and ctor.service == "lib-storage" and name == "Upload":
            spot = self.m.spot(node)
            self.m.calls.append(SdkCall("js-v3", "lib-storage", "Upload", spot, "", scope_of(node)))
        elif (made := self.binding_of(node)) is not None:
            sdk = "js-v2" if ctor.kind == "v2" else "js-v3"
            in_handler = self._in_handler(node) and not self._per_call(node)
            spot = self.m.spot(node)
            self.m.created.append(SdkClient(sdk, made.service, spot, in_handler, scope_of(node)))

    def _per_call(self, node: Node) -> bool:
        """A client configured from the invocation (``endpoint`` from the event, credentials)
        may have to be created per call: not reported."""
        args = node.child_by_field_name("arguments")
        first = unwrap(args.named_children[0]) if args is not None and args.named_children else None
        if first is None or first.type != "object":
            return False
        for prop in first.named_children:
            if prop.type != "pair":
                continue
            if text(prop.child_by_field_name("key")) not in PER_CALL_KEYS:
                continue
            value = prop.child_by_field_name("value")
            if string_value(value) is None and not self.env_name(value):
                return True
        return False

    def _call(self, node: Node) -> None:
        func = node.child_by_field_name("function")
        if func is None:
            return
        if func.type == "identifier" or (
            func.type == "member_expression"
            and (obj := func.child_by_field_name("object")) is not None
            and obj.type == "identifier"
        ):
            # Module-level calls ("" scope) run on import: followed like the handler's own.
            self.m.calls_in.setdefault(scope_of(node), set()).add(text(func))
        if func.type == "import":  # import("./x")
            args = node.child_by_field_name("arguments")
            if args is not None and args.named_children:
                spec = string_value(args.named_children[0])
                if spec:
                    self.m.imports.append(spec)
                    return
            self.m.sdk_dynamic = True  # import(name): what it loads is not followed
            return
        if text(func) == "require":
            source = source_of(node)
            if source is None:
                self.m.sdk_dynamic = True  # require(name)
            else:
                self.m.imports.append(source)
            return
        if func.type != "member_expression":
            return
        owner = self.binding_of(func.child_by_field_name("object"))
        method = text(func.child_by_field_name("property"))
        if owner is None or owner.kind != "client" or method in ("send", "promise", "from"):
            return
        sdk = "js-v3" if owner.service.startswith(("client-", "lib-")) else "js-v2"
        resource = self._resource(node)
        self.m.calls.append(
            SdkCall(sdk, owner.service, method, self.m.spot(node), resource, scope_of(node))
        )

    def _resource(self, node: Node) -> str:
        """The env var named by the call's ``{ TableName: process.env.T }`` argument, following
        one ``const params = {...}``."""
        args = node.child_by_field_name("arguments")
        first = unwrap(args.named_children[0]) if args is not None and args.named_children else None
        if first is None or first.type != "object":
            return ""
        for prop in first.named_children:
            if prop.type == "pair" and text(prop.child_by_field_name("key")) in RESOURCE_KEYS:
                env = self.env_name(prop.child_by_field_name("value"))
                if env:
                    return env
        return ""
