"""PDF rendering under load, through a real server (issue #11, findings 2 and 6):

1. /health p50/p99 idle (baseline), then while 4 big (at-cap) /pdf renders run at once;
2. a normal resume's uncached PDF for org B while org A floods big renders;
3. 4 concurrent requests for one big PDF: one render, all answered together.
"""

from __future__ import annotations

import asyncio
import tempfile
import time

import httpx

from bench.bench_render import _ready_resume
from bench.common import bench_org, percentile, unlimited_env, uvicorn_server
from refleum.resume_caps import MAX_BULLETS, MAX_ENTRIES
from refleum.resume_data import ResumeData

BIG_RENDERS = 4
FAILED: list[str] = []
LAYOUTS = [(t, p) for t in ("classic", "modern") for p in ("A4", "Letter")]
NORMAL = {
    "personalInfo": {"name": "Ana Souza", "title": "Data Analyst", "email": "ana@example.com"},
    "summary": "Data analyst who turns messy operational data into decisions.",
    "workExperience": [
        {
            "id": n,
            "title": "Data Analyst",
            "company": f"Company {n}",
            "years": "2019 – 2021",
            "description": [
                f"Built dashboards and automated SQL reports, batch {i}" for i in range(4)
            ],
        }
        for n in range(3)
    ],
    "additional": {"technicalSkills": ["SQL", "Python", "Tableau"]},
}


def at_caps(seed: int) -> ResumeData:
    jobs = [
        {
            "id": n + 1,
            "title": "Engineer",
            "company": f"Company {seed}-{n}",
            "description": [
                f"Built SQL reports for team {i}, saving {n} hours a week"
                for i in range(MAX_BULLETS)
            ],
        }
        for n in range(MAX_ENTRIES)
    ]
    return ResumeData.model_validate(
        {"personalInfo": {"name": f"Big {seed}"}, "workExperience": jobs}
    )


def _ms(values: list[float]) -> str:
    ms = [v * 1000 for v in values]
    return f"p50 {percentile(ms, 50):8.1f} ms  p99 {percentile(ms, 99):8.1f} ms  n={len(ms)}"


async def _health_until(client: httpx.AsyncClient, base: str, done: asyncio.Future) -> list[float]:
    samples = []
    while not done.done():
        started = time.perf_counter()
        (await client.get(f"{base}/api/v1/health")).raise_for_status()
        samples.append(time.perf_counter() - started)
        await asyncio.sleep(0.05)
    return samples


async def _get_pdf(client, url: str, headers: dict, **params) -> float:
    """Seconds to the answer; a 503 (deadline or no free renderer) is counted in FAILED."""
    started = time.perf_counter()
    response = await client.get(url, headers=headers, params=params)
    if response.status_code == 503:
        FAILED.append(url)
    else:
        response.raise_for_status()
    return time.perf_counter() - started


async def _scenarios(base: str, a_headers: dict, big_ids: list[str], b_headers, b_id: str) -> None:
    async with httpx.AsyncClient(timeout=300) as client:
        idle = []
        for _ in range(200):
            started = time.perf_counter()
            (await client.get(f"{base}/api/v1/health")).raise_for_status()
            idle.append(time.perf_counter() - started)
        print(f"/health idle                         {_ms(idle)}")

        renders = asyncio.gather(
            *(_get_pdf(client, f"{base}/api/v1/resumes/{rid}/pdf", a_headers) for rid in big_ids)
        )
        busy = await _health_until(client, base, renders)
        big = await renders
        print(f"/health during {BIG_RENDERS} big /pdf renders     {_ms(busy)}")
        print(
            f"big /pdf (org A, {BIG_RENDERS} at once)          {_ms(big)}  "
            f"(one org: one renderer; 503: {len(FAILED)})"
        )

        flood = asyncio.gather(
            *(
                _get_pdf(client, f"{base}/api/v1/resumes/{rid}/pdf", a_headers, page_size="Letter")
                for rid in big_ids
            )
        )
        await asyncio.sleep(0.5)
        normal = []
        for template, page_size in LAYOUTS:  # each layout is an uncached render
            url = f"{base}/api/v1/resumes/{b_id}/pdf"
            normal.append(
                await _get_pdf(client, url, b_headers, template=template, page_size=page_size)
            )
        still = not flood.done()
        print(f"org B normal /pdf while A floods     {_ms(normal)}  (A still rendering: {still})")
        await flood

        url = f"{base}/api/v1/resumes/{big_ids[0]}/pdf"
        together = await asyncio.gather(
            *(_get_pdf(client, url, a_headers, template="modern") for _ in range(4))
        )
        print(f"4 concurrent GETs of one big PDF     {_ms(together)}  (coalesced: one render)")


def main() -> None:
    with tempfile.TemporaryDirectory() as data_dir:
        env = unlimited_env(data_dir)
        _, a_headers = bench_org(env)
        _, b_headers = bench_org(env)
        with uvicorn_server("refleum.app:create_app", env) as base:
            big_ids = [_ready_resume(base, a_headers, at_caps(n)) for n in range(BIG_RENDERS)]
            b_id = _ready_resume(base, b_headers, ResumeData.model_validate(NORMAL))
            asyncio.run(_scenarios(base, a_headers, big_ids, b_headers, b_id))


if __name__ == "__main__":
    main()
