"""One walk over one Python module's tree: the names it binds to ``os.environ``, ``os.getenv``,
boto3 clients, resources and sessions (simple assignments, module constants), and what it reads
from the environment and calls on those clients. A value it cannot follow is left out and the
module marked dynamic, never guessed."""

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
class _Client:
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
    clients: dict[str, _Client] = field(default_factory=dict)
    env_bound: dict[str, str] = field(default_factory=dict)  # name = os.environ["X"]
    env_reads: list[EnvRead] = field(default_factory=list)
    env_dynamic: bool = False
    created: list[SdkClient] = field(default_factory=list)
    calls: list[SdkCall] = field(default_factory=list)
    batch: bool = False
    imports: list[tuple[str, int]] = field(default_factory=list)  # (module, level)
    star_imports: bool = False

    def spot(self, node: ast.AST) -> Spot:
        return Spot(self.file, getattr(node, "lineno", 1), getattr(node, "col_offset", 0) + 1)

    # -- names ------------------------------------------------------------------------------
    def text(self, node: ast.AST | None) -> str | None:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return node.value
        if isinstance(node, ast.Name):
            return self.constants.get(node.id)
        return None

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
    def client_of(self, node: ast.AST) -> _Client | None:
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
            arg = node.args[0] if node.args else _kwarg(node, "service_name")
            service = self.text(arg)
            return _Client(service, factory) if service else None
        # A resource's sub-object: dynamodb.Table(name), s3.Bucket(name), s3.Object(b, k).
        if isinstance(func, ast.Attribute) and func.attr[:1].isupper():
            parent = self.client_of(func.value)
            if parent is not None and parent.kind != "client":
                env = ""
                for arg in node.args[:1]:
                    env = self.env_of(arg)
                return _Client(parent.service, func.attr, env)
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
        if isinstance(node, ast.Name) and node.id in self.env_bound:
            return self.env_bound[node.id]
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


def _kwarg(call: ast.Call, name: str) -> ast.AST | None:
    for kw in call.keywords:
        if kw.arg == name:
            return kw.value
    return None


def _guarded_by_keyerror(handlers: list[ast.ExceptHandler]) -> bool:
    for h in handlers:
        if h.type is None:
            return True
        names = h.type.elts if isinstance(h.type, ast.Tuple) else [h.type]
        if any(isinstance(n, ast.Name) and n.id in ("KeyError", "Exception") for n in names):
            return True
    return False


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
                self.r.batch = True
            # ``from pkg import mod`` may import a submodule: both are followed.
            self.r.imports.append((f"{module}.{alias.name}" if module else alias.name, node.level))
        if module.split(".")[0] in ENV_LIBRARIES:
            self.r.env_dynamic = True
        self.r.imports.append((module, node.level))

    # Scopes ---------------------------------------------------------------------------------
    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        if not self.function_depth:
            self.r.scope = node.name
        self.function_depth.append(node.name)
        self.generic_visit(node)
        self.function_depth.pop()
        if not self.function_depth:
            self.r.scope = ""

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_If(self, node: ast.If) -> None:
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
        guarded = _guarded_by_keyerror(node.handlers)
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
        self.visit(node.value)
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
            self.r.batch = True

    def visit_Name(self, node: ast.Name) -> None:
        if node.id in self.r.env_names:
            # os.environ used as a whole (dict(environ), **environ): reads cannot be listed.
            self.r.env_dynamic = True
        if node.id in BATCH_HELPERS:
            self.r.batch = True

    def visit_Attribute(self, node: ast.Attribute) -> None:
        if self.r.is_environ(node):
            self.r.env_dynamic = True
            return
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
        if isinstance(func, ast.Name) and self.r.scope:
            self.r.calls_in.setdefault(self.r.scope, set()).add(func.id)
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
                SdkClient("boto3", created.service, self.r.spot(node), in_handler)
            )
        if isinstance(func, ast.Attribute):
            owner = self.r.client_of(func.value)
            # dynamodb.Table(...) builds a sub-object (followed by client_of), it calls nothing.
            if owner is not None and not (owner.kind != "client" and func.attr[:1].isupper()):
                op = func.attr if owner.kind == "client" else f"{owner.kind}.{func.attr}"
                env = owner.resource_env
                for name in RESOURCE_KWARGS:
                    value = _kwarg(node, name)
                    if value is not None and not env:
                        env = self.r.env_of(value)
                self.r.calls.append(SdkCall("boto3", owner.service, op, self.r.spot(node), env))
        self.generic_visit(node)
