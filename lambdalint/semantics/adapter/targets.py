"""Dead-letter queues and destinations as the simulator's targets: what kind of resource each
names (SQS, SNS, Lambda, EventBridge, S3) and whether it is FIFO, read from the model's
``DeadLetter`` / ``Destination`` and the queue or topic model they name."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from lambdalint.model.lambda_ import DeadLetter, Destination
from lambdalint.model.sources import Queue, Topic
from lambdalint.model.targets import TargetKind
from lambdalint.model.values import Field
from lambdalint.semantics import config as c
from lambdalint.semantics.adapter.values import boolean, present, single

if TYPE_CHECKING:
    from lambdalint.model.graph import LambdaGraph
    from lambdalint.source.template import Template

_ARN_SERVICE = re.compile(r"arn:[^:]*:([a-z0-9-]+):")
_TARGET_TYPES = {
    "AWS::SQS::Queue": c.TargetKind.SQS,
    "AWS::SNS::Topic": c.TargetKind.SNS,
    "AWS::Lambda::Function": c.TargetKind.LAMBDA,
    "AWS::Serverless::Function": c.TargetKind.LAMBDA,
    "AWS::Lambda::Alias": c.TargetKind.LAMBDA,
    "AWS::Events::EventBus": c.TargetKind.EVENTBRIDGE,
    "AWS::S3::Bucket": c.TargetKind.S3,
}
_TARGET_SERVICES = {
    "sqs": c.TargetKind.SQS,
    "sns": c.TargetKind.SNS,
    "lambda": c.TargetKind.LAMBDA,
    "events": c.TargetKind.EVENTBRIDGE,
    "s3": c.TargetKind.S3,
}
# SAM's DestinationConfig / DeadLetterQueue ``Type`` values.
_SAM_TYPES = {
    "SQS": c.TargetKind.SQS,
    "SNS": c.TargetKind.SNS,
    "Lambda": c.TargetKind.LAMBDA,
    "EventBridge": c.TargetKind.EVENTBRIDGE,
    "S3Bucket": c.TargetKind.S3,
}


class Targets:
    """Reads targets against one template and its graph."""

    def __init__(self, template: Template, graph: LambdaGraph) -> None:
        self.template = template
        self.graph = graph

    def target(self, to: DeadLetter | Destination, name: str) -> c.OptTarget:
        """What a DLQ's ``TargetArn`` / a destination's ``Destination`` names; None when
        absent. Without one, SAM's ``Type`` names the queue or topic SAM creates."""
        typed = to.kind.only() if to.kind.written else None
        there = present(to.arn, name) if to.arn.written else (typed is not None)
        if isinstance(there, c.Unknown) or not there:
            return there if isinstance(there, c.Unknown) else None
        for t in to.targets:
            res = self.template.resources.get(t.node_id) if t.node_id else None
            if t.kind is TargetKind.RESOLVED and res is not None:
                return self.resolved(res.logical_id, res.type)
        literal = to.arn.only() if to.arn.written else None
        external = self.external(literal) if literal else None
        if external is not None:
            return external
        if typed in _SAM_TYPES:
            # SAM creates a standard queue or topic when Destination is omitted.
            return c.Target(_SAM_TYPES[typed], "", None if to.arn.written else False)
        return c.Target(c.TargetKind.OTHER, "")

    def resolved(self, logical_id: str, resource_type: str) -> c.Target:
        """A target that is a resource of this template."""
        kind = _TARGET_TYPES.get(resource_type, c.TargetKind.OTHER)
        return c.Target(kind, logical_id, self._fifo(logical_id, kind))

    def external(self, arn: str) -> c.Target | None:
        """A literal ARN of a service Lambda can deliver to; None for anything else."""
        found = _ARN_SERVICE.search(arn)
        service = found.group(1) if found else None
        if service not in _TARGET_SERVICES:
            return None
        return c.Target(_TARGET_SERVICES[service], arn, arn.endswith(".fifo"))

    def _fifo(self, logical_id: str, kind: c.TargetKind) -> bool | None:
        model = self.graph.get(logical_id)
        if kind not in (c.TargetKind.SQS, c.TargetKind.SNS):
            return False
        if not isinstance(model, (Queue, Topic)):
            return False
        flag = boolean(model.fifo, "FifoQueue" if kind is c.TargetKind.SQS else "FifoTopic")
        return flag if isinstance(flag, bool) else (None if flag else False)

    def dead_letter(self, dlq: DeadLetter | None) -> c.OptTarget:
        if dlq is None:
            return None
        shape = present(dlq.written, "DeadLetterQueue")
        if isinstance(shape, c.Unknown) or not shape:
            return shape if isinstance(shape, c.Unknown) else None
        return self.target(dlq, "DeadLetterQueue.TargetArn")

    def destination(self, config: Field[bool], to: Destination | None, which: str) -> c.OptTarget:
        """``DestinationConfig.<which>`` (OnSuccess / OnFailure)."""
        if config.written and not single(config):
            return c.Unknown("DestinationConfig is not known statically")
        if to is None:
            return None
        if not single(to.written):
            return c.Unknown(f"{which} is not known statically")
        return self.target(to, f"{which}.Destination")
