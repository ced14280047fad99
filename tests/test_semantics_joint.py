"""Joins of several resources (semantics/adapter/joint.py): a combination of values is judged
only if the condition outcomes selecting them and the Conditions of every resource taking part
can hold in one deployment."""

from __future__ import annotations

from lambdalint.semantics.adapter.joint import combinations, given, merge, reachable
from lambdalint.semantics.from_model import bound_triggers, timeout_variants
from lambdalint.semantics.run import SimContext, context_for
from lambdalint.source.reader import SourceText
from lambdalint.source.template import parse_text
from tests.lintrun import lint_text

HEAD = """\
AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Mode: {Type: String, AllowedValues: [queue, direct]}
Conditions:
  UseQueue: !Equals [!Ref Mode, queue]
  Direct: !Equals [!Ref Mode, direct]
Resources:
  Q:
    Type: AWS::SQS::Queue
    Condition: UseQueue
    Properties: {VisibilityTimeout: 60}
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.13
      Handler: index.handler
      Role: arn:aws:iam::123456789012:role/r
      Timeout: !If [UseQueue, 10, 300]
      Code: {ZipFile: "def handler(e, c):\\n    return 1\\n"}
"""
ESM = """\
  Esm:
    Type: AWS::Lambda::EventSourceMapping
    Condition: {cond}
    Properties:
      EventSourceArn: !GetAtt Q.Arn
      FunctionName: !Ref Fn
"""


def ctx(text: str) -> SimContext:
    template, diagnostics = parse_text(SourceText("t.yaml", text))
    assert not diagnostics
    return context_for(template)


def test_outcomes_against_each_other_and_the_resources() -> None:
    c = ctx(HEAD + ESM.format(cond="UseQueue"))
    assert reachable(c, (("UseQueue", True),), (("UseQueue", True),))
    assert not reachable(c, (("UseQueue", True),), (("UseQueue", False),))
    # Two conditions on one parameter's values exclude each other.
    assert not reachable(c, (("UseQueue", True),), (("Direct", True),))
    assert merge((("A", True),), (("A", True), ("B", False))) == (("A", True), ("B", False))


def test_a_pair_carries_the_conditions_of_its_resources() -> None:
    c = ctx(HEAD + ESM.format(cond="UseQueue"))
    (b,) = list(bound_triggers(c))
    assert b.given == (("UseQueue", True),)
    assert b.given == given((b.fn_model, b.trigger_model, b.esm_model, b.queue_model))
    # Only the Timeout branch deployed with the mapping is simulated.
    variants = timeout_variants(c, b)
    assert [(v.function.timeout, why) for v, why in variants] == [
        (10, " (when condition UseQueue is true)")
    ]


def test_resources_that_never_exist_together_make_no_pair() -> None:
    # The mapping exists only when Direct is true, its queue only when UseQueue is true.
    assert list(bound_triggers(ctx(HEAD + ESM.format(cond="Direct")))) == []


def test_combinations_of_two_fields_keep_what_can_be_deployed() -> None:
    c = ctx(HEAD + ESM.format(cond="UseQueue"))
    (b,) = list(bound_triggers(c))
    fn_timeout = (b.fn_model.timeout, given((b.fn_model,)))
    assert b.queue_model is not None
    vis = (b.queue_model.visibility_timeout, given((b.queue_model,)))
    combos = [
        (tuple(x.value for x in combo), why) for combo, why in combinations(c, [fn_timeout, vis])
    ]
    assert combos == [((10, 60), (("UseQueue", True),))]


def test_no_finding_for_a_branch_that_never_meets_the_queue() -> None:
    text = HEAD + ESM.format(cond="UseQueue")
    assert [f for f in lint_text(text) if f.rule_id == "LL505"] == []
    # Without the mapping's Condition (and the queue's), the 300 s branch meets the queue.
    bare = text.replace("    Condition: UseQueue\n", "")
    found = [f.message for f in lint_text(bare) if f.rule_id == "LL505"]
    assert len(found) == 1 and "(300 s)" in found[0] and "UseQueue is false" in found[0]
