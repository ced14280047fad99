"""lambdalint's load + build-graph time against libyaml's plain compose of the same file.

    python tests/benchmarks/bench_load.py [--functions 250] [--runs 9] [--keep PATH]

The floor is what any YAML-based linter pays before looking at a value: libyaml composing the
text into a node tree, measured two ways (ruamel.yaml.clib's CParser through ruamel's
``CBaseLoader``, and PyYAML's ``yaml.compose`` with ``CSafeLoader``). lambdalint's time is
``parse_text`` (parse events, build located nodes, sections, Globals merge) plus ``build_graph``
(models and edges). Goal (issue 2): lambdalint within 3x of the floor.

Each of the three is measured in its own fresh process (this script with ``--measure``), after a
warm-up call, as the best of ``--runs`` (time.perf_counter, a ``gc.collect()`` before each call).
Own processes matter: composing allocates ~100k objects, so Python's garbage collector costs it
more the more objects the process already holds; composing inside a process that has imported
lambdalint (pydantic, the models) took ~35% longer than in a bare one. Everything is measured
twice, with the collector on (what a real run pays) and off (CPU work only), and both ratios are
printed.
"""

from __future__ import annotations

import argparse
import gc
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from gen_template import generate_sam_template  # noqa: E402

GOAL = 3.0
MEASURES = {
    "ruamel": "libyaml compose (ruamel.yaml.clib CParser)",
    "pyyaml": "libyaml compose (PyYAML CSafeLoader)",
    "lambdalint": "lambdalint load + build graph",
}


def _ruamel(path: str, text: str) -> Callable[[], Any]:
    from ruamel.yaml.cyaml import CBaseLoader  # libyaml through ruamel.yaml.clib

    def run() -> Any:
        loader = CBaseLoader(text)
        try:
            return loader.get_single_node()
        finally:
            loader.dispose()

    return run


def _pyyaml(path: str, text: str) -> Callable[[], Any]:
    import yaml

    loader = yaml.CSafeLoader  # AttributeError when PyYAML was built without libyaml
    return lambda: yaml.compose(text, Loader=loader)


def _lambdalint(path: str, text: str) -> Callable[[], Any]:
    from lambdalint.model.build import build_graph
    from lambdalint.source.reader import SourceText
    from lambdalint.source.template import parse_text

    source = SourceText(path, text)

    def run() -> Any:
        template, diagnostics = parse_text(source)
        if template is None:
            raise SystemExit(f"template did not load: {diagnostics}")
        return build_graph(template)

    return run


def measure(which: str, path: str, runs: int, collector: bool) -> float:
    """Best time of one loader on one file, in this process."""
    text = Path(path).read_text(encoding="utf-8")
    fn = {"ruamel": _ruamel, "pyyaml": _pyyaml, "lambdalint": _lambdalint}[which](path, text)
    fn()  # warm-up: imports, caches, lazy pydantic schemas
    best = float("inf")
    if not collector:
        gc.disable()
    for _ in range(runs):
        gc.collect()  # garbage of the previous call is not collected on this call's time
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def run_measure(which: str, path: str, runs: int, collector: bool) -> float | None:
    cmd = [sys.executable, __file__, "--measure", which, "--file", path, "--runs", str(runs)]
    if not collector:
        cmd.append("--no-gc")
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        print(f"  ({MEASURES[which]} not measured: {proc.stderr.strip().splitlines()[-1:]})")
        return None
    return float(proc.stdout.strip())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--functions", type=int, default=250)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--keep", help="also write the generated template to this path")
    parser.add_argument("--measure", choices=sorted(MEASURES), help=argparse.SUPPRESS)
    parser.add_argument("--file", help=argparse.SUPPRESS)
    parser.add_argument("--no-gc", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(measure(args.measure, args.file, args.runs, not args.no_gc))
        return 0

    text = generate_sam_template(args.functions)
    with tempfile.TemporaryDirectory() as tmp:
        path = args.keep or str(Path(tmp) / f"sam-{args.functions}-functions.yaml")
        Path(path).write_text(text, encoding="utf-8")
        graph = _lambdalint(path, text)()
        n_functions = sum(1 for _ in graph.functions())
        print(
            f"template: {args.functions} functions, {len(text):,} bytes, "
            f"{text.count(chr(10)):,} lines; graph: {len(graph):,} nodes, {n_functions} "
            f"functions; best of {args.runs}, each in its own process\n"
        )
        results: dict[tuple[str, bool], float | None] = {}
        for collector in (True, False):
            for which in MEASURES:
                results[which, collector] = run_measure(which, path, args.runs, collector)

    width = max(len(label) for label in MEASURES.values()) + 2
    print(f"{'':<{width}} {'gc on':>9} {'gc off':>9}")
    for which, label in MEASURES.items():
        cells = [results[which, c] for c in (True, False)]
        print(
            f"{label:<{width}} "
            + " ".join(f"{t * 1000:6.1f} ms" if t is not None else f"{'-':>9}" for t in cells)
        )
    verdicts = []
    for collector in (True, False):
        ours = results["lambdalint", collector]
        floors = [results[w, collector] for w in ("ruamel", "pyyaml")]
        known = [f for f in floors if f is not None]
        if ours is None or not known:
            continue
        ratios = ", ".join(
            f"{ours / f:.2f}x {name}"
            for f, name in zip(floors, ("ruamel", "PyYAML"), strict=True)
            if f is not None
        )
        worst = ours / min(known)
        label = "gc on " if collector else "gc off"
        print(f"ratio ({label}): {ratios}")
        verdicts.append(worst <= GOAL)
    print(
        f"goal within {GOAL:.0f}x of the fastest floor: "
        f"{'met' if verdicts and all(verdicts) else 'NOT met'} (gc on and off)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
