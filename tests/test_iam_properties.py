"""Property tests of the IAM core against small reference implementations written from the IAM
documentation:

- wildcards (reference_policies_elements_resource.html, ..._action.html): ``*`` matches any run of
  characters, ``?`` exactly one; actions compare case-insensitively, resources case-sensitively;
- evaluation (reference_policies_evaluation-logic.html): an explicit Deny wins; otherwise an
  applicable Allow allows; otherwise the request is implicitly denied. A statement applies when
  its Action (or not its NotAction) and its Resource (or not its NotResource) match.

The symbolic matcher is checked for soundness: whatever concrete values its tokens take, a
``yes`` always matches and a ``no`` never does.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from lambdalint.iam.evaluate import decide
from lambdalint.iam.policy import Document, Statement
from lambdalint.iam.resolve import SymValue
from lambdalint.iam.sym import Sym, Token, glob, match
from lambdalint.iam.tri import Answer, Tri
from lambdalint.source.location import Location

LOC = Location.point("t.yaml")
SETTINGS = settings(derandomize=True, max_examples=300, deadline=None)


def ref_match(pattern: str, value: str) -> bool:
    """Recursive wildcard matcher, straight from the definition."""
    if not pattern:
        return not value
    head, rest = pattern[0], pattern[1:]
    if head == "*":
        return any(ref_match(rest, value[i:]) for i in range(len(value) + 1))
    if not value:
        return False
    if head == "?" or head == value[0]:
        return ref_match(rest, value[1:])
    return False


ALPHABET = "ab:/*?"
patterns = st.text(alphabet=ALPHABET, max_size=8)
values = st.text(alphabet="ab:/A", max_size=8)


@SETTINGS
@given(patterns, values)
def test_glob_equals_reference(pattern: str, value: str) -> None:
    assert glob(pattern, value) == ref_match(pattern, value)
    assert (match(Sym.of(pattern), Sym.of(value)) is Tri.YES) == ref_match(pattern, value)


@SETTINGS
@given(patterns, values)
def test_actions_fold_case_resources_do_not(pattern: str, value: str) -> None:
    assert glob(pattern, value, fold=True) == ref_match(pattern.lower(), value.lower())


# ----- symbolic soundness -----------------------------------------------------------------------
TOKENS = [
    Token("pseudo", "AWS::Region"),
    Token("name", "Q1"),
    Token("name", "Q2"),
    Token("param", "P"),
    Token("segment", "S1"),
    Token("segment", "S2"),
]
parts = st.lists(
    st.one_of(st.text(alphabet="ab:/*?", max_size=3), st.sampled_from(TOKENS)), max_size=4
)
value_parts = st.lists(
    st.one_of(st.text(alphabet="ab:/", max_size=3), st.sampled_from(TOKENS)), max_size=4
)
# Concrete values respecting each token's contract: pseudo and generated names are non-empty and
# colon-free, distinct generated names differ; a segment is non-empty without ":" or "/" (it may
# equal anything else).
assignments = st.fixed_dictionaries(
    {
        "AWS::Region": st.text(alphabet="ab", min_size=1, max_size=3),
        "Q1": st.text(alphabet="ab", min_size=1, max_size=3),
        "Q2": st.text(alphabet="ab", min_size=1, max_size=3),
        "P": st.text(alphabet="ab:/", max_size=3),
        "S1": st.text(alphabet="ab", min_size=1, max_size=3),
        "S2": st.text(alphabet="ab", min_size=1, max_size=3),
    }
).filter(lambda d: d["Q1"] != d["Q2"] and d["Q1"] != d["AWS::Region"] != d["Q2"])


def concrete(ps: list[str | Token], env: dict[str, str], escape: bool) -> str:
    out = ""
    for p in ps:
        if isinstance(p, Token):
            text = env[p.key]
            # A token's value is text, never wildcards.
            out += text.replace("*", "").replace("?", "") if escape else text
        else:
            out += p
    return out


@SETTINGS
@given(parts, value_parts, assignments)
def test_symbolic_match_is_sound(
    p: list[str | Token], v: list[str | Token], env: dict[str, str]
) -> None:
    answer = match(Sym.of(*p), Sym.of(*v))
    truth = ref_match(concrete(p, env, True), concrete(v, env, False))
    if answer is Tri.YES:
        assert truth
    if answer is Tri.NO:
        assert not truth


# ----- evaluation ---------------------------------------------------------------------------------
actions = st.sampled_from(["s3:GetObject", "s3:PutObject", "sqs:SendMessage", "iam:PassRole"])
action_patterns = st.sampled_from(["*", "s3:*", "s3:get*", "S3:PutObject", "sqs:*", "iam:Pass?ole"])
resources = st.sampled_from(["arn:aws:s3:::b/k", "arn:aws:s3:::c/k", "arn:aws:sqs:r:1:q"])
resource_patterns = st.sampled_from(["*", "arn:aws:s3:::b/*", "arn:aws:s3:::*", "arn:aws:sqs:*"])
statements = st.builds(
    lambda effect, neg_a, acts, neg_r, res: (effect, neg_a, acts, neg_r, res),
    st.sampled_from(["Allow", "Deny"]),
    st.booleans(),
    st.lists(action_patterns, min_size=1, max_size=2),
    st.booleans(),
    st.lists(resource_patterns, min_size=1, max_size=2),
)


def ref_decide(
    stmts: list[tuple[str, bool, list[str], bool, list[str]]], action: str, res: str
) -> bool:
    def applies(s: tuple[str, bool, list[str], bool, list[str]]) -> bool:
        _, neg_a, acts, neg_r, ress = s
        a = any(ref_match(p.lower(), action.lower()) for p in acts) != neg_a
        r = any(ref_match(p, res) for p in ress) != neg_r
        return a and r

    if any(s[0] == "Deny" and applies(s) for s in stmts):
        return False
    return any(s[0] == "Allow" and applies(s) for s in stmts)


def to_statement(s: tuple[str, bool, list[str], bool, list[str]]) -> Statement:
    effect, neg_a, acts, neg_r, ress = s
    a = tuple(SymValue(Sym.of(x), LOC) for x in acts)
    r = tuple(SymValue(Sym.of(x), LOC) for x in ress)
    return Statement(
        effect=effect,
        loc=LOC,
        actions=None if neg_a else a,
        not_actions=a if neg_a else None,
        resources=None if neg_r else r,
        not_resources=r if neg_r else None,
    )


@SETTINGS
@given(st.lists(statements, max_size=4), actions, resources)
def test_evaluation_equals_reference(
    stmts: list[tuple[str, bool, list[str], bool, list[str]]], action: str, res: str
) -> None:
    doc = Document("test", LOC, tuple(to_statement(s) for s in stmts))
    answer = decide([doc], [], action, Sym.of(res)).answer
    assert answer in (Answer.YES, Answer.NO)
    assert (answer is Answer.YES) == ref_decide(stmts, action, res)


@SETTINGS
@given(st.lists(statements, max_size=4), actions, resources)
def test_a_condition_never_turns_a_grant_into_no(
    stmts: list[tuple[str, bool, list[str], bool, list[str]]], action: str, res: str
) -> None:
    from lambdalint.source.nodes import Scalar

    conditioned = []
    for s in stmts:
        st_ = to_statement(s)
        conditioned.append(
            Statement(
                st_.effect,
                st_.loc,
                st_.actions,
                st_.not_actions,
                st_.resources,
                st_.not_resources,
                condition=Scalar(True, LOC),
            )
        )
    doc = Document("test", LOC, tuple(conditioned))
    answer = decide([doc], [], action, Sym.of(res)).answer
    allowed_somehow = any(s[0] == "Allow" for s in stmts) and ref_decide(
        [s for s in stmts if s[0] == "Allow"], action, res
    )
    if allowed_somehow:
        assert answer is Answer.CONDITIONAL
    else:
        assert answer is Answer.NO
