"""The catalog (rules/catalog/) and the implementations (the registry) describe the same rules,
every entry is complete, and every entry's examples do what they say: ``bad`` yields exactly its
own rule, ``good`` yields nothing from any rule."""

from __future__ import annotations

import re

import pytest
from lintrun import REPO, lint_text

import lambdalint.checks  # noqa: F401  (registers every rule)
from lambdalint.catalog import load_catalog
from lambdalint.engine.registry import REGISTRY
from lambdalint.severity import Severity

CATALOG = load_catalog()
# Sources must be AWS documentation, or AWS-owned repositories on GitHub.
_AWS_SOURCE = re.compile(
    r"^https://(docs\.aws\.amazon\.com/|aws\.amazon\.com/|repost\.aws/knowledge-center/"
    r"|github\.com/(aws|awsdocs|aws-samples|awslabs|aws-cloudformation)/)"
)
_KEBAB = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


# Rules about files next to the template (archive sizes, a bootstrap file): their catalog examples
# cannot be linted as text, so their bad cases are fixtures and tests that create files.
_NEEDS_FILES = {"LL210", "LL214", "LL217", "LL218", "LL219"}

# Settings a bad example needs to show its rule (a region-dependent rule is silent without one).
BAD_SETTINGS: dict[str, dict[str, object]] = {"LL414": {"region": "eu-west-1"}}


def _is_input_rule(rule_id: str) -> bool:
    # LL0xx are input/tool problems reported by the loader and engine, not registered checks.
    return rule_id.startswith("LL0")


def test_catalog_ids_equal_implemented_ids() -> None:
    documented = {rid for rid in CATALOG if not _is_input_rule(rid)}
    implemented = {rid for rid in REGISTRY if not _is_input_rule(rid)}
    assert documented - implemented == set(), "catalog entries without an implementation"
    assert implemented - documented == set(), "implemented rules without a catalog entry"


def test_names_are_unique() -> None:
    names = [doc.name for doc in CATALOG.values()]
    assert len(names) == len(set(names))


@pytest.mark.parametrize("rule_id", sorted(CATALOG))
def test_entry_is_complete(rule_id: str) -> None:
    doc = CATALOG[rule_id]
    assert _KEBAB.match(doc.name), doc.name
    assert doc.severity in set(Severity)
    assert doc.summary.strip() and "\n" not in doc.summary.strip()
    assert doc.why.strip()
    assert doc.sources, f"{rule_id} names no source"
    for url in doc.sources:
        assert url.startswith("https://"), f"{rule_id}: {url} is not an https URL"
        # Input rules (LL0xx) may cite the YAML spec or the bug tracker; Lambda rules cite AWS.
        if not _is_input_rule(rule_id):
            assert _AWS_SOURCE.match(url), f"{rule_id}: {url} is not AWS documentation"
    if not _is_input_rule(rule_id):
        assert doc.bad.strip() and doc.good.strip(), f"{rule_id} needs bad and good examples"


@pytest.mark.parametrize(
    "rule_id", sorted(r for r in CATALOG if CATALOG[r].bad.strip() and r not in _NEEDS_FILES)
)
def test_bad_example_yields_exactly_its_rule(rule_id: str) -> None:
    findings = lint_text(
        CATALOG[rule_id].bad, f"{rule_id}-bad.yaml", **BAD_SETTINGS.get(rule_id, {})
    )
    rules = sorted({f.rule_id for f in findings})
    assert rules == [rule_id], [
        f"{f.loc.line}:{f.loc.col} {f.rule_id} {f.message}" for f in findings
    ]


@pytest.mark.parametrize("rule_id", sorted(r for r in CATALOG if CATALOG[r].good.strip()))
def test_good_example_yields_nothing(rule_id: str) -> None:
    findings = lint_text(CATALOG[rule_id].good, f"{rule_id}-good.yaml")
    assert [f"{f.loc.line}:{f.loc.col} {f.rule_id} {f.message}" for f in findings] == []


def test_the_catalog_index_is_generated_from_the_catalog() -> None:
    """rules/catalog_index.json (what a lint run reads) equals what its generator writes."""
    import sys

    sys.path.insert(0, str(REPO / "scripts"))
    try:
        import gen_catalog_index as gen
    finally:
        sys.path.pop(0)
    assert gen.OUT.read_text(encoding="utf-8") == gen.generate(), (
        "rules/catalog_index.json is stale: run python scripts/gen_catalog_index.py"
    )
