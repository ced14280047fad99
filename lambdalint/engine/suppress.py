"""Suppressions: ``# lambdalint: ignore[...]`` comments and ``Metadata.lambdalint.ignore``.

Comments are found by scanning the raw text line by line, so the fast loader (which drops
comments) stays the only parser. A suppression that suppresses nothing is reported as LL010.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import Enum

from lambdalint.engine.finding import Finding
from lambdalint.severity import Severity
from lambdalint.source.location import Location
from lambdalint.source.nodes import Mapping, Node, Scalar, Sequence
from lambdalint.source.template import Template

UNUSED_RULE = "LL010"

# The one pattern for suppression comments. Accepted forms (ids or prefixes, any case, spaces
# around ``:``, ``[``, ``,`` and ``]`` optional):
#   MemorySize: 64  # lambdalint: ignore[LL101]        this line
#   # lambdalint: ignore[LL101, LL102]                 on a line of its own: that line and the next
#   # lambdalint: ignore[LL1]                          a prefix: every LL1xx rule
#   # lambdalint: ignore-file[LL101]                   anywhere: the whole file
# A bare ``# lambdalint: ignore`` (no ids) is not accepted: blanket suppressions hide rules added
# later. It suppresses nothing and is reported as LL010. The ``#`` must start the line or follow
# whitespace, as a YAML comment does, so a ``#`` inside a URL does not count.
SUPPRESSION_COMMENT = re.compile(
    r"(?:^|\s)#\s*lambdalint\s*:\s*(?P<kind>ignore-file|ignore)(?![\w-])"
    r"(?:\s*\[(?P<codes>[^\]]*)\])?",
    re.IGNORECASE,
)
_CODE = re.compile(r"^LL[0-9]{0,3}$")


class Scope(Enum):
    LINE = "line"
    FILE = "file"
    RESOURCE = "resource"


@dataclass(slots=True)
class Suppression:
    code: str
    loc: Location
    scope: Scope
    # LINE: the lines covered; RESOURCE: the logical id.
    lines: tuple[int, ...] = ()
    resource: str = ""
    used: bool = False

    def covers(self, finding: Finding) -> bool:
        if not finding.rule_id.startswith(self.code):
            return False
        if self.scope is Scope.FILE:
            return True
        if self.scope is Scope.LINE:
            return finding.loc.line in self.lines
        return finding.resource == self.resource


@dataclass(slots=True)
class Suppressions:
    entries: list[Suppression] = field(default_factory=list)
    # Malformed suppressions, reported as LL010 whatever is found.
    problems: list[tuple[str, Location]] = field(default_factory=list)


def _add_codes(
    out: Suppressions,
    codes: Iterable[tuple[str, Location]],
    scope: Scope,
    lines: tuple[int, ...] = (),
    resource: str = "",
) -> None:
    for text, loc in codes:
        code = text.strip().upper()
        if not _CODE.match(code):
            out.problems.append((f"{text.strip()!r} in a suppression is not a rule id", loc))
            continue
        out.entries.append(Suppression(code, loc, scope, lines, resource))


def _comment_suppressions(text: str, file: str, out: Suppressions) -> None:
    if "lambdalint" not in text.lower():  # the common case: nothing to scan
        return
    for number, line in enumerate(text.split("\n"), 1):
        match = SUPPRESSION_COMMENT.search(line)
        if match is None:
            continue
        start = match.start("kind") + 1
        kind = match.group("kind").lower()
        codes = match.group("codes")
        if codes is None or not codes.strip():
            out.problems.append(
                (
                    f"'# lambdalint: {kind}' needs rule ids, e.g. '# lambdalint: {kind}[LL101]'",
                    Location(file, number, start, number, match.end() + 1),
                )
            )
            continue
        found: list[tuple[str, Location]] = []
        offset = match.start("codes")
        for part in codes.split(","):
            stripped = part.strip()
            col = offset + part.find(stripped) + 1 if stripped else offset + 1
            found.append((stripped, Location(file, number, col, number, col + len(stripped))))
            offset += len(part) + 1
        if kind == "ignore-file":
            _add_codes(out, found, Scope.FILE)
            continue
        # A comment alone on its line also covers the next line.
        own_line = line[: match.start()].strip() == "" and line.lstrip().startswith("#")
        lines = (number, number + 1) if own_line else (number,)
        _add_codes(out, found, Scope.LINE, lines=lines)


def _metadata_suppressions(template: Template, out: Suppressions) -> None:
    for logical_id, resource in template.resources.items():
        meta = resource.metadata()
        if not isinstance(meta, Mapping):
            continue
        own = meta.items.get("lambdalint")
        if own is None:
            continue
        ignore: Node | None = own.items.get("ignore") if isinstance(own, Mapping) else None
        items: list[Node]
        if isinstance(ignore, Sequence):
            items = list(ignore.items)
        elif isinstance(ignore, Scalar):
            items = [ignore]
        else:
            out.problems.append(
                (
                    f"Metadata.lambdalint of {logical_id} must be a mapping with "
                    "'ignore: [rule ids]'",
                    own.loc,
                )
            )
            continue
        codes: list[tuple[str, Location]] = []
        for item in items:
            if isinstance(item, Scalar) and isinstance(item.value, str):
                codes.append((item.value, item.loc))
            else:
                out.problems.append(
                    (
                        "a suppression in Metadata.lambdalint.ignore must be a rule id like LL101",
                        item.loc,
                    )
                )
        _add_codes(out, codes, Scope.RESOURCE, resource=logical_id)


def find_suppressions(template: Template) -> Suppressions:
    out = Suppressions()
    _comment_suppressions(template.text, template.file, out)
    _metadata_suppressions(template, out)
    return out


def apply_suppressions(
    findings: list[Finding],
    suppressions: Suppressions,
    is_active: Callable[[str], bool],
    known: Callable[[str], bool],
) -> list[Finding]:
    """Findings left after suppression, plus LL010 for suppressions that matched nothing.

    Tool errors are never suppressed: a file that could not be linted must not pass quietly.
    ``is_active(code)`` says whether any selected rule has that prefix (a suppression for a rule
    that did not run is not "unused"); ``known(code)`` whether any rule at all has it.
    """
    kept: list[Finding] = []
    for finding in findings:
        if finding.tool_error:
            kept.append(finding)
            continue
        covering = [s for s in suppressions.entries if s.covers(finding)]
        for s in covering:
            s.used = True
        if not covering:
            kept.append(finding)
    extra: list[Finding] = []
    for message, loc in suppressions.problems:
        extra.append(Finding(UNUSED_RULE, Severity.INFO, message, loc))
    for s in suppressions.entries:
        if s.used:
            continue
        if not known(s.code):
            extra.append(
                Finding(
                    UNUSED_RULE,
                    Severity.INFO,
                    f"suppression of {s.code} names no lambdalint rule",
                    s.loc,
                    s.resource,
                )
            )
        elif is_active(s.code):
            where = {
                # An own-line comment is about the line below it: name that line.
                Scope.LINE: f"on line {s.lines[-1]}, the line this comment applies to"
                if len(s.lines) > 1
                else "on this line",
                Scope.FILE: "in this file",
                Scope.RESOURCE: f"for {s.resource}",
            }[s.scope]
            extra.append(
                Finding(
                    UNUSED_RULE,
                    Severity.INFO,
                    f"unused suppression: no {s.code} finding {where}; remove it",
                    s.loc,
                    s.resource,
                )
            )
    return kept + extra
