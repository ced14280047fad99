"""Generate rules/catalog_index.json: each rule's id, name, severity, default options and (for an
opt-in rule) enabled_by_default, read from rules/catalog/LLnnn.yaml. A lint run needs only these
facts per rule; parsing ~120 full catalog entries (examples and prose included) cost ~0.3 s of
every cold check.

    python scripts/gen_catalog_index.py

tests/test_catalog.py fails while the index and the catalog differ.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "rules" / "catalog_index.json"


def generate() -> str:
    sys.path.insert(0, str(ROOT))
    from lambdalint.catalog import load_catalog

    index: dict[str, dict[str, object]] = {}
    for doc in load_catalog().values():
        row: dict[str, object] = {
            "name": doc.name,
            "severity": str(doc.severity),
            "options": dict(doc.options),
        }
        if not doc.enabled_by_default:
            row["enabled_by_default"] = False  # only opt-in rules say so: the index stays small
        index[doc.id] = row
    return json.dumps(index, indent=1, sort_keys=True) + "\n"


if __name__ == "__main__":
    OUT.write_text(generate(), encoding="utf-8")
    print(f"wrote {OUT}")
