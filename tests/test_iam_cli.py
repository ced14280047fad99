"""``lambdalint permissions``: JSON for scripts, text for people, exit 2 on bad input."""

from __future__ import annotations

import json

import pytest
from lintrun import REPO

from lambdalint.cli import main

FIX = REPO / "fixtures" / "rules"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_json_names_the_gap_and_its_fix(capsys: pytest.CaptureFixture[str]) -> None:
    path = FIX / "LL301" / "bad" / "cfn.yaml"
    code, out, _ = run(capsys, "permissions", str(path), "--format", "json")
    assert code == 0
    (fn,) = json.loads(out)["functions"]
    assert fn["function"] == "Fn" and fn["execution_role"]["role"] == "FnRole"
    (esm,) = [n for n in fn["needs"] if n["feature"] == "esm"]
    assert esm["missing"] == ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"]
    assert "SQSPollerPolicy" in esm["fix"]
    logs = next(n for n in fn["needs"] if n["feature"] == "logs")
    assert {a["answer"] for a in logs["actions"]} == {"yes"}


def test_text_shows_sources_needs_and_invokers(capsys: pytest.CaptureFixture[str]) -> None:
    path = FIX / "LL306" / "good" / "cfn-sns.yaml"
    code, out, _ = run(capsys, "permissions", str(path), "--function", "Fn")
    assert code == 0
    assert "role: FnRole" in out
    assert "AWS managed policy AWSLambdaBasicExecutionRole" in out
    assert "TopicPermission" in out and "sns.amazonaws.com" in out
    assert "permission ok" in out


def test_unknown_role_claims_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    path = FIX / "LL301" / "good" / "cfn-unknown-role.yaml"
    code, out, _ = run(capsys, "permissions", str(path))
    assert code == 0
    assert "role: unknown" in out and "MISSING" not in out


def test_unknown_function_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    path = FIX / "LL301" / "bad" / "cfn.yaml"
    code, _, err = run(capsys, "permissions", str(path), "--function", "Nope")
    assert code == 2 and "Nope" in err
