"""The reference model costs nothing unless a template needs it: importing the rules does not
import lambdalint.semantics, and neither does linting a template whose functions have no
triggers, DLQs, destinations or reserved concurrency."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PLAIN = """\
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.13
      Handler: app.handler
      Role: arn:aws:iam::123456789012:role/fn
      Code: {S3Bucket: b, S3Key: k}
"""


def _semantics_modules(code: str) -> list[str]:
    probe = code + "\nimport sys\nprint(sorted(m for m in sys.modules if 'semantics' in m))\n"
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=REPO, capture_output=True, text=True, check=True
    )
    return eval(result.stdout.strip().splitlines()[-1])  # a printed list of names


def test_importing_the_rules_does_not_import_the_model() -> None:
    assert _semantics_modules("import lambdalint.checks") == []


def test_a_template_without_triggers_does_not_run_the_model(tmp_path: Path) -> None:
    path = tmp_path / "plain.yaml"
    path.write_text(PLAIN, encoding="utf-8")
    code = f"from lambdalint.cli import main; main(['check', {str(path)!r}])"
    assert _semantics_modules(code) == []


def test_a_template_with_a_trigger_does(tmp_path: Path) -> None:
    path = REPO / "fixtures/rules/LL501/bad/sam.yaml"
    code = f"from lambdalint.cli import main; main(['check', {str(path)!r}])"
    assert "lambdalint.semantics.async_queue" in _semantics_modules(code)
