"""Whether every AWS call a Node.js function's code can make is visible to lambdalint: each
import is a local module (read in turn), a Node.js built-in (rules/facts/code_node_builtins.yaml,
generated from Node.js's ``module.builtinModules``) that runs no other code, or an AWS SDK
package whose clients the reader records. An npm package may create clients of its own, so any
other import leaves the code's services unknown (the counterpart of ``python._import_known``)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from functools import cache

from lambdalint.data import load_data
from lambdalint.source.code.node_syntax import Module

# SDK packages the reader records the clients and calls of. util-dynamodb only converts values
# (marshall/unmarshall); credential-providers and the rest can call STS or Cognito unseen.
SDK_PACKAGES = frozenset(
    {"aws-sdk", "@aws-sdk/lib-dynamodb", "@aws-sdk/lib-storage", "@aws-sdk/util-dynamodb"}
)


@cache
def _builtins() -> tuple[frozenset[str], frozenset[str]]:
    facts = load_data("facts/code_node_builtins.yaml")
    return frozenset(facts["names"]), frozenset(facts["dynamic"])


def _builtin(spec: str) -> bool:
    names, dynamic = _builtins()
    prefixed = spec.startswith("node:")
    name = spec[5:] if prefixed else spec
    if name.split("/")[0] in dynamic:
        return False
    return prefixed or name in names


def _sdk(spec: str) -> bool:
    return (
        spec in SDK_PACKAGES
        or spec.startswith("aws-sdk/clients/")
        or spec.startswith("@aws-sdk/client-")
    )


def sdk_known(modules: dict[str, Module], resolve: Callable[[str, str], str | None]) -> bool:
    """Every import of every module read is local, a built-in or the SDK, and no module
    requires or imports a computed name."""
    for current, module in modules.items():
        if module.sdk_dynamic:
            return False
        types_only = Counter(module.type_imports)
        values = Counter(module.imports)
        for spec, count in values.items():
            if types_only[spec] >= count:
                continue  # only ``import type``: nothing loads
            if spec.startswith("."):
                if resolve(current, spec) is None:
                    return False
            elif not (_builtin(spec) or _sdk(spec)):
                return False
    return True
