"""Check the forge's answers against GitHub's OpenAPI 3.0 description.

A small validator for the parts of the description the forge's answers touch:
$ref, allOf, anyOf, oneOf, nullable, type, enum, required, properties, items
and additionalProperties. It ignores `format` and numeric or length bounds.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

Spec = dict[str, Any]
Schema = dict[str, Any]

_TYPES: dict[str, tuple[type, ...]] = {
    "object": (dict,),
    "array": (list,),
    "string": (str,),
    "integer": (int,),
    "number": (int, float),
    "boolean": (bool,),
}


def response_schema(
    spec: Spec, method: str, template: str, status: int
) -> Schema | None:
    """The JSON schema GitHub documents for this answer; None when it has no body."""
    operation = spec["paths"][template][method.lower()]
    responses = operation["responses"]
    response = responses.get(str(status)) or responses.get("default")
    if response is None:
        raise LookupError(f"{method} {template} documents no {status} answer")
    response = _resolve(spec, response)
    content = response.get("content", {}).get("application/json")
    return None if content is None else content["schema"]


def errors(spec: Spec, schema: Schema, value: object, where: str = "$") -> list[str]:
    return list(_check(spec, schema, value, where))


def _check(spec: Spec, schema: Schema, value: object, where: str) -> Iterator[str]:
    schema = _resolve(spec, schema)
    if value is None:
        if not _nullable(spec, schema):
            yield f"{where}: null where the schema does not allow it"
        return
    if "allOf" in schema:
        for part in schema["allOf"]:
            yield from _check(spec, part, value, where)
    for key in ("anyOf", "oneOf"):
        if key in schema and not any(
            not errors(spec, part, value, where) for part in schema[key]
        ):
            yield f"{where}: matches none of the {key} alternatives"
    yield from _check_type(spec, schema, value, where)


def _check_type(spec: Spec, schema: Schema, value: object, where: str) -> Iterator[str]:
    kind = schema.get("type")
    if kind is not None and not _is(value, kind):
        yield f"{where}: expected {kind}, got {type(value).__name__}"
        return
    if "enum" in schema and value not in schema["enum"]:
        yield f"{where}: {value!r} is not one of {schema['enum']}"
    if isinstance(value, dict):
        yield from _check_object(spec, schema, value, where)
    if isinstance(value, list) and "items" in schema:
        for index, item in enumerate(value):
            yield from _check(spec, schema["items"], item, f"{where}[{index}]")


def _check_object(
    spec: Spec, schema: Schema, value: dict[str, Any], where: str
) -> Iterator[str]:
    for name in schema.get("required", []):
        if name not in value:
            yield f"{where}: missing required field {name!r}"
    properties = schema.get("properties", {})
    extra = schema.get("additionalProperties", True)
    for name, item in value.items():
        if name in properties:
            yield from _check(spec, properties[name], item, f"{where}.{name}")
        elif extra is False and not _composed(schema):
            yield f"{where}: field {name!r} is not in the schema"
        elif isinstance(extra, dict):
            yield from _check(spec, extra, item, f"{where}.{name}")


def _is(value: object, kind: str) -> bool:
    if isinstance(value, bool) and kind in ("integer", "number"):
        return False
    return isinstance(value, _TYPES[kind])


def _nullable(spec: Spec, schema: Schema) -> bool:
    if schema.get("nullable") or schema.get("type") == "null":
        return True
    alternatives = schema.get("anyOf", []) + schema.get("oneOf", [])
    if any(_nullable(spec, _resolve(spec, part)) for part in alternatives):
        return True
    parts = schema.get("allOf", [])
    return bool(parts) and all(_nullable(spec, _resolve(spec, part)) for part in parts)


def _composed(schema: Schema) -> bool:
    return any(key in schema for key in ("allOf", "anyOf", "oneOf"))


def _resolve(spec: Spec, node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        path = re.sub(r"^#/", "", node["$ref"]).split("/")
        target: Any = spec
        for part in path:
            target = target[part]
        node = target
    return node


# Where GitHub's description contradicts itself, problems under these paths are
# not reported:
# - the installation account of this operation is inlined as
#   allOf(simple-user, enterprise), which no answer satisfies (elsewhere: anyOf);
# - a label's description may be null in `pull-request` and `label` but not in
#   `pull-request-simple`, though GitHub sends null for labels without one.
SPEC_QUIRKS = {
    ("GET", "/app/installations"): re.compile(r"^\$\[\d+\]\.account[.:]"),
    ("GET", "/repos/{owner}/{repo}/pulls"): re.compile(
        r"^\$\[\d+\]\.labels\[\d+\]\.description: null"
    ),
}


def check_answers(
    spec: Spec, answers: list[tuple[str, str | None, int, object]]
) -> list[str]:
    """Problems in logged answers (method, template, status, body); injected faults
    and statuses GitHub does not document for an operation are not checked."""
    problems: list[str] = []
    for method, template, status, body in answers:
        if template is None:
            continue
        try:
            schema = response_schema(spec, method, template, status)
        except LookupError:
            continue
        if schema is not None:
            quirk = SPEC_QUIRKS.get((method, template))
            found = errors(spec, schema, body)
            found = [item for item in found if not (quirk and quirk.match(item))]
            problems.extend(f"{method} {template} {status} {item}" for item in found)
    return problems
