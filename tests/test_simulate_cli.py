"""``lambdalint simulate``: the timeline for a template's triggers, deterministic, JSON valid
against rules/schemas/simulate.schema.json, and usage errors as one line with exit code 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lambdalint.cli import main

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "fixtures" / "rules"


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["simulate", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_s3_timeline(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, str(FIXTURES / "LL501/bad/sam.yaml"), "--trigger", "Upload")
    assert code == 0
    lines = [line.strip() for line in out.splitlines()]
    assert lines[0] == "Fn ← Upload (S3, async)"
    assert "t=0s      attempt 1 fails" in lines
    assert "t=60s     attempt 2 fails" in lines
    assert "t=180s    attempt 3 fails" in lines
    assert "t=180s    dropped: no DLQ and no on-failure destination" in lines
    assert "Nightly" not in out


def test_output_is_deterministic(capsys: pytest.CaptureFixture[str]) -> None:
    path = str(REPO / "fixtures/model/sam-events.yaml")
    first = _run(capsys, path)[1]
    assert first == _run(capsys, path)[1]
    assert first.count(" ← ") >= 5


def test_json_matches_the_schema(capsys: pytest.CaptureFixture[str]) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((REPO / "rules/schemas/simulate.schema.json").read_text(encoding="utf-8"))
    for path in sorted(FIXTURES.glob("LL5*/bad/*.yaml")):
        code, out, _ = _run(capsys, str(path), "--format", "json")
        assert code == 0
        document = json.loads(out)
        jsonschema.validate(document, schema)
    code, out, _ = _run(
        capsys,
        str(FIXTURES / "LL505/bad/sam.yaml"),
        "--format",
        "json",
        "--scenario",
        "succeeds",
    )
    (sim,) = json.loads(out)["simulations"]
    assert [t["disposition"] for t in sim["traces"]] == ["rejected"]


def test_unknown_timeout_is_said_not_guessed(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, str(FIXTURES / "LL505/good/cfn.yaml"), "--function", "Other")
    assert code == 0
    assert "Timeout is not known statically" in out
    assert "=> unknown" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--scenario", "sometimes"], "--scenario 'sometimes'"),
        (["--format", "xml"], "unknown simulate format"),
        (["--function", "Nope"], "no trigger matches"),
    ],
)
def test_usage_errors(capsys: pytest.CaptureFixture[str], args: list[str], message: str) -> None:
    code, out, err = _run(capsys, str(FIXTURES / "LL501/bad/sam.yaml"), *args)
    assert code == 2 and out == ""
    assert message in err and len(err.strip().splitlines()) == 1


def test_missing_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = _run(capsys, str(tmp_path / "missing.yaml"))
    assert code == 2 and "missing.yaml" in err


def test_conditional_timeout_is_simulated_per_branch(capsys: pytest.CaptureFixture[str]) -> None:
    path = str(FIXTURES / "LL505/bad/sam-condition-timeout.yaml")
    code, out, _ = _run(capsys, path, "--scenario", "succeeds")
    assert code == 0
    assert "Timeout 300 s (when condition IsProd is true)" in out
    assert "Timeout 10 s (when condition IsProd is false)" in out
    assert out.count("=> rejected by Lambda at deployment") == 1
