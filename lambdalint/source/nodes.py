"""Located template values: every mapping, sequence and scalar knows where it was written.

Values are explicit wrappers (never subclasses of ``str``/``dict``), so a location can never be
lost by a string operation, and CloudFormation short-form tags are already in long form here.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from lambdalint.source.location import Location

ScalarValue = str | int | float | bool | None


@dataclass(slots=True, eq=False)
class Scalar:
    value: ScalarValue
    loc: Location
    # The text as written, for plain (unquoted) scalars YAML 1.1 resolved to a non-string.
    raw: str | None = None

    def plain(self) -> ScalarValue:
        return self.value


@dataclass(slots=True, eq=False)
class Mapping:
    items: dict[str, Node]
    loc: Location
    key_locs: dict[str, Location] = field(default_factory=dict)

    def get(self, key: str) -> Node | None:
        return self.items.get(key)

    def key_loc(self, key: str) -> Location:
        return self.key_locs.get(key, self.loc)

    def __contains__(self, key: object) -> bool:
        return key in self.items

    def __len__(self) -> int:
        return len(self.items)

    def plain(self) -> dict[str, object]:
        return {k: v.plain() for k, v in self.items.items()}


@dataclass(slots=True, eq=False)
class Sequence:
    items: list[Node]
    loc: Location

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self) -> Iterator[Node]:
        return iter(self.items)

    def plain(self) -> list[object]:
        return [v.plain() for v in self.items]


Node = Scalar | Mapping | Sequence

# Every intrinsic CloudFormation accepts in a template, by the key of its long form.
INTRINSIC_KEYS: frozenset[str] = frozenset(
    {
        "Ref",
        "Condition",
        "Fn::And",
        "Fn::Base64",
        "Fn::Cidr",
        "Fn::Equals",
        "Fn::FindInMap",
        "Fn::ForEach",
        "Fn::GetAZs",
        "Fn::GetAtt",
        "Fn::If",
        "Fn::ImportValue",
        "Fn::Join",
        "Fn::Length",
        "Fn::Not",
        "Fn::Or",
        "Fn::Select",
        "Fn::Split",
        "Fn::Sub",
        "Fn::ToJsonString",
        "Fn::Transform",
        "Fn::GetParam",
    }
)


def intrinsic(node: Node | None) -> tuple[str, Node] | None:
    """``(name, argument)`` when ``node`` is an intrinsic function call, else None.

    ``Condition`` is an intrinsic only inside condition expressions; a resource's ``Condition``
    attribute is a plain key, so callers that walk resource attributes must not ask here.
    """
    if isinstance(node, Mapping) and len(node.items) == 1:
        ((key, arg),) = node.items.items()
        if key in INTRINSIC_KEYS:
            return key, arg
    return None


def plain(node: Node | None) -> object:
    """The value without locations (tags already in long form)."""
    return None if node is None else node.plain()


Path = tuple[str | int, ...]


def walk(node: Node, path: Path = ()) -> Iterator[tuple[Path, Node]]:
    """Every node below ``node`` (itself included) with its path, depth first, in source order."""
    stack: list[tuple[Path, Node]] = [(path, node)]
    while stack:
        p, n = stack.pop()
        yield p, n
        if isinstance(n, Mapping):
            stack.extend(((*p, k), v) for k, v in reversed(n.items.items()))
        elif isinstance(n, Sequence):
            stack.extend(((*p, i), v) for i, v in reversed(list(enumerate(n.items))))


def path_str(path: tuple[str | int, ...]) -> str:
    """Dotted display form: ``("Resources", "Fn", "Layers", 0)`` -> ``Resources.Fn.Layers[0]``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out


# Short-form tags whose long form is not ``Fn::<Tag>``.
UNPREFIXED_TAGS: frozenset[str] = frozenset({"Ref", "Condition"})
# Every short form CloudFormation documents (https://docs.aws.amazon.com/AWSCloudFormation/latest/
# TemplateReference/intrinsic-function-reference.html), plus GetParam of CodePipeline templates.
KNOWN_SHORT_TAGS: frozenset[str] = frozenset(
    {
        "Ref",
        "Condition",
        "And",
        "Base64",
        "Cidr",
        "Equals",
        "FindInMap",
        "GetAZs",
        "GetAtt",
        "If",
        "ImportValue",
        "Join",
        "Not",
        "Or",
        "Select",
        "Split",
        "Sub",
        "Transform",
        "Length",
        "ToJsonString",
        "ForEach",
        "GetParam",
    }
)
