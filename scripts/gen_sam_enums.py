"""Generate rules/facts/sam_enums.json: the literal value lists the SAM translator checks while
it transforms a function, read from the installed translator's source (parsed with ``ast``,
nothing is imported from it or run)::

    python scripts/gen_sam_enums.py

- ``dead_letter_queue_types``: the keys of ``SamFunction.dead_letter_queue_policy_actions``
  (samtranslator/model/sam_resources.py); ``_validate_dlq`` rejects a DeadLetterQueue without
  Type and TargetArn, or with another Type (LL024).
- ``on_failure_types``: the list in ``if destination_type not in [...]`` of
  ``PullEventSource.to_cloudformation`` (model/eventsources/pull.py): a stream/queue event's
  DestinationConfig.OnFailure.Type (LL032).
- ``filter_criteria_keys``: the keys ``_validate_filter_criteria`` allows in FilterCriteria
  (``list(self.FilterCriteria.keys()) not in [[], ["Filters"]]``), and
  ``filter_criteria_events``: RESOURCE_TYPES_WITH_EVENT_FILTERING (LL030).
- ``pull_event_types``: the ``resource_type`` of every PullEventSource subclass.
"""

from __future__ import annotations

import ast
import json
import sys
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parents[1] / "rules" / "facts" / "sam_enums.json"
SOURCE = "https://github.com/aws/serverless-application-model/tree/develop/samtranslator/model"


def _class(tree: ast.AST, name: str) -> ast.ClassDef:
    return next(n for n in ast.walk(tree) if isinstance(n, ast.ClassDef) and n.name == name)


def _assigned(cls: ast.ClassDef, name: str) -> Any:
    for node in cls.body:
        if isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(isinstance(t, ast.Name) and t.id == name for t in targets) and node.value:
                return ast.literal_eval(node.value)
    raise SystemExit(f"{cls.name}.{name} not found")


def _not_in_list(func: ast.AST, variable: str) -> list[str]:
    """The literal list of ``if <variable> not in [...]`` inside ``func``."""
    for node in ast.walk(func):
        if (
            isinstance(node, ast.Compare)
            and isinstance(node.left, ast.Name)
            and node.left.id == variable
            and isinstance(node.ops[0], ast.NotIn)
        ):
            value = ast.literal_eval(node.comparators[0])
            if isinstance(value, list) and all(isinstance(v, str) for v in value):
                return value
    raise SystemExit(f"'{variable} not in [...]' not found")


def _filter_keys(func: ast.AST) -> list[str]:
    """The keys of ``list(self.FilterCriteria.keys()) not in [[], ["Filters"]]``."""
    for node in ast.walk(func):
        if (
            isinstance(node, ast.Compare)
            and isinstance(node.ops[0], ast.NotIn)
            and "FilterCriteria" in ast.unparse(node.left)
        ):
            lists = ast.literal_eval(node.comparators[0])
            return sorted({k for keys in lists for k in keys})
    raise SystemExit("FilterCriteria keys check not found")


def _method(cls: ast.ClassDef, name: str) -> ast.FunctionDef:
    return next(n for n in cls.body if isinstance(n, ast.FunctionDef) and n.name == name)


def generate() -> dict[str, Any]:
    import samtranslator

    root = Path(samtranslator.__file__).resolve().parent / "model"
    sam = ast.parse((root / "sam_resources.py").read_text(encoding="utf-8"))
    pull = ast.parse((root / "eventsources" / "pull.py").read_text(encoding="utf-8"))
    function = _class(sam, "SamFunction")
    base = _class(pull, "PullEventSource")
    subclasses = [
        n
        for n in ast.walk(pull)
        if isinstance(n, ast.ClassDef)
        and any(isinstance(b, ast.Name) and b.id == "PullEventSource" for b in n.bases)
    ]
    return {
        "source": SOURCE,
        "generated_by": "scripts/gen_sam_enums.py",
        "generated_from": f"aws-sam-translator {samtranslator.__version__}",
        "dead_letter_queue_types": sorted(_assigned(function, "dead_letter_queue_policy_actions")),
        "on_failure_types": _not_in_list(_method(base, "to_cloudformation"), "destination_type"),
        "filter_criteria_keys": _filter_keys(_method(base, "_validate_filter_criteria")),
        "filter_criteria_events": sorted(_assigned(base, "RESOURCE_TYPES_WITH_EVENT_FILTERING")),
        "pull_event_types": sorted(_assigned(c, "resource_type") for c in subclasses),
    }


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    OUT.write_text(json.dumps(generate(), indent=1) + "\n", encoding="utf-8")
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
