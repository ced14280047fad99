"""Cold `lambdalint check` against cfn-lint, both measured in this run, as wall-clock ratios.

    python tests/benchmarks/bench_check.py [--cfn-lint PATH] [--runs N]
    python tests/benchmarks/bench_check.py --scaling 125,250,500   # lambdalint alone, per size

cfn-lint runs from its own virtualenv so neither tool's dependencies affect the other: pass its
executable with ``--cfn-lint`` (or ``CFN_LINT``), or let the script create
``.bench/cfnlint-venv`` with ``pip install cfn-lint`` (needs the package registry).

Each command is a fresh process (what pre-commit and CI pay), timed end to end; the median of
``--runs`` is reported. Goals (issue 3): small SAM template <= 0.35 s wall; 250-function SAM
template at least 10x faster than cfn-lint.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import venv
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path.insert(0, str(HERE))

from gen_template import generate_sam_template  # noqa: E402

SMALL = """\
AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  HelloFunction:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      Runtime: python3.13
      CodeUri: src/
      MemorySize: 256
      Timeout: 10
      Events:
        Hello:
          Type: Api
          Properties:
            Path: /hello
            Method: get
  Queue:
    Type: AWS::SQS::Queue
"""


def find_cfn_lint(explicit: str | None) -> Path:
    if explicit:
        return Path(explicit)
    env_dir = REPO / ".bench" / "cfnlint-venv"
    exe = env_dir / "bin" / "cfn-lint"
    if not exe.exists():
        print(f"creating {env_dir} with cfn-lint ...", file=sys.stderr)
        venv.EnvBuilder(with_pip=True, clear=True).create(env_dir)
        subprocess.run(
            [str(env_dir / "bin" / "python"), "-m", "pip", "install", "-q", "cfn-lint"], check=True
        )
    return exe


def byte_compile_lambdalint() -> None:
    """``pip install`` byte-compiles a package (cfn-lint's venv has its .pyc files); an editable
    checkout under PYTHONDONTWRITEBYTECODE never gets them and would pay compilation on every
    run, so compile it the same way before timing."""
    import compileall

    import lambdalint

    compileall.compile_dir(str(Path(lambdalint.__file__).parent), quiet=1)


def time_command(cmd: list[str], runs: int) -> tuple[float, int]:
    # One untimed run first: both tools start from a warm file-system cache.
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    times = []
    code = 0
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
        code = proc.returncode
    return statistics.median(times), code


def scaling(sizes: list[int], runs: int) -> int:
    """Cold check time per template size, and each time per function relative to the first
    size: linear scaling keeps the ratio near 1 (fixed start-up cost makes it fall)."""
    byte_compile_lambdalint()
    lambdalint = shutil.which("lambdalint") or str(Path(sys.executable).parent / "lambdalint")
    print(f"lambdalint: {lambdalint}; median of {runs} cold runs each\n")
    print(f"{'functions':>9} {'bytes':>10} {'seconds':>8} {'per function vs first':>22}")
    first: float | None = None
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            path = Path(tmp) / f"t{n}.yaml"
            path.write_text(generate_sam_template(n))
            took, _ = time_command([lambdalint, "check", "--as-of", "2026-11-23", str(path)], runs)
            per = took / n
            first = first or per
            print(f"{n:9d} {path.stat().st_size:10,d} {took:8.3f} {per / first:21.2f}x")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cfn-lint", default=os.environ.get("CFN_LINT"))
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--functions", type=int, default=250)
    parser.add_argument(
        "--scaling",
        metavar="N,N,...",
        help="time lambdalint alone on templates of these function counts (no cfn-lint)",
    )
    args = parser.parse_args()
    if args.scaling:
        return scaling([int(n) for n in args.scaling.split(",")], args.runs)

    cfn_lint = find_cfn_lint(args.cfn_lint)
    byte_compile_lambdalint()
    lambdalint = shutil.which("lambdalint") or str(Path(sys.executable).parent / "lambdalint")
    version = subprocess.run([str(cfn_lint), "--version"], capture_output=True, text=True)
    print(f"cfn-lint: {version.stdout.strip() or version.stderr.strip()}  ({cfn_lint})")
    print(f"lambdalint: {lambdalint}; median of {args.runs} cold runs each\n")

    with tempfile.TemporaryDirectory() as tmp:
        small = Path(tmp) / "small.yaml"
        small.write_text(SMALL)
        large = Path(tmp) / "large.yaml"
        large.write_text(generate_sam_template(args.functions))
        rows = []
        for label, path in (
            ("small SAM template", small),
            (f"{args.functions}-function SAM template", large),
        ):
            ours, our_code = time_command(
                [lambdalint, "check", "--as-of", "2026-11-23", str(path)], args.runs
            )
            theirs, their_code = time_command([str(cfn_lint), str(path)], args.runs)
            rows.append((label, path.stat().st_size, ours, our_code, theirs, their_code))

    print(f"{'template':34} {'bytes':>9} {'lambdalint':>11} {'cfn-lint':>9} {'speed-up':>9}")
    for label, size, ours, our_code, theirs, their_code in rows:
        print(
            f"{label:34} {size:9,d} {ours:10.3f}s {theirs:8.3f}s {theirs / ours:8.1f}x"
            f"   (exit codes {our_code} / {their_code})"
        )
    # The product's speed contract: a cold small check <= 0.3 s and >= 4x faster than cfn-lint,
    # the large template >= 15x (we aim for 6x and 25x).
    small_s, small_x = rows[0][2], rows[0][4] / rows[0][2]
    large_x = rows[1][4] / rows[1][2]
    small_ok = small_s <= 0.3 and small_x >= 4
    large_ok = large_x >= 15
    print(
        f"\ngoal small <= 0.3 s and >= 4x: {'met' if small_ok else 'NOT met'}; "
        f"goal large >= 15x: {'met' if large_ok else 'NOT met'} (aims: 6x and 25x)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
