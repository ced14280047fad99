"""The generated IAM data: sources recorded, requirement actions real, the managed policies the
SAM-generated role relies on present, and the data loaded only when a rule needs it."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from lintrun import REPO

from lambdalint.iam import data
from lambdalint.iam.requirements import table

FACTS = REPO / "rules" / "facts"


@pytest.mark.parametrize(
    "name",
    [
        "managed_policies.json",
        "sam_policy_templates.json",
        "iam_actions.json",
        "privilege_escalation.json",
    ],
)
def test_generated_files_name_their_source_and_generator(name: str) -> None:
    doc = json.loads((FACTS / name).read_text())
    assert doc["source"] and doc["generator"].startswith("scripts/")
    assert (REPO / doc["generator"]).is_file()


def _actions(row: object) -> list[str]:
    if not isinstance(row, dict):
        return []
    if "actions" in row:
        return [*row["actions"], *(a for g in row.get("any_of", []) for a in g)]
    return [a for v in row.values() for a in _actions(v)]


def test_every_required_action_is_in_the_action_catalogue() -> None:
    required = _actions({k: v for k, v in table().items() if k != "push_principals"})
    assert len(required) > 20
    unknown = [a for a in required if data.access_level(a) is None]
    assert unknown == []


def test_every_row_has_a_source_and_a_severity() -> None:
    def rows(node: object) -> list[dict[str, object]]:
        if isinstance(node, dict) and "actions" in node:
            return [node]
        return [r for v in node.values() for r in rows(v)] if isinstance(node, dict) else []

    for row in rows({k: v for k, v in table().items() if k != "push_principals"}):
        assert row["source"] and row["severity"] in ("error", "warning")
        # (a YAML 1.1 ``on:`` key would read as true: the key is ``resource``)
        assert row["resource"] in ("source", "target", "target_objects", "any", "log_group")


def test_managed_policies_sam_attaches_are_present() -> None:
    policies = data.managed_policies()
    for name in (
        "AWSLambdaBasicExecutionRole",
        "AWSLambdaBasicDurableExecutionRolePolicy",
        "AWSLambdaVPCAccessExecutionRole",
        "AWSLambdaKinesisExecutionRole",
        "AWSLambdaDynamoDBExecutionRole",
        "AWSLambdaSQSQueueExecutionRole",
        "AWSLambdaMSKExecutionRole",
        "AWSXrayWriteOnlyAccess",
        "AWSXRayDaemonWriteAccess",
        "AdministratorAccess",
        "PowerUserAccess",
    ):
        assert name in policies, name
    # lambda-facts C.1: v3 of the VPC policy added ec2:DescribeSubnets.
    vpc = json.dumps(policies["AWSLambdaVPCAccessExecutionRole"]["document"])
    assert "ec2:DescribeSubnets" in vpc and "ec2:CreateNetworkInterface" in vpc


def test_sam_policy_templates_keep_their_shape() -> None:
    templates = data.sam_policy_templates()
    assert len(templates) >= 80
    poller = templates["SQSPollerPolicy"]
    assert set(poller) >= {"Parameters", "Definition"} and "QueueName" in poller["Parameters"]


def test_a_template_without_functions_never_loads_the_iam_package(tmp_path: object) -> None:
    code = (
        "import sys; from lambdalint.cli import main; "
        f"main(['check', {str(REPO / 'fixtures' / 'rules' / 'LL301' / 'good' / 'sam.yaml')!r}]); "
        "print('lambdalint.iam.analysis' in sys.modules)"
    )
    # With a function the analysis runs; a template of only a queue must not import it.
    queue = REPO / "tests" / "data" / "iam_no_functions.yaml"
    code_none = code.replace(
        str(REPO / "fixtures" / "rules" / "LL301" / "good" / "sam.yaml"), str(queue)
    )
    out = subprocess.run(
        [sys.executable, "-c", code_none], capture_output=True, text=True, check=False
    )
    assert out.stdout.strip().splitlines()[-1] == "False", out.stderr
