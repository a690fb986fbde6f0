"""What the OpenAPI document says about the organization's model configuration."""

from __future__ import annotations

from refleum.envelopes import OperationDoc

CONFIG = {
    "provider": "openai",
    "model": "gpt-4o-mini",
    "api_key": "sk-…x7Qa",
    "api_base": None,
    "reasoning_effort": None,
    "enable_cover_letter": True,
    "enable_outreach_message": False,
    "content_language": "en",
    "default_prompt_id": "keywords",
    "updated_at": "2026-05-28T09:20:41.004000Z",
}

OPERATIONS = {
    "getLlmConfig": OperationDoc(
        "Get the model configuration",
        "Which engine parses, tailors and writes letters for this organization: the built-in "
        "`local` engine (the default: no network, no key) or a model provider, with the "
        "stored provider key masked. Also the defaults of tailoring: `content_language`, "
        "`default_prompt_id` and whether letters are written with every tailoring.",
        response_example={"data": CONFIG},
    ),
    "updateLlmConfig": OperationDoc(
        "Change the model configuration",
        "Every field is optional; an omitted one stays as it is. `provider` is `local`, "
        "`openai`, `anthropic` or `openai-compatible` (any server speaking the OpenAI API "
        "at `api_base`, such as Ollama or vLLM). `api_key` is stored encrypted and never "
        'shown again; `null` or `""` removes it. A provider without the model, key or '
        "base it needs, or an `api_base` on a private address the operator has not "
        "allowed, is a 400 and nothing changes.",
        request_example={
            "provider": "openai",
            "model": "gpt-4o-mini",
            "api_key": "sk-proj-3fVx…x7Qa",
            "enable_cover_letter": True,
            "default_prompt_id": "keywords",
        },
        response_example={"data": CONFIG},
    ),
}
