"""Regenerate README.md's rule table from rules/catalog (tests/test_readme.py keeps it current).

python scripts/update_readme_rules.py
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
START = "<!-- rules-table:start -->"
END = "<!-- rules-table:end -->"


def render_table() -> str:
    from lambdalint.catalog import load_catalog

    lines = ["| id | name | severity | summary |", "|---|---|---|---|"]
    for doc in load_catalog().values():
        summary = doc.summary.replace("|", "\\|").strip()
        # An opt-in rule (enabled_by_default: false) runs only when selected by id or theme.
        severity = f"{doc.severity} (opt-in)" if not doc.enabled_by_default else str(doc.severity)
        lines.append(f"| {doc.id} | `{doc.name}` | {severity} | {summary} |")
    return "\n".join(lines)


def updated_readme(text: str) -> str:
    head, _, rest = text.partition(START)
    _, _, tail = rest.partition(END)
    return f"{head}{START}\n{render_table()}\n{END}{tail}"


def main() -> int:
    readme = REPO / "README.md"
    readme.write_text(updated_readme(readme.read_text(encoding="utf-8")), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
