"""What one Python module binds, as a walk collects it: aliases of ``os.environ`` and
``os.getenv``, boto3 sessions, clients and resources (followed through simple assignments), module
string constants, and the environment reads and SDK clients recorded along the way."""

from __future__ import annotations

import ast
from dataclasses import dataclass, field

from lambdalint.source.code.analysis import EnvRead, SdkCall, SdkClient, Spot

# Keyword arguments that name the resource a boto3 call acts on.
RESOURCE_KWARGS = (
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
)
# Client settings that, computed in the handler, make a per-invocation client legitimate.
PER_CALL_KWARGS = frozenset(
    {
        "aws_access_key_id",
        "aws_secret_access_key",
        "aws_session_token",
        "region_name",
        "endpoint_url",
        "config",
    }
)
# Names whose use means a Partial Batch Response is built (Powertools for AWS Lambda).
BATCH_HELPERS = frozenset(
    {
        "process_partial_response",
        "async_process_partial_response",
        "BatchProcessor",
        "AsyncBatchProcessor",
        "SqsFifoPartialProcessor",
        "batch_processor",
    }
)
# Imports that read environment variables by their own rules (settings libraries).
ENV_LIBRARIES = ("pydantic_settings", "environs", "decouple", "dotenv")


@dataclass(frozen=True, slots=True)
class Client:
    service: str
    # "client", "resource", or a resource's sub-object type ("Table", "Bucket", "Object"...).
    kind: str
    resource_env: str = ""


@dataclass
class Reader:
    """One module's facts, collected by one walk of its tree."""

    file: str
    # The top-level function being walked ("" at module level), and the names each one calls.
    scope: str = ""
    calls_in: dict[str, set[str]] = field(default_factory=dict)
    # Variables tested by the enclosing ``if`` statements.
    tested: list[set[str]] = field(default_factory=list)
    constants: dict[str, str] = field(default_factory=dict)
    env_names: set[str] = field(default_factory=set)  # os.environ aliases
    getenv_names: set[str] = field(default_factory=set)  # os.getenv aliases
    os_names: set[str] = field(default_factory=set)
    boto3_names: set[str] = field(default_factory=set)
    factory_names: dict[str, str] = field(default_factory=dict)  # from boto3 import client
    session_names: set[str] = field(default_factory=set)
    clients: dict[str, Client] = field(default_factory=dict)
    env_bound: dict[str, str] = field(default_factory=dict)  # name = os.environ["X"]
    env_reads: list[EnvRead] = field(default_factory=list)
    env_dynamic: bool = False
    created: list[SdkClient] = field(default_factory=list)
    calls: list[SdkCall] = field(default_factory=list)
    # The scopes that build a batchItemFailures response, and the names the batch helpers are
    # imported under.
    batch_scopes: set[str] = field(default_factory=set)
    batch_names: set[str] = field(default_factory=lambda: set(BATCH_HELPERS))
    # Top-level definitions with decorators (a decorator may register them: a router), names
    # used at module level, and whether the module looks names up at run time (``globals()``):
    # what the handler may reach beyond what it calls (``analysis.Reach``).
    decorated: set[str] = field(default_factory=set)
    # Top-level def and class names (and the ``__main__`` block): the scopes a reach can rule out.
    defined: set[str] = field(default_factory=set)
    top_refs: set[str] = field(default_factory=set)
    # ``ROUTES = {"get": get_item}`` at module level: the names a module-level binding holds,
    # which may run where the binding is used (a dispatch table, ``handler = wrap(inner)``).
    top_binds: dict[str, set[str]] = field(default_factory=dict)
    lookup_dynamic: bool = False
    imports: list[tuple[str, int]] = field(default_factory=list)  # (module, level)
    # The modules as the import statements name them (``import a.b``: a.b; ``from a import b``:
    # a), to tell local, standard library and third-party code apart.
    imported: list[tuple[str, int]] = field(default_factory=list)
    # ``from module import name as bound``: (module, level, name, bound), and ``import a.b as m``:
    # (a.b, m), so names bound in another local module can be followed into this one.
    from_names: list[tuple[str, int, str, str]] = field(default_factory=list)
    module_aliases: list[tuple[str, str]] = field(default_factory=list)
    star_imports: bool = False
    # A client or resource whose service lambdalint cannot read (``boto3.client(name)``).
    sdk_dynamic: bool = False

    def spot(self, node: ast.AST) -> Spot:
        return Spot(self.file, getattr(node, "lineno", 1), getattr(node, "col_offset", 0) + 1)

    # -- names ------------------------------------------------------------------------------
    def text(self, node: ast.AST | None) -> str | None:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return node.value
        key = self.key(node) if isinstance(node, (ast.Name, ast.Attribute)) else None
        return self.constants.get(key) if key is not None else None

    def is_environ(self, node: ast.AST) -> bool:
        if isinstance(node, ast.Name):
            return node.id in self.env_names
        return (
            isinstance(node, ast.Attribute)
            and node.attr == "environ"
            and isinstance(node.value, ast.Name)
            and node.value.id in self.os_names
        )

    def is_getenv(self, node: ast.AST) -> bool:
        if isinstance(node, ast.Name):
            return node.id in self.getenv_names
        return (
            isinstance(node, ast.Attribute)
            and node.attr == "getenv"
            and isinstance(node.value, ast.Name)
            and node.value.id in self.os_names
        )

    def key(self, node: ast.AST) -> str | None:
        """``x`` or ``self.x``: the names assignments are followed through."""
        if isinstance(node, ast.Name):
            return node.id
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            return f"{node.value.id}.{node.attr}"
        return None

    # -- environment ------------------------------------------------------------------------
    def env_read(self, node: ast.AST, guarded: bool) -> str | None:
        """The variable ``node`` reads, recording the read; None when it is no env read."""
        name: str | None = None
        default = guarded
        found = False
        if isinstance(node, ast.Subscript) and self.is_environ(node.value):
            found, name = True, self.text(node.slice)
        elif isinstance(node, ast.Call):
            func = node.func
            if self.is_getenv(func) or (
                isinstance(func, ast.Attribute)
                and func.attr in ("get", "setdefault", "pop")
                and self.is_environ(func.value)
            ):
                found, name = True, self.text(node.args[0]) if node.args else None
                default = True
        elif (
            isinstance(node, ast.Compare)
            and len(node.ops) == 1
            and isinstance(node.ops[0], (ast.In, ast.NotIn))
            and self.is_environ(node.comparators[0])
        ):
            found, name, default = True, self.text(node.left), True
        if not found:
            return None
        if name is None:
            self.env_dynamic = True
            return None
        default = default or any(name in names for names in self.tested)
        self.env_reads.append(EnvRead(name, default, self.spot(node), self.scope))
        return name

    # -- boto3 ------------------------------------------------------------------------------
    def client_of(self, node: ast.AST) -> Client | None:
        """The client or resource ``node`` evaluates to, when it can be followed."""
        key = self.key(node)
        if key is not None and key in self.clients:
            return self.clients[key]
        if not isinstance(node, ast.Call):
            return None
        func = node.func
        factory: str | None = None
        if isinstance(func, ast.Name) and func.id in self.factory_names:
            factory = self.factory_names[func.id]
        elif isinstance(func, ast.Attribute) and func.attr in ("client", "resource"):
            owner = func.value
            if (
                (isinstance(owner, ast.Name) and owner.id in self.boto3_names | self.session_names)
                or self.is_session(owner)
                or (self.key(owner) or "") in self.session_names
            ):
                factory = func.attr
        if factory is not None:
            arg = node.args[0] if node.args else kwarg(node, "service_name")
            service = self.text(arg)
            if not service:
                self.sdk_dynamic = True
                return None
            return Client(service, factory)
        # A resource's sub-object: dynamodb.Table(name), s3.Bucket(name), s3.Object(b, k).
        if isinstance(func, ast.Attribute) and func.attr[:1].isupper():
            parent = self.client_of(func.value)
            if parent is not None and parent.kind != "client":
                env = ""
                for arg in node.args[:1]:
                    env = self.env_of(arg)
                return Client(parent.service, func.attr, env)
        return None

    def is_session(self, node: ast.AST) -> bool:
        """``boto3.Session()`` / ``boto3.session.Session()``."""
        if not isinstance(node, ast.Call):
            return False
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr == "Session":
            base = func.value
            if isinstance(base, ast.Name) and base.id in self.boto3_names:
                return True
            return (
                isinstance(base, ast.Attribute)
                and base.attr == "session"
                and isinstance(base.value, ast.Name)
                and base.value.id in self.boto3_names
            )
        return isinstance(func, ast.Name) and func.id in self.session_names

    def env_of(self, node: ast.AST) -> str:
        key = self.key(node) if isinstance(node, (ast.Name, ast.Attribute)) else None
        if key is not None and key in self.env_bound:
            return self.env_bound[key]
        for sub in ast.walk(node):
            name = self._env_name(sub)
            if name:
                return name
        return ""

    def _env_name(self, node: ast.AST) -> str:
        if isinstance(node, ast.Subscript) and self.is_environ(node.value):
            return self.text(node.slice) or ""
        if isinstance(node, ast.Call):
            func = node.func
            getter = self.is_getenv(func) or (
                isinstance(func, ast.Attribute)
                and func.attr == "get"
                and self.is_environ(func.value)
            )
            if getter and node.args:
                return self.text(node.args[0]) or ""
        return ""


def kwarg(call: ast.Call, name: str) -> ast.AST | None:
    for kw in call.keywords:
        if kw.arg == name:
            return kw.value
    return None


def guarded_by_keyerror(handlers: list[ast.ExceptHandler]) -> bool:
    for h in handlers:
        if h.type is None:
            return True
        names = h.type.elts if isinstance(h.type, ast.Tuple) else [h.type]
        if any(isinstance(n, ast.Name) and n.id in ("KeyError", "Exception") for n in names):
            return True
    return False
