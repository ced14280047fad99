"""Generate rules/facts/managed_policies.json: the documents of the AWS managed policies Lambda
users attach, from a checkout or git mirror of the public MAMIP snapshot (zoph-io/MAMIP)::

    python scripts/gen_managed_policies.py /path/to/MAMIP[.git] [--scan DIR ...]

The mirror is only read (``git show`` of HEAD); its commit is recorded in the output. Kept: every
``AWSLambda*``, the ``service-role/`` Lambda ones, the broad ones users attach to functions
(AdministratorAccess, PowerUserAccess, ReadOnlyAccess, Amazon{S3,DynamoDB,SQS,SNS}FullAccess,
AWSXray*, CloudWatchLogsFullAccess) and every other managed policy whose name appears in the
files under ``--scan`` (the development corpus). A policy missing from this file is Unknown to
lambdalint, never "grants nothing".
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "rules" / "facts" / "managed_policies.json"
WANTED = re.compile(
    r"^(AWSLambda.*|AWSXray.*|AWSXRay.*|AdministratorAccess|PowerUserAccess|ReadOnlyAccess"
    r"|Amazon(S3|DynamoDB|SQS|SNS)FullAccess|CloudWatchLogsFullAccess"
    r"|CloudWatchLambdaInsightsExecutionRolePolicy|AWSLambdaRole|AWSLambdaExecute)$"
)


def git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "--git-dir", str(repo), *args], check=True, capture_output=True, text=True
    ).stdout


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("mamip", type=Path, help="MAMIP checkout (its .git) or bare mirror")
    ap.add_argument("--scan", type=Path, action="append", default=[])
    args = ap.parse_args()
    repo = args.mamip / ".git" if (args.mamip / ".git").exists() else args.mamip
    commit = git(repo, "rev-parse", "HEAD").strip()
    date = git(repo, "log", "-1", "--format=%cI", "HEAD").strip()
    listing = json.loads(git(repo, "show", "HEAD:policies-list.json"))["Policies"]
    by_name = {p["PolicyName"]: p for p in listing}
    names = {n for n in by_name if WANTED.match(n)}
    pattern = re.compile(r"[A-Za-z0-9_+=,.@-]+")
    for root in args.scan:
        for path in root.rglob("*"):
            if path.is_file():
                words = set(pattern.findall(path.read_text(errors="replace")))
                names |= words & by_name.keys()
    # Words that are policy names by accident (e.g. "ReadOnly" is not one) are excluded by
    # requiring the exact policy name; very generic ones are still fine: the data only grows.
    policies: dict[str, object] = {}
    for name in sorted(names):
        meta = by_name[name]
        try:
            raw = json.loads(git(repo, "show", f"HEAD:policies/{name}"))
        except subprocess.CalledProcessError:
            continue
        version = raw["PolicyVersion"]
        policies[name] = {
            "path": meta["Path"],
            "arn": meta["Arn"],
            "version": version.get("VersionId"),
            "updated": meta.get("UpdateDate"),
            "document": version["Document"],
        }
    out = {
        "source": f"zoph-io/MAMIP policies/<PolicyName> and policies-list.json @ {commit} ({date})",
        "generator": "scripts/gen_managed_policies.py",
        "policies": policies,
    }
    OUT.write_text(json.dumps(out, separators=(",", ":"), sort_keys=True) + "\n")
    print(f"{len(policies)} policies -> {OUT} ({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
