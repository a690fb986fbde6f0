"""The instruction that carries the JSON schema when the server cannot take it as a tool."""

from __future__ import annotations

import json

from pydantic import TypeAdapter


def schema_instructions(output_type: type) -> str:
    schema = TypeAdapter(output_type).json_schema()
    return (
        "Answer with exactly one JSON object that validates against this JSON schema, "
        "and nothing else: no prose, no code fences.\n"
        f"JSON schema: {json.dumps(schema, separators=(',', ':'))}"
    )
