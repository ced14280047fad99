"""Generate rules/facts/sam_passthrough.json: the AWS::Serverless::Function properties the SAM
translator copies unchanged onto the AWS::Lambda::Function it generates, read from the installed
translator's source (samtranslator/model/sam_resources.py,
``SamFunction._construct_lambda_function``)::

    python scripts/gen_sam_passthrough.py

The source is only parsed with ``ast``. A property counts when that method assigns
``lambda_function.<P> = self.<P>`` and nothing else in the module assigns ``lambda_function.<P>``
(Description, which AutoPublishCodeSha256 rewrites, is left out). CloudFormation validates the
generated function against its provider schema, so these values meet AWS::Lambda::Function's
schema as written (LL031).
"""

from __future__ import annotations

import ast
import json
import sys
from collections import Counter
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "rules" / "facts" / "sam_passthrough.json"
SOURCE = "https://github.com/aws/serverless-application-model/blob/develop/samtranslator/model/sam_resources.py"


def _assigned(tree: ast.AST) -> tuple[set[str], Counter[str]]:
    same: set[str] = set()
    every: Counter[str] = Counter()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Assign) or len(node.targets) != 1:
            continue
        target = node.targets[0]
        if not (
            isinstance(target, ast.Attribute)
            and isinstance(target.value, ast.Name)
            and target.value.id == "lambda_function"
        ):
            continue
        every[target.attr] += 1
        value = node.value
        if (
            isinstance(value, ast.Attribute)
            and isinstance(value.value, ast.Name)
            and value.value.id == "self"
            and value.attr == target.attr
        ):
            same.add(target.attr)
    return same, every


def generate() -> dict[str, object]:
    import samtranslator

    root = Path(samtranslator.__file__).resolve().parent
    tree = ast.parse((root / "model" / "sam_resources.py").read_text(encoding="utf-8"))
    method = next(
        n
        for n in ast.walk(tree)
        if isinstance(n, ast.FunctionDef) and n.name == "_construct_lambda_function"
    )
    same, _ = _assigned(method)
    _, every = _assigned(tree)
    props = sorted(p for p in same if every[p] == 1)
    return {
        "source": SOURCE,
        "generated_by": "scripts/gen_sam_passthrough.py",
        "generated_from": f"aws-sam-translator {samtranslator.__version__}",
        "types": {
            "AWS::Serverless::Function": {"schema_of": "AWS::Lambda::Function", "properties": props}
        },
    }


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    data = generate()
    OUT.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
