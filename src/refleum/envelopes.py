"""The response envelopes of the public contract, as models so OpenAPI shows them."""

from __future__ import annotations

from typing import Generic, TypeVar

from pydantic import BaseModel

T = TypeVar("T")


class Envelope(BaseModel, Generic[T]):
    data: T


class PageMeta(BaseModel):
    limit: int
    offset: int
    total: int


class ListEnvelope(BaseModel, Generic[T]):
    data: list[T]
    meta: PageMeta


class ErrorBody(BaseModel):
    error: str
    detail: str | None = None


def error_responses(*statuses: int) -> dict[int | str, dict]:
    """OpenAPI `responses=` entries documenting the error envelope for these statuses."""
    return {status: {"model": ErrorBody} for status in statuses}
