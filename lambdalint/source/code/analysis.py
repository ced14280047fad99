"""What a static reading of function code found, language-neutral and frozen: the handler, the
environment variables read, the AWS SDK clients created and the operations called on them.

"Unknown" is explicit: a reader that cannot follow a value leaves it out and marks the analysis
incomplete, so that no rule concludes from an absence it could not prove.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


@dataclass(frozen=True, slots=True)
class Spot:
    """A place in user code: the file relative to the code folder (``inline`` for inline code),
    1-based line and column."""

    file: str
    line: int
    col: int = 1

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


class HandlerStatus(Enum):
    FOUND = "found"
    NO_FILE = "no-file"
    NO_FUNCTION = "no-function"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class Handler:
    status: HandlerStatus
    # The file the handler module resolved to, or the candidates tried when there is none.
    file: str = ""
    tried: tuple[str, ...] = ()
    function: str = ""
    at: Spot | None = None
    # Why the signature cannot work, or "" (also "" when unknown: decorated, assigned).
    signature_problem: str = ""
    why: str = ""


@dataclass(frozen=True, slots=True)
class EnvRead:
    name: str
    has_default: bool
    at: Spot
    # The top-level function the read is in ("" at module level: it runs on import).
    scope: str = ""
    # Runs when this function's handler is invoked: at module level, in the handler, or in a
    # function of the handler's module the handler calls by name. False when not shown.
    reached: bool = True
    # Shown not to run for this handler (another handler's function in a shared module).
    unreached: bool = False


@dataclass(frozen=True, slots=True)
class SdkClient:
    # The SDK's own name for the service: boto3 ``dynamodb``, JS v2 ``DynamoDB``, JS v3 package
    # ``client-dynamodb``; ``sdk`` says which, so the action map can read it.
    sdk: str
    service: str
    at: Spot
    in_handler: bool = False
    # The top-level definition the client is created in ("" at module level), and whether it
    # runs for this function's handler: True, False (shown not to), None (cannot tell).
    scope: str = ""
    reached: bool | None = True


@dataclass(frozen=True, slots=True)
class SdkCall:
    sdk: str
    service: str
    # The operation as the code spells it (``put_item``, ``putItem``, ``PutItemCommand``), or a
    # method of a higher-level object (``Table.put_item``, ``DocumentClient.put``).
    operation: str
    at: Spot
    # The environment variable whose value names the resource the call acts on, when known.
    resource_env: str = ""
    # As for SdkClient: where the call is, and whether this function's handler reaches it.
    scope: str = ""
    reached: bool | None = True


@dataclass(frozen=True, slots=True)
class SyntaxProblem:
    at: Spot
    message: str


@dataclass(frozen=True, slots=True)
class CodeAnalysis:
    handler: Handler
    env_reads: tuple[EnvRead, ...] = ()
    # Every file reachable from the handler was read and no environment access was dynamic
    # (``dict(os.environ)``, a name lambdalint could not follow): only then is "never read" true.
    env_complete: bool = False
    clients: tuple[SdkClient, ...] = ()
    calls: tuple[SdkCall, ...] = ()
    # Every AWS SDK client the code can create is in ``clients`` with its service: every file
    # reachable from the handler was read, every import is local, standard library or the SDK
    # itself, and no client's service is computed. Only then is "never calls service X" true.
    sdk_complete: bool = False
    syntax_errors: tuple[SyntaxProblem, ...] = ()
    # True: the code builds a batchItemFailures response; False: proven not to; None: unknown.
    returns_batch_failures: bool | None = None
    files: tuple[str, ...] = ()


def closure(start: set[str], calls: dict[str, set[str]]) -> set[str]:
    """The top-level functions reachable from ``start`` through direct calls by name."""
    seen = set(start)
    pending = list(start)
    while pending:
        for callee in calls.get(pending.pop(), ()):
            if callee not in seen:
                seen.add(callee)
                pending.append(callee)
    return seen


# The pseudo-scope the walk for what may run starts from: a module's decorated definitions and
# the names it uses at module level (python_links, node_links).
LOOSE = "<loose>"


@dataclass(frozen=True, slots=True)
class Reach:
    """What one module runs when the handler is invoked: module-level code always, the
    top-level definitions in ``surely`` (the handler and what it calls or names, transitively),
    and maybe those in ``maybe`` (decorated, named at module level: registered or passed
    somewhere lambdalint does not follow). ``maybe`` None: everything may run (the module looks
    names up dynamically, ``globals()``). Only a scope in ``known`` (the module's top-level
    definitions) can be shown not to run: any other (a function in an object literal, an
    anonymous callback) may."""

    surely: frozenset[str] = frozenset()
    maybe: frozenset[str] | None = frozenset()
    known: frozenset[str] = frozenset()

    def of(self, scope: str) -> bool | None:
        """True: runs for this handler; False: shown not to; None: cannot tell."""
        if scope == "" or scope in self.surely:
            return True
        if self.maybe is None or scope in self.maybe or scope not in self.known:
            return None
        return False


def mark_reached(reads: list[EnvRead], reach: Reach) -> list[EnvRead]:
    """``reads`` of one module with ``reached`` set: only reads shown to run count."""
    from dataclasses import replace

    out = []
    for r in reads:
        answer = reach.of(r.scope)
        out.append(replace(r, reached=answer is True, unreached=answer is False))
    return out


def mark_calls(calls: list[SdkCall], reach: Reach) -> list[SdkCall]:
    from dataclasses import replace

    return [replace(c, reached=reach.of(c.scope)) for c in calls]


def mark_clients(clients: list[SdkClient], reach: Reach) -> list[SdkClient]:
    from dataclasses import replace

    return [replace(c, reached=reach.of(c.scope)) for c in clients]


def batch_answer(
    scopes: dict[str, set[str]], reach: dict[str, Reach], complete: bool
) -> bool | None:
    """Whether the handler builds a batchItemFailures response, from where each module shows
    it (file -> scopes): True when a reached scope does, False only when every file was read
    and no scope that may run does, else None."""
    answers = {reach.get(f, Reach()).of(s) for f, found in scopes.items() for s in found}
    if True in answers:
        return True
    if None in answers or not complete:
        return None
    return False


def unknown_handler(why: str) -> CodeAnalysis:
    return CodeAnalysis(Handler(HandlerStatus.UNKNOWN, why=why))
