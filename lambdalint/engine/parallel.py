"""Lint many files in worker processes, surviving a worker that dies.

Every file is its own task. If a worker process dies (a signal, ``os._exit``, the OOM killer),
``concurrent.futures`` breaks the whole pool and fails every unfinished task, without saying
which file killed it. The unfinished files are then re-run one at a time, each in a fresh
single-worker pool: the ones that die again get an LL011 finding, the rest their real results.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool

from lambdalint.engine.discover import Target
from lambdalint.engine.finding import Finding
from lambdalint.engine.results import FileResult
from lambdalint.engine.runner import CRASH_RULE, crash_finding, lint_file
from lambdalint.engine.select import RuleSelector
from lambdalint.engine.settings import LintSettings
from lambdalint.severity import Severity
from lambdalint.source.location import Location

# TEST-ONLY hook: a worker process asked to lint a file with this base name exits at once, as a
# crashing or killed worker would. Read only inside worker processes, never in the main process.
CRASH_ENV = "LAMBDALINT_TEST_CRASH_ON"

_settings: LintSettings | None = None
_selector: RuleSelector | None = None


def _init_worker(settings: LintSettings, setup: Callable[[], None]) -> None:
    global _settings, _selector
    setup()  # e.g. register the checks: a spawned worker starts with an empty registry
    _settings = settings
    _selector = settings.selector()


def _work(target: Target) -> FileResult:
    if os.environ.get(CRASH_ENV) == os.path.basename(target.path):
        os._exit(70)
    assert _settings is not None and _selector is not None
    return lint_file(target.path, _settings, _selector, target.discovered)


def _died(target: Target) -> FileResult:
    return FileResult(
        target.path,
        (
            Finding(
                CRASH_RULE,
                Severity.ERROR,
                "the worker process linting this file died (killed or out of memory?); this is a "
                "lambdalint bug unless the machine ran out of memory; please report it with the "
                "template",
                Location.point(target.path),
                tool_error=True,
            ),
        ),
    )


def _run_pool(
    targets: list[Target],
    settings: LintSettings,
    jobs: int,
    results: dict[Target, FileResult],
    setup: Callable[[], None],
) -> list[Target]:
    """Run targets in one pool; returns those left unfinished by a broken pool."""
    unfinished: list[Target] = []
    with ProcessPoolExecutor(
        max_workers=jobs, initializer=_init_worker, initargs=(settings, setup)
    ) as pool:
        futures: dict[Future[FileResult], Target] = {pool.submit(_work, t): t for t in targets}
        for future in as_completed(futures):
            target = futures[future]
            try:
                results[target] = future.result()
            except BrokenProcessPool:
                unfinished.append(target)
            except Exception as exc:  # e.g. a result that cannot be unpickled
                results[target] = FileResult(
                    target.path, (crash_finding(target.path, "the worker process", exc),)
                )
    return unfinished


def lint_parallel(
    targets: list[Target], settings: LintSettings, jobs: int, setup: Callable[[], None]
) -> list[FileResult]:
    """``setup`` runs first in every worker process (a module-level function, so it pickles)."""
    results: dict[Target, FileResult] = {}
    unfinished = _run_pool(targets, settings, jobs, results, setup)
    # Isolate: each remaining file alone, so a crash is pinned on the file that causes it.
    order = {t: i for i, t in enumerate(targets)}
    for target in sorted(unfinished, key=order.__getitem__):
        if _run_pool([target], settings, 1, results, setup):
            results[target] = _died(target)
    return [results[t] for t in targets]
