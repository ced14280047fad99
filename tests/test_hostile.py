"""Hostile and broken input (issue 4): every fixture under fixtures/hostile/ gives its exact
diagnostic (rule, line, column, message) within 2 s, and big inputs are generated here rather
than committed."""

from __future__ import annotations

import codecs
import os
import sys
import time
import zipfile
from pathlib import Path

import pytest

from lambdalint.api import lint_paths
from lambdalint.config import Settings, load_settings
from lambdalint.engine.finding import Finding
from lambdalint.source.limits import InputLimits

HOSTILE = Path(__file__).resolve().parents[1] / "fixtures" / "hostile"
TIME_LIMIT = 2.0


def lint(path: Path | str, **limits: int) -> tuple[list[Finding], int, float]:
    settings = Settings(jobs=1, limits=InputLimits(**limits)) if limits else Settings(jobs=1)
    start = time.perf_counter()
    report = lint_paths([str(path)], settings)
    elapsed = time.perf_counter() - start
    return list(report.findings), report.exit_code, elapsed


def triples(findings: list[Finding]) -> list[tuple[str, int, int]]:
    return [(f.rule_id, f.loc.line, f.loc.col) for f in findings]


def assert_one(findings: list[Finding], rule: str, line: int, col: int, text: str) -> None:
    matching = [f for f in findings if (f.rule_id, f.loc.line, f.loc.col) == (rule, line, col)]
    assert matching, f"no {rule} at {line}:{col} in {triples(findings)}"
    assert text in matching[0].message, matching[0].message


# (fixture, exit code, [(rule, line, col, message substring)]) -- the complete list of findings.
CASES = [
    (
        "billion-laughs.yaml",
        2,
        [("LL007", 9, 12, "more than 2,000,000 values after expanding YAML aliases")],
    ),
    ("binary.yaml", 2, [("LL009", 1, 1, "binary file (contains NUL bytes)")]),
    ("not-utf8.yaml", 2, [("LL009", 6, 21, "not UTF-8: byte 0xe9 cannot be decoded")]),
    ("bom-utf8.yaml", 1, [("LL013", 6, 7, "no property 'VisibilityTimout'")]),
    ("bom-utf16.yaml", 1, [("LL013", 6, 7, "no property 'VisibilityTimout'")]),
    ("crlf.yaml", 1, [("LL013", 6, 7, "no property 'VisibilityTimout'")]),
    ("tab-indent.yaml", 2, [("LL002", 6, 1, "a tab character indents this line")]),
    # Tabs in block scalar content, quoted and plain scalars and flow context are valid YAML.
    ("tab-in-content.yaml", 0, []),
    (
        "duplicate-keys.yaml",
        1,
        [("LL004", 7, 7, "duplicate key 'VisibilityTimeout' (first at line 6)")],
    ),
    (
        "yaml11-oddities.yaml",
        1,
        [
            ("LL008", 12, 20, "unquoted 'yes' is read as bool True"),
            ("LL008", 13, 20, "unquoted 'on' is read as bool True"),
            ("LL008", 14, 17, "unquoted '0755' is read as int 493"),
            ("LL008", 15, 19, "unquoted '1:30' is read as int 90"),
            ("LL008", 16, 22, "unquoted '=' is read as the YAML 1.1 value key"),
        ],
    ),
    ("json-array.json", 2, [("LL003", 1, 1, "not a template: the document is a list")]),
    ("scalar.yaml", 2, [("LL003", 1, 1, "not a template: the document is a single value")]),
    ("trailing-comma.json", 2, [("LL002", 5, 3, "not valid JSON: trailing comma before '}'")]),
    ("nan.json", 2, [("LL002", 1, 126, "NaN is not a JSON value")]),
    (
        "odd-json.json",
        1,
        [
            ("LL004", 6, 3, "duplicate key 'Queue' (first at line 5)"),
            ("LL013", 6, 76, "no property 'VisibilityTimout'"),
        ],
    ),
    ("multi-document.yaml", 2, [("LL002", 5, 1, "expected a single document")]),
    ("undefined-alias.yaml", 2, [("LL002", 5, 17, "found undefined alias *nowhere")]),
    ("merge-keys.yaml", 0, []),
    (
        "intrinsic-shapes.yaml",
        1,
        [
            ("LL016", 3, 11, "Fn::Equals takes [value, value]; found a list of 1"),
            ("LL016", 4, 9, "Fn::And takes a list of 2 to 10 conditions; found a list of 1"),
            ("LL016", 5, 12, "Fn::Not takes a list of one condition; found a list of 2"),
            ("LL016", 10, 18, "Fn::Join takes [delimiter, [values]]; found a list of 3"),
            ("LL016", 11, 21, "Fn::Select takes [index, [values]]"),
            ("LL016", 12, 31, "Fn::If takes [condition name, value if true, value if false]"),
            ("LL016", 15, 18, "Ref takes a non-empty string; found a list of 1"),
            ("LL015", 17, 18, "Fn::GetAtt QueueArn refers to 'QueueArn', which is no resource"),
            ("LL016", 17, 18, "Fn::GetAtt takes [resource, attribute]"),
            ("LL016", 19, 18, "Fn::Sub takes a string or [string, {variables}]"),
            ("LL015", 19, 24, "Fn::Sub ${X} names nothing"),
            ("LL016", 21, 18, "Fn::Split takes [delimiter, string]; found a list of 3"),
            ("LL016", 23, 18, "Fn::FindInMap takes [map name, top-level key, second-level key]"),
            ("LL016", 25, 18, "Fn::Cidr takes [ip block, count, cidr bits]"),
            (
                "LL016",
                33,
                43,
                "Fn::ImportValue cannot use a value that depends on a resource (Queue)",
            ),
        ],
    ),
    (
        "reference-cycle.yaml",
        1,
        [
            # The role grants no logs actions (true: it has only the lambda:InvokeFunction one).
            ("LL305", 3, 3, "does not allow logs:CreateLogStream, logs:PutLogEvents"),
            ("LL014", 8, 13, "circular dependency: Fn is in a cycle (Fn -> Role -> Fn)"),
            ("LL014", 30, 16, "circular dependency: Loop refers to itself (Loop -> Loop)"),
        ],
    ),
    (
        "unresolved-reference.yaml",
        1,
        [
            ("LL015", 9, 16, "condition 'IsProd' is not defined under Conditions"),
            ("LL015", 10, 17, "DependsOn names 'DeadLetter', which is no resource"),
            ("LL015", 12, 18, "Fn::Sub ${Stag} names nothing"),
            (
                "LL015",
                14,
                30,
                "Fn::GetAtt DeadLeter.Arn refers to 'DeadLeter', which is no resource",
            ),
            ("LL015", 15, 26, "Ref MaxCount names nothing"),
            ("LL015", 19, 18, "Fn::GetAtt Stage.Value refers to 'Stage', which is a parameter"),
        ],
    ),
    (
        "unknown-types.yaml",
        1,
        [
            (
                "LL012",
                4,
                11,
                "unknown resource type 'AWS::SQS::Queu'; did you mean AWS::SQS::Queue?",
            ),
            ("LL012", 6, 11, "unknown resource type 'MyOrg::Service::Thing' (a private registry"),
            (
                "LL013",
                20,
                7,
                "AWS::Lambda::Function has no property 'MemorySise'; did you mean MemorySize?",
            ),
        ],
    ),
]


# fixtures/hostile/limits/ carries a .lambdalint.yaml with lowered limits, so each input that
# exceeds one stays a small committed file; found through the normal config discovery.
LIMIT_CASES = [
    ("big-file.yaml", "LL007", 1, 1, "file is 4,511 bytes (limit 4,096)"),
    ("deep-nesting.yaml", "LL007", 6, 29, "nesting deeper than 20 levels (max-depth)"),
    ("long-string.yaml", "LL007", 6, 13, "a string of 300 characters (limit 200"),
    ("many-nodes.yaml", "LL007", 6, 2339, "more than 500 values; raise max-nodes"),
    ("too-many-resources.yaml", "LL007", 3, 3, "6 resources (limit 5"),
    ("zip-bomb.yaml", "LL018", 9, 16, "bomb.zip expands 971:1"),
    ("zip-many-entries.yaml", "LL018", 9, 16, "many.zip: 12 entries (limit 10"),
]


@pytest.mark.parametrize(
    ("name", "rule", "line", "col", "text"), LIMIT_CASES, ids=[c[0] for c in LIMIT_CASES]
)
def test_configured_limit_fixture(name: str, rule: str, line: int, col: int, text: str) -> None:
    path = HOSTILE / "limits" / name
    settings, found = load_settings([str(path)], {"jobs": 1})
    assert found == HOSTILE / "limits" / ".lambdalint.yaml"
    start = time.perf_counter()
    report = lint_paths([str(path)], settings)
    findings = list(report.findings)
    assert triples(findings) == [(rule, line, col)]
    assert text in findings[0].message, findings[0].message
    assert report.exit_code == (2 if rule == "LL007" else 1)
    assert time.perf_counter() - start < TIME_LIMIT


@pytest.mark.parametrize(("name", "exit_code", "expected"), CASES, ids=[c[0] for c in CASES])
def test_hostile_fixture(
    name: str, exit_code: int, expected: list[tuple[str, int, int, str]]
) -> None:
    findings, code, elapsed = lint(HOSTILE / name)
    assert triples(findings) == [(r, ln, c) for r, ln, c, _ in expected]
    for (rule, line, col, text), finding in zip(expected, findings, strict=True):
        assert text in finding.message, (rule, line, col, finding.message)
        assert finding.loc.file.endswith(name)
    assert code == exit_code
    assert elapsed < TIME_LIMIT


def test_unknown_type_is_warning_and_property_is_error() -> None:
    findings, _, _ = lint(HOSTILE / "unknown-types.yaml")
    assert [str(f.severity) for f in findings] == ["warning", "warning", "error"]


def test_merge_keys_merge_with_own_keys_winning() -> None:
    from lambdalint.source.loader import load_text

    result = load_text((HOSTILE / "merge-keys.yaml").read_text(), "m.yaml")
    assert result.root is not None and result.diagnostics == []
    meta = result.root.plain()["Metadata"]  # type: ignore[index]
    assert meta["one"] == {"A": 1, "B": 2, "C": 3, "D": 4}
    assert meta["two"] == {"A": 1, "B": 2, "C": 3, "E": 5}


def test_merge_key_expansions_are_bounded() -> None:
    findings, code, _ = lint(HOSTILE / "merge-keys.yaml", max_alias_expansions=5)
    assert code == 2
    assert_one(findings, "LL007", 5, 21, "more than 5 YAML alias expansions")


def test_too_many_resources(tmp_path: Path) -> None:
    body = "".join(f"  Q{i}:\n    Type: AWS::SQS::Queue\n" for i in range(6))
    path = tmp_path / "many.yaml"
    path.write_text(f"Resources:\n{body}")
    findings, code, _ = lint(path, max_resources=5)
    assert code == 2
    assert_one(findings, "LL007", 2, 3, "input limit: 6 resources (limit 5")


# -- generated big inputs --------------------------------------------------------------------------


def test_deep_flow_nesting_does_not_crash(tmp_path: Path) -> None:
    # 200,000 '[' used to crash the process: the Cython composer recursed once per level.
    path = tmp_path / "deep.yaml"
    path.write_text("Resources: " + "[" * 200_000 + "]" * 200_000 + "\n")
    findings, code, elapsed = lint(path)
    assert code == 2
    assert triples(findings) == [("LL007", 1, 211)]
    assert "nesting deeper than 200 levels (max-depth)" in findings[0].message
    assert elapsed < TIME_LIMIT


@pytest.mark.parametrize("kind", ["block", "flow-map", "json"])
def test_deep_nesting_other_forms(tmp_path: Path, kind: str) -> None:
    n = 100_000
    text = {
        "block": "Resources:\n" + "- " * n + "x\n",
        "flow-map": "Resources: " + "{a: " * n + "1" + "}" * n + "\n",
        "json": '{"Resources": ' + '{"a": ' * n + "1" + "}" * n + "}\n",
    }[kind]
    path = tmp_path / ("deep.json" if kind == "json" else "deep.yaml")
    path.write_text(text)
    findings, code, elapsed = lint(path)
    assert code == 2 and [f.rule_id for f in findings] == ["LL007"]
    assert findings[0].loc.line in (1, 2)
    assert elapsed < TIME_LIMIT


def test_huge_file_is_refused_without_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with open(path, "wb") as fh:  # sparse: 21 MiB on paper, nothing on disk
        fh.truncate(21 * 1024 * 1024)
    findings, code, elapsed = lint(path)
    assert code == 2
    assert_one(findings, "LL007", 1, 1, "input limit: file is 22,020,096 bytes")
    assert elapsed < 0.5


def test_long_string_limit(tmp_path: Path) -> None:
    path = tmp_path / "long.yaml"
    path.write_text(
        "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Metadata:\n      x: "
        + "a" * 6_000_000
        + "\n"
    )
    findings, code, elapsed = lint(path)
    assert code == 2
    assert_one(findings, "LL007", 5, 10, "a string of 6,000,000 characters")
    assert elapsed < TIME_LIMIT


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_very_long_line_keeps_columns(tmp_path: Path, fmt: str) -> None:
    # A 4 MB one-line template (minified JSON is one line); the finding at its end has the
    # right column.
    pad = "x" * 4_000_000
    if fmt == "json":
        text = (
            '{"Description": "' + pad + '", "Resources": {"Q": {"Type": "AWS::SQS::Queue", '
            '"Properties": {"VisibilityTimout": 1}}}}'
        )
    else:
        text = (
            "{Description: " + pad + ', Resources: {Q: {Type: "AWS::SQS::Queue", '
            "Properties: {VisibilityTimout: 1}}}}"
        )
    path = tmp_path / f"long.{fmt}"
    path.write_text(text + "\n")
    findings, code, elapsed = lint(path)
    # 1-based column of the key; a JSON key is located at its opening quote.
    col = text.index("VisibilityTimout") + (1 if fmt == "yaml" else 0)
    assert triples(findings) == [("LL013", 1, col)] and code == 1
    assert elapsed < TIME_LIMIT


def test_big_file_libyaml_rejects_is_not_reparsed_slowly(tmp_path: Path) -> None:
    # libyaml 0.1.7 rejects ':' in a plain scalar in flow context; small files are re-read by the
    # pure-Python parser (~1 MB/s), files over CloudFormation's 1 MB limit are not.
    path = tmp_path / "big-flow.yaml"
    path.write_text(
        "{Description: " + "x" * 3_000_000 + ", Resources: {Q: {Type: AWS::SQS::Queue}}}"
    )
    findings, code, elapsed = lint(path)
    assert code == 2 and [f.rule_id for f in findings] == ["LL002"]
    assert findings[0].loc.line == 1
    assert "read by libyaml alone; CloudFormation accepts at most 1 MB" in findings[0].message
    assert elapsed < TIME_LIMIT


TEMPLATE = (
    'AWSTemplateFormatVersion: "2010-09-09"\r\nResources:\r\n  Queue:\r\n'
    "    Type: AWS::SQS::Queue\r\n    Properties:\r\n      VisibilityTimout: 60\r\n"
)


@pytest.mark.parametrize(
    "encoding",
    ["utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"],
)
def test_boms_and_crlf_keep_locations(tmp_path: Path, encoding: str) -> None:
    bom = {
        "utf-16-le": codecs.BOM_UTF16_LE,
        "utf-16-be": codecs.BOM_UTF16_BE,
        "utf-32-le": codecs.BOM_UTF32_LE,
        "utf-32-be": codecs.BOM_UTF32_BE,
    }.get(encoding, b"")
    path = tmp_path / "bom.yaml"
    path.write_bytes(bom + TEMPLATE.encode(encoding))
    findings, code, _ = lint(path)
    assert triples(findings) == [("LL013", 6, 7)] and code == 1


def test_utf16_without_bom_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "nobom.yaml"
    path.write_bytes(TEMPLATE.encode("utf-16-le"))
    findings, code, _ = lint(path)
    assert code == 2 and triples(findings) == [("LL009", 1, 1)]
    assert "looks like UTF-16 or UTF-32 text without a byte order mark" in findings[0].message


@pytest.mark.parametrize("ending", ["\r\n", "\r"])
def test_crlf_and_cr_line_endings(tmp_path: Path, ending: str) -> None:
    path = tmp_path / "crlf.yaml"
    path.write_bytes(TEMPLATE.replace("\r\n", ending).encode())
    findings, _, _ = lint(path)
    assert triples(findings) == [("LL013", 6, 7)]
    assert findings[0].loc.end_col == 7 + len("VisibilityTimout")


def test_one_bad_file_never_hides_another(tmp_path: Path) -> None:
    (tmp_path / "a-deep.yaml").write_text("Resources: " + "[" * 50_000 + "\n")
    (tmp_path / "b-binary.yaml").write_bytes(b"Resources:\x00\x01")
    (tmp_path / "c-good.yaml").write_text(TEMPLATE.replace("\r\n", "\n"))
    report = lint_paths([str(tmp_path)], Settings(jobs=1))
    by_file = {(Path(f.loc.file).name, f.rule_id) for f in report.findings}
    assert by_file == {
        ("a-deep.yaml", "LL007"),
        ("b-binary.yaml", "LL009"),
        ("c-good.yaml", "LL013"),
    }
    assert report.exit_code == 2


# -- code directories and archives ---------------------------------------------------------------

SAM_FN = """AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.13
      Handler: app.handler
      CodeUri: {uri}
"""


def _project(tmp_path: Path, uri: str) -> Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / "template.yaml").write_text(SAM_FN.format(uri=uri))
    return tmp_path / "template.yaml"


def test_zip_bomb_by_ratio(tmp_path: Path) -> None:
    with zipfile.ZipFile(tmp_path / "code.zip", "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("zeros.bin", b"\0" * (20 * 1024 * 1024))
    findings, code, elapsed = lint(_project(tmp_path, "code.zip"))
    assert triples(findings) == [("LL018", 9, 16)]
    assert "expands" in findings[0].message and "a zip bomb?" in findings[0].message
    assert code == 1 and elapsed < TIME_LIMIT


def test_zip_with_too_many_entries_is_refused_before_parsing(tmp_path: Path) -> None:
    with zipfile.ZipFile(tmp_path / "code.zip", "w") as zf:
        for i in range(30):
            zf.writestr(f"f{i}.py", "")
    findings, _, _ = lint(_project(tmp_path, "code.zip"), max_zip_entries=20)
    assert triples(findings) == [("LL018", 9, 16)]
    assert "30 entries (limit 20, max-zip-entries)" in findings[0].message


def test_zip_over_uncompressed_limit(tmp_path: Path) -> None:
    with zipfile.ZipFile(tmp_path / "code.zip", "w", zipfile.ZIP_STORED) as zf:
        zf.writestr("big.bin", os.urandom(2 * 1024 * 1024))
    findings, _, _ = lint(_project(tmp_path, "code.zip"), max_zip_uncompressed_bytes=1024 * 1024)
    assert triples(findings) == [("LL018", 9, 16)]
    assert "unpacks to 2,097,152 bytes" in findings[0].message


def test_broken_zip(tmp_path: Path) -> None:
    (tmp_path / "code.zip").write_bytes(b"PK\x03\x04 not really a zip")
    findings, _, _ = lint(_project(tmp_path, "code.zip"))
    assert triples(findings) == [("LL018", 9, 16)]
    assert "is not a readable zip archive" in findings[0].message


def test_sane_zip_is_fine(tmp_path: Path) -> None:
    with zipfile.ZipFile(tmp_path / "code.zip", "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("app.py", "def handler(event, context):\n    return {}\n")
    findings, _, _ = lint(_project(tmp_path, "code.zip"))
    assert findings == []


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks")
def test_symlinks_out_of_the_project_and_loops(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("credentials")
    project = tmp_path / "project"
    src = project / "src"
    src.mkdir(parents=True)
    (src / "app.py").write_text("def handler(event, context):\n    return {}\n")
    (src / "escape").symlink_to(outside)
    (src / "secret.txt").symlink_to(outside / "secret.txt")
    (src / "parent").symlink_to(src)
    (src / "loop-a").symlink_to(src / "loop-b")
    (src / "loop-b").symlink_to(src / "loop-a")
    template = _project(project, "src/")
    findings, code, elapsed = lint(template)
    messages = sorted(f.message for f in findings)
    assert all(f.rule_id == "LL017" and (f.loc.line, f.loc.col) == (9, 16) for f in findings)
    assert messages == [
        "src/escape links outside the project root (the directory holding .git); not followed",
        "src/loop-a is a symlink loop; not followed",
        "src/loop-b is a symlink loop; not followed",
        "src/parent links to its own parent directory (a loop when followed); not followed",
        "src/secret.txt links outside the project root (the directory holding .git); not followed",
    ]
    assert code == 1 and elapsed < TIME_LIMIT


def test_code_uri_outside_the_project(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    (tmp_path / "elsewhere").mkdir()
    findings, _, _ = lint(_project(project, "../elsewhere"))
    assert triples(findings) == [("LL017", 9, 16)]
    assert "../elsewhere resolves outside the project root" in findings[0].message


def test_code_uri_symlink_loop(tmp_path: Path) -> None:
    (tmp_path / "loop").symlink_to(tmp_path / "loop")
    findings, _, _ = lint(_project(tmp_path, "loop"))
    assert triples(findings) == [("LL017", 9, 16)]
    assert findings[0].message == "loop is a symlink loop; not read"


# -- memory: the generated hostile inputs stay within a bounded peak RSS ------------------------

_RSS_SCRIPT = """
import resource, sys, time
from lambdalint.api import lint_paths
from lambdalint.config import Settings
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
worst = 0.0
for path in sys.argv[1:]:
    start = time.perf_counter()
    report = lint_paths([path], Settings(jobs=1))
    worst = max(worst, time.perf_counter() - start)
    assert report.exit_code in (0, 1, 2)
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(base, peak, worst)
"""


@pytest.mark.slow
def test_peak_memory_of_hostile_inputs(tmp_path: Path) -> None:
    import subprocess

    files = [str(p) for p in sorted(HOSTILE.glob("*.*"))]
    deep = tmp_path / "deep.yaml"
    deep.write_text("Resources: " + "[" * 1_000_000 + "\n")
    laughs = tmp_path / "laughs.yaml"
    laughs.write_text(
        "a0: &a0 ["
        + ", ".join(["lol"] * 50)
        + "]\n"
        + "".join(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 50) + "]\n" for i in range(1, 12))
        + "Resources: {}\n"
    )
    wide = tmp_path / "wide.json"
    wide.write_text(
        '{"Resources": {'
        + ", ".join(f'"Q{i}": {{"Type": "AWS::SQS::Queue"}}' for i in range(20_000))
        + "}}"
    )
    files += [str(deep), str(laughs), str(wide)]
    out = subprocess.run(
        [sys.executable, "-c", _RSS_SCRIPT, *files],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout.split()
    base_kb, peak_kb, worst = int(out[0]), int(out[1]), float(out[2])
    # ru_maxrss is in KiB on Linux: the hostile inputs add less than 150 MiB to the process.
    assert peak_kb - base_kb < 150 * 1024, (base_kb, peak_kb)
    assert worst < TIME_LIMIT


# -- references: what SAM generates is not unresolved, what SAM detaches is no cycle -------------

SAM_API_CYCLE = """AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      DefinitionBody:
        paths:
          /:
            get:
              x-amazon-apigateway-integration:
                uri: !Sub "arn:aws:apigateway:${AWS::Region}:lambda:path/${Fn.Arn}/invocations"
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.13
      Handler: app.handler
      InlineCode: "def handler(event, context): return {}"
      Events:
        Get:
          Type: Api
          Properties: {RestApiId: !Ref Api, Path: /, Method: get}
  Other:
    Type: AWS::SQS::Queue
    DependsOn: [FnRole, ApiprodStage, ServerlessRestApi]
Outputs:
  Alias:
    Value: !Ref Fn.Alias
"""


def test_sam_patterns_are_neither_cycles_nor_unresolved(tmp_path: Path) -> None:
    path = tmp_path / "sam.yaml"
    path.write_text(SAM_API_CYCLE)
    findings, _, _ = lint(path)
    assert [f.rule_id for f in findings if f.rule_id in ("LL014", "LL015")] == []


def test_the_same_cycle_in_plain_cloudformation_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "cfn.yaml"
    path.write_text("""Resources:
  A:
    Type: AWS::SNS::Topic
    Properties:
      TopicName: !Sub "${B.TopicName}-a"
  B:
    Type: AWS::SNS::Topic
    Properties:
      TopicName: !GetAtt C.TopicName
  C:
    Type: AWS::SNS::Topic
    DependsOn: A
""")
    findings, _, _ = lint(path)
    assert triples(findings) == [("LL014", 5, 18)]
    assert "circular dependency: A is in a cycle (A -> B -> C -> A)" in findings[0].message


def test_macros_make_references_opaque(tmp_path: Path) -> None:
    path = tmp_path / "macro.yaml"
    path.write_text(
        "Transform: [AWS::Serverless-2016-10-31, MyMacro]\nResources:\n  Q:\n"
        "    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: !Ref Made\n"
    )
    findings, _, _ = lint(path)
    assert [f.rule_id for f in findings] == []


# -- special files: FIFOs, devices, symlinks out of a searched directory ---------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_fifo_without_writer_does_not_block(tmp_path: Path) -> None:
    fifo = tmp_path / "template.yaml"
    os.mkfifo(fifo)
    # Named explicitly and found by searching the directory: neither waits for a writer.
    for target in (fifo, tmp_path):
        findings, code, elapsed = lint(target)
        assert (findings, code) == ([], 0)
        assert elapsed < TIME_LIMIT


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
def test_endless_device_is_read_only_up_to_the_size_limit() -> None:
    findings, code, elapsed = lint("/dev/zero", max_file_bytes=1_000_000)
    assert triples(findings) == [("LL007", 1, 1)]
    assert "more than 1,000,000 bytes" in findings[0].message
    assert code == 2
    assert elapsed < TIME_LIMIT


def test_directory_search_ignores_symlinks_leading_outside(tmp_path: Path) -> None:
    outside = tmp_path / "secrets"
    outside.mkdir()
    (outside / "credentials.yaml").write_text("Resources: {A: {Type: AWS::SQS::Queu}}\n")
    project = tmp_path / "project"
    project.mkdir()
    (project / "template.yaml").write_text(TEMPLATE.replace("\r\n", "\n"))
    try:
        (project / "leak.yaml").symlink_to(outside / "credentials.yaml")
        (project / "linked-dir").symlink_to(outside, target_is_directory=True)
        (project / "inner.yaml").symlink_to(project / "template.yaml")
    except OSError as exc:
        pytest.skip(f"cannot create symlinks here: {exc}")
    report = lint_paths([str(project)], Settings(jobs=1))
    assert sorted({Path(f.loc.file).name for f in report.findings}) == [
        "inner.yaml",
        "template.yaml",
    ]
    # Named on the command line, the user asked for it: it is linted.
    findings, _, _ = lint(project / "leak.yaml")
    assert triples(findings) == [("LL012", 1, 23)]


def test_missing_code_folder_is_information_not_a_crash(tmp_path: Path) -> None:
    template = _project(tmp_path, "src/")
    findings, code, _ = lint(template)
    assert triples(findings) == [("LL019", 9, 16)]
    assert findings[0].message.startswith("src/ does not exist relative to the template")
    assert code == 0  # info: below the default fail level
    (tmp_path / "src").mkdir()
    assert lint(template)[:2] == ([], 0)


def test_missing_code_outside_the_root_is_missing_not_unsafe(tmp_path: Path) -> None:
    findings, _, _ = lint(_project(tmp_path, "../nowhere/"))
    assert triples(findings) == [("LL019", 9, 16)]


def test_unknown_top_level_sections(tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    path.write_text(
        "AWSTemplateFormatVersion: '2010-09-09'\n"
        "Parameter:\n  Stage: {Type: String}\n"
        "Globals:\n  Function: {Timeout: 5}\n"
        "Resources:\n  Q: {Type: AWS::SQS::Queue}\n"
    )
    findings, code, _ = lint(path)
    assert [(f.rule_id, f.loc.line, f.loc.col, f.message) for f in findings] == [
        (
            "LL006",
            2,
            1,
            "unknown top-level section 'Parameter'; did you mean Parameters? "
            "CloudFormation rejects the template",
        ),
        (
            "LL006",
            4,
            1,
            "unknown top-level section 'Globals'; CloudFormation rejects the "
            "template (Globals only with Transform: AWS::Serverless-2016-10-31)",
        ),
    ]
    assert code == 1
    # A macro other than SAM may consume top-level keys of its own.
    path.write_text("Transform: MyOrg-Macro\nCustomSection: {}\nResources: {}\n")
    assert lint(path)[0] == []


def test_unknown_long_form_functions(tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    path.write_text(
        "Resources:\n"
        "  Q:\n"
        "    Type: AWS::SQS::Queue\n"
        "    Metadata:\n"
        "      Fn::Whatever: tools read Metadata themselves\n"
        "    Properties:\n"
        '      QueueName: {"Fn::Jion": ["-", [a, b]]}\n'
        "      DelaySeconds:\n"
        "        Fn::Foo: 3\n"
        "      Tags: !Bar [x]\n"
    )
    findings, _, _ = lint(path)
    assert [(f.rule_id, f.loc.line, f.loc.col, f.message) for f in findings] == [
        (
            "LL016",
            7,
            19,
            "Fn::Jion is not an intrinsic function CloudFormation has; did you mean Fn::Join?",
        ),
        (
            "LL016",
            9,
            9,
            "Fn::Foo is not an intrinsic function CloudFormation has; did you mean Fn::Not?",
        ),
        ("LL005", 10, 13, "unknown intrinsic function tag !Bar"),
    ]
    # A template-level macro may implement functions of its own.
    path.write_text("Transform: MyOrg-Functions\n" + path.read_text())
    assert [f.rule_id for f in lint(path)[0]] == ["LL005"]
