"""Generate rules/facts/resource_types.json: every CloudFormation resource type and the names of
its top-level properties, from the CloudFormation resource provider schemas.

The schemas are the ones AWS publishes for the registry (the CloudFormation resource type
reference, https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-template-resource-type-ref.html);
cfn-lint ships a copy of them per region. Read them from an installed cfn-lint or from its wheel
(nothing is installed into the project for this)::

    pip download --no-deps -d /tmp/cfn cfn-lint
    python scripts/gen_resource_types.py /tmp/cfn/cfn_lint-*.whl

Only us-east-1 is read: it has the largest set of types. Each type's properties are stored as one
space-separated string, which keeps the file small and fast to load (json.loads, ~10 ms).
"""

from __future__ import annotations

import json
import sys
import zipfile
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "rules" / "facts" / "resource_types.json"
SOURCE = "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-template-resource-type-ref.html"
REGION = "us-east-1"


class _Files:
    """Read files under ``cfnlint/`` from a wheel or an installed package directory."""

    def __init__(self, where: Path) -> None:
        self.zip = zipfile.ZipFile(where) if where.is_file() else None
        self.root = where if where.is_dir() else None
        self.name = where.name

    def read(self, relative: str) -> bytes:
        if self.zip is not None:
            return self.zip.read(f"cfnlint/{relative}")
        assert self.root is not None
        return (self.root / relative).read_bytes()

    def version(self) -> str:
        if self.zip is not None:
            for info in self.zip.namelist():
                if info.endswith(".dist-info/METADATA"):
                    for line in self.zip.read(info).decode().splitlines():
                        if line.startswith("Version:"):
                            return line.split(":", 1)[1].strip()
        try:
            return self.read("version.py").decode().split('"')[1]
        except (OSError, IndexError, KeyError):
            return "unknown"


def generate(where: Path) -> dict[str, object]:
    files = _Files(where)
    providers = json.loads(files.read(f"data/schemas/providers/{REGION}.json"))
    types: dict[str, str] = {}
    for type_name, digest in sorted(providers.items()):
        schema = json.loads(files.read(f"data/schemas/resources/{digest}.json"))
        types[type_name] = " ".join(sorted(schema.get("properties", {})))
    return {
        "source": SOURCE,
        "generated_by": "scripts/gen_resource_types.py",
        "generated_from": f"CloudFormation resource provider schemas ({REGION}) as shipped in "
        f"cfn-lint {files.version()}",
        "types": types,
    }


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    data = generate(Path(argv[1]))
    OUT.write_text(json.dumps(data, indent=0, sort_keys=False) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({len(data['types'])} types)")  # type: ignore[arg-type]
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
