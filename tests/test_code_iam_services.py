"""The SDK-client -> IAM-prefix join against the Service Authorization Reference's prefix list
(rules/facts/iam_services.json): botocore names some services by their endpoint, and a prefix
IAM does not know is never used to report a missing or an unused permission."""

from __future__ import annotations

import json

from lambdalint.data import load_data, rules_dir
from lambdalint.source.code.actions import actions_for, client_prefix
from lambdalint.source.code.analysis import SdkCall, Spot

AT = Spot("app.py", 1)


def _prefixes() -> set[str]:
    path = rules_dir() / "facts" / "iam_services.json"
    return set(json.loads(path.read_text(encoding="utf-8"))["prefixes"])


def test_every_hand_kept_prefix_is_an_iam_prefix() -> None:
    for row in load_data("facts/sdk_action_exceptions.yaml")["prefixes"]:
        assert row["prefix"] in _prefixes(), row


def test_endpoint_named_services_join_to_their_iam_prefix() -> None:
    # The CODE_PATTERNS run (sfn-log-export) showed tagging:GetResources: the action is
    # tag:GetResources, which the role granted.
    tag = SdkCall("boto3", "resourcegroupstaggingapi", "get_resources", AT)
    assert actions_for(tag) == ("tag:GetResources",)
    metric = SdkCall("boto3", "cloudwatch", "put_metric_data", AT)
    assert actions_for(metric) == ("cloudwatch:PutMetricData",)
    assert client_prefix("boto3", "cloudwatch") == "cloudwatch"
    assert client_prefix("js-v3", "client-cloudwatch") == "cloudwatch"


def test_a_prefix_iam_does_not_know_is_not_joined() -> None:
    # The IAM Identity Center portal API (botocore "sso", signed "awsssoportal") takes a bearer
    # token, not IAM permissions: no action, no prefix.
    assert actions_for(SdkCall("boto3", "sso", "get_role_credentials", AT)) is None
    assert client_prefix("boto3", "sso") is None


def test_dependent_services_are_listed_for_services_acting_for_the_caller() -> None:
    dependent = json.loads((rules_dir() / "facts" / "iam_services.json").read_text())["dependent"]
    assert "s3" in dependent["transcribe"]  # StartTranscriptionJob reads the media file
