"""Each API operation once, as data: the sync and async clients only send them."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Generic, TypeVar

import httpx

from refleum.client import models as m

T = TypeVar("T")
FileInput = str | os.PathLike[str] | bytes | IO[bytes]
PREFIX = "/api/v1"


@dataclass(frozen=True)
class Call(Generic[T]):
    method: str
    path: str
    parse: Callable[[httpx.Response], T]
    params: dict[str, Any] | None = None
    json: Any = None
    files: dict[str, Any] | None = None
    data: dict[str, str] | None = None
    headers: dict[str, str] = field(default_factory=dict)


def _data(model: type[T]) -> Callable[[httpx.Response], T]:
    return lambda response: model.model_validate(response.json()["data"])  # type: ignore[attr-defined]


def _page(model: type[T]) -> Callable[[httpx.Response], m.Page[T]]:
    return lambda response: m.Page[model].model_validate(response.json())  # type: ignore[valid-type]


def _bytes(response: httpx.Response) -> bytes:
    return response.content


def _text(response: httpx.Response) -> str:
    return response.text


def _read(file: FileInput, filename: str | None) -> tuple[str, bytes]:
    """The bytes are read once, so a retried upload sends them again."""
    if isinstance(file, bytes):
        content = file
    elif isinstance(file, str | os.PathLike):
        path = Path(file)
        return filename or path.name, path.read_bytes()
    else:
        content = file.read()
        filename = filename or Path(getattr(file, "name", "") or "").name or None
    # The server tells PDF from DOCX by content; the name only shows in listings.
    return filename or ("resume.pdf" if content.startswith(b"%PDF") else "resume.docx"), content


def _clean(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in values.items() if v is not None}


def upload_resume(file: FileInput, filename: str | None, set_as_master: bool | None) -> Call:
    name, content = _read(file, filename)
    form = {} if set_as_master is None else {"set_as_master": str(set_as_master).lower()}
    return Call(
        "POST", "/resumes", _data(m.ResumeSummary), files={"file": (name, content)}, data=form
    )


def list_resumes(limit: int, offset: int, include_master: bool | None) -> Call:
    params = _clean({"limit": limit, "offset": offset, "include_master": include_master})
    if "include_master" in params:
        params["include_master"] = str(include_master).lower()
    return Call("GET", "/resumes", _page(m.ResumeSummary), params=params)


def get_resume(resume_id: str) -> Call:
    return Call("GET", f"/resumes/{resume_id}", _data(m.ResumeOut))


def delete_resume(resume_id: str) -> Call:
    return Call("DELETE", f"/resumes/{resume_id}", _data(m.ResumeDeleted))


def retry_resume(resume_id: str) -> Call:
    return Call("POST", f"/resumes/{resume_id}/retry", _data(m.ResumeSummary))


def _tailor_body(
    job_description: str, strategy: str | None, output_language: str | None, generate_pdf: bool
) -> dict[str, Any]:
    return _clean(
        {
            "job_description": job_description,
            "strategy": strategy,
            "output_language": output_language,
            "generate_pdf": generate_pdf,
        }
    )


def tailor_resume(resume_id: str, *request: Any) -> Call:
    """``request``: job_description, strategy, output_language, generate_pdf."""
    body = _tailor_body(*request)
    return Call("POST", f"/resumes/{resume_id}/tailor", _data(m.TailorResponse), json=body)


RESPOND_ASYNC = {"Prefer": "respond-async"}


def start_tailor(resume_id: str, *request: Any) -> Call:
    """The same request answered 202 with a job instead of holding the connection."""
    body = _tailor_body(*request)
    path = f"/resumes/{resume_id}/tailor"
    return Call("POST", path, _data(m.Job), json=body, headers=dict(RESPOND_ASYNC))


def get_job(job_id: str) -> Call:
    return Call("GET", f"/jobs/{job_id}", _data(m.Job))


def get_resume_pdf(resume_id: str, template: str | None, page_size: str | None) -> Call:
    params = _clean({"template": template, "page_size": page_size})
    return Call("GET", f"/resumes/{resume_id}/pdf", _bytes, params=params)


def get_resume_docx(resume_id: str) -> Call:
    return Call("GET", f"/resumes/{resume_id}/docx", _bytes)


def get_resume_markdown(resume_id: str) -> Call:
    return Call("GET", f"/resumes/{resume_id}/markdown", _text)


_LETTERS = {"cover": ("cover-letters", m.CoverLetterOut), "outreach": ("outreach", m.OutreachOut)}


def generate_letter(kind: str, resume_id: str, body: dict[str, Any]) -> Call:
    segment, model = _LETTERS[kind]
    return Call("POST", f"/resumes/{resume_id}/{segment}", _data(model), json=_clean(body))


def list_letters(kind: str, resume_id: str, limit: int, offset: int) -> Call:
    segment, model = _LETTERS[kind]
    params = {"limit": limit, "offset": offset}
    return Call("GET", f"/resumes/{resume_id}/{segment}", _page(model), params=params)


def get_usage() -> Call:
    return Call("GET", "/usage", _data(m.MonthlyUsage))
