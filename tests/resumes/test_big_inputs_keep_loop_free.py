"""Finding 6: tailoring and exporting a resume at the size caps never stall the event loop.

While a big tailoring runs, /health is polled, and no single step of the event loop may
compute for long: measured in the loop thread's CPU time (tests/loop_cpu.py), which load
on the machine does not inflate as it does wall-clock answers. The old code computed
for 3.7 s in one step at the caps.
"""

from __future__ import annotations

import asyncio
import threading

import pytest
from tests.conftest import ADMIN_TOKEN
from tests.letters.samples import JD, RESUME, ready_resume
from tests.loop_cpu import loop_cpu_per_step

from refleum.config import Settings
from refleum.resume_caps import MAX_BULLETS, MAX_ENTRIES, cap_violations
from refleum.resume_data import ResumeData
from refleum.resumes import exports

# CPU seconds in one loop step; a normal step takes well under 10 ms.
LOOP_STEP_BOUND_S = 0.25
VERBS = ("Built", "Automated", "Presented", "Led", "Analysed", "Designed")
TOOLS = ("SQL", "Python", "Tableau", "Excel", "dashboards", "forecasts")


@pytest.fixture
def settings(db_url, tmp_path) -> Settings:
    # /health is polled every 20 ms here: the per-address limit must not answer for it.
    return Settings(
        database_url=db_url, data_dir=tmp_path, admin_token=ADMIN_TOKEN, public_rpm=100_000
    )


def at_caps() -> dict:
    """A resume at the entry and bullet caps, just under the total-characters cap."""
    jobs = [
        {
            **RESUME["workExperience"][0],
            "id": n + 1,
            "company": f"Company {n}",
            "description": [
                f"{VERBS[i % 6]} {TOOLS[(i + n) % 6]} reports for team {i}, saving {n} hours"
                for i in range(MAX_BULLETS)
            ],
        }
        for n in range(MAX_ENTRIES)
    ]
    data = {**RESUME, "workExperience": jobs}
    assert cap_violations(ResumeData.model_validate(data)) == []
    return data


async def big_resume(client, org) -> str:
    rid = await ready_resume(client, org)
    response = await client.patch(
        f"/api/v1/resumes/{rid}", headers=org.headers, json={"structuredData": at_caps()}
    )
    assert response.status_code == 200, response.text
    return rid


async def longest_loop_step_while(client, work) -> tuple[float, int, object]:
    """Runs ``work`` and polls /health until it is done: (the longest loop step in CPU
    seconds, how many /health answers came meanwhile, work's result)."""
    answers = 0
    with loop_cpu_per_step() as cpu:
        task = asyncio.create_task(work)
        while not task.done():
            assert (await client.get("/api/v1/health")).status_code == 200
            answers += 1
            await asyncio.sleep(0.02)
        result = await task
    return cpu.longest_step_s, answers, result


async def test_health_answers_while_an_at_cap_resume_is_tailored(client, org):
    rid = await big_resume(client, org)
    body = {"job_description": " ".join([JD] * 3), "strategy": "FULL"}
    longest, answers, response = await longest_loop_step_while(
        client, client.post(f"/api/v1/resumes/{rid}/tailor", headers=org.headers, json=body)
    )
    assert response.status_code == 201, response.text
    assert answers >= 1
    assert longest < LOOP_STEP_BOUND_S, f"one loop step computed {longest:.2f} s while tailoring"


@pytest.mark.parametrize("kind", ["docx", "markdown"])
async def test_exports_render_off_the_event_loop(client, org, monkeypatch, kind):
    """The export's CPU work runs in a worker thread, never on the loop's thread."""
    rid = await big_resume(client, org)
    renderer = getattr(exports, f"render_{kind}")
    threads: list[threading.Thread] = []

    def recording(*args, **kwargs):
        threads.append(threading.current_thread())
        return renderer(*args, **kwargs)

    monkeypatch.setattr(exports, f"render_{kind}", recording)
    response = await client.get(f"/api/v1/resumes/{rid}/{kind}", headers=org.headers)
    assert response.status_code == 200
    assert len(threads) == 1 and threads[0] is not threading.main_thread()
