"""An event source mapping's defaults are one table: the model's typed fields (what a rule
sees when the template is silent) take the same number, and the same source, as the simulator
(rules/facts/invocation.yaml), for every source kind."""

from __future__ import annotations

import pytest

from lambdalint.model.build import build_graph
from lambdalint.model.lambda_ import EventSourceMapping
from lambdalint.model.values import Field, Known
from lambdalint.semantics.table import table
from lambdalint.source.reader import SourceText
from lambdalint.source.template import parse_text

SOURCES = {
    "sqs": "arn:aws:sqs:us-east-1:123456789012:q",
    "kinesis": "arn:aws:kinesis:us-east-1:123456789012:stream/s",
    "dynamodb": "arn:aws:dynamodb:us-east-1:123456789012:table/t/stream/2024",
    "msk": "arn:aws:kafka:us-east-1:123456789012:cluster/c/abc",
    "mq": "arn:aws:mq:us-east-1:123456789012:broker:b:id",
    "documentdb": "arn:aws:rds:us-east-1:123456789012:cluster:d",
}
# model field -> behaviour-table row
ROWS = {
    "batch_size": "esm-batch-size",
    "maximum_batching_window": "esm-batching-window",
    "maximum_retry_attempts": "stream-retry-attempts",
    "maximum_record_age": "stream-record-age",
    "bisect_on_error": "stream-bisect",
    "parallelization_factor": "stream-parallelization",
    "tumbling_window": "stream-tumbling-window",
}


def mapping(kind: str) -> EventSourceMapping:
    text = f"""
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties: {{Role: arn:aws:iam::123456789012:role/r, Code: {{ZipFile: x}}}}
  Map:
    Type: AWS::Lambda::EventSourceMapping
    Properties:
      FunctionName: !Ref Fn
      EventSourceArn: {SOURCES[kind]}
"""
    template, diagnostics = parse_text(SourceText("t.yaml", text))
    assert template is not None, diagnostics
    (esm,) = build_graph(template).objects(EventSourceMapping)
    assert esm.kind.value == kind
    return esm


def expected(row_id: str, kind: str) -> object:
    row = table()[row_id]
    if row.applies_to and kind not in row.applies_to:
        return None
    return row.by_source.get(kind, {}).get("default", row.default)


@pytest.mark.parametrize("kind", sorted(SOURCES))
@pytest.mark.parametrize("field", sorted(ROWS))
def test_model_defaults_are_the_simulators(kind: str, field: str) -> None:
    value: Field[object] = getattr(mapping(kind), field)
    assert not value.written
    want = expected(ROWS[field], kind)
    if want is None:
        assert value.values == ()  # AWS applies none for this source kind
        return
    (default,) = value.values
    assert isinstance(default, Known) and default.default
    assert default.value == want
    assert default.source == table()[ROWS[field]].source[0]


def test_the_numbers_aws_documents() -> None:
    """A spot check of the table itself (API_CreateEventSourceMapping)."""
    assert mapping("sqs").batch_size.only() == 10
    assert mapping("kinesis").batch_size.only() == 100
    assert mapping("kinesis").maximum_retry_attempts.only() == -1
    assert mapping("sqs").maximum_retry_attempts.values == ()
    assert mapping("dynamodb").bisect_on_error.only() is False
