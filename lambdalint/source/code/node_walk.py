"""One walk over one JavaScript / TypeScript syntax tree (tree-sitter): what the module exports,
the ``process.env`` reads, the AWS SDK v2 / v3 clients it creates and the operations it calls,
and the local modules it imports. Names are followed through simple ``const`` bindings only; any
other use of ``process.env`` marks the module dynamic, never guessed."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from lambdalint.source.code.analysis import EnvRead, SdkCall, SdkClient, Spot

# Properties of a command's input that name the resource it acts on.
RESOURCE_KEYS = frozenset(
    {
        "TableName",
        "Bucket",
        "QueueUrl",
        "TopicArn",
        "StateMachineArn",
        "FunctionName",
        "SecretId",
        "Name",
        "StreamName",
        "DeliveryStreamName",
        "EventBusName",
        "KeyId",
        "LogGroupName",
    }
)
# Client settings that, computed in the handler, make a per-invocation client legitimate.
PER_CALL_KEYS = frozenset({"endpoint", "region", "credentials"})
# Powertools for AWS Lambda (TypeScript) helpers that build a Partial Batch Response.
BATCH_HELPERS = frozenset({"processPartialResponse", "BatchProcessor", "SqsFifoPartialProcessor"})
FUNCTION_TYPES = frozenset(
    {
        "function_declaration",
        "generator_function_declaration",
        "function_expression",
        "function",
        "arrow_function",
    }
)
# Where a read of process.env.X is tested rather than used: the code copes when it is unset.
_TESTING_PARENTS = frozenset({"parenthesized_expression", "ternary_expression", "unary_expression"})

Node = Any  # tree_sitter.Node (the package is imported lazily, so not at type-check time)


def text(node: Node | None) -> str:
    return node.text.decode("utf-8", "replace") if node is not None and node.text else ""


def string_value(node: Node | None) -> str | None:
    """The value of a plain string literal (no template substitutions)."""
    if node is None:
        return None
    if node.type == "string":
        return "".join(text(c) for c in node.named_children if c.type == "string_fragment")
    if node.type == "template_string" and not any(
        c.type == "template_substitution" for c in node.named_children
    ):
        return "".join(text(c) for c in node.named_children if c.type == "string_fragment")
    return None


def _unwrap(node: Node | None) -> Node | None:
    """Through TypeScript's ``x!``, ``x as T``, ``<T>x`` and parentheses."""
    while node is not None and node.type in (
        "non_null_expression",
        "as_expression",
        "satisfies_expression",
        "type_assertion",
        "parenthesized_expression",
        "await_expression",
    ):
        node = node.named_children[0] if node.named_children else None
    return node


@dataclass(frozen=True, slots=True)
class Binding:
    # "client" (an SDK client), "command" (a v3 command class), "v2" (the aws-sdk namespace or
    # one of its classes), "v3-class" (a client class imported from a v3 package).
    kind: str
    service: str
    env: str = ""


@dataclass
class Module:
    file: str
    exports: dict[str, Node] = field(default_factory=dict)
    # Exports lambdalint cannot list (module.exports = something, export * from).
    open_exports: bool = False
    env_reads: list[EnvRead] = field(default_factory=list)
    env_dynamic: bool = False
    created: list[SdkClient] = field(default_factory=list)
    calls: list[SdkCall] = field(default_factory=list)
    batch: bool = False
    imports: list[str] = field(default_factory=list)
    names: dict[str, Binding] = field(default_factory=dict)
    constants: dict[str, str] = field(default_factory=dict)
    env_bound: dict[str, str] = field(default_factory=dict)
    top_functions: dict[str, Node] = field(default_factory=dict)
    handler_node: Node | None = None
    # Names each top-level function calls directly (for the reads a handler reaches).
    calls_in: dict[str, set[str]] = field(default_factory=dict)

    def spot(self, node: Node) -> Spot:
        return Spot(self.file, node.start_point[0] + 1, node.start_point[1] + 1)


def _walk(node: Node) -> Iterator[Node]:
    stack = [node]
    while stack:
        n = stack.pop()
        yield n
        stack.extend(reversed(n.named_children))


def _is_process_env(node: Node | None) -> bool:
    node = _unwrap(node)
    return (
        node is not None
        and node.type == "member_expression"
        and text(node.child_by_field_name("object")) == "process"
        and text(node.child_by_field_name("property")) == "env"
    )


def _source(call: Node) -> str | None:
    """``require("x")`` -> ``x``."""
    call = _unwrap(call)
    if call is None or call.type != "call_expression":
        return None
    if text(call.child_by_field_name("function")) != "require":
        return None
    args = call.child_by_field_name("arguments")
    return string_value(args.named_children[0]) if args and args.named_children else None


def _service(source: str) -> tuple[str, str] | None:
    """(sdk, service) of a module specifier: ``aws-sdk``, ``aws-sdk/clients/s3``,
    ``@aws-sdk/client-s3``, ``@aws-sdk/lib-dynamodb``, ``@aws-sdk/lib-storage``."""
    if source == "aws-sdk":
        return "js-v2", ""
    if source.startswith("aws-sdk/clients/"):
        return "js-v2", source.rsplit("/", 1)[1]
    if source.startswith("@aws-sdk/client-") or source in ("@aws-sdk/lib-dynamodb",):
        return "js-v3", source.split("/", 1)[1]
    if source == "@aws-sdk/lib-storage":
        return "js-v3", "lib-storage"
    return None


def scope_of(node: Node) -> str:
    """The name of the outermost function around ``node`` ("" when at module level, "?" for an
    anonymous one): ``function f``, ``const f = () =>``, ``exports.f = ...``, ``{ f: ... }``."""
    outer = None
    parent = node.parent
    while parent is not None:
        if parent.type in FUNCTION_TYPES or parent.type == "method_definition":
            outer = parent
        parent = parent.parent
    if outer is None:
        return ""
    name = outer.child_by_field_name("name")
    if name is not None:
        return text(name)
    holder = outer.parent
    while holder is not None and holder.type in ("parenthesized_expression", "as_expression"):
        holder = holder.parent
    if holder is not None and holder.type == "variable_declarator":
        return text(holder.child_by_field_name("name"))
    if holder is not None and holder.type == "assignment_expression":
        return text(holder.child_by_field_name("left")).rsplit(".", 1)[-1]
    if holder is not None and holder.type == "pair":
        return text(holder.child_by_field_name("key"))
    return "?"


class Walker:
    def __init__(self, module: Module, handler: str | None) -> None:
        self.m = module
        self.handler = handler

    def run(self, root: Node) -> None:
        for stmt in root.named_children:
            self._top(stmt)
        if self.handler:
            self.m.handler_node = self._function_of(self.m.exports.get(self.handler))
        for node in _walk(root):
            self._node(node)

    # -- top level: imports, bindings, exports ----------------------------------------------
    def _top(self, stmt: Node) -> None:
        kind = stmt.type
        if kind == "import_statement":
            self._import(stmt)
        elif kind in ("lexical_declaration", "variable_declaration"):
            for decl in stmt.named_children:
                if decl.type == "variable_declarator":
                    self._declare(decl)
        elif kind in ("function_declaration", "generator_function_declaration"):
            name = text(stmt.child_by_field_name("name"))
            self.m.top_functions[name] = stmt
        elif kind == "export_statement":
            self._export(stmt)
        elif kind == "expression_statement":
            expr = stmt.named_children[0] if stmt.named_children else None
            if expr is not None and expr.type == "assignment_expression":
                self._commonjs(expr)
            elif expr is not None and expr.type == "call_expression":
                self._define_property(expr)

    def _import(self, stmt: Node) -> None:
        source = string_value(stmt.child_by_field_name("source")) or ""
        self.m.imports.append(source)
        sdk = _service(source)
        clause = next((c for c in stmt.named_children if c.type == "import_clause"), None)
        if clause is None:
            return
        for part in clause.named_children:
            if part.type == "identifier":  # default import
                self._bind_import(text(part), text(part), sdk, default=True)
            elif part.type == "namespace_import":
                ident = next((c for c in part.named_children if c.type == "identifier"), None)
                self._bind_import(text(ident), "", sdk, default=True)
            elif part.type == "named_imports":
                for spec in part.named_children:
                    if spec.type != "import_specifier":
                        continue
                    name = text(spec.child_by_field_name("name"))
                    alias = text(spec.child_by_field_name("alias")) or name
                    self._bind_import(alias, name, sdk, default=False)
                    if name in BATCH_HELPERS:
                        self.m.batch = True

    def _bind_import(
        self, local: str, imported: str, sdk: tuple[str, str] | None, default: bool
    ) -> None:
        if sdk is None or not local:
            return
        which, service = sdk
        if which == "js-v2":
            # The namespace (AWS), or one class from it ({ DynamoDB }), or a clients/ module.
            self.m.names[local] = Binding("v2", service or ("" if default else imported))
        elif imported.endswith("Command"):
            self.m.names[local] = Binding("command", service)
        elif imported:
            self.m.names[local] = Binding("v3-class", service)

    def _declare(self, decl: Node) -> None:
        name_node = decl.child_by_field_name("name")
        value = _unwrap(decl.child_by_field_name("value"))
        if name_node is None or value is None:
            return
        source = _source(value)
        if name_node.type == "object_pattern":
            if _is_process_env(value):
                return  # const { A, B = "x" } = process.env: read by _node
            sdk = _service(source) if source else None
            for prop in name_node.named_children:
                if prop.type == "shorthand_property_identifier_pattern":
                    self._bind_import(text(prop), text(prop), sdk, default=False)
                elif prop.type == "pair_pattern":
                    key = text(prop.child_by_field_name("key"))
                    self._bind_import(text(prop.child_by_field_name("value")), key, sdk, False)
            if source is not None:
                self.m.imports.append(source)
            return
        if name_node.type != "identifier":
            return
        name = text(name_node)
        if source is not None:
            self.m.imports.append(source)
            sdk = _service(source)
            self._bind_import(name, name, sdk, default=True)
            return
        if value.type in FUNCTION_TYPES:
            self.m.top_functions[name] = value
        literal = string_value(value)
        if literal is not None:
            self.m.constants[name] = literal
            return
        binding = self.binding_of(value)
        if binding is not None:
            self.m.names[name] = binding
            return
        env = self.env_name(value)
        if env:
            self.m.env_bound[name] = env

    def _export(self, stmt: Node) -> None:
        source = string_value(stmt.child_by_field_name("source"))
        if source is not None:
            self.m.imports.append(source)
        decl = stmt.child_by_field_name("declaration")
        if decl is not None:
            if decl.type in ("function_declaration", "generator_function_declaration"):
                name = text(decl.child_by_field_name("name"))
                self.m.exports[name] = decl
                self.m.top_functions[name] = decl
            elif decl.type in ("lexical_declaration", "variable_declaration"):
                for d in decl.named_children:
                    if d.type == "variable_declarator":
                        self._declare(d)
                        name = text(d.child_by_field_name("name"))
                        self.m.exports[name] = d.child_by_field_name("value") or d
            elif decl.type == "class_declaration":
                self.m.exports[text(decl.child_by_field_name("name"))] = decl
            return
        value = stmt.child_by_field_name("value")
        if value is not None or any(c.type == "default" for c in stmt.children):
            self.m.exports["default"] = value or stmt
            return
        clause = next((c for c in stmt.named_children if c.type == "export_clause"), None)
        if clause is None:
            self.m.open_exports = True  # export * from "./x"
            return
        for spec in clause.named_children:
            if spec.type == "export_specifier":
                name = text(spec.child_by_field_name("name"))
                alias = text(spec.child_by_field_name("alias")) or name
                self.m.exports[alias] = spec if source else _Ref(name)

    def _commonjs(self, expr: Node) -> None:
        left = expr.child_by_field_name("left")
        right = _unwrap(expr.child_by_field_name("right"))
        target = text(left)
        if target == "module.exports" or target == "exports":
            if right is not None and right.type == "object":
                for prop in right.named_children:
                    if prop.type == "shorthand_property_identifier":
                        self.m.exports[text(prop)] = _Ref(text(prop))
                    elif prop.type == "pair":
                        key = text(prop.child_by_field_name("key")).strip("\"'")
                        self.m.exports[key] = prop.child_by_field_name("value")
                    elif prop.type == "method_definition":
                        self.m.exports[text(prop.child_by_field_name("name"))] = prop
                    else:
                        self.m.open_exports = True  # ...spread
            else:
                self.m.open_exports = True
            return
        for prefix in ("module.exports.", "exports."):
            if target.startswith(prefix) and left is not None and left.type == "member_expression":
                self.m.exports[target[len(prefix) :]] = right
                return
        if left is not None and left.type == "subscript_expression":
            obj = text(left.child_by_field_name("object"))
            index = string_value(left.child_by_field_name("index"))
            if obj in ("exports", "module.exports") and index:
                self.m.exports[index] = right

    def _define_property(self, call: Node) -> None:
        # Object.defineProperty(exports, "handler", ...) is how tsc/esbuild emit exports.
        if text(call.child_by_field_name("function")) != "Object.defineProperty":
            return
        args = call.child_by_field_name("arguments")
        items = args.named_children if args is not None else []
        if len(items) >= 2 and text(items[0]) in ("exports", "module.exports"):
            key = string_value(items[1])
            if key:
                self.m.exports[key] = items[1]

    def _function_of(self, node: Node | None) -> Node | None:
        node = _unwrap(node) if not isinstance(node, _Ref) else node
        if isinstance(node, _Ref):
            return self.m.top_functions.get(node.name)
        if node is not None and node.type == "identifier":
            return self.m.top_functions.get(text(node))
        if node is not None and (node.type in FUNCTION_TYPES or node.type == "method_definition"):
            return node
        return None

    # -- everywhere: env reads, SDK clients and calls ---------------------------------------
    def binding_of(self, node: Node | None) -> Binding | None:
        """The SDK client (or class) ``node`` evaluates to, when it can be followed."""
        node = _unwrap(node)
        if node is None:
            return None
        if node.type == "identifier":
            return self.m.names.get(text(node))
        if node.type == "member_expression":
            obj = self.binding_of(node.child_by_field_name("object"))
            prop = text(node.child_by_field_name("property"))
            if obj is not None and obj.kind == "v2":
                # AWS.DynamoDB, then AWS.DynamoDB.DocumentClient
                return Binding("v2", f"{obj.service}.{prop}" if obj.service else prop)
            return None
        if node.type == "new_expression":
            ctor = self.binding_of(node.child_by_field_name("constructor"))
            if ctor is not None and ctor.kind in ("v2", "v3-class") and ctor.service:
                name = text(node.child_by_field_name("constructor")).rsplit(".", 1)[-1]
                service = ctor.service
                if ctor.kind == "v3-class" and not name.endswith("Client"):
                    service = f"{ctor.service}:{name}"  # aggregated client (new DynamoDB())
                return Binding("client", service)
            return None
        if node.type == "call_expression":
            func = node.child_by_field_name("function")
            # DynamoDBDocumentClient.from(client), DynamoDBDocument.from(client)
            if func is not None and func.type == "member_expression":
                owner = self.binding_of(func.child_by_field_name("object"))
                method = text(func.child_by_field_name("property"))
                if owner is not None and owner.kind == "v3-class" and method == "from":
                    cls = text(func.child_by_field_name("object"))
                    aggregated = "" if cls.endswith("Client") else f":{cls}"
                    return Binding("client", f"{owner.service}{aggregated}")
        return None

    def env_name(self, node: Node | None) -> str:
        node = _unwrap(node)
        if node is None:
            return ""
        if node.type == "identifier":
            return self.m.env_bound.get(text(node), "")
        if node.type == "member_expression" and _is_process_env(node.child_by_field_name("object")):
            return text(node.child_by_field_name("property"))
        if node.type == "subscript_expression" and _is_process_env(
            node.child_by_field_name("object")
        ):
            return self._key(node.child_by_field_name("index")) or ""
        if node.type == "binary_expression":
            return self.env_name(node.child_by_field_name("left"))
        return ""

    def _key(self, node: Node | None) -> str | None:
        value = string_value(node)
        if value is None and node is not None and node.type == "identifier":
            value = self.m.constants.get(text(node))
        return value

    def _node(self, node: Node) -> None:
        kind = node.type
        if kind in ("string_fragment", "property_identifier", "shorthand_property_identifier"):
            if text(node) == "batchItemFailures":
                self.m.batch = True
        elif kind in ("member_expression", "subscript_expression") and _is_process_env(
            node.child_by_field_name("object")
        ):
            self._env_access(node)
        elif _is_process_env(node) and node.parent is not None:
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
            elif parent.type in _TESTING_PARENTS:
                default = True
            elif parent.type == "assignment_expression" and (
                parent.child_by_field_name("left") == node
            ):
                return  # process.env.X = ...: a write
        self.m.env_reads.append(EnvRead(name, default, self.m.spot(node), scope_of(node)))

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
        first = (
            _unwrap(args.named_children[0]) if args is not None and args.named_children else None
        )
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
        if func.type == "identifier":
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
        if text(func) == "require" and (source := _source(node)) is not None:
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
        first = (
            _unwrap(args.named_children[0]) if args is not None and args.named_children else None
        )
        if first is None or first.type != "object":
            return ""
        for prop in first.named_children:
            if prop.type == "pair" and text(prop.child_by_field_name("key")) in RESOURCE_KEYS:
                env = self.env_name(prop.child_by_field_name("value"))
                if env:
                    return env
        return ""


@dataclass(frozen=True, slots=True)
class _Ref:
    """An export naming a top-level binding (``module.exports = { handler }``)."""

    name: str
    type: str = "ref"
