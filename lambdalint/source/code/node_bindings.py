"""Top-level bindings of one JavaScript / TypeScript module: imports (the AWS SDK's included),
``const`` bindings followed one step, and what the module exports (CommonJS and ES module forms,
``Object.defineProperty(exports, ...)`` as tsc and esbuild emit it)."""

from __future__ import annotations

from lambdalint.source.code.node_syntax import (
    BATCH_HELPERS,
    FUNCTION_TYPES,
    Binding,
    Module,
    Node,
    Ref,
    is_process_env,
    service_of,
    source_of,
    string_value,
    text,
    unwrap,
)


class Bindings:
    def __init__(self, module: Module, handler: str | None) -> None:
        self.m = module
        self.handler = handler
        # Top-level functions, classes and local imports: identifiers worth following.
        self.named: set[str] = set()
        # Top-level names bound to an environment variable (``const { TABLE } = process.env``):
        # the read counts for a handler that uses the name (``analysis.Reach``): in JavaScript
        # an unset variable reads as undefined, harmless until used.
        self.env_top: set[str] = set()

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
        if any(c.type == "type" for c in stmt.children):
            self.m.type_imports.append(source)  # import type: erased when compiled
        sdk = service_of(source)
        clause = next((c for c in stmt.named_children if c.type == "import_clause"), None)
        if clause is None:
            return
        local = source.startswith(".")
        for part in clause.named_children:
            if part.type == "identifier":  # default import
                self._bind_import(text(part), text(part), sdk, default=True)
                if local:
                    self.m.local_imports.append((source, "default", text(part)))
            elif part.type == "namespace_import":
                ident = next((c for c in part.named_children if c.type == "identifier"), None)
                self._bind_import(text(ident), "", sdk, default=True)
                if local and ident is not None:
                    self.m.local_imports.append((source, "*", text(ident)))
            elif part.type == "named_imports":
                for spec in part.named_children:
                    if spec.type != "import_specifier":
                        continue
                    name = text(spec.child_by_field_name("name"))
                    alias = text(spec.child_by_field_name("alias")) or name
                    self._bind_import(alias, name, sdk, default=False)
                    if local:
                        self.m.local_imports.append((source, name, alias))
                    if name in BATCH_HELPERS:
                        self.m.batch_names.add(alias)

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
        value = unwrap(decl.child_by_field_name("value"))
        if name_node is None or value is None:
            return
        source = source_of(value)
        if name_node.type == "object_pattern":
            if is_process_env(value):
                return  # const { A, B = "x" } = process.env: read by _node
            sdk = service_of(source) if source else None
            local = source is not None and source.startswith(".")
            for prop in name_node.named_children:
                pair: tuple[str, str] | None = None
                if prop.type == "shorthand_property_identifier_pattern":
                    pair = (text(prop), text(prop))
                elif prop.type == "pair_pattern":
                    pair = (
                        text(prop.child_by_field_name("key")),
                        text(prop.child_by_field_name("value")),
                    )
                if pair is not None:
                    self._bind_import(pair[1], pair[0], sdk, default=False)
                    if local and source is not None:
                        self.m.local_imports.append((source, pair[0], pair[1]))
            if source is not None:
                self.m.imports.append(source)
            return
        if name_node.type != "identifier":
            return
        name = text(name_node)
        if source is not None:
            self.m.imports.append(source)
            sdk = service_of(source)
            self._bind_import(name, name, sdk, default=True)
            if source.startswith("."):
                self.m.local_imports.append((source, "*", name))  # const db = require("./db")
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
                self.m.exports[alias] = spec if source else Ref(name)

    def _commonjs(self, expr: Node) -> None:
        left = expr.child_by_field_name("left")
        right = unwrap(expr.child_by_field_name("right"))
        target = text(left)
        if target == "module.exports" or target == "exports":
            if right is not None and right.type == "object":
                for prop in right.named_children:
                    if prop.type == "shorthand_property_identifier":
                        self.m.exports[text(prop)] = Ref(text(prop))
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
                name = target[len(prefix) :]
                self.m.exports[name] = right
                if (binding := self.binding_of(right)) is not None:
                    self.m.exported_bindings[name] = binding
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
        node = unwrap(node) if not isinstance(node, Ref) else node
        if isinstance(node, Ref):
            return self.m.top_functions.get(node.name)
        if node is not None and node.type == "identifier":
            return self.m.top_functions.get(text(node))
        if node is not None and (node.type in FUNCTION_TYPES or node.type == "method_definition"):
            return node
        return None

    # -- everywhere: env reads, SDK clients and calls ---------------------------------------
    def binding_of(self, node: Node | None) -> Binding | None:
        """The SDK client (or class) ``node`` evaluates to, when it can be followed."""
        node = unwrap(node)
        if node is None:
            return None
        if node.type == "identifier":
            return self.m.names.get(text(node))
        if node.type == "member_expression":
            if (imported := self.m.names.get(text(node))) is not None:
                return imported  # db.client, from a local module's namespace (node_links)
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
        node = unwrap(node)
        if node is None:
            return ""
        if node.type in ("identifier", "member_expression") and text(node) in self.m.env_bound:
            return self.m.env_bound[text(node)]
        if node.type == "identifier":
            return ""
        if node.type == "member_expression" and is_process_env(node.child_by_field_name("object")):
            return text(node.child_by_field_name("property"))
        if node.type == "subscript_expression" and is_process_env(
            node.child_by_field_name("object")
        ):
            return self._key(node.child_by_field_name("index")) or ""
        if node.type == "binary_expression":
            return self.env_name(node.child_by_field_name("left"))
        return ""

    def _key(self, node: Node | None) -> str | None:
        value = string_value(node)
        if value is None and node is not None and node.type in ("identifier", "member_expression"):
            value = self.m.constants.get(text(node))
        return value
