"""Concurrency facts (lambda-facts.md A.4; rows ``concurrency-*`` and ``sqs-scaling-start``)."""

from __future__ import annotations

from collections.abc import Iterable

from lambdalint.semantics.table import table


def account_quota() -> int:
    return table()["concurrency-account-default"].num("default")


def provisioned_above_reserved(provisioned: int | None, reserved: int | None) -> bool:
    return provisioned is not None and reserved is not None and provisioned > reserved


def leaves_too_little_unreserved(reserved: Iterable[int]) -> bool:
    """The template's reserved concurrency fits the default quota but leaves under 100
    unreserved (beyond the quota is ``reserved_total_above_quota``, one finding per value)."""
    total = sum(reserved)
    minimum = table()["concurrency-unreserved-minimum"].num("min")
    return account_quota() - minimum < total <= account_quota()


def reserved_total_above_quota(reserved: Iterable[int]) -> bool:
    return sum(reserved) > account_quota()


def low_reserved_for_sqs(reserved: int | None) -> bool:
    """Reserved 1-4 on an SQS-triggered function (0 is 'throttles everything', its own rule)."""
    return reserved is not None and 0 < reserved < table()["sqs-scaling-start"].num("min")


def max_concurrency_above_reserved(maximum: int | None, reserved: int | None) -> bool:
    return maximum is not None and reserved is not None and reserved > 0 and maximum > reserved
