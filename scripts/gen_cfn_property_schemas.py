"""Generate rules/facts/cfn_property_schemas.json: for the Lambda-related CloudFormation resource
types, each top-level property's JSON-schema constraints (type, enum, minimum/maximum,
minLength/maxLength, pattern, minItems/maxItems) and the type's required properties, from the
CloudFormation resource provider schemas that cfn-lint ships (test extras)::

    python scripts/gen_cfn_property_schemas.py            # the installed cfn-lint
    python scripts/gen_cfn_property_schemas.py DIR|WHEEL  # a cfnlint/ directory or a wheel

Only validation keywords are kept (no descriptions), and ``$ref`` definitions are inlined, so
nested values are checked too: ``items`` for a list's items, ``properties``/``required`` and
``closed`` (``additionalProperties: false``) for a mapping. A definition that refers to itself
is cut at the repeat (its shape is kept). us-east-1 has the largest set of types.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gen_resource_types import REGION, _Files

OUT = Path(__file__).resolve().parents[1] / "rules" / "facts" / "cfn_property_schemas.json"
PREFIXES = ("AWS::Lambda::",)
TYPES = (
    "AWS::IAM::Role",
    "AWS::IAM::Policy",
    "AWS::IAM::ManagedPolicy",
    "AWS::SQS::Queue",
    "AWS::SNS::Topic",
    "AWS::SNS::Subscription",
    "AWS::Events::Rule",
    "AWS::Kinesis::Stream",
)
KEYS = ("type", "enum", "minimum", "maximum", "minLength", "maxLength", "pattern")
ARRAY_KEYS = ("minItems", "maxItems")
# cfn-lint's schema extensions of the form "if P.K is V then P.X is forbidden" (LL038).
EXTENSIONS = {"AWS::Lambda::Function": ("aws_lambda_function/loglevel_logformat.json",)}
# cfn-lint's "if P is V then Q has format F" extensions (LL039), and the formats they name.
FORMAT_EXTENSIONS = {
    "AWS::SNS::Subscription": ("aws_sns_subscription/subscription_endpoint_protocol.json",)
}


def _constraints(
    prop: dict[str, Any], definitions: dict[str, Any], seen: tuple[str, ...] = ()
) -> dict[str, Any]:
    ref = prop.get("$ref", "")
    if isinstance(ref, str) and ref.startswith("#/definitions/"):
        name = ref.rsplit("/", 1)[1]
        target = definitions.get(name, {})
        if name in seen:  # a recursive definition: keep its shape only
            return {"type": target["type"]} if isinstance(target.get("type"), str) else {}
        return _constraints(target, definitions, (*seen, name))
    out = {k: prop[k] for k in KEYS if k in prop}
    if prop.get("type") == "array":
        out.update({k: prop[k] for k in ARRAY_KEYS if k in prop})
        items = prop.get("items")
        if isinstance(items, dict) and (inner := _constraints(items, definitions, seen)):
            out["items"] = inner
    if isinstance(prop.get("properties"), dict) and prop.get("type") == "object":
        nested = {
            name: c
            for name, sub in sorted(prop["properties"].items())
            if isinstance(sub, dict) and (c := _constraints(sub, definitions, seen))
        }
        if nested:
            out["properties"] = nested
        if prop.get("required"):
            out["required"] = list(prop["required"])
        if prop.get("additionalProperties") is False and not prop.get("patternProperties"):
            out["closed"] = sorted(prop["properties"])
    return out


def _forbidden_when(extension: dict[str, Any]) -> list[dict[str, Any]]:
    """``{"if": {properties: {P: {properties: {K: {const: V}}, required: [K]}}, required: [P]},
    "then": {properties: {P: {properties: {X: false}}}}}`` -> ``[{property: P, if: {K: V},
    forbidden: [X]}]``; any other shape is not understood and yields nothing."""
    out = []
    cond = extension.get("if", {}).get("properties", {})
    then = extension.get("then", {}).get("properties", {})
    for prop, sub in cond.items():
        consts = {
            k: v["const"]
            for k, v in sub.get("properties", {}).items()
            if isinstance(v, dict) and "const" in v and k in sub.get("required", ())
        }
        banned = [k for k, v in then.get(prop, {}).get("properties", {}).items() if v is False]
        if consts and banned:
            out.append({"property": prop, "if": consts, "forbidden": banned})
    return out


def _format_when(extension: dict[str, Any]) -> list[dict[str, Any]]:
    """``{"allOf": [{"if": {properties: {P: {const: V}}}, "then": {properties: {Q: {format:
    F}}}}]}`` -> ``[{if: {P: V}, property: Q, format: F}]``."""
    out = []
    for part in extension.get("allOf", [extension]):
        cond = part.get("if", {}).get("properties", {})
        consts = {k: v["const"] for k, v in cond.items() if isinstance(v, dict) and "const" in v}
        for prop, sub in part.get("then", {}).get("properties", {}).items():
            if consts and isinstance(sub, dict) and isinstance(sub.get("format"), str):
                out.append({"if": consts, "property": prop, "format": sub["format"]})
    return out


def _producers(files: _Files, providers: dict[str, str], wanted: set[str]) -> dict[str, Any]:
    """For each format: the (type, attribute) pairs whose Fn::GetAtt has it (a read-only property
    with that format) and the types whose Ref has it (the primary identifier's format)."""
    out: dict[str, Any] = {f: {"getatt": [], "ref": []} for f in sorted(wanted)}
    for type_name, digest in sorted(providers.items()):
        schema = json.loads(files.read(f"data/schemas/resources/{digest}.json"))
        props = schema.get("properties", {})
        read_only = {p.rsplit("/", 1)[-1] for p in schema.get("readOnlyProperties", [])}
        for name in sorted(read_only):
            fmt = props.get(name, {}).get("format")
            if fmt in wanted:
                out[fmt]["getatt"].append([type_name, name])
        primary = schema.get("primaryIdentifier", [])
        if len(primary) == 1:
            fmt = props.get(primary[0].rsplit("/", 1)[-1], {}).get("format")
            if fmt in wanted:
                out[fmt]["ref"].append(type_name)
    return out


def _ssm_secure_properties(files: _Files) -> list[str]:
    """The property paths where CloudFormation resolves ``{{resolve:ssm-secure:...}}``: the
    ``self.exceptions`` list of cfn-lint's E1027 (read with ``ast``, nothing is run)."""
    import ast

    source = files.read("rules/functions/DynamicReferenceSecureString.py").decode()
    for node in ast.walk(ast.parse(source)):
        if (
            isinstance(node, ast.Assign)
            and isinstance(node.targets[0], ast.Attribute)
            and node.targets[0].attr == "exceptions"
        ):
            value = ast.literal_eval(node.value)
            return sorted(p.removeprefix("Resources/") for p in value)
    raise SystemExit("E1027's exceptions list not found")


def generate(where: Path | None) -> dict[str, Any]:
    if where is None:
        import cfnlint

        where = Path(cfnlint.__file__).resolve().parent
    files = _Files(where)
    providers = json.loads(files.read(f"data/schemas/providers/{REGION}.json"))
    types: dict[str, Any] = {}
    for type_name, digest in sorted(providers.items()):
        if not (type_name.startswith(PREFIXES) or type_name in TYPES):
            continue
        schema = json.loads(files.read(f"data/schemas/resources/{digest}.json"))
        defs = schema.get("definitions", {})
        props = {
            name: c
            for name, prop in sorted(schema.get("properties", {}).items())
            if (c := _constraints(prop, defs))
        }
        read_only = {p.rsplit("/", 1)[-1] for p in schema.get("readOnlyProperties", [])}
        required = [r for r in schema.get("required", []) if r not in read_only]
        types[type_name] = {"required": required, "properties": props}
        forbidden = [
            {**rule, "from": f"cfn-lint data/schemas/extensions/{name}"}
            for name in EXTENSIONS.get(type_name, ())
            for rule in _forbidden_when(json.loads(files.read(f"data/schemas/extensions/{name}")))
        ]
        if forbidden:
            types[type_name]["forbidden_when"] = forbidden
        formats = [
            {**rule, "from": f"cfn-lint data/schemas/extensions/{name}"}
            for name in FORMAT_EXTENSIONS.get(type_name, ())
            for rule in _format_when(json.loads(files.read(f"data/schemas/extensions/{name}")))
        ]
        if formats:
            types[type_name]["format_when"] = formats
    wanted = {r["format"] for t in types.values() for r in t.get("format_when", ())}
    return {
        "source": "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-template-resource-type-ref.html",
        "generated_by": "scripts/gen_cfn_property_schemas.py",
        "generated_from": f"CloudFormation resource provider schemas ({REGION}) as shipped in "
        f"cfn-lint {files.version()}",
        "types": types,
        "formats": _producers(files, providers, wanted),
        "ssm_secure_properties": _ssm_secure_properties(files),
    }


def main(argv: list[str]) -> int:
    if len(argv) > 2:
        print(__doc__, file=sys.stderr)
        return 2
    data = generate(Path(argv[1]) if len(argv) == 2 else None)
    OUT.write_text(json.dumps(data, indent=None, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({len(data['types'])} types)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
