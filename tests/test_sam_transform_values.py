"""The value checks SAM makes while it transforms a function (rules/facts/sam_enums.json from
scripts/gen_sam_enums.py, rules/facts/sam_passthrough.json from scripts/gen_sam_passthrough.py),
differentially: every bad fixture of LL024/LL030/LL032 added for them is rejected by the real
translator with the message lambdalint cites, every good one translates, and the generated files
match the installed translator."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from lintrun import REPO, lint_text
from sam_translate import translate

pytest.importorskip("samtranslator")

FIXTURES = REPO / "fixtures" / "rules"
# (fixture, rule, what the translator says) for the checks added from SAM's source.
BAD = [
    ("LL024/bad/sam-function-dlq.yaml", "LL024", "'DeadLetterQueue' requires Type"),
    ("LL032/bad/sam-event-on-failure.yaml", "LL032", "The only valid values for 'Type' are"),
    ("LL030/bad/sam-pull-event.yaml", "LL030", ""),
]
GOOD = [
    "LL024/good/sam-function-dlq.yaml",
    "LL032/good/sam-event-on-failure.yaml",
    "LL030/good/sam-pull-event.yaml",
]


def _resources(text: str) -> list[str]:
    """The template split into one template per function (the translator stops at the first
    invalid resource), each keeping the other resources."""
    import re

    names = re.findall(r"^  (\w+):\n    Type: AWS::Serverless::Function$", text, re.M)
    out = []
    for name in names:
        lines, skip = [], False
        for line in text.split("\n"):
            if line.startswith("  ") and not line.startswith("   ") and line.strip().endswith(":"):
                rid = line.strip()[:-1]
                skip = rid in names and rid != name
            if not skip:
                lines.append(line)
        out.append("\n".join(lines))
    return out


def _rejected(text: str) -> str | None:
    try:
        translate(text)
    except Exception as exc:  # the translator's InvalidDocumentException
        causes = getattr(exc, "causes", None) or [exc]
        return " ".join(getattr(c, "message", str(c)) for c in causes)
    return None


@pytest.mark.parametrize(("fixture", "rule", "message"), BAD)
def test_each_bad_function_is_rejected_by_sam_and_reported(
    fixture: str, rule: str, message: str
) -> None:
    parts = _resources((FIXTURES / fixture).read_text(encoding="utf-8"))
    assert parts
    for part in parts:
        why = _rejected(part)
        assert why is not None, f"SAM accepts a part of {fixture}"
        assert message in why
        assert any(f.rule_id == rule for f in lint_text(part)), why


@pytest.mark.parametrize("fixture", GOOD)
def test_each_good_fixture_translates(fixture: str) -> None:
    assert _rejected((FIXTURES / fixture).read_text(encoding="utf-8")) is None


def test_lambdalint_reports_what_sam_reports_for_each_fixture_function() -> None:
    # FilterCriteria and FunctionName in one fixture: each alone is rejected too.
    text = (FIXTURES / "LL030/bad/sam-pull-event.yaml").read_text(encoding="utf-8")
    only_filter = text.replace("      FunctionName: [orders, handler]\n", "")
    only_name = text.replace("              Filter:\n", "              Filters:\n")
    assert "FilterCriteria field has a wrong format" in (_rejected(only_filter) or "")
    assert "Type of property 'FunctionName' is invalid" in (_rejected(only_name) or "")
    assert [f.rule_id for f in lint_text(only_filter) if f.rule_id == "LL030"] == ["LL030"]
    assert [f.rule_id for f in lint_text(only_name) if f.rule_id == "LL030"] == ["LL030"]


def _generator(name: str) -> object:
    sys.path.insert(0, str(REPO / "scripts"))
    try:
        return __import__(name)
    finally:
        sys.path.pop(0)


@pytest.mark.parametrize(
    ("script", "facts"),
    [("gen_sam_enums", "sam_enums.json"), ("gen_sam_passthrough", "sam_passthrough.json")],
)
def test_generated_facts_match_the_installed_translator(script: str, facts: str) -> None:
    generated = _generator(script).generate()  # type: ignore[attr-defined]
    shipped = json.loads(Path(REPO / "rules" / "facts" / facts).read_text(encoding="utf-8"))
    assert generated == shipped
