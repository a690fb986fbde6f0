"""How structured output is asked for, and which way a given server can do it.

Ladder, best first: ``tool`` (the schema as a tool the model must call), ``json``
(OpenAI's ``response_format: json_object`` plus the schema in the prompt) and
``prompted`` (the schema in the prompt only). A server that rejects tools or
``response_format`` says so with an HTTP error; that answer moves its
(system, base_url, model) one rung down for the rest of the process, so the failing
request is paid once, not on every call.
"""

from __future__ import annotations

import json
import re
import threading

from pydantic_ai.exceptions import ModelHTTPError
from pydantic_ai.models import Model
from pydantic_ai.models.openai import OpenAIChatModel

TOOL, JSON, PROMPTED = "tool", "json", "prompted"

# Statuses servers use to reject a request feature (some answer 500 for it, too).
_FEATURE_REJECTION_STATUSES = {400, 404, 405, 415, 422, 500, 501}
_UNSUPPORTED = (
    r"(not\s+supported|unsupported|does\s*n[o']t\s+support"
    r"|not\s+(?:allowed|permitted|available|implemented|enabled)"
    r"|unknown|unrecognized|invalid|requires)"
)
_TOOLS_REJECTED = re.compile(
    r"(does\s*n[o']t\s+support\s+tools|\btools?\b.{0,40}"
    + _UNSUPPORTED
    + r"|"
    + _UNSUPPORTED
    + r".{0,40}\b(tools?|tool_choice|function[_ ]call(ing|s)?)\b"
    r"|enable-auto-tool-choice|tool-call-parser|tools param requires"
    r"|\bfunction[_ ]call(ing|s)?\b.{0,40}" + _UNSUPPORTED + ")",
    re.I | re.S,
)
_RESPONSE_FORMAT_REJECTED = re.compile(
    r"((response_format|json_object|json_schema|json\s+mode|structured\s+output|guided_json|grammar)"
    r".{0,60}"
    + _UNSUPPORTED
    + "|"
    + _UNSUPPORTED
    + r".{0,60}(response_format|json_object|json_schema|json\s+mode|structured\s+output))",
    re.I | re.S,
)

ModeKey = tuple[str, str, str]


def modes_for(model: Model) -> tuple[str, ...]:
    """The ladder this model can walk: JSON mode exists only on OpenAI-style chat APIs."""
    if isinstance(model, OpenAIChatModel):
        return (TOOL, JSON, PROMPTED)
    return (TOOL, PROMPTED)


def mode_key(model: Model) -> ModeKey:
    return (model.system, model.base_url or "", model.model_name)


def rejects_mode(error: Exception, mode: str) -> bool:
    """True when ``error`` is the server saying it cannot do ``mode`` (so a lower rung may work)."""
    if not isinstance(error, ModelHTTPError):
        return False
    if error.status_code not in _FEATURE_REJECTION_STATUSES:
        return False
    text = _error_text(error)
    if mode == TOOL:
        return bool(_TOOLS_REJECTED.search(text))
    if mode == JSON:
        return bool(_RESPONSE_FORMAT_REJECTED.search(text))
    return False


def _error_text(error: ModelHTTPError) -> str:
    body = error.body
    try:
        body_text = body if isinstance(body, str) else json.dumps(body)
    except (TypeError, ValueError):
        body_text = str(body)
    return f"{body_text} {error.provider_error_code or ''}"


class ModeMemory:
    """Per-process memory of the best rung each server accepted."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._rungs: dict[ModeKey, int] = {}

    def rung(self, key: ModeKey) -> int:
        with self._lock:
            return self._rungs.get(key, 0)

    def step_down(self, key: ModeKey, to_rung: int) -> None:
        with self._lock:
            self._rungs[key] = max(self._rungs.get(key, 0), to_rung)

    def clear(self) -> None:
        with self._lock:
            self._rungs.clear()


DEFAULT_MODE_MEMORY = ModeMemory()
