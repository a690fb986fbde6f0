"""BCP-47 language tags: validation and normalisation, shared by every endpoint that takes one."""

from __future__ import annotations

import langcodes

# BCP-47's syntax (RFC 5646: subtags of 1–8 letters or digits), as the OpenAPI schema
# states it; `normalize_language_tag` also checks the registry, and accepts "_" for "-".
BCP47_PATTERN = r"^\s*[A-Za-z]{1,8}([-_][A-Za-z0-9]{1,8})*\s*$"
BCP47_SCHEMA = {"pattern": BCP47_PATTERN, "examples": ["en", "es", "pt-BR"]}


def normalize_language_tag(value: str) -> str:
    """``"pt_br"`` -> ``"pt-BR"``; raises ValueError (a 400 in the API) for a non-tag."""
    candidate = value.strip().replace("_", "-")
    if not candidate or not langcodes.tag_is_valid(candidate):
        raise ValueError(f"'{value}' is not a valid BCP-47 language tag")
    return langcodes.standardize_tag(candidate)


def primary_language(tag: str) -> str:
    """The language subtag alone: ``"pt-BR"`` -> ``"pt"``."""
    return langcodes.Language.get(tag).language or tag.split("-")[0].lower()
