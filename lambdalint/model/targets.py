"""What a reference names: a resource of this template (with the qualifier it invokes, for a
function), an ARN from outside, or something that cannot be known. One representation for
every link in the model: a function's role, a trigger's function, a DLQ, a destination.

``Fn::If`` gives one target per branch, each with its condition. Unknown never yields an error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from lambdalint.model.values import Conditions
from lambdalint.source.location import Location


class QualifierKind(str, Enum):
    UNQUALIFIED = "unqualified"
    LATEST = "$LATEST"
    ALIAS = "alias"
    VERSION = "version"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class Qualifier:
    """The version a function reference invokes. ``name`` is the alias name or the version
    (a number, or the logical id of an ``AWS::Lambda::Version`` of this template)."""

    kind: QualifierKind
    name: str | None = None

    def __str__(self) -> str:
        if self.kind in (QualifierKind.ALIAS, QualifierKind.VERSION) and self.name:
            return f"{self.kind.value} {self.name}"
        return self.kind.value


UNQUALIFIED = Qualifier(QualifierKind.UNQUALIFIED)
LATEST = Qualifier(QualifierKind.LATEST)
UNKNOWN_QUALIFIER = Qualifier(QualifierKind.UNKNOWN)


def qualifier_of(text: str | None) -> Qualifier:
    """The qualifier a ``:suffix`` of a function ARN (or a Qualifier property) names."""
    if text is None or text == "":
        return UNQUALIFIED
    if text == "$LATEST":
        return LATEST
    if text.isdigit():
        return Qualifier(QualifierKind.VERSION, text)
    return Qualifier(QualifierKind.ALIAS, text)


class TargetKind(str, Enum):
    RESOLVED = "resolved"
    EXTERNAL = "external"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class Target:
    kind: TargetKind
    loc: Location
    conditions: Conditions = ()
    # RESOLVED: the logical id of the graph node named (a function, alias, version, queue ...).
    node_id: str | None = None
    # RESOLVED through Fn::GetAtt: the attribute (``Arn``, ``QueueName``).
    attribute: str | None = None
    # For a function, alias or version: the function, and the qualifier invoked.
    function_id: str | None = None
    qualifier: Qualifier = UNQUALIFIED
    # EXTERNAL: the ARN (or name) as written.
    arn: str | None = None
    # UNKNOWN: why.
    why: str = ""

    @property
    def resolved(self) -> bool:
        return self.kind is TargetKind.RESOLVED

    def describe(self) -> str:
        if self.kind is TargetKind.RESOLVED:
            return self.node_id or "?"
        if self.kind is TargetKind.EXTERNAL:
            return self.arn or "?"
        return f"unknown ({self.why})"


# arn:partition:service:region:account:resource
_ARN = re.compile(r"^arn:[^:]*:([a-z0-9-]+):[^:]*:[^:]*:(.*)$")


def arn_service(text: str) -> str | None:
    m = _ARN.match(text)
    return m.group(1) if m else None


def lambda_function_arn(text: str) -> tuple[str, Qualifier] | None:
    """(function name, qualifier) of a Lambda function ARN, else None."""
    m = _ARN.match(text)
    if m is None or m.group(1) != "lambda":
        return None
    parts = m.group(2).split(":")
    if len(parts) < 2 or parts[0] != "function":
        return None
    return parts[1], qualifier_of(parts[2] if len(parts) > 2 else None)
