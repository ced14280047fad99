"""The package types a function may be deployed with, from its typed ``package_type`` field.

SAM does not infer Image from ImageUri: ``PackageType or ZIP`` in SamFunction
(samtranslator/model/sam_resources.py ``_validate_package_type``), so such a function is a .zip
one (and fails); the model gives it the default Zip. For CloudFormation an image URI without
PackageType leaves the package type in doubt: the model makes it Unknown, and neither Zip nor
Image is assumed here.
"""

from __future__ import annotations

from lambdalint.model.lambda_ import Function, PackageKind
from lambdalint.model.values import Absent, Known


def package_types(fn: Function) -> frozenset[str] | None:
    """The package types the function may have, or None if one is not known."""
    out: set[str] = set()
    for value in fn.package_type.values:
        if isinstance(value, Absent):
            out.add(PackageKind.ZIP.value)  # AWS::NoValue or empty: the default
        elif isinstance(value, Known):
            out.add(value.value)
        else:
            return None
    return frozenset(out) or None


def is_zip(fn: Function) -> bool:
    """True only when every way the template can be deployed makes this a .zip function."""
    return package_types(fn) == frozenset({PackageKind.ZIP.value})


def is_image(fn: Function) -> bool:
    return package_types(fn) == frozenset({PackageKind.IMAGE.value})


def may_be_zip(fn: Function) -> bool:
    kinds = package_types(fn)
    return kinds is None or PackageKind.ZIP.value in kinds
