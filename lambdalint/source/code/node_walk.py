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


class Walker(Bindings):
    def run(self, root: Node) -> None:
        for stmt in root.named_children:
            self._top(stmt)
        if self.handler:
            self.m.handler_node = self._function_of(self.m.exports.get(self.handler))
        for node in walk_tree(root):
            self._node(node)

    # -- top level: imports, bindings, exports ----------------------------------------------
    def _node(self, node: Node) -> None:
        kind = node.type
        if kind in ("string_fragment", "property_identifier", "shorthand_property_identifier"):
            if text(node) == "batchItemFailures":
                self.m.batch = True
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
        self.m.env_reads.append(EnvRead(name, default, self.m.spot(node), scope_of(node)))

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
                self.m.env_reads.append(
                    EnvRead(text(prop), False, self.m.spot(prop), scope_of(prop))
                )
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
                self.m.env_reads.append(
                    EnvRead(key, has_default, self.m.spot(prop), scope_of(prop))
                )
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
            self.m.calls.append(
                SdkCall("js-v3", ctor.service, name, self.m.spot(node), self._resource(node))
            )
        elif ctor.kind == "v3-class" and ctor.service == "lib-storage" and name == "Upload":
            self.m.calls.append(SdkCall("js-v3", "lib-storage", "Upload", self.m.spot(node)))
        elif (made := self.binding_of(node)) is not None:
            sdk = "js-v2" if ctor.kind == "v2" else "js-v3"
            in_handler = self._in_handler(node) and not self._per_call(node)
            self.m.created.append(SdkClient(sdk, made.service, self.m.spot(node), in_handler))

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
            scope = scope_of(node)
            if scope:
                self.m.calls_in.setdefault(scope, set()).add(text(func))
        if func.type == "import":  # import("./x")
            args = node.child_by_field_name("arguments")
            if args is not None and args.named_children:
                spec = string_value(args.named_children[0])
                if spec:
                    self.m.imports.append(spec)
            return
        if text(func) == "require" and (source := source_of(node)) is not None:
            self.m.imports.append(source)
            return
        if func.type != "member_expression":
            return
        owner = self.binding_of(func.child_by_field_name("object"))
        method = text(func.child_by_field_name("property"))
        if owner is None or owner.kind != "client" or method in ("send", "promise", "from"):
            return
        sdk = "js-v3" if owner.service.startswith(("client-", "lib-")) else "js-v2"
        self.m.calls.append(
            SdkCall(sdk, owner.service, method, self.m.spot(node), self._resource(node))
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
