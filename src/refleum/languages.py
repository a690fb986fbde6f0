"""BCP-47 language tags: validation and normalisation, shared by every endpoint that takes one."""

from __future__ import annotations

import langcodes


def normalize_language_tag(value: str) -> str:
    """``"pt_br"`` -> ``"pt-BR"``; raises ValueError (a 400 in the API) for a non-tag."""
    candidate = value.strip().replace("_", "-")
    if not candidate or not langcodes.tag_is_valid(candidate):
        raise ValueError(f"'{value}' is not a valid BCP-47 language tag")
    return langcodes.standardize_tag(candidate)


def primary_language(tag: str) -> str:
    """The language subtag alone: ``"pt-BR"`` -> ``"pt"``."""
    return langcodes.Language.get(tag).language or tag.split("-")[0].lower()
