"""The runtime lifecycle table (rules/facts/runtimes.yaml) holds dates in an order AWS can have
used, and LL201 words each order so that it does not read as a contradiction."""

from __future__ import annotations

from datetime import date

import pytest
from lintrun import lint_text

from lambdalint.facts import RuntimeInfo, runtimes

# Runtimes deprecated under Lambda's pre-2020 two-phase policy: creation was blocked first, and
# the "deprecated" date is when the deprecation completed (updates blocked too), so
# block_create < deprecated == block_update. Source: the Lambda Developer Guide page
# https://docs.aws.amazon.com/lambda/latest/dg/runtime-support-policy.html as of 2019-2021:
# "Deprecation occurs in two phases. During the first phase, you can no longer create functions
# that use the deprecated runtime. For at least 30 days, you can continue to update existing
# functions that use the deprecated runtime. After this period, both function creation and
# updates are disabled permanently." Its "Deprecated runtimes" table gives the completion dates:
TWO_PHASE = {
    "nodejs4.3": "Node.js 4.3: deprecation completed March 6, 2020 (cfn-lint: 2020-03-05)",
    "nodejs4.3-edge": "Node.js 4.3 edge: deprecation completed April 30, 2019",
    "nodejs6.10": "Node.js 6.10: deprecation completed August 12, 2019",
    "nodejs8.10": "Node.js 8.10: deprecation completed March 6, 2020",
    "dotnetcore2.0": ".NET Core 2.0: deprecation completed May 30, 2019",
}
TABLE = runtimes().runtimes


def impossible(info: RuntimeInfo) -> list[str]:
    """What is wrong with one row's dates (empty when the order is one AWS has used)."""
    problems: list[str] = []
    dep, create, update = info.deprecated, info.block_create, info.block_update
    if create is not None and update is not None and update < create:
        problems.append(f"updates blocked ({update}) before creation ({create})")
    if dep is not None and create is not None and create < dep:
        if info.id not in TWO_PHASE:
            problems.append(f"creation blocked ({create}) before deprecation ({dep})")
        elif update != dep:
            problems.append(f"two-phase runtime: deprecated {dep} is not the update block {update}")
    if dep is None and (create is not None or update is not None):
        problems.append("blocked without a deprecation date")
    return problems


@pytest.mark.parametrize("info", TABLE, ids=[r.id for r in TABLE])
def test_lifecycle_dates_are_in_a_possible_order(info: RuntimeInfo) -> None:
    assert impossible(info) == []


def test_the_check_sees_impossible_orderings() -> None:
    def row(rid: str, *dates: str) -> RuntimeInfo:
        d, c, u = (date.fromisoformat(x) for x in dates)
        return RuntimeInfo(id=rid, deprecated=d, block_create=c, block_update=u, source=("x",))

    assert impossible(row("python9", "2030-01-01", "2030-02-01", "2030-03-01")) == []
    assert impossible(row("python9", "2030-01-01", "2029-12-01", "2030-03-01")) == [
        "creation blocked (2029-12-01) before deprecation (2030-01-01)"
    ]
    assert impossible(row("python9", "2030-01-01", "2030-02-01", "2030-01-15")) == [
        "updates blocked (2030-01-15) before creation (2030-02-01)"
    ]
    assert impossible(row("nodejs6.10", "2019-08-12", "2019-07-12", "2019-09-01")) != []


def test_every_two_phase_allowance_is_needed() -> None:
    ids = {r.id: r for r in TABLE}
    for rid in TWO_PHASE:
        info = ids[rid]
        assert info.block_create is not None and info.deprecated is not None
        assert info.block_create < info.deprecated, f"{rid} no longer needs its allowance"


def _runtime(runtime: str) -> str:
    return (
        "Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n"
        f"      Runtime: {runtime}\n      Handler: index.handler\n"
        "      Role: arn:aws:iam::123456789012:role/r\n      Code: {ZipFile: x}\n"
    )


def _ll201(runtime: str, as_of: date) -> tuple[str, str]:
    found = [f for f in lint_text(_runtime(runtime), as_of=as_of) if f.rule_id == "LL201"]
    assert len(found) == 1
    return str(found[0].severity), found[0].message


def test_two_phase_runtime_message_tells_the_phases_in_order() -> None:
    severity, message = _ll201("nodejs6.10", date(2026, 11, 23))
    assert severity == "error"
    assert message.startswith(
        "runtime nodejs6.10 of function Fn is deprecated: Lambda blocked creating functions with "
        "it from 2019-07-12 and updating them from 2019-08-12, when its deprecation completed; "
    )
    severity, message = _ll201("nodejs6.10", date(2019, 7, 20))
    assert severity == "error"
    assert message.startswith(
        "runtime nodejs6.10 of function Fn is being deprecated: Lambda blocks creating functions "
        "with it since 2019-07-12 and will block updating them from 2019-08-12, when its "
        "deprecation completes"
    )
    severity, message = _ll201("nodejs6.10", date(2019, 7, 1))
    assert severity == "info"
    assert message.startswith(
        "runtime nodejs6.10 of function Fn will be deprecated in two phases: Lambda blocks "
        "creating functions with it from 2019-07-12, in 11 days, and updating them from 2019-08-12"
    )


def test_current_policy_message_is_unchanged() -> None:
    # python3.8: deprecated 2024-10-14, creation blocked 2027-02-01, updates 2027-03-03.
    _, message = _ll201("python3.8", date(2027, 2, 10))
    assert message.startswith(
        "runtime python3.8 of function Fn is deprecated since 2024-10-14; Lambda blocks creating "
        "functions with it since 2027-02-01 and updating them from 2027-03-03"
    )
