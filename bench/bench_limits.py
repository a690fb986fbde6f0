"""Rate-limiter overhead per request: no limits vs in-process memory vs Redis.

The same authenticated GET /api/v1/resumes, served by uvicorn exactly as `refleum serve`
does, three times over one database; only the limiter changes. The org is Enterprise with
a limit far above the load, so every request is counted and none is refused.
"""

from __future__ import annotations

import asyncio
import os
import tempfile
import time
import uuid

import redis

from bench.bench_api import _report
from bench.common import bench_org, load, uvicorn_server
from refleum.config import Settings
from refleum.limits.rate_limiter import RequestLimiter

REDIS_URL = os.environ.get("REFLEUM_BENCH_REDIS_URL", "redis://127.0.0.1:6379/0")


def _measure(env: dict[str, str], headers: dict[str, str]) -> dict[str, float]:
    with uvicorn_server("refleum.app:create_app", env) as base:
        return load(f"{base}/api/v1/resumes", headers)


async def _hit_cost_us(limiter: RequestLimiter, hits: int = 3000) -> float:
    """The limiter alone, sequential calls: what one request pays, free of HTTP noise."""
    await limiter.hit("bench", "warm-up", 10**9)
    started = time.perf_counter()
    for _ in range(hits):
        await limiter.hit("bench", "org_bench", 10**9)
    elapsed = time.perf_counter() - started
    await limiter.close()
    return elapsed / hits * 1e6


def _limiter_alone(prefix: str) -> None:
    memory = asyncio.run(_hit_cost_us(RequestLimiter.from_settings(Settings())))
    shared = asyncio.run(
        _hit_cost_us(
            RequestLimiter.from_settings(Settings(redis_url=REDIS_URL, redis_key_prefix=prefix))
        )
    )
    print(f"limiter alone, per request: memory {memory:7.1f} us   redis {shared:7.1f} us")


def main() -> None:
    prefix = f"refleum-bench-{uuid.uuid4().hex[:8]}"
    with tempfile.TemporaryDirectory() as data_dir:
        # The load comes from one address: only the org's limit is measured here.
        env = {
            "REFLEUM_DATA_DIR": data_dir,
            "REFLEUM_LOG_LEVEL": "WARNING",
            "REFLEUM_ADDRESS_RPM": "1000000",
        }
        _, headers = bench_org(env, rpm=1_000_000)
        results = {
            "no limits": _measure({**env, "REFLEUM_RATE_LIMITS_ENABLED": "false"}, headers),
            "memory": _measure(env, headers),
            "redis": _measure(
                {**env, "REFLEUM_REDIS_URL": REDIS_URL, "REFLEUM_REDIS_KEY_PREFIX": prefix}, headers
            ),
        }
    _limiter_alone(prefix)
    client = redis.Redis.from_url(REDIS_URL)
    for stale in client.scan_iter(f"{prefix}*"):
        client.delete(stale)
    client.close()
    base = results["no limits"]
    for name, figures in results.items():
        _report(f"GET /resumes (auth), limits: {name}", figures)
    for name in ("memory", "redis"):
        figures = results[name]
        extra_ms = figures["p50"] - base["p50"]
        print(
            f"{name:6s} vs no limits: throughput {figures['rps'] / base['rps']:.2f}x, "
            f"p50 latency {figures['p50'] / base['p50']:.2f}x ({extra_ms:+.2f} ms/request)"
        )
