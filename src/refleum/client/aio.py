"""The asynchronous client: the same methods as RefleumClient, awaited."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any, TypeVar

import httpx

from refleum.client import _operations as ops
from refleum.client import models as m
from refleum.client._base import (
    DEFAULT_TIMEOUT,
    BaseClient,
    job_finished,
    job_wait_timed_out,
    parse_finished,
    wait_timed_out,
)
from refleum.client.retries import RetryPolicy

T = TypeVar("T")


class AsyncRefleumClient(BaseClient):
    """`AsyncRefleumClient(api_key=…, base_url=…)`; use `async with` or `await aclose()`."""

    def __init__(
        self,
        api_key: str | None = None,
        base_url: str | None = None,
        *,
        max_attempts: int = 3,
        retry: RetryPolicy | None = None,
        idempotency_keys: bool = True,
        timeout: httpx.Timeout | float = DEFAULT_TIMEOUT,
        transport: httpx.AsyncBaseTransport | None = None,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        super().__init__(api_key, base_url, max_attempts, retry, idempotency_keys)
        self._http = httpx.AsyncClient(
            timeout=timeout, transport=transport, headers=self._headers()
        )
        self._sleep = sleep

    async def __aenter__(self) -> AsyncRefleumClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._http.aclose()

    async def _send(self, call: ops.Call[T]) -> T:
        args = self._request_args(call)
        attempt = 0
        while True:
            attempt += 1
            try:
                answer: Any = await self._http.request(**args)
            except httpx.TransportError as exc:
                answer = exc
            result, delay = self._outcome(call, args, attempt, answer)
            if delay is None:
                return result
            await self._sleep(delay)

    # Resumes

    async def upload_resume(
        self,
        file: ops.FileInput,
        *,
        filename: str | None = None,
        set_as_master: bool | None = None,
    ) -> m.ResumeSummary:
        """Upload a PDF or DOCX from a path, bytes or a binary file; parsing starts."""
        return await self._send(ops.upload_resume(file, filename, set_as_master))

    async def list_resumes(
        self, *, limit: int = 20, offset: int = 0, include_master: bool | None = None
    ) -> m.Page[m.ResumeSummary]:
        return await self._send(ops.list_resumes(limit, offset, include_master))

    async def iter_resumes(
        self, *, page_size: int = 100, include_master: bool | None = None
    ) -> AsyncIterator[m.ResumeSummary]:
        """Every resume, newest first, fetching one page at a time."""
        offset: int | None = 0
        while offset is not None:
            page = await self.list_resumes(
                limit=page_size, offset=offset, include_master=include_master
            )
            for resume in page.data:
                yield resume
            offset = page.next_offset

    async def get_resume(self, resume_id: str) -> m.ResumeOut:
        return await self._send(ops.get_resume(resume_id))

    async def delete_resume(self, resume_id: str) -> m.ResumeDeleted:
        return await self._send(ops.delete_resume(resume_id))

    async def retry_resume(self, resume_id: str) -> m.ResumeSummary:
        return await self._send(ops.retry_resume(resume_id))

    async def wait_until_parsed(
        self,
        resume_id: str,
        *,
        timeout: float = 120.0,  # noqa: ASYNC109 - the same signature as the sync client
        poll: float = 1.0,
        on_poll: Callable[[m.ResumeOut], None] | None = None,
    ) -> m.ResumeOut:
        """Poll until READY (returned); FAILED raises ParseFailedError, a timeout
        WaitTimeoutError."""
        deadline = time.monotonic() + timeout
        while True:
            resume = await self.get_resume(resume_id)
            if on_poll:
                on_poll(resume)
            if parse_finished(resume):
                return resume
            if time.monotonic() >= deadline:
                raise wait_timed_out(resume_id, timeout)
            await self._sleep(poll)

    # Tailoring and documents

    async def tailor(
        self,
        resume_id: str,
        job_description: str,
        *,
        strategy: str | None = None,
        output_language: str | None = None,
        generate_pdf: bool = False,
    ) -> m.TailorResponse:
        request = (job_description, strategy, output_language, generate_pdf)
        return await self._send(ops.tailor_resume(resume_id, *request))

    async def start_tailor(
        self,
        resume_id: str,
        job_description: str,
        *,
        strategy: str | None = None,
        output_language: str | None = None,
        generate_pdf: bool = False,
    ) -> m.Job:
        """`tailor` as an async request: 202 and a job at once (`wait_for_job` for the result)."""
        request = (job_description, strategy, output_language, generate_pdf)
        return await self._send(ops.start_tailor(resume_id, *request))

    async def get_job(self, job_id: str) -> m.Job:
        return await self._send(ops.get_job(job_id))

    async def wait_for_job(
        self,
        job_id: str,
        *,
        timeout: float = 300.0,  # noqa: ASYNC109 - the same signature as the sync client
        poll: float = 1.0,
    ) -> m.Job:
        """Poll until the job succeeded (returned, `result` holds the data); a failed job
        raises the error the synchronous call would have raised, a timeout WaitTimeoutError."""
        deadline = time.monotonic() + timeout
        while True:
            job = await self.get_job(job_id)
            if job_finished(job):
                return job
            if time.monotonic() >= deadline:
                raise job_wait_timed_out(job_id, timeout)
            await self._sleep(poll)

    async def download_pdf(
        self, resume_id: str, *, template: str | None = None, page_size: str | None = None
    ) -> bytes:
        return await self._send(ops.get_resume_pdf(resume_id, template, page_size))

    async def download_docx(self, resume_id: str) -> bytes:
        return await self._send(ops.get_resume_docx(resume_id))

    async def get_markdown(self, resume_id: str) -> str:
        return await self._send(ops.get_resume_markdown(resume_id))

    # Letters and usage

    async def generate_cover_letter(
        self,
        resume_id: str,
        job_description: str | None = None,
        *,
        output_language: str | None = None,
    ) -> m.CoverLetterOut:
        body = {"job_description": job_description, "output_language": output_language}
        return await self._send(ops.generate_letter("cover", resume_id, body))

    async def generate_outreach(
        self,
        resume_id: str,
        job_description: str | None = None,
        *,
        output_language: str | None = None,
    ) -> m.OutreachOut:
        body = {"job_description": job_description, "output_language": output_language}
        return await self._send(ops.generate_letter("outreach", resume_id, body))

    async def list_cover_letters(
        self, resume_id: str, *, limit: int = 20, offset: int = 0
    ) -> m.Page[m.CoverLetterOut]:
        return await self._send(ops.list_letters("cover", resume_id, limit, offset))

    async def list_outreach(
        self, resume_id: str, *, limit: int = 20, offset: int = 0
    ) -> m.Page[m.OutreachOut]:
        return await self._send(ops.list_letters("outreach", resume_id, limit, offset))

    async def get_usage(self) -> m.MonthlyUsage:
        return await self._send(ops.get_usage())
