"""The synchronous client."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
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


class RefleumClient(BaseClient):
    """`RefleumClient(api_key=…, base_url=…)`; both default to REFLEUM_API_KEY / _BASE_URL."""

    def __init__(
        self,
        api_key: str | None = None,
        base_url: str | None = None,
        *,
        max_attempts: int = 3,
        retry: RetryPolicy | None = None,
        idempotency_keys: bool = True,
        timeout: httpx.Timeout | float = DEFAULT_TIMEOUT,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        super().__init__(api_key, base_url, max_attempts, retry, idempotency_keys)
        self._http = httpx.Client(timeout=timeout, transport=transport, headers=self._headers())
        self._sleep = sleep

    def __enter__(self) -> RefleumClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._http.close()

    def _send(self, call: ops.Call[T]) -> T:
        args = self._request_args(call)
        attempt = 0
        while True:
            attempt += 1
            try:
                answer: Any = self._http.request(**args)
            except httpx.TransportError as exc:
                answer = exc
            result, delay = self._outcome(call, args, attempt, answer)
            if delay is None:
                return result
            self._sleep(delay)

    # Resumes

    def upload_resume(
        self,
        file: ops.FileInput,
        *,
        filename: str | None = None,
        set_as_master: bool | None = None,
    ) -> m.ResumeSummary:
        """Upload a PDF or DOCX from a path, bytes or a binary file; parsing starts."""
        return self._send(ops.upload_resume(file, filename, set_as_master))

    def list_resumes(
        self, *, limit: int = 20, offset: int = 0, include_master: bool | None = None
    ) -> m.Page[m.ResumeSummary]:
        return self._send(ops.list_resumes(limit, offset, include_master))

    def iter_resumes(
        self, *, page_size: int = 100, include_master: bool | None = None
    ) -> Iterator[m.ResumeSummary]:
        """Every resume, newest first, fetching one page at a time."""
        offset: int | None = 0
        while offset is not None:
            page = self.list_resumes(limit=page_size, offset=offset, include_master=include_master)
            yield from page.data
            offset = page.next_offset

    def get_resume(self, resume_id: str) -> m.ResumeOut:
        return self._send(ops.get_resume(resume_id))

    def delete_resume(self, resume_id: str) -> m.ResumeDeleted:
        return self._send(ops.delete_resume(resume_id))

    def retry_resume(self, resume_id: str) -> m.ResumeSummary:
        return self._send(ops.retry_resume(resume_id))

    def wait_until_parsed(
        self,
        resume_id: str,
        *,
        timeout: float = 120.0,
        poll: float = 1.0,
        on_poll: Callable[[m.ResumeOut], None] | None = None,
    ) -> m.ResumeOut:
        """Poll until READY (returned); FAILED raises ParseFailedError, a timeout
        WaitTimeoutError."""
        deadline = time.monotonic() + timeout
        while True:
            resume = self.get_resume(resume_id)
            if on_poll:
                on_poll(resume)
            if parse_finished(resume):
                return resume
            if time.monotonic() >= deadline:
                raise wait_timed_out(resume_id, timeout)
            self._sleep(poll)

    # Tailoring and documents

    def tailor(
        self,
        resume_id: str,
        job_description: str,
        *,
        strategy: str | None = None,
        output_language: str | None = None,
        generate_pdf: bool = False,
    ) -> m.TailorResponse:
        request = (job_description, strategy, output_language, generate_pdf)
        return self._send(ops.tailor_resume(resume_id, *request))

    def start_tailor(
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
        return self._send(ops.start_tailor(resume_id, *request))

    def get_job(self, job_id: str) -> m.Job:
        return self._send(ops.get_job(job_id))

    def wait_for_job(
        self,
        job_id: str,
        *,
        timeout: float = 300.0,
        poll: float = 1.0,
    ) -> m.Job:
        """Poll until the job succeeded (returned, `result` holds the data); a failed job
        raises the error the synchronous call would have raised, a timeout WaitTimeoutError."""
        deadline = time.monotonic() + timeout
        while True:
            job = self.get_job(job_id)
            if job_finished(job):
                return job
            if time.monotonic() >= deadline:
                raise job_wait_timed_out(job_id, timeout)
            self._sleep(poll)

    def download_pdf(
        self, resume_id: str, *, template: str | None = None, page_size: str | None = None
    ) -> bytes:
        return self._send(ops.get_resume_pdf(resume_id, template, page_size))

    def download_docx(self, resume_id: str) -> bytes:
        return self._send(ops.get_resume_docx(resume_id))

    def get_markdown(self, resume_id: str) -> str:
        return self._send(ops.get_resume_markdown(resume_id))

    # Letters and usage

    def generate_cover_letter(
        self,
        resume_id: str,
        job_description: str | None = None,
        *,
        output_language: str | None = None,
    ) -> m.CoverLetterOut:
        body = {"job_description": job_description, "output_language": output_language}
        return self._send(ops.generate_letter("cover", resume_id, body))

    def generate_outreach(
        self,
        resume_id: str,
        job_description: str | None = None,
        *,
        output_language: str | None = None,
    ) -> m.OutreachOut:
        body = {"job_description": job_description, "output_language": output_language}
        return self._send(ops.generate_letter("outreach", resume_id, body))

    def list_cover_letters(
        self, resume_id: str, *, limit: int = 20, offset: int = 0
    ) -> m.Page[m.CoverLetterOut]:
        return self._send(ops.list_letters("cover", resume_id, limit, offset))

    def list_outreach(
        self, resume_id: str, *, limit: int = 20, offset: int = 0
    ) -> m.Page[m.OutreachOut]:
        return self._send(ops.list_letters("outreach", resume_id, limit, offset))

    def get_usage(self) -> m.MonthlyUsage:
        return self._send(ops.get_usage())
