"""The programmatic entry point: ``lint_paths(paths, settings) -> Report``.

The CLI, the tests and any plugin call this. It never raises for bad input: unreadable files,
broken YAML and crashing rules are findings in the report, and ``report.exit_code`` says 0, 1 or 2.
"""

from __future__ import annotations

from lambdalint.config import Settings
from lambdalint.engine.discover import Target, expand
from lambdalint.engine.finding import Finding
from lambdalint.engine.results import FileResult, Report
from lambdalint.engine.runner import lint_file
from lambdalint.source.reader import STDIN

# Below this many files a process pool costs more than it saves.
PARALLEL_MIN_FILES = 8

__all__ = ["Report", "Settings", "lint_paths"]


def register_checks() -> None:
    """Import every check, which registers it (explicit imports inside the package)."""
    import lambdalint.checks  # noqa: F401


def _lint_serial(targets: list[Target], settings: Settings) -> list[FileResult]:
    selector = settings.selector()
    return [lint_file(t.path, settings, selector, t.discovered) for t in targets]


def lint_paths(paths: list[str], settings: Settings | None = None) -> Report:
    settings = settings or Settings()
    register_checks()
    targets = expand(paths)
    # Standard input belongs to this process: never hand it to a worker.
    results = _lint_serial([t for t in targets if t.path == STDIN], settings)
    targets = [t for t in targets if t.path != STDIN]
    jobs = min(settings.workers(), len(targets))
    if jobs > 1 and len(targets) >= PARALLEL_MIN_FILES:
        from lambdalint.engine.parallel import lint_parallel

        results += lint_parallel(targets, settings, jobs, register_checks)
    else:
        results += _lint_serial(targets, settings)
    findings: list[Finding] = [f for r in results for f in r.findings]
    findings.sort(key=Finding.sort_key)
    lines = {(r.file, n): text for r in results for n, text in r.lines.items()}
    skipped = sum(1 for r in results if r.skipped)
    unreadable = sum(1 for r in results if r.unreadable)
    return Report(
        tuple(findings),
        len(results) - skipped - unreadable,
        settings.as_of,
        settings.fail_level,
        skipped,
        lines,
        unreadable,
    )
