"""The instruction that carries the JSON schema when the server cannot take it as a tool."""

from __future__ import annotations

import json
from typing import Any

from pydantic import TypeAdapter

# Keywords whose values are data (a default, an example), not schemas to walk into.
_DATA_KEYWORDS = frozenset({"default", "examples", "const", "enum"})


def schema_instructions(output_type: type) -> str:
    schema = _without_titles(TypeAdapter(output_type).json_schema())
    return (
        "Answer with exactly one JSON object that validates against this JSON schema, "
        "and nothing else: no prose, no code fences.\n"
        f"JSON schema: {json.dumps(schema, separators=(',', ':'))}"
    )


def _without_titles(node: Any) -> Any:
    """The schema without pydantic's generated titles ("Required Skills" for
    required_skills): they repeat the field names and are paid for in every prompt, as
    pydantic-ai drops them from tool schemas too. A property named "title" is a schema (a
    dict), not a title (a str), so it stays."""
    if isinstance(node, list):
        return [_without_titles(item) for item in node]
    if not isinstance(node, dict):
        return node
    return {
        key: value if key in _DATA_KEYWORDS else _without_titles(value)
        for key, value in node.items()
        if not (key == "title" and isinstance(value, str))
    }
