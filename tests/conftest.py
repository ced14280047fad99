"""Shared pytest options: ``--update-fixtures`` rewrites fixtures/rules/*/expected.txt from the
current findings instead of comparing (review the diff before keeping it)."""

from __future__ import annotations

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-fixtures",
        action="store_true",
        default=False,
        help="regenerate fixtures/rules/*/expected.txt instead of checking them",
    )


@pytest.fixture
def update_fixtures(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-fixtures"))
