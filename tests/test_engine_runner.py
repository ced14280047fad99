"""The runner: checks called per model object or once per template, catalog severities, and a
crashing check becoming an LL011 tool error while the other checks still run."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from lambdalint.api import lint_paths
from lambdalint.config import Settings
from lambdalint.engine import registry as registry_module
from lambdalint.engine import runner
from lambdalint.engine.finding import Finding
from lambdalint.engine.registry import RegisteredCheck
from lambdalint.severity import Severity
from lambdalint.source.location import Location
from lambdalint.source.template import Template

TEMPLATE = """\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  A:
    Type: AWS::Lambda::Function
    Properties: {MemorySize: 64}
  B:
    Type: AWS::Lambda::Function
    Properties: {MemorySize: 128}
"""


@dataclass
class Thing:
    logical_id: str
    loc: Location
    node: Any


class FakeGraph:
    """Stands in for LambdaGraph: one Thing per resource."""

    def __init__(self, template: Template, evaluator: Any = None) -> None:
        self.things = [
            Thing(r.logical_id, r.loc, r.prop("MemorySize")) for r in template.resources.values()
        ]

    def objects(self, cls: type) -> Iterator[Thing]:
        assert cls is Thing
        return iter(self.things)


def per_thing(thing: Thing, ctx: Any) -> Iterator[Finding]:
    if thing.node.value < 128:
        yield ctx.finding(f"{thing.node.value} is small", at=thing.node, resource=thing.logical_id)


def crashes_on_b(thing: Thing, ctx: Any) -> Iterator[Finding]:
    if thing.logical_id == "B":
        raise KeyError("boom")
    yield ctx.finding("seen", at=thing.node, resource=thing.logical_id)


def once(graph: FakeGraph, ctx: Any) -> Iterator[Finding]:
    yield ctx.finding(
        f"{len(graph.things)} things on {ctx.as_of}", at=Location.point(ctx.template.file, 1, 1)
    )


@pytest.fixture
def registry(monkeypatch: pytest.MonkeyPatch) -> dict[str, RegisteredCheck]:
    """An empty registry in place of the real rules, which expect the real graph."""
    fake: dict[str, RegisteredCheck] = {}
    monkeypatch.setattr(runner, "REGISTRY", fake)
    monkeypatch.setattr("lambdalint.api.register_checks", lambda: None)
    # --select/--ignore accept ids of registered checks: these fake ones too.
    monkeypatch.setattr(registry_module, "REGISTRY", fake)
    return fake


@pytest.fixture
def fake_rules(monkeypatch: pytest.MonkeyPatch, registry: dict[str, RegisteredCheck]) -> None:
    monkeypatch.setattr(runner, "_build_graph", FakeGraph)
    registry["LL001"] = RegisteredCheck("LL001", Thing, per_thing)
    registry["LL996"] = RegisteredCheck("LL996", Thing, crashes_on_b)
    registry["LL997"] = RegisteredCheck("LL997", None, once)


def lint(tmp_path: Path, **settings: Any) -> list[tuple[str, Severity, int, int, str, str, bool]]:
    path = tmp_path / "t.yaml"
    path.write_text(TEMPLATE, encoding="utf-8")
    report = lint_paths([str(path)], Settings(as_of=date(2025, 1, 31), **settings))
    return [
        (f.rule_id, f.severity, f.loc.line, f.loc.col, f.resource, f.message, f.tool_error)
        for f in report.findings
    ]


@pytest.mark.usefixtures("fake_rules")
def test_checks_run_per_object_and_once(tmp_path: Path) -> None:
    found = lint(tmp_path)
    # LL001's catalog severity (error) is used; LL996/LL997 have no entry: warning.
    assert ("LL001", Severity.ERROR, 5, 30, "A", "64 is small", False) in found
    assert [f[0] for f in found if f[0] == "LL001"] == ["LL001"]  # B (128) is fine
    assert ("LL997", Severity.WARNING, 1, 1, "", "2 things on 2025-01-31", False) in found
    assert ("LL996", Severity.WARNING, 5, 30, "A", "seen", False) in found


@pytest.mark.usefixtures("fake_rules")
def test_crashing_check_is_a_tool_error_naming_the_rule(tmp_path: Path) -> None:
    found = lint(tmp_path)
    crash = [f for f in found if f[0] == "LL011"]
    assert len(crash) == 1
    _, severity, line, col, resource, message, tool_error = crash[0]
    assert (severity, line, col, resource, tool_error) == (Severity.ERROR, 6, 3, "B", True)
    assert message.startswith("rule LL996 on B crashed: KeyError: 'boom' at test_engine_runner.py:")
    assert "please report it at https://github.com/lambdalint/lambdalint/issues" in message
    # The other rules still ran, and findings before the crash are kept.
    assert {f[0] for f in found} == {"LL001", "LL011", "LL996", "LL997"}


@pytest.mark.usefixtures("fake_rules")
def test_unselected_checks_do_not_run(tmp_path: Path) -> None:
    found = lint(tmp_path, select=("LL99",), ignore=("LL996",))
    assert [f[0] for f in found] == ["LL997"]


@pytest.mark.usefixtures("fake_rules")
def test_rule_options_reach_the_context(
    tmp_path: Path, registry: dict[str, RegisteredCheck]
) -> None:
    seen: list[dict[str, Any]] = []

    def record(graph: FakeGraph, ctx: Any) -> Iterator[Finding]:
        seen.append(ctx.options)
        return iter(())

    registry["LL997"] = RegisteredCheck("LL997", None, record)
    lint(tmp_path, rules={"LL997": {"limit": 3}})
    assert seen == [{"limit": 3}]


def test_model_crash_is_one_tool_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, registry: dict[str, RegisteredCheck]
) -> None:
    def broken(template: Template, evaluator: Any = None) -> None:
        raise RuntimeError("no model")

    monkeypatch.setattr(runner, "_build_graph", broken)
    registry["LL997"] = RegisteredCheck("LL997", None, once)
    found = lint(tmp_path)
    assert [(f[0], f[2], f[6]) for f in found] == [("LL011", 1, True)]
    assert found[0][5].startswith("building the Lambda model crashed: RuntimeError: no model")


def test_a_loader_exception_is_a_tool_error_for_that_file_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = runner.parse_text

    def flaky(source: Any, *args: Any) -> Any:
        if source.file.endswith("bad.yaml"):
            raise RecursionError("deep")
        return real(source, *args)

    monkeypatch.setattr(runner, "parse_text", flaky)
    (tmp_path / "bad.yaml").write_text(TEMPLATE, encoding="utf-8")
    (tmp_path / "good.yaml").write_text(
        TEMPLATE.replace("MemorySize: 64", "MemorySize: yes"), encoding="utf-8"
    )
    # LL031 would also report the Code and Role this minimal template leaves out.
    report = lint_paths(
        [str(tmp_path / "bad.yaml"), str(tmp_path / "good.yaml")],
        Settings(select=("LL0",), ignore=("LL031",)),
    )
    assert [(Path(f.loc.file).name, f.rule_id) for f in report.findings] == [
        ("bad.yaml", "LL011"),
        ("good.yaml", "LL008"),
    ]
    assert report.exit_code == 2


@pytest.mark.usefixtures("fake_rules")
def test_a_failing_object_query_is_the_rules_crash_only(
    tmp_path: Path, registry: dict[str, RegisteredCheck]
) -> None:
    registry["LL995"] = RegisteredCheck("LL995", str, per_thing)  # FakeGraph has no str objects
    found = lint(tmp_path)
    crash = [(f[0], f[2], f[4], f[6]) for f in found if f[0] == "LL011"]
    assert ("LL011", 1, "", True) in crash
    assert any(f[5].startswith("rule LL995 crashed: AssertionError") for f in found)
    assert {"LL001", "LL997"} <= {f[0] for f in found}


THREE_FUNCTIONS = """\
AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Resources:
  First:
    Type: AWS::Serverless::Function
    Properties: {Runtime: python3.13, Handler: index.handler, InlineCode: x}
  Second:
    Type: AWS::Serverless::Function
    Properties: {Runtime: python3.13, Handler: index.handler, InlineCode: x}
  Third:
    Type: AWS::Serverless::Function
    Properties: {Runtime: python3.13, Handler: index.handler, InlineCode: x}
"""


@pytest.fixture
def crashing_check() -> Iterator[str]:
    """A check registered with the real @check on the real model, crashing on two of three
    functions; unregistered afterwards so no other test sees it."""
    from lambdalint.engine.registry import REGISTRY, check
    from lambdalint.model.lambda_ import Function

    rule_id = "LL989"

    @check(rule_id, on=Function)
    def crashes_on_first_and_third(fn: Function, ctx: Any) -> Iterator[Finding]:
        yield ctx.finding(f"saw {fn.logical_id}", at=fn.loc, resource=fn.logical_id)
        if fn.logical_id != "Second":
            raise ValueError(f"broken on {fn.logical_id}")

    try:
        yield rule_id
    finally:
        del REGISTRY[rule_id]


def test_a_crash_on_one_object_keeps_the_rules_findings_on_the_others(
    tmp_path: Path, crashing_check: str
) -> None:
    path = tmp_path / "t.yaml"
    path.write_text(THREE_FUNCTIONS, encoding="utf-8")
    report = lint_paths([str(path)], Settings(select=(crashing_check,)))
    found = sorted((f.rule_id, f.resource, f.loc.line, f.message[:40]) for f in report.findings)
    assert found == [
        ("LL011", "First", 4, "rule LL989 on First crashed: ValueError:"),
        ("LL011", "Third", 10, "rule LL989 on Third crashed: ValueError:"),
        ("LL989", "First", 4, "saw First"),
        ("LL989", "Second", 7, "saw Second"),
        ("LL989", "Third", 10, "saw Third"),
    ]
    assert report.exit_code == 2


def test_a_missing_model_module_is_not_swallowed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, registry: dict[str, RegisteredCheck]
) -> None:
    """A ModuleNotFoundError while building the model is a crash (LL011), not silence."""
    import builtins

    real_import = builtins.__import__

    def no_model(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "lambdalint.model.build":
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_model)
    registry["LL997"] = RegisteredCheck("LL997", None, once)
    found = lint(tmp_path)
    assert [(f[0], f[6]) for f in found] == [("LL011", True)]
    assert "building the Lambda model crashed: ModuleNotFoundError" in found[0][5]
