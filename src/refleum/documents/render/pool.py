"""Renders PDFs off the event loop, a bounded number at a time, each with a deadline.

Threads, not processes: WeasyPrint's layout is mostly Python, but the interpreter hands
the GIL back every few milliseconds, so the loop keeps answering other requests; and
tests can swap the render function in-process. A render past its deadline
answers RenderFailed at once; its thread finishes in the background (Python threads
cannot be killed) but the pool never runs more than ``max_workers`` renders.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from refleum.documents.render import pdf as pdf_module
from refleum.documents.render.errors import RenderFailed
from refleum.resume_data import ResumeData

DEFAULT_TIMEOUT_S = 60.0


class RenderPool:
    def __init__(
        self,
        max_workers: int = 2,
        *,
        timeout_s: float = DEFAULT_TIMEOUT_S,
        render: Callable[..., bytes] | None = None,
    ):
        self.timeout_s = timeout_s
        # None: look render_pdf up at call time, so a monkeypatched module is honoured.
        self.render = render
        self.calls = 0
        self._executor = ThreadPoolExecutor(
            max_workers=max_workers, thread_name_prefix="refleum-render"
        )

    async def pdf(self, data: ResumeData, **opts) -> bytes:
        render = self.render or pdf_module.render_pdf
        self.calls += 1
        loop = asyncio.get_running_loop()
        job = loop.run_in_executor(self._executor, functools.partial(render, data, **opts))
        try:
            return await asyncio.wait_for(job, self.timeout_s)
        except TimeoutError:
            raise RenderFailed(f"PDF rendering took longer than {self.timeout_s:g} s") from None

    def close(self) -> None:
        # Queued renders are dropped; a running one is left to finish in its thread.
        self._executor.shutdown(wait=False, cancel_futures=True)
