"""Edits: the only way an engine (local or LLM) may change a resume.

An engine never returns a resume. It proposes edits addressed by path, each quoting
the text it replaces; the truth guard decides which ones are applied.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

EditAction = Literal["replace", "reorder"]


class Edit(BaseModel):
    """One proposed change.

    ``replace``: ``path`` names a string (``workExperience[0].description[2]``, ``summary``,
    ``personalInfo.title``); ``original`` quotes its current text; ``value`` is the new text.
    ``reorder``: ``path`` names a list (``workExperience[0].description``,
    ``additional.technicalSkills``, ``sections``); ``value`` is the new order as a list of
    the current indexes, a permutation.
    """

    model_config = ConfigDict(extra="forbid")

    path: str
    action: EditAction = "replace"
    original: str = ""
    value: str | list[int]
    reason: str = ""


class AppliedChange(BaseModel):
    """An accepted edit as the API reports it, with the source line(s) that support it."""

    path: str
    before: str | list[str]
    after: str | list[str]
    reason: str
    source_lines: list[str] = Field(default_factory=list)


class RejectedEdit(BaseModel):
    path: str
    reason: str  # precise, for logs and tests: may name the refused text's own claims
    edit: Edit

    @property
    def public_reason(self) -> str:
        """The reason as the API reports it: the guard's category ("adds what the original
        resume does not contain"), never the refused text's invented claims after it."""
        return self.reason.split(": ", 1)[0]
