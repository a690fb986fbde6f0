"""Renders PDFs in worker processes: bounded, fair between organizations, shared by
concurrent requests for the same document, and killed at their deadline.

- At most ``max_workers`` renders run at once, each in its own RenderWorker process.
- One organization holds at most ``per_org`` of them (default: all but one), so a tenant
  flooding big renders leaves a renderer for everyone else.
- Requests with the same ``key`` (resume, content version, layout) while a render of it
  runs wait for that render instead of starting another.
- A render past ``timeout_s`` has its process killed at once (RenderFailed); a fresh
  process takes its place. Waiting for a free renderer is bounded by ``timeout_s`` too.

``render`` must be a module-level function (or a functools.partial of one): it is sent
to the worker process by reference. Tests inject slow or failing renders that way.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable, Hashable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from refleum.documents.render.errors import RenderFailed
from refleum.documents.render.pdf import render_pdf
from refleum.documents.render.worker import RenderWorker
from refleum.resume_data import ResumeData

DEFAULT_TIMEOUT_S = 60.0


@dataclass
class _OrgSlots:
    semaphore: asyncio.Semaphore
    users: int = 0


class RenderPool:
    def __init__(
        self,
        max_workers: int = 2,
        *,
        timeout_s: float = DEFAULT_TIMEOUT_S,
        per_org: int | None = None,
        render: Callable[..., bytes] | None = None,
    ):
        self.max_workers = max_workers
        self.per_org = per_org or max(1, max_workers - 1)
        self.timeout_s = timeout_s
        self.render = render or render_pdf
        self.calls = 0  # renders started (a coalesced request starts none)
        self._slots = asyncio.Semaphore(max_workers)
        self._orgs: dict[str, _OrgSlots] = {}
        self._inflight: dict[Hashable, asyncio.Future[bytes]] = {}
        self._idle: list[RenderWorker] = []
        self._busy: set[RenderWorker] = set()
        # Threads only wait on a worker's pipe; the rendering happens in the processes.
        self._waiters = ThreadPoolExecutor(max_workers, thread_name_prefix="refleum-render")
        self._closed = False

    async def pdf(
        self, data: ResumeData, *, key: Hashable | None = None, org_id: str | None = None, **opts
    ) -> bytes:
        """The PDF of ``data``; ``org_id`` is whose render it is (None: no per-org share)."""
        if key is None:
            return await self._render(data, org_id, opts)
        shared = self._inflight.get(key)
        if shared is None:
            shared = asyncio.ensure_future(self._render(data, org_id, opts))
            self._inflight[key] = shared
            shared.add_done_callback(functools.partial(self._forget, key))
        # Shielded: a client that goes away does not cancel a render others wait for.
        return await asyncio.shield(shared)

    def _forget(self, key: Hashable, done: asyncio.Future[bytes]) -> None:
        if self._inflight.get(key) is done:
            del self._inflight[key]
        if not done.cancelled():
            done.exception()  # retrieved here, so an unawaited failure is not logged as lost

    async def _render(self, data: ResumeData, org_id: str | None, opts: dict) -> bytes:
        try:
            async with asyncio.timeout(self.timeout_s):
                await self._acquire(org_id)
        except TimeoutError:
            raise RenderFailed(
                f"no renderer became free within {self.timeout_s:g} s; try again shortly"
            ) from None
        try:
            self.calls += 1
            return await self._run_in_worker(data, opts)
        finally:
            self._release(org_id)

    async def _run_in_worker(self, data: ResumeData, opts: dict) -> bytes:
        loop = asyncio.get_running_loop()
        worker = self._idle_worker()
        if worker is None:
            # Starting a process blocks (the forkserver's own first start imports for seconds).
            spawn = loop.run_in_executor(self._waiters, RenderWorker)
            try:
                worker = await asyncio.shield(spawn)
            except asyncio.CancelledError:
                spawn.add_done_callback(self._adopt)  # kept for the next render, not leaked
                raise
        self._busy.add(worker)
        job = loop.run_in_executor(
            self._waiters, worker.run, self.render, data, opts, self.timeout_s
        )
        try:
            return await job
        except asyncio.CancelledError:
            worker.stop()  # nobody waits for this render any more: free its core now
            raise
        finally:
            self._give_back(worker)

    def _idle_worker(self) -> RenderWorker | None:
        while self._idle:
            worker = self._idle.pop()
            if worker.alive():
                return worker
            worker.kill()
        return None

    def _give_back(self, worker: RenderWorker) -> None:
        self._busy.discard(worker)
        if self._closed:
            worker.stop()
        elif worker.alive():
            self._idle.append(worker)
        else:  # killed at its deadline (or crashed): start its replacement warming up now
            spawn = asyncio.get_running_loop().run_in_executor(self._waiters, RenderWorker)
            spawn.add_done_callback(self._adopt)

    def _adopt(self, spawn: asyncio.Future[RenderWorker]) -> None:
        if spawn.cancelled() or spawn.exception() is not None:
            return  # the next render starts a process itself
        worker = spawn.result()
        if self._closed:
            worker.kill()
        else:
            self._idle.append(worker)

    async def _acquire(self, org_id: str | None) -> None:
        if org_id is None:
            await self._slots.acquire()
            return
        org = self._orgs.setdefault(org_id, _OrgSlots(asyncio.Semaphore(self.per_org)))
        org.users += 1
        try:
            # The org's own share first: its queued renders then wait behind each other,
            # not in front of other organizations' renders for the shared slots.
            await org.semaphore.acquire()
            try:
                await self._slots.acquire()
            except BaseException:
                org.semaphore.release()
                raise
        except BaseException:
            self._leave(org_id, org)
            raise

    def _release(self, org_id: str | None) -> None:
        self._slots.release()
        if org_id is not None:
            org = self._orgs[org_id]
            org.semaphore.release()
            self._leave(org_id, org)

    def _leave(self, org_id: str, org: _OrgSlots) -> None:
        org.users -= 1
        if org.users == 0:
            del self._orgs[org_id]

    def close(self) -> None:
        """Stop every worker process, idle or rendering; waiting renders fail."""
        self._closed = True
        for shared in list(self._inflight.values()):
            shared.cancel()  # queued ones stop waiting; running ones stop their worker
        for worker in [*self._idle, *self._busy]:
            worker.stop()
        for worker in self._idle:
            worker.kill()
        self._idle.clear()
        self._waiters.shutdown(wait=False, cancel_futures=True)
