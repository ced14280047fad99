"""Edge cases of the LL2xx runtime rules, with exact rule, line, column and severity."""

from __future__ import annotations

from datetime import date

import pytest
from lintrun import lint_text

from lambdalint.severity import Severity

SAM = "Transform: AWS::Serverless-2016-10-31\nResources:\n"
CFN = 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n'


def sam_fn(runtime: str | None, extra: str = "", name: str = "Fn") -> str:
    rt = f"      Runtime: {runtime}\n" if runtime is not None else ""
    return (
        f"  {name}:\n    Type: AWS::Serverless::Function\n    Properties:\n{rt}"
        f"      Handler: app.handler\n      CodeUri: s3://bucket/fn.zip\n{extra}"
    )


def found(text: str, **settings: object) -> list[tuple[str, int, int, Severity]]:
    return [(f.rule_id, f.loc.line, f.loc.col, f.severity) for f in lint_text(text, **settings)]


# ------------------------------------------------------------------ LL201 dates
# nodejs20.x: deprecated 2026-04-30, create blocked 2027-02-01, update blocked 2027-03-03.
@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        (date(2025, 10, 31), []),  # 181 days before deprecation
        (date(2025, 11, 1), [("LL201", 6, 16, Severity.INFO)]),  # exactly 180 days before
        (date(2026, 4, 29), [("LL201", 6, 16, Severity.INFO)]),
        (date(2026, 4, 30), [("LL201", 6, 16, Severity.WARNING)]),
        (date(2027, 1, 31), [("LL201", 6, 16, Severity.WARNING)]),
        (date(2027, 2, 1), [("LL201", 6, 16, Severity.ERROR)]),
    ],
)
def test_deprecation_severity_follows_the_date(as_of: date, expected: list[object]) -> None:
    assert found(SAM + sam_fn("nodejs20.x"), as_of=as_of) == expected


def test_notice_days_option() -> None:
    text = SAM + sam_fn("nodejs20.x")
    assert found(text, as_of=date(2026, 3, 1)) == [("LL201", 6, 16, Severity.INFO)]
    assert found(text, as_of=date(2026, 3, 1), rules={"LL201": {"days": 30}}) == []


def test_blocked_runtime_message_names_dates_and_successor() -> None:
    (finding,) = lint_text(SAM + sam_fn("python3.7"))
    assert "blocks creating functions with it since 2024-01-09" in finding.message
    assert "move to python3.14" in finding.message


def test_newest_identifiers_are_valid_and_not_deprecated() -> None:
    text = SAM + "".join(
        sam_fn(rt, name=f"F{i}")
        for i, rt in enumerate(
            ["nodejs26.x", "python3.15", "java8.al2023", "java11.al2023", "java17.al2023"]
        )
    )
    assert found(text) == []


def test_globals_runtime_is_reported_once_for_zip_functions_only() -> None:
    text = (
        "Transform: AWS::Serverless-2016-10-31\nGlobals:\n  Function:\n"
        "    Runtime: python3.8\nResources:\n"
        + sam_fn(None, name="One")
        + sam_fn(None, name="Two")
        + "  Img:\n    Type: AWS::Serverless::Function\n    IgnoreGlobals: [Runtime]\n"
        "    Properties:\n"
        "      PackageType: Image\n      ImageUri: 1.dkr.ecr.us-east-1.amazonaws.com/a:1\n"
    )
    findings = lint_text(text)
    assert [(f.rule_id, f.loc.line, f.loc.col) for f in findings] == [("LL201", 4, 14)]
    assert "functions One and Two " in findings[0].message


# ------------------------------------------------------------------ LL202 unknown
def test_unknown_runtime_suggests_the_closest_identifier() -> None:
    (finding,) = lint_text(SAM + sam_fn("nodejs22"))
    assert (finding.rule_id, finding.loc.line, finding.loc.col) == ("LL202", 6, 16)
    assert "did you mean nodejs22.x?" in finding.message


def test_container_only_runtime_is_not_a_zip_runtime() -> None:
    (finding,) = lint_text(SAM + sam_fn("dotnet9"))
    assert finding.rule_id == "LL202" and "container image" in finding.message


def test_runtime_through_parameter_default() -> None:
    text = (
        "Transform: AWS::Serverless-2016-10-31\nParameters:\n  Rt:\n    Type: String\n"
        "    Default: pyhton3.12\nResources:\n" + sam_fn("!Ref Rt")
    )
    assert found(text) == [("LL202", 5, 14, Severity.ERROR)]


# ------------------------------------------------------------------ LL203 / LL204 package type
def test_zip_function_without_runtime_and_handler() -> None:
    text = (
        CFN + "  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n"
        "      Role: arn:aws:iam::123456789012:role/r\n"
        "      Code: {S3Bucket: b, S3Key: k}\n"
    )
    assert found(text) == [("LL203", 5, 5, Severity.ERROR), ("LL203", 5, 5, Severity.ERROR)]


def test_sam_image_uri_without_package_type_is_a_zip_function() -> None:
    # SAM: ``packagetype = self.PackageType or ZIP``; ImageUri alone does not make an image.
    text = (
        SAM + "  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n"
        "      ImageUri: 123456789012.dkr.ecr.us-east-1.amazonaws.com/a:1\n"
    )
    findings = lint_text(text)
    assert [(f.rule_id, f.loc.line, f.loc.col) for f in findings] == [
        ("LL203", 5, 5),
        ("LL203", 5, 5),
    ]
    assert "add PackageType: Image" in findings[0].message


def test_cfn_image_uri_without_package_type_is_not_judged() -> None:
    text = (
        CFN + "  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n"
        "      Role: arn:aws:iam::123456789012:role/r\n"
        "      Code: {ImageUri: 123456789012.dkr.ecr.us-east-1.amazonaws.com/a:1}\n"
    )
    assert found(text) == []


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("", [("LL203", 7, 7, Severity.ERROR)]),
        ("''", [("LL203", 7, 16, Severity.ERROR)]),
        ("app.handler", []),
    ],
)
def test_empty_handler_is_missing(value: str, expected: list[object]) -> None:
    text = sam_fn("python3.13", name="Fn").replace("app.handler", value)
    assert found(SAM + text) == expected


def test_globals_runtime_and_handler_reach_image_functions() -> None:
    text = (
        "Transform: AWS::Serverless-2016-10-31\nGlobals:\n  Function:\n"
        "    Runtime: python3.13\n    Handler: app.handler\nResources:\n"
        "  Img:\n    Type: AWS::Serverless::Function\n    Properties:\n"
        "      PackageType: Image\n      ImageUri: 1.dkr.ecr.us-east-1.amazonaws.com/a:1\n"
    )
    assert found(text) == [("LL204", 4, 14, Severity.ERROR), ("LL204", 5, 14, Severity.ERROR)]
    ignored = text.replace(
        "    Properties:", "    IgnoreGlobals: [Runtime, Handler]\n    Properties:"
    )
    assert found(ignored) == []


@pytest.mark.parametrize(
    ("runtime", "hint"),
    [
        ("Python3.13", "did you mean python3.13?"),
        ("'nodejs22.x '", "did you mean nodejs22.x?"),
        ("python3", "did you mean python3.14?"),
        ("dotnet7", "container image"),
    ],
)
def test_unknown_runtime_hints(runtime: str, hint: str) -> None:
    findings = lint_text(SAM + sam_fn(runtime))
    assert [f.rule_id for f in findings] == ["LL202"]
    assert hint in findings[0].message


def test_go_successor_is_an_os_only_runtime() -> None:
    findings = lint_text(SAM + sam_fn("go1.x"))
    assert [f.rule_id for f in findings] == ["LL201"]
    assert "move to provided.al2023" in findings[0].message


def test_image_function_with_runtime_and_handler() -> None:
    text = (
        CFN + "  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n"
        "      PackageType: Image\n      Role: arn:aws:iam::123456789012:role/r\n"
        "      Code: {ImageUri: 123456789012.dkr.ecr.us-east-1.amazonaws.com/a:1}\n"
        "      Runtime: nodejs99.x\n      Handler: app.handler\n"
    )
    # LL202 stays quiet: an image function's Runtime is LL204's problem.
    assert found(text) == [("LL204", 9, 16, Severity.ERROR), ("LL204", 10, 16, Severity.ERROR)]


# ------------------------------------------------------------------ LL205 layers
LAYER = (
    "  Deps:\n    Type: AWS::Lambda::LayerVersion\n    Properties:\n"
    "      Content: {S3Bucket: b, S3Key: k}\n"
    "      CompatibleRuntimes: [python3.12, python3.13]\n"
    "      CompatibleArchitectures: [arm64]\n"
)


@pytest.mark.parametrize(
    ("runtime", "arch", "expected"),
    [
        ("python3.13", "      Architectures: [arm64]\n", []),
        ("python3.11", "      Architectures: [arm64]\n", [("LL205", 17, 11, Severity.WARNING)]),
        ("python3.13", "", [("LL205", 16, 11, Severity.WARNING)]),
    ],
)
def test_layer_compatibility(runtime: str, arch: str, expected: list[object]) -> None:
    text = SAM + LAYER + sam_fn(runtime, arch + "      Layers:\n        - !Ref Deps\n")
    assert found(text) == expected


def test_layer_without_declared_compatibility_is_never_reported() -> None:
    layer = (
        "  Deps:\n    Type: AWS::Lambda::LayerVersion\n    Properties:\n"
        "      Content: {S3Bucket: b, S3Key: k}\n"
    )
    text = SAM + layer + sam_fn("ruby3.4", "      Layers:\n        - !Ref Deps\n")
    assert found(text) == []


def test_notice_days_option_must_be_a_whole_number() -> None:
    from lambdalint.config import ConfigError, make_settings

    with pytest.raises(ConfigError, match=r"rules\.LL201\.days: expected int, got 'soon'"):
        make_settings({"rules": {"LL201": {"days": "soon"}}})


# ------------------------------------------------------------------ LL225 SnapStart runtimes
def test_snapstart_runtime_support_follows_the_documented_minimums() -> None:
    from lambdalint.checks.runtime.snapstart_unsupported import supported

    # DG snapstart: Java 11 and later, Python 3.12 and later, .NET 8 and later.
    for runtime in ("java11", "java11.al2023", "java25", "python3.12", "python3.15", "dotnet8"):
        assert supported(runtime), runtime
    for runtime in (
        "java8",
        "java8.al2",
        "java8.al2023",
        "python3.11",
        "python3.9",
        "python2.7",
        "dotnet6",
        "dotnetcore3.1",
        "nodejs24.x",
        "ruby3.4",
        "provided.al2023",
    ):
        assert not supported(runtime), runtime
