"""What a rule sees besides the object it checks: the template, the graph, the evaluator, the
date (never the clock) and its own options. ``ctx.finding`` computes location and path."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from lambdalint.engine.finding import Finding
from lambdalint.model.values import Absent, Invalid, Known, Site, Unknown
from lambdalint.severity import Severity
from lambdalint.source.intrinsics import Candidate, Evaluator
from lambdalint.source.location import Location
from lambdalint.source.nodes import Mapping, Node, Scalar, Sequence
from lambdalint.source.template import Template

if TYPE_CHECKING:
    from lambdalint.model.graph import LambdaGraph
    from lambdalint.source.code.from_template import TemplateCode

At = Node | Candidate | Location | Known[Any] | Invalid | Unknown | Absent | Site


@dataclass
class CheckContext:
    template: Template
    graph: LambdaGraph
    evaluator: Evaluator
    as_of: date
    rule_id: str = ""
    severity: Severity = Severity.ERROR
    # The rule's options object (its @check options model), or a mapping for a rule without one.
    options: Any = field(default_factory=dict)
    # The deployment Region (--region), or None when unknown.
    region: str | None = None

    # Each function's code, located (and read) once by the code step; None when not needed.
    code: TemplateCode | None = None

    def deployed(self, model: Any) -> bool:
        """False when the resource's Condition is known to be false: it is never created."""
        condition = getattr(model, "condition", None)
        return condition is None or self.evaluator.condition(condition) is not False

    def candidates(self, node: Node | None) -> list[Candidate]:
        return self.evaluator.candidates(node)

    def value(self, node: Node | None) -> Any:
        return self.evaluator.value(node)

    def finding(
        self,
        message: str,
        at: At,
        resource: str = "",
        path: tuple[str | int, ...] | None = None,
        severity: Severity | None = None,
    ) -> Finding:
        """A finding of the running rule at ``at`` (a node, a candidate or a location).

        For a candidate, the location is where its value was written (a parameter Default, a
        Globals line), and the path is that node's path in the template.
        """
        node: Node | None = None
        if isinstance(at, Site):
            loc = at.loc
            path = at.path if path is None else path
        elif isinstance(at, (Known, Invalid, Unknown, Absent, Candidate)):
            node = at.node
            loc = at.loc
        elif isinstance(at, (Scalar, Mapping, Sequence)):
            node = at
            loc = at.loc
        else:
            loc = at
        if path is None:
            path = self.template.path_of(node) if node is not None else ()
        return Finding(self.rule_id, severity or self.severity, message, loc, resource, path)
