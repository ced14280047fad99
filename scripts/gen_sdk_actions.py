"""Generate rules/facts/sdk_actions.json: for every AWS service in botocore's service models, the
IAM action prefix and the API operation names, from which lambdalint maps an SDK call in
function code to the IAM action it needs (the action is named after the operation for almost
every API; the cases where it is not live in rules/facts/sdk_action_exceptions.yaml).

    pip install -e '.[gen]'
    python scripts/gen_sdk_actions.py

The IAM prefix is the model's ``signingName`` (SigV4 signs with the service's IAM namespace),
falling back to ``endpointPrefix``. ``id`` is the model's ``serviceId``: AWS SDK for JavaScript v3
packages are named after it (``@aws-sdk/client-`` + lower case, spaces as hyphens) and v2 classes
mostly too (spaces removed). Operations are one space-separated string per service, which keeps
the file compact; lambdalint loads it only for code that calls an SDK.
"""

from __future__ import annotations

import json
from pathlib import Path

import botocore
import botocore.session

OUT = Path(__file__).resolve().parents[1] / "rules" / "facts" / "sdk_actions.json"
SOURCE = "https://github.com/boto/botocore/tree/develop/botocore/data"


def generate() -> dict[str, object]:
    session = botocore.session.get_session()
    loader = session.get_component("data_loader")
    services: dict[str, dict[str, str]] = {}
    for name in sorted(session.get_available_services()):
        model = loader.load_service_model(name, "service-2")
        meta = model["metadata"]
        services[name] = {
            "prefix": meta.get("signingName") or meta["endpointPrefix"],
            "id": meta.get("serviceId", name),
            "ops": " ".join(sorted(model["operations"])),
        }
    return {
        "source": SOURCE,
        "generated_by": "scripts/gen_sdk_actions.py",
        "generated_from": f"botocore {botocore.__version__} service models (service-2.json)",
        "services": services,
    }


def main() -> None:
    data = generate()
    OUT.write_text(json.dumps(data, indent=0, sort_keys=False) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({len(data['services'])} services)")  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
