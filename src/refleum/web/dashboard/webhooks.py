"""Webhooks: the organization's endpoints and each one's delivery log; owners add
endpoints (the signing secret shown once, on the page that answers the POST), enable or
disable them, delete them and redeliver a delivery."""

from __future__ import annotations

from typing import Annotated

from fastapi import Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import ValidationError

from refleum.config import SettingsDep
from refleum.db import SessionDep
from refleum.errors import ValidationFailed
from refleum.events import EVENT_TYPES
from refleum.llm.deps import SecretsDep
from refleum.web.dashboard.pages import PageNotSaved, or_404, page_router
from refleum.web.deps import CurrentMember, CurrentOwner
from refleum.web.sessions import SignedIn
from refleum.web.templating import render
from refleum.webhooks import service
from refleum.webhooks.schemas import WebhookCreate, WebhookUpdate

router = page_router()


async def _list_page(
    request: Request, session: SessionDep, signed_in: SignedIn, *, status_code: int = 200, **ctx
) -> HTMLResponse:
    return render(
        request,
        "dashboard/webhooks.html",
        signed_in,
        status_code=status_code,
        active="webhooks",
        hooks=await service.list_endpoints(session, signed_in.org.id),
        event_types=EVENT_TYPES,
        **ctx,
    )


@router.get("/webhooks", response_class=HTMLResponse)
async def list_webhooks(request: Request, signed_in: CurrentMember, session: SessionDep):
    return await _list_page(request, session, signed_in)


def _form_error(exc: ValidationError | ValidationFailed) -> str:
    if isinstance(exc, ValidationFailed):
        return exc.detail
    first = exc.errors()[0]
    field = first["loc"][0] if first["loc"] else "form"
    if field == "events":
        return "Choose at least one event."
    return f"{field}: {first['msg']}"


@router.post("/webhooks", response_class=HTMLResponse)
async def create_webhook(
    request: Request,
    signed_in: CurrentOwner,
    session: SessionDep,
    settings: SettingsDep,
    secrets: SecretsDep,
    url: Annotated[str, Form()] = "",
    events: Annotated[list[str], Form()] = [],  # noqa: B006 - FastAPI copies the default
    description: Annotated[str, Form()] = "",
):
    try:
        body = WebhookCreate(url=url.strip(), events=events, description=description.strip())
        endpoint, secret = await service.create_endpoint(
            session,
            signed_in.org.id,
            body,
            box=secrets,
            allow_private=settings.webhook_allow_private,
        )
    except (ValidationError, ValidationFailed) as exc:
        values = {"url": url, "events": events, "description": description}
        page = await _list_page(
            request, session, signed_in, status_code=400, error=_form_error(exc), values=values
        )
        raise PageNotSaved(page) from None
    return render(
        request,
        "dashboard/webhook_created.html",
        signed_in,
        status_code=201,
        active="webhooks",
        hook=endpoint,
        secret=secret,
    )


@router.get("/webhooks/{webhook_id}", response_class=HTMLResponse)
async def webhook_page(
    webhook_id: str, request: Request, signed_in: CurrentMember, session: SessionDep
):
    endpoint = await or_404(service.get_endpoint(session, signed_in.org.id, webhook_id))
    deliveries = await service.delivery_log(session, signed_in.org.id, webhook_id)
    return render(
        request,
        "dashboard/webhook.html",
        signed_in,
        active="webhooks",
        hook=endpoint,
        deliveries=deliveries,
    )


@router.post("/webhooks/{webhook_id}/enabled")
async def set_enabled(
    webhook_id: str,
    signed_in: CurrentOwner,
    session: SessionDep,
    settings: SettingsDep,
    enabled: Annotated[bool, Form()] = False,
):
    update = WebhookUpdate(enabled=enabled)
    allow_private = settings.webhook_allow_private
    await or_404(
        service.update_endpoint(
            session, signed_in.org.id, webhook_id, update, allow_private=allow_private
        )
    )
    return RedirectResponse(f"/dashboard/webhooks/{webhook_id}", status_code=303)


@router.post("/webhooks/{webhook_id}/delete")
async def delete_webhook(webhook_id: str, signed_in: CurrentOwner, session: SessionDep):
    await or_404(service.delete_endpoint(session, signed_in.org.id, webhook_id))
    return RedirectResponse("/dashboard/webhooks", status_code=303)


@router.post("/webhooks/{webhook_id}/deliveries/{delivery_id}/redeliver")
async def redeliver(
    webhook_id: str, delivery_id: str, signed_in: CurrentOwner, session: SessionDep
):
    await or_404(service.redeliver(session, signed_in.org.id, webhook_id, delivery_id))
    return RedirectResponse(f"/dashboard/webhooks/{webhook_id}", status_code=303)
