"""Differential test against the real SAM translator (aws-sam-translator, a test-only
dependency): for the SAM translator's own accepted inputs (../shared/corpus/sam-translator/
accepted/), the statements lambdalint attributes to the role SAM generates for each function
equal the ones in the translator's output: the same AWS managed policies, and the same inline
statements (effect, actions, resources) once both sides' resources are read by the same
symbolic resolver over the translated template.

Functions lambdalint does not claim to know fully (an unknown source: MQ / Kafka / DocumentDB
event policies, a policy ARN from a parameter) are counted apart, never compared.
"""

from __future__ import annotations

import copy
import json
import os
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from lambdalint.iam.analysis import analyse
from lambdalint.iam.policy import DocumentReader
from lambdalint.iam.resolve import Resolver
from lambdalint.model.build import build_graph
from lambdalint.source.intrinsics import Evaluator
from lambdalint.source.reader import SourceText
from lambdalint.source.template import parse_text

_HERE = Path(__file__).resolve()
# The repository's sibling ../shared (main checkout) or, from a worktree, ../../shared.
SHARED = next((p / "shared" for p in _HERE.parents[1:3] if (p / "shared").is_dir()), _HERE)
ACCEPTED = SHARED / "corpus" / "sam-translator" / "accepted"
MIN_AGREEING = 370


def _translator() -> Any:
    try:
        from samtranslator.internal.managed_policies import get_bundled_managed_policy_map
        from samtranslator.translator.transform import transform
    except ImportError:
        if os.environ.get("CI") == "true":
            pytest.fail("aws-sam-translator is required in CI (pip install -e '.[test]')")
        pytest.skip("aws-sam-translator is not installed")

    class Loader:
        def load(self) -> dict[str, str]:
            return dict(get_bundled_managed_policy_map("aws") or {})

    return transform, Loader()


def _with_transform(text: str) -> str:
    if "AWS::Serverless-2016-10-31" in text:
        return text
    lines = text.splitlines(keepends=True)
    i = 0
    while i < len(lines) and (lines[i].startswith("%") or lines[i].strip() in ("---", "")):
        i += 1
    return "".join(lines[:i]) + "Transform: AWS::Serverless-2016-10-31\n" + "".join(lines[i:])


def _norm_statement(stmt: Any, resolver: Resolver) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    return (
        str(stmt.effect),
        tuple(sorted(str(a.sym).lower() for a in stmt.actions or ())),
        tuple(sorted(str(r.sym) for r in stmt.resources or ())),
    )


def _managed_name(arn: Any) -> str:
    text = json.dumps(arn) if not isinstance(arn, str) else arn
    return text.rsplit("/", 1)[-1].strip('"}')


def _translated_role(
    out: dict[str, Any], role_id: str, tpl_text: str
) -> tuple[Counter[str], Counter[Any]] | None:
    role = out["Resources"].get(role_id)
    if role is None or role.get("Type") != "AWS::IAM::Role":
        return None
    # Read the translated role with lambdalint's resolver over the translated template, so both
    # sides' intrinsics (Fn::If conditions, Sub, Ref) resolve the same way.
    text = json.dumps(out)
    tpl, _ = parse_text(SourceText("translated.json", text))
    assert tpl is not None
    resolver = Resolver(tpl, Evaluator(tpl))
    arns = tpl.resources[role_id].properties.get("ManagedPolicyArns")
    managed = Counter(
        _managed_name(str(v.sym))
        for item, _c in resolver.items(arns)
        for v in resolver.values(item)
    )
    reader = DocumentReader(resolver)
    node = tpl.resources[role_id].properties.get("Policies")
    statements: Counter[Any] = Counter()
    for item, _c in resolver.items(node):
        doc = reader.read(item.get("PolicyDocument") if hasattr(item, "get") else None, "t")  # type: ignore[union-attr]
        statements.update(_norm_statement(s, resolver) for s in doc.statements)
    return managed, statements


def test_generated_role_statements_equal_the_translators(monkeypatch: pytest.MonkeyPatch) -> None:
    transform, loader = _translator()
    # The translator resolves pseudo parameters from the boto session; no network is used.
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    if not ACCEPTED.is_dir():
        pytest.skip(f"corpus not found at {ACCEPTED}")
    agree = differ = skipped = 0
    diffs: list[str] = []
    for path in sorted(ACCEPTED.glob("*.yaml")):
        text = _with_transform(path.read_text(encoding="utf-8"))
        tpl, _ = parse_text(SourceText(str(path), text))
        if tpl is None:
            continue
        try:
            out = transform(copy.deepcopy(tpl.root.plain()), {}, loader)
        except Exception:
            continue
        a = analyse(tpl, build_graph(tpl), Evaluator(tpl))
        for fn in a.functions:
            if fn.dialect != "sam" or fn.role is None or not fn.role.generated:
                continue
            pol = a.policy(fn)
            if not pol.known or pol.unknown or any(d.unknown for d in pol.documents):
                skipped += 1
                continue
            theirs = _translated_role(out, fn.role.logical_id, text)
            if theirs is None:
                skipped += 1
                continue
            managed = Counter(d.managed_name for d in pol.documents if d.managed_name)
            ours: Counter[Any] = Counter(
                _norm_statement(s, a.resolver)
                for d in pol.documents
                if not d.managed_name
                for s in d.statements
            )
            if (managed, ours) == theirs:
                agree += 1
            else:
                differ += 1
                diffs.append(
                    f"{path.name} {fn.logical_id}: managed {dict(managed)} vs {dict(theirs[0])}; "
                    f"statements only ours {list((ours - theirs[1]).elements())[:2]} only theirs "
                    f"{list((theirs[1] - ours).elements())[:2]}"
                )
    print(f"\nSAM generated roles: {agree} agree, {differ} differ, {skipped} not compared")
    for d in diffs[:40]:
        print(" ", d)
    assert differ == 0, diffs[:10]
    assert agree >= MIN_AGREEING


def test_no_missing_permission_error_on_templates_the_translator_accepts() -> None:
    """Every accepted input deploys through SAM; none of them lacks a permission SAM would add,
    so an error-severity LL3xx finding on one is a false positive (warnings are advice)."""
    from lintrun import lint_text

    if not ACCEPTED.is_dir():
        pytest.skip(f"corpus not found at {ACCEPTED}")
    errors = []
    for path in sorted(ACCEPTED.glob("*.yaml")):
        text = _with_transform(path.read_text(encoding="utf-8"))
        for f in lint_text(text, path.name, select=("LL3",)):
            if str(f.severity) == "error":
                errors.append(f"{path.name}:{f.loc.line} {f.rule_id} {f.message}")
    assert errors == []
