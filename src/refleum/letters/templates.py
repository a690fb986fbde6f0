"""The local engine's own words, per language, from ``data/letter_templates.json``."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

from refleum.languages import primary_language


class UnsupportedLetterLanguage(ValueError):  # noqa: N818 - mirrors tailoring's UnsupportedLanguage
    """The local engine has no templates for this language; an LLM provider is needed."""

    def __init__(self, language: str) -> None:
        super().__init__(
            f"the local engine writes letters in {', '.join(supported_languages())} only; "
            f"configure an LLM provider to write in '{language}'"
        )
        self.language = language


@lru_cache(maxsize=1)
def _all() -> dict[str, dict[str, Any]]:
    path = resources.files("refleum.letters").joinpath("data/letter_templates.json")
    return json.loads(path.read_text("utf-8"))["languages"]


def supported_languages() -> tuple[str, ...]:
    return tuple(_all())


def supports(language: str) -> bool:
    return _primary(language) in _all()


def templates_for(language: str) -> dict[str, Any]:
    """Templates for a BCP-47 tag ("pt-BR" uses "pt"); UnsupportedLetterLanguage otherwise."""
    found = _all().get(_primary(language))
    if found is None:
        raise UnsupportedLetterLanguage(language)
    return found


def all_template_text() -> str:
    """Every word the templates can write: names in them are the engine's, not claims."""
    return json.dumps(_all(), ensure_ascii=False)


def _primary(language: str) -> str:
    try:
        return primary_language(language).lower()
    except Exception:  # noqa: BLE001 - an unparseable tag is simply unsupported
        return language.strip().split("-")[0].lower()
