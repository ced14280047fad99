"""LL104 environment-too-large (docs: rules/catalog/LL104.yaml).

Lambda does not document how the 4 KB is measured; its own error message prints the JSON-encoded
map, so the size here is the compact JSON serialisation in UTF-8 bytes (see
rules/facts/limits.yaml ``environment.measure``). Values that cannot be known statically count
as empty strings, which gives a lower bound: the rule reports only when even that exceeds the
limit.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass

from lambdalint.checks.limits.environment import Variables, variable_maps
from lambdalint.checks.limits.layers import no_value
from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.grouping import FUNCTIONS
from lambdalint.engine.registry import check
from lambdalint.facts import limits
from lambdalint.model.lambda_ import Function
from lambdalint.model.values import Absent, Invalid, Known


def _json_bytes(text: str) -> int:
    return len(json.dumps(text, ensure_ascii=False).encode("utf-8"))


@dataclass
class Size:
    # Bytes of the smallest serialisation the variables can have.
    at_least: int
    # Variables whose value is not known statically (counted as "").
    unknown: int

    @property
    def exact(self) -> bool:
        return self.unknown == 0


def measure(variables: Variables) -> Size:
    """The smallest compact-JSON size of ``variables``: ``{"K":"V","K2":"V2"}``."""
    total = 2  # the braces
    present = 0
    unknown = 0
    for entry in variables:
        sizes: list[int] = []
        may_be_absent = False
        value_unknown = False
        for value in entry.value.values:
            text: str | None
            if no_value(value):
                may_be_absent = True
                continue
            if isinstance(value, Absent):
                text = ""  # an empty YAML value is an empty string
            elif isinstance(value, Known):
                text = value.value
            elif isinstance(value, Invalid) and isinstance(value.raw, bool):
                text = value.shown()  # "true" / "false"
            else:
                text = None
            if text is None:
                value_unknown = True
                text = ""
            sizes.append(_json_bytes(entry.key) + 1 + _json_bytes(text))
        if value_unknown:
            unknown += 1
        if may_be_absent or not sizes:
            continue  # the variable may be left out: it adds nothing to the lower bound
        total += min(sizes)
        present += 1
    return Size(total + max(0, present - 1), unknown)


@check("LL104", on=Function, group=True)
def environment_too_large(fn: Function, ctx: CheckContext) -> Iterator[Finding]:
    env = limits().environment
    for variables in variable_maps(fn):
        size = measure(variables.value)
        if size.at_least <= env.max_bytes:
            continue
        if size.exact:
            amount = f"take {size.at_least} bytes"
            note = ""
        else:
            amount = f"take at least {size.at_least} bytes"
            note = (
                f"; {size.unknown} value(s) are not known statically and were counted "
                f"as empty, so the known parts alone exceed the limit"
            )
        yield ctx.finding(
            f"environment variables of {FUNCTIONS} {amount} (measured as compact JSON "
            f"in UTF-8, as Lambda measures them), over Lambda's limit of "
            f"{env.max_bytes} bytes (4 KB){note}{variables.explain()}",
            at=fn.environment.site,
            resource=fn.logical_id,
        )
