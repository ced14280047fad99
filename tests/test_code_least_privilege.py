"""LL219 role-grants-unused-service beyond its fixtures: services acting with the caller's
credentials, roles shared between functions or with other principals, and every way the code
side can be unknown (the rule is then silent)."""

from __future__ import annotations

from pathlib import Path

from lintrun import lint_path

ROLE = """
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: {{Service: {principals}}}
            Action: sts:AssumeRole
      Policies:
        - PolicyName: p
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: {actions}
                Resource: "*"
"""
FUNCTION = """
  {name}:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.13
      Handler: {handler}
      Code: src/
      Role: !GetAtt Role.Arn
"""


def _lint(
    tmp_path: Path,
    code: dict[str, str],
    actions: list[str],
    handlers: tuple[str, ...] = ("app.handler",),
    principals: str = "lambda.amazonaws.com",
    extra: str = "",
) -> list[str]:
    for name, text in code.items():
        (tmp_path / "src" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "src" / name).write_text(text)
    template = "Resources:" + ROLE.format(principals=principals, actions=actions)
    for i, handler in enumerate(handlers):
        template += FUNCTION.format(name=f"Fn{i}", handler=handler)
    (tmp_path / "template.yaml").write_text(template + extra)
    findings = lint_path(tmp_path / "template.yaml", select=("LL219",))
    return [f.message.split(" actions (")[0].rsplit(" ", 1)[-1] for f in findings]


TRANSCRIBE = (
    "import boto3\nt = boto3.client('transcribe')\n"
    "def handler(e, c):\n    t.start_transcription_job()\n"
)


def test_services_the_called_service_uses_for_the_caller_count_as_used(tmp_path: Path) -> None:
    # transcribe:StartTranscriptionJob depends on s3:GetObject (Service Authorization Reference).
    actions = ["transcribe:StartTranscriptionJob", "s3:GetObject", "sns:Publish"]
    assert _lint(tmp_path, {"app.py": TRANSCRIBE}, actions) == ["sns"]


def test_kms_and_iam_are_never_reported(tmp_path: Path) -> None:
    actions = ["transcribe:*", "kms:Decrypt", "iam:PassRole"]
    assert _lint(tmp_path, {"app.py": TRANSCRIBE}, actions) == []


def test_a_shared_role_counts_every_function_and_needs_all_read(tmp_path: Path) -> None:
    code = {
        "app.py": TRANSCRIBE,
        "other.py": "import boto3\nq = boto3.client('sqs')\n"
        "def handler(e, c):\n    q.send_message()\n",
    }
    actions = ["transcribe:*", "sqs:SendMessage", "sns:Publish"]
    assert _lint(tmp_path / "a", code, actions, ("app.handler", "other.handler")) == ["sns"]
    # One function's code unknown (a third-party import): silent for the whole role.
    code["other.py"] = "import requests\n" + code["other.py"]
    assert _lint(tmp_path / "b", code, actions, ("app.handler", "other.handler")) == []


def test_silent_when_the_role_serves_another_principal_or_resource(tmp_path: Path) -> None:
    actions = ["transcribe:*", "sns:Publish"]
    code = {"app.py": TRANSCRIBE}
    both = "[lambda.amazonaws.com, states.amazonaws.com]"
    assert _lint(tmp_path / "a", code, actions, principals=both) == []
    machine = """
  Machine:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      RoleArn: !GetAtt Role.Arn
      DefinitionString: "{}"
"""
    assert _lint(tmp_path / "b", code, actions, extra=machine) == []


def test_silent_whenever_the_code_side_is_unknown(tmp_path: Path) -> None:
    actions = ["transcribe:*", "sns:Publish"]
    cases = {
        "third-party": "import requests\n" + TRANSCRIBE,
        "computed-service": "import boto3, os\nc = boto3.client(os.environ['S'])\n" + TRANSCRIBE,
        "syntax-error": TRANSCRIBE + "def broken(:\n",
        "missing-import": "from . import nothing\n" + TRANSCRIBE,
    }
    for name, text in cases.items():
        assert _lint(tmp_path / name, {"app.py": text}, actions) == [], name
    # Layers may hold code calling AWS with the role (an extension, a shared library).
    layered = """
      Layers: [arn:aws:lambda:us-east-1:123456789012:layer:x:1]
"""
    found = _lint(tmp_path / "layer", {"app.py": TRANSCRIBE}, actions)
    assert found == ["sns"]
    text = (tmp_path / "layer" / "template.yaml").read_text() + layered
    (tmp_path / "layer" / "template.yaml").write_text(text)
    assert lint_path(tmp_path / "layer" / "template.yaml", select=("LL219",)) == []
