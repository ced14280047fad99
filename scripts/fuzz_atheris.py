"""Coverage-guided fuzzing of the whole lint pipeline with atheris (optional; not a dependency).

    pip install atheris
    python scripts/fuzz_atheris.py -atheris_runs=200000 [-max_total_time=600] [CORPUS_DIR ...]

Seeds are the fixtures and, if present, ../shared/corpus/templates (read only: new inputs and
crash files go to a fresh temporary directory, printed at the start). Each input is decoded, parsed,
built into a graph and checked by every rule in-process; any exception, or a rule crash (LL011),
stops the run with the input saved by libFuzzer (crash-<hash>). tests/test_fuzz.py is the
hypothesis-based fuzz test that CI runs.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports():
    from lambdalint.config import Settings
    from lambdalint.engine.runner import lint_source
    from lambdalint.source.diagnostics import Diagnostic
    from lambdalint.source.reader import decode

ROOT = Path(__file__).resolve().parents[1]
SETTINGS = Settings(jobs=1)
SELECTOR = SETTINGS.selector()


def test_one_input(data: bytes) -> None:
    source = decode(data, "fuzz.yaml")
    if isinstance(source, Diagnostic):
        return
    result = lint_source(source, SETTINGS, SELECTOR)
    crashed = [f.message for f in result.findings if f.rule_id == "LL011"]
    if crashed:
        raise AssertionError(crashed[0])
    for f in result.findings:
        if f.loc.line < 1 or f.loc.col < 1:
            raise AssertionError(f"bad location {f}")


def seed_dirs() -> list[str]:
    dirs = [str(ROOT / "fixtures" / "hostile"), str(ROOT / "fixtures" / "cli")]
    corpus = ROOT.parent / "shared" / "corpus" / "templates"
    return dirs + ([str(p) for p in corpus.iterdir() if p.is_dir()] if corpus.is_dir() else [])


if __name__ == "__main__":
    # libFuzzer writes every new input into the FIRST corpus directory (and crash files to the
    # artifact prefix): both go to a scratch directory, never into the repository's fixtures.
    work = tempfile.mkdtemp(prefix="lambdalint-fuzz-")
    given = [a for a in sys.argv[1:] if not a.startswith("-")]
    flags = [a for a in sys.argv[1:] if a.startswith("-")]
    if not any(f.startswith("-artifact_prefix=") for f in flags):
        flags.append(f"-artifact_prefix={work}/")
    print(f"new inputs and crashes go to {work}", file=sys.stderr)
    atheris.Setup([sys.argv[0], *flags, work, *(given or seed_dirs())], test_one_input)
    atheris.Fuzz()
