"""rules/facts/sam_globals.yaml is generated from SAM's globals plugin
(scripts/gen_sam_globals.py); what SAM accepts in Globals lambdalint accepts, and SAM's
per-property merge strategies (CUSTOM_STRATEGIES) are applied."""

from __future__ import annotations

import importlib.util
import sys

import pytest
from lintrun import REPO, lint_path, lint_text

from lambdalint.data import load_data
from lambdalint.source.nodes import plain
from lambdalint.source.reader import SourceText
from lambdalint.source.template import parse_text

FIXTURE = REPO / "fixtures" / "model" / "sam-globals-current.yaml"


def test_websocket_api_and_api_security_policy_are_accepted() -> None:
    findings = [(f.rule_id, f.loc.line, f.message) for f in lint_path(FIXTURE)]
    assert not [f for f in findings if f[0] == "LL006"], findings
    template, _ = parse_text(SourceText(str(FIXTURE), FIXTURE.read_text(encoding="utf-8")))
    assert template is not None
    api = plain(template.resources["RestApi"].properties)
    assert isinstance(api, dict)
    assert (api["SecurityPolicy"], api["EndpointAccessMode"]) == ("TLS_1_2", "STRICT")
    ws = plain(template.resources["Chat"].properties)
    assert isinstance(ws, dict) and ws["StageVariables"] == {"Stage": "prod"}


def test_unsupported_globals_are_still_rejected() -> None:
    text = """\
Transform: AWS::Serverless-2016-10-31
Globals:
  Api:
    StageName: prod
  WebSocket:
    Tags: {a: b}
  HttpApi:
    DefinitionUri: s3://b/k
Resources: {}
"""
    messages = [(f.loc.line, f.message) for f in lint_text(text) if f.rule_id == "LL006"]
    assert [line for line, _ in messages] == [4, 5, 8]
    assert "WebSocketApi" in messages[1][1]


def test_architectures_is_replaced_not_concatenated() -> None:
    """CUSTOM_STRATEGIES["Function.Architectures"] = REPLACE: a function's own Architectures
    replaces the global list (concatenating would give two architectures, which Lambda rejects)."""
    template, _ = parse_text(SourceText(str(FIXTURE), FIXTURE.read_text(encoding="utf-8")))
    assert template is not None
    assert plain(template.resources["Fn"].properties.get("Architectures")) == ["arm64"]
    assert not [f for f in lint_path(FIXTURE) if f.rule_id == "LL109"]


def test_prune_and_merge_keeps_only_the_resource_keys() -> None:
    template, _ = parse_text(
        SourceText(
            "inline.yaml",
            """\
Transform: AWS::Serverless-2016-10-31
Globals:
  CapacityProvider:
    ManagedResourceTags: {team: a, cost: b}
    InstanceRequirements: {Architectures: [x86_64], AllowedTypes: [m7g.large]}
Resources:
  Cap:
    Type: AWS::Serverless::CapacityProvider
    Properties:
      ManagedResourceTags: {team: c}
      InstanceRequirements: {Architectures: [arm64], AllowedTypes: [c7g.large]}
""",
        )
    )
    assert template is not None
    props = plain(template.resources["Cap"].properties)
    assert isinstance(props, dict)
    assert props["ManagedResourceTags"] == {"team": "c"}
    assert props["InstanceRequirements"] == {
        "Architectures": ["arm64"],
        "AllowedTypes": ["m7g.large", "c7g.large"],
    }


def test_every_section_names_a_known_sam_type() -> None:
    types = load_data("facts/sam_resource_types.yaml")["types"]
    for name, section in load_data("facts/sam_globals.yaml")["sections"].items():
        assert section["resource_type"] == f"AWS::Serverless::{name}"
        assert section["resource_type"] in types


@pytest.mark.skipif(
    importlib.util.find_spec("samtranslator") is None, reason="aws-sam-translator not installed"
)
def test_facts_file_matches_the_installed_translator() -> None:
    """The shipped file is exactly what the generator writes from the installed translator;
    a newer translator means: rerun scripts/gen_sam_globals.py and commit."""
    sys.path.insert(0, str(REPO / "scripts"))
    try:
        import gen_sam_globals
    finally:
        sys.path.pop(0)
    shipped = (REPO / "rules" / "facts" / "sam_globals.yaml").read_text(encoding="utf-8")
    assert gen_sam_globals.generate() == shipped
