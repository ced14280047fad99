"""LL406 auto-publish-alias-invalid (docs: rules/catalog/LL406.yaml)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from lambdalint.data import load_data
from lambdalint.engine.context import CheckContext
from lambdalint.engine.finding import Finding
from lambdalint.engine.grouping import FUNCTIONS
from lambdalint.engine.registry import check
from lambdalint.model.lambda_ import Function
from lambdalint.model.values import Absent, Invalid, Known, Unknown

# read.py's reason for a structure or a resource reference where a string is expected.
NOT_SINGLE = "not a single value"
# read.py's reason for a property written with no value (null, or "" in some readers).
EMPTY = "is empty"


@cache
def _pattern() -> re.Pattern[str]:
    # SAM matches with re.match (samtranslator/model/sam_resources.py _construct_alias).
    return re.compile(load_data("facts/sam_deployment.yaml")["alias_pattern"]["regex"])


@check("LL406", on=Function, group=True)
def auto_publish_alias_invalid(fn: Function, ctx: CheckContext) -> Iterator[Finding]:
    if fn.dialect != "sam":
        return
    for value in fn.auto_publish_alias.written_values():
        if isinstance(value, Absent) and value.how == EMPTY:
            # A literal null or "" is falsy to SAM, which then makes no version and no alias
            # (the way to opt one function out of a Globals AutoPublishAlias); what needed the
            # alias is LL401's finding.
            continue
        if isinstance(value, Known) and value.value == "":
            if not value.via:
                continue
            # A parameter Ref that resolves to "": SAM tries to make an alias without a name.
            message = (
                f"AutoPublishAlias of {FUNCTIONS} resolves to an empty name: SAM rejects it "
                "(alias name is required to create an alias)"
            )
        elif isinstance(value, Absent):
            message = (
                f"AutoPublishAlias of {FUNCTIONS} can be AWS::NoValue: SAM accepts only a "
                "string or a Ref to a template parameter"
            )
        elif isinstance(value, Invalid):
            message = f"AutoPublishAlias {value.shown()} of {FUNCTIONS} is not a string"
        elif isinstance(value, Unknown):
            # SAM resolves only parameter Refs (an unknown one is a parameter set at deploy
            # time): a Fn::Sub (an unknown with a literal part), a resource reference or a
            # mapping stays a structure, which SAM rejects.
            if value.literal is None and value.why != NOT_SINGLE:
                continue
            message = (
                f"AutoPublishAlias of {FUNCTIONS} is not a string: SAM accepts only a string "
                "or a Ref to a template parameter"
            )
        elif value.value.isdigit():
            message = (
                f"AutoPublishAlias {value.value!r} of {FUNCTIONS} is all digits: an alias name "
                "cannot look like a version number, and SAM rejects it"
            )
        elif not _pattern().match(value.value):
            message = (
                f"AutoPublishAlias {value.value!r} of {FUNCTIONS} holds characters an alias "
                "name cannot (letters, digits, - and _ only); SAM rejects it"
            )
        else:
            continue
        # A computed value has no node of its own: name the property.
        path = None if value.node is not None else fn.auto_publish_alias.site.path
        yield ctx.finding(message + value.explain(), at=value, resource=fn.logical_id, path=path)
