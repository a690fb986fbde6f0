"""RenderPool: renders run off the event loop, bounded, with a deadline."""

from __future__ import annotations

import asyncio
import threading

import pytest

from refleum.documents.render import RenderFailed
from refleum.documents.render.pool import RenderPool
from refleum.resume_data import ResumeData

DATA = ResumeData.model_validate({"personalInfo": {"name": "Ada"}})


async def test_a_slow_render_does_not_stall_other_tasks():
    release = threading.Event()

    def slow_render(data, **opts):
        release.wait(10)  # blocks its thread, as a long WeasyPrint layout would
        return b"%PDF slow"

    pool = RenderPool(max_workers=2, render=slow_render)
    try:
        render = asyncio.create_task(pool.pdf(DATA))
        ticks = 0
        for _ in range(20):  # the loop keeps running other coroutines meanwhile
            await asyncio.sleep(0)
            ticks += 1
        assert ticks == 20 and not render.done()
        release.set()
        assert await render == b"%PDF slow"
    finally:
        release.set()
        pool.close()


async def test_at_most_max_workers_render_at_once():
    running, peak, lock = 0, 0, threading.Lock()
    gate = threading.Event()
    loop, two_running = asyncio.get_running_loop(), asyncio.Event()

    def counting_render(data, **opts):
        nonlocal running, peak
        with lock:
            running += 1
            peak = max(peak, running)
            if running == 2:
                loop.call_soon_threadsafe(two_running.set)
        gate.wait(10)
        with lock:
            running -= 1
        return b"%PDF"

    pool = RenderPool(max_workers=2, render=counting_render)
    try:
        jobs = [asyncio.create_task(pool.pdf(DATA)) for _ in range(5)]
        await asyncio.wait_for(two_running.wait(), 10)
        await asyncio.sleep(0.01)  # give a third thread, were there one, the chance to start
        gate.set()
        assert await asyncio.gather(*jobs) == [b"%PDF"] * 5
        assert peak == 2
    finally:
        gate.set()
        pool.close()


async def test_a_render_past_its_deadline_raises_render_failed():
    release = threading.Event()
    pool = RenderPool(
        max_workers=1, timeout_s=0.05, render=lambda data, **opts: release.wait(10) and b""
    )
    try:
        with pytest.raises(RenderFailed, match="longer than 0.05 s"):
            await pool.pdf(DATA)
    finally:
        release.set()
        pool.close()


async def test_the_default_render_produces_a_pdf():
    pool = RenderPool()
    try:
        assert (await pool.pdf(DATA, template="modern", page_size="Letter")).startswith(b"%PDF")
    finally:
        pool.close()
