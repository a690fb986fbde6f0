"""Rate-limiter overhead per request: no limits vs in-process memory vs Redis.

The same authenticated GET /api/v1/resumes, served by uvicorn exactly as `refleum serve`
does, three times over one database; only the limiter changes. The org is Enterprise with
a limit far above the load, so every request is counted and none is refused. Driven by wrk
as bench_api is (a Python client would be the bottleneck), with the server's CPU time per
request, which moves far less than req/s on a shared machine.
"""

from __future__ import annotations

import asyncio
import os
import tempfile
import time
import uuid

import redis

from bench import wrk
from bench.bench_api import CONNECTIONS, _drive, _line
from bench.common import bench_org, uvicorn_server
from refleum.config import Settings
from refleum.limits.rate_limiter import RequestLimiter

REDIS_URL = os.environ.get("REFLEUM_BENCH_REDIS_URL", "redis://127.0.0.1:6379/0")


def _measure(env: dict[str, str], headers: dict[str, str]) -> dict[int, tuple]:
    """{connections: (wrk result, server CPU share of one core)}."""
    with uvicorn_server("refleum.app:create_app", env) as base:
        return _drive(base, f"{base}/api/v1/resumes", headers)


def _cpu_per_request_us(result: wrk.WrkResult, server_cpu: float) -> float:
    return server_cpu * result.wall_s / max(result.requests, 1) * 1e6


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
    if not wrk.available():
        print(f"SKIP bench_limits: {wrk.INSTALL_HINT}")
        return
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
    print("GET /api/v1/resumes (authenticated), by limiter:")
    for name, by_connections in results.items():
        for connections in CONNECTIONS:
            print(_line(name[:8], connections, *by_connections[connections]))
    base = results["no limits"]
    for name in ("memory", "redis"):
        for connections in CONNECTIONS:
            result, cpu = results[name][connections]
            base_result, base_cpu = base[connections]
            extra = _cpu_per_request_us(result, cpu) - _cpu_per_request_us(base_result, base_cpu)
            print(
                f"{name:6s} vs no limits, c={connections}: throughput "
                f"{result.rps / base_result.rps:.2f}x, server CPU {extra:+.0f} us/request"
            )
