"""Generate rules/facts/sam_resource_types.yaml: the SAM resource types (AWS::Serverless::*), the
top-level properties each accepts, and the properties of each AWS::Serverless::Function event
source type, from the installed SAM translator (aws-sam-translator, in the test extras) or from a
git checkout of aws/serverless-application-model::

    python scripts/gen_sam_resource_types.py
    python scripts/gen_sam_resource_types.py /path/to/serverless-application-model/.git

The sources are only read (files parsed with ``ast``); nothing from them is imported or run.
The SAM translator rejects a template whose SAM resource or event source has a property outside
the class's ``property_types`` (``Resource.__setattr__`` in samtranslator/model/__init__.py), so
those keys are the accepted set. A class that turns that
check off (``validate_setattr = False``) accepts any key and is written with ``properties: null``.

Property lists already in the output file for AWS::Serverless::Function are kept even when the
checkout lacks them: they may come from lambda-facts.md and postdate the checkout.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

OUT = Path(__file__).resolve().parents[1] / "rules" / "facts" / "sam_resource_types.yaml"
RESOURCES_FILE = "samtranslator/model/sam_resources.py"
EVENT_FILES = tuple(
    f"samtranslator/model/eventsources/{name}.py"
    for name in ("pull", "push", "cloudwatchlogs", "scheduler")
)
DOCS = "https://docs.aws.amazon.com/serverless-application-model/latest/developerguide"
SPEC_SOURCE = f"{DOCS}/sam-specification-resources-and-properties.html"

EVENTS_SOURCE = f"{DOCS}/sam-property-function-eventsource.html"
# Lists that must never shrink when regenerating (see the module docstring).
KEEP_EXISTING = ("AWS::Serverless::Function",)


@dataclass
class _Class:
    name: str
    bases: list[str]
    resource_type: str | None = None
    # None when the class body does not assign property_types (it inherits its base's).
    own_properties: list[str] | None = None
    spreads: list[str] = field(default_factory=list)
    # Keys declared ``PropertyType(True, ...)`` / ``PassThroughProperty(True)``: SAM rejects the
    # resource or event without them ("Missing required property 'X'").
    own_required: list[str] = field(default_factory=list)
    # Shape each property's validator accepts ("list", "map", "string", "integer", "boolean", |).
    own_shapes: dict[str, str] = field(default_factory=dict)
    # ``__validation_rules__``: (rule kind, property paths), checked by validate_before_transform.
    validation_rules: list[tuple[str, list[str]]] = field(default_factory=list)
    open_properties: bool = False


def _git_show(git_dir: Path, commit: str, path: str) -> str:
    return subprocess.run(
        ["git", "-C", str(git_dir), "show", f"{commit}:{path}"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout


class _Source:
    """Where the translator's source files are read from: a git commit or the installed package."""

    def __init__(self, git_dir: Path | None) -> None:
        self.git_dir = git_dir
        if git_dir is not None:
            commit, date = _commit_info(git_dir)
            self.commit = commit
            self.label = f"aws/serverless-application-model @ {commit} ({date})"
            return
        import importlib.util
        from importlib import metadata

        spec = importlib.util.find_spec("samtranslator")
        if spec is None or spec.origin is None:
            raise SystemExit("aws-sam-translator is not installed: pip install -e '.[test]'")
        self.root = Path(spec.origin).parent.parent
        self.commit = ""
        self.label = f"aws-sam-translator {metadata.version('aws-sam-translator')}"

    def read(self, path: str) -> str:
        if self.git_dir is not None:
            return _git_show(self.git_dir, self.commit, path)
        return (self.root / path).read_text(encoding="utf-8")


def _commit_info(git_dir: Path) -> tuple[str, str]:
    out = subprocess.run(
        ["git", "-C", str(git_dir), "log", "-1", "--format=%H %cs", "HEAD"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    return out[0], out[1]


def _base_name(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return ""


def _assignment(stmt: ast.stmt) -> tuple[str, ast.expr] | None:
    if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1:
        target = stmt.targets[0]
        if isinstance(target, ast.Name):
            return target.id, stmt.value
    if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name) and stmt.value:
        return stmt.target.id, stmt.value
    return None


def _parse_class(node: ast.ClassDef) -> _Class:
    cls = _Class(node.name, [_base_name(b) for b in node.bases])
    for stmt in node.body:
        found = _assignment(stmt)
        if found is None:
            continue
        name, value = found
        if name == "resource_type" and isinstance(value, ast.Constant):
            if isinstance(value.value, str):
                cls.resource_type = value.value
        elif name == "validate_setattr" and isinstance(value, ast.Constant):
            cls.open_properties = value.value is False
        elif name == "property_types" and isinstance(value, ast.Dict):
            cls.own_properties = []
            for key, item in zip(value.keys, value.values, strict=True):
                if key is None:  # ``**Base.property_types``
                    if isinstance(item, ast.Attribute) and item.attr == "property_types":
                        cls.spreads.append(_base_name(item.value))
                    else:
                        raise SystemExit(f"{node.name}: unsupported spread in property_types")
                elif isinstance(key, ast.Constant) and isinstance(key.value, str):
                    cls.own_properties.append(key.value)
                    if _is_required(item):
                        cls.own_required.append(key.value)
                    shape = _validator_shape(item)
                    if shape:
                        cls.own_shapes[key.value] = "|".join(sorted(shape))
                else:
                    raise SystemExit(f"{node.name}: non-literal property_types key")
        elif name == "property_types":
            raise SystemExit(f"{node.name}: property_types is not a dict literal")
        elif name == "__validation_rules__" and isinstance(value, ast.List):
            for rule in value.elts:
                if not (
                    isinstance(rule, ast.Tuple)
                    and len(rule.elts) == 2
                    and isinstance(rule.elts[0], ast.Attribute)
                    and isinstance(rule.elts[1], ast.List)
                ):
                    raise SystemExit(f"{node.name}: unsupported __validation_rules__ entry")
                paths = [e.value for e in rule.elts[1].elts if isinstance(e, ast.Constant)]
                cls.validation_rules.append((rule.elts[0].attr.lower(), [str(p) for p in paths]))
    return cls


def _is_required(value: ast.expr) -> bool:
    """``PropertyType(True, ...)``, ``Property(True, ...)``, ``PassThroughProperty(True)``."""
    if not isinstance(value, ast.Call):
        return False
    first = value.args[0] if value.args else None
    if first is None:
        first = next((k.value for k in value.keywords if k.arg == "required"), None)
    return isinstance(first, ast.Constant) and first.value is True


# The scalar validators and the type each accepts (``is_type``: isinstance, so an integer
# validator takes a boolean too, as Python's bool is an int).
_SCALARS = {"IS_STR": "string", "IS_INT": "integer", "IS_BOOL": "boolean"}


def _shape_of(node: ast.expr) -> set[str] | None:
    """The structural shapes a SAM validator expression accepts; None when it is not one of the
    simple validators of samtranslator/model/types.py (then the property is not checked)."""
    if isinstance(node, ast.Name):
        if node.id in _SCALARS:
            return {_SCALARS[node.id]}
        return {"map"} if node.id == "IS_DICT" else ({"list"} if node.id == "IS_LIST" else None)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        fn = node.func.id
        if fn in ("IS_STR_ENUM", "is_str"):
            return {"string"}
        if fn == "list_of":
            return {"list"}
        if fn == "dict_of":
            return {"map"}
        if fn == "one_of":
            parts = [_shape_of(a) for a in node.args]
            if any(p is None for p in parts):
                return None
            return set().union(*[p for p in parts if p is not None])
    return None


def _validator_shape(value: ast.expr) -> set[str] | None:
    """``PropertyType(required, validator, ...)`` / ``Property(...)``; PassThroughProperty has no
    validator. ``literal`` joins the shapes of a property that takes no intrinsic function
    (``Property``, or ``PropertyType(..., supports_intrinsics=False)``) and whose validator
    refuses a mapping: ``Resource.validate_properties`` then validates the intrinsic's dict
    like any value, and rejects it ("Type of property 'Trigger' is invalid")."""
    kind = _base_name(value.func) if isinstance(value, ast.Call) else ""
    if not isinstance(value, ast.Call) or kind not in ("PropertyType", "Property"):
        return None
    validator = value.args[1] if len(value.args) > 1 else None
    shape = _shape_of(validator) if validator is not None else None
    if shape is None or "map" in shape:
        return shape
    flag = value.args[2] if len(value.args) > 2 else None
    flag = next((k.value for k in value.keywords if k.arg == "supports_intrinsics"), flag)
    if kind == "Property" or (isinstance(flag, ast.Constant) and flag.value is False):
        return shape | {"literal"}
    return shape


def _shapes(name: str, classes: dict[str, _Class]) -> dict[str, str]:
    cls = classes.get(name)
    if cls is None:
        return {}
    if cls.own_properties is None:
        for base in cls.bases:
            if _properties(base, classes) is not None:
                return _shapes(base, classes)
        return {}
    out: dict[str, str] = {}
    for spread in cls.spreads:
        out.update(_shapes(spread, classes))
    out.update(cls.own_shapes)
    return out


def _shape_lines(shapes: dict[str, str]) -> list[str]:
    """``shapes: >-`` then ``Name=shape`` words, wrapped at 100 columns: one folded scalar per
    type, which loads far faster than a mapping of a hundred keys."""
    if not shapes:
        return []
    lines = [
        "    # Structural shape SAM's validator accepts per property (model/types.py):",
        "    # Name=list|map|string|integer|boolean, alternatives joined by | (literal: no",
        "    # intrinsic function)",
        "    shapes: >-",
    ]
    line = "     "
    for piece in (f"{k}={v}" for k, v in sorted(shapes.items())):
        if len(line) + 1 + len(piece) > 100:
            lines.append(line)
            line = "     "
        line += f" {piece}"
    lines.append(line)
    return lines


def _required(name: str, classes: dict[str, _Class]) -> list[str]:
    """Required keys, resolved like ``_properties`` (a class that reassigns property_types
    without a spread drops its base's)."""
    cls = classes.get(name)
    if cls is None:
        return []
    if cls.own_properties is None:
        for base in cls.bases:
            if _properties(base, classes) is not None:
                return _required(base, classes)
        return []
    names = [r for spread in cls.spreads for r in _required(spread, classes)]
    return sorted(set(names + cls.own_required))


def _classes(source: str) -> dict[str, _Class]:
    tree = ast.parse(source)
    return {n.name: _parse_class(n) for n in tree.body if isinstance(n, ast.ClassDef)}


def _properties(name: str, classes: dict[str, _Class]) -> list[str] | None:
    """A class's accepted property names, with spreads and inheritance resolved within its
    module; None when no class in the chain assigns property_types here."""
    cls = classes.get(name)
    if cls is None:
        return None
    if cls.own_properties is None:
        for base in cls.bases:
            inherited = _properties(base, classes)
            if inherited is not None:
                return inherited
        return None
    names: list[str] = []
    for spread in cls.spreads:
        spread_props = _properties(spread, classes)
        if spread_props is None:
            raise SystemExit(f"{name}: cannot resolve **{spread}.property_types")
        names.extend(spread_props)
    names.extend(cls.own_properties)
    return sorted(set(names))


def _is_open(name: str, classes: dict[str, _Class]) -> bool:
    cls = classes.get(name)
    if cls is None:
        return False
    return cls.open_properties or any(_is_open(base, classes) for base in cls.bases)


def _existing(path: Path) -> dict[str, list[str]]:
    if not path.exists():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    out: dict[str, list[str]] = {}
    for type_name, entry in (data.get("types") or {}).items():
        if isinstance(entry, dict) and entry.get("properties"):
            out[type_name] = list(entry["properties"])
    return out


def _doc_page(type_name: str) -> str:
    return f"{DOCS}/sam-resource-{type_name.rsplit('::', 1)[1].lower()}.html"


def _flow_list(names: list[str], indent: str, key: str = "properties") -> list[str]:
    """``properties: [A, B, ...]`` wrapped at 100 columns (plain flow style, which libyaml parses
    fast; see tests/test_data_files.py)."""
    lines: list[str] = []
    line = f"{indent}{key}: ["
    for i, name in enumerate(names):
        piece = name + ("]" if i == len(names) - 1 else ",")
        if len(line) + 1 + len(piece) > 100 and not line.endswith("["):
            lines.append(line)
            line = f"{indent}  {piece}"
        else:
            line += piece if line.endswith("[") else f" {piece}"
    lines.append(line)
    return lines


def generate(source: _Source, existing: dict[str, list[str]]) -> str:
    resources = _classes(source.read(RESOURCES_FILE))
    lines = [
        "# SAM resource types (AWS::Serverless::*) with their top-level properties, and the",
        "# properties of each AWS::Serverless::Function event source type (Events.<id>.Type).",
        "# Generated by scripts/gen_sam_resource_types.py from the SAM translator,",
        f"# {source.label}:",
        f"#   {RESOURCES_FILE} (Sam* classes: resource_type, property_types)",
        *(f"#   {path} (event classes)" for path in EVENT_FILES),
        '# SAM rejects any other property key ("property X not defined for resource of type Y"),',
        "# and a resource or event without a `required` key (\"Missing required property 'X'\").",
        "# properties: null means the type is known but any key is accepted (not checked).",
        f"source: {SPEC_SOURCE}",
        # The same source as data, for `lambdalint --version`.
        f'generated_from: "{source.label}"',
        "types:",
    ]
    types: dict[str, tuple[list[str] | None, str]] = {}
    required: dict[str, list[str]] = {}
    rules: dict[str, list[tuple[str, list[str]]]] = {}
    shapes: dict[str, dict[str, str]] = {}
    for name, cls in resources.items():
        rtype = cls.resource_type
        if not name.startswith("Sam") or not rtype or not rtype.startswith("AWS::Serverless::"):
            continue
        if _is_open(name, resources):
            types[rtype] = (None, "SAM turns off its unknown-property check for this type")
            continue
        props = _properties(name, resources)
        required[rtype] = _required(name, resources)
        rules[rtype] = resources[name].validation_rules
        shapes[rtype] = _shapes(name, resources)
        note = ""
        if rtype in KEEP_EXISTING and rtype in existing and props is not None:
            extra = sorted(set(existing[rtype]) - set(props))
            if extra:
                note = f"kept from the previous file, newer than the checkout: {', '.join(extra)}"
            props = sorted(set(props) | set(existing[rtype]))
        types[rtype] = (props, note)
    for rtype in sorted(types):
        props, note = types[rtype]
        lines.append(f"  {rtype}:")
        if rtype in KEEP_EXISTING:
            lines.append(
                "    # Never shrinks on regeneration: Lambda properties from lambda-facts.md F may"
            )
            lines.append("    # postdate the SAM checkout.")
        if note:
            lines.append(f"    # {note}")
        lines.append(f"    source: {_doc_page(rtype)}")
        if props is None:
            lines.append("    properties: null")
        else:
            lines.extend(_flow_list(props, "    "))
        if required.get(rtype):
            lines.extend(_flow_list(required[rtype], "    ", "required"))
        lines.extend(_shape_lines(shapes.get(rtype, {})))
        if rules.get(rtype):
            lines.append("    # validate_before_transform (samtranslator/model/__init__.py)")
            lines.append("    validation_rules:")
            for kind, paths in rules[rtype]:
                lines.append(f"      - {{kind: {kind}, properties: [{', '.join(paths)}]}}")

    events: dict[str, list[str]] = {}
    events_required: dict[str, list[str]] = {}
    events_shapes: dict[str, dict[str, str]] = {}
    for path in EVENT_FILES:
        classes = _classes(source.read(path))
        for name, cls in classes.items():
            if cls.resource_type is None:
                continue
            if _is_open(name, classes):
                raise SystemExit(f"{name}: event class accepts any property; handle it here")
            props = _properties(name, classes)
            if props is None:
                raise SystemExit(f"{name}: no property_types found")
            if cls.resource_type in events:
                raise SystemExit(f"duplicate event type {cls.resource_type}")
            events[cls.resource_type] = props
            events_required[cls.resource_type] = _required(name, classes)
            events_shapes[cls.resource_type] = _shapes(name, classes)
    lines += [
        "# AWS::Serverless::Function Events.<id>.Type -> the keys its Properties accept. SAM",
        '# rejects an event whose Type is not one of these ("Resource dict has missing or invalid',
        '# value for key Type").',
        "function_events:",
    ]
    for etype in sorted(events):
        lines.append(f"  {etype}:")
        lines.append(f"    source: {DOCS}/sam-property-function-{etype.lower()}.html")
        lines.extend(_flow_list(events[etype], "    "))
        if events_required[etype]:
            lines.extend(_flow_list(events_required[etype], "    ", "required"))
        lines.extend(_shape_lines(events_shapes[etype]))
    lines.insert(lines.index("function_events:") + 1, f"  # Index: {EVENTS_SOURCE}")
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    if len(argv) > 2:
        print(__doc__, file=sys.stderr)
        return 2
    text = generate(_Source(Path(argv[1]) if len(argv) == 2 else None), _existing(OUT))
    data = yaml.safe_load(text)
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT} ({len(data['types'])} types, {len(data['function_events'])} event types)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
