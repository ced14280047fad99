"""The loaders against reference parsers: the JSON reader against ``json.loads`` and the YAML
reader against PyYAML (YAML 1.1, as cfn-flip and the SAM CLI read templates), plus locations:
every located value starts where its text is."""

from __future__ import annotations

import json
import math
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lambdalint.source.json_loader import JsonSyntaxError, load_json
from lambdalint.source.limits import InputLimits
from lambdalint.source.loader import load_text
from lambdalint.source.nodes import Mapping, Node, Scalar, Sequence, plain, walk

# -- JSON ----------------------------------------------------------------------------------------

json_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=20),
)
json_values = st.recursive(
    json_scalars,
    lambda children: (
        st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=8), children, max_size=5)
    ),
    max_leaves=30,
)
layouts = st.sampled_from(
    [
        {},
        {"indent": 2},
        {"indent": "\t"},
        {"separators": (",", ":")},
        {"indent": 1, "ensure_ascii": False},
        {"separators": (" , ", " : "), "indent": 3},
    ]
)


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return a == b or (math.isnan(a) and math.isnan(b))
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


def _offset(text: str, line: int, col: int) -> int:
    lines = text.split("\n")
    return sum(len(x) + 1 for x in lines[: line - 1]) + col - 1


def _check_locations(text: str, root: Node) -> None:
    for _, node in walk(root):
        start = _offset(text, node.loc.line, node.loc.col)
        end = _offset(text, node.loc.end_line, node.loc.end_col)
        if isinstance(node, Mapping):
            assert text[start] == "{" and text[end - 1] == "}"
            for key, loc in node.key_locs.items():
                at = _offset(text, loc.line, loc.col)
                assert json.loads(text[at : _offset(text, loc.end_line, loc.end_col)]) == key
        elif isinstance(node, Sequence):
            assert text[start] == "[" and text[end - 1] == "]"
        else:
            assert isinstance(node, Scalar)
            assert _same(json.loads(text[start:end]), node.value)


@settings(
    max_examples=300, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
@given(value=json_values, layout=layouts)
def test_json_reader_equals_json_loads(value: Any, layout: dict[str, Any]) -> None:
    text = json.dumps(value, **layout)
    result = load_json(text, "t.json", InputLimits())
    assert result.root is not None
    assert _same(result.root.plain(), json.loads(text))
    _check_locations(text, result.root)


@pytest.mark.parametrize(
    "text",
    [
        '{"a": 1,}',
        "[1, 2,]",
        '{"a": NaN}',
        '{"a": Infinity}',
        '{"a": 010}',
        "{'a': 1}",
        '{"a": "x\ty"}',
        '{"a": 1} {"b": 2}',
        '{"a" 1}',
        "[1 2]",
        '{"a": tru}',
        '{"a": "\\q"}',
        "",
        "[",
        '{"a": ',
        '"unterminated',
        "-",
        "1.",
        ".5",
        "+1",
    ],
)
def test_json_reader_rejects_what_json_rejects(text: str) -> None:
    with pytest.raises(JsonSyntaxError) as caught:
        load_json(text, "t.json")
    assert caught.value.diagnostic.rule_id == "LL002"
    assert caught.value.diagnostic.loc.line >= 1 and caught.value.diagnostic.loc.col >= 1


def test_json_error_positions() -> None:
    with pytest.raises(JsonSyntaxError) as caught:
        load_json('{\n\t"a": [1,\n\t\t2,\n\t],\n}', "t.json")
    d = caught.value.diagnostic
    assert (d.loc.line, d.loc.col, d.message) == (4, 2, "not valid JSON: trailing comma before ']'")


def test_json_numbers_are_json_numbers() -> None:
    # libyaml read these as text (YAML 1.1 floats need a dot and a signed exponent) or octal.
    result = load_text('{"a": 1e5, "b": 1.5E3, "c": -0, "d": 10, "e": "\\ud83d\\ude00"}', "t.json")
    assert result.root is not None
    assert result.root.plain() == {"a": 100000.0, "b": 1500.0, "c": 0, "d": 10, "e": "😀"}


def test_flow_yaml_in_a_yaml_file_still_reads() -> None:
    result = load_text("{Resources: {Q: {Type: AWS::SQS::Queue}}}", "t.yaml")
    assert result.root is not None and result.diagnostics == []
    assert result.root.plain() == {"Resources": {"Q": {"Type": "AWS::SQS::Queue"}}}


def test_flow_yaml_in_a_json_file_is_a_json_error() -> None:
    result = load_text("{Resources: {}}", "t.json")
    assert result.root is None
    assert [(d.rule_id, d.loc.line, d.loc.col) for d in result.diagnostics] == [("LL002", 1, 2)]


# -- YAML ----------------------------------------------------------------------------------------

# Scalars whose YAML 1.1 reading PyYAML and lambdalint share (timestamps are kept as text by
# lambdalint on purpose; CloudFormation reads AWSTemplateFormatVersion dates as written).
yaml_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=False, allow_infinity=True, width=32),
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=15),
    st.sampled_from(
        [
            "yes",
            "no",
            "on",
            "off",
            "0755",
            "1:30",
            "0x1F",
            "~",
            "null",
            "1e5",
            "-.inf",
            "0b101",
            "1_000",
            "true",
            "Y",
            "n",
        ]
    ),
)
yaml_values = st.recursive(
    yaml_scalars,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=8),
            children,
            max_size=4,
        )
    ),
    max_leaves=25,
)
yaml_styles = st.sampled_from(
    [
        {"default_flow_style": False},
        {"default_flow_style": True},
        {"default_flow_style": None, "width": 20},
    ]
)


@settings(
    max_examples=300, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
@given(value=yaml_values, style=yaml_styles)
def test_yaml_reader_equals_pyyaml(value: Any, style: dict[str, Any]) -> None:
    text = yaml.safe_dump({"Root": value}, allow_unicode=True, **style)
    result = load_text(text, "t.yaml")
    assert result.root is not None
    assert _same(result.root.plain(), yaml.safe_load(text))
    for _, node in walk(result.root):
        assert 1 <= node.loc.line <= text.count("\n") + 1 and node.loc.col >= 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: yes", {"a": True}),
        ("a: 0755", {"a": 493}),
        ("a: 1:30", {"a": 90}),
        ("a: 0x1F", {"a": 31}),
        ("a: 2010-09-09", {"a": "2010-09-09"}),
        ("a: =", {"a": "="}),
        ("a: !!str 1", {"a": "1"}),
        ("a: ! 1", {"a": "1"}),
        ("a: '010'", {"a": "010"}),
        ("a: !Ref B", {"a": {"Ref": "B"}}),
        ("a: !GetAtt B.C.D", {"a": {"Fn::GetAtt": ["B", "C.D"]}}),
        ("a: !If [c, 1, 2]", {"a": {"Fn::If": ["c", 1, 2]}}),
        ("a: !Sub\n  - x\n  - {}", {"a": {"Fn::Sub": ["x", {}]}}),
        ("a: [!Ref AWS::Region, x]", {"a": [{"Ref": "AWS::Region"}, "x"]}),
    ],
)
def test_yaml_scalars_and_tags(text: str, expected: object) -> None:
    result = load_text(text, "t.yaml")
    assert result.root is not None
    assert result.root.plain() == expected


def test_alias_shares_and_counts() -> None:
    # 1 root + 3 keys + 4 for the list, and each alias counts as the 4 values it stands for.
    result = load_text("a: &x [1, 2, 3]\nb: *x\nc: *x\n", "t.yaml", InputLimits(max_nodes=16))
    assert result.root is not None and result.root.plain() == {
        "a": [1, 2, 3],
        "b": [1, 2, 3],
        "c": [1, 2, 3],
    }
    over = load_text("a: &x [1, 2, 3]\nb: *x\nc: *x\n", "t.yaml", InputLimits(max_nodes=15))
    assert over.root is None
    assert [(d.rule_id, d.loc.line, d.loc.col) for d in over.diagnostics] == [("LL007", 3, 4)]


def test_alias_depth_is_bounded() -> None:
    # Each anchor nests the previous one deeper: the effective depth, not the written one.
    text = "a0: &a0 [x]\n" + "".join(f"a{i}: &a{i} [[*a{i - 1}]]\n" for i in range(1, 40))
    result = load_text(text, "t.yaml", InputLimits(max_depth=50))
    assert result.root is None
    assert result.diagnostics[0].rule_id == "LL007"
    assert "through alias" in result.diagnostics[0].message


def test_non_scalar_key_and_bad_merge() -> None:
    result = load_text("? [a]\n: 1\nb: {<<: 3}\n", "t.yaml")
    assert result.root is not None
    assert [(d.rule_id, d.loc.line, d.loc.col, d.message) for d in result.diagnostics] == [
        ("LL006", 1, 3, "a mapping key must be a string, not a list"),
        ("LL002", 3, 9, "a merge key (<<) needs a mapping"),
    ]
    assert result.root.plain() == {"b": {}}


def test_quoted_merge_key_is_a_plain_key() -> None:
    result = load_text("base: &b {x: 1}\nm: {'<<': *b}\n", "t.yaml")
    assert result.root is not None
    assert result.root.plain()["m"] == {"<<": {"x": 1}}  # type: ignore[index]


def test_unknown_tags() -> None:
    result = load_text("a: !Nope x\nb: !!python/object x\nc: !Foo [1]\n", "t.yaml")
    assert [(d.rule_id, d.loc.line, d.loc.col) for d in result.diagnostics] == [
        ("LL005", 1, 4),
        ("LL005", 2, 4),
        ("LL005", 3, 4),
    ]


def test_libyaml_colon_in_flow_falls_back_to_pure_parser() -> None:
    # libyaml 0.1.7 rejects this; CloudFormation (and libyaml 0.2) accept it.
    result = load_text("a: [x:y, !Sub 'a:b']\nb: {k: http://x}\n", "t.yaml")
    assert result.root is not None, result.diagnostics
    assert result.root.plain() == {"a": ["x:y", {"Fn::Sub": "a:b"}], "b": {"k": "http://x"}}


def test_syntax_error_location() -> None:
    result = load_text("a: 1\nb: [1, 2\nc: 3\n", "t.yaml")
    assert result.root is None
    d = result.diagnostics[0]
    assert d.rule_id == "LL002" and d.tool_error and d.loc.line == 3


@pytest.mark.parametrize("odd", ["\x85", "\u2028", "\u2029"])
def test_unicode_line_separators_do_not_shift_lines(odd: str) -> None:
    """YAML 1.1 counts NEL, LS and PS as line breaks; locations count only newlines, as editors
    and the code frame do."""
    text = f'a: "x{odd}y"\nb: {odd}c\nd: 64\n'
    result = load_text(text, "t.yaml")
    assert result.root is not None and isinstance(result.root, Mapping)
    d = result.root.items["d"]
    assert (d.loc.line, d.loc.col, d.loc.end_line, d.loc.end_col) == (3, 4, 3, 6)
    broken = load_text(f'a: "x{odd}y"\nb: [\n', "t.yaml")
    assert [(x.rule_id, x.loc.line, x.loc.col) for x in broken.diagnostics] == [("LL002", 2, 5)]


@pytest.mark.parametrize(
    "text", ["Resources:\n  A:\n  ?", "a: 1\nb:", "Resources:\n  Q:\n    Type:", "a: [1,"]
)
def test_no_location_past_the_last_line_without_a_final_newline(text: str) -> None:
    """libyaml puts the end of the stream on a line of its own when the text does not end with
    a newline; a value or error there still points into the file (found by the fuzz test)."""
    result = load_text(text, "t.yaml")
    last = text.count("\n") + 1
    nodes = [n for _, n in walk(result.root)] if result.root is not None else []
    for loc in [n.loc for n in nodes] + [d.loc for d in result.diagnostics]:
        assert 1 <= loc.line <= last and 1 <= loc.end_line <= last, loc


@pytest.mark.parametrize(
    ("text", "line", "col"),
    [
        ("Resources:\n  A: [\n  B: 1\n", 3, 7),  # issue 14 item 11
        ("Resources:\n  A: [\n  B: 1\n\n\n", 3, 7),
        ('Resources:\n  A: "abc\n', 2, 10),
        ("Resources:\n  A: [\n", 2, 7),
        ('{"Resources": {"A": [1,\n', 1, 24),
    ],
)
def test_error_at_the_end_of_the_stream_points_at_the_last_character(
    text: str, line: int, col: int
) -> None:
    """A file broken at its very end is reported just after its last character, never on a
    line past the end of the file (where the code frame is empty)."""
    for file in ("t.yaml", "t.json", "t.template"):
        result = load_text(text, file)
        assert result.root is None
        assert [(d.loc.line, d.loc.col, d.loc.end_line) for d in result.diagnostics] == [
            (line, col, line)
        ], file


# -- tabs: YAML forbids them only in indentation -------------------------------------------------

TAB_INDENTED = [
    # (text, line, col of the tab that indents)
    ("A:\n\tB: 1\n", 2, 1),
    ("A:\n  \tB: 1\n", 2, 3),
    ("A: |\n  x\n\ty\nB: 1\n", 3, 1),  # a block scalar line that starts with a tab
    ("A: a\n\tb\nB: 1\n", 2, 1),  # a plain scalar continued on a tab-indented line
]


@pytest.mark.parametrize(("text", "line", "col"), TAB_INDENTED)
def test_tab_that_indents_is_reported_at_the_tab(text: str, line: int, col: int) -> None:
    result = load_text(text, "t.yaml")
    assert result.root is None
    assert [(d.rule_id, d.loc.line, d.loc.col) for d in result.diagnostics] == [
        ("LL002", line, col)
    ]
    assert "a tab character indents this line" in result.diagnostics[0].message


TAB_IN_CONTENT = [
    ('A: |\n  {\n  \t"a": 1\n  }\n', {"A": '{\n\t"a": 1\n}\n'}),
    (
        "A: !Sub\n  - |\n    x\n    \t${B}\n  - B: 1\n",
        {"A": {"Fn::Sub": ["x\n\t${B}\n", {"B": 1}]}},
    ),
    ('A: "a\tb"\n', {"A": "a\tb"}),
    ("A: 'x\n\ty'\n", {"A": "x y"}),
    ("A: a\tb\n", {"A": "a\tb"}),
    ("A: [\n\t1,\n\t2]\n", {"A": [1, 2]}),
]


@pytest.mark.parametrize(("text", "expected"), TAB_IN_CONTENT)
def test_tab_inside_a_value_is_valid(text: str, expected: Any) -> None:
    result = load_text(text, "t.yaml")
    assert result.diagnostics == []
    assert result.root is not None and plain(result.root) == expected
    if "!" not in text and yaml.__with_libyaml__:  # libyaml through PyYAML reads it the same way
        assert yaml.load(text, Loader=yaml.CSafeLoader) == expected
