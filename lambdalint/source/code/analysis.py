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


@dataclass(frozen=True, slots=True)
class SdkClient:
    # The SDK's own name for the service: boto3 ``dynamodb``, JS v2 ``DynamoDB``, JS v3 package
    # ``client-dynamodb``; ``sdk`` says which, so the action map can read it.
    sdk: str
    service: str
    at: Spot
    in_handler: bool = False


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


def mark_reached(reads: list[EnvRead], main: bool, reached: set[str]) -> list[EnvRead]:
    """``reads`` of one module with ``reached`` set: module-level reads always run; reads in
    functions count only in the handler's own module, for functions the handler calls."""
    from dataclasses import replace

    return [replace(r, reached=r.scope == "" or (main and r.scope in reached)) for r in reads]


def unknown_handler(why: str) -> CodeAnalysis:
    return CodeAnalysis(Handler(HandlerStatus.UNKNOWN, why=why))
