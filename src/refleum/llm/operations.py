"""Operator actions on the LLM layer: rotating the secret key, checking an org's provider."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path

from cryptography.fernet import Fernet
from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession

from refleum.llm.org_model import org_model
from refleum.llm.repository import LLMConfigRepository
from refleum.llm.secrets import SECRET_FILE_NAME, SecretBox
from refleum.llm.service import get_config
from refleum.llm.structured import run_structured


async def rotate_secret(
    session: AsyncSession, box: SecretBox, new_key: str | None
) -> tuple[str, int]:
    """Re-encrypts every stored provider key under a new primary key; returns (key, count).

    The caller commits, then stores the new key (the data-dir file, or the environment).
    """
    key = new_key or Fernet.generate_key().decode()
    rotated = box.with_new_primary(key)
    configs = await LLMConfigRepository.all_with_keys(session)
    for config in configs:
        config.api_key_encrypted = rotated.rotate(config.api_key_encrypted)
    return key, len(configs)


def replace_key_file(data_dir: Path, key: str) -> None:
    """Swaps the data-dir key file atomically; the old key is kept beside it as a backup."""
    path = Path(data_dir) / SECRET_FILE_NAME
    if path.exists():
        os.replace(path, path.with_name(SECRET_FILE_NAME + ".previous"))
    tmp = path.with_name(f".{SECRET_FILE_NAME}.new")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(key)
    os.replace(tmp, path)


class _Ping(BaseModel):
    ok: bool


@dataclass
class CheckResult:
    provider: str
    model: str
    latency_ms: float
    input_tokens: int
    output_tokens: int


async def check_provider(
    session: AsyncSession, org_id: str, box: SecretBox, *, allow_private: bool, timeout_s: float
) -> CheckResult:
    """One tiny real call with the org's configuration; raises the provider's exact error."""
    config = await get_config(session, org_id)
    if config.provider == "local":
        return CheckResult("local", "", 0.0, 0, 0)
    configured = org_model(config, box, allow_private=allow_private)
    started = time.perf_counter()
    try:
        result = await run_structured(
            configured.model,
            _Ping,
            system="Answer with JSON only.",
            prompt='Reply {"ok": true}.',
            timeout_s=timeout_s,
            max_attempts=1,
        )
    finally:
        await configured.aclose()
    return CheckResult(
        config.provider,
        config.model,
        (time.perf_counter() - started) * 1000,
        result.usage.input_tokens,
        result.usage.output_tokens,
    )
