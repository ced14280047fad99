"""Edge cases of the LL1xx limit rules, with exact rule, line and column."""

from __future__ import annotations

import pytest
from lintrun import lint_text

from lambdalint.severity import Severity

SAM = "Transform: AWS::Serverless-2016-10-31\n"


def fn(name: str = "Fn", props: str = "", runtime: str = "python3.13") -> str:
    body = (
        f"      Runtime: {runtime}\n      Handler: app.handler\n"
        f"      CodeUri: s3://bucket/fn.zip\n" + props
    )
    return f"  {name}:\n    Type: AWS::Serverless::Function\n    Properties:\n{body}"


def found(text: str, **settings: object) -> list[tuple[str, int, int]]:
    return [(f.rule_id, f.loc.line, f.loc.col) for f in lint_text(text, **settings)]


# ------------------------------------------------------------------ LL101 memory
@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("127", [("LL101", 9, 19)]),
        ("128", []),
        ("'128'", []),
        ("10240", []),
        ("10241", [("LL101", 9, 19)]),
        ("'abc'", [("LL101", 9, 19)]),
        ("128.5", [("LL101", 9, 19)]),
        ("true", [("LL101", 9, 19)]),
    ],
)
def test_memory_values(value: str, expected: list[tuple[str, int, int]]) -> None:
    text = SAM + "Resources:\n" + fn(props=f"      MemorySize: {value}\n")
    assert found(text) == expected


def test_globals_value_reaching_three_functions_is_one_finding_naming_all() -> None:
    text = (
        SAM
        + "Globals:\n  Function:\n    MemorySize: 64\nResources:\n"
        + fn("Alpha")
        + fn("Beta")
        + fn("Gamma")
    )
    findings = lint_text(text)
    assert [(f.rule_id, f.loc.line, f.loc.col, f.resource) for f in findings] == [
        ("LL101", 4, 17, "Alpha")
    ]
    assert "functions Alpha, Beta and Gamma" in findings[0].message
    assert findings[0].path_text == "Globals.Function.MemorySize"


def test_function_value_overrides_globals() -> None:
    text = (
        SAM
        + "Globals:\n  Function:\n    MemorySize: 64\nResources:\n"
        + fn("Alpha", "      MemorySize: 256\n")
        + fn("Beta")
    )
    findings = lint_text(text)
    assert [(f.rule_id, f.loc.line) for f in findings] == [("LL101", 4)]
    assert "function Beta " in findings[0].message


def test_both_branches_of_if_are_checked_and_named() -> None:
    text = (
        SAM + "Parameters:\n  Stage:\n    Type: String\n"
        "Conditions:\n  IsProd: !Equals [!Ref Stage, prod]\nResources:\n"
        + fn(props="      MemorySize: !If [IsProd, 20000, 64]\n")
    )
    findings = lint_text(text)
    assert [(f.rule_id, f.loc.line, f.loc.col) for f in findings] == [
        ("LL101", 14, 32),
        ("LL101", 14, 39),
    ]
    assert "when condition IsProd is true" in findings[0].message
    assert "when condition IsProd is false" in findings[1].message


def test_parameter_without_default_is_unknown_and_silent() -> None:
    text = (
        SAM
        + "Parameters:\n  Memory:\n    Type: Number\nResources:\n"
        + fn(props="      MemorySize: !Ref Memory\n")
    )
    assert found(text) == []


def test_parameter_override_is_reported_where_the_ref_is_written() -> None:
    text = (
        SAM
        + "Parameters:\n  Memory:\n    Type: Number\n    Default: 256\nResources:\n"
        + fn(props="      MemorySize: !Ref Memory\n")
    )
    assert found(text) == []
    findings = lint_text(text, parameters={"Memory": "64"})
    assert [(f.rule_id, f.loc.line, f.loc.col) for f in findings] == [("LL101", 13, 19)]
    assert "--parameter" in findings[0].message


def test_resource_whose_condition_is_false_is_skipped() -> None:
    text = (
        SAM
        + "Conditions:\n  Never: !Equals [a, b]\nResources:\n"
        + fn(props="      MemorySize: 64\n").replace(
            "    Type: AWS::Serverless::Function\n",
            "    Type: AWS::Serverless::Function\n    Condition: Never\n",
        )
    )
    assert found(text) == []


MANAGED = (
    "      CapacityProviderConfig:\n"
    "        LambdaManagedInstancesCapacityProviderConfig:\n"
    "          CapacityProviderArn:"
    " arn:aws:lambda:us-east-1:123456789012:capacity-provider:c\n"
)


@pytest.mark.parametrize(
    ("memory", "expected"),
    [("16384", []), ("32768", []), ("40000", [("LL101", 9, 19)]), ("64", [("LL101", 9, 19)])],
)
def test_managed_instances_allow_more_memory(
    memory: str, expected: list[tuple[str, int, int]]
) -> None:
    text = SAM + "Resources:\n" + fn(props=f"      MemorySize: {memory}\n" + MANAGED)
    assert found(text) == expected


# ------------------------------------------------------------------ LL102 timeout
@pytest.mark.parametrize(
    ("value", "managed", "expected"),
    [
        ("0", False, [("LL102", 9, 16)]),
        ("1", False, []),
        ("900", False, []),
        ("901", False, [("LL102", 9, 16)]),
        ("5400", True, []),
        ("5401", True, [("LL102", 9, 16)]),
    ],
)
def test_timeout_values(value: str, managed: bool, expected: list[tuple[str, int, int]]) -> None:
    extra = MANAGED if managed else ""
    text = SAM + "Resources:\n" + fn(props=f"      Timeout: {value}\n" + extra)
    assert found(text) == expected


def test_timeout_message_points_to_step_functions() -> None:
    text = SAM + "Resources:\n" + fn(props="      Timeout: 1800\n")
    (finding,) = lint_text(text)
    assert "Step Functions" in finding.message and "900 s" in finding.message


# ------------------------------------------------------------------ LL103 ephemeral storage
@pytest.mark.parametrize(
    ("value", "expected"),
    [("511", [("LL103", 10, 15)]), ("512", []), ("10240", []), ("10241", [("LL103", 10, 15)])],
)
def test_ephemeral_storage_values(value: str, expected: list[tuple[str, int, int]]) -> None:
    text = SAM + "Resources:\n" + fn(props=f"      EphemeralStorage:\n        Size: {value}\n")
    assert found(text) == expected


# ------------------------------------------------------------------ LL104 environment size
def env(pairs: str) -> str:
    return "      Environment:\n        Variables:\n" + pairs


@pytest.mark.parametrize(
    ("length", "expected"),
    [
        # {"AA":"<n>"} is n + 9 bytes: 4087 characters make exactly 4096 bytes.
        (4087, []),
        (4088, [("LL104", 9, 7)]),
    ],
)
def test_environment_size_boundary(length: int, expected: list[tuple[str, int, int]]) -> None:
    text = SAM + "Resources:\n" + fn(props=env(f"          AA: {'x' * length}\n"))
    assert found(text) == expected


def test_environment_size_counts_utf8_bytes() -> None:
    # 2044 two-byte characters are 4088 bytes: 4097 with the JSON around them.
    text = SAM + "Resources:\n" + fn(props=env(f"          AA: {'é' * 2044}\n"))
    findings = lint_text(text)
    assert [(f.rule_id, f.loc.line) for f in findings] == [("LL104", 9)]
    assert "4097 bytes" in findings[0].message


def test_environment_size_lower_bound_with_unknown_values() -> None:
    unknown = "          QUEUE: !ImportValue shared-queue-url\n"
    over = SAM + "Resources:\n" + fn(props=env(f"          AA: {'x' * 4100}\n" + unknown))
    (finding,) = lint_text(over)
    assert finding.rule_id == "LL104"
    assert "at least" in finding.message and "not known statically" in finding.message
    under = SAM + "Resources:\n" + fn(props=env(f"          AA: {'x' * 4000}\n" + unknown))
    assert found(under) == []


def test_environment_size_adds_globals_and_function_variables() -> None:
    text = (
        SAM + f"Globals:\n  Function:\n    Environment:\n      Variables:\n"
        f"        GLOBAL_A: {'x' * 2100}\nResources:\n"
        + fn(props=env(f"          LOCAL_A: {'y' * 2100}\n"))
    )
    assert found(text) == [("LL104", 14, 7)]


# ------------------------------------------------------------------ LL105 / LL106 names
@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("A1", []),
        ("TZ", []),
        ("a_b", []),
        ("X", [("LL105", 11, 11)]),
        ("1A", [("LL105", 11, 11)]),
        ("MY-VAR", [("LL105", 11, 11)]),
        ("_HANDLER", [("LL106", 11, 11)]),
        ("AWS_LAMBDA_RUNTIME_API", [("LL106", 11, 11)]),
        ("AWS_DEFAULT_REGION", [("LL106", 11, 11)]),
    ],
)
def test_environment_variable_names(name: str, expected: list[tuple[str, int, int]]) -> None:
    text = SAM + "Resources:\n" + fn(props=env(f"          {name}: value\n"))
    assert found(text) == expected


def test_disputed_reserved_name_is_info_only() -> None:
    text = SAM + "Resources:\n" + fn(props=env("          AWS_DEFAULT_REGION: eu-west-1\n"))
    (finding,) = lint_text(text)
    assert (finding.rule_id, finding.severity) == ("LL106", Severity.INFO)
    text = SAM + "Resources:\n" + fn(props=env("          AWS_REGION: eu-west-1\n"))
    (finding,) = lint_text(text)
    assert (finding.rule_id, finding.severity) == ("LL106", Severity.ERROR)


# ------------------------------------------------------------------ LL107 / LL108 layers
def layers(count: int, indent: str = "      ", first: int = 0) -> str:
    return f"{indent}Layers:\n" + "".join(
        f"{indent}  - arn:aws:lambda:us-east-1:123456789012:layer:l{i}:1\n"
        for i in range(first, first + count)
    )


@pytest.mark.parametrize(("count", "expected"), [(5, []), (6, [("LL107", 9, 7)])])
def test_layer_count(count: int, expected: list[tuple[str, int, int]]) -> None:
    assert found(SAM + "Resources:\n" + fn(props=layers(count))) == expected


def test_globals_layers_count_towards_each_function() -> None:
    text = (
        SAM
        + "Globals:\n  Function:\n"
        + layers(3, "    ")
        + "Resources:\n"
        + fn(props=layers(3, first=3))
    )
    findings = lint_text(text)
    assert [(f.rule_id, f.loc.line, f.loc.col) for f in findings] == [("LL107", 15, 7)]
    assert "6 layers (3 from Globals)" in findings[0].message


def test_layer_that_may_be_novalue_counts_only_under_its_condition() -> None:
    text = (
        SAM + "Parameters:\n  Extra:\n    Type: String\n"
        "Conditions:\n  WithExtra: !Equals [!Ref Extra, 'yes']\nResources:\n"
        + fn(
            props=layers(5) + "        - !If [WithExtra, arn:aws:lambda:us-east-1:"
            "123456789012:layer:x:1, !Ref AWS::NoValue]\n"
        )
    )
    findings = lint_text(text)
    assert [(f.rule_id, f.loc.line, f.loc.col) for f in findings] == [("LL107", 14, 7)]
    assert findings[0].message.endswith("(when condition WithExtra is true)")
    # Decided by the parameter: the optional layer is left out, five remain.
    assert found(text, parameters={"Extra": "no"}) == []


def test_layers_that_exclude_each_other_are_never_counted_together() -> None:
    arn = "arn:aws:lambda:us-east-1:123456789012:layer"
    text = (
        SAM + "Parameters:\n  Extra:\n    Type: String\n"
        "Conditions:\n  WithExtra: !Equals [!Ref Extra, 'yes']\nResources:\n"
        + fn(
            props=layers(4) + f"        - !If [WithExtra, {arn}:x:1, !Ref AWS::NoValue]\n"
            f"        - !If [WithExtra, !Ref AWS::NoValue, {arn}:y:1]\n"
        )
    )
    assert found(text) == []


IMAGE = (
    "  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n"
    "      PackageType: Image\n"
    "      ImageUri: 123456789012.dkr.ecr.us-east-1.amazonaws.com/a:1\n"
)


def test_image_function_with_layers() -> None:
    assert found(SAM + "Resources:\n" + IMAGE + layers(1)) == [("LL108", 8, 7)]


def test_globals_layers_reach_image_functions_unless_ignored() -> None:
    # SAM merges Globals into image functions too, then refuses Layers there
    # (samtranslator/model/sam_resources.py _validate_package_type_image).
    text = SAM + "Globals:\n  Function:\n" + layers(1, "    ") + "Resources:\n" + IMAGE
    findings = lint_text(text)
    assert [(f.rule_id, f.loc.line, f.loc.col) for f in findings] == [("LL108", 4, 5)]
    assert "IgnoreGlobals" in findings[0].message
    ignored = IMAGE.replace("    Properties:", "    IgnoreGlobals: [Layers]\n    Properties:")
    assert (
        found(SAM + "Globals:\n  Function:\n" + layers(1, "    ") + "Resources:\n" + ignored) == []
    )
    everything = IMAGE.replace("    Properties:", "    IgnoreGlobals: '*'\n    Properties:")
    assert (
        found(SAM + "Globals:\n  Function:\n" + layers(1, "    ") + "Resources:\n" + everything)
        == []
    )


def test_environment_written_as_a_whole_if() -> None:
    text = (
        SAM + "Parameters:\n  Stage:\n    Type: String\n"
        "Conditions:\n  IsProd: !Equals [!Ref Stage, prod]\nResources:\n"
        + fn(
            props="      Environment: !If\n        - IsProd\n"
            "        - Variables: {AWS_REGION: x, bad-name: y}\n"
            "        - !Ref AWS::NoValue\n"
        )
    )
    assert found(text) == [("LL106", 16, 23), ("LL105", 16, 38)]


def test_boolean_memory_is_shown_as_written() -> None:
    findings = lint_text(SAM + "Resources:\n" + fn(props="      MemorySize: true\n"))
    assert "MemorySize true " in findings[0].message
