"""Generate rules/facts/sam_value_types.yaml: the value types the SAM translator demands of
AWS::Serverless::Function properties and function event properties while it transforms them,
beyond the property tables of gen_sam_resource_types.py, read from the installed translator::

    python scripts/gen_sam_value_types.py

The sources are only parsed with ``ast``; nothing from them is imported or run. Two kinds of
check are collected, each from the methods a class runs when it transforms (``to_cloudformation``
and every ``self.<method>()`` it calls, through the class's bases):

- ``sam_expect(<value>, self.logical_id | self.relative_id, "<Path>").to_be_a_<kind>()``
  (samtranslator/validator/value_validator.py): the value at ``Path`` must be of that kind, as
  written; an intrinsic function is a mapping there, never a string or list ("Property
  'DeadLetterQueue.Type' should be a string"). When the value is ``self.<Prop>.get("<Key>")``
  inside ``if self.<Prop>:``, the key is required whenever the property is set
  (``required_in_parent``).
- ``if self.<A> and self.<B> is not None: raise ...``: the two properties exclude each other
  ("State and Enabled Properties cannot both be specified").
"""

from __future__ import annotations

import ast
import sys
from dataclasses import dataclass, field
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "rules" / "facts" / "sam_value_types.yaml"
FILES = (
    "model/sam_resources.py",
    *(f"model/eventsources/{n}.py" for n in ("pull", "push", "cloudwatchlogs", "scheduler")),
)
KINDS = {
    "to_be_a_map": "map",
    "to_be_a_string": "string",
    "to_be_a_list": "list",
    "to_be_a_bool": "bool",
    "to_be_an_integer": "integer",
}
OWNERS = {"SamFunction": "AWS::Serverless::Function"}


@dataclass
class _Class:
    name: str
    file: str
    bases: list[str]
    resource_type: str | None
    properties: set[str]
    methods: dict[str, ast.FunctionDef] = field(default_factory=dict)


def _self_attr(node: ast.expr) -> str | None:
    is_self = isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
    if is_self and node.value.id == "self":  # type: ignore[attr-defined]
        return node.attr  # type: ignore[attr-defined]
    return None


def _parse(file: str, tree: ast.Module) -> dict[str, _Class]:
    out: dict[str, _Class] = {}
    for node in tree.body:
        if not isinstance(node, ast.ClassDef):
            continue
        bases = [b.id if isinstance(b, ast.Name) else ast.unparse(b) for b in node.bases]
        rtype, props = None, set()
        for stmt in node.body:
            target = stmt.targets[0] if isinstance(stmt, ast.Assign) else None
            if isinstance(stmt, ast.AnnAssign):
                target = stmt.target
            value = getattr(stmt, "value", None)
            name = target.id if isinstance(target, ast.Name) else None
            if name == "resource_type" and isinstance(value, ast.Constant):
                rtype = value.value if isinstance(value.value, str) else rtype
            if name == "property_types" and isinstance(value, ast.Dict):
                props = {k.value for k in value.keys if isinstance(k, ast.Constant)}
        cls = _Class(node.name, file, bases, rtype, props)
        for stmt in node.body:
            if isinstance(stmt, ast.FunctionDef):
                cls.methods[stmt.name] = stmt
        out[node.name] = cls
    return out


def _mro(name: str, classes: dict[str, _Class]) -> list[_Class]:
    seen: list[_Class] = []
    todo = [name]
    while todo:
        cls = classes.get(todo.pop(0))
        if cls is not None and cls not in seen:
            seen.append(cls)
            todo.extend(cls.bases)
    return seen


def _reachable(name: str, classes: dict[str, _Class]) -> list[tuple[_Class, ast.FunctionDef]]:
    mro = _mro(name, classes)

    def lookup(method: str) -> tuple[_Class, ast.FunctionDef] | None:
        for cls in mro:
            if method in cls.methods:
                return cls, cls.methods[method]
        return None

    out: list[tuple[_Class, ast.FunctionDef]] = []
    todo = ["to_cloudformation"]
    while todo:
        found = lookup(todo.pop())
        if found is None or found in out:
            continue
        out.append(found)
        for node in ast.walk(found[1]):
            if isinstance(node, ast.Call) and (called := _self_attr(node.func)):
                todo.append(called)
    return out


def _parents(fn: ast.FunctionDef) -> dict[ast.AST, ast.AST]:
    return {child: parent for parent in ast.walk(fn) for child in ast.iter_child_nodes(parent)}


def _guarded_by(node: ast.AST, parents: dict[ast.AST, ast.AST], prop: str) -> bool:
    """Whether ``node`` sits in the body of ``if self.<prop>:``."""
    while node in parents:
        parent = parents[node]
        if isinstance(parent, ast.If) and node in parent.body and _self_attr(parent.test) == prop:
            return True
        node = parent
    return False


def _expectations(cls: _Class, fn: ast.FunctionDef) -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    parents = _parents(fn)
    for node in ast.walk(fn):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        kind = KINDS.get(node.func.attr)
        inner = node.func.value
        if kind is None or not isinstance(inner, ast.Call):
            continue
        if not (isinstance(inner.func, ast.Name) and inner.func.id == "sam_expect"):
            continue
        if len(inner.args) < 3 or _self_attr(inner.args[1]) not in ("logical_id", "relative_id"):
            continue
        path = inner.args[2]
        if not (isinstance(path, ast.Constant) and isinstance(path.value, str) and path.value):
            continue
        entry: dict[str, object] = {"path": path.value, "kind": kind}
        form = _value_form(inner.args[0], path.value.split("."), fn)
        if form == "get" and _guarded_by(node, parents, path.value.split(".")[0]):
            entry["required_in_parent"] = True
        elif form == "self" and not _guarded_by(node, parents, path.value):
            # A whole property checked outside ``if self.<Prop>:`` sits behind control flow
            # (early returns, isinstance branches) this reader does not follow: left out.
            continue
        elif form is None:
            continue
        entry["source"] = f"samtranslator/{cls.file} {cls.name}.{fn.name}"
        out.append(entry)
    return out


def _value_form(value: ast.expr, parts: list[str], fn: ast.FunctionDef) -> str | None:
    """How the checked value is read: ``self.<Prop>`` ("self"), ``self.<Prop>.get("<Key>")``
    ("get"), or a local assigned from ``<x>.get("<last key>")`` ("local"); None for any other
    expression, whose path the constant may not describe (a list item, a resolved copy)."""

    def is_get(call: ast.expr, key: str) -> bool:
        return (
            isinstance(call, ast.Call)
            and isinstance(call.func, ast.Attribute)
            and call.func.attr == "get"
            and bool(call.args)
            and isinstance(call.args[0], ast.Constant)
            and call.args[0].value == key
        )

    if len(parts) == 1 and _self_attr(value) == parts[0]:
        return "self"
    if len(parts) == 2 and is_get(value, parts[1]):
        assert isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute)
        return "get" if _self_attr(value.func.value) == parts[0] else None
    if isinstance(value, ast.Name):
        for node in ast.walk(fn):
            if (
                isinstance(node, ast.Assign)
                and any(isinstance(t, ast.Name) and t.id == value.id for t in node.targets)
                and is_get(node.value, parts[-1])
            ):
                return "local"
    return None


def _exclusions(cls: _Class, fn: ast.FunctionDef) -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    for node in ast.walk(fn):
        if not isinstance(node, ast.If) or not any(isinstance(s, ast.Raise) for s in node.body):
            continue
        test = node.test
        if not (isinstance(test, ast.BoolOp) and isinstance(test.op, ast.And)):
            continue
        names = []
        for value in test.values:
            if isinstance(value, ast.Compare) and isinstance(value.ops[0], ast.IsNot):
                value = value.left
            names.append(_self_attr(value))
        if len(names) == 2 and all(names):
            out.append(
                {"properties": names, "source": f"samtranslator/{cls.file} {cls.name}.{fn.name}"}
            )
    return out


def generate(root: Path, version: str) -> str:
    classes: dict[str, _Class] = {}
    for file in FILES:
        classes.update(_parse(file, ast.parse((root / file).read_text(encoding="utf-8"))))
    owners: dict[str, dict[str, list[dict[str, object]]]] = {}
    for cls in classes.values():
        owner = OWNERS.get(cls.name)
        if owner is None:
            if not cls.file.startswith("model/eventsources/") or cls.resource_type is None:
                continue
            owner = cls.resource_type
        checks: dict[str, list[dict[str, object]]] = {"values": [], "exclusive": []}
        props = set().union(*(c.properties for c in _mro(cls.name, classes)))
        for defining, fn in _reachable(cls.name, classes):
            checks["values"] += [
                e for e in _expectations(defining, fn) if str(e["path"]).split(".")[0] in props
            ]
            checks["exclusive"] += _exclusions(defining, fn)
        if checks["values"] or checks["exclusive"]:
            owners[owner] = checks
    lines = [
        "# Value types and exclusions the SAM translator enforces while it transforms a function",
        "# and its events (beyond the property tables of sam_resource_types.yaml).",
        "# Generated by scripts/gen_sam_value_types.py from the SAM translator,",
        f"# aws-sam-translator {version}: sam_expect(...).to_be_a_<kind>() calls and",
        "# `if self.A and self.B is not None: raise` tests in the methods each class runs.",
        "# values: the value at `path` (dotted, below Properties) must be of `kind` as written",
        "#   (an intrinsic function is a map); required_in_parent: also when the key is absent",
        "#   from a parent that is set. exclusive: at most one of the two may be set.",
        f'generated_from: "aws-sam-translator {version}"',
        "owners:",
    ]
    for owner in sorted(owners):
        lines.append(f"  {owner}:")
        for section in ("values", "exclusive"):
            items = owners[owner][section]
            if not items:
                continue
            lines.append(f"    {section}:")
            unique = {repr(sorted(i.items())): i for i in items}
            for item in sorted(
                unique.values(), key=lambda i: str(i.get("path", i.get("properties")))
            ):
                fields = ", ".join(
                    f"{k}: [{', '.join(map(str, v))}]" if isinstance(v, list) else f"{k}: {v}"
                    for k, v in item.items()
                    if k != "source"
                )
                lines.append(f'      - {{{fields}, source: "{item["source"]}"}}')
    return "\n".join(lines) + "\n"


def generate_installed() -> str:
    """The file's text from the installed translator (its files read, never imported)."""
    from importlib import metadata, util

    spec = util.find_spec("samtranslator")
    if spec is None or spec.origin is None:
        raise SystemExit("aws-sam-translator is not installed: pip install -e '.[test]'")
    return generate(Path(spec.origin).parent, metadata.version("aws-sam-translator"))


def main(argv: list[str]) -> int:
    OUT.write_text(generate_installed(), encoding="utf-8")
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
