"""Python code across modules of one function: clients, environment values and constants bound in
one local module and imported by another, reads in helper modules the handler calls, and when
the set of SDK clients is complete (LL219 relies on it)."""

from __future__ import annotations

from pathlib import Path

from lambdalint.source.code.analysis import CodeAnalysis
from lambdalint.source.code.files import SourceFiles
from lambdalint.source.code.python import analyze


def _code(tmp_path: Path, files: dict[str, str], handler: str) -> CodeAnalysis:
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    return analyze(SourceFiles.directory(str(tmp_path)), handler)


def _calls(found: CodeAnalysis) -> list[tuple[str, str, str, str]]:
    return [(c.service, c.operation, str(c.at), c.resource_env) for c in found.calls]


def test_a_client_imported_from_a_sibling_module_is_followed(tmp_path: Path) -> None:
    found = _code(
        tmp_path,
        {
            "pkg/__init__.py": "",
            "pkg/clients.py": "import os, boto3\n"
            "table = boto3.resource('dynamodb').Table(os.environ['TABLE'])\n"
            "s3 = boto3.client('s3')\n",
            "pkg/app.py": "from .clients import table\nfrom . import clients as c\n"
            "def handler(event, context):\n"
            "    table.put_item(Item={})\n"
            "    c.s3.get_object(Bucket='b', Key='k')\n",
        },
        "pkg/app.handler",
    )
    assert _calls(found) == [
        ("dynamodb", "Table.put_item", "pkg/app.py:4", "TABLE"),
        ("s3", "get_object", "pkg/app.py:5", ""),
    ]
    assert found.sdk_complete


def test_module_alias_reexport_and_constants(tmp_path: Path) -> None:
    found = _code(
        tmp_path,
        {
            "config.py": "import os\nQUEUE = os.environ['QUEUE_URL']\nSERVICE = 'sqs'\n",
            "aws/__init__.py": "from .made import sqs\n",
            "aws/made.py": "import boto3, config\nsqs = boto3.client(config.SERVICE)\n",
            "app.py": "import config\nfrom aws import sqs\n"
            "def handler(event, context):\n"
            "    sqs.send_message(QueueUrl=config.QUEUE, MessageBody='x')\n",
        },
        "app.handler",
    )
    # The client comes through the package's __init__ (a re-export: two hops); its service is a
    # constant of another module; the queue URL is an environment value bound in config.py.
    assert _calls(found) == [("sqs", "send_message", "app.py:4", "QUEUE_URL")]
    assert found.sdk_complete


def test_reads_in_helpers_the_handler_calls_are_reached(tmp_path: Path) -> None:
    found = _code(
        tmp_path,
        {
            "helpers.py": "import os\n"
            "def used():\n    return inner()\n"
            "def inner():\n    return os.environ['DEEP']\n"
            "def unused():\n    return os.environ['NEVER']\n",
            "other.py": "import os\ndef go():\n    return os.environ['VIA_FROM']\n",
            "app.py": "import helpers\nfrom other import go\n"
            "def handler(event, context):\n    return helpers.used(), go()\n",
        },
        "app.handler",
    )
    assert {r.name: r.reached for r in found.env_reads} == {
        "DEEP": True,
        "NEVER": False,
        "VIA_FROM": True,
    }


def test_cycles_terminate_and_stay_bounded(tmp_path: Path) -> None:
    found = _code(
        tmp_path,
        {
            "a.py": "import boto3\nfrom b import y\nx = boto3.client('s3')\n",
            "b.py": "from a import x\ny = x\n",
            "app.py": "from a import x\ndef handler(event, context):\n    x.list_buckets()\n",
        },
        "app.handler",
    )
    assert _calls(found) == [("s3", "list_buckets", "app.py:3", "")]


def test_sdk_is_incomplete_when_anything_may_create_clients_unseen(tmp_path: Path) -> None:
    handler = "def handler(event, context):\n    return 1\n"
    cases = {
        "third-party import": "import requests\n",
        "computed service": "import boto3, sys\nc = boto3.client(sys.argv[0])\n",
        "botocore directly": "import botocore.session\n",
        "dynamic import": "import importlib\n",
        "star import": "from os.path import *\n",
    }
    for name, head in cases.items():
        folder = tmp_path / name.replace(" ", "-")
        found = _code(folder, {"app.py": head + handler}, "app.handler")
        assert not found.sdk_complete, name
    found = _code(
        tmp_path / "ok", {"app.py": "import json, os\nimport boto3\n" + handler}, "app.handler"
    )
    assert found.sdk_complete
