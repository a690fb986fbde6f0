"""Read a typed value out of a model's free text: reasoning, prose and fences removed.

Servers without tool calling or JSON mode answer in text, and reasoning models put a
``<think>`` block first, sometimes without its closing tag (or without its opening
one, when the server strips it). The JSON object is found by trying each ``{`` in
turn, so braces inside leftover prose cannot derail parsing.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any, TypeVar

from pydantic import TypeAdapter, ValidationError

T = TypeVar("T")

_THINK_BLOCK = re.compile(r"<(think|thinking|reasoning)>.*?</\1>", re.S | re.I)
_OPEN_THINK = re.compile(r"^\s*<(think|thinking|reasoning)>", re.I)
_CLOSE_THINK = re.compile(r"</(think|thinking|reasoning)>", re.I)
_MAX_CANDIDATES = 64


class NoJsonFound(ValueError):
    """The text holds no JSON value that validates as the wanted type."""


def strip_thinking(text: str) -> str:
    """``text`` without reasoning blocks, closed or left open at the start."""
    text = _THINK_BLOCK.sub("", text)
    closings = list(_CLOSE_THINK.finditer(text))
    if closings:
        # A closing tag with no opening one: the server ate the opening, all before is thought.
        text = text[closings[-1].end() :]
    elif _OPEN_THINK.match(text):
        # Unclosed at the start: the answer, if any, is the JSON after the thought.
        text = _OPEN_THINK.sub("", text, count=1)
    return text.strip()


def parse_json_as(text: str, output_type: type[T]) -> T:
    """The first JSON object in ``text`` that validates as ``output_type``."""
    adapter: TypeAdapter[T] = TypeAdapter(output_type)
    cleaned = strip_thinking(text)
    if not cleaned:
        raise NoJsonFound("the answer is empty")
    first_error: ValidationError | None = None
    for candidate in _json_objects(cleaned):
        try:
            return adapter.validate_python(candidate)
        except ValidationError as exc:
            first_error = first_error or exc
    if first_error is not None:
        raise NoJsonFound(f"the JSON does not match the schema: {_summarise(first_error)}")
    raise NoJsonFound("the answer contains no JSON object")


def _json_objects(text: str) -> Iterator[Any]:
    decoder = json.JSONDecoder()
    tried = 0
    start = text.find("{")
    while start != -1 and tried < _MAX_CANDIDATES:
        tried += 1
        try:
            value, _end = decoder.raw_decode(text, start)
        except ValueError:
            pass
        else:
            if isinstance(value, dict):
                yield value
        start = text.find("{", start + 1)


def _summarise(error: ValidationError, limit: int = 8) -> str:
    parts = [
        f"{'.'.join(str(p) for p in item['loc']) or '(root)'}: {item['msg']}"
        for item in error.errors(include_input=False)[:limit]
    ]
    more = error.error_count() - len(parts)
    return "; ".join(parts) + (f"; and {more} more" if more > 0 else "")
