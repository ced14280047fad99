"""Three- and four-valued answers: a static linter often cannot know, and must say so."""

from __future__ import annotations

from enum import Enum


class Tri(Enum):
    """Whether a pattern matches a value: certainly, certainly not, or possibly."""

    NO = 0
    MAYBE = 1
    YES = 2

    def __and__(self, other: Tri) -> Tri:
        return self if self.value <= other.value else other

    def __or__(self, other: Tri) -> Tri:
        return self if self.value >= other.value else other

    def __invert__(self) -> Tri:
        return {Tri.NO: Tri.YES, Tri.YES: Tri.NO, Tri.MAYBE: Tri.MAYBE}[self]


class Answer(str, Enum):
    """Does a policy allow a request?

    ``conditional``: allowed only when a Condition (IAM, or a template condition) holds.
    ``unknown``: the template does not say (an unknown policy, an unresolvable resource).
    Only ``no`` may ever support a missing-permission finding.
    """

    YES = "yes"
    CONDITIONAL = "conditional"
    UNKNOWN = "unknown"
    NO = "no"

    @property
    def rank(self) -> int:
        return _RANK[self]

    def both(self, other: Answer) -> Answer:
        """Allowed by two policies at once (identity policy and permissions boundary)."""
        return self if self.rank <= other.rank else other


_RANK = {Answer.NO: 0, Answer.UNKNOWN: 1, Answer.CONDITIONAL: 2, Answer.YES: 3}
