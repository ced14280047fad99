"""SARIF 2.1.0 output validates against the official schema (tests/data) and carries rule
metadata, regions, relative artifact URIs, as_of and executionSuccessful."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import jsonschema
import pytest

from lambdalint.api import lint_paths
from lambdalint.catalog import load_catalog
from lambdalint.config import Settings
from lambdalint.report import REPORTERS, RenderOptions

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures" / "cli"
SCHEMA = json.loads((ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text("utf-8"))


def sarif(paths: list[str], cwd: Path) -> dict[str, object]:
    report = lint_paths(paths, Settings(as_of=date(2025, 1, 31)))
    out = io.StringIO()
    REPORTERS["sarif"](report, out, RenderOptions(cwd=str(cwd)))
    data: dict[str, object] = json.loads(out.getvalue())
    return data


@pytest.fixture(scope="module")
def document() -> dict[str, object]:
    return sarif([str(FIXTURES / "yaml11.yaml"), str(FIXTURES / "broken.yaml")], ROOT)


def test_validates_against_the_sarif_schema(document: dict[str, object]) -> None:
    jsonschema.validate(document, SCHEMA)


def test_clean_run_validates_and_succeeds() -> None:
    data = sarif([str(FIXTURES / "workflow.yaml")], ROOT)
    jsonschema.validate(data, SCHEMA)
    run = data["runs"][0]  # type: ignore[index]
    assert run["results"] == [] and run["invocations"][0]["executionSuccessful"] is True


def test_run_content(document: dict[str, object]) -> None:
    run = document["runs"][0]  # type: ignore[index]
    driver = run["tool"]["driver"]
    ids = [r["id"] for r in driver["rules"]]
    assert ids == list(load_catalog())
    ll008 = driver["rules"][ids.index("LL008")]
    assert ll008["name"] == "yaml11-ambiguous-scalar"
    assert ll008["helpUri"].endswith("/rules/catalog/LL008.yaml")
    assert ll008["defaultConfiguration"] == {"level": "warning"}
    ll219 = driver["rules"][ids.index("LL219")]  # opt-in (enabled_by_default: false)
    assert ll219["defaultConfiguration"] == {"level": "note", "enabled": False}
    assert run["invocations"][0]["executionSuccessful"] is False  # broken.yaml is a tool error
    assert run["properties"]["as_of"] == "2025-01-31"
    broken, yaml11 = run["results"]
    assert broken["ruleId"] == "LL002" and broken["level"] == "error"
    assert yaml11["ruleId"] == "LL008" and yaml11["ruleIndex"] == ids.index("LL008")
    location = yaml11["locations"][0]
    assert location["physicalLocation"] == {
        "artifactLocation": {"uri": "fixtures/cli/yaml11.yaml", "uriBaseId": "%SRCROOT%"},
        "region": {"startLine": 14, "startColumn": 20, "endLine": 14, "endColumn": 23},
    }
    assert location["logicalLocations"] == [
        {
            "kind": "resource",
            "name": "Fn",
            "fullyQualifiedName": "Resources.Fn.Properties.Environment.Variables.VERBOSE",
        }
    ]


def test_files_outside_the_working_directory_get_absolute_uris(tmp_path: Path) -> None:
    data = sarif([str(FIXTURES / "yaml11.yaml")], tmp_path)
    jsonschema.validate(data, SCHEMA)
    uri = data["runs"][0]["results"][0]["locations"][0]["physicalLocation"][  # type: ignore[index]
        "artifactLocation"
    ]["uri"]
    assert uri == (FIXTURES / "yaml11.yaml").as_uri()
