"""Model configurations and a secret box for tests that pick an engine from a config."""

from __future__ import annotations

from pathlib import Path

from refleum.llm.models import LLMConfig
from refleum.llm.secrets import SecretBox
from refleum.llm.service import default_config


def llm_config(**fields) -> LLMConfig:
    """The default (local) configuration of a test organization with ``fields`` changed."""
    cfg = default_config("org_test")
    for name, value in fields.items():
        setattr(cfg, name, value)
    return cfg


def secret_box(folder: Path) -> SecretBox:
    return SecretBox.load(None, folder)
