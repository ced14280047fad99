"""The model's output: timed steps and the event's final disposition."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class StepKind(str, Enum):
    ATTEMPT = "attempt"
    WAIT = "wait"
    THROTTLE = "throttle"
    RETURN_TO_QUEUE = "return_to_queue"
    VISIBILITY_EXPIRY = "visibility_expiry"
    REDELIVERY = "redelivery"
    BISECT = "bisect"
    REDRIVE = "redrive"
    DESTINATION = "destination"
    REPEAT = "repeat"
    NOTE = "note"
    END = "end"


class Disposition(str, Enum):
    DELIVERED = "delivered"
    DELIVERED_AFTER_RETRIES = "delivered_after_retries"
    SENT_TO_DLQ = "sent_to_dlq"
    SENT_TO_ON_FAILURE = "sent_to_on_failure"
    DROPPED = "dropped"
    EXPIRED = "expired"
    SHARD_BLOCKED = "shard_blocked"
    PROCESSED_MORE_THAN_ONCE = "processed_more_than_once"
    CALLER_TIMED_OUT = "caller_timed_out"
    RETURNED_ERROR = "returned_error"
    THROTTLED = "throttled"
    REJECTED = "rejected"
    UNKNOWN = "unknown"

    @property
    def lost(self) -> bool:
        """The event is gone without a copy kept anywhere."""
        return self in (Disposition.DROPPED, Disposition.EXPIRED)

    @property
    def text(self) -> str:
        return _TEXT[self]


_TEXT = {
    Disposition.DELIVERED: "delivered",
    Disposition.DELIVERED_AFTER_RETRIES: "delivered after retries",
    Disposition.SENT_TO_DLQ: "sent to the dead-letter queue",
    Disposition.SENT_TO_ON_FAILURE: "sent to the on-failure destination",
    Disposition.DROPPED: "dropped",
    Disposition.EXPIRED: "expired",
    Disposition.SHARD_BLOCKED: "shard blocked until the record expires",
    Disposition.PROCESSED_MORE_THAN_ONCE: "processed more than once",
    Disposition.CALLER_TIMED_OUT: "caller timed out while the function ran on",
    Disposition.RETURNED_ERROR: "error returned to the caller",
    Disposition.THROTTLED: "throttled (the caller gets a 429 error)",
    Disposition.REJECTED: "rejected by Lambda at deployment",
    Disposition.UNKNOWN: "unknown",
}


@dataclass(frozen=True)
class Step:
    """One thing that happens at time ``t`` seconds after the event arrived (None: the time
    depends on a value the template does not fix)."""

    t: float | None
    kind: StepKind
    text: str
    attempt: int | None = None
    # Facts (rows of rules/facts/invocation.yaml) this step follows from.
    facts: tuple[str, ...] = ()


@dataclass(frozen=True)
class Trace:
    function: str
    trigger: str
    scenario: str
    steps: tuple[Step, ...]
    disposition: Disposition
    # Why the disposition is what it is, in one sentence (shown after the timeline).
    reason: str = ""
    # For a poison-record batch: what happens to the other, good records (None: no others).
    others: Disposition | None = None
    # Inputs that were unknown and what that means for this trace.
    unknowns: tuple[str, ...] = field(default=())

    @property
    def attempts(self) -> int:
        return sum(1 for s in self.steps if s.kind is StepKind.ATTEMPT)

    def attempt_times(self) -> list[float | None]:
        return [s.t for s in self.steps if s.kind is StepKind.ATTEMPT]
