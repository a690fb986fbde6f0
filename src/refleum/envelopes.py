"""The response envelopes of the public contract, as models so OpenAPI shows them, and
the shape of the words the OpenAPI document says about each operation."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any, Generic, TypeVar

from fastapi import Query
from pydantic import BaseModel

T = TypeVar("T")

# Bounded so no page request can overflow the database's 64-bit OFFSET (a 500 before);
# no organization holds anywhere near this many records of one kind.
MAX_PAGE_SIZE = 100
MAX_OFFSET = 1_000_000

PageLimit = Annotated[
    int, Query(ge=1, le=MAX_PAGE_SIZE, description=f"Page size, 1–{MAX_PAGE_SIZE}.")
]
PageOffset = Annotated[
    int,
    Query(ge=0, le=MAX_OFFSET, description=f"Records to skip, 0–{MAX_OFFSET:,}."),
]


class Envelope(BaseModel, Generic[T]):
    data: T


class PageMeta(BaseModel):
    limit: int
    offset: int
    total: int


class ListEnvelope(BaseModel, Generic[T]):
    data: list[T]
    meta: PageMeta


@dataclass(frozen=True)
class OperationDoc:
    """What the published schema says about one operation, for the people calling it.

    Each domain keeps its operations' docs in its ``docs.py``, keyed by operationId;
    openapi_schema.py puts them into the document (summary, description, examples).
    """

    summary: str
    description: str
    request_example: dict[str, Any] | None = None
    response_example: dict[str, Any] | None = None
