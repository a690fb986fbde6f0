"""GET /dashboard/model: the organization's model configuration, as the API's llm-config.

Members read it; owners change it (same validation as PUT /api/v1/llm-config, through the
same service) and test it (the same check as ``refleum llm check``). The provider key is a
password field that is never filled back in: the page shows only the API's masked form.
"""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import ValidationError

from refleum.config import SettingsDep
from refleum.db import SessionDep
from refleum.errors import ValidationFailed
from refleum.llm import service
from refleum.llm.deps import SecretsDep
from refleum.llm.operations import check_provider
from refleum.llm.schemas import LLMConfigUpdate
from refleum.llm.secrets import SecretBox
from refleum.web.dashboard.pages import PageNotSaved, page_router
from refleum.web.deps import CurrentMember, CurrentOwner
from refleum.web.sessions import SignedIn
from refleum.web.templating import render

router = page_router()

CHECK_TIMEOUT_S = 30.0  # as `refleum llm check`
CHECKBOXES = ("enable_cover_letter", "enable_outreach_message")
TEXT_FIELDS = (
    "provider",
    "model",
    "api_base",
    "reasoning_effort",
    "content_language",
    "default_prompt_id",
)


async def _page(
    request: Request,
    session: SessionDep,
    signed_in: SignedIn,
    secrets: SecretBox,
    *,
    status_code: int = 200,
    values: dict[str, Any] | None = None,
    **context: Any,
) -> HTMLResponse:
    stored = service.present(await service.get_config(session, signed_in.org.id), secrets)
    return render(
        request,
        "dashboard/model.html",
        signed_in,
        status_code=status_code,
        active="model",
        stored=stored,
        values=stored.model_dump() | (values or {}),
        **context,
    )


@router.get("/model", response_class=HTMLResponse)
async def show(
    request: Request,
    signed_in: CurrentMember,
    session: SessionDep,
    secrets: SecretsDep,
    saved: bool = False,
):
    return await _page(request, session, signed_in, secrets, saved=saved)


def update_from_form(form: dict[str, Any]) -> LLMConfigUpdate:
    """The form as the API's body: every field sent, checkboxes absent meaning off, an
    empty key field meaning "keep the stored key" unless removal is ticked."""
    body: dict[str, Any] = {name: form.get(name, "") for name in TEXT_FIELDS}
    body |= {name: name in form for name in CHECKBOXES}
    if form.get("remove_api_key"):
        body["api_key"] = None
    elif form.get("api_key"):
        body["api_key"] = form["api_key"]
    return LLMConfigUpdate.model_validate(body)


def _messages(exc: ValidationError) -> list[str]:
    return [
        f"{'.'.join(str(p) for p in error['loc']) or 'form'}: {error['msg']}"
        for error in exc.errors()
    ]


@router.post("/model", response_class=HTMLResponse)
async def save(
    request: Request,
    signed_in: CurrentOwner,
    session: SessionDep,
    settings: SettingsDep,
    secrets: SecretsDep,
):
    form = {k: v for k, v in (await request.form()).items() if isinstance(v, str)}
    try:
        await service.update_config(
            session,
            signed_in.org.id,
            update_from_form(form),
            secrets=secrets,
            allow_private_base=settings.llm_allow_private_base,
        )
    except (ValidationError, ValidationFailed) as exc:
        errors = _messages(exc) if isinstance(exc, ValidationError) else [exc.detail]
        submitted = {name: form.get(name, "") for name in TEXT_FIELDS}
        submitted |= {name: name in form for name in CHECKBOXES}
        # update_config may have changed the row in memory: forget every object of this
        # session (the signed-in member and org stay readable, detached) so the page shows
        # what is stored; the raise then rolls the transaction back.
        session.expunge_all()
        page = await _page(
            request, session, signed_in, secrets, status_code=400, values=submitted, errors=errors
        )
        raise PageNotSaved(page) from None
    return RedirectResponse("/dashboard/model?saved=true", status_code=303)


@router.post("/model/test", response_class=HTMLResponse)
async def test_connection(
    request: Request,
    signed_in: CurrentOwner,
    session: SessionDep,
    settings: SettingsDep,
    secrets: SecretsDep,
):
    # The check can take its whole timeout: end the session's transaction first (it may
    # hold a write, the last-seen time), so SQLite's write lock is never held meanwhile.
    await session.commit()
    try:
        result = await check_provider(
            session,
            signed_in.org.id,
            secrets,
            allow_private=settings.llm_allow_private_base,
            timeout_s=CHECK_TIMEOUT_S,
        )
    except Exception as exc:  # the owner asked for the exact error, as the CLI shows it
        check = {"ok": False, "message": f"{type(exc).__name__}: {exc}"}
    else:
        if result.provider == "local":
            message = "Provider local: the built-in engine, no model to call."
        else:
            message = (
                f"{result.provider} model {result.model} answered in "
                f"{result.latency_ms:.0f} ms ({result.input_tokens} tokens in, "
                f"{result.output_tokens} out)."
            )
        check = {"ok": True, "message": message}
    return await _page(request, session, signed_in, secrets, check=check)
