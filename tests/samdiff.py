"""The SAM translator's own test inputs (../shared/corpus/sam-translator) as a differential oracle.

Used by tests/test_sam_translator_diff.py, and runnable to print the numbers and the misses::

    python tests/samdiff.py            # summary
    python tests/samdiff.py --misses   # every function-related rejected input lambdalint misses

A rejected input is *function-related* when the translator's message names (``Resource with id
[X] is invalid``) an ``AWS::Serverless::Function`` or ``AWS::Serverless::LayerVersion`` of the
input, or a resource SAM generates from one (``<FunctionId><EventId>``, such as the
``AWS::Lambda::EventSourceMapping`` of an SQS event: ``SQSFunctionMySqsQueue``). It is *flagged*
when lambdalint reports an error-severity finding on such a resource (``Finding.resource``).
"""

from __future__ import annotations

import csv
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from shared import CORPUS  # noqa: E402

REPO = HERE.parent
SAM_CORPUS = CORPUS / "sam-translator"
TRANSFORM = "Transform: AWS::Serverless-2016-10-31\n"
FUNCTION_TYPES = ("AWS::Serverless::Function", "AWS::Serverless::LayerVersion")
_RESOURCE_ID = re.compile(r"Resource with id \[([^\]]+)\] is invalid")

# Rules that report what CloudFormation or Lambda (not SAM) rejects. SAM's inputs carry such things
# on purpose (README there): dangling references, fake resource types, old runtimes, code paths
# that exist only in SAM's repository. Their findings are true, but say nothing about SAM: they are
# neither false errors on accepted inputs nor a hit on rejected ones.
NOT_SAM_RULES = {
    "LL012": "unknown resource types: SAM's inputs use fake or newer types on purpose",
    "LL015": "unresolved references: SAM's inputs reference resources they do not define",
    "LL018": "code paths: the code folders of SAM's inputs are not copied",
    "LL019": "code paths: the code folders of SAM's inputs are not copied",
    "LL201": "deprecated runtimes: SAM's inputs keep the runtimes they were written with",
    "LL202": "unknown runtimes: SAM's inputs use placeholder or retired runtime names",
    "LL206": "function code: SAM does not read the code; Lambda fails the invocation",
    "LL207": "inline code: SAM writes InlineCode to Code.ZipFile unchecked; Lambda names it index",
    "LL216": "handler shapes: SAM passes Handler on unchecked; Lambda fails the invocation",
    "LL225": "SnapStart: SAM passes SnapStart on unchecked (python3.9 in its inputs); Lambda "
    "rejects an unsupported runtime",
    "LL506": "mapping setting ranges: SAM copies BatchSize, ParallelizationFactor... unchecked; "
    "Lambda rejects them",
}

# Single findings on accepted inputs that are CloudFormation's to reject: SAM copies resources
# and values it does not model into its output unchanged. (file, rule, line) -> why.
CFN_ONLY = {
    ("accepted/function_with_resource_refs.yaml", "LL013", 27): "AWS::S3::Bucket has no Name "
    "property (BucketName); SAM does not validate non-SAM resources",
    ("accepted/intrinsic_functions.yaml", "LL016", 197): "Fn::GetAtt whose attribute is the "
    "non-existent Fn::Ref function; SAM copies Role through",
    ("accepted/intrinsic_functions.yaml", "LL016", 198): "Fn::Ref is not a CloudFormation "
    "function (Ref is); SAM copies Role through",
    ("accepted/connector_dependson_replace.yaml", "LL203", 6): "an AWS::Lambda::Function "
    "without Runtime/Handler: SAM copies it through, Lambda rejects it",
    ("accepted/connector_dependson_replace.yaml", "LL031", 7): "an AWS::Lambda::Function "
    "without Code: SAM copies it through, CloudFormation rejects it",
    ("accepted/connector_esm_dependson.yaml", "LL203", 5): "an AWS::Lambda::Function without "
    "Runtime/Handler: SAM copies it through, Lambda rejects it",
    ("accepted/connector_esm_dependson.yaml", "LL509", 36): "an AWS::Lambda::EventSourceMapping "
    "on a DynamoDB table without StartingPosition: SAM copies it through, Lambda rejects it",
    ("accepted/resource_with_invalid_type.yaml", "LL006", 4): "a Type that is a mapping: SAM "
    "skips the resource as not its own, CloudFormation rejects it",
    ("accepted/kinesis_intrinsics.yaml", "LL506", 5): "MaximumRecordAgeInSeconds and "
    "ParallelizationFactor given by a parameter whose Default is 50 (outside 60-604800 and "
    "1-10): SAM passes intrinsics through unchecked, Lambda rejects the mapping",
}


@dataclass
class Case:
    file: str
    status: str
    message: str
    text: str
    functions: set[str] = field(default_factory=set)
    # Logical ids of the input's functions/layers that the translator's message blames.
    blamed: set[str] = field(default_factory=set)


def with_transform(text: str) -> str:
    """The input with the SAM transform declared (after any leading %YAML / --- header), unless
    it already declares one."""
    if re.search(r"^Transform\s*:", text, re.MULTILINE) or '"Transform"' in text:
        return text
    lines = text.splitlines(keepends=True)
    i = 0
    while i < len(lines) and (
        lines[i].startswith(("%", "---")) or not lines[i].strip() or lines[i].startswith("#")
    ):
        i += 1
    if i < len(lines) and lines[i].lstrip().startswith("{"):
        return text  # JSON: left alone (none of SAM's inputs is JSON today)
    return "".join([*lines[:i], TRANSFORM, *lines[i:]])


def _function_ids(text: str) -> set[str]:
    from lambdalint.source.reader import SourceText
    from lambdalint.source.template import parse_text

    template, _ = parse_text(SourceText("input.yaml", text))
    if template is None:
        return set()
    return {rid for rid, r in template.resources.items() if r.type in FUNCTION_TYPES}


def _blamed(message: str, functions: set[str]) -> set[str]:
    blamed: set[str] = set()
    for rid in _RESOURCE_ID.findall(message):
        if rid in functions:
            blamed.add(rid)
            continue
        # A resource SAM generates from a function: <FunctionId><EventId>[...]; the longest
        # matching function id wins.
        owners = [f for f in functions if rid.startswith(f) and len(rid) > len(f)]
        if owners:
            blamed.add(max(owners, key=len))
    return blamed


def cases(status: str | None = None) -> list[Case]:
    tsv = SAM_CORPUS / "expected.tsv"
    out: list[Case] = []
    with tsv.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            if status and row["status"] != status:
                continue
            text = with_transform((SAM_CORPUS / row["file"]).read_text(encoding="utf-8"))
            case = Case(row["file"], row["status"], row.get("error_message") or "", text)
            case.functions = _function_ids(text)
            case.blamed = _blamed(case.message, case.functions)
            out.append(case)
    return out


def findings(case: Case) -> list[Any]:
    from lintrun import lint_text

    return lint_text(case.text, file=case.file)


def _sam_errors(found: Iterable[Any]) -> list[Any]:
    return [f for f in found if str(f.severity) == "error" and f.rule_id not in NOT_SAM_RULES]


def flagged(case: Case, found: Iterable[Any]) -> bool:
    return any(f.resource in case.blamed for f in _sam_errors(found))


def false_errors(case: Case, found: Iterable[Any]) -> list[Any]:
    return [f for f in _sam_errors(found) if (case.file, f.rule_id, f.loc.line) not in CFN_ONLY]


def main(argv: list[str]) -> int:
    rejected = [c for c in cases("rejected") if c.blamed]
    hits = []
    misses = []
    for case in rejected:
        (hits if flagged(case, findings(case)) else misses).append(case)
    accepted = cases("accepted")
    wrong = [(c.file, f) for c in accepted for f in false_errors(c, findings(c))]
    print(f"rejected, function-related: {len(hits)}/{len(rejected)} flagged")
    print(f"accepted: {len(wrong)} false errors on {len({w[0] for w in wrong})} inputs")
    for file, f in wrong:
        print(f"  FALSE {file}:{f.loc.line} {f.rule_id} {f.message}")
    if "--misses" in argv:
        for case in misses:
            reason = _RESOURCE_ID.split(case.message, maxsplit=1)[-1][:160]
            print(f"  MISS {case.file} [{','.join(sorted(case.blamed))}] {reason.strip()}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(REPO))
    sys.exit(main(sys.argv))
