"""The two ways a model call fails, as the API reports them (502 and 504 envelopes)."""

from __future__ import annotations

from refleum.errors import LLMProviderFailed, Timeout


class LLMProviderError(LLMProviderFailed):
    """The provider errored, was unreachable, or answered garbage after the allowed retries.

    ``detail`` names the provider and the problem, never the key.
    """

    def __init__(self, detail: str) -> None:
        super().__init__(detail)


class LLMTimeout(Timeout):
    """The call did not finish within its deadline."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
