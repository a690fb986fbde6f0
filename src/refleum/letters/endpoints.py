"""Cover-letter and outreach endpoints: HTTP only, one set of routes per kind.

No ``from __future__ import annotations`` here: the routes are built in a function per
kind, and FastAPI must see their real annotations.
"""

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import APIRouter, BackgroundTasks, Body, Depends, Header, Request

from refleum.config import SettingsDep
from refleum.db import SessionDep
from refleum.envelopes import (
    Envelope,
    ListEnvelope,
    PageLimit,
    PageMeta,
    PageOffset,
)
from refleum.jobs.accepted import PREFER_DESCRIPTION, JobOut, accepted, wants_async
from refleum.letters import jobs, service
from refleum.letters.docs import NAMES
from refleum.letters.engine_types import LetterEngine
from refleum.letters.engines import engine_for
from refleum.letters.kinds import Kind
from refleum.letters.models import Letter
from refleum.letters.schemas import (
    CoverLetterDeleted,
    CoverLetterOut,
    LetterRequest,
    OutreachDeleted,
    OutreachOut,
)
from refleum.limits.gating import Feature, require_plan
from refleum.llm.deps import SecretsDep
from refleum.llm.service import get_config
from refleum.orgs.deps import CurrentOrg
from refleum.orgs.models import Organization

router = APIRouter(prefix="/api/v1", tags=["letters"])

SHAPES = {Kind.COVER_LETTER: CoverLetterOut, Kind.OUTREACH: OutreachOut}
DELETED = {Kind.COVER_LETTER: CoverLetterDeleted, Kind.OUTREACH: OutreachDeleted}
PATHS = {Kind.COVER_LETTER: "cover-letters", Kind.OUTREACH: "outreach"}
FEATURES = {Kind.COVER_LETTER: Feature.COVER_LETTERS, Kind.OUTREACH: Feature.OUTREACH}
OptionalBody = Annotated[LetterRequest | None, Body()]
PreferHeader = Annotated[str | None, Header(description=PREFER_DESCRIPTION)]
ACCEPTED = {202: {"model": Envelope[JobOut], "description": "Accepted (`Prefer: respond-async`)"}}


async def letter_engine(
    org: CurrentOrg, session: SessionDep, settings: SettingsDep, secrets: SecretsDep
) -> AsyncIterator[LetterEngine]:
    """The organization's engine, closed after the request; tests may override it."""
    engine = engine_for(
        await get_config(session, org.id),
        secrets,
        allow_private=settings.llm_allow_private_base,
        timeout_s=settings.tailor_timeout_s,
    )
    try:
        yield engine
    finally:
        await engine.aclose()


EngineDep = Annotated[LetterEngine, Depends(letter_engine, scope="function")]


def _routes(kind: Kind) -> None:
    shape, base, name = SHAPES[kind], f"/resumes/{{id}}/{PATHS[kind]}", NAMES[kind]
    deleted = DELETED[kind]
    item = f"{base}/{{letter_id}}"
    PlanOrg = Annotated[Organization, Depends(require_plan(FEATURES[kind]))]

    def present(letter: Letter):
        return Envelope[shape](data=shape.of(letter))

    @router.get(
        base, response_model=ListEnvelope[shape], name=f"list_{kind}", operation_id=f"list{name}s"
    )
    async def list_letters(
        id: str,
        org: CurrentOrg,
        session: SessionDep,
        limit: PageLimit = 20,
        offset: PageOffset = 0,
    ):
        rows, total = await service.list_letters(
            session, org.id, id, kind, limit=limit, offset=offset
        )
        return ListEnvelope[shape](
            data=[shape.of(r) for r in rows], meta=PageMeta(limit=limit, offset=offset, total=total)
        )

    @router.post(
        base,
        status_code=201,
        response_model=Envelope[shape],
        name=f"generate_{kind}",
        operation_id=f"generate{name}",
        responses=ACCEPTED,
    )
    async def generate(
        id: str,
        org: PlanOrg,
        session: SessionDep,
        engine: EngineDep,
        http: Request,
        background: BackgroundTasks,
        body: OptionalBody = None,
        prefer: PreferHeader = None,
    ):
        request = body or LetterRequest()
        if wants_async(prefer, request.async_):
            job = await jobs.accept(session, org, id, kind, request, engine)
            background.add_task(http.app.state.api_jobs.wake)  # runs after the commit
            return accepted(job)
        return present(await service.generate(session, org, id, kind, request, engine))

    @router.get(item, response_model=Envelope[shape], name=f"get_{kind}", operation_id=f"get{name}")
    async def get_letter(id: str, letter_id: str, org: CurrentOrg, session: SessionDep):
        return present(await service.get_letter(session, org.id, id, kind, letter_id))

    @router.delete(
        item, response_model=Envelope[deleted], name=f"delete_{kind}", operation_id=f"delete{name}"
    )
    async def delete_letter(id: str, letter_id: str, org: CurrentOrg, session: SessionDep):
        await service.delete_letter(session, org.id, id, kind, letter_id)
        return Envelope[deleted](data=deleted(**{kind.id_field: letter_id}))

    @router.post(
        f"{item}/regenerate",
        response_model=Envelope[shape],
        name=f"regenerate_{kind}",
        operation_id=f"regenerate{name}",
    )
    async def regenerate(
        id: str,
        letter_id: str,
        org: PlanOrg,
        session: SessionDep,
        engine: EngineDep,
        body: OptionalBody = None,
    ):
        request = body or LetterRequest()
        return present(await service.regenerate(session, org, id, kind, letter_id, request, engine))


for _kind in Kind:
    _routes(_kind)
