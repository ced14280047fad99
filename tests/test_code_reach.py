"""What a handler reaches (analysis.Reach), shared by the code rules: a call, client, read or
batch response in a module counts for a function only when that function's handler runs it;
where lambdalint cannot tell (a decorator, a dispatch table, ``globals()``), it is None and no
rule claims an error from it."""

from __future__ import annotations

from pathlib import Path

from lambdalint.source.code.analysis import CodeAnalysis
from lambdalint.source.code.files import SourceFiles
from lambdalint.source.code.node import analyze as analyze_node
from lambdalint.source.code.python import analyze as analyze_python


def _files(tmp_path: Path, **texts: str) -> SourceFiles:
    for name, text in texts.items():
        path = tmp_path / name.replace("__", ".")
        path.write_text(text)
    return SourceFiles.directory(str(tmp_path))


def _calls(a: CodeAnalysis) -> dict[str, bool | None]:
    return {c.operation: c.reached for c in a.calls}


PY_SHARED = """\
import os
import boto3
sqs = boto3.client("sqs")
s3 = boto3.client("s3")

def _send():
    sqs.send_message(QueueUrl=os.environ["Q"], MessageBody="x")

def producer(event, context):
    _send()

def consumer(event, context):
    return {"batchItemFailures": []}

def each(event, context):
    return list(map(_put, event["Records"]))

def _put(record):
    s3.put_object(Bucket="b", Key="k", Body=record)

if __name__ == "__main__":
    s3.delete_object(Bucket="b", Key="k")
"""


def test_python_calls_count_for_the_handler_that_reaches_them(tmp_path: Path) -> None:
    files = _files(tmp_path, app__py=PY_SHARED)
    producer = analyze_python(files, "app.producer")
    assert _calls(producer) == {"send_message": True, "put_object": False, "delete_object": False}
    assert producer.returns_batch_failures is False
    consumer = analyze_python(files, "app.consumer")
    assert _calls(consumer) == {"send_message": False, "put_object": False, "delete_object": False}
    assert consumer.returns_batch_failures is True
    assert [r.reached for r in consumer.env_reads] == [False]
    # A function passed by name (map(_put, ...)) runs with the handler.
    assert _calls(analyze_python(files, "app.each"))["put_object"] is True
    # Module-level clients run on import, for every handler.
    assert all(c.reached is True for c in consumer.clients)


def test_python_what_may_run_is_unknown_not_unreached(tmp_path: Path) -> None:
    files = _files(
        tmp_path,
        app__py="""\
import boto3
ddb = boto3.client("dynamodb")
sqs = boto3.client("sqs")
app = Router()

@app.get("/items")
def items():
    return ddb.scan(TableName="t")

def _get(event):
    return ddb.get_item(TableName="t", Key={})

ROUTES = {"get": _get}

def router(event, context):
    return ROUTES[event["route"]](event)

def other(event, context):
    return app.resolve(event, context)

LAMBDAS = {"put": lambda e: ddb.put_item(TableName="t", Item=e)}

def _inner(event, context):
    sqs.send_message(QueueUrl="q", MessageBody="x")

handler = wrap(_inner)
""",
    )
    assert _calls(analyze_python(files, "app.router")) == {
        "scan": None,
        "get_item": None,  # through the ROUTES table: may run, not shown to
        "put_item": None,
        "send_message": False,
    }
    assert _calls(analyze_python(files, "app.other")) == {
        "scan": None,  # a decorated route: registered with app
        "get_item": False,  # only in ROUTES, which other never uses
        "put_item": None,  # a lambda at module level: cannot be ruled out
        "send_message": False,
    }
    assert _calls(analyze_python(files, "app.handler"))["send_message"] is None


def test_python_handler_bound_to_a_lambda_is_its_scope(tmp_path: Path) -> None:
    files = _files(
        tmp_path,
        app__py='import boto3\nsqs = boto3.client("sqs")\n'
        'handler = lambda event, context: sqs.send_message(QueueUrl="q", MessageBody="x")\n'
        "def other(event, context):\n    return None\n",
    )
    assert _calls(analyze_python(files, "app.handler")) == {"send_message": True}
    assert _calls(analyze_python(files, "app.other")) == {"send_message": False}


def test_python_classes_module_level_calls_and_dynamic_lookups(tmp_path: Path) -> None:
    files = _files(
        tmp_path,
        app__py="""\
import os
import boto3
sqs = boto3.client("sqs")

def load():
    return os.environ["CONFIG"]

CONFIG = load()

class Sender:
    def send(self):
        sqs.send_message(QueueUrl=os.environ["Q"], MessageBody="x")

def handler(event, context):
    Sender().send()

def other(event, context):
    return CONFIG
""",
        dyn__py="""\
import boto3
sqs = boto3.client("sqs")

def _send():
    sqs.send_message(QueueUrl="q", MessageBody="x")

def handler(event, context):
    return globals()["_" + event["op"]]()
""",
    )
    a = analyze_python(files, "app.handler")
    assert _calls(a) == {"send_message": True}
    assert {r.name: r.reached for r in a.env_reads} == {"CONFIG": True, "Q": True}
    assert _calls(analyze_python(files, "app.other")) == {"send_message": False}
    assert _calls(analyze_python(files, "dyn.handler")) == {"send_message": None}


NODE_SHARED = """\
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
const client = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const { TABLE } = process.env;
class Store {
  load(id) { return client.send(new GetCommand({ TableName: TABLE, Key: { id } })); }
}
const routes = { put: (e) => client.send(new PutCommand({ TableName: "t", Item: e })) };
export const get = async (event) => new Store().load(event.id);
export const route = async (event) => routes[event.op](event);
export const authorizer = async (event) => ({ isAuthorized: event.token === "s" });
"""


def test_node_calls_and_reads_count_for_the_handler_that_reaches_them(tmp_path: Path) -> None:
    files = _files(tmp_path, handler__mjs=NODE_SHARED)
    get = analyze_node(files, "handler.get", None)
    # A function in an object literal may run wherever the object is used: never ruled out.
    assert _calls(get) == {"GetCommand": True, "PutCommand": None}
    assert [(r.name, r.reached) for r in get.env_reads] == [("TABLE", True)]
    auth = analyze_node(files, "handler.authorizer", None)
    assert _calls(auth) == {"GetCommand": False, "PutCommand": None}
    # const { TABLE } = process.env: undefined until used, and authorizer never uses it.
    assert [(r.name, r.reached) for r in auth.env_reads] == [("TABLE", False)]
    assert _calls(analyze_node(files, "handler.route", None)) == {
        "GetCommand": False,
        "PutCommand": None,
    }


def test_node_batch_response_per_handler(tmp_path: Path) -> None:
    files = _files(
        tmp_path,
        app__js="exports.batch = async () => ({ batchItemFailures: [] });\n"
        "exports.plain = async (event) => { console.log(event); };\n",
    )
    assert analyze_node(files, "app.batch", None).returns_batch_failures is True
    assert analyze_node(files, "app.plain", None).returns_batch_failures is False


def test_node_code_is_fully_read_when_imports_are_builtin_local_or_sdk(tmp_path: Path) -> None:
    files = _files(
        tmp_path,
        keys__ts="export const key = (id: string) => id;\n",
        app__ts='import type { Handler } from "aws-lambda";\n'
        'import { createHash } from "node:crypto";\nimport fs from "fs";\n'
        'import { S3Client } from "@aws-sdk/client-s3";\nimport { key } from "./keys";\n'
        "const s3 = new S3Client({});\nexport const handler: Handler = async () => key('x');\n",
        npm__js='const axios = require("axios");\nexports.handler = async () => axios.get("u");\n',
        spawn__js='const { fork } = require("node:child_process");\n'
        'exports.handler = async () => fork("./worker.js");\n',
        computed__js="exports.handler = async (e) => require(e.name);\n",
    )
    from lambdalint.source.code.locate import Build

    build = Build("esbuild", ("app.ts",))
    assert analyze_node(files, "app.handler", build).sdk_complete
    for name in ("npm", "spawn", "computed"):
        assert not analyze_node(files, f"{name}.handler", None).sdk_complete, name
    assert not analyze_node(files, "computed.handler", None).env_complete


def test_node_builtin_list_is_generated_data() -> None:
    from lambdalint.data import load_data

    facts = load_data("facts/code_node_builtins.yaml")
    assert facts["node_version"].startswith("v")
    assert {"fs", "crypto", "path", "fs/promises"} <= set(facts["names"])
    assert "child_process" in facts["dynamic"]


def test_functions_of_other_modules_registered_at_module_level_may_run(tmp_path: Path) -> None:
    files = _files(
        tmp_path,
        helpers__py='import boto3\nsqs = boto3.client("sqs")\n'
        'def load(event):\n    sqs.send_message(QueueUrl="q", MessageBody="x")\n',
        app__py="import helpers\napp = Router()\napp.add(helpers.load)\n"
        "def handler(event, context):\n    return app.resolve(event)\n",
        routes__js='const { S3Client, PutObjectCommand } = require("@aws-sdk/client-s3");\n'
        "const s3 = new S3Client({});\n"
        "exports.put = async (e) => s3.send(new PutObjectCommand({ Bucket: 'b', Key: 'k' }));\n",
        server__js='const handlers = require("./routes");\nconst app = router();\n'
        'app.post("/", handlers.put);\nexports.handler = async (e) => app.handle(e);\n',
    )
    assert _calls(analyze_python(files, "app.handler")) == {"send_message": None}
    assert _calls(analyze_node(files, "server.handler", None)) == {"PutObjectCommand": None}
