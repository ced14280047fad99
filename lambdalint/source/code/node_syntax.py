"""The tree-sitter vocabulary the Node.js readers share: literal values, the SDK module names,
the per-module record (``Module``) and where a node sits (the top-level function around it)."""

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
TESTING_PARENTS = frozenset({"parenthesized_expression", "ternary_expression", "unary_expression"})

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


def unwrap(node: Node | None) -> Node | None:
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
    # The scopes that build a batchItemFailures response; the names batch helpers are bound to.
    batch_scopes: set[str] = field(default_factory=set)
    batch_names: set[str] = field(default_factory=set)
    # Top-level names used at module level other than in an export (registered, passed): what
    # the handler may reach beyond what it calls (``analysis.Reach``).
    top_refs: set[str] = field(default_factory=set)
    # ``const routes = { get: getItem }`` at module level: the names a top-level binding holds,
    # which may run where the binding is used.
    top_binds: dict[str, set[str]] = field(default_factory=dict)
    # Top-level functions, classes, exports and environment bindings: the scopes a reach can
    # rule out (any other may run: an anonymous callback, a function in an object literal).
    defined: set[str] = field(default_factory=set)
    imports: list[str] = field(default_factory=list)
    # ``import type ... from "x"`` (TypeScript): no code loads at run time.
    type_imports: list[str] = field(default_factory=list)
    # A require() or import() of a computed name: the code's AWS calls are not all visible.
    sdk_dynamic: bool = False
    names: dict[str, Binding] = field(default_factory=dict)
    constants: dict[str, str] = field(default_factory=dict)
    env_bound: dict[str, str] = field(default_factory=dict)
    top_functions: dict[str, Node] = field(default_factory=dict)
    handler_node: Node | None = None
    # Names each top-level function calls directly (for the reads a handler reaches), and
    # ``obj.fn`` for a call on a module namespace.
    calls_in: dict[str, set[str]] = field(default_factory=dict)
    # Names imported from local modules: (specifier, exported name or "*" for the namespace,
    # local name), for following bindings across modules (node_links).
    local_imports: list[tuple[str, str, str]] = field(default_factory=list)
    # ``exports.s3 = new AWS.S3()``: the SDK binding exported under that name (no local name).
    exported_bindings: dict[str, Binding] = field(default_factory=dict)

    def spot(self, node: Node) -> Spot:
        return Spot(self.file, node.start_point[0] + 1, node.start_point[1] + 1)


def walk_tree(node: Node) -> Iterator[Node]:
    stack = [node]
    while stack:
        n = stack.pop()
        yield n
        stack.extend(reversed(n.named_children))


def is_process_env(node: Node | None) -> bool:
    node = unwrap(node)
    return (
        node is not None
        and node.type == "member_expression"
        and text(node.child_by_field_name("object")) == "process"
        and text(node.child_by_field_name("property")) == "env"
    )


def source_of(call: Node) -> str | None:
    """``require("x")`` -> ``x``."""
    call = unwrap(call)
    if call is None or call.type != "call_expression":
        return None
    if text(call.child_by_field_name("function")) != "require":
        return None
    args = call.child_by_field_name("arguments")
    return string_value(args.named_children[0]) if args and args.named_children else None


def service_of(source: str) -> tuple[str, str] | None:
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
    if outer.type == "method_definition" and outer.parent is not None:
        owner = outer.parent.parent  # class_body -> class: its methods run with the class
        if owner is not None and owner.type in ("class_declaration", "class"):
            outer = owner
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


@dataclass(frozen=True, slots=True)
class Ref:
    """An export naming a top-level binding (``module.exports = { handler }``)."""

    name: str
    type: str = "ref"
