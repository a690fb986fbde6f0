"""An organization's dashboard content made through the services: a master resume, a
tailored child, one letter of each kind and a named key."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from tests.letters.samples import RESUME, ready_resume_via_service

from refleum.db import utcnow
from refleum.ids import new_id
from refleum.letters.kinds import Kind
from refleum.letters.models import Letter
from refleum.letters.repository import LetterRepository
from refleum.orgs import service as orgs
from refleum.resumes.models import Resume, ResumeStatus
from refleum.resumes.repository import ResumeRepository
from refleum.webhooks import service as webhooks
from refleum.webhooks.schemas import WebhookCreate


@dataclass
class Seeded:
    org_id: str
    key_id: str
    resume_id: str
    child_id: str
    cover_letter_id: str
    outreach_id: str
    webhook_id: str = ""
    delivery_id: str = ""
    member_id: str = ""  # a person of the organization, where a test adds one


async def add_tailored(app, org_id: str, parent_id: str, created_at: datetime | None = None) -> str:
    async with app.state.db.sessions() as session:
        child = Resume(
            id=new_id("res"),
            status=ResumeStatus.READY,
            parent_id=parent_id,
            strategy="nudge",
            structured_data=RESUME,
            warnings=["one bullet was not changed"],
            created_at=created_at or utcnow(),
            updated_at=created_at or utcnow(),
        )
        await ResumeRepository(session, org_id).add(child)
        await session.commit()
    return child.id


async def add_letter(app, org_id: str, resume_id: str, kind: Kind, content: str) -> str:
    async with app.state.db.sessions() as session:
        letter = Letter(
            id=new_id(kind.id_prefix),
            resume_id=resume_id,
            kind=kind.value,
            content=content,
            connection_note="Hi, saw your post." if kind is Kind.OUTREACH else None,
            job_description="A job",
            language="en",
            engine="local",
            warnings=[],
        )
        await LetterRepository(session, org_id).add(letter)
        await session.commit()
    return letter.id


async def seed(app, org_id: str, label: str = "A") -> Seeded:
    resume_id = await ready_resume_via_service(app, org_id)
    child_id = await add_tailored(app, org_id, resume_id)
    cover = await add_letter(app, org_id, child_id, Kind.COVER_LETTER, f"Dear team of {label},")
    outreach = await add_letter(app, org_id, child_id, Kind.OUTREACH, f"Hello from {label}")
    async with app.state.db.sessions() as session:
        created = await orgs.create_key(session, org_id, name=f"key of {label}")
        hook, _ = await webhooks.create_endpoint(
            session,
            org_id,
            WebhookCreate(url=f"https://hooks.example.com/{label}", events=["resume.parsed"]),
            box=app.state.secrets,
            allow_private=False,
        )
        delivery = await webhooks.send_test(session, org_id, hook.id)
        await session.commit()
    return Seeded(
        org_id, created.key.id, resume_id, child_id, cover, outreach, hook.id, delivery.id
    )
