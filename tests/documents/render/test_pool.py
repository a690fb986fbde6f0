"""RenderPool: renders run in worker processes, bounded, fair between organizations,
coalesced per key, and killed at their deadline."""

from __future__ import annotations

import asyncio
import os
import time
from functools import partial

import pytest
from tests.documents.render import fake_renders
from tests.documents.render.fake_renders import intervals, peak_overlap

from refleum.documents.render import RenderFailed
from refleum.documents.render.pool import RenderPool
from refleum.resume_data import ResumeData

DATA = ResumeData.model_validate({"personalInfo": {"name": "Ada"}})


def named(name: str) -> ResumeData:
    return ResumeData.model_validate({"personalInfo": {"name": name}})


def gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


async def test_a_slow_render_does_not_stall_other_tasks():
    pool = RenderPool(max_workers=2, render=partial(fake_renders.sleep_then_render, 1.0))
    try:
        render = asyncio.create_task(pool.pdf(DATA))
        ticks = 0
        for _ in range(20):  # the loop keeps running other coroutines meanwhile
            await asyncio.sleep(0)
            ticks += 1
        assert ticks == 20 and not render.done()
        assert (await render).startswith(b"%PDF")
    finally:
        pool.close()


async def test_at_most_max_workers_render_at_once(tmp_path):
    log = tmp_path / "renders.log"
    pool = RenderPool(max_workers=2, render=partial(fake_renders.logged, str(log)))
    try:
        results = await asyncio.gather(*(pool.pdf(named("sleep 0.5")) for _ in range(5)))
        assert results == [b"%PDF sleep 0.5"] * 5
        assert len(intervals(log)) == 5
        assert peak_overlap(intervals(log)) == 2
    finally:
        pool.close()


async def test_concurrent_requests_for_one_key_share_one_render(tmp_path):
    log = tmp_path / "renders.log"
    pool = RenderPool(max_workers=2, render=partial(fake_renders.logged, str(log)))
    try:
        same = [pool.pdf(named("sleep 1"), key=("res_1", 2, "classic", "A4")) for _ in range(4)]
        assert await asyncio.gather(*same) == [b"%PDF sleep 1"] * 4
        assert pool.calls == 1 and len(intervals(log)) == 1
        # Once it is done, the key renders again (the caller's cache answers repeats), and
        # another key is another render.
        await pool.pdf(named("again"), key=("res_1", 2, "classic", "A4"))
        await pool.pdf(named("other"), key=("res_1", 2, "modern", "A4"))
        assert pool.calls == 3
    finally:
        pool.close()


async def test_a_render_past_its_deadline_is_killed_and_frees_its_slot(tmp_path):
    pid_file = tmp_path / "pid"
    pool = RenderPool(
        max_workers=1, timeout_s=1.0, render=partial(fake_renders.hang, str(pid_file))
    )
    try:
        with pytest.raises(RenderFailed, match="longer than 1 s"):
            await pool.pdf(DATA, org_id="org_a")
        pid = int(pid_file.read_text())
        assert pid != os.getpid()  # it ran in a worker process…
        assert gone(pid)  # …which is killed and reaped: nothing keeps burning CPU
        # The one slot is free again: the next render runs (in the replacement process).
        pool.render = partial(fake_renders.sleep_then_render, 0)
        assert (await pool.pdf(DATA, org_id="org_a")).startswith(b"%PDF")
    finally:
        pool.close()


async def test_one_org_flooding_big_renders_does_not_starve_another(tmp_path):
    log = tmp_path / "renders.log"
    pool = RenderPool(max_workers=2, timeout_s=60, render=partial(fake_renders.logged, str(log)))
    try:
        flood = [
            asyncio.create_task(pool.pdf(named("sleep 20"), key=("a", n), org_id="org_a"))
            for n in range(4)
        ]
        await asyncio.sleep(0.2)  # org A's renders are queued and running first
        started = time.monotonic()
        small = await pool.pdf(named("quick"), key=("b", 1), org_id="org_b")
        waited = time.monotonic() - started
        assert small == b"%PDF quick"
        # Org B did not wait for any of A's 20-second renders (its worker's start-up counts,
        # hence the generous bound), and A holds one renderer, not both.
        assert waited < 15 and not any(task.done() for task in flood)
        assert pool.per_org == 1 and [name for _, _, name in intervals(log)] == ["quick"]
    finally:
        pool.close()
        await asyncio.gather(*flood, return_exceptions=True)


async def test_failures_in_the_worker_answer_render_failed():
    pool = RenderPool(max_workers=1, render=fake_renders.broken)
    try:
        with pytest.raises(RenderFailed, match="U\\+592A"):
            await pool.pdf(DATA)
        pool.render = partial(fake_renders.sleep_then_render, 0)
        assert (await pool.pdf(DATA)).startswith(b"%PDF")  # the worker survived it
    finally:
        pool.close()


async def test_close_stops_every_worker_process(tmp_path):
    pid_file = tmp_path / "pid"
    pool = RenderPool(max_workers=1, render=partial(fake_renders.hang, str(pid_file)))
    render = asyncio.create_task(pool.pdf(DATA))
    for _ in range(200):
        if pid_file.exists() and pid_file.read_text():
            break
        await asyncio.sleep(0.1)
    pool.close()
    with pytest.raises(RenderFailed):
        await render
    pid = int(pid_file.read_text())
    for _ in range(50):  # the waiting thread reaps it right after the kill
        if gone(pid):
            break
        await asyncio.sleep(0.1)
    assert gone(pid)


async def test_the_default_render_produces_a_pdf():
    pool = RenderPool()
    try:
        assert (await pool.pdf(DATA, template="modern", page_size="Letter")).startswith(b"%PDF")
    finally:
        pool.close()
