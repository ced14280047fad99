"""The README's rule table is rendered from the catalog; this keeps it current."""

from __future__ import annotations

import importlib.util
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _script():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "update_readme_rules", REPO / "scripts" / "update_readme_rules.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_readme_rule_table_is_current() -> None:
    script = _script()
    text = (REPO / "README.md").read_text(encoding="utf-8")
    assert script.START in text and script.END in text
    assert script.updated_readme(text) == text, (
        "README rule table is stale: run `python scripts/update_readme_rules.py`"
    )


def test_readme_lists_every_rule() -> None:
    from lambdalint.catalog import load_catalog

    text = (REPO / "README.md").read_text(encoding="utf-8")
    for rule_id in load_catalog():
        assert f"| {rule_id} |" in text


def test_readme_test_command_matches_ci() -> None:
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    command = "python -m pip install -e '.[test]' && python -m pytest"
    assert command in ci
    assert command in (REPO / "README.md").read_text(encoding="utf-8")
