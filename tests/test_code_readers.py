"""Focused cases for the code readers (Python ast, Node.js/TypeScript tree-sitter): what counts
as an environment read, a default, a client created per invocation, and a handler."""

from __future__ import annotations

from pathlib import Path

from lambdalint.source.code.analysis import HandlerStatus
from lambdalint.source.code.files import SourceFiles
from lambdalint.source.code.node import analyze as analyze_node
from lambdalint.source.code.python import analyze as analyze_python


def _write(tmp_path: Path, name: str, text: str) -> SourceFiles:
    (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / name).write_text(text)
    return SourceFiles.directory(str(tmp_path))


def test_node_env_read_on_the_right_of_an_assignment_is_a_read(tmp_path: Path) -> None:
    files = _write(
        tmp_path,
        "app.js",
        "let x;\nexports.handler = async () => { x = process.env.SENDER; "
        'process.env.OUT = "1"; return x || process.env.OTHER || "d"; };\n',
    )
    reads = analyze_node(files, "app.handler", None).env_reads
    assert [(r.name, r.has_default) for r in reads] == [("SENDER", False), ("OTHER", True)]


def test_node_destructured_env_and_defaults(tmp_path: Path) -> None:
    files = _write(
        tmp_path,
        "index.mjs",
        'const { A, B = "b", C: c } = process.env;\nexport const handler = async () => A;\n',
    )
    a = analyze_node(files, "index.handler", None)
    assert [(r.name, r.has_default) for r in a.env_reads] == [
        ("A", False),
        ("B", True),
        ("C", False),
    ]
    assert a.env_complete and a.handler.status is HandlerStatus.FOUND


def test_node_process_env_passed_whole_makes_reads_incomplete(tmp_path: Path) -> None:
    files = _write(tmp_path, "app.js", "exports.handler = async () => ({ ...process.env });\n")
    assert not analyze_node(files, "app.handler", None).env_complete


def test_python_keyerror_guard_and_getenv_are_defaults(tmp_path: Path) -> None:
    files = _write(
        tmp_path,
        "app.py",
        "import os\n"
        "try:\n    A = os.environ['A']\nexcept KeyError:\n    A = None\n"
        "B = os.getenv('B')\nC = os.environ['C']\n"
        "def handler(event, context):\n    return 'D' in os.environ\n",
    )
    a = analyze_python(files, "app.handler")
    assert [(r.name, r.has_default) for r in a.env_reads] == [
        ("A", True),
        ("B", True),
        ("C", False),
        ("D", True),
    ]


def test_python_reads_in_other_handlers_are_not_reached(tmp_path: Path) -> None:
    files = _write(
        tmp_path,
        "app.py",
        "import os\n"
        "def helper():\n    return os.environ['USED']\n"
        "def first(event, context):\n    return helper()\n"
        "def second(event, context):\n    return os.environ['OTHER']\n",
    )
    reads = {r.name: r.reached for r in analyze_python(files, "app.first").env_reads}
    assert reads == {"USED": True, "OTHER": False}


def test_python_client_configured_per_call_is_not_in_handler(tmp_path: Path) -> None:
    files = _write(
        tmp_path,
        "app.py",
        "import boto3\n"
        "def handler(event, context):\n"
        "    a = boto3.client('s3', region_name=event['region'])\n"
        "    b = boto3.client('sqs')\n",
    )
    clients = analyze_python(files, "app.handler").clients
    assert [(c.service, c.in_handler) for c in clients] == [("s3", False), ("sqs", True)]


def test_python_handler_by_path_and_dotted(tmp_path: Path) -> None:
    files = _write(tmp_path, "src/pkg/mod.py", "def main(event, context):\n    return 1\n")
    for handler in ("src/pkg/mod.main", "src.pkg.mod.main"):
        h = analyze_python(files, handler).handler
        assert (h.status, h.file) == (HandlerStatus.FOUND, "src/pkg/mod.py")
    assert analyze_python(files, "src/pkg/mod.other").handler.status is HandlerStatus.NO_FUNCTION
    # A folder that does not exist is a build output: unknown, not missing.
    assert analyze_python(files, "dist/mod.main").handler.status is HandlerStatus.UNKNOWN


def test_node_resolution_prefers_runtime_extensions(tmp_path: Path) -> None:
    files = _write(tmp_path, "lib/app.cjs", "module.exports.handler = async () => 1;\n")
    h = analyze_node(files, "lib/app.handler", None).handler
    assert (h.status, h.file) == (HandlerStatus.FOUND, "lib/app.cjs")
    # TypeScript without esbuild metadata is compiled by something lambdalint does not follow.
    files = _write(tmp_path, "src/fn.ts", "export const handler = async () => 1;\n")
    assert analyze_node(files, "src/fn.handler", None).handler.status is HandlerStatus.UNKNOWN


def test_client_built_from_the_event_is_per_call(tmp_path: Path) -> None:
    files = _write(
        tmp_path,
        "app.py",
        "import os, boto3\n"
        "def handler(event, context):\n"
        "    region = event.get('region', os.environ.get('AWS_REGION'))\n"
        "    return boto3.client('s3', region_name=region)\n",
    )
    assert [c.in_handler for c in analyze_python(files, "app.handler").clients] == [False]
    files = _write(
        tmp_path,
        "app.js",
        'const AWS = require("aws-sdk");\n'
        "exports.handler = async (event) => {\n"
        "  const api = new AWS.ApiGatewayManagementApi({ endpoint: event.domainName });\n"
        "  const sns = new AWS.SNS({ region: process.env.AWS_REGION });\n"
        "};\n",
    )
    clients = analyze_node(files, "app.handler", None).clients
    assert [(c.service, c.in_handler) for c in clients] == [
        ("ApiGatewayManagementApi", False),
        ("SNS", True),
    ]


def test_client_cached_in_a_global_is_created_once(tmp_path: Path) -> None:
    files = _write(
        tmp_path,
        "app.py",
        "import boto3\ntable = None\n"
        "def handler(event, context):\n"
        "    global table\n"
        "    if table is None:\n"
        "        table = boto3.resource('dynamodb').Table('t')\n"
        "    return table.get_item(Key={})\n",
    )
    a = analyze_python(files, "app.handler")
    assert [c.in_handler for c in a.clients] == [False]


def test_reads_guarded_by_a_test_of_the_same_variable_have_a_default(tmp_path: Path) -> None:
    files = _write(
        tmp_path,
        "index.js",
        "let region = process.env.AWS_REGION;\n"
        "if (process.env.region)\n  region = process.env.region;\n"
        "const t = process.env.T ? process.env.T : 'x';\n"
        "exports.handler = async () => process.env.PLAIN;\n",
    )
    reads = analyze_node(files, "index.handler", None).env_reads
    assert [(r.name, r.has_default) for r in reads if r.name != "AWS_REGION"] == [
        ("region", True),
        ("region", True),
        ("T", True),
        ("T", True),
        ("PLAIN", False),
    ]
    files = _write(
        tmp_path,
        "app.py",
        "import os\nif 'A' in os.environ:\n    A = os.environ['A']\n"
        "if os.environ.get('B'):\n    B = os.environ['B']\nC = os.environ['C']\n"
        "def handler(event, context):\n    return None\n",
    )
    reads = analyze_python(files, "app.handler").env_reads
    assert [(r.name, r.has_default) for r in reads] == [
        ("A", True),
        ("A", True),
        ("B", True),
        ("B", True),
        ("C", False),
    ]


def test_a_crash_while_reading_code_is_ll011_and_other_rules_still_run(
    tmp_path: Path, monkeypatch: object
) -> None:
    import pytest
    from lintrun import lint_path

    from lambdalint.source.code import from_template

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("reader bug")

    (tmp_path / "template.yaml").write_text(
        "Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n"
        "    Type: AWS::Serverless::Function\n    Properties:\n"
        "      Runtime: python3.12\n      Handler: index.handler\n      MemorySize: 64\n"
        "      InlineCode: 'def handler(event, context): return None'\n"
    )
    assert isinstance(monkeypatch, pytest.MonkeyPatch)
    monkeypatch.setattr(from_template, "read_template_code", boom)
    rules = sorted(f.rule_id for f in lint_path(tmp_path / "template.yaml"))
    assert rules == ["LL011", "LL101"]
